package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Collections built for one expression: list and hash literals with spreads consumed on the spot (their pairs
 * copied into the render's scratch storage, integer keys renumbered after PHP's next free key:
 * Semantics#spreadList), a reduce whose carry is a hash literal read for one element
 * ({@code reduce(...).due}: its initial literal and each step's in scratch storage), an element read of a sort's
 * result or of a literal, and the sequence {@code has every} and {@code has some} read: nothing allocated per
 * render once warm, on either executor. The expected outputs are real Twig's (oracle).
 */
class LiteralStorageAllocationTest {
    private static final double BOUND = 16.0;

    static Map<String, Object> data() {
        return GroupingAccumulationTest.json("{\"a\": [1, 2], \"b\": [\"x\"], \"m\": {\"p\": 1, \"5\": 2, \"q\": 3},"
                + " \"n\": [7, 8], \"hits\": [{\"t\": \"post\"}, {\"t\": \"page\"}, {\"t\": \"post\"}],"
                + " \"rows\": [{\"v\": 1}, {\"v\": 6}, {\"v\": 3}],"
                + " \"brackets\": [{\"w\": 10, \"r\": 0}, {\"w\": 40, \"r\": 0.2}, {\"w\": 1000, \"r\": 0.4}]}");
    }

    static Stream<String[]> cases() {
        return Stream.of(
                new String[] {"spreads", "{{ [...a, ...b, 'z']|join('+') }}|{{ {...m, k: 'v', ...n}|keys|join(',') }}|"
                        + "{{ [...m, 9]|json_encode }}|{{ {2: 'x', ...a, (-5): 'y', ...n}|keys|join(',') }}|"
                        + "{{ {(-5): 'y', ...n}|keys|join(',') }}|{{ [...a, ...m]|length }}",
                        "1+2+x+z|p,0,q,k,1,2|{&quot;p&quot;:1,&quot;0&quot;:2,&quot;q&quot;:3,&quot;1&quot;:9}|"
                                + "2,3,4,-5,5,6|-5,-4,-3|5"},
                new String[] {"a carry literal read for one element", "{{ brackets|reduce((acc, b) => {left: max(0,"
                        + " acc.left - b.w), due: acc.due + min(acc.left, b.w) * b.r}, {left: 100, due: 0}).due }}|"
                        + "{{ (rows|sort((x, y) => y.v <=> x.v))[0].v }}|{{ [1, a|length, 3][1] }}", "28|1|2"},
                new String[] {"has every and has some", "{{ hits|column('t') has every t => t matches '/^[a-z]+$/'"
                        + " ? 'yes' : 'no' }}|{{ hits|column('t') has some t => t == 'page' ? 'yes' : 'no' }}", "1|1"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void builtInScratchStorage(String name, String template, String expected) {
        AllocationMeter.assertRendersWithin(load(template), data(), expected, BOUND, name);
    }

    /** A literal with spreads that is kept is one of its own, the same value (PHP's next free key included). */
    @Test
    void aSpreadLiteralKeptIsItsOwn() {
        Template t = load("{% set x = {(-5): 'y', ...n} %}{% set l = [...a, ...m] %}{{ x|keys|join(',') }}|"
                + "{{ l|json_encode }}");
        for (int i = 0; i < 3; i++) {
            assertEquals("-5,-4,-3|{&quot;0&quot;:1,&quot;1&quot;:2,&quot;p&quot;:1,&quot;2&quot;:2,&quot;q&quot;:3}",
                    t.render(data()));
        }
    }

    private static Template load(String template) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", template))).strictVariables(true)
                .build().load("index.twig");
    }
}
