package dev.zweig.runtime;

import dev.zweig.output.Output;
import java.util.List;
import java.util.Map;

/**
 * PHP 8 value semantics as a Twig user observes them: truthiness, string and number conversion, arithmetic,
 * comparison, and PHP arrays. The value model: null; Boolean; Long (also Integer/Short/Byte/BigInteger from user
 * data); Double (also Float); BigDecimal (exact); String/CharSequence/{@link Markup}; List (a PHP array with keys
 * 0..n-1); Map (a general PHP array, ordered); Java arrays and any Iterable (read as lists); other objects.
 */
public final class Values {
    private Values() {
    }

    // ---- conversion -------------------------------------------------------------------------------------

    /** PHP truthiness: null, false, 0, 0.0, "", "0", empty array/collection/map, empty Markup are false. */
    public static boolean isTrue(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP string conversion (echo): null→"", true→"1", false→"", ints as digits, floats as PHP prints them. */
    public static String toString(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Writes {@link #toString(Object)} of v into out, without building a String for numbers and strings. */
    public static void write(Object v, Output out) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP's float to string with precision 14: 1.0→"1", 0.1+0.2→"0.3", 1e20→"1.0E+20", INF→"INF", NAN→"NAN". */
    public static String formatDouble(double d) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP is_numeric: numbers, and strings like "12", " 1.5", "1e3", "-0x" (no: hex is not numeric). */
    public static boolean isNumeric(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Converts for arithmetic: returns a Long, Double or BigDecimal. null→0, bools→0/1, numeric strings parsed,
     * leading-numeric strings ("5 apples") give their prefix; a non-numeric string or an array throws
     * {@link IllegalArgumentException} with PHP's message (e.g. {@code Unsupported operand types: array + int}).
     */
    public static Number toNumber(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP (int) cast. */
    public static long toLong(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP (float) cast. */
    public static double toDouble(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    // ---- arithmetic (PHP semantics; int overflow becomes float; BigDecimal stays exact) ------------------

    public static Object add(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    public static Object subtract(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    public static Object multiply(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP {@code /}: an int when both are ints and the division is exact, else a float. Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object divide(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Twig {@code //}: (int) floor(a / b). Zero divisor throws ArithmeticException("Division by zero"). */
    public static Object floorDivide(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP {@code %}: operands cast to int, result has the dividend's sign; zero throws ArithmeticException("Modulo by zero"). */
    public static Object modulo(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP {@code **}: int when both are ints and the result fits, else float. */
    public static Object power(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Unary minus. */
    public static Object negate(Object a) {
        throw new UnsupportedOperationException("TODO");
    }

    // ---- comparison ------------------------------------------------------------------------------------

    /** PHP 8 {@code ==}. */
    public static boolean looseEquals(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP {@code ===}: same type (int and float differ) and value; arrays: same key/value pairs, same order. */
    public static boolean strictEquals(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP 8 {@code <=>}: -1, 0 or 1. */
    public static int compare(Object a, Object b) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Twig {@code in}: substring for strings, loose (PHP 8 in_array) membership for arrays/iterables. */
    public static boolean contains(Object haystack, Object needle) {
        throw new UnsupportedOperationException("TODO");
    }

    // ---- arrays -------------------------------------------------------------------------------------------

    /** PHP array key normalization: "12"→12L, ints→Long, true→1L, false→0L, null→"", floats truncated, else String. */
    public static Object normalizeKey(Object k) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether v is a PHP-array-like value: List, Map, Java array or Iterable. */
    public static boolean isIterable(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The value as an ordered PHP array (List → keys 0..n-1); a fresh map the caller may modify. */
    public static Map<Object, Object> toMap(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The values of an array/iterable/map, in order; a fresh list the caller may modify. */
    public static List<Object> toList(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Whether a map's keys are exactly 0..n-1 in order (a PHP "list"). */
    public static boolean isList(Map<?, ?> m) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Twig {@code length}: characters of a string (code points), size of a collection/map/array, 0 for null. */
    public static int length(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Twig {@code empty} test: null, false, "", empty array/collection/map (0 is not empty). */
    public static boolean isEmpty(Object v) {
        throw new UnsupportedOperationException("TODO");
    }

    /** PHP get_debug_type-style names: "null", "bool", "int", "float", "string", "array", or the class name. */
    public static String typeName(Object v) {
        throw new UnsupportedOperationException("TODO");
    }
}
