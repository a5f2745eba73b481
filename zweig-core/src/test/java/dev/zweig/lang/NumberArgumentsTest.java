package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateRuntimeException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The number filters on values PHP 8 does not take as numbers, as Twig 3 renders them (each expectation is the
 * output or the exception message of real Twig on PHP 8.2): {@code abs} is PHP's abs() with an int|float
 * parameter, so a string must be numeric (whitespace around allowed; "3-x", "12abc", "0x1A", "" are a TypeError)
 * and a Markup value (captures, macro results) is an object: a TypeError naming {@code Twig\Markup}.
 * {@code round} and {@code number_format} cast their value with {@code (float)} (leading-numeric strings give their
 * prefix, a Markup object 1) but hand precision / decimals to int parameters (non-numeric strings, arrays and Markup
 * are a TypeError) and the separators to ?string ones (arrays a TypeError); round's ceil and floor methods compute
 * {@code 10 ** precision} (PHP's arithmetic error for a non-numeric string). Every TypeError reaches the template
 * as a runtime error naming template and line.
 */
class NumberArgumentsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
            thrown("{{ \"1,2,3\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            thrown("{{ \"3-x\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ \" 3 \"|abs }}", "3"),
            ok("{{ \"-3\"|abs }}", "3"),
            ok("{{ \"3 \"|abs }}", "3"),
            ok("{{ \" 3\"|abs }}", "3"),
            thrown("{{ \"\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            thrown("{{ \"abc\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ \"1e3\"|abs }}", "1000"),
            thrown("{{ \"0x1A\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ \"-2.5\"|abs }}", "2.5"),
            ok("{{ null|abs }}", "0"),
            ok("{{ true|abs }}", "1"),
            ok("{{ false|abs }}", "0"),
            thrown("{{ [1]|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, array given"),
            ok("{{ \"1,2\"|round }}", "1"),
            ok("{{ \"3-x\"|round }}", "3"),
            ok("{{ \" 3 \"|round }}", "3"),
            ok("{{ \"2.5\"|round }}", "3"),
            ok("{{ \"abc\"|round }}", "0"),
            ok("{{ null|round }}", "0"),
            ok("{{ true|round }}", "1"),
            ok("{{ [1]|round }}", "1"),
            ok("{{ \"1,2\"|number_format }}", "1"),
            ok("{{ \"3-x\"|number_format }}", "3"),
            ok("{{ \" 3 \"|number_format }}", "3"),
            ok("{{ \"abc\"|number_format }}", "0"),
            ok("{{ \"\"|number_format }}", "0"),
            ok("{{ null|number_format }}", "0"),
            ok("{{ true|number_format }}", "1"),
            ok("{{ [1]|number_format }}", "1"),
            ok("{{ \"3-x\"|number_format(2) }}", "3.00"),
            thrown("{{ 3|number_format(\"x\") }}",
                    "number_format(): Argument #2 ($decimals) must be of type int, string given"),
            thrown("{{ 3.5|round(\"x\") }}",
                    "round(): Argument #2 ($precision) must be of type int, string given"),
            error("{{ 3.5|round(1, \"x\") }}",
                    "The \"round\" filter only supports the \"common\", \"ceil\", and \"floor\" methods"
                    + " in \"index.twig\" at line 1."),
            thrown("{% set m %}3{% endset %}{{ m|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, Twig\\Markup given"),
            ok("{% set m %}3{% endset %}{{ m|round }}", "1"),
            ok("{% set m %}3{% endset %}{{ m|number_format }}", "1"),
            thrown("{% set m %} 3{% endset %}{{ m|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, Twig\\Markup given"),
            thrown("{{ \"12abc\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            thrown("{{ \"1.5.5\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ \".5\"|abs }}", "0.5"),
            ok("{{ \"5.\"|abs }}", "5"),
            ok("{{ \"\\t5\\n\"|abs }}", "5"),
            ok("{{ \"+5\"|abs }}", "5"),
            thrown("{{ \"1_000\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            thrown("{{ \"INF\"|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ \"3\"|abs }}", "3"),
            ok("{{ \"3\"|round(0, 'ceil') }}", "3"),
            ok("{{ \"3x\"|round(0, 'floor') }}", "3"),
            ok("{{ \"3x\"|round(0, 'ceil') }}", "3"),
            thrown("{{ 1|number_format(\"2x\") }}",
                    "number_format(): Argument #2 ($decimals) must be of type int, string given"),
            ok("{{ 3.14159|round(\"2\") }}", "3.14"),
            ok("{{ 3.14159|round(\" 2\") }}", "3.14"),
            ok("{{ 3.14159|round(\"2 \") }}", "3.14"),
            ok("{{ 3.14159|round(\"2.7\") }}", "3.14"),
            ok("{{ 3.14159|round(2.7) }}", "3.14"),
            ok("{{ 3.14159|round(null) }}", "3"),
            ok("{{ 3.14159|round(true) }}", "3.1"),
            thrown("{{ 3.14159|round([2]) }}",
                    "round(): Argument #2 ($precision) must be of type int, array given"),
            thrown("{{ 3.14159|round(\"\") }}",
                    "round(): Argument #2 ($precision) must be of type int, string given"),
            ok("{{ 3.14159|round(\"1e1\") }}", "3.14159"),
            ok("{{ 3.14159|round(\"2\", \"ceil\") }}", "3.15"),
            thrown("{{ 3.14159|round(\"x\", \"ceil\") }}",
                    "Unsupported operand types: int ** string"),
            thrown("{{ 3.14159|round(\"x\", \"floor\") }}",
                    "Unsupported operand types: int ** string"),
            error("{{ 3.14159|round(\"x\", \"bad\") }}",
                    "The \"round\" filter only supports the \"common\", \"ceil\", and \"floor\" methods"
                    + " in \"index.twig\" at line 1."),
            ok("{{ 1234.5|number_format(\"2\") }}", "1,234.50"),
            ok("{{ 1234.5|number_format(\" 2\") }}", "1,234.50"),
            ok("{{ 1234.5|number_format(\"2.7\") }}", "1,234.50"),
            ok("{{ 1234.5|number_format(true) }}", "1,234.5"),
            thrown("{{ 1234.5|number_format([2]) }}",
                    "number_format(): Argument #2 ($decimals) must be of type int, array given"),
            thrown("{{ 1234.5|number_format(\"\") }}",
                    "number_format(): Argument #2 ($decimals) must be of type int, string given"),
            thrown("{{ 1234.5|number_format(2, [1]) }}",
                    "number_format(): Argument #3 ($decimal_separator) must be of type ?string, array given"),
            thrown("{{ 1234.5|number_format(2, \".\", [1]) }}",
                    "number_format(): Argument #4 ($thousands_separator) must be of type ?string, array given"),
            ok("{{ 1234.5|number_format(2, 5, 6) }}", "16234550"),
            thrown("{% set m %}2{% endset %}{{ 3.14159|round(m) }}",
                    "round(): Argument #2 ($precision) must be of type int, Twig\\Markup given"),
            thrown("{% set m %}2{% endset %}{{ 3.14159|number_format(m) }}",
                    "number_format(): Argument #2 ($decimals) must be of type int, Twig\\Markup given"),
            ok("{% set m %}3{% endset %}{{ m|round(1) }}", "1"),
            ok("{% set m %}3{% endset %}{{ m|round(1, 'ceil') }}", "1"),
            ok("{% set m %}3.5{% endset %}{{ m|number_format(2) }}", "1.00"),
            ok("{% set m %}{% endset %}{{ m|round }}", "0"),
            thrown("{% set m %}{% endset %}{{ m|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            thrown("{{ ('<b>'|e)|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, string given"),
            ok("{{ ('5'|e)|round }}", "5"),
            ok("{{ ('5'|e)|abs }}", "5"),
            ok("{{ ('5'|raw)|abs }}", "5"),
            ok("{% set x = 5 %}{{ x|abs }}", "5"),
            thrown("{% macro m() %}5{% endmacro %}{% import _self as s %}{{ s.m()|abs }}",
                    "abs(): Argument #1 ($num) must be of type int|float, Twig\\Markup given"),
            ok("{% macro m() %}5{% endmacro %}{% import _self as s %}{{ s.m()|round }}", "1"),
            ok("{{ (3 ~ '')|abs }}", "3"),
            ok("{{ 9223372036854775807|abs }}", "9223372036854775807"),
            ok("{{ \"  -7.5e1  \"|abs }}", "75"),
            ok("{{ \"\\v5\"|abs }}", "5"),
            ok("{{ \"\\f5\"|abs }}", "5"),
            ok("{{ \"\\r5\\r\"|abs }}", "5"));
    }

    private static Arguments ok(String template, String output) {
        return Arguments.of(template, output, null);
    }

    private static Arguments error(String template, String message) {
        return Arguments.of(template, null, message);
    }

    /** A PHP error wrapped by Twig as an exception thrown while rendering line 1 of index.twig. */
    private static Arguments thrown(String template, String phpMessage) {
        return error(template, "An exception has been thrown during the rendering of a template (\"" + phpMessage
                + "\") in \"index.twig\" at line 1.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwig(String template, String output, String message) {
        if (message == null) {
            assertEquals(output, Twig.renderStrict(template));
        } else {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> Twig.renderStrict(template));
            assertEquals(message, e.getMessage());
        }
    }
}
