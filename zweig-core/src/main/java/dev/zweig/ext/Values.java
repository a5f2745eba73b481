package dev.zweig.ext;

/**
 * Twig's value rules for extension code: what a template would print for a value, whether a value is true in an
 * {@code if}, and how two values compare. The same rules the engine uses (PHP 8's), so a filter that converts its
 * argument agrees with {@code {{ value }}}.
 */
public final class Values {
    private Values() {
    }

    /** The text Twig prints for v ({@code null} and {@code false} print "", {@code true} prints "1", 1.0 prints "1"). */
    public static String toString(Object v) {
        return dev.zweig.php.Values.toString(v);
    }

    /** Whether v is true in a condition (PHP's rules: "", "0", 0, 0.0, null, false and empty arrays are false). */
    public static boolean isTrue(Object v) {
        return dev.zweig.php.Values.isTrue(v);
    }

    /** PHP 8's comparison ({@code <=>}) of two values: negative, zero or positive. */
    public static int compare(Object a, Object b) {
        return dev.zweig.php.Values.compare(a, b);
    }
}
