package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Markup;
import org.junit.jupiter.api.Test;

class AutoescapeTest {
    @Test
    void htmlIsTheDefault() {
        assertEquals("&lt;b&gt;&#039;&amp;&#039;&lt;/b&gt;&quot;", render("{{ s }}", "s", "<b>'&'</b>\""));
    }

    @Test
    void autoescapeTagStrategies() {
        String s = "<b>'&'</b>";
        assertEquals("&lt;b&gt;&#039;&amp;&#039;&lt;/b&gt;|&lt;b&gt;&#039;&amp;&#039;&lt;/b&gt;",
                render("{% autoescape %}{{ s }}{% endautoescape %}|{% autoescape 'html' %}{{ s }}{% endautoescape %}", "s", s));
        assertEquals("\\u003Cb\\u003E\\u00E9\\n\\u003C\\/b\\u003E", render("{% autoescape 'js' %}{{ s }}{% endautoescape %}", "s", "<b>é\n</b>"));
        assertEquals("a%20b%26c", render("{% autoescape 'url' %}{{ s }}{% endautoescape %}", "s", "a b&c"));
        assertEquals("<b>", render("{% autoescape false %}{{ s }}{% endautoescape %}", "s", "<b>"));
    }

    @Test
    void nestedAutoescapeRestoresTheOuterStrategy() {
        assertEquals("\\u003C\\u0027\\u003E&lt;&#039;&gt;",
                render("{% autoescape 'html' %}{% autoescape 'js' %}{{ s }}{% endautoescape %}{{ s }}{% endautoescape %}", "s", "<'>"));
    }

    @Test
    void rawAndLiteralsAreNotEscaped() {
        assertEquals("<b>", render("{{ s|raw }}", "s", "<b>"));
        assertEquals("<br>", render("{{ '<br>' }}"));
        assertEquals("<br>", render("{{ c ? '<br>' : '<hr>' }}", "c", true));
        assertEquals("&lt;i&gt;", render("{{ c ? '<br>' : s }}", "c", false, "s", "<i>"));
    }

    @Test
    void concatenatedValuesAreEscaped() {
        assertEquals("&lt;b&gt;x", render("{{ '<b>' ~ s }}", "s", "x"));
    }

    @Test
    void filtersDecideSafety() {
        assertEquals("&lt;B&gt; &lt;b&gt; <b> &lt;b&gt;",
                render("{{ s|upper }} {{ s|join }} {{ s|raw }} {{ s|default('x') }}", "s", "<b>"));
        assertEquals("&lt;b&gt;<br />\nx", render("{{ s|nl2br }}", "s", "<b>\nx"));
    }

    /** Twig's trim keeps safe markup safe with the default mask, whatever the strategy (values from Twig). */
    @Test
    void trimmedMarkupStaysSafe() {
        assertEquals("[<b>x</b>][b&gt;x&lt;/b&gt;][<b>x</b>  ][&lt;B&gt;X&lt;/B&gt;][<b>x</b>][&lt;b&gt;x&lt;/b&gt;]",
                render("{% set b %}  <b>x</b>  {% endset %}[{{ b|trim }}][{{ b|trim(' <') }}][{{ b|trim(side='left') }}]"
                        + "[{{ b|trim|upper }}][{% autoescape 'js' %}{{ b|trim }}{% endautoescape %}][{{ (b ~ '')|trim }}]"));
        assertEquals("<i>m</i>", render("{{ m|trim }}", "m", new Markup(" <i>m</i>\n")));
    }

    @Test
    void markupValuesAreNotEscapedAgain() {
        assertEquals("<b>safe</b>", render("{{ m }}", "m", new Markup("<b>safe</b>")));
        // an explicit escape filter escapes markup too (only autoescaping trusts it)
        assertEquals("&lt;b&gt;safe&lt;/b&gt;", render("{{ m|e }}", "m", new Markup("<b>safe</b>")));
        assertEquals("<b>safe</b>!", render("{{ m }}!", "m", new Markup("<b>safe</b>")));
    }

    @Test
    void autoescapeCanBeTurnedOff() {
        var e = env(templates("index.twig", "{{ s }}"), b -> b.autoescape(false));
        assertEquals("<b>", e.render("index.twig", vars("s", "<b>")));
    }

    @Test
    void environmentStrategyJs() {
        var e = env(templates("index.twig", "{{ s }}"), b -> b.autoescape("js"));
        assertEquals("a\\u0027b", e.render("index.twig", vars("s", "a'b")));
    }

    @Test
    void nameStrategyChoosesByExtension() {
        var e = env(templates(
                "index.twig", "{{ include('a.js.twig') }}|{{ include('b.css.twig') }}|{{ include('c.txt.twig') }}|{{ include('d.html.twig') }}|{{ s }}",
                "a.js.twig", "{{ s }}", "b.css.twig", "{{ s }}", "c.txt.twig", "{{ s }}", "d.html.twig", "{{ s }}"),
                b -> b.autoescape("name"));
        assertEquals("\\u003Cx\\u0020y\\u003E|\\3C x\\20 y\\3E |<x y>|&lt;x y&gt;|&lt;x y&gt;", e.render("index.twig", vars("s", "<x y>")));
    }

    @Test
    void macroArgumentsAreEscapedInsideTheMacro() {
        assertEquals("<a href=x&#x20;y&quot;z>&lt;T&gt;</a>", renderStrict(
                "{% macro link(url, text) %}<a href={{ url|e('html_attr') }}>{{ text }}</a>{% endmacro %}{{ _self.link(u, t) }}",
                "u", "x y\"z", "t", "<T>"));
    }

    @Test
    void blocksAreSafeWhenPrintedThroughBlockFunction() {
        assertEquals("<b>&lt;I&gt;</b>|<b>&lt;I&gt;</b>|&lt;b&gt;&amp;lt;i&amp;gt;&lt;/b&gt;",
                renderStrict("{% block b %}<b>{{ s }}</b>{% endblock %}|{{ block('b') }}|{{ block('b')|lower }}", "s", "<I>"));
    }
}
