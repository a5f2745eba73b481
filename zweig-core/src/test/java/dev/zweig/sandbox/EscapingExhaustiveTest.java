package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.runtime.Escapers;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every escaping strategy checked, character by character, against its definition: OWASP's rules as Twig's
 * EscaperRuntime applies them (htmlspecialchars with ENT_QUOTES | ENT_SUBSTITUTE; js: all but [a-zA-Z0-9,._] as
 * \\uHHHH or a short escape; css: all but [a-zA-Z0-9] as \\HEX and a space; html_attr: all but [a-zA-Z0-9,.\-_] as
 * a named or hex entity, U+FFFD for characters undefined in HTML; html_attr_relaxed: also keeps : @ [ ]; url:
 * rawurlencode of the UTF-8 bytes). The expected values below are computed from those rules by plain code, one
 * code point at a time, independent of the escaper's tables.
 */
class EscapingExhaustiveTest {
    private static final String[] STRATEGIES = {"html", "js", "css", "url", "html_attr", "html_attr_relaxed"};

    // ---- the definitions -----------------------------------------------------------------------------------

    private static boolean alnum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    static String html(int cp) {
        return switch (cp) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#039;";
            default -> new String(Character.toChars(cp));
        };
    }

    static String js(int cp) {
        if (alnum(cp) || cp == ',' || cp == '.' || cp == '_') {
            return String.valueOf((char) cp);
        }
        switch (cp) {
            case '\\':
                return "\\\\";
            case '/':
                return "\\/";
            case 0x08:
                return "\\b";
            case 0x0C:
                return "\\f";
            case 0x0A:
                return "\\n";
            case 0x0D:
                return "\\r";
            case 0x09:
                return "\\t";
            default:
                break;
        }
        if (cp < 0x10000) {
            return String.format("\\u%04X", cp);
        }
        int u = cp - 0x10000;
        return String.format("\\u%04X\\u%04X", 0xD800 | (u >> 10), 0xDC00 | (u & 0x3FF));
    }

    static String css(int cp) {
        return alnum(cp) ? String.valueOf((char) cp) : String.format("\\%X ", cp);
    }

    static String htmlAttr(int cp, boolean relaxed) {
        if (alnum(cp) || cp == ',' || cp == '.' || cp == '-' || cp == '_') {
            return String.valueOf((char) cp);
        }
        if (relaxed && (cp == ':' || cp == '@' || cp == '[' || cp == ']')) {
            return String.valueOf((char) cp);
        }
        if ((cp <= 0x1F && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F) {
            return "&#xFFFD;";
        }
        switch (cp) {
            case '"':
                return "&quot;";
            case '&':
                return "&amp;";
            case '<':
                return "&lt;";
            case '>':
                return "&gt;";
            default:
                break;
        }
        return cp < 0x80 ? String.format("&#x%02X;", cp) : String.format("&#x%04X;", cp);
    }

    static String url(int cp) {
        if (alnum(cp) || cp == '-' || cp == '_' || cp == '.' || cp == '~') {
            return String.valueOf((char) cp);
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%%%02X", b & 0xFF));
        }
        return sb.toString();
    }

    static String expected(String strategy, int cp) {
        return switch (strategy) {
            case "html" -> html(cp);
            case "js" -> js(cp);
            case "css" -> css(cp);
            case "url" -> url(cp);
            case "html_attr" -> htmlAttr(cp, false);
            case "html_attr_relaxed" -> htmlAttr(cp, true);
            default -> throw new IllegalArgumentException(strategy);
        };
    }

    // ---- the checks ----------------------------------------------------------------------------------------

    @Test
    void everyAsciiCharacterAloneAndInContext() {
        for (String s : STRATEGIES) {
            for (int c = 0; c < 128; c++) {
                String ch = String.valueOf((char) c);
                String exp = expected(s, c);
                assertEquals(exp, Escapers.escape(s, ch), s + " of U+" + Integer.toHexString(c));
                // inside a run of safe text: the slices around it are written as they are
                assertEquals("ab" + exp + "cd", Escapers.escape(s, "ab" + ch + "cd"), s + " in context, U+"
                        + Integer.toHexString(c));
            }
        }
    }

    @Test
    void allAsciiAtOnce() {
        StringBuilder in = new StringBuilder();
        for (int c = 0; c < 128; c++) {
            in.append((char) c);
        }
        for (String s : STRATEGIES) {
            StringBuilder exp = new StringBuilder();
            for (int c = 0; c < 128; c++) {
                exp.append(expected(s, c));
            }
            assertEquals(exp.toString(), Escapers.escape(s, in), s);
        }
    }

    @Test
    void nulByte() {
        assertEquals("a\0b", Escapers.escape("html", "a\0b"));
        assertEquals("a\\u0000b", Escapers.escape("js", "a\0b"));
        assertEquals("a\\0 b", Escapers.escape("css", "a\0b"));
        assertEquals("a%00b", Escapers.escape("url", "a\0b"));
        assertEquals("a&#xFFFD;b", Escapers.escape("html_attr", "a\0b"));
        assertEquals("a&#xFFFD;b", Escapers.escape("html_attr_relaxed", "a\0b"));
    }

    @Test
    void nonAsciiBmpSamples() {
        int[] samples = {0x80, 0x9F, 0xA0, 0xE9, 0xFF, 0x100, 0x2028, 0x2029, 0x7FF, 0x800, 0xFEFF, 0xFFFD, 0xFFFF};
        for (String s : STRATEGIES) {
            for (int cp : samples) {
                assertEquals(expected(s, cp), Escapers.escape(s, new String(Character.toChars(cp))),
                        s + " of U+" + Integer.toHexString(cp));
            }
        }
        // line and paragraph separators end JavaScript strings in older engines: always escaped
        assertEquals("\\u2028\\u2029", Escapers.escape("js", "\u2028\u2029"));
    }

    @Test
    void surrogatePairsAreOneCharacter() {
        int[] samples = {0x10000, 0x1F600, 0x10FFFF};
        for (String s : STRATEGIES) {
            for (int cp : samples) {
                String in = "x" + new String(Character.toChars(cp)) + "y";
                assertEquals(expected(s, 'x') + expected(s, cp) + expected(s, 'y'), Escapers.escape(s, in),
                        s + " of U+" + Integer.toHexString(cp));
            }
        }
        assertEquals("\\uD83D\\uDE00", Escapers.escape("js", "\uD83D\uDE00"));
        assertEquals("\\1F600 ", Escapers.escape("css", "\uD83D\uDE00"));
        assertEquals("&#x1F600;", Escapers.escape("html_attr", "\uD83D\uDE00"));
        assertEquals("%F0%9F%98%80", Escapers.escape("url", "\uD83D\uDE00"));
        assertEquals("\uD83D\uDE00", Escapers.escape("html", "\uD83D\uDE00"));
    }

    /** A lone surrogate is what invalid UTF-8 is in PHP: substituted by html and url, refused by the others. */
    @Test
    void loneSurrogates() {
        String[] bad = {"\uD800", "\uDBFF", "\uDC00", "\uDFFF", "a\uD800b", "a\uDC00\uD800b", "\uD83D", "x\uDE00"};
        for (String in : bad) {
            String subst = in.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD");
            assertEquals(subst, Escapers.escape("html", in), "html of " + in.length());
            StringBuilder url = new StringBuilder();
            subst.codePoints().forEach(cp -> url.append(url(cp)));
            assertEquals(url.toString(), Escapers.escape("url", in));
            for (String s : new String[] {"js", "css", "html_attr", "html_attr_relaxed"}) {
                TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                        () -> Escapers.escape(s, in), s);
                assertEquals("The string to escape is not a valid UTF-8 string.", e.getRawMessage());
            }
        }
    }

    @Test
    void emptyString() {
        for (String s : STRATEGIES) {
            assertEquals("", Escapers.escape(s, ""), s);
        }
    }

    @Test
    void unknownStrategyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Escapers.escape("xml", "a"));
    }

    /** The escape filter in a template goes through the same code (checked on every printable ASCII char). */
    @Test
    void throughTheEscapeFilter() {
        Environment env = Environment.builder().build();
        StringBuilder in = new StringBuilder();
        for (int c = 1; c < 128; c++) {
            in.append((char) c);
        }
        in.append("\u00E9\uD83D\uDE00");
        for (String s : STRATEGIES) {
            StringBuilder exp = new StringBuilder();
            in.codePoints().forEach(cp -> exp.append(expected(s, cp)));
            String out = env.createTemplate("{{ v|escape('" + s + "') }}").render(Map.of("v", in.toString()));
            assertEquals(exp.toString(), out, s);
        }
        // autoescape with a strategy escapes once; raw leaves the value alone
        assertEquals("&lt;b&gt;", env.createTemplate("{{ v }}").render(Map.of("v", "<b>")));
        assertEquals("\\u003Cb\\u003E", env.createTemplate("{% autoescape 'js' %}{{ v }}{% endautoescape %}")
                .render(Map.of("v", "<b>")));
        assertEquals("<b>", env.createTemplate("{{ v|raw }}").render(Map.of("v", "<b>")));
    }
}
