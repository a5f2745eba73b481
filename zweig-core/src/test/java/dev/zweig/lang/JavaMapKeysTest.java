package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A Java map is a PHP array to a template, so its integer-like String keys are PHP's int keys: {@code "5"} is the
 * key 5, as in {@code ["5" => 2, "p" => 1]} (PHP casts a decimal integer string key to an int; "07", "-0", "1.5"
 * and a string beyond PHP_INT_MAX stay strings). The expected outputs are PHP 8's: array_merge, array_slice and
 * array_reverse renumber int keys; array_keys and foreach hand out the int.
 */
class JavaMapKeysTest {

    /** Renders each source with m as {@code m} and checks its output: pairs of expected output and source. */
    private static void outputs(Object m, String... expectedAndSource) {
        for (int i = 0; i < expectedAndSource.length; i += 2) {
            assertEquals(expectedAndSource[i], render(expectedAndSource[i + 1], "m", m), expectedAndSource[i + 1]);
        }
    }

    @Test
    void integerLikeStringKeysAreRenumberedByMergeSliceAndReverse() {
        outputs(vars("5", 2L, "p", 1L),
                "{\"0\":2,\"p\":1,\"1\":9}", "{{ m|merge([9])|json_encode|raw }}",
                "{\"0\":2,\"p\":1,\"1\":1}", "{{ m|merge({6: 1})|json_encode|raw }}",
                "[2]", "{{ m|slice(0, 1)|json_encode|raw }}",
                "{\"p\":1,\"0\":2}", "{{ m|reverse|json_encode|raw }}",
                // keys kept where PHP keeps them
                "{\"p\":1,\"5\":2}", "{{ m|sort|json_encode|raw }}",
                "{\"5\":2}", "{{ m|filter((v, k) => k is same as(5))|json_encode|raw }}");
    }

    @Test
    void onlyDecimalIntegerStringsBecomeIntKeys() {
        outputs(vars("07", 1L, "-3", 2L, "1.5", 3L, "9223372036854775808", 4L, "-0", 5L, "12", 6L),
                "{\"07\":1,\"0\":2,\"1.5\":3,\"9223372036854775808\":4,\"-0\":5,\"1\":6,\"2\":9}",
                "{{ m|merge([9])|json_encode|raw }}",
                "[\"07\",-3,\"1.5\",\"9223372036854775808\",\"-0\",12]", "{{ m|keys|json_encode|raw }}");
    }

    @Test
    void loopsAndCallbacksSeeTheIntKey() {
        outputs(vars("5", 2L, "p", 1L),
                "int str ", "{% for k, v in m %}{{ k is same as(5) ? 'int' : 'str' }} {% endfor %}",
                "is", "{% for k in m|keys %}{{ k is same as(5) ? 'i' : 's' }}{% endfor %}",
                "is", "{{ m|map((v, k) => k is same as(5) ? 'i' : 's')|join }}",
                "is", "{{ m|reduce((c, v, k) => c ~ (k is same as(5) ? 'i' : 's'), '') }}",
                "6", "{% for k, v in m %}{% if loop.first %}{{ k + 1 }}{% endif %}{% endfor %}");
        // a map whose keys are "0", "1" is a list
        outputs(vars("0", "a", "1", "b"),
                "[\"a\",\"b\",\"c\"]", "{{ m|merge(['c'])|json_encode|raw }}",
                "yes", "{{ m is sequence ? 'yes' : 'no' }}");
    }

    @Test
    void aMapHoldingBothTheStringAndTheIntKeyIsOnePhpKey() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("5", "s");
        m.put(5L, "l");
        outputs(m, "5=l;", "{% for k, v in m %}{{ k }}={{ v }};{% endfor %}");
    }
}
