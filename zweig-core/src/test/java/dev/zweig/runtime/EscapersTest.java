package dev.zweig.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import org.junit.jupiter.api.Test;

/** Twig's EscaperRuntime strategies; expected strings are Twig 3 output (several from the conformance corpus). */
class EscapersTest {

    private static final String MIXED = "\u00e9 \u20ac\ud83d\ude00 \u0001\u001f\u007f\n\t\"'</script>&\\/a-b_c.d,e";

    @Test
    void strategies() {
        for (String s : new String[] {"html", "js", "css", "url", "html_attr", "html_attr_relaxed"}) {
            assertTrue(Escapers.isStrategy(s), s);
        }
        assertFalse(Escapers.isStrategy("xml"));
        assertFalse(Escapers.isStrategy(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Escapers.escape("xml", "a"));
        assertEquals("Invalid escaping strategy \"xml\" (valid ones: \"html\", \"js\", \"url\", \"css\", "
                + "\"html_attr\", \"html_attr_relaxed\").", e.getMessage());
    }

    @Test
    void html() {
        assertEquals("&lt;br /&gt;", Escapers.escape("html", "<br />"));
        assertEquals("&quot;&gt;&lt;script&gt;alert(&#039;x&#039;)&lt;/script&gt;",
                Escapers.escape("html", "\"><script>alert('x')</script>"));
        assertEquals("a &amp;amp; b", Escapers.escape("html", "a &amp; b"));
        assertEquals("plain text é 😀", Escapers.escape("html", "plain text é 😀"));
        assertEquals("", Escapers.escape("html", ""));
        assertEquals("\u0000\u007f", Escapers.escape("html", "\u0000\u007f"));
        assertEquals("a\ufffdb\ufffd", Escapers.escape("html", "a\ud800b\udc00"), "lone surrogates substituted");
        assertEquals("&lt;&lt;", Escapers.escape("html", new StringBuilder("<<")));
        // the String path after its first special character: pairs kept, lone halves substituted, runs between
        String[][] cases = {{"a&😀b", "a&amp;😀b"}, {"😀&", "😀&amp;"}, {"&\ud800", "&amp;\ufffd"},
            {"x\udc00&y", "x\ufffd&amp;y"}, {"&", "&amp;"}, {"ab<cd>ef", "ab&lt;cd&gt;ef"}, {"'\"", "&#039;&quot;"},
            {"é&ü", "é&amp;ü"}, {"&😀\ud83d", "&amp;😀\ufffd"}};
        for (String[] c : cases) {
            assertEquals(c[1], Escapers.escape("html", c[0]), c[0]);
            assertEquals(c[1], Escapers.escape("html", new StringBuilder(c[0])), c[0] + " (a CharSequence)");
        }
    }

    @Test
    void js() {
        assertEquals("\\u00E9\\u0020\\u265C\\u0020\\uD834\\uDF06", Escapers.escape("js", "é ♜ \ud834\udf06"));
        assertEquals("\\u00E9\\u0020\\u20AC\\uD83D\\uDE00\\u0020\\u0001\\u001F\\u007F\\n\\t\\u0022\\u0027"
                + "\\u003C\\/script\\u003E\\u0026\\\\\\/a\\u002Db_c.d,e", Escapers.escape("js", MIXED));
        assertEquals("abc\\u0020ABC\\u0020123\\u0020,._", Escapers.escape("js", "abc ABC 123 ,._"));
        assertEquals("foo\\u003Cbr\\u0020\\/\\u003E\\n", Escapers.escape("js", "foo<br />\n"));
        assertEquals("\\b\\f\\r\\u0000", Escapers.escape("js", "\b\f\r\u0000"));
        assertEquals("\\u0026lt\\u003B\\u00E9\\u0026gt\\u003B", Escapers.escape("js", "&lt;é&gt;"));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> Escapers.escape("js", "a\ud800"));
        assertEquals("The string to escape is not a valid UTF-8 string.", e.getRawMessage());
    }

    @Test
    void css() {
        assertEquals("a\\20 b\\23 c\\3A \\E9 \\22 1\\7B \\7D \\A ", Escapers.escape("css", "a b#c:é\"1{}\n"));
        assertEquals("12px\\20 ABC\\5F def\\2D ghi", Escapers.escape("css", "12px ABC_def-ghi"));
        assertEquals("\\1F600 \\0 ", Escapers.escape("css", "😀\u0000"));
        assertThrows(TemplateRuntimeException.class, () -> Escapers.escape("css", "\udc00"));
    }

    @Test
    void url() {
        assertEquals("a%20b%2Fc%3Fd%3D%C3%A9%26f%23g~h.i_j-k", Escapers.escape("url", "a b/c?d=é&f#g~h.i_j-k"));
        assertEquals("a%20b%26c", Escapers.escape("url", "a b&c"));
        assertEquals("%E2%82%AC%F0%9F%98%80%00%2B", Escapers.escape("url", "€😀\u0000+"));
        assertEquals("%EF%BF%BD", Escapers.escape("url", "\ud800"));
    }

    @Test
    void htmlAttr() {
        assertEquals("&lt;br&#x20;&#x2F;&gt;", Escapers.escape("html_attr", "<br />"));
        assertEquals("&#x00E9;&#x20;&#x20AC;&#x1F600;&#x20;&#xFFFD;&#xFFFD;&#xFFFD;&#x0A;&#x09;&quot;&#x27;&lt;"
                + "&#x2F;script&gt;&amp;&#x5C;&#x2F;a-b_c.d,e", Escapers.escape("html_attr", MIXED));
        assertEquals("ABC&#x20;xyz&#x20;09&#x20;,.-_", Escapers.escape("html_attr", "ABC xyz 09 ,.-_"));
        assertEquals("x&#x20;y&quot;z", Escapers.escape("html_attr", "x y\"z"));
        assertEquals("&#x3A;&#x40;&#x5B;&#x5D;&#x0D;&#xFFFD;&#x0080;",
                Escapers.escape("html_attr", ":@[]\r\u0000\u0080"));
        assertThrows(TemplateRuntimeException.class, () -> Escapers.escape("html_attr", "\ud800x"));
    }

    @Test
    void htmlAttrRelaxed() {
        assertEquals(":@[]&#x20;x-on:&#x3D;", Escapers.escape("html_attr_relaxed", ":@[] x-on:="));
        assertEquals("v-bind:class", Escapers.escape("html_attr_relaxed", "v-bind:class"));
        assertEquals("@click&#x20;&lt;", Escapers.escape("html_attr_relaxed", "@click <"));
        assertEquals("[x]&#x7B;", Escapers.escape("html_attr_relaxed", "[x]{"));
    }

    /** An Output that records how it was called, to check that unescaped text goes out in slices. */
    private static final class CountingOutput implements Output {
        final StringBuilder sb = new StringBuilder();
        int calls;

        @Override
        public void write(String s) {
            calls++;
            sb.append(s);
        }

        @Override
        public void write(CharSequence s, int start, int end) {
            calls++;
            sb.append(s, start, end);
        }

        @Override
        public void write(char c) {
            calls++;
            sb.append(c);
        }
    }

    @Test
    void writesRunsAsSlices() {
        for (String strategy : new String[] {"html", "js", "css", "url", "html_attr", "html_attr_relaxed"}) {
            CountingOutput out = new CountingOutput();
            Escapers.escape(strategy, "abcdefghijklmnop", out);
            assertEquals("abcdefghijklmnop", out.sb.toString());
            assertEquals(1, out.calls, strategy);
        }
        CountingOutput out = new CountingOutput();
        Escapers.html("some text & more text", out);
        assertEquals("some text &amp; more text", out.sb.toString());
        assertEquals(3, out.calls);
        StringBuilderOutput sbo = new StringBuilderOutput();
        Escapers.html("x<y", sbo);
        assertEquals("x&lt;y", sbo.toString());
    }
}
