package dev.zweig.core;

import dev.zweig.runtime.Values;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * PHP's json_encode() for the {@code json_encode} filter, flags included: {@code /} escaped as {@code \/} and
 * non-ASCII as {@code \u00e9} unless told otherwise, lists as JSON arrays and other arrays as objects, floats in
 * their shortest round-trip form without a ".0" (unless JSON_PRESERVE_ZERO_FRACTION). A value PHP cannot encode
 * (INF, NAN, too deep) makes the whole call return false, as json_encode does without JSON_THROW_ON_ERROR.
 */
final class JsonEncoder {
    static final int HEX_TAG = 1;
    static final int HEX_AMP = 2;
    static final int HEX_APOS = 4;
    static final int HEX_QUOT = 8;
    static final int FORCE_OBJECT = 16;
    static final int NUMERIC_CHECK = 32;
    static final int UNESCAPED_SLASHES = 64;
    static final int PRETTY_PRINT = 128;
    static final int UNESCAPED_UNICODE = 256;
    static final int PARTIAL_OUTPUT_ON_ERROR = 512;
    static final int PRESERVE_ZERO_FRACTION = 1024;
    static final int UNESCAPED_LINE_TERMINATORS = 2048;
    static final int THROW_ON_ERROR = 4194304;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int flags;
    private final int maxDepth;
    private final StringBuilder out = new StringBuilder();
    private String error;

    private JsonEncoder(int flags, int maxDepth) {
        this.flags = flags;
        this.maxDepth = maxDepth;
    }

    /** The JSON text, or Boolean.FALSE when PHP's json_encode would fail. */
    static Object encode(Object value, long flags, long depth) {
        if (depth <= 0 || depth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("json_encode(): Argument #3 ($depth) must be greater than 0");
        }
        JsonEncoder enc = new JsonEncoder((int) flags, (int) depth);
        enc.value(value, 0);
        if (enc.error != null) {
            if ((enc.flags & THROW_ON_ERROR) != 0) {
                throw new IllegalArgumentException(enc.error);
            }
            if ((enc.flags & PARTIAL_OUTPUT_ON_ERROR) == 0) {
                return Boolean.FALSE;
            }
        }
        return enc.out.toString();
    }

    private boolean has(int flag) {
        return (flags & flag) != 0;
    }

    private void value(Object v, int depth) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b ? "true" : "false");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.append(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            out.append(bi);
        } else if (v instanceof Double || v instanceof Float) {
            number(((Number) v).doubleValue());
        } else if (v instanceof BigDecimal bd) {
            number(bd.doubleValue());
        } else if (v instanceof CharSequence cs) {
            string(cs.toString(), has(NUMERIC_CHECK));
        } else if (PhpArrays.isIterable(v)) {
            array(v, depth);
        } else if (v instanceof Number n) {
            number(n.doubleValue());
        } else {
            // an object without public properties, as PHP sees an arbitrary Java object
            out.append("{}");
        }
    }

    private void number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            fail("Inf and NaN cannot be JSON encoded");
            out.append('0');
            return;
        }
        String s = PhpFloats.gcvt(d, 17, 'e', true);
        out.append(s);
        if (has(PRESERVE_ZERO_FRACTION) && s.indexOf('.') < 0 && s.indexOf('e') < 0) {
            out.append(".0");
        }
    }

    private void string(String s, boolean numericCheck) {
        if (numericCheck && Values.isNumeric(s)) {
            Number n = Values.toNumber(s);
            if (n instanceof Long l) {
                out.append(l.longValue());
            } else {
                number(n.doubleValue());
            }
            return;
        }
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> {
                    if (has(HEX_QUOT)) {
                        out.append("\\u0022");
                    } else {
                        out.append("\\\"");
                    }
                }
                case '\\' -> out.append("\\\\");
                case '/' -> {
                    if (has(UNESCAPED_SLASHES)) {
                        out.append('/');
                    } else {
                        out.append("\\/");
                    }
                }
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '<' -> out.append(has(HEX_TAG) ? "\\u003C" : "<");
                case '>' -> out.append(has(HEX_TAG) ? "\\u003E" : ">");
                case '&' -> out.append(has(HEX_AMP) ? "\\u0026" : "&");
                case '\'' -> out.append(has(HEX_APOS) ? "\\u0027" : "'");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c);
                    } else if (c < 0x80) {
                        out.append(c);
                    } else if ((c == '\u2028' || c == '\u2029') && !has(UNESCAPED_LINE_TERMINATORS)) {
                        unicodeEscape(c);
                    } else if (has(UNESCAPED_UNICODE)) {
                        out.append(c);
                    } else {
                        unicodeEscape(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private void unicodeEscape(char c) {
        out.append("\\u").append(HEX[(c >> 12) & 0xF]).append(HEX[(c >> 8) & 0xF]).append(HEX[(c >> 4) & 0xF])
                .append(HEX[c & 0xF]);
    }

    private void array(Object v, int depth) {
        if (depth >= maxDepth) {
            fail("Maximum stack depth exceeded");
            out.append("null");
            return;
        }
        boolean asList = !has(FORCE_OBJECT) && PhpArrays.isList(v);
        boolean pretty = has(PRETTY_PRINT);
        boolean[] first = {true};
        out.append(asList ? '[' : '{');
        PhpArrays.forEach(v, (k, x) -> {
            if (!first[0]) {
                out.append(',');
            }
            first[0] = false;
            if (pretty) {
                newline(depth + 1);
            }
            if (!asList) {
                // keys are always JSON strings, never numbers, whatever the flags
                string(k instanceof String s ? s : Values.toString(k), false);
                out.append(pretty ? ": " : ":");
            }
            value(x, depth + 1);
            return true;
        });
        if (pretty && !first[0]) {
            newline(depth);
        }
        out.append(asList ? ']' : '}');
    }

    private void newline(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) {
            out.append("    ");
        }
    }

    private void fail(String message) {
        if (error == null) {
            error = message;
        }
    }
}
