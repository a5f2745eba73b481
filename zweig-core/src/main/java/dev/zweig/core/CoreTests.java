package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.ext.TestDefinition;
import dev.zweig.Markup;
import dev.zweig.php.Values;
import java.util.List;

/**
 * Twig's core tests (CoreExtension::getTests), apart from {@code defined} and {@code constant}, which need the
 * compiler: even/odd/divisible by use PHP's {@code %} (operands cast to int), {@code same as} is PHP {@code ===},
 * {@code sequence}/{@code mapping} tell PHP lists from other arrays, {@code true} is the truthiness Twig wraps
 * conditions in (a Markup counts by its text).
 */
public final class CoreTests {
    private CoreTests() {
    }

    public static List<TestDefinition> definitions() {
        return List.of(
                TestDefinition.of("even", (ctx, a) -> remainder(a[0], 2L) == 0),
                TestDefinition.of("odd", (ctx, a) -> remainder(a[0], 2L) != 0),
                TestDefinition.of("divisible by", (ctx, a) -> divisibleBy(a[0], a[1])).params("num"),
                TestDefinition.of("same as", (ctx, a) -> Values.strictEquals(a[0], a[1])).params("value"),
                TestDefinition.of("none", (ctx, a) -> a[0] == null),
                TestDefinition.of("null", (ctx, a) -> a[0] == null),
                TestDefinition.of("empty", (ctx, a) -> isEmpty(a[0])),
                TestDefinition.of("iterable", (ctx, a) -> PhpArrays.isIterable(a[0])),
                TestDefinition.of("sequence", (ctx, a) -> isSequence(a[0])),
                TestDefinition.of("mapping", (ctx, a) -> isMapping(a[0])),
                TestDefinition.of("true", (ctx, a) -> Values.isTrue(a[0])),
                // not in Twig 3.29's core, asked for by the project: the negation of "true"
                TestDefinition.of("false", (ctx, a) -> !Values.isTrue(a[0])));
    }

    /** {@code value % divisor} as PHP computes it (ints; "Modulo by zero" for a zero divisor). */
    private static long remainder(Object value, Object divisor) {
        return Values.remainder(value, divisor);
    }

    /** Twig's testEmpty: "", false, null and empty arrays; a Markup by its text; 0 and "0" are not empty. */
    static boolean isEmpty(Object v) {
        return Values.isEmpty(v);
    }

    /** An array whose keys are 0..n-1 in order (an empty array is a sequence). */
    public static boolean isSequence(Object v) {
        return PhpArrays.isIterable(v) && PhpArrays.isList(v);
    }

    /** An array that is not a list, or any object (a Markup or a closure is an object in PHP). */
    public static boolean isMapping(Object v) {
        if (PhpArrays.isIterable(v)) {
            return !PhpArrays.isList(v);
        }
        return v != null && !(v instanceof Boolean) && !(v instanceof Number)
                && (!(v instanceof CharSequence) || Values.isMarkup(v));
    }

    /**
     * Integers: PHP's {@code %}. Floats (newer Twig 3): whether the quotient is a whole number, up to the rounding
     * of the division ({@code 7.2 is divisible by(2.4)}).
     */
    static boolean divisibleBy(Object a, Object b) {
        if ((a instanceof Double || b instanceof Double) && !(isWhole(a) && isWhole(b))) {
            double x = Values.toDouble(a);
            double y = Values.toDouble(b);
            if (y == 0) {
                return false;
            }
            double q = x / y;
            return Math.abs(q - Math.rint(q)) < 1e-9 * Math.max(1, Math.abs(q));
        }
        return remainder(a, b) == 0;
    }

    private static boolean isWhole(Object v) {
        return !(v instanceof Double d) || d == Math.rint(d);
    }
}
