package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.PhpFloats;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.Markup;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpNumbers;
import dev.zweig.runtime.ScratchText;
import dev.zweig.php.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

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

    private JsonEncoder() {
    }

    /** The JSON text, or Boolean.FALSE when PHP's json_encode would fail. */
    static Object encode(Object value, long flags, long depth) {
        StringBuilderOutput text = new StringBuilderOutput();
        return write(value, flags, depth, text, null) ? text.toString() : Boolean.FALSE;
    }

    /**
     * Writes the JSON text of value into out; false when json_encode would return false instead (out then holds
     * the partial text, to be dropped). Throws for a bad depth, and for a failure under JSON_THROW_ON_ERROR.
     */
    static boolean write(Object value, long flags, long depth, Output out, Object[] callMemo) {
        if (depth <= 0 || depth > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("json_encode(): Argument #3 ($depth) must be greater than 0");
        }
        MapWalker walker = null;
        if (callMemo != null) {
            walker = (MapWalker) callMemo[FilterWriters.JSON_WALKER];
            if (walker == null) {
                walker = new MapWalker();
            }
            callMemo[FilterWriters.JSON_WALKER] = null; // taken while in use
        }
        // the encoding's options travel as one long (flags, then the depth limit above them): no encoder object
        String error;
        try {
            error = value(value, 0, (depth << 32) | (flags & 0xFFFFFFFFL), out, walker);
        } finally {
            if (walker != null) {
                walker.out = null;
                callMemo[FilterWriters.JSON_WALKER] = walker;
            }
        }
        if (error != null) {
            if ((flags & THROW_ON_ERROR) != 0) {
                throw new IllegalArgumentException(error);
            }
            return (flags & PARTIAL_OUTPUT_ON_ERROR) != 0;
        }
        return true;
    }

    private static boolean has(long opts, int flag) {
        return (opts & flag) != 0;
    }

    /** The first of two errors (PHP reports the first; the encoding goes on to write the partial output). */
    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    /** Writes v; returns the first error (null: none). */
    private static String value(Object v, int depth, long opts, Output out, MapWalker w) {
        if (v == null) {
            out.write("null");
        } else if (v instanceof Boolean b) {
            out.write(b ? "true" : "false");
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.write(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            out.write(bi.toString());
        } else if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue(), opts, out);
        } else if (v instanceof BigDecimal bd) {
            return number(bd.doubleValue(), opts, out);
        } else if (v instanceof CharSequence cs) {
            return string(cs instanceof String || cs instanceof Markup || cs instanceof ScratchText
                    || cs instanceof dev.zweig.runtime.SafeText ? cs
                    : cs.toString(), has(opts, NUMERIC_CHECK), opts, out);
        } else if (PhpArrays.isIterable(v) && !dev.zweig.php.Traversables.isOnce(v)) {
            return array(v, depth, opts, out, w);
        } else if (v instanceof Number n) {
            return number(n.doubleValue(), opts, out);
        } else {
            // an object without public properties, as PHP sees an arbitrary Java object (an Iterator or a stream too,
            // not walked: PHP's json_encode of a generator is {})
            out.write("{}");
        }
        return null;
    }

    private static String number(double d, long opts, Output out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            out.write('0');
            return "Inf and NaN cannot be JSON encoded";
        }
        boolean integral = d == Math.rint(d) && Math.abs(d) < 1e14 && (d != 0 || Double.doubleToRawLongBits(d) == 0);
        if (integral) {
            out.write((long) d);
        } else if (!PhpNumbers.writeShortDecimal(d, out)) {
            integral = PhpFloats.writeShortest(d, 'e', out); // the shortest round-trip digits (up to 17)
        }
        if (integral && has(opts, PRESERVE_ZERO_FRACTION)) {
            out.write(".0");
        }
        return null;
    }

    private static String string(CharSequence s, boolean numericCheck, long opts, Output out) {
        int kind = numericCheck ? PhpNumbers.numericKind(s, false) : PhpNumbers.NOT_NUMERIC;
        if (kind == PhpNumbers.INTEGER) {
            out.write(PhpNumbers.integerValue(s)); // read in place: no box
            return null;
        }
        if (kind == PhpNumbers.FLOAT) {
            return number(PhpNumbers.floatValue(s), opts, out);
        }
        out.write('"');
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x80 ? c != '"' && c != '\\' && c != '/' && c != '<' && c != '>' && c != '&'
                    && c != '\'' : c >= 0x80 && has(opts, UNESCAPED_UNICODE)
                            && (has(opts, UNESCAPED_LINE_TERMINATORS) || (c != '\u2028' && c != '\u2029'))) {
                continue; // kept as it is: written with the run
            }
            if (run < i) {
                out.write(s, run, i);
            }
            run = i + 1;
            switch (c) {
                case '"' -> out.write(has(opts, HEX_QUOT) ? "\\u0022" : "\\\"");
                case '\\' -> out.write("\\\\");
                case '/' -> out.write(has(opts, UNESCAPED_SLASHES) ? "/" : "\\/");
                case '\b' -> out.write("\\b");
                case '\f' -> out.write("\\f");
                case '\n' -> out.write("\\n");
                case '\r' -> out.write("\\r");
                case '\t' -> out.write("\\t");
                case '<' -> out.write(has(opts, HEX_TAG) ? "\\u003C" : "<");
                case '>' -> out.write(has(opts, HEX_TAG) ? "\\u003E" : ">");
                case '&' -> out.write(has(opts, HEX_AMP) ? "\\u0026" : "&");
                case '\'' -> out.write(has(opts, HEX_APOS) ? "\\u0027" : "'");
                default -> {
                    if (c < 0x20) {
                        unicodeEscape(c, out);
                    } else {
                        unicodeEscape(c, out); // non-ASCII, unless kept above
                    }
                }
            }
        }
        if (run < n) {
            out.write(s, run, n);
        }
        out.write('"');
        return null;
    }

    private static void unicodeEscape(char c, Output out) {
        out.write('\\');
        out.write('u');
        out.write(HEX[(c >> 12) & 0xF]);
        out.write(HEX[(c >> 8) & 0xF]);
        out.write(HEX[(c >> 4) & 0xF]);
        out.write(HEX[c & 0xF]);
    }

    private static String array(Object v, int depth, long opts, Output out, MapWalker w) {
        if (depth >= (int) (opts >>> 32)) {
            out.write("null");
            return "Maximum stack depth exceeded";
        }
        boolean jdkMap = w != null && v instanceof Map<?, ?> && v.getClass().getModule() == Map.class.getModule();
        if (jdkMap) {
            return w.array((Map<?, ?>) v, depth, opts, out);
        }
        boolean asList = !has(opts, FORCE_OBJECT) && PhpArrays.isList(v);
        out.write(asList ? '[' : '{');
        boolean any;
        String error = null;
        if (v instanceof List<?> l && l instanceof RandomAccess) {
            // the common shapes walked by index or entry, without a visitor object per array
            for (int i = 0, n = l.size(); i < n; i++) {
                error = first(error, element(i == 0, asList, (long) i, l.get(i), depth, opts, out, w));
            }
            any = !l.isEmpty();
        } else if (v instanceof PhpArray a) {
            for (int i = 0, n = a.size(); i < n; i++) {
                error = first(error, element(i == 0, asList, a.keyAt(i), a.valueAt(i), depth, opts, out, w));
            }
            any = a.size() > 0;
        } else if (v instanceof Map<?, ?> m) {
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                error = first(error, element(first, asList, e.getKey(), e.getValue(), depth, opts, out, w));
                first = false;
            }
            any = !first;
        } else {
            boolean[] first = {true};
            String[] errors = {null};
            PhpArrays.forEach(v, (k, x) -> {
                errors[0] = first(errors[0], element(first[0], asList, k, x, depth, opts, out, w));
                first[0] = false;
                return true;
            });
            any = !first[0];
            error = errors[0];
        }
        if (has(opts, PRETTY_PRINT) && any) {
            newline(depth, out);
        }
        out.write(asList ? ']' : '}');
        return error;
    }

    private static String element(boolean first, boolean asList, Object key, Object x, int depth, long opts,
            Output out, MapWalker w) {
        boolean pretty = has(opts, PRETTY_PRINT);
        if (!first) {
            out.write(',');
        }
        if (pretty) {
            newline(depth + 1, out);
        }
        if (!asList) {
            // keys are always JSON strings, never numbers, whatever the flags
            if (key instanceof Long l) {
                out.write('"');
                out.write(l.longValue());
                out.write('"');
            } else {
                string(Values.text(PhpArrays.key(key)), false, opts, out);
            }
            out.write(pretty ? ": " : ":");
        }
        return value(x, depth + 1, opts, out, w);
    }

    /**
     * Walks the JDK's maps with their own forEach (no iterator, no entry objects even through an unmodifiable
     * view): first to tell a list from an object, then to write the pairs. One per render state, kept in the
     * call memo; a nested map saves and restores its state around its own walk.
     */
    private static final class MapWalker implements java.util.function.BiConsumer<Object, Object> {
        Output out;
        private boolean writing;
        private long next;
        private boolean list;
        private boolean first;
        private boolean asList;
        private int depth;
        private long opts;
        private String error;
        /** The thread walking while a map's forEach runs (see {@link #accept}), else null. */
        private Thread walking;

        String array(Map<?, ?> m, int depth, long opts, Output out) {
            // the state of an enclosing walk, back when this one is done
            Thread savedWalking = walking;
            boolean savedWriting = writing;
            long savedNext = next;
            boolean savedList = list;
            boolean savedFirst = first;
            boolean savedAsList = asList;
            int savedDepth = this.depth;
            long savedOpts = this.opts;
            String savedError = error;
            Output savedOut = this.out;
            try {
                boolean isList = false;
                if (!has(opts, FORCE_OBJECT)) {
                    writing = false;
                    next = 0;
                    list = true;
                    walking = Thread.currentThread();
                    m.forEach(this);
                    walking = savedWalking;
                    isList = list;
                }
                this.out = out;
                this.depth = depth;
                this.opts = opts;
                writing = true;
                asList = isList;
                first = true;
                error = null;
                out.write(isList ? '[' : '{');
                walking = Thread.currentThread();
                m.forEach(this);
                walking = savedWalking;
                if (has(opts, PRETTY_PRINT) && !first) {
                    newline(depth, out);
                }
                out.write(isList ? ']' : '}');
                return error;
            } finally {
                walking = savedWalking;
                writing = savedWriting;
                next = savedNext;
                list = savedList;
                first = savedFirst;
                asList = savedAsList;
                this.depth = savedDepth;
                this.opts = savedOpts;
                error = savedError;
                this.out = savedOut;
            }
        }

        /**
         * One pair, only while a walk's forEach runs on this thread: a JDK wrapper's forEach (unmodifiableMap) hands
         * this walker to the application's map, which may keep it and call it later, when a json_encode of some
         * render writes through it, or from inside a pair (a value's own map, a key's toString): refused.
         */
        @Override
        public void accept(Object k, Object v) {
            Thread t = walking;
            if (t != Thread.currentThread()) {
                throw new IllegalStateException("A map's forEach may use the action it is given only during the "
                        + "call, on the calling thread");
            }
            walking = null;
            try {
                pair(k, v);
            } finally {
                walking = t;
            }
        }

        private void pair(Object k, Object v) {
            if (!writing) {
                if (list && !(PhpArrays.key(k) instanceof Long l && l == next)) {
                    list = false;
                }
                next++;
                return;
            }
            String e = element(first, asList, k, v, depth, opts, out, this);
            error = first(error, e);
            first = false;
        }
    }

    private static void newline(int depth, Output out) {
        out.write('\n');
        for (int i = 0; i < depth; i++) {
            out.write("    ");
        }
    }
}
