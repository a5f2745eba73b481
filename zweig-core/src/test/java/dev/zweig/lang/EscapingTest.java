package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateException;
import org.junit.jupiter.api.Test;

class EscapingTest {
    @Test
    void html() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&#039;&amp;&lt;/a&gt;", render("{{ s|e }}", "s", "<a href=\"x\">'&</a>"));
        assertEquals("&lt;p&gt;", render("{{ s|escape('html') }}", "s", "<p>"));
        assertEquals("é€", render("{{ s|e }}", "s", "é€"));
    }

    @Test
    void js() {
        assertEquals("\\u00E9\\u0020\\u20AC\\uD83D\\uDE00\\n\\t\\u0022\\u0027\\u003C\\/script\\u003E\\u0026\\\\\\/a\\u002Db_c.d,e",
                render("{{ s|e('js') }}", "s", "é €😀\n\t\"'</script>&\\/a-b_c.d,e"));
        assertEquals("abc\\u0020ABC\\u0020123\\u0020,._", render("{{ s|e('js') }}", "s", "abc ABC 123 ,._"));
    }

    @Test
    void css() {
        assertEquals("a\\20 b\\23 c\\3A \\E9 \\22 1\\7B \\7D \\A ", render("{{ s|e('css') }}", "s", "a b#c:é\"1{}\n"));
        assertEquals("12px\\20 ABC\\5F def\\2D ghi", render("{{ s|e('css') }}", "s", "12px ABC_def-ghi"));
    }

    @Test
    void url() {
        assertEquals("a%20b%2Fc%3Fd%3D%C3%A9%26f%23g~h.i_j-k", render("{{ s|e('url') }}", "s", "a b/c?d=é&f#g~h.i_j-k"));
    }

    @Test
    void htmlAttr() {
        assertEquals("ABC&#x20;xyz&#x20;09&#x20;,.-_", render("{{ s|e('html_attr') }}", "s", "ABC xyz 09 ,.-_"));
        assertEquals("&#x00E9;&#x20;&#x20AC;&#x1F600;&quot;&#x27;&lt;&#x2F;&gt;&amp;",
                render("{{ s|e('html_attr') }}", "s", "é €😀\"'</>&"));
    }

    @Test
    void htmlAttrRelaxedKeepsColonsAtAndBrackets() {
        assertEquals("x-on:click&#x20;@a[b]", render("{{ s|e('html_attr_relaxed') }}", "s", "x-on:click @a[b]"));
    }

    @Test
    void strategiesCompose() {
        assertEquals("\\u003C\\u00E9\\u003E / \\u0026lt\\u003B\\u00E9\\u0026gt\\u003B",
                render("{{ s|e('js')|e('html') }} / {{ s|e('html')|e('js') }}", "s", "<é>"));
    }

    @Test
    void numbersAndNullsPrintUnescaped() {
        assertEquals("3|1||2.5", render("{{ 3|e }}|{{ true|e }}|{{ null|e }}|{{ 2.5|e('js') }}"));
    }

    @Test
    void unknownStrategyIsAnError() {
        TemplateException e = assertThrows(TemplateException.class, () -> render("{{ 'x'|e('nope') }}"));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(1, e.getLine());
        // Twig's EscaperRuntime lists the strategies quoted, whatever the escaped value is
        String message = "Invalid escaping strategy \"nope\" (valid ones: \"html\", \"js\", \"url\", \"css\", "
                + "\"html_attr\", \"html_attr_relaxed\") in \"index.twig\" at line 1.";
        assertEquals(message, e.getMessage());
        assertEquals(message, assertThrows(TemplateException.class, () -> render("{{ 3|e('nope') }}")).getMessage());
    }
}
