package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Safe text (what Twig keeps as a {@code Twig\Markup}) that only the core reads lives in render-private buffers
 * (issue 10): a {@code {% set %}...{% endset %}} capture printed or fed to core filters, tests and operators, an
 * {@code apply} body, a macro called as a value (inside {@code map} for a {@code join}, chained, kept in a
 * {@code set}), and the texts an arrow of {@code map} returns to a {@code join}; with {@code json_encode} of literal
 * lists and maps. Each renders exactly as Twig (expected outputs from the oracle, autoescape html unless the case
 * says otherwise) and allocates at most {@link #BOUND} bytes per render after a warm-up, on the executor the suite
 * runs with.
 */
class SafeTextAllocationTest {
    private static final double BOUND = 16.0;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("set capture printed", "{% set g %}Hi <b>{{ name }}</b>{% endset %}<p>{{ g }}</p>",
                        "<p>Hi <b>O&#039;Brien &lt;x&gt;</b></p>"),
                Arguments.of("set capture under js autoescape", "{% autoescape 'js' %}{% set g %}Hi <b>{{ name }}</b>{% endset %}{{ g }}|{{ g ~ '!' }}{% endautoescape %}",
                        "Hi <b>O\\u0027Brien\\u0020\\u003Cx\\u003E</b>|Hi\\u0020\\u003Cb\\u003EO\\\\u0027Brien\\\\u0020\\\\u003Cx\\\\u003E\\u003C\\/b\\u003E\\u0021"),
                Arguments.of("set capture length", "{% set g %}Hi <b>{{ name }}</b>{% endset %}{{ g|length }}",
                        "32"),
                Arguments.of("set capture striptags trim", "{% set g %}Hi <b>{{ name }}</b>{% endset %}{{ g|striptags|trim }}",
                        "Hi O&amp;#039;Brien &amp;lt;x&amp;gt;"),
                Arguments.of("set capture trimmed stays safe", "{% set g %}  <b>{{ id }}</b>  {% endset %}[{{ g|trim }}][{{ g|trim|upper }}]",
                        "[<b>21</b>][&lt;B&gt;21&lt;/B&gt;]"),
                Arguments.of("set capture upper lower escape", "{% set g %}Hi <b>{{ name }}</b>{% endset %}{{ g|upper }}|{{ g|lower }}|{{ g|e }}|{{ g|e('js') }}|{{ g|e('url') }}",
                        "HI &lt;B&gt;O&amp;#039;BRIEN &amp;LT;X&amp;GT;&lt;/B&gt;|hi &lt;b&gt;o&amp;#039;brien &amp;lt;x&amp;gt;&lt;/b&gt;|Hi &lt;b&gt;O&amp;#039;Brien &amp;lt;x&amp;gt;&lt;/b&gt;|Hi\\u0020\\u003Cb\\u003EO\\u0026\\u0023039\\u003BBrien\\u0020\\u0026lt\\u003Bx\\u0026gt\\u003B\\u003C\\/b\\u003E|Hi%20%3Cb%3EO%26%23039%3BBrien%20%26lt%3Bx%26gt%3B%3C%2Fb%3E"),
                Arguments.of("set capture concat compare test", "{% set g %}<b>{{ id }}</b>{% endset %}{{ g ~ '<' }}|{{ g == '<b>21</b>' ? 'eq' }}|{{ g is same as(g) ? 'same' }}|{{ g in ['<b>21</b>'] ? 'in' }}|{{ g is empty ? 'empty' : 'full' }}|{% if g %}true{% endif %}|{{ g|default('d') }}|{{ g|raw }}|{{ g|first }}",
                        "&lt;b&gt;21&lt;/b&gt;&lt;|eq|same|in|full|true|<b>21</b>|<b>21</b>|&lt;"),
                Arguments.of("set capture in a loop", "{% for t in tags %}{% set g %}[{{ t }}]{% endset %}{{ g }}{{ g|length }};{% endfor %}",
                        "[&lt;admin&gt;]15;[a&amp;b]9;[plain]7;"),
                Arguments.of("set capture spaceless json_encode", "{% set g %}<p> <b>{{ id }}</b> </p>{% endset %}{{ g|spaceless }}|{{ g|json_encode|raw }}",
                        "<p><b>21</b></p>|\"<p> <b>21<\\/b> <\\/p>\""),
                Arguments.of("apply spaceless", "{% apply spaceless %}\n<ul>\n    <li>  one  </li>\n    <li>{{ name }}</li>\n</ul>\n{% endapply %}",
                        "<ul><li>  one  </li><li>O&#039;Brien &lt;x&gt;</li></ul>"),
                Arguments.of("apply upper", "{% apply upper %}shout {{ 'quietly' }} and {{ id }} <b>{% endapply %}",
                        "SHOUT QUIETLY AND 21 &lt;B&gt;"),
                Arguments.of("apply lower escape", "{% apply lower|escape('html') %}<B>BOLD & LOUD</B>{% endapply %}",
                        "&lt;b&gt;bold &amp; loud&lt;/b&gt;"),
                Arguments.of("apply trim", "{% apply trim %}  <b>{{ id }}</b>  {% endapply %}",
                        "<b>21</b>"),
                Arguments.of("apply join of a split", "{% apply split(',')|join(' / ') %}a,<b>,{{ id }}{% endapply %}",
                        "a / &lt;b&gt; / 21"),
                Arguments.of("map arrow concat join", "{{ tags|map(t => '<' ~ t ~ '>')|join(' ') }}",
                        "&lt;&lt;admin&gt;&gt; &lt;a&amp;b&gt; &lt;plain&gt;"),
                Arguments.of("map arrow filter join", "{{ tags|map(t => t|upper)|join(', ', ' and ') }}",
                        "&lt;ADMIN&gt;, A&amp;B and PLAIN"),
                Arguments.of("macro value in map join", "{% macro pct(r, d = 0) -%}{{ (r * 100)|round(d) }}%{%- endmacro %}{% macro tag(v) %}<i>{{ v }}</i>{% endmacro %}{{ rates|map(r => _self.pct(r, 1))|join(', ') }}",
                        "19%, 7%"),
                Arguments.of("imported macro value in map join", "{% import _self as m %}{% macro pct(r, d = 0) -%}{{ (r * 100)|round(d) }}%{%- endmacro %}{% macro tag(v) %}<i>{{ v }}</i>{% endmacro %}{{ tags|map(t => m.tag(t))|join(' ') }}",
                        "&lt;i&gt;&amp;lt;admin&amp;gt;&lt;/i&gt; &lt;i&gt;a&amp;amp;b&lt;/i&gt; &lt;i&gt;plain&lt;/i&gt;"),
                Arguments.of("macro value chained", "{% macro pct(r, d = 0) -%}{{ (r * 100)|round(d) }}%{%- endmacro %}{% macro tag(v) %}<i>{{ v }}</i>{% endmacro %}{{ _self.tag(name)|upper }}|{{ _self.tag(id) ~ '<' }}|{{ _self.tag(id)|length }}|{{ _self.tag(id)|striptags }}",
                        "&lt;I&gt;O&amp;#039;BRIEN &amp;LT;X&amp;GT;&lt;/I&gt;|&lt;i&gt;21&lt;/i&gt;&lt;|9|21"),
                Arguments.of("macro value kept in set", "{% macro pct(r, d = 0) -%}{{ (r * 100)|round(d) }}%{%- endmacro %}{% macro tag(v) %}<i>{{ v }}</i>{% endmacro %}{% set t = _self.tag(name) %}{{ t }}|{{ t|length }}|{{ t|e }}",
                        "<i>O&#039;Brien &lt;x&gt;</i>|29|&lt;i&gt;O&amp;#039;Brien &amp;lt;x&amp;gt;&lt;/i&gt;"),
                Arguments.of("json_encode of literals", "{{ [1, 2.5, -3, true, null, 'x\"y']|json_encode|raw }}|{{ {a: '\u00e9/\u00fc', b: [1, {c: '</script>'}]}|json_encode(constant('JSON_UNESCAPED_SLASHES'))|raw }}",
                        "[1,2.5,-3,true,null,\"x\\\"y\"]|{\"a\":\"\\u00e9/\\u00fc\",\"b\":[1,{\"c\":\"</script>\"}]}"));
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "O'Brien <x>");
        d.put("id", 21L);
        d.put("tags", List.of("<admin>", "a&b", "plain"));
        d.put("rates", List.of(0.19, 0.07));
        return d;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String source, String expected) {
        Template t = Environment.builder().strictVariables(true).loader(new MapLoader(Map.of("t", source))).build()
                .load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 300, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ") on "
                + System.getProperty("zweig.executor", "the default executor"));
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }
}
