package dev.zweig.core;

import dev.zweig.ext.CallContext;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import dev.zweig.php.Values;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.ScratchText;

/**
 * The {@code url_encode} filter's two PHP functions: rawurlencode() (RFC 3986: everything but letters, digits
 * and {@code -_.~} as %XX of its UTF-8 bytes) for strings, http_build_query(..., PHP_QUERY_RFC3986) for arrays
 * (nested keys as {@code a%5Bb%5D}, null values left out, booleans as 1/0).
 */
final class UrlEncoding {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UrlEncoding() {
    }

    static String rawUrlEncode(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && unreserved(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16);
        appendEncoded(sb, s);
        return sb.toString();
    }

    static void appendEncoded(StringBuilder sb, String s) {
        encode(s, new StringBuilderOutput(sb));
    }

    /** rawurlencode(s) written to out (a lone surrogate as "?", as Java's UTF-8 encoder gives it). */
    static void encode(CharSequence s, Output out) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (unreserved(c)) {
                out.write(c);
            } else if (c < 0x80) {
                percent(out, c);
            } else if (c < 0x800) {
                percent(out, 0xC0 | (c >> 6));
                percent(out, 0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                percent(out, 0xF0 | (cp >> 18));
                percent(out, 0x80 | ((cp >> 12) & 0x3F));
                percent(out, 0x80 | ((cp >> 6) & 0x3F));
                percent(out, 0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(c)) {
                percent(out, '?');
            } else {
                percent(out, 0xE0 | (c >> 12));
                percent(out, 0x80 | ((c >> 6) & 0x3F));
                percent(out, 0x80 | (c & 0x3F));
            }
        }
    }

    static String buildQuery(Object data) {
        StringBuilder sb = new StringBuilder();
        writeQuery(null, data, new StringBuilderOutput(sb));
        return sb.toString();
    }

    /**
     * http_build_query(data, '', '&', PHP_QUERY_RFC3986) written to out: nested arrays read by position (a
     * render's temporaries when ctx is one) and their keys written again for each of their pairs, so nothing is
     * built but the output.
     */
    static void writeQuery(CallContext ctx, Object data, Output out) {
        writeQuery(ctx, data, PhpArrays.temp(ctx), 0, false, out);
    }

    /**
     * The pairs of data under the key path (path: key i at index i, for i below depth, a temporary of the call);
     * returns whether anything was written (written: whether something was before).
     */
    private static boolean writeQuery(CallContext ctx, Object data, PhpArray path, int depth, boolean written,
            Output out) {
        Object in = PhpArrays.indexed(ctx, data);
        for (int i = 0, n = PhpArrays.size(in); i < n; i++) {
            Object v = PhpArrays.valueAt(in, i);
            if (v == null) {
                continue;
            }
            path.put(PhpArray.index(depth), PhpArrays.keyAt(in, i));
            if (PhpArrays.isIterable(v)) {
                written = writeQuery(ctx, v, path, depth + 1, written, out);
                continue;
            }
            if (written) {
                out.write('&');
            }
            written = true;
            for (int d = 0; d <= depth; d++) {
                if (d > 0) {
                    out.write("%5B");
                }
                writeKey(path.get(PhpArray.index(d)), out);
                if (d > 0) {
                    out.write("%5D");
                }
            }
            out.write('=');
            if (v instanceof Boolean b) {
                out.write(b ? '1' : '0');
            } else if (v instanceof Long l) {
                out.write((long) l); // digits and '-': unreserved
            } else if (v instanceof CharSequence cs) {
                encode(cs, out);
            } else if (ctx instanceof ScratchArena r) {
                ScratchText text = r.textBuffer(); // a float's digits, say, without a String
                Values.write(v, text);
                encode(text, out);
            } else {
                encode(Values.toString(v), out);
            }
        }
        return written;
    }

    private static void writeKey(Object k, Output out) {
        if (k instanceof Long l) {
            out.write((long) l);
        } else if (k instanceof CharSequence cs) {
            encode(cs, out);
        } else {
            encode(Values.toString(k), out);
        }
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~';
    }

    private static void percent(Output out, int b) {
        out.write('%');
        out.write(HEX[b >> 4]);
        out.write(HEX[b & 0xF]);
    }
}
