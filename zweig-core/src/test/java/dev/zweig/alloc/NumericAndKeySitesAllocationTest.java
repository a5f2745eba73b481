package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small sites issue 10 found allocating, each printed and chained into another core filter or operator, at most
 * {@link #BOUND} bytes per render after a warm-up, with real Twig's output (PHP oracle): {@code m[p]} with a key
 * built at render time (a render-private text, read through the render's key cache), abs, round, number_format,
 * max and min of numeric strings, floats printed in exponent form, and 19- or 20-digit numeric strings (beyond a
 * long: floats, as PHP reads them).
 */
class NumericAndKeySitesAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    static Map<String, Object> data() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("ka", 1L);
        m.put("kb", 2L);
        m.put("a", 3L);
        m.put(1L, "one"); // PHP's array {"1": "one"} has the integer key 1
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("m", m);
        d.put("x", "a");
        d.put("k", "K");
        d.put("s", "-3.75");
        d.put("s2", "1234.5");
        d.put("big", "9223372036854775808");
        d.put("big2", "12345678901234567890");
        d.put("e", "1e3");
        d.put("n", "10");
        d.put("n2", "9");
        d.put("i", 7L);
        d.put("nums", List.of("3", "10", "2.5"));
        d.put("words", "a,b,c");
        d.put("f", 1.5);
        d.put("tiny", 3.0);
        d.put("keys", List.of("a", "b"));
        d.put("huge", 1.5e20);
        d.put("small", 1.5e-7);
        d.put("rows", Map.of("ra", Map.of("v", "A"), "rb", Map.of("v", "B")));
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("key concat",
                        "{{ m['k' ~ x] }}|{{ m['k' ~ x] + 1 }}|{{ m[x] }}|{{ m['k' ~ 'b']|default('none') }}",
                        "1|2|3|2"),
                Arguments.of("key set",
                        "{% set p = 'k' ~ x %}{{ m[p] }}|{{ (m[p] * 10)|abs }}|{{ m[p ~ ''] }}",
                        "1|10|1"),
                Arguments.of("key filter",
                        "{{ m[k|lower ~ x] }}|{{ m[(k ~ 'B')|lower] }}|{{ m[1 ~ ''] }}|{{ m[('%s' ~ 'b')|format('k')] }}",
                        "1|2|one|2"),
                Arguments.of("key in loop",
                        "{% for c in ['a', 'b'] %}{{ m['k' ~ c] }}{{ m['k' ~ c] is odd ? 'o' : 'e' }}{% endfor %}",
                        "1o2e"),
                Arguments.of("key in tests and chains",
                        "{{ m['k' ~ x] is defined ? 'y' : 'n' }}{{ m['z' ~ x] is defined ? 'y' : 'n' }}|"
                                + "{{ m['z' ~ x] ?? 'none' }}|{% for c in ['a', 'b'] %}{% set v = rows['r' ~ c].v %}"
                                + "{{ v }}{{ rows['r' ~ c]['v'] }}{% endfor %}",
                        "yn|none|AABB"),
                Arguments.of("split key",
                        "{% set parts = words|split(',') %}{{ parts[0 ~ ''] }}{{ (words|split(','))[1 ~ ''] }}",
                        "ab"),
                Arguments.of("abs strings",
                        "{{ s|abs }}|{{ '-12'|abs }}|{{ (s|abs) + 1 }}|{{ s|abs|round }}|{{ big|abs }}|{{ ' 7 '|abs }}",
                        "3.75|12|4.75|4|9.2233720368548E+18|7"),
                Arguments.of("number_format strings",
                        "{{ s2|number_format(2) }}|{{ s|number_format }}|{{ '1e3'|number_format }}|{{ big2|number_format"
                                + " }}|{{ (s2|number_format(1, ',', '.')) ~ '!' }}",
                        "1,234.50|-4|1,000|12,345,678,901,234,567,168|1.234,5!"),
                Arguments.of("round strings",
                        "{{ s|round }}|{{ s|round(1) }}|{{ s|round(1, 'floor') }}|{{ s|round(1, 'ceil') ~ '' }}|{{ (s|ro"
                                + "und) * 2 }}",
                        "-4|-3.8|-3.8|-3.7|-8"),
                Arguments.of("max min strings",
                        "{{ max(n, n2) }}|{{ min(n, n2) }}|{{ max(nums) }}|{{ min(nums) }}|{{ max(n, n2) + 1 }}|{{ (min("
                                + "nums) * 2)|number_format(1) }}",
                        "10|9|10|2.5|11|5.0"),
                Arguments.of("exponent",
                        "{{ '1e3' + 1 }}|{{ e + 1 }}|{{ e * 2 }}|{{ huge }}|{{ huge * f }}|{{ small }}|{{ small / 3 }}|{"
                                + "{ tiny * 100000000000000 }}|{{ huge ~ '' }}|{{ (huge * 10000)|abs }}|{{ -huge }}",
                        "1001|1001|2000|1.5E+20|2.25E+20|1.5E-7|5.0E-8|3.0E+14|1.5E+20|1.5E+24|-1.5E+20"),
                Arguments.of("19 digits",
                        "{{ big + 1 }}|{{ big2 * 1 }}|{{ big2 > 5 }}|{{ big|abs }}|{{ big2|round }}|{{ '9223372036854775"
                                + "807' + 0 }}|{{ '-9223372036854775809' - 1 }}|{{ ('1' ~ big|slice(1)) + 0 }}|{{ big2|number_form"
                                + "at }}|{{ -big2 }}",
                        "9.2233720368548E+18|1.2345678901235E+19|1|9.2233720368548E+18|1.2345678901235E+19|9223372036854"
                                + "775807|-9.2233720368548E+18|1223372036854775808|12,345,678,901,234,567,168|-1.2345678901235E+19"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template))).strictVariables(true)
                .build().load("main");
        Map<String, Object> data = data();
        AllocationMeter.assertRendersWithin(what, t, data, expected, 1000, BOUND);
    }

    @Test
    void keysBuiltAtRenderTimeFindTheirValuesWhateverTheCacheHolds() {
        // more distinct keys than the render's key cache holds, colliding and changing from render to render
        Map<String, Object> m = new LinkedHashMap<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            m.put("key" + i, (long) i * 3);
            expected.append(i * 3).append(',');
        }
        Template t = Environment.builder().loader(new MapLoader(Map.of("main",
                "{% for i in 0..499 %}{{ m['key' ~ i] }},{% endfor %}{% set p = 'key' ~ n %}{{ m[p] }}")))
                .build().load("main");
        for (int n = 0; n < 20; n++) {
            assertEquals(expected + String.valueOf(n * 3), t.render(Map.of("m", m, "n", (long) n)));
        }
    }
}
