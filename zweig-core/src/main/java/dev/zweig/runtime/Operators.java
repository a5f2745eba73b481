package dev.zweig.runtime;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import java.util.Map;

/**
 * The binary operators as executable expressions: PHP semantics through {@link Values}, with typed fast paths
 * for the common long/double cases whose results go through the render's box caches (no boxing garbage).
 */
final class Operators {
    private Operators() {
    }

    /** sites: call-site ids (a {@code matches} with a constant pattern reuses one matcher per site and render). */
    static Eval binary(Expr.Binary b, Eval l, Eval r, String name, java.util.function.IntSupplier sites) {
        return switch (b.op()) {
            case "or" -> (f, st) -> Values.isTrue(l.eval(f, st)) || Values.isTrue(r.eval(f, st));
            case "and" -> (f, st) -> Values.isTrue(l.eval(f, st)) && Values.isTrue(r.eval(f, st));
            case "xor" -> (f, st) -> Values.isTrue(l.eval(f, st)) ^ Values.isTrue(r.eval(f, st));
            case "b-and" -> (f, st) -> Values.toLong(l.eval(f, st)) & Values.toLong(r.eval(f, st));
            case "b-or" -> (f, st) -> Values.toLong(l.eval(f, st)) | Values.toLong(r.eval(f, st));
            case "b-xor" -> (f, st) -> Values.toLong(l.eval(f, st)) ^ Values.toLong(r.eval(f, st));
            case "==" -> (f, st) -> Values.looseEquals(l.eval(f, st), r.eval(f, st));
            case "!=" -> (f, st) -> !Values.looseEquals(l.eval(f, st), r.eval(f, st));
            case "===" -> (f, st) -> Values.strictEquals(l.eval(f, st), r.eval(f, st));
            case "!==" -> (f, st) -> !Values.strictEquals(l.eval(f, st), r.eval(f, st));
            case "<" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    return x < y;
                }
                if (a instanceof Double x && c instanceof Long y) {
                    return x < (double) y;
                }
                if (a instanceof Long x && c instanceof Double y) {
                    return (double) x < y;
                }
                if (a instanceof Double x && c instanceof Double y) {
                    return x < y;
                }
                return Values.compare(a, c) < 0;
            };
            case ">" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    return x > y;
                }
                if (a instanceof Double x && c instanceof Long y) {
                    return x > (double) y;
                }
                if (a instanceof Long x && c instanceof Double y) {
                    return (double) x > y;
                }
                if (a instanceof Double x && c instanceof Double y) {
                    return x > y;
                }
                return Values.compare(a, c) > 0;
            };
            case "<=" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    return x <= y;
                }
                if (a instanceof Double x && c instanceof Long y) {
                    return x <= (double) y;
                }
                if (a instanceof Long x && c instanceof Double y) {
                    return (double) x <= y;
                }
                if (a instanceof Double x && c instanceof Double y) {
                    return x <= y;
                }
                return Values.compare(a, c) <= 0;
            };
            case ">=" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    return x >= y;
                }
                if (a instanceof Double x && c instanceof Long y) {
                    return x >= (double) y;
                }
                if (a instanceof Long x && c instanceof Double y) {
                    return (double) x >= y;
                }
                if (a instanceof Double x && c instanceof Double y) {
                    return x >= y;
                }
                return Values.compare(a, c) >= 0;
            };
            case "<=>" -> (f, st) -> (long) Values.compare(l.eval(f, st), r.eval(f, st));
            case "in" -> (f, st) -> Values.contains(r.eval(f, st), l.eval(f, st));
            case "not in" -> (f, st) -> !Values.contains(r.eval(f, st), l.eval(f, st));
            case "+" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    long s = x + y;
                    if (((x ^ s) & (y ^ s)) >= 0) {
                        return st.box(s);
                    }
                } else if (a instanceof Double x && c instanceof Double y) {
                    return st.box(x + y);
                } else if (a instanceof Double x && c instanceof Long y) {
                    return st.box(x + y);
                } else if (a instanceof Long x && c instanceof Double y) {
                    return st.box(x + y);
                }
                return Values.add(a, c);
            };
            case "-" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    long s = x - y;
                    if (((x ^ y) & (x ^ s)) >= 0) {
                        return st.box(s);
                    }
                } else if (a instanceof Double x && c instanceof Double y) {
                    return st.box(x - y);
                } else if (a instanceof Double x && c instanceof Long y) {
                    return st.box(x - y);
                } else if (a instanceof Long x && c instanceof Double y) {
                    return st.box(x - y);
                }
                return Values.subtract(a, c);
            };
            case "*" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    long hi = Math.multiplyHigh(x, y);
                    long lo = x * y;
                    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
                        return st.box(lo);
                    }
                } else if (a instanceof Double x && c instanceof Double y) {
                    return st.box(x * y);
                } else if (a instanceof Double x && c instanceof Long y) {
                    return st.box(x * y);
                } else if (a instanceof Long x && c instanceof Double y) {
                    return st.box(x * y);
                }
                return Values.multiply(a, c);
            };
            case "/" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Double x && c instanceof Double y && y != 0) {
                    return st.box(x / y);
                }
                if (a instanceof Double x && c instanceof Long y && y != 0) {
                    return st.box(x / y);
                }
                if (a instanceof Long x && c instanceof Double y && y != 0) {
                    return st.box(x / y);
                }
                if (a instanceof Long x && c instanceof Long y && y != 0 && !(x == Long.MIN_VALUE && y == -1)) {
                    // PHP: an int when the division is exact, else a float
                    if (x % y == 0) {
                        return st.box(x / y);
                    }
                    return st.box((double) x / (double) y);
                }
                return Values.divide(a, c);
            };
            case "//" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y && y != 0 && !(x == Long.MIN_VALUE && y == -1)) {
                    return st.box(Math.floorDiv(x, y));
                }
                if (isPlainNumber(a) && isPlainNumber(c) && (a instanceof Double || c instanceof Double)) {
                    double y = ((Number) c).doubleValue();
                    if (y != 0) {
                        return st.box(PhpNumbers.doubleToLong(Math.floor(((Number) a).doubleValue() / y)));
                    }
                }
                return Values.floorDivide(a, c);
            };
            case "%" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (isPlainNumber(a) && isPlainNumber(c)) {
                    long x = Values.toLong(a);
                    long y = Values.toLong(c);
                    if (y != 0 && y != -1) {
                        return st.box(x % y);
                    }
                }
                return Values.modulo(a, c);
            };
            case "**" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (a instanceof Long x && c instanceof Long y) {
                    if (y < 0) {
                        return st.box(Math.pow(x, y));
                    } else {
                        long p = exactPower(x, y);
                        if (p != OVERFLOW || (x == OVERFLOW && y == 1)) {
                            return st.box(p);
                        }
                    }
                } else if (isPlainNumber(a) && isPlainNumber(c)) {
                    return st.box(Math.pow(((Number) a).doubleValue(), ((Number) c).doubleValue()));
                }
                return Values.power(a, c);
            };
            case "~" -> (f, st) -> Values.concat(l.eval(f, st), r.eval(f, st));
            case "starts with" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (!(a instanceof CharSequence) || !(c instanceof CharSequence)) {
                    return false;
                }
                return Values.regionMatches(Values.text(a), 0, Values.text(c));
            };
            case "ends with" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                if (!(a instanceof CharSequence) || !(c instanceof CharSequence)) {
                    return false;
                }
                CharSequence x = Values.text(a);
                CharSequence y = Values.text(c);
                return Values.regionMatches(x, x.length() - y.length(), y);
            };
            case "matches" -> matches(b, l, r, name, sites);
            case "has some" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, false);
            case "has every" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, true);
            default -> throw new TemplateSyntaxException("Unknown operator \"" + b.op() + "\".", name, b.line());
        };
    }

    /** A Long or a Double: the operands the typed fast paths handle (PHP ints and floats). */
    private static boolean isPlainNumber(Object v) {
        return v instanceof Long || v instanceof Double;
    }

    /** Returned by {@link #exactPower} when the power does not fit a long (a valid result only for MIN ** 1). */
    private static final long OVERFLOW = Long.MIN_VALUE;

    /** base ** exp (exp >= 0) when it fits a long, else OVERFLOW: PHP then computes it as a float. */
    private static long exactPower(long base, long exp) {
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                long hi = Math.multiplyHigh(result, b);
                long lo = result * b;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return OVERFLOW;
                }
                result = lo;
            }
            e >>= 1;
            if (e > 0) {
                long hi = Math.multiplyHigh(b, b);
                long lo = b * b;
                if (!((hi == 0 && lo >= 0) || (hi == -1 && lo < 0))) {
                    return OVERFLOW;
                }
                b = lo;
            }
        }
        return result;
    }

    private static Object hasSome(Object seq, Object fn, RenderState st, boolean every) {
        Map<Object, Object> m = Values.toMap(seq);
        for (Map.Entry<Object, Object> e : m.entrySet()) {
            boolean r = Values.isTrue(st.call(fn, e.getValue(), e.getKey()));
            if (every && !r) {
                return false;
            }
            if (!every && r) {
                return true;
            }
        }
        return every;
    }

    private static Eval matches(Expr.Binary b, Eval l, Eval r, String name, java.util.function.IntSupplier sites) {
        int line = b.line();
        if (b.right() instanceof Expr.Literal lit && lit.value() instanceof String re) {
            java.util.regex.Pattern p = PhpRegex.compile(re, name, line, true);
            int site = sites.getAsInt();
            return (f, st) -> PhpRegex.find(p, site, Values.text(l.eval(f, st)), st, name, line);
        }
        return (f, st) -> PhpRegex.find(PhpRegex.compile(Values.toString(r.eval(f, st)), name, line, false), -1,
                Values.text(l.eval(f, st)), st, name, line);
    }

}
