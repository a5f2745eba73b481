package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Captured text ({@code {% set %}...{% endset %}}, {@code apply}, a macro called as a value) follows Twig's rules
 * for a {@code Twig\Markup}, whether the engine keeps it in a render-private buffer (only the core reads it) or as a
 * Markup: not escaped again when printed, escaped by an explicit {@code escape}, plain text after a string filter
 * or {@code ~}, {@code trim} keeping it safe, compared with strings by its text and with numbers as the object PHP
 * casts to 1, rejected by arithmetic and by {@code starts with}/{@code ends with}, read as text by {@code in};
 * under html, js and no autoescaping, in loops, macros, blocks and includes. Expected outputs from the Twig oracle
 * (strict variables, a global {@code global}).
 */
class CapturedTextTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("html", Map.of("index.twig", "{% set x %}<b>{% endset %}{{ x }}|{{ x|e }}|{{ x ~ '<' }}|{{ x|upper }}|{{ x|lower }}|{{ x|length }}|{{ x|first }}|{{ x|last }}|{{ x|split('')|join(',') }}|{{ x|split('b')|length }}|{{ x|trim }}|{{ x|trim('<') }}|{{ x|striptags }}|{{ x is same as(x) ? 'same' : 'not' }}|{{ x is same as('<b>') ? 'y' : 'n' }}|{{ x == '<b>' ? 'eq' : 'ne' }}|{{ x != '<b>' ? 'ne' : 'eq' }}|{{ x in ['<b>'] ? 'in' : 'out' }}|{{ 'b' in x ? 'has' : 'not' }}|{{ x ? 't' : 'f' }}|{{ x|e('js') }}|{{ x|e('html_attr') }}|{{ x|url_encode }}|{{ x|raw }}|{{ x|default('d') }}|{{ x ?: 'e' }}|{{ x ?? 'n' }}|{{ x is empty ? 'e' : 'ne' }}|{{ x|json_encode }}|{{ x|replace({'b': 'i'}) }}|{{ x|nl2br }}|{{ x|capitalize }}|{{ x|title }}|{{ x|reverse }}|{{ x|slice(1, 1) }}|{{ x starts with '<' ? 'sw' : 'nsw' }}|{{ x matches '/b/' ? 'm' : 'nm' }}|{{ x < 'c' ? 'lt' : 'ge' }}|{{ x <=> '<b>' }}|{{ \"[#{x}]\" }}|{{ x|format }}|{{ x|spaceless }}|{% if x %}if{% endif %}"),
                        "<b>|&lt;b&gt;|&lt;b&gt;&lt;|&lt;B&gt;|&lt;b&gt;|3|&lt;|&gt;|&lt;,b,&gt;|2|<b>|b&gt;||same|n|eq|eq|in|has|t|\\u003Cb\\u003E|&lt;b&gt;|%3Cb%3E|<b>|<b>|<b>|<b>|ne|&quot;&lt;b&gt;&quot;|&lt;i&gt;|<b>|&lt;b&gt;|&lt;B&gt;|&gt;b&lt;|b|nsw|m|lt|0|[&lt;b&gt;]|&lt;b&gt;|<b>|if"),
                Arguments.of("js", Map.of("index.twig", "{% autoescape 'js' %}{% set x %}<b>{% endset %}{{ x }}|{{ x|e }}|{{ x ~ '<' }}|{{ x|upper }}|{{ x|lower }}|{{ x|length }}|{{ x|first }}|{{ x|last }}|{{ x|split('')|join(',') }}|{{ x|split('b')|length }}|{{ x|trim }}|{{ x|trim('<') }}|{{ x|striptags }}|{{ x is same as(x) ? 'same' : 'not' }}|{{ x is same as('<b>') ? 'y' : 'n' }}|{{ x == '<b>' ? 'eq' : 'ne' }}|{{ x != '<b>' ? 'ne' : 'eq' }}|{{ x in ['<b>'] ? 'in' : 'out' }}|{{ 'b' in x ? 'has' : 'not' }}|{{ x ? 't' : 'f' }}|{{ x|e('js') }}|{{ x|e('html_attr') }}|{{ x|url_encode }}|{{ x|raw }}|{{ x|default('d') }}|{{ x ?: 'e' }}|{{ x ?? 'n' }}|{{ x is empty ? 'e' : 'ne' }}|{{ x|json_encode }}|{{ x|replace({'b': 'i'}) }}|{{ x|nl2br }}|{{ x|capitalize }}|{{ x|title }}|{{ x|reverse }}|{{ x|slice(1, 1) }}|{{ x starts with '<' ? 'sw' : 'nsw' }}|{{ x matches '/b/' ? 'm' : 'nm' }}|{{ x < 'c' ? 'lt' : 'ge' }}|{{ x <=> '<b>' }}|{{ \"[#{x}]\" }}|{{ x|format }}|{{ x|spaceless }}|{% if x %}if{% endif %}{% endautoescape %}"),
                        "<b>|\\u0026lt\\u003Bb\\u0026gt\\u003B|\\u003Cb\\u003E\\u003C|\\u003CB\\u003E|\\u003Cb\\u003E|3|\\u003C|\\u003E|\\u003C,b,\\u003E|2|<b>|b\\u003E||same|n|eq|eq|in|has|t|\\u003Cb\\u003E|\\u0026lt\\u003Bb\\u0026gt\\u003B|\\u00253Cb\\u00253E|<b>|<b>|<b>|<b>|ne|\\u0022\\u003Cb\\u003E\\u0022|\\u003Ci\\u003E|\\u003Cb\\u003E|\\u003Cb\\u003E|\\u003CB\\u003E|\\u003Eb\\u003C|b|nsw|m|lt|0|\\u005B\\u003Cb\\u003E\\u005D|\\u003Cb\\u003E|\\u003Cb\\u003E|if"),
                Arguments.of("noesc", Map.of("index.twig", "{% autoescape false %}{% set x %}<b>{% endset %}{{ x }}|{{ x|e }}|{{ x ~ '<' }}|{{ x|upper }}|{{ x|lower }}|{{ x|length }}|{{ x|first }}|{{ x|last }}|{{ x|split('')|join(',') }}|{{ x|split('b')|length }}|{{ x|trim }}|{{ x|trim('<') }}|{{ x|striptags }}|{{ x is same as(x) ? 'same' : 'not' }}|{{ x is same as('<b>') ? 'y' : 'n' }}|{{ x == '<b>' ? 'eq' : 'ne' }}|{{ x != '<b>' ? 'ne' : 'eq' }}|{{ x in ['<b>'] ? 'in' : 'out' }}|{{ 'b' in x ? 'has' : 'not' }}|{{ x ? 't' : 'f' }}|{{ x|e('js') }}|{{ x|e('html_attr') }}|{{ x|url_encode }}|{{ x|raw }}|{{ x|default('d') }}|{{ x ?: 'e' }}|{{ x ?? 'n' }}|{{ x is empty ? 'e' : 'ne' }}|{{ x|json_encode }}|{{ x|replace({'b': 'i'}) }}|{{ x|nl2br }}|{{ x|capitalize }}|{{ x|title }}|{{ x|reverse }}|{{ x|slice(1, 1) }}|{{ x starts with '<' ? 'sw' : 'nsw' }}|{{ x matches '/b/' ? 'm' : 'nm' }}|{{ x < 'c' ? 'lt' : 'ge' }}|{{ x <=> '<b>' }}|{{ \"[#{x}]\" }}|{{ x|format }}|{{ x|spaceless }}|{% if x %}if{% endif %}{% endautoescape %}"),
                        "<b>|&lt;b&gt;|<b><|<B>|<b>|3|<|>|<,b,>|2|<b>|b>||same|n|eq|eq|in|has|t|\\u003Cb\\u003E|&lt;b&gt;|%3Cb%3E|<b>|<b>|<b>|<b>|ne|\"<b>\"|<i>|<b>|<b>|<B>|>b<|b|nsw|m|lt|0|[<b>]|<b>|<b>|if"),
                Arguments.of("mapkey", Map.of("index.twig", "{% set x %}k{% endset %}{{ {(x): 1}|keys|join }}"),
                        "k"),
                Arguments.of("sameas_str", Map.of("index.twig", "{% set x %}<b>{% endset %}{{ x is same as('<b>') ? 'y' : 'n' }}"),
                        "n"),
                Arguments.of("empty", Map.of("index.twig", "{% set x %}{% endset %}{{ x is same as('') ? 'empty-string' : 'other' }}|{{ x ? 't' : 'f' }}|{{ x|length }}"),
                        "empty-string|f|0"),
                Arguments.of("trim", Map.of("index.twig", "{% set x %}  <b>  {% endset %}[{{ x|trim }}][{{ x|trim|upper }}][{{ x|trim(' ') }}][{{ x|trim(side='left') }}]"),
                        "[<b>][&lt;B&gt;][&lt;b&gt;][<b>  ]"),
                Arguments.of("reassign", Map.of("index.twig", "{% set x %}a{% endset %}{% set x %}{{ x }}<b>{% endset %}{{ x }}|{{ x|length }}"),
                        "a<b>|4"),
                Arguments.of("loop", Map.of("index.twig", "{% for i in 1..3 %}{% set x %}<{{ i }}>{% endset %}{{ x }}{{ x|length }}{% endfor %}"),
                        "<1>3<2>3<3>3"),
                Arguments.of("apply", Map.of("index.twig", "{% apply upper %}<b>{{ '<i>' }}</b>{% endapply %}|{% apply trim %}  <b>  {% endapply %}|{% apply trim('x') %}x<b>x{% endapply %}|{% apply spaceless|upper %}<p> <b>x</b> </p>{% endapply %}|{% apply escape %}<b>{% endapply %}|{% apply raw %}<b>{% endapply %}|{% apply lower|escape('js') %}<B>&{% endapply %}|{% apply striptags|title %}<b>hello world</b>{% endapply %}|{% apply replace({'<': '['}) %}<x>{% endapply %}|{% apply nl2br %}a\n<b>{% endapply %}"),
                        "&lt;B&gt;&lt;I&gt;&lt;/B&gt;|<b>|&lt;b&gt;|&lt;P&gt;&lt;B&gt;X&lt;/B&gt;&lt;/P&gt;|&lt;b&gt;|<b>|\\u003Cb\\u003E\\u0026|Hello World|[x&gt;|a<br />\n<b>"),
                Arguments.of("apply_js", Map.of("index.twig", "{% autoescape 'js' %}{% apply upper %}<b>'{% endapply %}|{% apply trim %} <b> {% endapply %}{% endautoescape %}"),
                        "\\u003CB\\u003E\\u0027|<b>"),
                Arguments.of("macro", Map.of("index.twig", "{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}{% macro e() %}{% endmacro %}{{ ['a<', 'b']|map(v => _self.m(v))|join(', ') }}|{{ _self.m('x')|upper }}|{{ _self.m('x') ~ '<' }}|{% set y = _self.m('q') %}{{ y }}{{ y|length }}{{ y|e }}|{{ _self.e() ? 'T' : 'F' }}|{{ [1, 2]|map(v => _self.e())|join('-') }}|{{ _self.m('') is same as(_self.m('')) ? 's' : 'ns' }}|{{ _self.m('') == _self.m('') ? 'eq' : 'ne' }}|{{ _self.m('<')|length }}|{{ _self.m('a')|trim }}"),
                        "&lt;i&gt;a&amp;lt;&lt;/i&gt;, &lt;i&gt;b&lt;/i&gt;|&lt;I&gt;X&lt;/I&gt;|&lt;i&gt;x&lt;/i&gt;&lt;|<i>q</i>8&lt;i&gt;q&lt;/i&gt;|F|-|ns|eq|11|<i>a</i>"),
                Arguments.of("macro_js", Map.of("index.twig", "{% autoescape 'js' %}{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}{{ ['a<', 'b']|map(v => _self.m(v))|join(', ') }}|{{ _self.m('x')|upper }}{% endautoescape %}"),
                        "\\u003Ci\\u003Ea\\u0026lt\\u003B\\u003C\\/i\\u003E,\\u0020\\u003Ci\\u003Eb\\u003C\\/i\\u003E|\\u003CI\\u003EX\\u003C\\/I\\u003E"),
                Arguments.of("arrowjoin", Map.of("index.twig", "{{ ['<a>', 'b&']|map(t => '<' ~ t ~ '>')|join(' ') }}|{{ ['a', 'b']|map(t => t|upper)|join }}|{{ {x: 1, y: 2}|map((v, k) => k ~ '=' ~ v)|join('&') }}|{{ [1, 2]|map(t => t * 2)|join(',') }}|{{ ['a', 'b']|map(t => t ~ '')|join(', ', ' and ') }}"),
                        "&lt;&lt;a&gt;&gt; &lt;b&amp;&gt;|AB|x=1&amp;y=2|2,4|a and b"),
                Arguments.of("zero2", Map.of("index.twig", "{% set x %}0{% endset %}{{ x ? 't' : 'f' }}|{{ x is empty ? 'e' : 'ne' }}|{{ x == 0 ? 'z' : 'nz' }}|{{ x == '0' ? 'z' : 'nz' }}"),
                        "t|ne|nz|z"),
                Arguments.of("nums2", Map.of("index.twig", "{% set a %}10{% endset %}{{ a == 10 ? 'y':'n' }}{{ a < 9 ? 'y':'n' }}{{ a <=> '10' }}{{ a is same as('10') ? 's' : 'ns' }}{{ a in [10] ? 'i' : 'o' }}{{ a in ['10'] ? 'i' : 'o' }}"),
                        "ny0nsii"),
                Arguments.of("arith", Map.of("index.twig", "{% set a %}10{% endset %}{{ a + 1 }}"),
                        "EXCEPTION An exception has been thrown during the rendering of a template (\"Unsupported operand types: Twig\\Markup + int\") in \"index.twig\" at line 1."),
                Arguments.of("m_zero2", Map.of("index.twig", "{% set x %}0{% endset %}{% set keep = [x] %}{{ x ? 't' : 'f' }}|{{ x is empty ? 'e' : 'ne' }}|{{ x == 0 ? 'z' : 'nz' }}|{{ x == '0' ? 'z' : 'nz' }}"),
                        "t|ne|nz|z"),
                Arguments.of("m_nums2", Map.of("index.twig", "{% set a %}10{% endset %}{% set keep = [a] %}{{ a == 10 ? 'y':'n' }}{{ a < 9 ? 'y':'n' }}{{ a <=> '10' }}{{ a is same as('10') ? 's' : 'ns' }}{{ a in [10] ? 'i' : 'o' }}{{ a in ['10'] ? 'i' : 'o' }}"),
                        "ny0nsii"),
                Arguments.of("m_sw", Map.of("index.twig", "{% set x %}<b>{% endset %}{% set keep = [x] %}{{ x starts with '<' ? 'sw' : 'nsw' }}{{ x ends with '>' ? 'ew' : 'new' }}"),
                        "nswnew"),
                Arguments.of("capture passed to an include", Map.of("index.twig", "{% set x %}<b>{{ 1 }}</b>{% endset %}{% include 'w.twig' with {v: x} %}|{{ include('w.twig', {v: x ~ '<'}) }}|{{ x }}", "w.twig", "[{{ v }}|{{ v|length }}|{{ v is same as(v) ? 's' }}]"),
                        "[<b>1</b>|8|s]|[&lt;b&gt;1&lt;/b&gt;&lt;|9|s]|<b>1</b>"),
                Arguments.of("apply before an include in a block", Map.of("index.twig", "{% extends 'p.twig' %}{% block body %}{% apply upper %}<i>{{ 'a' }}</i>{% endapply %}{% set g %}<b>{{ 2 }}</b>{% endset %}{{ g }}{{ g|length }}{% include 'w.twig' with {v: 'x'} %}{% apply spaceless %} <p> {{ g }} </p> {% endapply %}{% endblock %}", "p.twig", "<body>{% block body %}{% endblock %}</body>", "w.twig", "[{{ v }}]{% apply upper %}<u>{{ v }}</u>{% endapply %}"),
                        "<body>&lt;I&gt;A&lt;/I&gt;<b>2</b>8[x]&lt;U&gt;X&lt;/U&gt;<p><b>2</b></p></body>"),
                Arguments.of("capture in a macro", Map.of("index.twig", "{% macro m(v) %}{% set c %}<i>{{ v }}</i>{% endset %}{{ c }}{{ c|length }}{{ c|upper }}{% endmacro %}{{ _self.m('<') }}{{ _self.m('b')|striptags }}"),
                        "<i>&lt;</i>11&lt;I&gt;&amp;LT;&lt;/I&gt;b8&amp;lt;I&amp;gt;B&amp;lt;/I&amp;gt;"),
                Arguments.of("capture handed to _context", Map.of("index.twig", "{% set x %}<b>{% endset %}{{ x }}{% for k, v in _context %}{{ k }}={{ v }};{% endfor %}"),
                        "<b>global=global;x=<b>;_parent=Array;"),
                Arguments.of("nested captures", Map.of("index.twig", "{% set a %}<{% set b %}>{% endset %}{{ b }}{% endset %}{{ a }}{{ a|length }}{{ b }}"),
                        "<>2>"),
                Arguments.of("capture read in an arrow", Map.of("index.twig", "{% set x %}<b>{% endset %}{{ ['a', 'b']|map(v => v ~ x)|join(',') }}|{{ ['a', 'b']|filter(v => x ends with '>')|length }}"),
                        "a&lt;b&gt;,b&lt;b&gt;|0"),
                Arguments.of("macro values in include variables and conditions", Map.of("index.twig", "{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}{{ include('w.twig', {v: _self.m('<')}) }}|{% include 'w.twig' with {v: _self.m('b') ~ '!'} %}|{% if _self.m('') %}T{% else %}F{% endif %}|{{ _self.m(1) ?: 'none' }}|{{ _self.m(2) ? 'yes' }}|{{ _self.m(3) ?? 'null' }}", "w.twig", "[{{ v }}|{{ v|length }}]"),
                        "[<i>&lt;</i>|11]|[&lt;i&gt;b&lt;/i&gt;!|9]|T|<i>1</i>|yes|<i>3</i>"),
                Arguments.of("captures in with and blocks", Map.of("index.twig", "{% with {a: '<a>'} %}{% set x %}{{ a }}<b>{% endset %}{{ x }}{{ x|length }}{% apply upper %}{{ a }}<i>{% endapply %}{% endwith %}|{% block b %}{% set y %}<{{ 'y' }}>{% endset %}{{ y }}{{ y|upper }}{% endblock %}|{{ block('b') }}|{{ block('b')|length }}"),
                        "&lt;a&gt;<b>12&amp;LT;A&amp;GT;&lt;I&gt;|<y>&lt;Y&gt;|<y>&lt;Y&gt;|12"),
                Arguments.of("apply nested", Map.of("index.twig", "{% apply upper %}a<b>{% apply lower %}C<D>{% endapply %}{% apply trim %} <e> {% endapply %}{% endapply %}"),
                        "A&lt;B&gt;C&amp;LT;D&amp;GT;&lt;E&gt;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwig(String what, Map<String, String> templates, String expected) {
        Environment env = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .global("global", "global").build();
        for (int i = 0; i < 3; i++) { // the second and third renders reuse the first one's buffers
            String got;
            try {
                got = env.render("index.twig", Map.of());
            } catch (TemplateException e) {
                got = "EXCEPTION " + e.getMessage();
            }
            assertEquals(expected, got, what + " (render " + (i + 1) + ")");
        }
    }
}
