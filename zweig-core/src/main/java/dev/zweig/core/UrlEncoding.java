package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.Values;
import java.nio.charset.StandardCharsets;

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
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (unreserved(c)) {
                sb.append(c);
            } else if (c < 0x80) {
                percent(sb, c);
            } else {
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < n && Character.isLowSurrogate(s.charAt(end))) {
                    end++;
                }
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    percent(sb, b & 0xFF);
                }
                i = end - 1;
            }
        }
    }

    static String buildQuery(Object data) {
        StringBuilder sb = new StringBuilder();
        buildQuery(sb, data, null);
        return sb.toString();
    }

    private static void buildQuery(StringBuilder sb, Object data, String prefix) {
        PhpArrays.forEach(data, (k, v) -> {
            if (v == null) {
                return true;
            }
            StringBuilder key = new StringBuilder();
            if (prefix == null) {
                appendEncoded(key, Values.toString(k));
            } else {
                key.append(prefix).append("%5B");
                appendEncoded(key, Values.toString(k));
                key.append("%5D");
            }
            if (PhpArrays.isIterable(v)) {
                buildQuery(sb, v, key.toString());
                return true;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(key).append('=');
            if (v instanceof Boolean b) {
                sb.append(b ? '1' : '0');
            } else {
                appendEncoded(sb, Values.toString(v));
            }
            return true;
        });
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                || c == '.' || c == '~';
    }

    private static void percent(StringBuilder sb, int b) {
        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }
}
