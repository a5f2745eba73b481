package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Printed filters with a streaming form must print exactly what the filter returns: each case prints the filter
 * directly (streaming) and through a variable (the filter's value), which must agree.
 */
class StreamingFiltersTest {
    private static void same(String expr, Object... kv) {
        String direct = Twig.render("{{ " + expr + " }}", kv);
        String viaValue = Twig.render("{% set v = " + expr + " %}{{ v }}", kv);
        assertEquals(viaValue, direct, expr);
    }

    @Test
    void streamingAndValueFormsAgree() {
        Object[] data = {"d", 12.345, "n", -7L, "f", -2.5, "s", "Hello World", "u", "héllo", "big", 1234567.891,
            "e", 12.5, "list", List.of("a", 2L, 3.5)};
        for (String e : List.of("d|round(2)", "d|round", "f|round", "e|round", "big|round(1)", "n|abs", "f|abs",
                "d|abs", "s|slice(0, 5)", "s|slice(-5)", "s|slice(2, -3)", "s|slice(20)", "u|slice(1, 2)",
                "s|upper", "s|lower", "s|capitalize", "u|capitalize", "'  x '|trim", "big|number_format(2)",
                "n|number_format(1, ',', '.')", "d|number_format", "list|join(', ')", "list|length", "s|length",
                "s|e('js')", "s|e('url')")) {
            same(e, data);
        }
    }

    /** PHP formats (float) n: an int beyond 2^53 prints as the double it becomes (expected from the oracle). */
    @Test
    void numberFormatReadsIntsAsPhpFloats() {
        assertEquals("9,007,199,254,740,992|9,007,199,254,740,992.00|-9,007,199,254,740,992|1.01",
                Twig.render("{{ n|number_format }}|{{ n|number_format(2) }}|{{ m|number_format }}"
                        + "|{{ 1.005|number_format(2) }}", "n", 9007199254740993L, "m", -9007199254740993L));
        assertEquals("1,234.50|12.00|0.3|-1,000", Twig.render("{{ a|number_format(2) }}|{{ b|number_format(2) }}"
                + "|{{ c|number_format(1) }}|{{ d|number_format }}", "a", new java.math.BigDecimal("1234.5"),
                "b", (short) 12, "c", 0.25f, "d", -1000));
    }

    @Test
    void macrosPrintedInPlaceBindNamedArgumentsAndDefaults() {
        Map<String, String> t = Twig.templates("index.twig", "{% import 'm.twig' as m %}{{ m.row(label: 'a', value: 1) }}"
                + "{{ m.row('b') }}{{ m.row(value: 3, label: 'c') }}{{ m.row('d', 4, 'extra') }}",
                "m.twig", "{% macro row(label, value = 0) %}[{{ label }}={{ value }}{{ varargs|join }}]{% endmacro %}");
        assertEquals("[a=1][b=0][c=3][d=4extra]", Twig.renderAll(t));
    }

    @Test
    void literalListsAndMapsAreConstantsButStillValues() {
        assertEquals("a,b|2|a=1", Twig.render("{% set l = ['a', 'b'] %}{{ l|join(',') }}|{{ l|length }}|"
                + "{% for k, v in {a: 1} %}{{ k }}={{ v }}{% endfor %}"));
        assertEquals("a,b,c", Twig.render("{{ (['a', 'b']|merge(['c']))|join(',') }}"));
    }
}
