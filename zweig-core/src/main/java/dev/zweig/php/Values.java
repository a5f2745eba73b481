package dev.zweig.php;

import dev.zweig.Markup;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.CurrentRender;
import dev.zweig.runtime.RenderClock;
import dev.zweig.runtime.ScratchText;
import dev.zweig.output.Output;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PHP 8 value semantics as a Twig user observes them: truthiness, string and number conversion, arithmetic,
 * comparison, and PHP arrays. The value model: null; Boolean; Long (also Integer/Short/Byte/BigInteger from user
 * data); Double (also Float); BigDecimal (exact); String/CharSequence/{@link Markup}; List (a PHP array with keys
 * 0..n-1); Map (a general PHP array, ordered); Java arrays and any Iterable (read as lists); other objects.
 *
 * <p>Decisions where PHP has no counterpart:
 * <ul>
 * <li>BigDecimal is an exact float: it prints with its own scale ({@code new BigDecimal("1.50")} prints "1.50",
 * via toPlainString), its type name is "float", and arithmetic with a Long or another BigDecimal stays exact
 * (with a Double too, the double read by its shortest decimal form; NaN and infinities fall back to double).</li>
 * <li>A BigInteger that does not fit a long reads as a Double, as an out-of-range integer does in PHP.</li>
 * <li>{@link Markup} reads as its text for conversion, arithmetic and comparison (in PHP it is an object with
 * __toString); its type name is "Twig\Markup".</li>
 * <li>Other Java objects convert to string with toString(); they are equal to values they {@link Object#equals}
 * and otherwise compare like PHP objects (compared with a string through their text).</li>
 * </ul>
 */
public final class Values {
    private Values() {
    }

    // ---- conversion -------------------------------------------------------------------------------------

    /** PHP truthiness: null, false, 0, 0.0, "", "0", empty array/collection/map, empty Markup are false. */
    public static boolean isTrue(Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return !(s.isEmpty() || (s.length() == 1 && s.charAt(0) == '0'));
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Double d) {
            return d != 0; // NaN is true
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).intValue() != 0;
        }
        if (v instanceof Float f) {
            return f != 0;
        }
        if (v instanceof BigDecimal bd) {
            return bd.signum() != 0;
        }
        if (v instanceof BigInteger bi) {
            return bi.signum() != 0;
        }
        if (v instanceof Markup m) {
            return m.length() != 0;
        }
        if (v instanceof CharSequence cs) {
            return !(cs.length() == 0 || (cs.length() == 1 && cs.charAt(0) == '0'));
        }
        if (v instanceof Collection<?> c) {
            return !c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v) != 0;
        }
        if (v instanceof Iterable<?> it) {
            return it.iterator().hasNext();
        }
        return true;
    }

    /** PHP string conversion (echo): null→"", true→"1", false→"", ints as digits, floats as PHP prints them. */
    public static String toString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null) {
            return "";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return Long.toString(((Number) v).longValue());
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "";
        }
        if (v instanceof Double || v instanceof Float) {
            return formatDouble(((Number) v).doubleValue());
        }
        if (v instanceof BigDecimal bd) {
            return bd.toPlainString();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? bi.toString() : formatDouble(bi.doubleValue());
        }
        if (v instanceof ScratchText t) {
            return t.toString(); // the engine's own text: no method of anyone's runs
        }
        if (isArrayLike(v)) {
            return "Array"; // PHP's "Array to string conversion" (a warning, not an error)
        }
        if (v instanceof CompiledTemplate) {
            // a template object (template_from_string) has no text, as Twig's TemplateWrapper has no __toString
            throw new dev.zweig.TemplateRuntimeException("An exception has been thrown during the rendering of a "
                    + "template (\"Object of class Twig\\TemplateWrapper could not be converted to string\").");
        }
        if (v instanceof ArrowFn) {
            // an arrow function is a PHP Closure: no text (else its identity hash would print, different each run)
            throw new dev.zweig.TemplateRuntimeException("An exception has been thrown during the rendering of a "
                    + "template (\"Object of class Closure could not be converted to string\").");
        }
        return objectToString(v);
    }

    /**
     * {@link #toString(Object)} as a CharSequence, without copying the texts the engine knows (String, Markup,
     * render-private {@link ScratchText}): read it at once, keep nothing of it.
     */
    public static CharSequence text(Object v) {
        if (v instanceof String || v instanceof ScratchText || v instanceof Markup) {
            return (CharSequence) v;
        }
        return toString(v);
    }

    /**
     * An object's own text: its toString, which in a sandbox is a method call the policy must allow, whatever
     * asks for the text (printing, {@code ~}, string filters, comparisons with strings, array keys).
     */
    private static String objectToString(Object v) {
        CurrentRender.checkMethod(v, "toString");
        return v.toString();
    }

    /** Writes {@link #toString(Object)} of v into out, without building a String for numbers and strings. */
    public static void write(Object v, Output out) {
        if (v instanceof String s) {
            out.write(s);
        } else if (v == null) {
            // nothing
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.write(((Number) v).longValue());
        } else if (v instanceof Markup m) {
            out.write(m.toString());
        } else if (v instanceof CharSequence cs) {
            out.write(cs, 0, cs.length());
        } else if (v instanceof Boolean b) {
            if (b) {
                out.write('1');
            }
        } else if (v instanceof Double || v instanceof Float) {
            PhpNumbers.writeDouble(((Number) v).doubleValue(), out);
        } else {
            out.write(toString(v));
        }
    }

    /**
     * Writes exactly {@link #toString(Object)} of v (an object's own text through its sandbox check, as a
     * concatenation reads it), without making a String of numbers and of the texts the engine knows.
     */
    public static void writeText(Object v, Output out) {
        if (v == null || v instanceof String || v instanceof ScratchText || v instanceof Markup
                || v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof Integer
                || v instanceof Float || v instanceof Short || v instanceof Byte) {
            write(v, out);
        } else {
            out.write(toString(v));
        }
    }

    /** Writes the decimal digits of v (the same as {@code out.write(v)}; here for symmetry with the others). */
    public static void write(long v, Output out) {
        out.write(v);
    }

    /** PHP's float to string with precision 14: 1.0→"1", 0.1+0.2→"0.3", 1e20→"1.0E+20", INF→"INF", NAN→"NAN". */
    public static String formatDouble(double d) {
        return PhpNumbers.formatDouble(d);
    }

    /** PHP is_numeric: numbers, and strings like "12", " 1.5", "1e3", "-0x" (no: hex is not numeric). */
    public static boolean isNumeric(Object v) {
        if (v instanceof Number) {
            return true;
        }
        if (v instanceof CharSequence cs) {
            return PhpNumbers.isNumeric(cs);
        }
        return false;
    }

    /**
     * Converts for arithmetic: returns a Long, Double or BigDecimal. null→0, bools→0/1, numeric strings parsed,
     * leading-numeric strings ("5 apples") give their prefix; a non-numeric string or an array throws
     * {@link IllegalArgumentException} with PHP's message (e.g. {@code Unsupported operand types: array + int}).
     * The arithmetic methods below name their own operator and both operands in that message; this one reads as
     * {@code v + int}.
     */
    public static Number toNumber(Object v) {
        Number n = numberOrNull(v);
        if (n == null) {
            throw unsupported(v, "+", 0L);
        }
        return n;
    }

    /** Long, Double or BigDecimal for v, or null when PHP arithmetic rejects v (a TypeError there). */
    private static Number numberOrNull(Object v) {
        if (v instanceof Long || v instanceof Double || v instanceof BigDecimal) {
            return (Number) v;
        }
        if (v == null) {
            return 0L;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Number) bi.longValue() : (Number) bi.doubleValue();
        }
        if (v instanceof CharSequence cs) {
            return PhpNumbers.parseLeadingNumeric(cs);
        }
        if (v instanceof Number n) {
            // other Number types (AtomicLong, ...): integral ones as Long, the rest as Double
            double d = n.doubleValue();
            long l = n.longValue();
            return (d == l) ? (Number) l : (Number) d;
        }
        return null;
    }

    private static IllegalArgumentException unsupported(Object a, String op, Object b) {
        return new IllegalArgumentException(
                "Unsupported operand types: " + typeName(a) + " " + op + " " + typeName(b));
    }

    private static Number operand(Object v, Object a, String op, Object b) {
        Number n = numberOrNull(v);
        if (n == null) {
            throw unsupported(a, op, b);
        }
        return n;
    }

    /** PHP (int) cast. */
    public static long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Double || v instanceof Float) {
            return PhpNumbers.doubleToLong(((Number) v).doubleValue());
        }
        if (v instanceof BigDecimal bd) {
            return bigDecimalToLong(bd);
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? bi.longValue() : PhpNumbers.doubleToLong(bi.doubleValue());
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof CharSequence cs) {
            Number n = PhpNumbers.parseLeadingNumeric(cs);
            if (n == null) {
                return 0;
            }
            return n instanceof Long l ? l : PhpNumbers.doubleToLongCapped(n.doubleValue());
        }
        if (isArrayLike(v)) {
            return isTrue(v) ? 1 : 0;
        }
        return 1; // PHP: objects cast to int are 1 (with a warning)
    }

    private static long bigDecimalToLong(BigDecimal bd) {
        BigInteger bi = bd.toBigInteger();
        return bi.bitLength() < 64 ? bi.longValue() : PhpNumbers.doubleToLong(bd.doubleValue());
    }

    /** PHP (float) cast. */
    public static double toDouble(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v == null) {
            return 0;
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof CharSequence cs) {
            Number n = PhpNumbers.parseLeadingNumeric(cs);
            return n == null ? 0 : n.doubleValue();
        }
        if (isArrayLike(v)) {
            return isTrue(v) ? 1 : 0;
        }
        return 1;
    }

    // ---- arithmetic (PHP semantics; int overflow becomes float; BigDecimal stays exact) ------------------

    public static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x + y;
            return ((x ^ r) & (y ^ r)) < 0 ? (Object) ((double) x + (double) y) : (Object) r;
        }
        if (isArrayLike(a) || isArrayLike(b)) {
            if (isArrayLike(a) && isArrayLike(b)) {
                return union(a, b);
            }
            throw unsupported(a, "+", b);
        }
        Number x = operand(a, a, "+", b);
        Number y = operand(b, a, "+", b);
        if (x instanceof Long lx && y instanceof Long ly) {
            long r = lx + ly;
            return ((lx ^ r) & (ly ^ r)) < 0 ? (Object) ((double) lx + (double) ly) : (Object) r;
        }
        if (exact(x, y)) {
            return big(x).add(big(y));
        }
        return x.doubleValue() + y.doubleValue();
    }

    public static Object subtract(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long r = x - y;
            return ((x ^ y) & (x ^ r)) < 0 ? (Object) ((double) x - (double) y) : (Object) r;
        }
        Number x = arithmeticOperand(a, a, "-", b);
        Number y = arithmeticOperand(b, a, "-", b);
        if (x instanceof Long lx && y instanceof Long ly) {
            long r = lx - ly;
            return ((lx ^ ly) & (lx ^ r)) < 0 ? (Object) ((double) lx - (double) ly) : (Object) r;
        }
        if (exact(x, y)) {
            return big(x).subtract(big(y));
        }
        return x.doubleValue() - y.doubleValue();
    }

    // ---- caps on what one value may grow to, with or without RenderLimits: a template cannot build a value
    // big enough to exhaust memory (string doubling, merge doubling, big-number powers)

    /** Longest string the engine builds as one value (32 Mi chars). */
    public static final int MAX_STRING_CHARS = 1 << 25;
    /** Most elements the engine puts in one collection it builds by merging (1 Mi). */
    public static final int MAX_ELEMENTS = 1 << 20;
    /** Most significant digits of an exact (BigDecimal) number the engine computes. */
    public static final int MAX_DIGITS = 100_000;

    /** Refuses a string of the given length before it is built. */
    public static void checkLength(long chars) {
        if (chars > MAX_STRING_CHARS) {
            throw new dev.zweig.TemplateLimitException("A value of " + chars + " characters exceeds the limit of "
                    + MAX_STRING_CHARS + " characters for one value.");
        }
    }

    /** Refuses a collection of the given size before it is built. */
    public static void checkElements(long n) {
        if (n > MAX_ELEMENTS) {
            throw new dev.zweig.TemplateLimitException("A collection of " + n + " elements exceeds the limit of "
                    + MAX_ELEMENTS + " elements for one value.");
        }
    }

    private static void checkDigits(long digits) {
        if (digits > MAX_DIGITS) {
            throw new dev.zweig.TemplateLimitException("A number of about " + digits + " digits exceeds the limit of "
                    + MAX_DIGITS + " digits for one value.");
        }
    }

    /** a ~ b, refused past the length cap. */
    public static String concat(Object a, Object b) {
        String x = toString(a);
        String y = toString(b);
        checkLength((long) x.length() + y.length());
        return x.concat(y);
    }

    public static Object multiply(Object a, Object b) {
        if (a instanceof Long && b instanceof Long) {
            return multiplyNumbers((Long) a, (Long) b);
        }
        Number x = arithmeticOperand(a, a, "*", b);
        Number y = arithmeticOperand(b, a, "*", b);
        return multiplyNumbers(x, y);
    }

    private static Object multiplyNumbers(Number x, Number y) {
        if (x instanceof Long lx && y instanceof Long ly) {
            long hi = Math.multiplyHigh(lx, ly);
            long lo = lx * ly;
            if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                return lo;
            }
            return (double) lx * (double) ly;
        }
        if (exact(x, y)) {
            BigDecimal bx = big(x);
            BigDecimal by = big(y);
            checkDigits((long) bx.precision() + by.precision());
            return bx.multiply(by);
        }
        return x.doubleValue() * y.doubleValue();
    }

    /** PHP {@code /}: an int when both are ints and the division is exact, else a float. Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object divide(Object a, Object b) {
        if (a instanceof Long && b instanceof Long) {
            return divideNumbers((Long) a, (Long) b);
        }
        Number x = arithmeticOperand(a, a, "/", b);
        Number y = arithmeticOperand(b, a, "/", b);
        return divideNumbers(x, y);
    }

    private static Object divideNumbers(Number x, Number y) {
        if (isZero(y)) {
            throw new ArithmeticException("Division by zero");
        }
        if (x instanceof Long lx && y instanceof Long ly) {
            if (ly == -1 && lx == Long.MIN_VALUE) {
                return -(double) Long.MIN_VALUE;
            }
            if (lx % ly == 0) {
                return lx / ly;
            }
            return (double) lx / (double) ly;
        }
        if (exact(x, y)) {
            BigDecimal bx = big(x);
            BigDecimal by = big(y);
            try {
                return bx.divide(by);
            } catch (ArithmeticException nonTerminating) {
                return bx.divide(by, MathContext.DECIMAL128);
            }
        }
        return x.doubleValue() / y.doubleValue();
    }

    /** Twig {@code //}: (int) floor(a / b). Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object floorDivide(Object a, Object b) {
        Number x = arithmeticOperand(a, a, "/", b);
        Number y = arithmeticOperand(b, a, "/", b);
        if (x instanceof Long lx && y instanceof Long ly) {
            if (ly == 0) {
                throw new ArithmeticException("Division by zero");
            }
            if (!(ly == -1 && lx == Long.MIN_VALUE)) {
                return Math.floorDiv(lx, ly);
            }
        }
        Object q = divideNumbers(x, y);
        if (q instanceof Long) {
            return q;
        }
        if (q instanceof BigDecimal bd) {
            return bigDecimalToLong(bd.setScale(0, java.math.RoundingMode.FLOOR));
        }
        return PhpNumbers.doubleToLong(Math.floor(((Number) q).doubleValue()));
    }

    /** PHP {@code %}: operands cast to int, result has the dividend's sign; zero throws ArithmeticException("Modulo by zero"). */
    public static Object modulo(Object a, Object b) {
        Number x = arithmeticOperand(a, a, "%", b);
        Number y = arithmeticOperand(b, a, "%", b);
        long lx = toLong(x);
        long ly = toLong(y);
        if (ly == 0) {
            throw new ArithmeticException("Modulo by zero");
        }
        if (ly == -1) {
            return 0L;
        }
        return lx % ly;
    }

    /** PHP {@code **}: int when both are ints and the result fits, else float. */
    public static Object power(Object a, Object b) {
        Number x = arithmeticOperand(a, a, "**", b);
        Number y = arithmeticOperand(b, a, "**", b);
        if (x instanceof Long lx && y instanceof Long ly) {
            return powLong(lx, ly);
        }
        if (x instanceof BigDecimal bx && y instanceof Long ly && ly >= 0 && ly <= 9999) {
            checkDigits((long) bx.precision() * ly);
            return bx.pow((int) (long) ly);
        }
        return Math.pow(x.doubleValue(), y.doubleValue());
    }

    /** pow(int, int) as PHP computes it: square-and-multiply, switching to float at the first overflow. */
    private static Object powLong(long base, long exp) {
        if (exp < 0) {
            return Math.pow(base, exp);
        }
        if (exp == 0) {
            return 1L;
        }
        if (base == 0) {
            return 0L;
        }
        long l1 = 1;
        long l2 = base;
        long i = exp;
        while (i >= 1) {
            if (i % 2 != 0) {
                --i;
                long hi = Math.multiplyHigh(l1, l2);
                long lo = l1 * l2;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return (double) l1 * (double) l2 * Math.pow(l2, i);
                }
                l1 = lo;
            } else {
                i /= 2;
                long hi = Math.multiplyHigh(l2, l2);
                long lo = l2 * l2;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return (double) l1 * Math.pow((double) l2 * (double) l2, i);
                }
                l2 = lo;
            }
        }
        return l1;
    }

    /** Unary minus (PHP computes it as {@code a * -1}). */
    public static Object negate(Object a) {
        if (a instanceof Long l) {
            return l == Long.MIN_VALUE ? (Object) (-(double) l) : (Object) (-l);
        }
        if (a instanceof Double d) {
            return -d;
        }
        Number x = arithmeticOperand(a, a, "*", -1L);
        if (x instanceof BigDecimal bd) {
            return bd.negate();
        }
        return multiplyNumbers(x, -1L);
    }

    /** Operand of an arithmetic operator other than array union: arrays are rejected too. */
    private static Number arithmeticOperand(Object v, Object a, String op, Object b) {
        if (isArrayLike(a) || isArrayLike(b)) {
            throw unsupported(a, op, b);
        }
        return operand(v, a, op, b);
    }

    private static boolean exact(Number x, Number y) {
        if (!(x instanceof BigDecimal) && !(y instanceof BigDecimal)) {
            return false;
        }
        return isFinite(x) && isFinite(y);
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d) || Double.isFinite(d);
    }

    private static BigDecimal big(Number n) {
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (n instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        return BigDecimal.valueOf(n.doubleValue());
    }

    private static boolean isZero(Number n) {
        if (n instanceof Long l) {
            return l == 0;
        }
        if (n instanceof BigDecimal bd) {
            return bd.signum() == 0;
        }
        return n.doubleValue() == 0;
    }

    /** PHP array union {@code a + b}: all of a, then the entries of b whose keys a lacks. */
    private static Object union(Object a, Object b) {
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            List<Object> out = new ArrayList<>(Math.max(la.size(), lb.size()));
            out.addAll(la);
            for (int i = la.size(); i < lb.size(); i++) {
                out.add(lb.get(i));
            }
            return out;
        }
        Map<Object, Object> out = toMap(a);
        for (Map.Entry<Object, Object> e : toMap(b).entrySet()) {
            out.putIfAbsent(e.getKey(), e.getValue());
        }
        return isList(out) ? new ArrayList<>(out.values()) : out;
    }

    // ---- comparison ------------------------------------------------------------------------------------

    /** PHP 8 {@code ==}. */
    public static boolean looseEquals(Object a, Object b) {
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
            return mayBeNumeric(ca) && mayBeNumeric(cb) && bothNumericEqual(ca.toString(), cb.toString());
        }
        if (isArrayLike(a) && isArrayLike(b)) {
            return compareArrays(a, b, true) == 0;
        }
        return compare(a, b) == 0;
    }

    /** Whether a and b hold the same characters (no String is made of either). */
    public static boolean contentEquals(CharSequence a, CharSequence b) {
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

    /** Whether s has prefix at offset from (String#startsWith for any CharSequence). */
    public static boolean regionMatches(CharSequence s, int from, CharSequence prefix) {
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

    /** The first index of needle in s at or after from, or -1 (String#indexOf for any CharSequence). */
    public static int indexOf(CharSequence s, CharSequence needle, int from) {
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

    private static boolean bothNumericEqual(String a, String b) {
        if (!mayBeNumeric(a) || !mayBeNumeric(b)) {
            return false;
        }
        Number x = PhpNumbers.parseNumeric(a);
        if (x == null) {
            return false;
        }
        Number y = PhpNumbers.parseNumeric(b);
        if (y == null) {
            return false;
        }
        return compareNumericStrings(a, x, b, y) == 0;
    }

    /** PHP {@code ===}: same type (int and float differ) and value; arrays: same key/value pairs, same order. */
    public static boolean strictEquals(Object a, Object b) {
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
        if (isArrayLike(a)) {
            if (!isArrayLike(b)) {
                return false;
            }
            return strictArrayEquals(a, b);
        }
        return false; // objects (including Markup): identity, checked above
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

    private static boolean isInt(Object v) {
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

    private static boolean isPlainString(Object v) {
        return v instanceof CharSequence && !(v instanceof Markup);
    }

    /**
     * PHP 8 {@code <=>}: -1, 0 or 1. Uncomparable pairs (arrays with different keys, NaN, distinct objects)
     * give 1, as PHP does.
     */
    public static int compare(Object a, Object b) {
        // the common cases first
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return compareStrings(sa, sb);
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
            if (a instanceof ScratchText || b instanceof ScratchText) {
                return compareText((CharSequence) a, (CharSequence) b);
            }
            return compareStrings(a.toString(), b.toString());
        }
        if (na != null && sb) {
            return compareNumberWithString(na, b.toString());
        }
        if (sa && nb != null) {
            if (nb instanceof Double d && d.isNaN()) {
                return 1;
            }
            return -compareNumberWithString(nb, a.toString());
        }
        // objects: identity first (no code of theirs runs), then their own equals / toString / compareTo, each a
        // method call that a sandbox policy must allow
        if (a == b) {
            return 0;
        }
        if (HAS_EQUALS.get(a.getClass())) {
            CurrentRender.checkMethod(a, "equals");
            if (a.equals(b)) {
                return 0;
            }
        }
        if (sa || sb) {
            // an object with a string: through the object's text
            return compareStrings(toString(a), toString(b));
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

    /**
     * PHP 8 {@code sort()}/{@code asort()} with default flags (SORT_REGULAR) order by {@code <=>}: this is
     * {@link #compare(Object, Object)}. It is not a total order across types, so sort with {@link PhpSort#sort}
     * (stable, never throws) rather than {@link List#sort}.
     */
    public static int compareForSort(Object a, Object b) {
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

    /** Three-way comparison of Long/Double/BigDecimal values as PHP compares int and float (NaN: 1). */
    public static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            if (exact(a, b)) {
                return big(a).compareTo(big(b));
            }
        }
        return threeWay(a.doubleValue(), b.doubleValue());
    }

    private static int threeWay(double x, double y) {
        return x == y ? 0 : (x < y ? -1 : 1);
    }

    /** int/float against a string: numerically if the string is numeric, else the number's text against it. */
    private static int compareNumberWithString(Number n, String s) {
        if (n instanceof Double d && d.isNaN()) {
            return 1;
        }
        Number sn = PhpNumbers.parseNumeric(s);
        if (sn == null) {
            return compareStrings(toString(n), s);
        }
        return compareNumbers(n, sn);
    }

    /** PHP's smart string comparison: numerically when both are numeric strings, else bytewise. */
    private static int compareStrings(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (mayBeNumeric(a) && mayBeNumeric(b)) {
            Number x = PhpNumbers.parseNumeric(a);
            if (x != null) {
                Number y = PhpNumbers.parseNumeric(b);
                if (y != null) {
                    return compareNumericStrings(a, x, b, y);
                }
            }
        }
        return compareBytes(a, b);
    }

    /** {@link #compareStrings} of texts that are not all Strings: a String is made only of numeric ones. */
    private static int compareText(CharSequence a, CharSequence b) {
        if (contentEquals(a, b)) {
            return 0;
        }
        if (mayBeNumeric(a) && mayBeNumeric(b)) {
            return compareStrings(a.toString(), b.toString());
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

    /** PHP's zendi_smart_str_compare, including its care for integers too large for int. */
    private static int compareNumericStrings(String a, Number x, String b, Number y) {
        if (x instanceof Double dx && y instanceof Double dy) {
            if (dx.doubleValue() == dy.doubleValue()
                    && (Double.isInfinite(dx) || (isIntegerText(a) && isIntegerText(b)))) {
                // both overflowed to the same float: the numbers cannot be told apart, their text can
                return compareBytes(a, b);
            }
        } else if (x instanceof Long && y instanceof Double dy && isIntegerText(b)) {
            return dy > 0 ? -1 : 1; // b is an integer beyond the int range
        } else if (x instanceof Double dx && y instanceof Long && isIntegerText(a)) {
            return dx > 0 ? 1 : -1;
        }
        return compareNumbers(x, y);
    }

    private static boolean isIntegerText(String s) {
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

    /**
     * Twig {@code in} (CoreExtension::inFilter): in a string, whether the needle's text (a string, int or float
     * needle; "" is always in) is a substring; in an array/iterable, loose (PHP 8 {@code ==}) membership, except
     * that an object needle is looked up by identity. Anything else contains nothing.
     */
    public static boolean contains(Object haystack, Object needle) {
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
        for (Object item : toList(haystack)) {
            if (objectNeedle ? item == needle : looseEquals(needle, item)) {
                return true;
            }
        }
        return false;
    }

    // ---- arrays -------------------------------------------------------------------------------------------

    /** PHP array key normalization: "12"→12L, ints→Long, true→1L, false→0L, null→"", floats truncated, else String. */
    public static Object normalizeKey(Object k) {
        if (k instanceof Long) {
            return k;
        }
        if (k instanceof String s) {
            return normalizeStringKey(s);
        }
        if (k == null) {
            return "";
        }
        if (k instanceof Integer || k instanceof Short || k instanceof Byte) {
            return ((Number) k).longValue();
        }
        if (k instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (k instanceof Number) {
            return toLong(k);
        }
        if (k instanceof CharSequence cs) {
            return normalizeStringKey(cs.toString());
        }
        return normalizeStringKey(objectToString(k));
    }

    /** A decimal integer string without leading zeros (or "-" before a non-zero) that fits a long becomes a Long. */
    private static Object normalizeStringKey(String s) {
        int n = s.length();
        if (n == 0 || n > 20) {
            return s;
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-') {
            negative = true;
            i = 1;
            if (n == 1) {
                return s;
            }
        }
        char first = s.charAt(i);
        if (first < '0' || first > '9' || (first == '0' && (n - i > 1 || negative))) {
            return s;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return s;
            }
            int d = c - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return s;
            }
            v = v * 10 - d;
        }
        if (negative) {
            return v;
        }
        return v == Long.MIN_VALUE ? s : -v;
    }

    /** Whether v is a PHP-array-like value: List, Map, Java array or Iterable. */
    public static boolean isIterable(Object v) {
        return isArrayLike(v);
    }

    private static boolean isArrayLike(Object v) {
        return v instanceof List || v instanceof Map || v instanceof Iterable
                || (v != null && v.getClass().isArray());
    }

    /** The value as an ordered PHP array (List → keys 0..n-1); a fresh map the caller may modify. */
    public static Map<Object, Object> toMap(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>(Math.max(16, (int) (m.size() / 0.75f) + 1));
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(normalizeKey(e.getKey()), e.getValue());
            }
            return out;
        }
        List<Object> list = toList(v);
        Map<Object, Object> out = new LinkedHashMap<>(Math.max(16, (int) (list.size() / 0.75f) + 1));
        for (int i = 0; i < list.size(); i++) {
            out.put((long) i, list.get(i));
        }
        return out;
    }

    /**
     * The values of an array/iterable/map, in order; a fresh list the caller may modify. A scalar reads as PHP's
     * {@code (array)} cast would: null → [], anything else → [v].
     */
    public static List<Object> toList(Object v) {
        if (v instanceof Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (v instanceof Map<?, ?> m) {
            return new ArrayList<>(m.values());
        }
        if (v == null) {
            return new ArrayList<>();
        }
        if (v instanceof Object[] arr) {
            List<Object> out = new ArrayList<>(arr.length);
            Collections.addAll(out, arr);
            return out;
        }
        if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(Array.get(v, i));
            }
            return out;
        }
        if (v instanceof Iterable<?> it) {
            List<Object> out = new ArrayList<>();
            for (Object o : it) {
                out.add(o);
            }
            return out;
        }
        List<Object> out = new ArrayList<>(1);
        out.add(v);
        return out;
    }

    /** Whether a map's keys are exactly 0..n-1 in order (a PHP "list"). */
    public static boolean isList(Map<?, ?> m) {
        long i = 0;
        for (Object k : m.keySet()) {
            Object nk = normalizeKey(k);
            if (!(nk instanceof Long l) || l != i) {
                return false;
            }
            i++;
        }
        return true;
    }

    /**
     * Twig {@code length}: characters of a string (code points), size of a collection/map/array, 0 for null;
     * scalars count the characters of their text (true → 1, false → 0, 3.14 → 4); other objects count their
     * text when they override toString, else 1.
     */
    public static int length(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof CharSequence cs) {
            return codePointCount(cs);
        }
        if (v instanceof Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v);
        }
        if (v instanceof Iterable<?> it) {
            int n = 0;
            for (Iterator<?> i = it.iterator(); i.hasNext(); i.next()) {
                n++;
            }
            return n;
        }
        if (v instanceof Long l) {
            int n = l < 0 ? 2 : 1; // its digits and sign, counted without a String
            for (long x = l / 10; x != 0; x /= 10) {
                n++;
            }
            return n;
        }
        if (v instanceof Number || v instanceof Boolean) {
            return toString(v).length(); // digits, signs, '.', 'E', "INF": all ASCII
        }
        if (HAS_TO_STRING.get(v.getClass())) {
            return codePointCount(objectToString(v));
        }
        return 1;
    }

    private static int codePointCount(CharSequence cs) {
        if (cs instanceof String s) {
            return s.codePointCount(0, s.length());
        }
        return Character.codePointCount(cs, 0, cs.length());
    }

    /** Whether a class overrides Object#toString (PHP: implements Stringable). */
    private static final ClassValue<Boolean> HAS_TO_STRING = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            try {
                return type.getMethod("toString").getDeclaringClass() != Object.class;
            } catch (NoSuchMethodException e) {
                return false;
            }
        }
    };

    /** Twig {@code empty} test: null, false, "", empty array/collection/map (0 is not empty). */
    public static boolean isEmpty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof CharSequence cs) {
            return cs.length() == 0;
        }
        if (v instanceof Boolean b) {
            return !b;
        }
        if (v instanceof Number) {
            return false;
        }
        if (v instanceof Collection<?> c) {
            return c.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return m.isEmpty();
        }
        if (v.getClass().isArray()) {
            return Array.getLength(v) == 0;
        }
        if (v instanceof Iterable<?> it) {
            return !it.iterator().hasNext();
        }
        if (HAS_TO_STRING.get(v.getClass())) {
            return objectToString(v).isEmpty();
        }
        return false;
    }

    /**
     * PHP get_debug_type-style names: "null", "bool", "int", "float", "string", "array", or the class name
     * ({@link Markup} is "Twig\Markup"; BigDecimal is "float"; other objects their Java class name).
     */
    public static String typeName(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return "int";
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? "int" : "float";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return "float";
        }
        if (v instanceof Markup) {
            return "Twig\\Markup";
        }
        if (v instanceof CharSequence) {
            return "string";
        }
        if (isArrayLike(v)) {
            return "array";
        }
        return v.getClass().getName();
    }
}
