package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterIntegrationTest {
    @Test
    void stringCase() {
        assertEquals("HELLO|hello|Hello World|Hello", render("{{ s|upper }}|{{ s|upper|lower }}|{{ 'hello world'|title }}|{{ 'hELLO'|capitalize }}", "s", "hello"));
        // printed through the streaming form too: PHP 8.2 lower-cases a final capital sigma to σ
        assertEquals("σοφοσ|Οδοσ", render("{{ s|lower }}|{{ t|capitalize }}", "s", "ΣΟΦΟΣ", "t", "ΟΔΟΣ"));
    }

    @Test
    void trimAndLength() {
        assertEquals("[x]|[x  ]|[  x]", render("[{{ '  x  '|trim }}]|[{{ '  x  '|trim(side: 'left') }}]|[{{ '  x  '|trim(' ', 'right') }}]"));
        assertEquals("3|1|2|0", render("{{ 'abc'|length }}|{{ 'é'|length }}|{{ {a: 1, b: 2}|length }}|{{ null|length }}"));
    }

    @Test
    void joinSplitReverseSlice() {
        assertEquals("a|b,c", render("{{ 'a,b,c'|split(',', 2)|join('|') }}"));
        assertEquals("1, 2 and 3", render("{{ [1, 2, 3]|join(', ', ' and ') }}"));
        assertEquals("cba|21", render("{{ 'abc'|reverse }}|{{ [1, 2]|reverse|join }}"));
        assertEquals("2|ell|23", render("{{ [1, 2, 3]|slice(1, 1)|join }}|{{ 'hello'|slice(1, 3) }}|{{ [1, 2, 3]|slice(-2)|join }}"));
        assertEquals("2", render("{{ 'a,b'|split(delimiter: ',')|length }}"));
    }

    @Test
    void sortingKeepsKeysOfMappings() {
        assertEquals("123", render("{{ [3, 1, 2]|sort|join }}"));
        assertEquals("cba", render("{{ ['b', 'a', 'c']|sort((a, b) => b <=> a)|join }}"));
        assertEquals("ba", render("{{ {b: 1, a: 2}|sort|keys|join }}"));
    }

    @Test
    void batchMergeKeysFirstLast() {
        assertEquals("12,34,5x", render("{{ [1, 2, 3, 4, 5]|batch(2, 'x')|map(b => b|join)|join(',') }}"));
        assertEquals("123|ab", render("{{ [1, 2]|merge([3])|join }}|{{ {a: 1}|merge({b: 2})|keys|join }}"));
        assertEquals("1|3|a|c", render("{{ [1, 2, 3]|first }}|{{ [1, 2, 3]|last }}|{{ 'abc'|first }}|{{ 'abc'|last }}"));
    }

    @Test
    void defaultUsesTwigEmptiness() {
        assertEquals("d|d|d|0|x", render("{{ null|default('d') }}|{{ undefined_var|default('d') }}|{{ ''|default('d') }}|{{ 0|default('d') }}|{{ 'x'|default('d') }}"));
        assertEquals("d", renderStrict("{{ missing.deep|default('d') }}"));
    }

    @Test
    void formatReplaceNumberFormat() {
        assertEquals("I like tea and 2 cakes.", render("{{ 'I like %s and %d cakes.'|format(a, 2) }}", "a", "tea"));
        assertEquals("Hello x!", render("{{ 'Hello NAME!'|replace({'NAME': 'x'}) }}"));
        assertEquals("1,234.57|1.234,50|1,234|1 234.5", render("{{ 1234.567|number_format(2) }}|{{ 1234.5|number_format(2, ',', '.') }}"
                + "|{{ 1234|number_format }}|{{ 1234.5|number_format(1, thousand_sep: ' ') }}"));
    }

    @Test
    void roundAndAbs() {
        assertEquals("3|2.4|-3|3|-7|7", render("{{ 2.5|round }}|{{ 2.45|round(1, 'floor') }}|{{ -2.5|round }}|{{ 2.1|round(0, 'ceil') }}|{{ -7|abs }}|{{ (-7)|abs }}"));
    }

    /** Printed straight to the output (the filter writers): PHP's pre-rounding decides near halves. */
    @Test
    void roundAndNumberFormatNearHalvesAsPhp() {
        assertEquals("101 1 -0 0 1234567890.124 630,483,847.19 1,234,567,890.124 570,785,382.55 570785382.55 "
                + "5930166658.7536 42,052,041,883.01", render("{{ (1.005 * 100)|round }} {{ 0.49999999999999994|round }} "
                + "{{ -0.02|round(-25) }} {{ (-0.02)|round(-25) }} {{ 1234567890.1235|round(3) }} "
                + "{{ 630483847.185|number_format(2) }} {{ 1234567890.1235|number_format(3) }} {{ v|number_format(2) }} "
                + "{{ v|round(2) }} {% set r = 5930166658.75355|round(4) %}{{ r }} "
                + "{{ [42052041883.005|number_format(2)]|join }}", "v", 570785382.545));
    }

    @Test
    void encodingFilters() {
        assertEquals("a%20b%26c|a=x%20y&amp;b=1", render("{{ 'a b&c'|url_encode }}|{{ {a: 'x y', b: 1}|url_encode }}"));
        assertEquals("{\"a\":1,\"b\":[1,2],\"c\":\"\\u00e9\"}", render("{{ {a: 1, b: [1, 2], c: 'é'}|json_encode|raw }}"));
        assertEquals("Hi x", render("{{ '<p>Hi <b>x</b></p>'|striptags }}"));
    }

    /** PHP's JSON_* constants through constant(), as real templates pass them to json_encode (values from Twig). */
    @Test
    void jsonEncodeWithPhpFlagConstants() {
        assertEquals("{\n    \"u\": \"a/é\",\n    \"h\": \"<a href=\\\"x\\\">&'</a>\"\n}|{\"u\":\"a\\/\\u00e9\",\"h\":"
                + "\"\\u003Ca href=\\u0022x\\u0022\\u003E\\u0026\\u0027\\u003C\\/a\\u003E\"}|[1.0]|{&quot;0&quot;:1}|"
                + "4194304325122048", render("{{ data|json_encode(constant('JSON_PRETTY_PRINT') b-or "
                + "constant('JSON_UNESCAPED_SLASHES') b-or constant('JSON_UNESCAPED_UNICODE'))|raw }}|{{ data|json_encode("
                + "constant('JSON_HEX_TAG') b-or constant('JSON_HEX_QUOT') b-or constant('JSON_HEX_AMP') b-or "
                + "constant('JSON_HEX_APOS'))|raw }}|{{ [1.0]|json_encode(constant('JSON_PRESERVE_ZERO_FRACTION')) }}|"
                + "{{ [1]|json_encode(constant('JSON_FORCE_OBJECT')) }}|{{ constant('JSON_THROW_ON_ERROR') }}"
                + "{{ constant('JSON_NUMERIC_CHECK') }}{{ constant('JSON_PARTIAL_OUTPUT_ON_ERROR') }}"
                + "{{ constant('JSON_UNESCAPED_LINE_TERMINATORS') }}",
                "data", Twig.vars("u", "a/é", "h", "<a href=\"x\">&'</a>")));
        assertEquals("a<br />\nb", render("{{ 'a\nb'|nl2br }}"));
    }

    @Test
    void arrowFunctionFilters() {
        assertEquals("2,4", render("{{ [1, 2, 3, 4]|filter(v => v is even)|join(',') }}"));
        assertEquals("2", render("{{ [1, 2, 3]|find(v => v > 1) }}"));
        assertEquals("10", render("{{ [1, 2, 3, 4]|reduce((c, v) => c + v) }}"));
        assertEquals("ann,bob", render("{{ users|map(u => u.name|lower)|join(',') }}", "users", List.of(Map.of("name", "Ann"), Map.of("name", "Bob"))));
        assertEquals("Ann,Bob", render("{{ users|column('name')|join(',') }}", "users", List.of(Map.of("name", "Ann"), Map.of("name", "Bob"))));
        assertEquals("6", render("{% set double = x => x * 2 %}{{ double|invoke(3) }}"));
    }

    @Test
    void dates() {
        assertEquals("31/01/2024", render("{{ '2024-01-31'|date('d/m/Y') }}"));
        assertEquals("2024-02-01", render("{{ '2024-01-31'|date_modify('+1 day')|date('Y-m-d') }}"));
        assertEquals("Wed, 31 Jan 2024", render("{{ d|date('D, d M Y') }}", "d", LocalDate.of(2024, 1, 31)));
    }

    @Test
    void functions() {
        assertEquals("5|2|b|5", render("{{ max(1, 5, 3) }}|{{ min([4, 2]) }}|{{ cycle(['a', 'b'], 3) }}|{{ random([5]) }}"));
        assertEquals("0,1,2,3", render("{{ range(0, 3)|join(',') }}"));
    }

    @Test
    void filtersAcceptNamedArguments() {
        assertEquals("1,234.0", render("{{ 1234|number_format(decimal: 1) }}"));
    }

    @Test
    void unknownFilterSuggestsAName() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("\n{{ x|lenght }}"));
        assertEquals("Unknown \"lenght\" filter. Did you mean \"length\" in \"index.twig\" at line 2?", e.getMessage());
        TemplateSyntaxException fn = assertThrows(TemplateSyntaxException.class, () -> render("{{ lenght(x) }}"));
        assertEquals("Unknown \"lenght\" function in \"index.twig\" at line 1.", fn.getMessage());
        TemplateSyntaxException test = assertThrows(TemplateSyntaxException.class, () -> render("{{ 1 is evn }}"));
        assertEquals("Unknown \"evn\" test. Did you mean \"even\" in \"index.twig\" at line 1?", test.getMessage());
    }
}
