package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values made for a key or a piece: an integer-like text key's Long (and a computed text key's String) from the
 * render's caches (Values#normalizeKey), a split kept in a variable only consumed (the list in scratch storage),
 * a string sliced at a float offset (a round's result: written out, no String), and a set of several variables
 * (no array per set on the interpreter): nothing allocated per render once warm, on either executor. The expected
 * outputs are real Twig's (oracle). A split kept in a variable that an include or a macro may keep is a list of
 * its own.
 */
class KeysAndPiecesAllocationTest {
    private static final double BOUND = 16.0;

    static Map<String, Object> data() {
        return GroupingAccumulationTest.json("{\"posts\": [{\"y\": \"2023\"}, {\"y\": \"2021\"}, {\"y\": \"2023\"},"
                + " {\"y\": \"2022\"}], \"items\": [{\"body\": \"one two three four five\"}, {\"body\": \"short text\"}],"
                + " \"pops\": [0, 30, 55.5, 80, 100, 12.5], \"pairs\": [{\"x\": 1, \"y\": \"a\"}, {\"x\": 2, \"y\": \"b\"}]}");
    }

    static Stream<String[]> cases() {
        return Stream.of(
                new String[] {"integer-like text keys", "{% set years = {} %}{% for p in posts %}{% set years ="
                        + " years|merge({(p.y): (years[p.y] ?? 0) + 1}) %}{% endfor %}{{ years|keys|join(',') }}|"
                        + "{{ years|join(',') }}|{{ {(posts[0].y): 'a', ('x' ~ posts[1].y): 'b'}|keys|join(',') }}",
                        "0,1,2,3|1,1,1,1|2023,x2021"},
                new String[] {"a split kept in a variable", "{% for it in items %}{% set words = it.body|split(' ') %}"
                        + "{{ words|length > 3 ? words|slice(0, 3)|join(' ') ~ '…' : it.body }};{% endfor %}",
                        "one two three…;short text;"},
                new String[] {"a string sliced at a float", "{% for p in pops %}{{ '▁▂▃▄▅▆▇█'|slice(min(7, max(0,"
                        + " (p / 12.5)|round(0, 'floor'))), 1) }}{% endfor %}|{{ 'abcdef'|slice(1.0, 2.0) }}|"
                        + "{{ 'abc'|slice(-1) }}|{{ 'abc'|slice(1, -5) }}", "▁▃▅▇█▂|bc|c|"},
                new String[] {"several variables set at once", "{% for r in pairs %}{% set a, b = r.x, r.y %}"
                        + "{{ a }}{{ b }}{% set a, b = b, a %}{{ a }}{{ b }};{% endfor %}", "1aa1;2bb2;"});
    }

    /** A split kept where an included template or a macro keeps it: user code's list never changes afterwards. */
    @Test
    void aSplitKeptAndHandedOnIsAListOfItsOwn() {
        List<Object> seen = new ArrayList<>();
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", "{% macro m(v) %}{{ keep(v) }}"
                + "{% endmacro %}{% set parts = csv|split(',') %}{{ parts|length }}{% include 'inc' %}"
                + "{{ _self.m(parts) }}", "inc", "{{ keep(parts) }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("value")).build().load("t");
        Map<String, Object> data = new HashMap<>(Map.of("csv", "a,b,c"));
        assertEquals("3", t.render(data));
        data.put("csv", "u,v,w,x");
        for (int i = 0; i < 5; i++) {
            assertEquals("4", t.render(data));
        }
        assertEquals(List.of("a", "b", "c"), List.copyOf((List<?>) seen.get(0)));
        assertEquals(List.of("a", "b", "c"), List.copyOf((List<?>) seen.get(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void madeWithoutAllocating(String name, String template, String expected) {
        AllocationMeter.assertRendersWithin(Environment.builder().loader(new MapLoader(Map.of("index.twig",
                template))).strictVariables(true).build().load("index.twig"), data(), expected, BOUND, name);
    }
}
