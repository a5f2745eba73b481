package dev.zweig.php;

import dev.zweig.Markup;
import dev.zweig.runtime.CurrentRender;
import dev.zweig.runtime.RenderClock;
import dev.zweig.runtime.ScratchText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import static dev.zweig.php.PhpArithmetic.big;
import static dev.zweig.php.PhpArithmetic.exact;
import static dev.zweig.php.Values.isArrayLike;
import static dev.zweig.php.Values.isIterable;
import static dev.zweig.php.Values.isTrue;
import static dev.zweig.php.Values.numberOrNull;
import static dev.zweig.php.Values.text;
import static dev.zweig.php.Values.toList;
import static dev.zweig.php.Values.toMap;

/**
 * PHP 8 comparison, the bodies of {@link Values}' comparison methods (their contracts are documented there):
 * {@code ==}, {@code ===}, {@code <=>} (numeric strings compared as numbers, strings bytewise as strcmp on UTF-8,
 * arrays by count then key by key), Twig's {@code in}, and the CharSequence matching they use without making
 * Strings.
 */
final class PhpComparison {
    private PhpComparison() {
    }

    static boolean looseEquals(Object a, Object b) {
        if (a instanceof String sa && b instanceof String sb) {
            if (sa.equals(sb)) {
                return true;
            }
            return bothNumericEqual(sa, sb);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return x.longValue() == y.longValue();
        }
        if ((a instanceof ScratchText || b instanceof ScratchText) && a instanceof CharSequence ca
                && b instanceof CharSequence cb) {
            // two strings: the same text, or both numeric and the same number
            if (contentEquals(ca, cb)) {
                return true;
            }
            return bothNumericEqual(ca, cb);
        }
        if (isArray(a) && isArray(b)) {
            return compareArrays(a, b, true) == 0;
        }
        return compare(a, b) == 0;
    }

    static boolean contentEquals(CharSequence a, CharSequence b) {
        if (a instanceof String sa && b instanceof String sb) {
            return sa.equals(sb);
        }
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static boolean regionMatches(CharSequence s, int from, CharSequence prefix) {
        int n = prefix.length();
        if (from < 0 || from + n > s.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(from + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static int indexOf(CharSequence s, CharSequence needle, int from) {
        if (s instanceof String hs && needle instanceof String ns) {
            return hs.indexOf(ns, from);
        }
        int n = needle.length();
        for (int i = Math.max(0, from), last = s.length() - n; i <= last; i++) {
            if (regionMatches(s, i, needle)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether a and b are both numeric strings of the same number (read in place: no String, no box). */
    private static boolean bothNumericEqual(CharSequence a, CharSequence b) {
        if (!mayBeNumeric(a) || !mayBeNumeric(b)) {
            return false;
        }
        int ka = PhpNumbers.numericKind(a, false);
        if (ka == PhpNumbers.NOT_NUMERIC) {
            return false;
        }
        int kb = PhpNumbers.numericKind(b, false);
        if (kb == PhpNumbers.NOT_NUMERIC) {
            return false;
        }
        return compareNumericStrings(a, ka, b, kb) == 0;
    }

    static boolean strictEquals(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            // never a data object's equals: === between an object and a boolean is false, and runs no code
            return a instanceof Boolean x && b instanceof Boolean y && x.booleanValue() == y.booleanValue();
        }
        if (isInt(a)) {
            return isInt(b) && intValue(a) == intValue(b);
        }
        if (isFloat(a)) {
            if (!isFloat(b)) {
                return false;
            }
            if (a instanceof BigDecimal || b instanceof BigDecimal) {
                Number x = floatNumber(a);
                Number y = floatNumber(b);
                return exact(x, y) ? big(x).compareTo(big(y)) == 0 : x.doubleValue() == y.doubleValue();
            }
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        if (isPlainString(a)) {
            return isPlainString(b) && contentEquals((CharSequence) a, (CharSequence) b);
        }
        if (isArray(a)) {
            if (!isArray(b)) {
                return false;
            }
            return strictArrayEquals(a, b);
        }
        return false; // objects (including Markup and a generator): identity, checked above
    }

    private static boolean strictArrayEquals(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            for (int i = 0; i < la.size(); i++) {
                if (!strictEquals(la.get(i), lb.get(i))) {
                    return false;
                }
            }
            return true;
        }
        Map<Object, Object> ma = toMap(a);
        Map<Object, Object> mb = toMap(b);
        if (ma.size() != mb.size()) {
            return false;
        }
        Iterator<Map.Entry<Object, Object>> ib = mb.entrySet().iterator();
        for (Map.Entry<Object, Object> ea : ma.entrySet()) {
            Map.Entry<Object, Object> eb = ib.next();
            if (!ea.getKey().equals(eb.getKey()) || !strictEquals(ea.getValue(), eb.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** A Java integer PHP takes as an int: Long, Integer, Short, Byte, a BigInteger within a long. */
    static boolean isInt(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || (v instanceof BigInteger bi && bi.bitLength() < 64);
    }

    private static long intValue(Object v) {
        return ((Number) v).longValue();
    }

    private static boolean isFloat(Object v) {
        return v instanceof Double || v instanceof Float || v instanceof BigDecimal
                || (v instanceof BigInteger bi && bi.bitLength() >= 64);
    }

    private static Number floatNumber(Object v) {
        if (v instanceof BigDecimal) {
            return (Number) v;
        }
        return ((Number) v).doubleValue();
    }

    /**
     * An array-like value compared as an array: not an Iterator nor a stream, which PHP compares as the object a
     * generator is (see {@link #compareGenerator}).
     */
    private static boolean isArray(Object v) {
        return isArrayLike(v) && !Traversables.isOnce(v);
    }

    /**
     * A comparison with an Iterator or a stream (neither null nor a bool), as PHP 8 compares a generator, an object
     * without __toString nor properties: equal to itself only; against a number it is cast to 1 (with a notice, as a
     * Markup is); against anything else it is uncomparable, the object side greater. It is never walked.
     */
    private static int compareGenerator(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        boolean onceA = Traversables.isOnce(a);
        if (onceA && (isInt(b) || isFloat(b))) {
            return compare(1L, b);
        }
        if (!onceA && (isInt(a) || isFloat(a))) {
            return compare(a, 1L);
        }
        return onceA ? 1 : -1;
    }

    private static boolean isPlainString(Object v) {
        return v instanceof CharSequence && !Values.isMarkup(v);
    }

    static int compare(Object a, Object b) {
        // the common cases first
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareStrings(sa, sb);
        }
        // a Java caller's Integer, Short, Byte and Float are PHP ints and floats: compared unboxed, as
        // compareNumbers compares Longs and Doubles
        if (isInt(a) && isInt(b)) {
            return Long.compare(((Number) a).longValue(), ((Number) b).longValue());
        }
        if ((isInt(a) || a instanceof Double || a instanceof Float)
                && (isInt(b) || b instanceof Double || b instanceof Float)) {
            return threeWay(((Number) a).doubleValue(), ((Number) b).doubleValue());
        }
        // null and bool: compared as bools (null with a string: as "")
        if (a == null || b == null) {
            if (a == null && b == null) {
                return 0;
            }
            if (a == null && isStringLike(b)) {
                return ((CharSequence) b).length() == 0 ? 0 : -1;
            }
            if (b == null && isStringLike(a)) {
                return ((CharSequence) a).length() == 0 ? 0 : 1;
            }
            return Boolean.compare(isTrue(a), isTrue(b));
        }
        if (a instanceof Boolean || b instanceof Boolean) {
            return Boolean.compare(isTrue(a), isTrue(b));
        }
        // a Markup is an object: PHP casts it to the number it is compared with, which gives 1 (with a notice)
        if (Values.isMarkup(a) && (isInt(b) || isFloat(b))) {
            return compare(1L, b);
        }
        if (Values.isMarkup(b) && (isInt(a) || isFloat(a))) {
            return compare(a, 1L);
        }
        if (Traversables.isOnce(a) || Traversables.isOnce(b)) {
            return compareGenerator(a, b);
        }
        boolean arrA = isArrayLike(a);
        boolean arrB = isArrayLike(b);
        if (arrA || arrB) {
            if (arrA && arrB) {
                return compareArrays(a, b, false);
            }
            return arrA ? 1 : -1;
        }
        Number na = numericValue(a);
        Number nb = numericValue(b);
        if (na != null && nb != null) {
            return compareNumbers(na, nb);
        }
        boolean sa = isStringLike(a);
        boolean sb = isStringLike(b);
        if (sa && sb) {
            return compareStrings(chars(a), chars(b));
        }
        if (na != null && sb) {
            return compareNumberWithString(na, chars(b));
        }
        if (sa && nb != null) {
            if (nb instanceof Double d && d.isNaN()) {
                return 1;
            }
            return -compareNumberWithString(nb, chars(a));
        }
        // dates (PHP's DateTimeInterface): by the instant they stand for, whatever their zones
        if (isInstant(a) && isInstant(b)) {
            int c = Long.compare(epochSecond(a), epochSecond(b));
            return c != 0 ? c : Integer.compare(nano(a), nano(b));
        }
        // objects: identity first (no code of theirs runs), then their own equals / toString / compareTo, each a
        // method call that a sandbox policy must allow
        if (a == b) {
            return 0;
        }
        if (HAS_EQUALS.get(a.getClass())) {
            CurrentRender.checkMethod(a, "equals");
            // the object's own code sees a render-private text as a String of its own, never the reused buffer
            if (a.equals(b instanceof ScratchText t ? t.toString() : b)) {
                return 0;
            }
        }
        if (sa || sb) {
            // an object with a string: through the object's text
            return compareStrings(Values.toString(a), Values.toString(b));
        }
        if (a.getClass() == b.getClass() && a instanceof Comparable) {
            if (!(a instanceof Enum<?>)) { // Enum.compareTo is final: ordinals, no code of the enum's
                CurrentRender.checkMethod(a, "compareTo");
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            int c = ((Comparable) a).compareTo(b);
            return Integer.signum(c);
        }
        return 1;
    }

    /** A date PHP would compare as a DateTime: a point in time (a zoned or offset date-time, an Instant). */
    private static boolean isInstant(Object v) {
        return v instanceof java.time.ZonedDateTime || v instanceof java.time.OffsetDateTime
                || v instanceof java.time.Instant || v instanceof ScratchDate;
    }

    private static long epochSecond(Object v) {
        return v instanceof java.time.ZonedDateTime z ? z.toEpochSecond()
                : v instanceof ScratchDate d ? d.epochSecond()
                : v instanceof java.time.OffsetDateTime o ? o.toEpochSecond()
                : ((java.time.Instant) v).getEpochSecond();
    }

    private static int nano(Object v) {
        return v instanceof java.time.ZonedDateTime z ? z.getNano()
                : v instanceof ScratchDate d ? d.micros() * 1000
                : v instanceof java.time.OffsetDateTime o ? o.getNano() : ((java.time.Instant) v).getNano();
    }

    /**
     * Whether a class overrides Object#equals (else equality is identity, and no code of the object runs; enums
     * inherit Enum's final identity equals).
     */
    private static final ClassValue<Boolean> HAS_EQUALS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                Class<?> declaring = type.getMethod("equals", Object.class).getDeclaringClass();
                return declaring != Object.class && declaring != Enum.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    static int compareForSort(Object a, Object b) {
        return compare(a, b);
    }

    /** Numeric value of an int/float-typed value (not strings), or null. */
    private static Number numericValue(Object v) {
        if (v instanceof Long || v instanceof Double || v instanceof BigDecimal) {
            return (Number) v;
        }
        if (v instanceof Number) {
            return numberOrNull(v);
        }
        return null;
    }

    private static boolean isStringLike(Object v) {
        return v instanceof CharSequence;
    }

    /** The characters of a string-like value: the engine's texts read in place, any other one's toString. */
    private static CharSequence chars(Object v) {
        return v instanceof String || v instanceof ScratchText || Values.isMarkup(v) ? (CharSequence) v
                : v.toString();
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            if (shortDecimal(a) && shortDecimal(b)) {
                // decimals of at most 15 significant digits are distinct doubles when they are distinct numbers
                // (DBL_DIG), in the same order; a finite double against such a decimal compares as its shortest
                // decimal form would (if the decimal rounds to that double, it is that form): compared without a
                // BigDecimal of either side
                return threeWay(a.doubleValue(), b.doubleValue());
            }
            if (exact(a, b)) {
                return big(a).compareTo(big(b));
            }
        }
        return threeWay(a.doubleValue(), b.doubleValue());
    }

    /**
     * A number of at most 15 significant digits within a double's easy range (money, counts), or a finite double
     * (compared against such a number only: the caller has a BigDecimal on one side).
     */
    private static boolean shortDecimal(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd.precision() <= 15 && bd.scale() >= -20 && bd.scale() <= 20;
        }
        if (n instanceof Double || n instanceof Float) {
            return Double.isFinite(n.doubleValue());
        }
        return isInt(n) && Math.abs(n.longValue()) < 1_000_000_000_000_000L;
    }

    private static int threeWay(double x, double y) {
        return x == y ? 0 : (x < y ? -1 : 1);
    }

    /**
     * int/float against a string: numerically if the string is numeric, else the number's text against it (read
     * in place: no String of either for ints and integral floats, no box).
     */
    private static int compareNumberWithString(Number n, CharSequence s) {
        if (n instanceof Double d && d.isNaN()) {
            return 1;
        }
        int k = PhpNumbers.numericKind(s, false);
        if (k == PhpNumbers.NOT_NUMERIC) {
            return compareNumberText(n, s);
        }
        if (n instanceof Long x) {
            return k == PhpNumbers.INTEGER ? Long.compare(x, PhpNumbers.integerValue(s))
                    : threeWay(x, PhpNumbers.floatValue(s));
        }
        if (n instanceof Double x) {
            return threeWay(x, k == PhpNumbers.INTEGER ? PhpNumbers.integerValue(s) : PhpNumbers.floatValue(s));
        }
        return compareNumbers(n, PhpNumbers.parseNumeric(s));
    }

    /** The text of an int or float against s, bytewise (as strcmp): digits read off the number for integers. */
    private static int compareNumberText(Number n, CharSequence s) {
        if (n instanceof Long x && x != Long.MIN_VALUE) {
            return compareLongText(x, s);
        }
        if (n instanceof Double x && x == Math.rint(x) && Math.abs(x) < 1e14
                && (x != 0 || Double.doubleToRawLongBits(x) == 0)) {
            return compareLongText((long) x.doubleValue(), s); // PHP prints such a float as its integer
        }
        return compareBytes(Values.toString(n), s);
    }

    /** strcmp of the decimal text of v (not Long.MIN_VALUE) with s, digit by digit. */
    private static int compareLongText(long v, CharSequence s) {
        int n = s.length();
        int i = 0;
        if (v < 0) {
            if (n == 0) {
                return 1;
            }
            if (s.charAt(0) != '-') {
                return '-' < s.charAt(0) ? -1 : 1;
            }
            i = 1;
            v = -v;
        }
        long p = 1;
        while (p <= v / 10) {
            p *= 10;
        }
        for (; p > 0; p /= 10, i++) {
            if (i >= n) {
                return 1;
            }
            char d = (char) ('0' + v / p % 10);
            char c = s.charAt(i);
            if (c != d) {
                return d < c ? -1 : 1;
            }
        }
        return i < n ? -1 : 0;
    }

    /** PHP's smart string comparison: numerically when both are numeric strings, else bytewise (in place). */
    private static int compareStrings(CharSequence a, CharSequence b) {
        if (contentEquals(a, b)) {
            return 0;
        }
        if (mayBeNumeric(a) && mayBeNumeric(b)) {
            int ka = PhpNumbers.numericKind(a, false);
            if (ka != PhpNumbers.NOT_NUMERIC) {
                int kb = PhpNumbers.numericKind(b, false);
                if (kb != PhpNumbers.NOT_NUMERIC) {
                    return compareNumericStrings(a, ka, b, kb);
                }
            }
        }
        return compareBytes(a, b);
    }

    /** Cheap pre-check: a numeric string starts, after whitespace, with a digit, sign or dot. */
    private static boolean mayBeNumeric(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!PhpNumbers.isNumericWhitespace(c)) {
                return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
            }
        }
        return false;
    }

    /**
     * PHP's zendi_smart_str_compare of two numeric strings of the given {@link PhpNumbers#numericKind kinds},
     * including its care for integers too large for int.
     */
    private static int compareNumericStrings(CharSequence a, int ka, CharSequence b, int kb) {
        if (ka == PhpNumbers.INTEGER && kb == PhpNumbers.INTEGER) {
            return Long.compare(PhpNumbers.integerValue(a), PhpNumbers.integerValue(b));
        }
        if (ka == PhpNumbers.FLOAT && kb == PhpNumbers.FLOAT) {
            double dx = PhpNumbers.floatValue(a);
            double dy = PhpNumbers.floatValue(b);
            if (dx == dy && (Double.isInfinite(dx) || (isIntegerText(a) && isIntegerText(b)))) {
                // both overflowed to the same float: the numbers cannot be told apart, their text can
                return compareBytes(a, b);
            }
            return threeWay(dx, dy);
        }
        if (ka == PhpNumbers.INTEGER) {
            double dy = PhpNumbers.floatValue(b);
            if (isIntegerText(b)) {
                return dy > 0 ? -1 : 1; // b is an integer beyond the int range
            }
            return threeWay(PhpNumbers.integerValue(a), dy);
        }
        double dx = PhpNumbers.floatValue(a);
        if (isIntegerText(a)) {
            return dx > 0 ? 1 : -1;
        }
        return threeWay(dx, PhpNumbers.integerValue(b));
    }

    private static boolean isIntegerText(CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.' || c == 'e' || c == 'E') {
                return false;
            }
        }
        return true;
    }

    /** strcmp on the UTF-8 bytes: UTF-16 order differs from it only around surrogates, so compare code points. */
    private static int compareBytes(CharSequence a, CharSequence b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char ca = a.charAt(i);
            char cb = b.charAt(i);
            if (ca != cb) {
                // a surrogate (U+D800..DFFF) encodes a code point above U+FFFF: it sorts after U+E000..FFFF
                boolean sa = Character.isSurrogate(ca);
                boolean sb = Character.isSurrogate(cb);
                if (sa != sb && (ca >= 0xE000 || cb >= 0xE000)) {
                    return sa ? 1 : -1;
                }
                return ca < cb ? -1 : 1;
            }
        }
        return Integer.signum(a.length() - b.length());
    }

    /**
     * PHP array comparison: by count, then each key of a looked up in b (missing key: uncomparable, 1). Nested
     * arrays sharing their halves can stand for 2^40 elements built in 40 steps, so every array compared looks at
     * the render's deadline (when one is set): a comparison cannot outlive it.
     */
    private static int compareArrays(Object a, Object b, boolean equalityOnly) {
        RenderClock.checkCurrent();
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return la.size() < lb.size() ? -1 : 1;
            }
            for (int i = 0; i < la.size(); i++) {
                int c = equalityOnly ? (looseEquals(la.get(i), lb.get(i)) ? 0 : 1) : compare(la.get(i), lb.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        if ((a instanceof PhpArray || a instanceof List<?>) && (b instanceof PhpArray || b instanceof List<?>)) {
            return comparePositional(a, b, equalityOnly); // the same walk, without copying either side
        }
        Map<Object, Object> ma = toMap(a);
        Map<Object, Object> mb = toMap(b);
        if (ma.size() != mb.size()) {
            return ma.size() < mb.size() ? -1 : 1;
        }
        for (Map.Entry<Object, Object> e : ma.entrySet()) {
            if (!mb.containsKey(e.getKey())) {
                return 1;
            }
            Object other = mb.get(e.getKey());
            int c = equalityOnly ? (looseEquals(e.getValue(), other) ? 0 : 1) : compare(e.getValue(), other);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** {@link #compareArrays} of two values that are each a List or a PhpArray (one of them a PhpArray). */
    private static int comparePositional(Object a, Object b, boolean equalityOnly) {
        int na = a instanceof PhpArray pa ? pa.size() : ((List<?>) a).size();
        int nb = b instanceof PhpArray pb ? pb.size() : ((List<?>) b).size();
        if (na != nb) {
            return na < nb ? -1 : 1;
        }
        for (int i = 0; i < na; i++) {
            Object key = a instanceof PhpArray pa ? pa.keyAt(i) : PhpArray.index(i);
            Object value = a instanceof PhpArray pa ? pa.valueAt(i) : ((List<?>) a).get(i);
            int at;
            if (b instanceof PhpArray pb) {
                at = pb.indexOf(key);
            } else {
                at = key instanceof Long l && l >= 0 && l < nb ? (int) (long) l : -1;
            }
            if (at < 0) {
                return 1;
            }
            Object other = b instanceof PhpArray pb ? pb.valueAt(at) : ((List<?>) b).get(at);
            int c = equalityOnly ? (looseEquals(value, other) ? 0 : 1) : compare(value, other);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static boolean contains(Object haystack, Object needle) {
        // Twig's in reads a Markup needle as its text
        if (needle instanceof Markup m) {
            needle = m.toString();
        } else if (needle instanceof dev.zweig.runtime.SafeText t) {
            needle = t.text;
        }
        if (haystack instanceof CharSequence hs) {
            if (needle instanceof CharSequence || needle instanceof Number) {
                CharSequence n = text(needle);
                return n.length() == 0 || indexOf(hs, n, 0) >= 0;
            }
            return false;
        }
        if (!isIterable(haystack)) {
            return false;
        }
        boolean objectNeedle = needle != null && !(needle instanceof CharSequence) && !(needle instanceof Number)
                && !(needle instanceof Boolean) && !isArrayLike(needle);
        if (haystack instanceof PhpArray arr) {
            for (int i = 0, n = arr.size(); i < n; i++) {
                Object item = arr.valueAt(i);
                if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                    return true;
                }
            }
            return false;
        }
        if (haystack instanceof Map<?, ?> m) {
            for (Object item : m.values()) {
                if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                    return true;
                }
            }
            return false;
        }
        if (haystack instanceof List<?> l) {
            for (int i = 0, n = l.size(); i < n; i++) {
                Object item = l.get(i);
                if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                    return true;
                }
            }
            return false;
        }
        if (Traversables.isWalked(haystack)) {
            for (Object item : Traversables.iterable(haystack)) {
                if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                    return true;
                }
            }
            return false;
        }
        if (haystack instanceof Object[] a) {
            for (Object item : a) {
                if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                    return true;
                }
            }
            return false;
        }
        return containsPrimitive(haystack, needle);
    }

    /** {@code in} a Java array of primitives: ints and floats against a number unboxed, anything else boxed. */
    private static boolean containsPrimitive(Object haystack, Object needle) {
        boolean intNeedle = isInt(needle);
        if ((intNeedle || needle instanceof Double || needle instanceof Float)
                && (haystack instanceof int[] || haystack instanceof long[] || haystack instanceof double[])) {
            double d = ((Number) needle).doubleValue();
            long l = ((Number) needle).longValue();
            int n = java.lang.reflect.Array.getLength(haystack);
            for (int i = 0; i < n; i++) {
                boolean hit;
                if (haystack instanceof double[] a) {
                    hit = a[i] == d;
                } else {
                    long x = haystack instanceof int[] a ? a[i] : ((long[]) haystack)[i];
                    hit = intNeedle ? x == l : (double) x == d;
                }
                if (hit) {
                    return true;
                }
            }
            return false;
        }
        for (int i = 0, n = java.lang.reflect.Array.getLength(haystack); i < n; i++) {
            if (looseEquals(needle, java.lang.reflect.Array.get(haystack, i))) {
                return true;
            }
        }
        return false;
    }
}
