package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every core filter Twig declares safe (raw; escape and e, safe for their strategy; nl2br and spaceless, which
 * pre-escape their input for html) prints what Twig prints whatever its input is: a String, a render-private text
 * ({@code (x ~ '')}, a variable set to one, a split piece) or a Markup (a captured {@code set}): safety follows the
 * filter's declaration, never the value's Java type. Expected outputs from the Twig oracle (3.15), but spaceless's:
 * since Twig 3.26 (CVE-2026-46628) it pre-escapes its input like nl2br, so a plain string comes out escaped (the
 * oracle's 3.15 lets it through) and a Markup as it is. The render-private inputs allocate at most {@link #BOUND}
 * bytes per render after a warm-up.
 */
class SafeFilterInputsTest {
    private static final double BOUND = 16.0;
    private static final String X = "<b> </b>\n& \"q\" 'a'";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("raw", "string", "<b> </b>\n& \"q\" 'a'"),
                Arguments.of("raw", "private", "<b> </b>\n& \"q\" 'a'"),
                Arguments.of("raw", "kept", "<b> </b>\n& \"q\" 'a'"),
                Arguments.of("raw", "piece", "<b> </b>\n& \"q\" 'a'z"),
                Arguments.of("raw", "markup", "<b> </b>\n& \"q\" 'a'"),
                Arguments.of("spaceless", "string", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("spaceless", "private", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("spaceless", "kept", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("spaceless", "piece", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;z"),
                Arguments.of("spaceless", "markup", "<b></b>\n& \"q\" 'a'"),
                Arguments.of("nl2br", "string", "&lt;b&gt; &lt;/b&gt;<br />\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("nl2br", "private", "&lt;b&gt; &lt;/b&gt;<br />\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("nl2br", "kept", "&lt;b&gt; &lt;/b&gt;<br />\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("nl2br", "piece", "&lt;b&gt; &lt;/b&gt;<br />\n&amp; &quot;q&quot; &#039;a&#039;z"),
                Arguments.of("nl2br", "markup", "<b> </b><br />\n& \"q\" 'a'"),
                Arguments.of("escape", "string", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("escape", "private", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("escape", "kept", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("escape", "piece", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;z"),
                Arguments.of("escape", "markup", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e", "string", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e", "private", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e", "kept", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e", "piece", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;z"),
                Arguments.of("e", "markup", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e('html')", "string", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e('html')", "private", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e('html')", "kept", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("e('html')", "piece", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;z"),
                Arguments.of("e('html')", "markup", "&lt;b&gt; &lt;/b&gt;\n&amp; &quot;q&quot; &#039;a&#039;"),
                Arguments.of("escape('js')", "string", "\\u003Cb\\u003E\\u0020\\u003C\\/b\\u003E\\n\\u0026\\u0020\\u0022q\\u0022\\u0020\\u0027a\\u0027"),
                Arguments.of("escape('js')", "private", "\\u003Cb\\u003E\\u0020\\u003C\\/b\\u003E\\n\\u0026\\u0020\\u0022q\\u0022\\u0020\\u0027a\\u0027"),
                Arguments.of("escape('js')", "kept", "\\u003Cb\\u003E\\u0020\\u003C\\/b\\u003E\\n\\u0026\\u0020\\u0022q\\u0022\\u0020\\u0027a\\u0027"),
                Arguments.of("escape('js')", "piece", "\\u003Cb\\u003E\\u0020\\u003C\\/b\\u003E\\n\\u0026\\u0020\\u0022q\\u0022\\u0020\\u0027a\\u0027z"),
                Arguments.of("escape('js')", "markup", "\\u003Cb\\u003E\\u0020\\u003C\\/b\\u003E\\n\\u0026\\u0020\\u0022q\\u0022\\u0020\\u0027a\\u0027"),
                Arguments.of("e('html_attr')", "string", "&lt;b&gt;&#x20;&lt;&#x2F;b&gt;&#x0A;&amp;&#x20;&quot;q&quot;&#x20;&#x27;a&#x27;"),
                Arguments.of("e('html_attr')", "private", "&lt;b&gt;&#x20;&lt;&#x2F;b&gt;&#x0A;&amp;&#x20;&quot;q&quot;&#x20;&#x27;a&#x27;"),
                Arguments.of("e('html_attr')", "kept", "&lt;b&gt;&#x20;&lt;&#x2F;b&gt;&#x0A;&amp;&#x20;&quot;q&quot;&#x20;&#x27;a&#x27;"),
                Arguments.of("e('html_attr')", "piece", "&lt;b&gt;&#x20;&lt;&#x2F;b&gt;&#x0A;&amp;&#x20;&quot;q&quot;&#x20;&#x27;a&#x27;z"),
                Arguments.of("e('html_attr')", "markup", "&lt;b&gt;&#x20;&lt;&#x2F;b&gt;&#x0A;&amp;&#x20;&quot;q&quot;&#x20;&#x27;a&#x27;"),
                Arguments.of("e('url')", "string", "%3Cb%3E%20%3C%2Fb%3E%0A%26%20%22q%22%20%27a%27"),
                Arguments.of("e('url')", "private", "%3Cb%3E%20%3C%2Fb%3E%0A%26%20%22q%22%20%27a%27"),
                Arguments.of("e('url')", "kept", "%3Cb%3E%20%3C%2Fb%3E%0A%26%20%22q%22%20%27a%27"),
                Arguments.of("e('url')", "piece", "%3Cb%3E%20%3C%2Fb%3E%0A%26%20%22q%22%20%27a%27z"),
                Arguments.of("e('url')", "markup", "%3Cb%3E%20%3C%2Fb%3E%0A%26%20%22q%22%20%27a%27"),
                Arguments.of("e('css')", "string", "\\3C b\\3E \\20 \\3C \\2F b\\3E \\A \\26 \\20 \\22 q\\22 \\20 \\27 a\\27 "),
                Arguments.of("e('css')", "private", "\\3C b\\3E \\20 \\3C \\2F b\\3E \\A \\26 \\20 \\22 q\\22 \\20 \\27 a\\27 "),
                Arguments.of("e('css')", "kept", "\\3C b\\3E \\20 \\3C \\2F b\\3E \\A \\26 \\20 \\22 q\\22 \\20 \\27 a\\27 "),
                Arguments.of("e('css')", "piece", "\\3C b\\3E \\20 \\3C \\2F b\\3E \\A \\26 \\20 \\22 q\\22 \\20 \\27 a\\27 z"),
                Arguments.of("e('css')", "markup", "\\3C b\\3E \\20 \\3C \\2F b\\3E \\A \\26 \\20 \\22 q\\22 \\20 \\27 a\\27 "));
    }

    /** The template printing x through the filter, x given as the kind of input named. */
    private static String template(String filter, String kind) {
        return switch (kind) {
            case "string" -> "{{ x|" + filter + " }}";
            case "private" -> "{{ (x ~ '')|" + filter + " }}";
            case "kept" -> "{% set s = x ~ '' %}{{ s|" + filter + " }}";
            case "piece" -> "{% for p in (x ~ '|z')|split('|') %}{{ p|" + filter + " }}{% endfor %}";
            case "markup" -> "{% set m %}{{ x|raw }}{% endset %}{{ m|" + filter + " }}";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0} of a {1}")
    @MethodSource("cases")
    void printsWhatTwigPrints(String filter, String kind, String expected) {
        Template t = Environment.builder().strictVariables(true)
                .loader(new MapLoader(Map.of("t", template(filter, kind)))).build().load("t");
        Map<String, Object> data = Map.of("x", X);
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString(), filter + " of a " + kind);
        if (!kind.equals("string") && !kind.equals("markup")) {
            double bytes = AllocationMeter.bytesPerRender(t, data, out, 300, BOUND);
            assertTrue(bytes <= BOUND, filter + " of a " + kind + ": " + bytes + " bytes per render");
            assertEquals(expected, out.toString(), filter + " of a " + kind + " after the warm-up");
        }
    }
}
