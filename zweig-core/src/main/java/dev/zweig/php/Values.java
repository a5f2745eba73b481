package dev.zweig.php;

import dev.zweig.Markup;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.CurrentRender;
import dev.zweig.runtime.SafeText;
import dev.zweig.runtime.ScratchText;
import dev.zweig.output.Output;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
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
 *
 * <p>This class is the one entry point; the bodies of the arithmetic methods are in {@link PhpArithmetic} and
 * those of the comparison methods in {@link PhpComparison}, the conversions and array reads they share here.
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
        if (v instanceof Markup || v instanceof SafeText) {
            return ((CharSequence) v).length() != 0;
        }
        int size = knownSize(v);
        if (size >= 0) {
            return size != 0;
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
        return true; // (an Iterator or a stream too: a PHP object, a generator, is true, and is not walked)
    }

    /**
     * Whether v is safe text as Twig's {@code Twig\Markup} is: a {@link Markup}, or the render's own safe text
     * (a capture, a macro's output: {@link SafeText}), which every rule treats alike.
     */
    public static boolean isMarkup(Object v) {
        return v instanceof Markup || v instanceof SafeText;
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
        if (v instanceof ScratchText || v instanceof SafeText) {
            return v.toString(); // the engine's own text: no method of anyone's runs
        }
        if (Traversables.isOnce(v)) {
            // a generator is an object without __toString (nor is it walked to print it)
            throw new dev.zweig.TemplateRuntimeException("An exception has been thrown during the rendering of a "
                    + "template (\"Object of class " + typeName(v) + " could not be converted to string\").");
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
        if (v instanceof String || v instanceof ScratchText || isMarkup(v)) {
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
        String s = v.toString();
        if (s == null) {
            // Java lets a toString return null, PHP's __toString must return a string (a TypeError otherwise): a
            // clear error, the same on every path and every run, never an NPE whose message the JIT may drop
            throw new dev.zweig.TemplateRuntimeException("An exception has been thrown during the rendering of a "
                    + "template (\"The text of a value (its toString) cannot be null.\").");
        }
        return s;
    }

    /** Writes {@link #toString(Object)} of v into out, without building a String for numbers and strings. */
    public static void write(Object v, Output out) {
        if (v instanceof String s) {
            out.write(s);
        } else if (v == null) {
            // nothing
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            out.write(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            // (numbers and booleans before the CharSequence interface: see knownSize)
            PhpNumbers.writeDouble(((Number) v).doubleValue(), out);
        } else if (v instanceof Boolean b) {
            if (b) {
                out.write('1');
            }
        } else if (v instanceof Markup m) {
            out.write(m.toString());
        } else if (v instanceof SafeText t) {
            out.write(t.text, 0, t.length()); // the buffer: a caller's sink gets characters (CallerOutput)
        } else if (v instanceof CharSequence cs) {
            out.write(cs, 0, cs.length());
        } else if (v instanceof BigDecimal bd && PhpNumbers.writePlain(bd, out)) {
            // written as toPlainString reads, from its digits
        } else if (v instanceof BigInteger bi && bi.bitLength() < 64) {
            out.write(bi.longValue());
        } else {
            out.write(toString(v));
        }
    }

    /**
     * Writes exactly {@link #toString(Object)} of v (an object's own text through its sandbox check, as a
     * concatenation reads it), without making a String of numbers and of the texts the engine knows.
     */
    public static void writeText(Object v, Output out) {
        if (v == null || v instanceof String || v instanceof ScratchText || isMarkup(v)
                || v instanceof Boolean || v instanceof Long || v instanceof Double || v instanceof Integer
                || v instanceof Float || v instanceof Short || v instanceof Byte || v instanceof BigDecimal
                || v instanceof BigInteger) {
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
    static Number numberOrNull(Object v) {
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

    static IllegalArgumentException unsupported(Object a, String op, Object b) {
        return new IllegalArgumentException(
                "Unsupported operand types: " + typeName(a) + " " + op + " " + typeName(b));
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
            int kind = PhpNumbers.numericKind(cs, true);
            return kind == PhpNumbers.INTEGER ? PhpNumbers.integerValue(cs)
                    : kind == PhpNumbers.FLOAT ? PhpNumbers.doubleToLongCapped(PhpNumbers.floatValue(cs)) : 0;
        }
        if (isArrayLike(v)) {
            return isTrue(v) ? 1 : 0;
        }
        return 1; // PHP: objects cast to int are 1 (with a warning)
    }

    static long bigDecimalToLong(BigDecimal bd) {
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
            return PhpNumbers.floatValue(cs); // 0 when it holds no number
        }
        if (isArrayLike(v)) {
            return isTrue(v) ? 1 : 0;
        }
        return 1;
    }

    // ---- arithmetic (PHP semantics; int overflow becomes float; BigDecimal stays exact): PhpArithmetic -----

    public static Object add(Object a, Object b) {
        return PhpArithmetic.add(a, b);
    }

    public static Object subtract(Object a, Object b) {
        return PhpArithmetic.subtract(a, b);
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

    /** a ~ b, refused past the length cap. */
    public static String concat(Object a, Object b) {
        String x = toString(a);
        String y = toString(b);
        checkLength((long) x.length() + y.length());
        return x.concat(y);
    }

    public static Object multiply(Object a, Object b) {
        return PhpArithmetic.multiply(a, b);
    }

    /** PHP {@code /}: an int when both are ints and the division is exact, else a float. Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object divide(Object a, Object b) {
        return PhpArithmetic.divide(a, b);
    }

    /** Twig {@code //}: (int) floor(a / b). Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object floorDivide(Object a, Object b) {
        return PhpArithmetic.floorDivide(a, b);
    }

    /** Twig's {@code a // b} of two ints (b neither 0 nor -1 with MIN_VALUE): see PhpArithmetic. */
    public static long floorDivideInts(long a, long b) {
        return PhpArithmetic.floorDivideInts(a, b);
    }

    /** PHP {@code %}: operands cast to int, result has the dividend's sign; zero throws ArithmeticException("Modulo by zero"). */
    public static Object modulo(Object a, Object b) {
        return PhpArithmetic.modulo(a, b);
    }

    /**
     * {@link #modulo} as a long, with no object made when both operands are ints or (leading-)numeric texts, as
     * the core tests even, odd and divisible by read a date filter's digits; the rest (errors included) as modulo.
     */
    public static long remainder(Object a, Object b) {
        if (isIntOperand(a) && isIntOperand(b)) {
            long y = toLong(b);
            if (y != 0 && y != -1) {
                return toLong(a) % y;
            }
        }
        return ((Number) modulo(a, b)).longValue();
    }

    /** A Long, or a String or render-private text PHP's arithmetic reads a number from (a Markup is no number). */
    private static boolean isIntOperand(Object v) {
        return v instanceof Long || (v instanceof String || v instanceof ScratchText)
                && PhpNumbers.numericKind((CharSequence) v, true) != PhpNumbers.NOT_NUMERIC;
    }

    /** PHP {@code **}: int when both are ints and the result fits, else float. */
    public static Object power(Object a, Object b) {
        return PhpArithmetic.power(a, b);
    }

    /** Unary minus (PHP computes it as {@code a * -1}). */
    public static Object negate(Object a) {
        return PhpArithmetic.negate(a);
    }

    // ---- comparison: PhpComparison --------------------------------------------------------------------

    /** PHP 8 {@code ==}. */
    public static boolean looseEquals(Object a, Object b) {
        return PhpComparison.looseEquals(a, b);
    }

    /** Whether a and b hold the same characters (no String is made of either). */
    public static boolean contentEquals(CharSequence a, CharSequence b) {
        return PhpComparison.contentEquals(a, b);
    }

    /** Whether s has prefix at offset from (String#startsWith for any CharSequence). */
    public static boolean regionMatches(CharSequence s, int from, CharSequence prefix) {
        return PhpComparison.regionMatches(s, from, prefix);
    }

    /** The first index of needle in s at or after from, or -1 (String#indexOf for any CharSequence). */
    public static int indexOf(CharSequence s, CharSequence needle, int from) {
        return PhpComparison.indexOf(s, needle, from);
    }

    /** PHP {@code ===}: same type (int and float differ) and value; arrays: same key/value pairs, same order. */
    public static boolean strictEquals(Object a, Object b) {
        return PhpComparison.strictEquals(a, b);
    }

    /**
     * PHP 8 {@code <=>}: -1, 0 or 1. Uncomparable pairs (arrays with different keys, NaN, distinct objects)
     * give 1, as PHP does.
     */
    public static int compare(Object a, Object b) {
        return PhpComparison.compare(a, b);
    }

    /**
     * PHP 8 {@code sort()}/{@code asort()} with default flags (SORT_REGULAR) order by {@code <=>}: this is
     * {@link #compare(Object, Object)}. It is not a total order across types, so sort with {@link PhpSort#sort}
     * (stable, never throws) rather than {@link List#sort}.
     */
    public static int compareForSort(Object a, Object b) {
        return PhpComparison.compareForSort(a, b);
    }

    /** Three-way comparison of Long/Double/BigDecimal values as PHP compares int and float (NaN: 1). */
    public static int compareNumbers(Number a, Number b) {
        return PhpComparison.compareNumbers(a, b);
    }

    /**
     * Twig {@code in} (CoreExtension::inFilter): in a string, whether the needle's text (a string, int or float
     * needle; "" is always in) is a substring; in an array/iterable, loose (PHP 8 {@code ==}) membership, except
     * that an object needle is looked up by identity. Anything else contains nothing.
     */
    public static boolean contains(Object haystack, Object needle) {
        return PhpComparison.contains(haystack, needle);
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
        if (isIterable(k) || k.getClass().isArray()) {
            // PHP refuses an array as a key (a TypeError); a Java array's text would be an identity hash
            throw new IllegalArgumentException("Illegal offset type");
        }
        return normalizeStringKey(objectToString(k));
    }

    /** A decimal integer string without leading zeros (or "-" before a non-zero) that fits a long becomes a Long. */
    /** Whether PHP reads s as an integer key ("5", "-3"; not "05", "5.0", "x"). */
    public static boolean isIntegerKey(String s) {
        return !s.isEmpty() && (s.charAt(0) == '-' || Character.isDigit(s.charAt(0)))
                && !(normalizeStringKey(s) instanceof String);
    }

    private static Object normalizeStringKey(String s) {
        return stringKey(s, null);
    }

    /**
     * {@link #normalizeKey}, an integer key's Long from the render's cache of recent boxes and a render-private
     * text key's String from its cache of recent values when boxes is given (both immutable: a map may keep them),
     * so that a key computed in a render makes no object in steady state.
     */
    public static Object normalizeKey(Object k, dev.zweig.runtime.ScratchArena boxes) {
        if (boxes == null || k instanceof Long || !(k instanceof CharSequence cs)) {
            return normalizeKey(k);
        }
        return stringKey(cs, boxes);
    }

    /** s as PHP's array key (see normalizeStringKey), through boxes' caches when given (see normalizeKey). */
    private static Object stringKey(CharSequence s, dev.zweig.runtime.ScratchArena boxes) {
        int n = s.length();
        if (n == 0 || n > 20) {
            return keyText(s, boxes);
        }
        int i = 0;
        boolean negative = false;
        if (s.charAt(0) == '-') {
            negative = true;
            i = 1;
            if (n == 1) {
                return keyText(s, boxes);
            }
        }
        char first = s.charAt(i);
        if (first < '0' || first > '9' || (first == '0' && (n - i > 1 || negative))) {
            return keyText(s, boxes);
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return keyText(s, boxes);
            }
            int d = c - '0';
            if (v < (Long.MIN_VALUE + d) / 10) {
                return keyText(s, boxes);
            }
            v = v * 10 - d;
        }
        if (!negative) {
            if (v == Long.MIN_VALUE) {
                return keyText(s, boxes);
            }
            v = -v;
        }
        return boxes != null ? boxes.box(v) : (Object) v;
    }

    private static String keyText(CharSequence s, dev.zweig.runtime.ScratchArena boxes) {
        return s instanceof String str ? str : boxes != null ? boxes.string(s, 0, s.length()) : s.toString();
    }

    /** Whether v is a PHP-array-like value: List, Map, Java array or Iterable. */
    public static boolean isIterable(Object v) {
        return isArrayLike(v);
    }

    static boolean isArrayLike(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return false; // (the usual scalars by class: see knownSize)
        }
        return knownSize(v) >= 0 || v instanceof List || v instanceof Map || v instanceof Iterable
                || (v != null && v.getClass().isArray()) || Traversables.isOnce(v);
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
        if (Traversables.isWalked(v)) {
            List<Object> out = new ArrayList<>();
            Traversables.iterator(v).forEachRemaining(out::add);
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
        if (v instanceof String str) {
            return str.codePointCount(0, str.length());
        }
        int size = knownSize(v);
        if (size >= 0) {
            return size;
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
        if (Traversables.isWalked(v)) {
            return PhpArrays.count(v); // (iterator_count)
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

    /**
     * The size of the collections templates meet most, told by their exact class, or -1 for any other value. On Java
     * 17 to 22 an instanceof of an interface that fails scans the class's interfaces, and one that succeeds evicts
     * the one-entry cache the previous success left (JDK-8180450, fixed by Java 23's hashed interface tables): an
     * ArrayList tested as a CharSequence, then as a Collection, cost about 40 ns in every condition of every row,
     * where comparing its class costs nothing.
     */
    static int knownSize(Object v) {
        Class<?> k = v.getClass();
        if (k == ArrayList.class) {
            return ((ArrayList<?>) v).size();
        }
        if (k == PhpArray.class) {
            return ((PhpArray) v).size();
        }
        if (k == HashMap.class) {
            return ((HashMap<?, ?>) v).size();
        }
        if (k == LinkedHashMap.class) {
            return ((LinkedHashMap<?, ?>) v).size();
        }
        return -1;
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

    /** Whether v is an object whose class overrides toString (PHP: implements Stringable). */
    public static boolean isStringable(Object v) {
        return v != null && HAS_TO_STRING.get(v.getClass());
    }

    /** Twig {@code empty} test: null, false, "", empty array/collection/map (0 is not empty). */
    public static boolean isEmpty(Object v) {
        if (v == null) {
            return true;
        }
        if (v instanceof String str) {
            return str.isEmpty();
        }
        int size = knownSize(v);
        if (size >= 0) {
            return size == 0;
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
        if (Traversables.isOnce(v)) {
            return PhpArrays.count(v) == 0; // (iterator_count: a generator is walked to its end)
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
        if (isMarkup(v)) {
            return "Twig\\Markup";
        }
        if (v instanceof CharSequence) {
            return "string";
        }
        if (Traversables.isOnce(v)) {
            return "Generator"; // an Iterator or a stream is what a generator is to Twig (get_debug_type's name)
        }
        if (isArrayLike(v)) {
            return "array";
        }
        Class<?> c = v.getClass();
        if (c.isHidden()) {
            // a Java lambda: its class is a generated name; the interface it implements is what the user wrote
            Class<?>[] in = c.getInterfaces();
            return in.length > 0 ? in[0].getName() : "object";
        }
        return c.getName();
    }
}
