package dev.zweig.core;

import dev.zweig.ext.CallContext;
import dev.zweig.output.Output;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Markup;
import dev.zweig.runtime.PhpDate;
import dev.zweig.runtime.Values;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Streaming forms ({@link dev.zweig.ext.FilterWriter}) of the string filters most often printed: they write the
 * result into the output character by character or slice by slice instead of building a String, and fall back to
 * the filter's own code for inputs their fast path does not cover. Each must print exactly what the filter
 * returns.
 */
final class FilterWriters {
    private FilterWriters() {
    }

    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    static void capitalize(CallContext ctx, Object[] a, Output out) {
        String s = StringFilters.str(a[0]);
        if (!isAscii(s)) {
            out.write(StringFilters.capitalize(s));
            return;
        }
        int n = s.length();
        if (n == 0) {
            return;
        }
        char c0 = s.charAt(0);
        boolean same = !(c0 >= 'a' && c0 <= 'z');
        for (int i = 1; i < n && same; i++) {
            char c = s.charAt(i);
            same = !(c >= 'A' && c <= 'Z');
        }
        if (same) {
            out.write(s);
            return;
        }
        out.write(c0 >= 'a' && c0 <= 'z' ? (char) (c0 - 32) : c0);
        writeCased(s, 1, n, false, out);
    }

    /** Writes s[from, to) lower- (or upper-) cased, ASCII only, unchanged runs as slices. */
    private static void writeCased(String s, int from, int to, boolean upper, Output out) {
        int run = from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean change = upper ? (c >= 'a' && c <= 'z') : (c >= 'A' && c <= 'Z');
            if (change) {
                if (run < i) {
                    out.write(s, run, i);
                }
                out.write((char) (upper ? c - 32 : c + 32));
                run = i + 1;
            }
        }
        if (run < to) {
            if (run == 0 && to == s.length()) {
                out.write(s);
            } else {
                out.write(s, run, to);
            }
        }
    }

    static void upper(CallContext ctx, Object[] a, Output out) {
        String s = StringFilters.str(a[0]);
        if (!isAscii(s)) {
            out.write(s.toUpperCase(java.util.Locale.ROOT));
            return;
        }
        writeCased(s, 0, s.length(), true, out);
    }

    static void lower(CallContext ctx, Object[] a, Output out) {
        String s = StringFilters.str(a[0]);
        if (!isAscii(s)) {
            out.write(StringFilters.lower(s));
            return;
        }
        writeCased(s, 0, s.length(), false, out);
    }

    static void trim(CallContext ctx, Object[] a, Output out) {
        if (a[1] != null || !(a[0] instanceof String s) || !"both".equals(a[2])) {
            Values.write(StringFilters.trim(a[0], a[1], a[2]), out);
            return;
        }
        int start = 0;
        int end = s.length();
        while (start < end && isTrimmed(s.charAt(start))) {
            start++;
        }
        while (end > start && isTrimmed(s.charAt(end - 1))) {
            end--;
        }
        if (start == 0 && end == s.length()) {
            out.write(s);
        } else if (start < end) {
            out.write(s, start, end);
        }
    }

    private static boolean isTrimmed(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\u000B';
    }

    static void length(CallContext ctx, Object[] a, Output out) {
        out.write((long) CollectionFilters.length(a[0]));
    }

    /** {@code escape}: strings and objects escaped into the output; numbers, null, bools and arrays as they are. */
    static void escape(CallContext ctx, Object[] a, Output out) {
        Object v = a[0];
        if (v instanceof String s && a[1] instanceof String strategy && Escapers.isStrategy(strategy)
                && !(Boolean.TRUE.equals(a[3]) && v instanceof Markup)) {
            Escapers.escape(strategy, s, out);
            return;
        }
        Object r = CoreExtension.escape(v, a[1], a[3]);
        Values.write(r, out);
    }

    /** {@code abs}: the absolute value printed without boxing it. */
    static void abs(CallContext ctx, Object[] a, Output out) {
        if (a[0] instanceof Long l && l != Long.MIN_VALUE) {
            out.write(Math.abs(l));
        } else if (a[0] instanceof Double d) {
            dev.zweig.runtime.PhpNumbers.writeDouble(Math.abs(d), out);
        } else {
            Values.write(StringFilters.abs(a[0]), out);
        }
    }

    /** {@code round}: the common method at small precisions computed and printed without boxing; else the filter. */
    static void round(CallContext ctx, Object[] a, Output out) {
        Object v = a[0];
        long precision = a[1] == null ? 0 : Values.toLong(a[1]);
        if ((v instanceof Double || v instanceof Long) && "common".equals(a[2]) && precision >= 0 && precision <= 10) {
            double d = ((Number) v).doubleValue();
            double x = Math.abs(d) * POW10[(int) precision];
            double fl = Math.floor(x);
            if (x < 4.5e15 && !nearTie(x, x - fl)) { // not near a tie: PHP's pre-rounding agrees
                double r = (fl + (x - fl > 0.5 ? 1 : 0)) / POW10[(int) precision];
                dev.zweig.runtime.PhpNumbers.writeDouble(d < 0 ? -r : r, out);
                return;
            }
        }
        Values.write(StringFilters.round(a[0], a[1], a[2]), out);
    }

    /**
     * Whether x (|value| scaled to the places kept), whose fractional part is frac, is so close to a half that
     * PHP's pre-rounding of the value to 15 significant digits may decide the rounding: that moves x by up to
     * x * 5e-15 (1,234,567,890.1235 to 3 places is a tie for PHP, 1234567890123.49998... for a double).
     */
    private static boolean nearTie(double x, double frac) {
        return Math.abs(frac - 0.5) < 1e-6 + x * 1e-14;
    }

    /** {@code slice} of a string: the code points written as a slice of the original. */
    static void slice(CallContext ctx, Object[] a, Output out) {
        if (a[0] instanceof String s && isAscii(s) && a[1] instanceof Long start
                && (a[2] == null || a[2] instanceof Long)) {
            int n = s.length();
            long from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
            long to = a[2] == null ? n : (Long) a[2] < 0 ? Math.max(from, n + (Long) a[2])
                    : Math.min(n, from + (Long) a[2]);
            if (from < to) {
                out.write(s, (int) from, (int) to);
            }
            return;
        }
        Values.write(CollectionFilters.slice(a[0], a[1], a[2], a[3]), out);
    }

    // ---- number_format -----------------------------------------------------------------------------------

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10};
    private static final long[] LPOW10 = {1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L,
        1000000000L, 10000000000L};

    static void numberFormat(CallContext ctx, Object[] a, Output out) {
        Object number = a[0];
        long decimals = a[1] == null ? 0 : Values.toLong(a[1]);
        String point = a[2] == null ? "." : Values.toString(a[2]);
        String sep = a[3] == null ? "," : Values.toString(a[3]);
        if (decimals < 0 || decimals > 10 || !(number instanceof Long || number instanceof Double
                || number instanceof Integer)) {
            out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
            return;
        }
        int dec = (int) decimals;
        long ip;
        long fp;
        boolean negative;
        if (number instanceof Double dd) {
            double d = dd;
            double x = Math.abs(d) * POW10[dec];
            if (!(x < 4.5e15)) {
                out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
                return;
            }
            double fl = Math.floor(x);
            double frac = x - fl;
            if (nearTie(x, frac)) { // near a tie: PHP's pre-rounding decides; take the exact path
                out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
                return;
            }
            long m = (long) fl + (frac > 0.5 ? 1 : 0);
            ip = m / LPOW10[dec];
            fp = m % LPOW10[dec];
            negative = d < 0 && m != 0;
        } else {
            long v = ((Number) number).longValue();
            if (v == Long.MIN_VALUE) {
                out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
                return;
            }
            negative = v < 0;
            ip = Math.abs(v);
            fp = 0;
        }
        if (negative) {
            out.write('-');
        }
        writeGrouped(ip, sep, out);
        if (dec > 0) {
            out.write(point);
            for (long p = LPOW10[dec - 1]; p > fp && p > 1; p /= 10) {
                out.write('0');
            }
            if (fp > 0 || dec == 1) {
                out.write(fp);
            } else {
                out.write('0');
            }
        }
    }

    /** Digits of v (non-negative) with sep between groups of three. */
    private static void writeGrouped(long v, String sep, Output out) {
        if (v < 1000 || sep.isEmpty()) {
            out.write(v);
            return;
        }
        long p = 1;
        while (v / p >= 1000) {
            p *= 1000;
        }
        out.write(v / p);
        while (p > 1) {
            p /= 1000;
            out.write(sep);
            long g = (v / p) % 1000;
            if (g < 100) {
                out.write('0');
            }
            if (g < 10) {
                out.write('0');
            }
            out.write(g);
        }
    }

    // ---- date ------------------------------------------------------------------------------------------------

    /** Memo of the current time per render state and zone, refreshed once a second (see RenderMemo). */
    private static Object[] memo(CallContext ctx, int kind, int size) {
        return ctx instanceof dev.zweig.runtime.RenderMemo m ? m.memo(kind, size) : new Object[size];
    }

    static void date(CallContext ctx, Object[] a, Output out, String defaultFormat, String defaultIntervalFormat) {
        Object date = a[0];
        String pattern = a[1] == null ? defaultFormat : a[1] instanceof String s ? s : null;
        if ((date == null || "now".equals(date)) && a[2] == null && pattern != null && pattern.indexOf('u') < 0
                && pattern.indexOf('v') < 0) {
            PhpDate.format(now(ctx), pattern, out);
            return;
        }
        if (date instanceof ZonedDateTime || date instanceof Long || date instanceof Instant) {
            if (pattern != null && !PhpDate.isInterval(date)) {
                PhpDate.format(converted(ctx, date, a[2]), pattern, out);
                return;
            }
        }
        out.write(DateDefinitions.formatDate(ctx, date, a[1], a[2], defaultFormat, defaultIntervalFormat));
    }

    /** The last few conversions of a render: the same (immutable) date shown again costs no new object. */
    private static ZonedDateTime converted(CallContext ctx, Object date, Object timezone) {
        ZoneId zone = ctx.timezone();
        Object[] c = memo(ctx, dev.zweig.runtime.RenderMemo.DATES, 8 * 3);
        for (int i = 0; i < c.length; i += 3) {
            if (c[i] != null && c[i].equals(date) && c[i + 1] == zone && timezone == null) {
                return (ZonedDateTime) c[i + 2];
            }
        }
        ZonedDateTime t = DateDefinitions.convertDate(ctx, date, timezone);
        if (timezone == null) {
            System.arraycopy(c, 0, c, 3, c.length - 3);
            c[0] = date;
            c[1] = zone;
            c[2] = t;
        }
        return t;
    }

    private static ZonedDateTime now(CallContext ctx) {
        ZoneId zone = ctx.timezone();
        Object[] c = memo(ctx, dev.zweig.runtime.RenderMemo.NOW, 3);
        long sec = System.currentTimeMillis() / 1000;
        if (c[0] instanceof Long l && l == sec && c[1] == zone) {
            return (ZonedDateTime) c[2];
        }
        ZonedDateTime t = ZonedDateTime.now(Clock.system(zone));
        c[0] = sec;
        c[1] = zone;
        c[2] = t;
        return t;
    }

}
