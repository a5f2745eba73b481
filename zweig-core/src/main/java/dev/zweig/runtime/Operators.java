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

    static Eval binary(Expr.Binary b, Eval l, Eval r, String name) {
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
                if (a instanceof Long x && c instanceof Long y && y != 0 && x % y == 0 && !(x == Long.MIN_VALUE
                        && y == -1)) {
                    return st.box(x / y);
                }
                return Values.divide(a, c);
            };
            case "//" -> (f, st) -> Values.floorDivide(l.eval(f, st), r.eval(f, st));
            case "%" -> (f, st) -> Values.modulo(l.eval(f, st), r.eval(f, st));
            case "**" -> (f, st) -> Values.power(l.eval(f, st), r.eval(f, st));
            case "~" -> (f, st) -> Values.concat(l.eval(f, st), r.eval(f, st));
            case "starts with" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                return a instanceof CharSequence && c instanceof CharSequence && a.toString().startsWith(c.toString());
            };
            case "ends with" -> (f, st) -> {
                Object a = l.eval(f, st);
                Object c = r.eval(f, st);
                return a instanceof CharSequence && c instanceof CharSequence && a.toString().endsWith(c.toString());
            };
            case "matches" -> matches(b, l, r, name);
            case "has some" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, false);
            case "has every" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, true);
            default -> throw new TemplateSyntaxException("Unknown operator \"" + b.op() + "\".", name, b.line());
        };
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

    private static Eval matches(Expr.Binary b, Eval l, Eval r, String name) {
        int line = b.line();
        if (b.right() instanceof Expr.Literal lit && lit.value() instanceof String re) {
            java.util.regex.Pattern p = PhpRegex.compile(re, name, line, true);
            return (f, st) -> PhpRegex.find(p, Values.toString(l.eval(f, st)), st, name, line);
        }
        return (f, st) -> PhpRegex.find(PhpRegex.compile(Values.toString(r.eval(f, st)), name, line, false),
                Values.toString(l.eval(f, st)), st, name, line);
    }

}
