package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.Traversables;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.php.PhpArray;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.php.Values;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twig's pure core functions: max and min (PHP's, over the arguments or the values of one array), random, range
 * (PHP 8.3's range(): ints, floats or single characters) and cycle. The functions that need the compiler or the
 * loader (attribute, block, constant, include, parent, source, ...) live with the interpreter.
 */
public final class CoreFunctions {
    private CoreFunctions() {
    }

    public static List<FunctionDefinition> definitions() {
        return List.of(
                // variadic: a[0] is the first value, a[1] the list of the others
                FunctionDefinition.of("max",
                        (ctx, a) -> extreme(ctx, "max", a[0], PhpArrays.extraArguments(a[1]), true))
                        .params("value").asVariadic(),
                FunctionDefinition.of("min",
                        (ctx, a) -> extreme(ctx, "min", a[0], PhpArrays.extraArguments(a[1]), false))
                        .params("value").asVariadic(),
                FunctionDefinition.of("random", (ctx, a) -> random(a[0], a[1]))
                        .params(Param.optional("values", null), Param.optional("max", null)),
                FunctionDefinition.of("range", CoreFunctions::limitedRange)
                        .params(Param.required("low"), Param.required("high"), Param.optional("step", 1L)),
                FunctionDefinition.of("cycle", (ctx, a) -> cycle(a[0], a[1])).params("values", "position"));
    }

    // ---- max, min -----------------------------------------------------------------------------------------

    /**
     * PHP max()/min(): of the arguments, or of the values of a single array argument; ties keep the first. The two
     * forms compare in opposite directions, as PHP's do, which matters where PHP's order is not antisymmetric
     * (arrays with different keys, NaN).
     */
    static Object extreme(dev.zweig.ext.CallContext ctx, String name, Object first, List<Object> others,
            boolean max) {
        Object best;
        if (others.isEmpty()) {
            if (!PhpArrays.isIterable(first) || Traversables.isOnce(first)) {
                // (PHP's max/min take an array, not a Traversable: a generator is a TypeError)
                throw new IllegalArgumentException(name + "(): Argument #1 ($value) must be of type array, "
                        + Values.typeName(first) + " given");
            }
            Object in = PhpArrays.indexed(ctx, first);
            int n = PhpArrays.size(in);
            if (n == 0) {
                throw new IllegalArgumentException(
                        name + "(): Argument #1 ($value) must contain at least one element");
            }
            // zend_hash_minmax: compares the best so far with the next value
            best = PhpArrays.valueAt(in, 0);
            for (int i = 1; i < n; i++) {
                Object v = PhpArrays.valueAt(in, i);
                int c = Values.compare(best, v);
                if (max ? c < 0 : c > 0) {
                    best = v;
                }
            }
            return best;
        }
        // max(a, b, ...): the next argument against the best so far (not the same for PHP's asymmetric orders)
        best = first;
        for (int i = 0, n = others.size(); i < n; i++) {
            Object v = others.get(i);
            int c = Values.compare(v, best);
            if (max ? c > 0 : c < 0) {
                best = v;
            }
        }
        return best;
    }

    // ---- random -------------------------------------------------------------------------------------------

    /**
     * Twig's random(): no argument, a random int up to 2^31-1; an int, between 0 and it (or it and 0); with max,
     * between the two; a string, one of its characters; an array, one of its values; anything else is returned.
     */
    static Object random(Object values, Object max) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        if (values == null) {
            return max == null ? rnd.nextLong(1L << 31) : mtRand(0, Values.toLong(max));
        }
        if (isIntOrFloat(values)) {
            long min;
            long top;
            if (max == null) {
                long v = Values.toLong(values);
                boolean negative = values instanceof Number n && n.doubleValue() < 0;
                min = negative ? v : 0;
                top = negative ? 0 : v;
            } else {
                min = Values.toLong(values);
                top = Values.toLong(max);
            }
            return mtRand(min, top);
        }
        if (values instanceof CharSequence cs && !Values.isMarkup(values)) {
            String s = cs.toString();
            if (s.isEmpty()) {
                return "";
            }
            int n = s.codePointCount(0, s.length());
            int at = s.offsetByCodePoints(0, rnd.nextInt(n));
            return s.substring(at, at + Character.charCount(s.codePointAt(at)));
        }
        if (!PhpArrays.isIterable(values)) {
            return values;
        }
        List<Object> list = PhpArrays.values(values);
        if (list.isEmpty()) {
            throw new TemplateRuntimeException(
                    "The \"random\" function cannot pick from an empty sequence or mapping.");
        }
        return list.get(rnd.nextInt(list.size()));
    }

    private static long mtRand(long min, long max) {
        if (max < min) {
            throw new IllegalArgumentException(
                    "mt_rand(): Argument #2 ($max) must be greater than or equal to argument #1 ($min)");
        }
        if (max == Long.MAX_VALUE && min == Long.MIN_VALUE) {
            return ThreadLocalRandom.current().nextLong();
        }
        return max == Long.MAX_VALUE ? ThreadLocalRandom.current().nextLong(min - 1, max) + 1
                : ThreadLocalRandom.current().nextLong(min, max + 1);
    }

    private static boolean isIntOrFloat(Object v) {
        return v instanceof Number;
    }

    // ---- range --------------------------------------------------------------------------------------------

    /**
     * PHP range($start, $end, $step): both ends single-byte non-numeric strings give characters; a float end or
     * a fractional step gives floats; else ints. The sign of step is ignored (decreasing ranges count down).
     */
    /** range() under the Environment's RenderLimits.maxRangeLength, checked before anything is built. */
    static final long HARD_RANGE_LIMIT = 10_000_000L;

    static List<Object> limitedRange(dev.zweig.ext.CallContext ctx, Object[] a) {
        Object start = a[0];
        Object end = a[1];
        Object stepArg = a[2];
        // without a configured limit, a hard one still keeps range() from exhausting memory
        long max = ctx.environment() == null ? HARD_RANGE_LIMIT
                : Math.min(ctx.environment().limits().maxRangeLength(), HARD_RANGE_LIMIT);
        // counted over the bounds range() will use: numeric strings as the numbers they are (PHP's
        // range("1", "9000000000") is numeric), other strings as 0 unless both make a range of characters
        // ("0abc".."99999999" counts 100 million numbers)
        if (!isCharRange(start, end)) {
            Number s = bound(start);
            Number e = bound(end);
            double step = stepArg == null ? 1 : Math.abs(Values.toDouble(stepArg));
            double n = step == 0 ? 0 : Math.floor(Math.abs(e.doubleValue() - s.doubleValue()) / step) + 1;
            if (n > max) {
                throw new dev.zweig.TemplateLimitException("The render limit of " + max + " elements for range() "
                        + "was exceeded (" + (long) n + " asked).");
            }
        }
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        return range(start, end, stepArg, scratch != null ? scratch.scratchList(16) : new ArrayList<>(),
                ctx instanceof ScratchArena boxes ? boxes : null);
    }

    public static List<Object> range(Object start, Object end, Object stepArg) {
        return range(start, end, stepArg, new ArrayList<>(), null);
    }

    /** range() into out, numbers boxed through the render's cache when there is one. */
    private static List<Object> range(Object start, Object end, Object stepArg, List<Object> out,
            ScratchArena boxes) {
        Object step = stepArg == null ? 1L : stepArg;
        Number stepNum = step instanceof Number n ? normalize(n) : Values.toNumber(step);
        double stepD = stepNum.doubleValue();
        if (Double.isNaN(stepD) || Double.isInfinite(stepD)) {
            throw new IllegalArgumentException("range(): Argument #3 ($step) must be a finite number, "
                    + (Double.isNaN(stepD) ? "NAN" : "INF") + " provided");
        }
        boolean stepIsFloat = !(stepNum instanceof Long) && stepD != Math.rint(stepD);
        if (stepD == 0) {
            throw new IllegalArgumentException("range(): Argument #3 ($step) cannot be 0");
        }
        double absStep = Math.abs(stepD);

        if (isCharRange(start, end) && !stepIsFloat) {
            int low = firstByte(start);
            int high = firstByte(end);
            long s = (long) absStep;
            if (low > high) {
                if (low - high < s) {
                    out.add(CollectionFilters.character(low));
                    return out;
                }
                for (long c = low; c >= high; c -= s) {
                    out.add(CollectionFilters.character((int) c));
                }
            } else if (high > low) {
                if (high - low < s) {
                    out.add(CollectionFilters.character(low));
                    return out;
                }
                for (long c = low; c <= high; c += s) {
                    out.add(CollectionFilters.character((int) c));
                }
            } else {
                out.add(CollectionFilters.character(low));
            }
            return out;
        }

        Number lowN = bound(start);
        Number highN = bound(end);
        boolean isFloat = stepIsFloat || lowN instanceof Double || highN instanceof Double;
        if (isFloat) {
            double low = lowN.doubleValue();
            double high = highN.doubleValue();
            if (Double.isNaN(low) || Double.isInfinite(low) || Double.isNaN(high) || Double.isInfinite(high)) {
                throw new IllegalArgumentException("range(): Argument #" + (Double.isFinite(low) ? 2 : 1)
                        + " ($" + (Double.isFinite(low) ? "end" : "start") + ") must be a finite number, INF provided");
            }
            if (low == high) {
                out.add(box(boxes, low));
                return out;
            }
            double span = Math.abs(high - low);
            if (span < absStep) {
                out.add(box(boxes, low));
                return out;
            }
            long count = (long) Math.floor(span / absStep + 1e-9) + 1;
            checkSize(count);
            double dir = high > low ? absStep : -absStep;
            for (long i = 0; i < count; i++) {
                out.add(box(boxes, low + i * dir));
            }
            return out;
        }
        long low = lowN.longValue();
        long high = highN.longValue();
        long s = (long) absStep;
        if (low == high) {
            out.add(box(boxes, low));
            return out;
        }
        long span;
        try {
            span = Math.abs(Math.subtractExact(high, low));
        } catch (ArithmeticException e) {
            span = -1;
        }
        if (span < 0) {
            throw new IllegalArgumentException("The supplied range exceeds the maximum array size");
        }
        if (span < s) {
            out.add(box(boxes, low));
            return out;
        }
        long count = span / s + 1;
        checkSize(count);
        for (long i = 0; i < count; i++) {
            out.add(box(boxes, high > low ? low + i * s : low - i * s));
        }
        return out;
    }

    private static Object box(ScratchArena boxes, long v) {
        return v >= 0 && v < 1024 ? PhpArray.index(v) : boxes != null ? boxes.box(v) : (Object) v;
    }

    private static Object box(ScratchArena boxes, double v) {
        return boxes != null ? boxes.box(v) : (Object) v;
    }

    private static void checkSize(long count) {
        if (count < 0 || count > 100_000_000L) {
            throw new IllegalArgumentException("The supplied range exceeds the maximum array size");
        }
    }

    /**
     * PHP 8.3: two non-empty strings give characters when at least one is not numeric and the other is not
     * numeric either or a single digit ("9".."A").
     */
    private static boolean isCharRange(Object start, Object end) {
        if (!(start instanceof CharSequence a) || !(end instanceof CharSequence b) || a.length() == 0
                || b.length() == 0) {
            return false;
        }
        boolean aChar = !Values.isNumeric(a.toString());
        boolean bChar = !Values.isNumeric(b.toString());
        return (aChar && (bChar || isDigit(b))) || (bChar && isDigit(a));
    }

    private static boolean isDigit(CharSequence s) {
        return s.length() == 1 && s.charAt(0) >= '0' && s.charAt(0) <= '9';
    }

    private static int firstByte(Object v) {
        return ((CharSequence) v).charAt(0) & 0xFFFF;
    }

    /** A range bound as a number: numeric strings parsed, other strings 0, floats with no fraction kept floats. */
    private static Number bound(Object v) {
        if (v instanceof Number n) {
            return normalize(n);
        }
        if (v instanceof CharSequence cs) {
            String s = cs.toString();
            return Values.isNumeric(s) ? normalize(Values.toNumber(s)) : 0L;
        }
        if (v == null || v instanceof Boolean) {
            return Values.toLong(v);
        }
        throw new IllegalArgumentException("range(): Argument #1 ($start) must be of type string|int|float, "
                + Values.typeName(v) + " given");
    }

    private static Number normalize(Number n) {
        if (n instanceof Long || n instanceof Double) {
            return n;
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        if (n instanceof BigDecimal bd) {
            return bd.stripTrailingZeros().scale() <= 0 && bd.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                    ? (Number) bd.longValue() : (Number) bd.doubleValue();
        }
        return n.doubleValue();
    }

    // ---- cycle --------------------------------------------------------------------------------------------

    static Object cycle(Object values, Object position) {
        if (!PhpArrays.isIterable(values) || Traversables.isOnce(values)) {
            // (a generator is Traversable, not ArrayAccess)
            throw new TemplateRuntimeException(
                    "The \"cycle\" function expects an array or \"ArrayAccess\" as first argument.");
        }
        int count = PhpArrays.count(values);
        if (count == 0) {
            throw new TemplateRuntimeException("The \"cycle\" function expects a non-empty sequence.");
        }
        // $position % $count: PHP's modulo (a non-numeric string is "Unsupported operand types: string % int")
        long key = Values.toLong(Values.modulo(position, (long) count));
        if (values instanceof List<?> list) {
            return key >= 0 ? list.get((int) key) : null;
        }
        // $values[$position % $count]: a key lookup, so a mapping without that integer key gives null
        Object v = PhpArrays.get(values, key);
        return v == PhpArrays.ABSENT ? null : v;
    }
}
