package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;

/**
 * Twig's escaping strategies (EscaperRuntime), writing straight into an {@link Output}: html, js, css, url,
 * html_attr and html_attr_relaxed.
 *
 * <p>Each strategy scans for the next character that needs escaping (a 128-entry table decides for ASCII) and
 * writes the run before it as one slice, so text with nothing to escape costs one write and no allocation.
 *
 * <p>Java strings are UTF-16; Twig works on UTF-8 bytes. A surrogate pair is one character (U+10000 and up).
 * A lone surrogate is what invalid UTF-8 would be in PHP: html replaces it with U+FFFD (htmlspecialchars with
 * ENT_SUBSTITUTE), url encodes U+FFFD in its place, and js, css and html_attr refuse it with Twig's error
 * "The string to escape is not a valid UTF-8 string.".
 */
public final class Escapers {
    private Escapers() {
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** html: the replacement of each ASCII character, or null to keep it. */
    private static final String[] HTML = new String[128];

    /** The characters HTML[c] replaces, all below 64, as bits (a scan tests a bit instead of loading HTML[c]). */
    private static final long HTML_SPECIAL = 1L << '&' | 1L << '<' | 1L << '>' | 1L << '"' | 1L << '\'';

    /** js: ASCII characters kept as they are ([a-zA-Z0-9,._]). */
    private static final boolean[] JS_KEEP = new boolean[128];

    /** js: the short escapes Twig uses (\\ \/ \b \f \n \r \t). */
    private static final String[] JS_SHORT = new String[128];

    /** css: ASCII characters kept ([a-zA-Z0-9]). */
    private static final boolean[] CSS_KEEP = new boolean[128];

    /** html_attr: ASCII characters kept ([a-zA-Z0-9,.\-_]); the relaxed table also keeps : @ [ ]. */
    private static final boolean[] ATTR_KEEP = new boolean[128];
    private static final boolean[] ATTR_RELAXED_KEEP = new boolean[128];

    /** html_attr: ASCII replacements (named entities, &#xHH; or &#xFFFD; for control characters). */
    private static final String[] ATTR = new String[128];

    /** url: ASCII characters rawurlencode keeps ([A-Za-z0-9_.~-]). */
    private static final boolean[] URL_KEEP = new boolean[128];

    static {
        HTML['&'] = "&amp;";
        HTML['<'] = "&lt;";
        HTML['>'] = "&gt;";
        HTML['"'] = "&quot;";
        HTML['\''] = "&#039;";

        for (int c = 0; c < 128; c++) {
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            CSS_KEEP[c] = alnum;
            JS_KEEP[c] = alnum || c == ',' || c == '.' || c == '_';
            ATTR_KEEP[c] = alnum || c == ',' || c == '.' || c == '-' || c == '_';
            ATTR_RELAXED_KEEP[c] = ATTR_KEEP[c] || c == ':' || c == '@' || c == '[' || c == ']';
            URL_KEEP[c] = alnum || c == '-' || c == '_' || c == '.' || c == '~';
            if ((c <= 0x1F && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                ATTR[c] = "&#xFFFD;";
            } else {
                ATTR[c] = "&#x" + HEX[c >> 4] + HEX[c & 0xF] + ";";
            }
        }
        ATTR['"'] = "&quot;";
        ATTR['&'] = "&amp;";
        ATTR['<'] = "&lt;";
        ATTR['>'] = "&gt;";

        JS_SHORT['\\'] = "\\\\";
        JS_SHORT['/'] = "\\/";
        JS_SHORT['\b'] = "\\b";
        JS_SHORT['\f'] = "\\f";
        JS_SHORT['\n'] = "\\n";
        JS_SHORT['\r'] = "\\r";
        JS_SHORT['\t'] = "\\t";
    }

    /** Whether the strategy name is known. */
    public static boolean isStrategy(String strategy) {
        if (strategy == null) {
            return false;
        }
        switch (strategy) {
            case "html":
            case "js":
            case "css":
            case "url":
            case "html_attr":
            case "html_attr_relaxed":
                return true;
            default:
                return false;
        }
    }

    /** Escapes s with the strategy into out; unknown strategy: IllegalArgumentException. */
    public static void escape(String strategy, CharSequence s, Output out) {
        escape(strategy, s, 0, s.length(), out);
    }

    /** Escapes s[start, end) with the strategy into out. */
    public static void escape(String strategy, CharSequence s, int start, int end, Output out) {
        switch (strategy == null ? "" : strategy) {
            case "html" -> html(s, start, end, out);
            case "js" -> js(s, start, end, out);
            case "css" -> css(s, start, end, out);
            case "url" -> url(s, start, end, out);
            case "html_attr" -> htmlAttr(s, start, end, out, ATTR_KEEP);
            case "html_attr_relaxed" -> htmlAttr(s, start, end, out, ATTR_RELAXED_KEEP);
            default -> throw new IllegalArgumentException(invalidStrategy(strategy));
        }
    }

    /** Twig's message for an unknown strategy (EscaperRuntime::escape). */
    public static String invalidStrategy(String strategy) {
        return "Invalid escaping strategy \"" + strategy
                + "\" (valid ones: \"html\", \"js\", \"url\", \"css\", \"html_attr\", \"html_attr_relaxed\").";
    }

    /** Escapes s with the strategy into a new String. */
    public static String escape(String strategy, CharSequence s) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(s.length() + 16));
        escape(strategy, s, out);
        return out.toString();
    }

    /** htmlspecialchars(ENT_QUOTES | ENT_SUBSTITUTE): & < > " ' become &amp; &lt; &gt; &quot; &#039;. */
    public static void html(CharSequence s, Output out) {
        if (s instanceof String str) {
            // most printed strings need no escaping: one scan, then the whole string at once
            int n = str.length();
            int i = 0;
            while (i < n) {
                char c = str.charAt(i);
                if (c < 64 ? (HTML_SPECIAL >>> c & 1) != 0 : c >= Character.MIN_SURROGATE
                        && c <= Character.MAX_SURROGATE) {
                    break;
                }
                i++;
            }
            if (i == n) {
                if (n > 0) {
                    out.write(str);
                }
                return;
            }
            htmlFromString(str, i, n, out); // the clean start is not scanned again
            return;
        }
        html(s, 0, s.length(), out);
    }

    /** {@link #html(CharSequence, Output)} of s[start, end). */
    public static void html(CharSequence s, int start, int end, Output out) {
        htmlFrom(s, start, start, end, out);
    }

    /** {@link #htmlRep}'s answer for a surrogate pair: both halves kept as they are. */
    private static final String PAIR = new String("(pair)");

    /** What html writes for c = s[i] of s[.., n): null for c itself, its entity, U+FFFD for half a pair, PAIR. */
    private static String htmlRep(char c, CharSequence s, int i, int n) {
        if (c < 64) {
            return (HTML_SPECIAL >>> c & 1) == 0 ? null : HTML[c];
        }
        if (!Character.isSurrogate(c)) {
            return null;
        }
        return Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1)) ? PAIR
                : "\uFFFD";
    }

    /**
     * {@link #htmlFrom} of a whole String, s[0, from) known to need no escaping: a loop of its own, where
     * String's charAt is a direct call (a CharSequence's is an interface call in the loop; a fifth of a greeting).
     */
    private static void htmlFromString(String s, int from, int n, Output out) {
        int run = 0;
        for (int i = from; i < n; i++) {
            String rep = htmlRep(s.charAt(i), s, i, n);
            if (rep == PAIR) {
                i++;
            } else if (rep != null) {
                if (run < i) {
                    out.write(s, run, i);
                }
                out.write(rep);
                run = i + 1;
            }
        }
        if (run < n) {
            out.write(s, run, n);
        }
    }

    /** {@link #html(CharSequence, int, int, Output)}, s[start, from) known to need no escaping. */
    private static void htmlFrom(CharSequence s, int start, int from, int end, Output out) {
        int run = start;
        for (int i = from; i < end; i++) {
            String rep = htmlRep(s.charAt(i), s, i, end);
            if (rep == PAIR) {
                i++;
            } else if (rep != null) {
                if (run < i) {
                    out.write(s, run, i);
                }
                out.write(rep);
                run = i + 1;
            }
        }
        finishRange(s, start, run, end, out);
    }

    /** Twig's js: all but [a-zA-Z0-9,._] as \\uHHHH (surrogate pairs for code points above U+FFFF), a few short forms. */
    public static void js(CharSequence s, Output out) {
        js(s, 0, s.length(), out);
    }

    private static void js(CharSequence s, int start, int end, Output out) {
        int n = end;
        int run = start;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && JS_KEEP[c]) {
                continue;
            }
            if (run < i) {
                out.write(s, run, i);
            }
            if (c < 128 && JS_SHORT[c] != null) {
                out.write(JS_SHORT[c]);
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    throw invalidUtf8();
                }
                writeJsUnit(c, out);
                writeJsUnit(s.charAt(++i), out);
            } else {
                writeJsUnit(c, out);
            }
            run = i + 1;
        }
        finishRange(s, start, run, end, out);
    }

    private static void writeJsUnit(char c, Output out) {
        out.write('\\');
        out.write('u');
        out.write(HEX[(c >> 12) & 0xF]);
        out.write(HEX[(c >> 8) & 0xF]);
        out.write(HEX[(c >> 4) & 0xF]);
        out.write(HEX[c & 0xF]);
    }

    /** Twig's css: all but [a-zA-Z0-9] as a backslash, the code point in uppercase hex, and a space. */
    public static void css(CharSequence s, Output out) {
        css(s, 0, s.length(), out);
    }

    private static void css(CharSequence s, int start, int end, Output out) {
        int n = end;
        int run = start;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && CSS_KEEP[c]) {
                continue;
            }
            if (run < i) {
                out.write(s, run, i);
            }
            int cp = c;
            if (Character.isSurrogate(c)) {
                cp = pairAt(s, i, end);
                i++;
            }
            out.write('\\');
            writeHex(cp, 1, out);
            out.write(' ');
            run = i + 1;
        }
        finishRange(s, start, run, end, out);
    }

    /** rawurlencode of the UTF-8 bytes: all but [A-Za-z0-9_.~-] as %HH. */
    public static void url(CharSequence s, Output out) {
        url(s, 0, s.length(), out);
    }

    private static void url(CharSequence s, int start, int end, Output out) {
        int n = end;
        int run = start;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && URL_KEEP[c]) {
                continue;
            }
            if (run < i) {
                out.write(s, run, i);
            }
            int cp = c;
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                } else {
                    cp = 0xFFFD;
                }
            }
            if (cp < 0x80) {
                writePercent(cp, out);
            } else if (cp < 0x800) {
                writePercent(0xC0 | (cp >> 6), out);
                writePercent(0x80 | (cp & 0x3F), out);
            } else if (cp < 0x10000) {
                writePercent(0xE0 | (cp >> 12), out);
                writePercent(0x80 | ((cp >> 6) & 0x3F), out);
                writePercent(0x80 | (cp & 0x3F), out);
            } else {
                writePercent(0xF0 | (cp >> 18), out);
                writePercent(0x80 | ((cp >> 12) & 0x3F), out);
                writePercent(0x80 | ((cp >> 6) & 0x3F), out);
                writePercent(0x80 | (cp & 0x3F), out);
            }
            run = i + 1;
        }
        finishRange(s, start, run, end, out);
    }

    private static void writePercent(int b, Output out) {
        out.write('%');
        out.write(HEX[(b >> 4) & 0xF]);
        out.write(HEX[b & 0xF]);
    }

    /** Twig's html_attr (and html_attr_relaxed, which also keeps : @ [ ]). */
    private static void htmlAttr(CharSequence s, int start, int end, Output out, boolean[] keep) {
        int n = end;
        int run = start;
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128 && keep[c]) {
                continue;
            }
            if (run < i) {
                out.write(s, run, i);
            }
            if (c < 128) {
                out.write(ATTR[c]);
            } else {
                int cp = c;
                if (Character.isSurrogate(c)) {
                    cp = pairAt(s, i, end);
                    i++;
                }
                // only the first UTF-8 byte decides the U+FFFD case in Twig, and for a non-ASCII character
                // it is at least 0xC2: C1 controls come out as &#x0080; and so on
                out.write('&');
                out.write('#');
                out.write('x');
                writeHex(cp, 4, out);
                out.write(';');
            }
            run = i + 1;
        }
        finishRange(s, start, run, end, out);
    }

    /** public entry for html_attr, for callers that want it without the strategy switch. */
    public static void htmlAttr(CharSequence s, Output out) {
        htmlAttr(s, 0, s.length(), out, ATTR_KEEP);
    }

    /** public entry for html_attr_relaxed. */
    public static void htmlAttrRelaxed(CharSequence s, Output out) {
        htmlAttr(s, 0, s.length(), out, ATTR_RELAXED_KEEP);
    }

    private static int pairAt(CharSequence s, int i, int end) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
            return Character.toCodePoint(c, s.charAt(i + 1));
        }
        throw invalidUtf8();
    }

    /** Uppercase hex of v, at least minDigits digits. */
    private static void writeHex(int v, int minDigits, Output out) {
        int digits = 1;
        while (digits < 8 && (v >>> (4 * digits)) != 0) {
            digits++;
        }
        for (int k = Math.max(digits, minDigits) - 1; k >= 0; k--) {
            out.write(HEX[(v >>> (4 * k)) & 0xF]);
        }
    }

    private static void finishRange(CharSequence s, int start, int run, int end, Output out) {
        if (start == 0 && end == s.length()) {
            finish(s, run, out);
        } else if (run < end) {
            out.write(s, run, end);
        }
    }

    private static void finish(CharSequence s, int run, Output out) {
        int n = s.length();
        if (run == 0 && s instanceof String str) {
            if (n > 0) {
                out.write(str);
            }
        } else if (run < n) {
            out.write(s, run, n);
        }
    }

    private static TemplateRuntimeException invalidUtf8() {
        return new TemplateRuntimeException("The string to escape is not a valid UTF-8 string.");
    }
}
