package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The core operations read a render-private text (a string kept by {@code set s = v ~ ''}, a piece of a split
 * iterated) in place: {@code == != < >= <=>} against strings and ints, {@code in}, first, last, reverse, {@code ?:},
 * {@code ? :}, replace (integer keys too), url_encode, and {@code + * - / // % **} reading the number a string
 * holds, with PHP 8's numeric-string rules (leading and trailing whitespace, '1e1' == '10', integers beyond the int
 * range, '0x1A' not numeric...). Expected outputs from the Twig oracle. On common values a render allocates at
 * most {@link #BOUND} bytes after a warm-up; the extreme ones (19-digit integers, 1e1000, floats printed with an
 * exponent) take Java's exact parser and printer, and are checked for their output only.
 */
class TextOperandAllocationTest {
    private static final double BOUND = 16.0;

    private static final String T0 = "{% for i, v in as %}{% set b = bs[i] %}{% set s = v ~ '' %}[{{ s == b ? 'eq' }}|{{ s != b ? 'ne' }}|{{ s < b ? 'lt' }}|{{ s >= b ? 'ge' }}|{{ s <=> b }}|{{ b <=> s }}|{{ s == 10 ? 'ten' }}|{{ s <=> 10 }}|{{ -5 <=> s }}|{{ s == 0 ? 'zero' }}|{{ s in bs ? 'in' }}|{{ s|first }}{{ s|last }}|{{ s|reverse }}|{{ s ?: 'none' }}|{{ s ? 'y' : 'n' }}|{{ s|replace({'1': 'one', 'e': 'E'}) }}|{{ s|url_encode }}]{% endfor %}";
    private static final String T1 = "{% for p in as|join('|')|split('|') %}{% set b = bs[loop.index0] %}[{{ p == b ? 'eq' }}|{{ p != b ? 'ne' }}|{{ p < b ? 'lt' }}|{{ p >= b ? 'ge' }}|{{ p <=> b }}|{{ b <=> p }}|{{ p == 10 ? 'ten' }}|{{ p <=> 10 }}|{{ -5 <=> p }}|{{ p == 0 ? 'zero' }}|{{ p in bs ? 'in' }}|{{ p|first }}{{ p|last }}|{{ p|reverse }}|{{ p ?: 'none' }}|{{ p ? 'y' : 'n' }}|{{ p|replace({'1': 'one', 'e': 'E'}) }}|{{ p|url_encode }}]{% endfor %}";
    private static final String T2 = "{% for v in ns %}{% set s = v ~ '' %}[{{ s + 1 }}|{{ s * 2 }}|{{ s - 0.5 }}|{{ s / 4 }}|{{ s // 2 }}|{{ s % 3 }}|{{ s ** 2 }}|{{ s + 1 > 5 ? 'big' }}]{% endfor %}";
    private static final String T3 = "{% for p in ns|join('|')|split('|') %}[{{ p + 1 }}|{{ p * 2 }}|{{ p - 0.5 }}|{{ p / 4 }}|{{ p // 2 }}|{{ p % 3 }}|{{ p ** 2 }}|{{ p + 1 > 5 ? 'big' }}]{% endfor %}";

    private static Map<String, Object> data(List<String> as, List<String> bs, List<String> ns) {
        Map<String, Object> d = new HashMap<>();
        d.put("as", as);
        d.put("bs", bs);
        d.put("ns", ns);
        return d;
    }

    static Stream<Arguments> common() {
        return Stream.of(
                Arguments.of("comparisons on a kept text", T0, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", ".5")),
                        "[eq|||ge|0|0|ten|0|-1||in|10|01|10|y|one0|10][eq|||ge|0|0|ten|0|-1||in|11|1e1|1e1|y|oneEone|1e1][eq|||ge|0|0|ten|0|-1||in| 0|01 | 10|y| one0|%2010][eq|||ge|0|0|ten|0|-1||in|1 | 01|10 |y|one0 |10%20][eq|||ge|0|0||1|-1||in|13|3e1|1e3|y|oneE3|1e3][|ne|lt||-1|1||1|-1|||ac|cba|abc|y|abc|abc][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc][|ne|lt||-1|1||-1|-1|||0A|A1x0|0x1A|y|0xoneA|0x1A][eq|||ge|0|0||-1|-1||in|10|0.1|1.0|y|one.0|1.0][eq|||ge|0|0||-1|-1|zero|in|-0|0-|-0|y|-0|-0][eq|||ge|0|0||-1|-1||in|.5|5.|.5|y|.5|.5][eq|||ge|0|0||-1|-1||in|1.|.1|1.|y|one.|1.][|ne|lt||-1|1||-1|1|||||none|n||][|ne|lt||-1|1||-1|-1|||25|5.2|2.5|y|2.5|2.5][|ne||ge|1|-1||-1|-1|||-1|1-|-1|y|-one|-1][|ne||ge|1|-1|ten|0|-1||in|10|01|10|y|one0|10][|ne||ge|1|-1||1|-1|||\u00e9\u00e9|\u00e9|\u00e9|y|\u00e9|%C3%A9][eq|||ge|0|0||1|-1||in|10|001|100|y|one00|100][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc]"),
                Arguments.of("comparisons on split pieces", T1, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", ".5")),
                        "[eq|||ge|0|0|ten|0|-1||in|10|01|10|y|one0|10][eq|||ge|0|0|ten|0|-1||in|11|1e1|1e1|y|oneEone|1e1][eq|||ge|0|0|ten|0|-1||in| 0|01 | 10|y| one0|%2010][eq|||ge|0|0|ten|0|-1||in|1 | 01|10 |y|one0 |10%20][eq|||ge|0|0||1|-1||in|13|3e1|1e3|y|oneE3|1e3][|ne|lt||-1|1||1|-1|||ac|cba|abc|y|abc|abc][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc][|ne|lt||-1|1||-1|-1|||0A|A1x0|0x1A|y|0xoneA|0x1A][eq|||ge|0|0||-1|-1||in|10|0.1|1.0|y|one.0|1.0][eq|||ge|0|0||-1|-1|zero|in|-0|0-|-0|y|-0|-0][eq|||ge|0|0||-1|-1||in|.5|5.|.5|y|.5|.5][eq|||ge|0|0||-1|-1||in|1.|.1|1.|y|one.|1.][|ne|lt||-1|1||-1|1|||||none|n||][|ne|lt||-1|1||-1|-1|||25|5.2|2.5|y|2.5|2.5][|ne||ge|1|-1||-1|-1|||-1|1-|-1|y|-one|-1][|ne||ge|1|-1|ten|0|-1||in|10|01|10|y|one0|10][|ne||ge|1|-1||1|-1|||\u00e9\u00e9|\u00e9|\u00e9|y|\u00e9|%C3%A9][eq|||ge|0|0||1|-1||in|10|001|100|y|one00|100][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc]"),
                Arguments.of("arithmetic on a kept text", T2, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", ".5")),
                        "[11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][3.5|5|2|0.625|1|2|6.25|][-2|-6|-3.5|-0.75|-2|0|9|][1.5|1|0|0.125|0|0|0.25|]"),
                Arguments.of("arithmetic on split pieces", T3, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", ".5")),
                        "[11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][3.5|5|2|0.625|1|2|6.25|][-2|-6|-3.5|-0.75|-2|0|9|][1.5|1|0|0.125|0|0|0.25|]"));
    }

    static Stream<Arguments> extreme() {
        return Stream.of(
                Arguments.of("comparisons on a kept text", T0, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "9223372036854775807", "9223372036854775808", "1e1000", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "9223372036854775808", "9223372036854775808.0", "1e1001", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", "9223372036854775807", ".5", "1e20")),
                        "[eq|||ge|0|0|ten|0|-1||in|10|01|10|y|one0|10][eq|||ge|0|0|ten|0|-1||in|11|1e1|1e1|y|oneEone|1e1][eq|||ge|0|0|ten|0|-1||in| 0|01 | 10|y| one0|%2010][eq|||ge|0|0|ten|0|-1||in|1 | 01|10 |y|one0 |10%20][eq|||ge|0|0||1|-1||in|13|3e1|1e3|y|oneE3|1e3][|ne|lt||-1|1||1|-1|||ac|cba|abc|y|abc|abc][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc][|ne|lt||-1|1||1|-1||in|97|7085774586302733229|9223372036854775807|y|9223372036854775807|9223372036854775807][eq|||ge|0|0||1|-1||in|98|8085774586302733229|9223372036854775808|y|9223372036854775808|9223372036854775808][|ne|lt||-1|1||1|-1|||10|0001e1|1e1000|y|oneEone000|1e1000][|ne|lt||-1|1||-1|-1|||0A|A1x0|0x1A|y|0xoneA|0x1A][eq|||ge|0|0||-1|-1||in|10|0.1|1.0|y|one.0|1.0][eq|||ge|0|0||-1|-1|zero|in|-0|0-|-0|y|-0|-0][eq|||ge|0|0||-1|-1||in|.5|5.|.5|y|.5|.5][eq|||ge|0|0||-1|-1||in|1.|.1|1.|y|one.|1.][|ne|lt||-1|1||-1|1|||||none|n||][|ne|lt||-1|1||-1|-1|||25|5.2|2.5|y|2.5|2.5][|ne||ge|1|-1||-1|-1|||-1|1-|-1|y|-one|-1][|ne||ge|1|-1|ten|0|-1||in|10|01|10|y|one0|10][|ne||ge|1|-1||1|-1|||\u00e9\u00e9|\u00e9|\u00e9|y|\u00e9|%C3%A9][eq|||ge|0|0||1|-1||in|10|001|100|y|one00|100][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc]"),
                Arguments.of("comparisons on split pieces", T1, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "9223372036854775807", "9223372036854775808", "1e1000", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "9223372036854775808", "9223372036854775808.0", "1e1001", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", "9223372036854775807", ".5", "1e20")),
                        "[eq|||ge|0|0|ten|0|-1||in|10|01|10|y|one0|10][eq|||ge|0|0|ten|0|-1||in|11|1e1|1e1|y|oneEone|1e1][eq|||ge|0|0|ten|0|-1||in| 0|01 | 10|y| one0|%2010][eq|||ge|0|0|ten|0|-1||in|1 | 01|10 |y|one0 |10%20][eq|||ge|0|0||1|-1||in|13|3e1|1e3|y|oneE3|1e3][|ne|lt||-1|1||1|-1|||ac|cba|abc|y|abc|abc][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc][|ne|lt||-1|1||1|-1||in|97|7085774586302733229|9223372036854775807|y|9223372036854775807|9223372036854775807][eq|||ge|0|0||1|-1||in|98|8085774586302733229|9223372036854775808|y|9223372036854775808|9223372036854775808][|ne|lt||-1|1||1|-1|||10|0001e1|1e1000|y|oneEone000|1e1000][|ne|lt||-1|1||-1|-1|||0A|A1x0|0x1A|y|0xoneA|0x1A][eq|||ge|0|0||-1|-1||in|10|0.1|1.0|y|one.0|1.0][eq|||ge|0|0||-1|-1|zero|in|-0|0-|-0|y|-0|-0][eq|||ge|0|0||-1|-1||in|.5|5.|.5|y|.5|.5][eq|||ge|0|0||-1|-1||in|1.|.1|1.|y|one.|1.][|ne|lt||-1|1||-1|1|||||none|n||][|ne|lt||-1|1||-1|-1|||25|5.2|2.5|y|2.5|2.5][|ne||ge|1|-1||-1|-1|||-1|1-|-1|y|-one|-1][|ne||ge|1|-1|ten|0|-1||in|10|01|10|y|one0|10][|ne||ge|1|-1||1|-1|||\u00e9\u00e9|\u00e9|\u00e9|y|\u00e9|%C3%A9][eq|||ge|0|0||1|-1||in|10|001|100|y|one00|100][|ne||ge|1|-1||1|-1|||ac|cba|abc|y|abc|abc]"),
                Arguments.of("arithmetic on a kept text", T2, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "9223372036854775807", "9223372036854775808", "1e1000", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "9223372036854775808", "9223372036854775808.0", "1e1001", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", "9223372036854775807", ".5", "1e20")),
                        "[11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][3.5|5|2|0.625|1|2|6.25|][-2|-6|-3.5|-0.75|-2|0|9|][9.2233720368548E+18|1.844674407371E+19|9.2233720368548E+18|2.3058430092137E+18|4611686018427387904|1|8.5070591730235E+37|big][1.5|1|0|0.125|0|0|0.25|][1.0E+20|2.0E+20|1.0E+20|2.5E+19|-5340232221128654848|1|1.0E+40|big]"),
                Arguments.of("arithmetic on split pieces", T3, data(List.of("10", "1e1", " 10", "10 ", "1e3", "abc", "abc", "9223372036854775807", "9223372036854775808", "1e1000", "0x1A", "1.0", "-0", ".5", "1.", "", "2.5", "-1", "10", "\u00e9", "100", "abc"),
                        List.of("10", "10", "10", "10", "1000", "abd", "ABC", "9223372036854775808", "9223372036854775808.0", "1e1001", "26", "1", "0", "0.5", "1", "0", "10", "-", "9", "e", "1e2", "10"),
                        List.of("10", " 10", "1e1", "2.5", "-3", "9223372036854775807", ".5", "1e20")),
                        "[11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][11|20|9.5|2.5|5|1|100|big][3.5|5|2|0.625|1|2|6.25|][-2|-6|-3.5|-0.75|-2|0|9|][9.2233720368548E+18|1.844674407371E+19|9.2233720368548E+18|2.3058430092137E+18|4611686018427387904|1|8.5070591730235E+37|big][1.5|1|0|0.125|0|0|0.25|][1.0E+20|2.0E+20|1.0E+20|2.5E+19|-5340232221128654848|1|1.0E+40|big]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("common")
    void readsTextsInPlaceAsTwigDoes(String what, String template, Map<String, Object> data, String expected) {
        Template t = template(template);
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(2048));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 300, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extreme")
    void extremeNumericStringsCompareAndCountAsTwigDoes(String what, String template, Map<String, Object> data,
            String expected) {
        Template t = template(template);
        for (int i = 0; i < 3; i++) {
            StringBuilderOutput out = new StringBuilderOutput();
            t.render(data, out);
            assertEquals(expected, out.toString(), what);
        }
    }

    private static Template template(String source) {
        return Environment.builder().strictVariables(true).loader(new MapLoader(Map.of("t", source))).build()
                .load("t");
    }
}
