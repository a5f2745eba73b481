package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Floats written as text by json_encode (PHP's shortest digits, serialize_precision -1, where they need 15 to 17
 * digits or an exponent: 0.1 + 0.2, 2 ** 63, 1.0E+20), number_format (PHP's pre-rounding, then the exact binary
 * value's digits) and round, printed, passed to a macro or kept by set (issue 10, the held-out api and widgets
 * pages), matched by a regular expression (their text in a render buffer: the pricing page) and printed in
 * exponent form (14 digits rounded from the shortest 17, no BigDecimal). Each case prints
 * what real Twig prints (PHP oracle) and allocates at most {@link #BOUND} bytes per render
 * after warm-up; the suite runs once per executor.
 */
class FloatTextAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final String MACROS = "{% macro kpi(label, value, unit = '') %}<{{ label }} {{ value }}{{ unit }}>"
            + "{% endmacro %}";

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("x", 0.2);
        d.put("y", 1L);
        d.put("rev", 128456.7);
        return d;
    }

    private static final Map<String, Object> DATA = data();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("json_encode of floats needing 17 digits or an exponent",
                        "{{ [0.1 + x, 2 ** 63, 1.0E+20, x * 3, x / 7, -x / 3E+30, 5.0E-324 * y, 1.0E+16 + y,"
                                + " x * 1.0E+17]|json_encode }}|{{ {a: x / 3, b: [x * 1.0E-5]}|json_encode("
                                + "constant('JSON_PRESERVE_ZERO_FRACTION')) }}|{{ (x * 1.0E+18)|json_encode("
                                + "constant('JSON_PRESERVE_ZERO_FRACTION')) }}",
                        "[0.30000000000000004,9.223372036854776e+18,1.0e+20,0.6000000000000001,0.028571428571428574,"
                                + "-6.666666666666668e-32,5.0e-324,10000000000000000,20000000000000000]|{&quot;a&quot;"
                                + ":0.06666666666666667,&quot;b&quot;:[2.0000000000000003e-6]}|2.0e+17"),
                Arguments.of("number_format of floats: printed, passed to a macro, kept by set",
                        "{% import 'macros' as m %}{{ (rev / 1000)|number_format(1) }} {{ (rev / 3)|number_format(2, ','"
                                + ", '.') }} {{ (rev * 1.005)|number_format(2) }} {{ 1.005|number_format(2) }} {{ 2.675|number_for"
                                + "mat(2) }} {{ (-rev / 3000000)|number_format(3) }} {{ (rev * 1000000000000 / 7)|number_format(4)"
                                + " }} {{ 1234567.891|number_format(2, '.', ' ') }} {{ (y / 2)|number_format }} {{ (-y / 2)|number"
                                + "_format }} {{ (y * 2.5)|number_format }} {{ (-y / 10000)|number_format(2) }} {{ (y * 1.0E+20)|n"
                                + "umber_format(2) }} {{ (y * 123456789012345.678)|number_format(3) }} {{ (rev * 3)|number_format("
                                + "12) }} {{ (y * 1.0E+15 + 0.3)|number_format(2) }}|{{ m.kpi('Revenue', (rev / 1000)|number_forma"
                                + "t(1), 'k') }}{{ m.kpi('Big', (rev * 1.0E+17)|number_format(2)) }}{% set s = (rev / 7)|number_fo"
                                + "rmat(3) %}{{ s }}{% for i in 1..3 %}{% set t = (rev / i)|number_format(2) %}{{ t }};{% endfor %"
                                + "}",
                        "128.5 42.818,90 129,098.98 1.01 2.68 -0.043 18,350,957,142,857,144.0000 1 234 567.89 1 -1 3 0.0"
                                + "0 100,000,000,000,000,000,000.00 123,456,789,012,345.672 385,370.099999999977 1,000,000,000,000"
                                + ",000.25|<Revenue 128.5k><Big 12,845,670,000,000,000,589,824.00>18,350.957128,456.70;64,228.35;4"
                                + "2,818.90;"),
                Arguments.of("round of floats: printed, passed to a macro, kept by set",
                        "{% import 'macros' as m %}{{ (rev / 1000)|round(1) }} {{ (rev / 3)|round(2) }} {{ 1.005|round(2"
                                + ") }} {{ (rev * 1.005)|round(2) }} {{ (-rev / 3)|round(-2) }} {{ (rev / 7)|round(3, 'ceil') }} {"
                                + "{ (rev / 7)|round(3, 'floor') }} {{ (rev * 1.0E+17)|round(2) }} {{ (y / 3)|round(25) }} {{ (rev"
                                + " / 3)|round(1) + 1 }}|{{ m.kpi('Rev', (rev / 1000)|round(1), 'k') }}{{ m.kpi('Delta', ((rev - 1"
                                + "00000) / 100000 * 100)|round(1)) }}{% set r = (rev / 7)|round(2) %}{{ r }}{% for i in 1..3 %}{%"
                                + " set t = (rev / i)|round(1) %}{{ t }};{% endfor %}",
                        "128.5 42818.9 1.01 129098.98 -42800 18350.958 18350.957 1.284567E+22 0.33333333333333 42819.9|<"
                                + "Rev 128.5k><Delta 28.5>18350.96128456.7;64228.4;42818.9;"),
                Arguments.of("matches on ints and floats reads their digits in place",
                        "{% for v in [y * 12345, rev, rev * 10, y / 4, -y * 7, 1.0E+20 * y] %}{{ v matche"
                                + "s '/^\\\\d{4,}$/' ? 'int' : (v matches '/^-?\\\\d+\\\\.\\\\d+$/' ? 'dec' : (v matches '/"
                                + "E\\\\+/' ? 'exp' : 'other')) }},{% endfor %}",
                        "int,dec,int,dec,other,exp,"),
                Arguments.of("floats printed and concatenated in exponent form, 14 of their 17 digits",
                        "{{ x / 3 * 1.0E-5 }} {{ -x / 7 * 1.0E+25 }} {{ x * 2 ** 70 }} {{ (x / 3) ~ \"|\" ~ (x / 3"
                                + " * 1.0E+20) }}",
                        "6.6666666666667E-7 -2.8571428571429E+23 2.3611832414348E+20 0.066666666666667"
                                + "|6.6666666666667E+18"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template, "macros", MACROS)))
                .strictVariables(true).build().load("main");
        assertEquals(expected, t.render(DATA));
        AllocationMeter.assertRendersWithin(what, t, DATA, expected, 1000, BOUND);
    }
}
