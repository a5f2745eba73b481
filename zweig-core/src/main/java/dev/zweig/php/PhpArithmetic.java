package dev.zweig.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static dev.zweig.php.Values.MAX_DIGITS;
import static dev.zweig.php.Values.bigDecimalToLong;
import static dev.zweig.php.Values.isArrayLike;
import static dev.zweig.php.Values.isList;
import static dev.zweig.php.Values.numberOrNull;
import static dev.zweig.php.Values.toLong;
import static dev.zweig.php.Values.toMap;
import static dev.zweig.php.Values.unsupported;

/**
 * PHP 8 arithmetic, the bodies of {@link Values}' arithmetic methods (their contracts are documented there):
 * {@code + - * / // % **}, unary minus and array union. Int overflow becomes float, as in PHP; BigDecimal operands
 * stay exact (up to {@link Values#MAX_DIGITS} digits); an operand PHP rejects raises PHP's "Unsupported operand
 * types" message.
 */
final class PhpArithmetic {
    private PhpArithmetic() {
    }

    private static Number operand(Object v, Object a, String op, Object b) {
        // a Markup is an object to PHP's arithmetic, which rejects it (its text is no number there)
        Number n = Values.isMarkup(v) ? null : numberOrNull(v);
        if (n == null) {
            throw unsupported(a, op, b);
        }
        return n;
    }

    static Object add(Object a, Object b) {
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

    static Object subtract(Object a, Object b) {
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

    private static void checkDigits(long digits) {
        if (digits > MAX_DIGITS) {
            throw new dev.zweig.TemplateLimitException("A number of about " + digits + " digits exceeds the limit of "
                    + MAX_DIGITS + " digits for one value.");
        }
    }

    static Object multiply(Object a, Object b) {
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

    static Object divide(Object a, Object b) {
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

    static Object floorDivide(Object a, Object b) {
        Number x = arithmeticOperand(a, a, "/", b);
        Number y = arithmeticOperand(b, a, "/", b);
        if (x instanceof Long lx && y instanceof Long ly) {
            if (ly == 0) {
                throw new ArithmeticException("Division by zero");
            }
            if (!(ly == -1 && lx == Long.MIN_VALUE)) {
                return floorDivideInts(lx, ly);
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

    /**
     * Twig's {@code a // b} of two ints, {@code (int) floor(a / b)}: exact when b divides a, else through PHP's
     * float quotient (so an odd int beyond 2^53 rounds as PHP's float does). b is neither 0 nor -1 with MIN_VALUE.
     */
    static long floorDivideInts(long a, long b) {
        return a % b == 0 ? a / b : PhpNumbers.doubleToLong(Math.floor((double) a / (double) b));
    }

    static Object modulo(Object a, Object b) {
        if (!PhpComparison.isInt(a) || !PhpComparison.isInt(b)) { // (ints: no Long made to check them)
            arithmeticOperand(a, a, "%", b); // the TypeError of a non-numeric operand
            arithmeticOperand(b, a, "%", b);
        }
        long lx = toLong(a); // PHP's int of each operand: a numeric string beyond the int range is capped
        long ly = toLong(b);
        if (ly == 0) {
            throw new ArithmeticException("Modulo by zero");
        }
        if (ly == -1) {
            return 0L;
        }
        return lx % ly;
    }

    static Object power(Object a, Object b) {
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

    static Object negate(Object a) {
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

    static boolean exact(Number x, Number y) {
        if (!(x instanceof BigDecimal) && !(y instanceof BigDecimal)) {
            return false;
        }
        return isFinite(x) && isFinite(y);
    }

    private static boolean isFinite(Number n) {
        return !(n instanceof Double d) || Double.isFinite(d);
    }

    static BigDecimal big(Number n) {
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
}
