package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.Sprintf;
import dev.zweig.ext.CallContext;
import dev.zweig.output.Output;
import dev.zweig.runtime.Escapers;
import dev.zweig.Markup;
import dev.zweig.php.PhpDate;
import dev.zweig.runtime.RenderMemo;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.php.ScratchDate;
import dev.zweig.runtime.ScratchText;
import dev.zweig.php.PhpFloats;
import dev.zweig.php.Values;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

/**
 * Streaming forms ({@link dev.zweig.ext.FilterWriter}) of the string filters most often printed: they write the
 * result into the output character by character or slice by slice instead of building a String, and fall back to
 * the filter's own code for inputs their fast path does not cover. Each must print exactly what the filter
 * returns.
 *
 * <p>This file is a little over 800 lines because it is one table of writers, each a few dozen lines sharing the
 * same helpers (case mapping, escaping a slice, the fallback to the filter); splitting it by filter family would
 * move those helpers behind package-private forwarding for no reader's gain.
 */
final class FilterWriters {
    private FilterWriters() {
    }

    static boolean isAscii(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Writes all of s: a String as one write, other texts as a slice. */
    static void writeAll(CharSequence s, Output out) {
        if (s instanceof String str) {
            out.write(str);
        } else if (s.length() > 0) {
            out.write(s, 0, s.length());
        }
    }

    /**
     * Whether every character of s changes case to exactly one character, as String's full case mapping does it
     * (what the filters' own code uses): everything below U+0370 but ß, ŉ and ǰ (upper case: two characters), İ
     * (lower case: two) and the title-case letters (ǅ: title keeps them). Other text takes the filters' own code.
     */
    static boolean simpleCase(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 && (c >= 0x370 || c == 0xDF || c == 0x149 || c == 0x1F0 || c == 0x130
                    || Character.isTitleCase(c))) {
                return false;
            }
        }
        return true;
    }

    private static char upperCase(char c) {
        return c < 0x80 ? (c >= 'a' && c <= 'z' ? (char) (c - 32) : c) : Character.toUpperCase(c);
    }

    private static char lowerCase(char c) {
        return c < 0x80 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Character.toLowerCase(c);
    }

    static void capitalize(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        if (!simpleCase(s)) {
            CaseMapping.capitalize(s, out);
            return;
        }
        int n = s.length();
        if (n == 0) {
            return;
        }
        out.write(upperCase(s.charAt(0)));
        writeCased(s, 1, n, false, out);
    }

    /** Writes s[from, to) lower- (or upper-) cased, one character each (see simpleCase), unchanged runs as slices. */
    private static void writeCased(CharSequence s, int from, int to, boolean upper, Output out) {
        int run = from;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            char m = upper ? upperCase(c) : lowerCase(c);
            if (m != c) {
                if (run < i) {
                    out.write(s, run, i);
                }
                out.write(m);
                run = i + 1;
            }
        }
        if (run < to) {
            if (run == 0 && to == s.length()) {
                writeAll(s, out);
            } else {
                out.write(s, run, to);
            }
        }
    }

    static void upper(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        if (!simpleCase(s)) {
            CaseMapping.upper(s, out);
            return;
        }
        writeCased(s, 0, s.length(), true, out);
    }

    static void lower(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        if (!simpleCase(s)) {
            CaseMapping.lower(s, out);
            return;
        }
        writeCased(s, 0, s.length(), false, out);
    }

    /**
     * {@code title} (mb_convert_case's MB_CASE_TITLE) of text whose characters change case one to one: a cased
     * letter after a cased letter (skipping case-ignorable characters such as ' . :) lower-cased, any other
     * title-cased; other text through the filter.
     */
    static void title(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        if (!simpleCase(s)) {
            CaseMapping.title(s, out);
            return;
        }
        boolean inWord = false;
        int run = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            char m;
            if (c < 0x80) {
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                m = letter ? (inWord ? lowerCase(c) : upperCase(c)) : c;
                if (letter) {
                    inWord = true;
                } else if (!(c == '\'' || c == '.' || c == ':' || c == '^' || c == '`')) {
                    inWord = false;
                }
            } else {
                if (inWord) {
                    m = lowerCase(c);
                } else {
                    m = Character.toTitleCase(c);
                    if (m == c) {
                        m = upperCase(c);
                    }
                }
                if (!StringFilters.isCaseIgnorable(c)) {
                    inWord = StringFilters.isCased(c);
                }
            }
            if (m != c) {
                if (run < i) {
                    out.write(s, run, i);
                }
                out.write(m);
                run = i + 1;
            }
        }
        if (run == 0) {
            writeAll(s, out);
        } else if (run < s.length()) {
            out.write(s, run, s.length());
        }
    }

    private static final String DEFAULT_TRIM_CHARS = " \t\n\r\0\u000B";

    static void trim(CallContext ctx, Object[] a, Output out) {
        CharSequence mask = a[1] == null || PhpArrays.isIterable(a[1]) ? DEFAULT_TRIM_CHARS : Values.text(a[1]);
        boolean left = "both".equals(a[2]) || "left".equals(a[2]);
        boolean right = "both".equals(a[2]) || "right".equals(a[2]);
        if (!(left || right) || PhpArrays.isIterable(a[1])) {
            // a bad side or mask: the filter's own code, which raises
            Values.write(StringFilters.trim(a[0], a[1], a[2]), out);
            return;
        }
        CharSequence s = Values.text(a[0]);
        int start = 0;
        int end = s.length();
        while (left && start < end && contains(mask, s.charAt(start))) {
            start++;
        }
        while (right && end > start && contains(mask, s.charAt(end - 1))) {
            end--;
        }
        if (start == 0 && end == s.length()) {
            writeAll(s, out);
        } else if (start < end) {
            out.write(s, start, end);
        }
    }

    /** Whether c is in a PHP trim mask, read in place: "a..z" is a range, as StringFilters.expandMask reads it. */
    private static boolean contains(CharSequence mask, char c) {
        for (int i = 0, n = mask.length(); i < n; i++) {
            char m = mask.charAt(i);
            if (i + 3 < n && mask.charAt(i + 1) == '.' && mask.charAt(i + 2) == '.' && mask.charAt(i + 3) >= m) {
                if (c >= m && c <= mask.charAt(i + 3)) {
                    return true;
                }
                i += 3;
            } else if (m == c) {
                return true;
            }
        }
        return false;
    }

    /** {@code nl2br}: "&lt;br /&gt;" before each line break (\r\n, \n\r, \n or \r), the rest as slices. */
    static void nl2br(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        int n = s.length();
        int run = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\r') {
                continue;
            }
            if (run < i) {
                out.write(s, run, i);
            }
            out.write("<br />");
            run = i;
            if (i + 1 < n) {
                char d = s.charAt(i + 1);
                if ((c == '\r' && d == '\n') || (c == '\n' && d == '\r')) {
                    i++;
                }
            }
        }
        if (run == 0) {
            writeAll(s, out);
        } else if (run < n) {
            out.write(s, run, n);
        }
    }

    /** {@code spaceless}: trim(preg_replace('/&gt;\s+&lt;/', '&gt;&lt;', s)), written as slices. */
    static void spaceless(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        int n = s.length();
        // the replacement never removes a leading or trailing character, so the trim bounds are the input's
        int start = 0;
        int end = n;
        while (start < end && contains(DEFAULT_TRIM_CHARS, s.charAt(start))) {
            start++;
        }
        while (end > start && contains(DEFAULT_TRIM_CHARS, s.charAt(end - 1))) {
            end--;
        }
        int run = start;
        for (int i = start; i < end; i++) {
            if (s.charAt(i) != '>') {
                continue;
            }
            int j = i + 1;
            while (j < n && isPcreSpace(s.charAt(j))) {
                j++;
            }
            if (j > i + 1 && j < n && s.charAt(j) == '<') {
                out.write(s, run, i + 1);
                run = j;
                i = j - 1;
            }
        }
        if (run == 0 && end == n) {
            writeAll(s, out);
        } else if (run < end) {
            out.write(s, run, end);
        }
    }

    private static boolean isPcreSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** {@code striptags}: PHP's state machine writing the kept text straight out. */
    static void striptags(CallContext ctx, Object[] a, Output out) {
        StripTags.strip(Values.text(a[0]), a[1], ctx instanceof ScratchArena r ? r : null, out);
    }

    /**
     * {@code replace} with a small mapping: strtr's longest key at each position, the keys collected once per
     * call by the render's pair collector (its call memo), the values written as they are; other mappings through
     * the filter. The collector is the call's until it returns: application code reached meanwhile (a key's or a
     * value's toString, the caller's Output) may run another replace of the same render through an arrow it was
     * handed, which then collects into one of its own.
     */
    static void replace(CallContext ctx, Object[] a, Output out) {
        Object[] memo = callMemo(ctx);
        if (!(a[1] instanceof Map<?, ?> m) || m.size() > REPLACE_KEYS || memo == null) {
            out.write(StringFilters.replace(ctx, a[0], a[1]));
            return;
        }
        CharSequence s = Values.text(a[0]);
        PairCollector c = (PairCollector) memo[PAIR_COLLECTOR];
        memo[PAIR_COLLECTOR] = null; // taken while in use
        if (c == null) {
            c = new PairCollector();
        }
        try {
            int k = c.collect(m);
            Object[] pairs = c.pairs;
            int n = s.length();
            int run = 0;
            long steps = 0;
            for (int i = 0; i < n; ) {
                int best = -1;
                int bestLength = 0;
                for (int p = 0; p < k; p++) {
                    CharSequence key = (CharSequence) pairs[2 * p];
                    if (key.length() > bestLength && Values.regionMatches(s, i, key)) {
                        best = p;
                        bestLength = key.length();
                    }
                }
                if ((steps += k) > 1023) {
                    steps = 0;
                    dev.zweig.runtime.RenderClock.check(ctx);
                }
                if (best < 0) {
                    i++;
                    continue;
                }
                if (run < i) {
                    out.write(s, run, i);
                }
                Values.writeText(pairs[2 * best + 1], out);
                i += bestLength;
                run = i;
            }
            if (run == 0) {
                writeAll(s, out);
            } else if (run < n) {
                out.write(s, run, n);
            }
        } finally {
            // the memo outlives the call: the collector keeps nothing of it (but its buffers)
            java.util.Arrays.fill(c.pairs, null);
            memo[PAIR_COLLECTOR] = c;
        }
    }

    /** Mappings up to this many keys are replaced without building strtr's tables. */
    private static final int REPLACE_KEYS = 16;

    /**
     * The render's working space for one filter call (RenderMemo.CALL), or null outside a render: one helper
     * object each for replace, json_encode and date, taken out while a call uses it (see {@link #replace}).
     */
    static Object[] callMemo(CallContext ctx) {
        return ctx instanceof RenderMemo m ? m.memo(RenderMemo.CALL, DATE_FIELDS + 1) : null;
    }

    private static final int PAIR_COLLECTOR = 0;
    static final int JSON_WALKER = PAIR_COLLECTOR + 1;
    private static final int DATE_FIELDS = JSON_WALKER + 1;

    /**
     * Collects a mapping's pairs for {@link #replace} into its own arrays; one per render state, kept in its call
     * memo.
     */
    private static final class PairCollector implements java.util.function.BiConsumer<Object, Object> {
        /** The non-empty keys (as text) and their values, at [0, 2 * count). */
        final Object[] pairs = new Object[2 * REPLACE_KEYS];
        int count;
        /** The digits of integer keys ({1: 'one'}), one reused buffer per pair: no String per call. */
        private final StringBuilder[] digits = new StringBuilder[REPLACE_KEYS];

        /** The thread collecting while a collection runs (see {@link #accept}), else null. */
        private Thread collecting;

        /** Collects m's pairs; returns how many there are. */
        int collect(Map<?, ?> m) {
            count = 0;
            Thread outer = collecting;
            collecting = Thread.currentThread();
            try {
                if (m.getClass().getModule() == Map.class.getModule() || m instanceof dev.zweig.php.PhpArray) {
                    m.forEach(this); // the JDK's maps and PHP arrays walk their entries without an iterator
                } else {
                    for (Map.Entry<?, ?> e : m.entrySet()) {
                        accept(e.getKey(), e.getValue());
                    }
                }
            } finally {
                collecting = outer;
            }
            return count;
        }

        /**
         * One pair, only while {@link #collect} runs on this thread: a JDK wrapper's forEach (unmodifiableMap)
         * hands this collector to the application's map, which may keep it and call it later, when another
         * replace of some render uses these pairs, or from inside a pair (a key's toString): refused.
         */
        @Override
        public void accept(Object k, Object v) {
            Thread t = collecting;
            if (t != Thread.currentThread()) {
                throw new IllegalStateException("A map's forEach may use the action it is given only during the "
                        + "call, on the calling thread");
            }
            collecting = null;
            try {
                add(k, v);
            } finally {
                collecting = t;
            }
        }

        private void add(Object k, Object v) {
            Object normal = PhpArrays.key(k);
            CharSequence key;
            if (normal instanceof Long l) {
                StringBuilder b = digits[count];
                if (b == null) {
                    b = digits[count] = new StringBuilder(20);
                }
                b.setLength(0);
                key = b.append(l.longValue());
            } else {
                key = Values.text(normal);
            }
            if (key.length() > 0) {
                // a later key equal to an earlier one (1 and "1") replaces it, as in strtr's array
                for (int p = 0; p < count; p++) {
                    if (Values.contentEquals((CharSequence) pairs[2 * p], key)) {
                        pairs[2 * p + 1] = v;
                        return;
                    }
                }
                pairs[2 * count] = key;
                pairs[2 * count + 1] = v;
                count++;
            }
        }
    }

    /** {@code format}: sprintf written straight out. */
    static void format(CallContext ctx, Object[] a, Output out) {
        Sprintf.format(Values.text(a[0]), PhpArrays.extraArguments(a[1]), out);
    }

    /** {@code url_encode} of a string: rawurlencode, as the url escaper writes it (arrays through the filter). */
    static void urlEncode(CallContext ctx, Object[] a, Output out) {
        if (PhpArrays.isIterable(a[0])) {
            UrlEncoding.writeQuery(ctx, a[0], out);
            return;
        }
        CharSequence s = Values.text(a[0]);
        if (hasLoneSurrogate(s)) {
            out.write(StringFilters.urlEncode(a[0])); // PHP encodes the broken byte, the escaper U+FFFD
            return;
        }
        Escapers.url(s, out);
    }

    private static boolean hasLoneSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code convert_encoding} between encodings that agree on ASCII, of ASCII text: the text itself; anything else
     * through the filter.
     */
    static void convertEncoding(CallContext ctx, Object[] a, Output out) {
        CharSequence s = Values.text(a[0]);
        if (a[1] instanceof String to && a[2] instanceof String from && asciiCompatible(to) && asciiCompatible(from)
                && isAscii(s)) {
            writeAll(s, out);
            return;
        }
        out.write(StringFilters.convertEncoding(a[0], a[1], a[2]));
    }

    /** Encodings known to write ASCII as ASCII (a suffix such as //IGNORE changes nothing for ASCII). */
    private static boolean asciiCompatible(String name) {
        int end = name.indexOf('/');
        String n = end < 0 ? name : name.substring(0, end);
        for (String known : ASCII_COMPATIBLE) {
            if (known.equalsIgnoreCase(n)) {
                return true;
            }
        }
        return false;
    }

    private static final String[] ASCII_COMPATIBLE = {"UTF-8", "UTF8", "ASCII", "US-ASCII", "ISO-8859-1",
        "ISO-8859-15", "LATIN1", "WINDOWS-1252", "CP1252"};

    /** {@code json_encode}: built in a render buffer and written out, unless it fails (false prints nothing). */
    static void jsonEncode(CallContext ctx, Object[] a, Output out) {
        if (!(ctx instanceof ScratchArena r)) {
            Values.write(StringFilters.jsonEncode(a[0], a[1], a[2]), out);
            return;
        }
        ScratchText json = r.textBuffer();
        if (writeJson(ctx, a, json)) {
            out.write(json, 0, json.length());
        }
    }

    /** json_encode(a[0], a[1], a[2]) into out; false when json_encode returns false. */
    static boolean writeJson(CallContext ctx, Object[] a, Output out) {
        return JsonEncoder.write(a[0], a[1] == null ? 0 : Values.toLong(a[1]), a[2] == null ? 512 : Values.toLong(a[2]),
                out, callMemo(ctx));
    }

    static void length(CallContext ctx, Object[] a, Output out) {
        out.write((long) CollectionFilters.length(ctx, a[0]));
    }

    /** {@code escape}: strings and objects escaped into the output; numbers, null, bools and arrays as they are. */
    static void escape(CallContext ctx, Object[] a, Output out) {
        Object v = a[0];
        if ((v instanceof String || v instanceof ScratchText || (Values.isMarkup(v) && !Values.isTrue(a[3])))
                && a[1] instanceof String strategy && Escapers.isStrategy(strategy)) {
            Escapers.escape(strategy, (CharSequence) v, out);
            return;
        }
        Object r = CoreExtension.escape(v, a[1], a[3]);
        Values.write(r, out);
    }

    /** {@code abs}: the absolute value printed without boxing it. */
    static void abs(CallContext ctx, Object[] a, Output out) {
        Object v = a[0];
        if (v instanceof CharSequence cs && !Values.isMarkup(v) && ctx instanceof dev.zweig.runtime.ScratchArena boxes
                && dev.zweig.php.PhpNumbers.isNumeric(cs)) { // (a Markup is an object to PHP: abs's TypeError)
            v = dev.zweig.php.PhpNumbers.parseLeadingNumeric(cs, boxes); // a numeric string: its number, read in place
        }
        if (v instanceof Long l && l != Long.MIN_VALUE) {
            out.write(Math.abs(l));
        } else if (v instanceof Double d) {
            dev.zweig.php.PhpNumbers.writeDouble(Math.abs(d), out);
        } else {
            Values.write(StringFilters.abs(a[0]), out);
        }
    }

    /** {@code round}: the common method at small precisions computed and printed without boxing; else the filter. */
    static void round(CallContext ctx, Object[] a, Output out) {
        double r = StringFilters.quickRound(a[0], a[1], a[2]);
        if (Double.isNaN(r)) { // near a tie or a negative precision: the exact rounding, still printed unboxed
            r = StringFilters.roundToDouble(a[0], a[1], a[2]);
        }
        dev.zweig.php.PhpNumbers.writeDouble(r, out);
    }

    /** {@code slice} of a string: the code points written as a slice of the original. */
    static void slice(CallContext ctx, Object[] a, Output out) {
        if (!PhpArrays.isIterable(a[0])) {
            // mb_substr's int start and ?int length, coerced as the filter does (a float from round: its integer)
            long start = StringFilters.intArgument(a[1], "mb_substr", 2, "start");
            long length = a[2] == null ? 0 : StringFilters.nullableIntArgument(a[2], "mb_substr", 3, "length");
            CharSequence s = Values.text(a[0]);
            int n = Character.codePointCount(s, 0, s.length()); // mb_substr counts code points
            long from = start < 0 ? Math.max(0, n + start) : Math.min(start, n);
            long to = a[2] == null ? n : length < 0 ? Math.max(from, n + Math.max(length, -n))
                    : Math.min(n, from + Math.min(length, n));
            if (from < to) {
                int b = Character.offsetByCodePoints(s, 0, (int) from);
                out.write(s, b, Character.offsetByCodePoints(s, b, (int) (to - from)));
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
        if (!(a[1] == null || a[1] instanceof Long) || PhpArrays.isIterable(a[2]) || PhpArrays.isIterable(a[3])) {
            out.write(StringFilters.numberFormat(number, a[1], a[2], a[3])); // PHP coerces or rejects them
            return;
        }
        if (number instanceof CharSequence cs && !Values.isMarkup(number)
                && ctx instanceof dev.zweig.runtime.ScratchArena boxes) {
            number = boxes.box(dev.zweig.php.PhpNumbers.floatValue(cs)); // Twig's (float) cast, read in place
        }
        long decimals = a[1] == null ? 0 : (Long) a[1];
        String point = a[2] == null ? "." : Values.toString(a[2]);
        String sep = a[3] == null ? "," : Values.toString(a[3]);
        // PHP formats (float) number: ints that a double holds exactly, and floats (Float and BigDecimal read as
        // their double, as Values.toDouble reads them)
        boolean integral = number instanceof Long || number instanceof Integer || number instanceof Short
                || number instanceof Byte;
        if (!(integral || number instanceof Double || number instanceof Float
                || number instanceof java.math.BigDecimal)) {
            out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
            return;
        }
        if (decimals < 0 || decimals > 10 || integral && Math.abs(((Number) number).longValue()) >= 1L << 53) {
            exactNumberFormat(number, ((Number) number).doubleValue(), decimals, point, sep, a, out);
            return;
        }
        int dec = (int) decimals;
        long ip;
        long fp;
        boolean negative;
        if (!integral) {
            double d = ((Number) number).doubleValue();
            double x = Math.abs(d) * POW10[dec];
            if (dec == 0 && x >= 0x1p53 && x < 0x1p64) {
                // an integer beyond 2^53 (a 19-digit numeric string's float): its exact digits, no rounding
                if (d < 0) {
                    out.write('-');
                }
                writeGroupedUnsigned(unsignedValue(x), sep, out);
                return;
            }
            if (!(x < 4.5e15)) {
                exactNumberFormat(number, d, decimals, point, sep, a, out);
                return;
            }
            double fl = Math.floor(x);
            double frac = x - fl;
            long m;
            if (StringFilters.nearTie(x, frac)) {
                // near a tie PHP's pre-rounding decides: its round() gives the nearest double to a number with dec
                // decimals, which scaled back (below 4.5e15) is that integer give or take far less than a half
                m = Math.round(Math.abs(PhpFloats.round(d, dec)) * POW10[dec]);
            } else {
                m = (long) fl + (frac > 0.5 ? 1 : 0);
            }
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

    /**
     * number_format of d (PHP's (float) of number) where the quick path above does not apply (large values, many
     * or negative decimals): PhpFloats' exact writer, else the filter itself.
     */
    private static void exactNumberFormat(Object number, double d, long decimals, String point, String sep, Object[] a,
            Output out) {
        if (!PhpFloats.writeNumberFormat(d, decimals, point, sep, out)) {
            out.write(StringFilters.numberFormat(number, a[1], a[2], a[3]));
        }
    }

    /** The exact value of an integral double in [2^53, 2^64), as an unsigned long. */
    private static long unsignedValue(double x) {
        long bits = Double.doubleToRawLongBits(x);
        return ((bits & ((1L << 52) - 1)) | (1L << 52)) << ((int) (bits >>> 52) - 1075);
    }

    /** Digits of the unsigned v with sep between groups of three. */
    private static void writeGroupedUnsigned(long v, String sep, Output out) {
        if (v >= 0) {
            writeGrouped(v, sep, out);
            return;
        }
        long low = Long.remainderUnsigned(v, 1000);
        writeGrouped(Long.divideUnsigned(v, 1000), sep, out);
        out.write(sep);
        if (low < 100) {
            out.write('0');
        }
        if (low < 10) {
            out.write('0');
        }
        out.write(low);
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
        PhpDate.Fields fields = dateFields(ctx);
        try {
            if (pattern != null && dateFields(ctx, date, a[2], precise(pattern), fields)) {
                PhpDate.format(fields, pattern, out);
                return;
            }
        } finally {
            giveBack(ctx, fields);
        }
        out.write(DateDefinitions.formatDate(ctx, date, a[1], a[2], defaultFormat, defaultIntervalFormat));
    }

    /** Whether a date format shows micro- or milliseconds (the clock is read then, not the memo of the second). */
    static boolean precise(String pattern) {
        return pattern.indexOf('u') >= 0 || pattern.indexOf('v') >= 0;
    }

    /**
     * The fields of the date the date filter shows, without a new object for the usual inputs: now, a
     * ZonedDateTime, OffsetDateTime, LocalDateTime, LocalDate, Instant or render-private date (date_modify's), a
     * Unix time (as an integer, an integral float or digits), a date text PHP's parser reads, shown in the
     * Environment's zone, the zone argument or (false) the date's own zone; false for the rest (java.time then).
     * The memo of the current time is a second old at most: precise (micro- or milliseconds shown) reads the clock.
     */
    static boolean dateFields(CallContext ctx, Object date, Object timezone, boolean precise,
            PhpDate.Fields fields) {
        ZoneId env = ctx.timezone();
        if (Boolean.TRUE.equals(timezone)) {
            return false; // java.time's way reports the bad zone
        }
        // null: Twig's false, the date keeps its own zone
        ZoneId zone = timezone == null ? env : PhpDate.zoneArgument(timezone, env);
        if (date == null || date instanceof CharSequence cs && "now".contentEquals(cs)) {
            ZoneId z = zone == null ? env : zone;
            if (precise) {
                long micros = currentMicros(ctx);
                return fields.ofEpoch(Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L) * 1000, z);
            }
            long[] now = clock(ctx);
            return fields.ofEpoch(now[3], (int) now[4], z);
        }
        if (date instanceof ZonedDateTime t) {
            if (zone == null || t.getZone().equals(zone)) {
                fields.of(t);
                return true;
            }
            return fields.ofEpoch(t.toEpochSecond(), t.getNano(), zone);
        } else if (date instanceof ScratchDate d) {
            return fields.ofEpoch(d.epochSecond(), d.micros() * 1000, zone == null ? d.zone() : zone);
        } else if (date instanceof Instant i) {
            return fields.ofEpoch(i.getEpochSecond(), i.getNano(), zone == null ? ZoneOffset.UTC : zone);
        } else if (date instanceof OffsetDateTime o) {
            return fields.ofEpoch(o.toEpochSecond(), o.getNano(), zone == null ? o.getOffset() : zone);
        } else if (date instanceof LocalDateTime l) {
            return fields.ofLocal(l.toLocalDate().toEpochDay() * 86400 + l.toLocalTime().toSecondOfDay(),
                    l.getNano(), env, zone == null ? env : zone);
        } else if (date instanceof LocalDate l) {
            return fields.ofLocal(l.toEpochDay() * 86400, 0, env, zone == null ? env : zone);
        } else if (date instanceof Long || date instanceof Integer) {
            return fields.ofEpoch(((Number) date).longValue(), 0, zone == null ? ZoneOffset.UTC : zone);
        } else if (date instanceof Double d) {
            // PHP prints an integral float under 1e15 as its digits: a Unix time
            return d == Math.rint(d) && Math.abs(d) < 1e15
                    && fields.ofEpoch((long) (double) d, 0, zone == null ? ZoneOffset.UTC : zone);
        } else if (date instanceof String || date instanceof ScratchText) {
            CharSequence text = (CharSequence) date;
            long timestamp = timestamp(text);
            if (timestamp != Long.MIN_VALUE) {
                return fields.ofEpoch(timestamp, 0, zone == null ? ZoneOffset.UTC : zone);
            }
            if (zone != null && fields.ofIsoText(text, env, zone)) {
                return true;
            }
            if (precise) {
                long micros = currentMicros(ctx);
                return fields.ofText(text, env, Math.floorDiv(micros, 1_000_000L),
                        (int) Math.floorMod(micros, 1_000_000L), zone);
            }
            long[] now = clock(ctx);
            return fields.ofText(text, env, now[3], (int) (now[4] / 1000), zone);
        }
        return false;
    }

    /** The Unix time a text of digits (with an optional minus) gives, as Twig reads it, or Long.MIN_VALUE. */
    private static long timestamp(CharSequence s) {
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == start || n - start > 18) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (int k = start; k < n; k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return start == 1 ? -v : v;
    }

    /**
     * The render's date fields object (a call memo slot; a fresh one outside a render), empty, taken out of the memo
     * until {@link #giveBack}: application code reached while a date is computed or written (a modifier's
     * toString, the caller's Output) may run another date filter of the same render through an arrow it was
     * handed, which then works in fields of its own.
     */
    static PhpDate.Fields dateFields(CallContext ctx) {
        Object[] memo = callMemo(ctx);
        PhpDate.Fields fields = memo == null ? null : (PhpDate.Fields) memo[DATE_FIELDS];
        if (fields == null) {
            return new PhpDate.Fields();
        }
        memo[DATE_FIELDS] = null; // taken while in use
        return fields;
    }

    /** Empties fields (from {@link #dateFields}) and puts them back in the render's memo. */
    static void giveBack(CallContext ctx, PhpDate.Fields fields) {
        fields.clear();
        Object[] memo = callMemo(ctx);
        if (memo != null) {
            memo[DATE_FIELDS] = fields;
        }
    }

    /**
     * The current time in microseconds since 1970-01-01T00:00:00Z, with no object made: the clock reading the
     * memo took (once a second) plus how far System.nanoTime has gone since.
     */
    static long currentMicros(CallContext ctx) {
        long[] c = clock(ctx);
        return c[1] + (System.nanoTime() - c[2]) / 1000;
    }

    /**
     * The memo of the current time, refreshed once a second: [0] the second it was read in, [1] microseconds since
     * the epoch and [2] System.nanoTime read together, [3] and [4] the time as epoch second and nanosecond (the one
     * Instant read per refresh is all it makes).
     */
    private static long[] clock(CallContext ctx) {
        Object[] memo = memo(ctx, dev.zweig.runtime.RenderMemo.NOW, 4);
        long sec = System.currentTimeMillis() / 1000;
        long[] c = memo[3] instanceof long[] b ? b : null;
        if (c != null && c[0] == sec) {
            return c;
        }
        if (c == null) {
            c = new long[5];
            memo[3] = c;
        }
        Instant instant = Instant.now();
        c[0] = sec;
        c[1] = instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1000;
        c[2] = System.nanoTime();
        c[3] = instant.getEpochSecond();
        c[4] = instant.getNano();
        return c;
    }

}
