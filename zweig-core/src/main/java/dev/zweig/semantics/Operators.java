package dev.zweig.semantics;

import dev.zweig.php.PhpNumbers;
import dev.zweig.php.PhpRegex;
import dev.zweig.php.Values;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import java.util.Map;

/**
 * The binary operators as executable expressions: PHP semantics through {@link Values}, with typed fast paths
 * for the common long/double cases whose results go through the render's box caches (no boxing garbage).
 */
public final class Operators {
    private Operators() {
    }

    /** sites: call-site ids (a {@code matches} with a constant pattern reuses one matcher per site and render). */
    public static Eval binary(Expr.Binary b, Eval l, Eval r, String name, java.util.function.IntSupplier sites) {
        return switch (b.op()) {
            case "or" -> (f, st) -> Values.isTrue(l.eval(f, st)) || Values.isTrue(r.eval(f, st));
            case "and" -> (f, st) -> Values.isTrue(l.eval(f, st)) && Values.isTrue(r.eval(f, st));
            case "xor" -> (f, st) -> xor(l.eval(f, st), r.eval(f, st));
            case "b-and", "b-or", "b-xor" -> (f, st) -> bitwise(l.eval(f, st), r.eval(f, st), b.op(), st);
            case "==" -> (f, st) -> Values.looseEquals(l.eval(f, st), r.eval(f, st));
            case "!=" -> (f, st) -> !Values.looseEquals(l.eval(f, st), r.eval(f, st));
            case "===" -> (f, st) -> Values.strictEquals(l.eval(f, st), r.eval(f, st));
            case "!==" -> (f, st) -> !Values.strictEquals(l.eval(f, st), r.eval(f, st));
            case "<" -> (f, st) -> lt(l.eval(f, st), r.eval(f, st), st);
            case ">" -> (f, st) -> gt(l.eval(f, st), r.eval(f, st), st);
            case "<=" -> (f, st) -> le(l.eval(f, st), r.eval(f, st), st);
            case ">=" -> (f, st) -> ge(l.eval(f, st), r.eval(f, st), st);
            case "<=>" -> (f, st) -> spaceship(l.eval(f, st), r.eval(f, st));
            case "in" -> (f, st) -> contains(r.eval(f, st), l.eval(f, st), st);
            case "not in" -> (f, st) -> !contains(r.eval(f, st), l.eval(f, st), st);
            case "+" -> (f, st) -> add(l.eval(f, st), r.eval(f, st), st);
            case "-" -> (f, st) -> sub(l.eval(f, st), r.eval(f, st), st);
            case "*" -> (f, st) -> mul(l.eval(f, st), r.eval(f, st), st);
            case "/" -> (f, st) -> div(l.eval(f, st), r.eval(f, st), st);
            case "//" -> (f, st) -> floorDiv(l.eval(f, st), r.eval(f, st), st);
            case "%" -> (f, st) -> mod(l.eval(f, st), r.eval(f, st), st);
            case "**" -> (f, st) -> pow(l.eval(f, st), r.eval(f, st), st);
            case "~" -> (f, st) -> concat(l.eval(f, st), r.eval(f, st), st);
            case "starts with" -> (f, st) -> startsWith(l.eval(f, st), r.eval(f, st), st);
            case "ends with" -> (f, st) -> endsWith(l.eval(f, st), r.eval(f, st), st);
            case "matches" -> matches(b, l, r, name, sites);
            case "has some" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, false, f, name, b.line());
            case "has every" -> (f, st) -> hasSome(l.eval(f, st), r.eval(f, st), st, true, f, name, b.line());
            default -> throw new TemplateSyntaxException("Unknown operator \"" + b.op() + "\".", name, b.line());
        };
    }

    public static Object lt(Object a, Object c, RenderState st) {
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
    }

    public static Object gt(Object a, Object c, RenderState st) {
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
        return Values.compare(c, a) < 0; // PHP compiles a > b as b < a: not the same where its order is asymmetric
    }

    public static Object le(Object a, Object c, RenderState st) {
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
    }

    public static Object ge(Object a, Object c, RenderState st) {
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
        return Values.compare(c, a) <= 0; // PHP compiles a >= b as b <= a
    }

    /**
     * {@code a ~ b} as a value (a String: it may be kept or reach user code): built in a text buffer of the render,
     * handed out as the String of the render's cache of recent values (Strings are immutable: sharing one is safe),
     * so a short text made again render after render makes no String in steady state.
     */
    public static Object concat(Object a, Object b, RenderState st) {
        int top = st.textTop;
        try {
            dev.zweig.runtime.ScratchText t = st.pushText();
            Values.writeText(a, t);
            Values.writeText(b, t);
            return st.string(t);
        } finally {
            st.textTop = top;
        }
    }

    public static Object add(Object a, Object c, RenderState st) {
        if (a == null && (c instanceof Long || c instanceof Double)) {
            a = 0L; // null + a number (reduce's first step without an initial value) is that number
        }
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
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? add(x, y, st) : Values.add(a, c);
    }

    public static Object sub(Object a, Object c, RenderState st) {
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
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? sub(x, y, st) : Values.subtract(a, c);
    }

    public static Object mul(Object a, Object c, RenderState st) {
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
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? mul(x, y, st) : Values.multiply(a, c);
    }

    public static Object div(Object a, Object c, RenderState st) {
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
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? div(x, y, st) : Values.divide(a, c);
    }

    public static Object floorDiv(Object a, Object c, RenderState st) {
        if (a instanceof Long x && c instanceof Long y && y != 0 && !(x == Long.MIN_VALUE && y == -1)) {
            return st.box(Values.floorDivideInts(x, y));
        }
        if (isPlainNumber(a) && isPlainNumber(c) && (a instanceof Double || c instanceof Double)) {
            double y = ((Number) c).doubleValue();
            if (y != 0) {
                return st.box(PhpNumbers.doubleToLong(Math.floor(((Number) a).doubleValue() / y)));
            }
        }
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? floorDiv(x, y, st) : Values.floorDivide(a, c);
    }

    public static Object mod(Object a, Object c, RenderState st) {
        if (number(a, st) != null && number(c, st) != null) {
            long x = Values.toLong(a); // a numeric string's int, capped (not its float's)
            long y = Values.toLong(c);
            if (y != 0 && y != -1) {
                return st.box(x % y);
            }
        }
        return Values.modulo(a, c);
    }

    public static Object pow(Object a, Object c, RenderState st) {
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
        Object x = number(a, st);
        Object y = number(c, st);
        return x != null && y != null && (x != a || y != c) ? pow(x, y, st) : Values.power(a, c);
    }

    public static Object startsWith(Object a, Object c, RenderState st) {
        // Twig's is_string() on both operands: a Markup is an object
        if (!(a instanceof CharSequence) || !(c instanceof CharSequence) || Values.isMarkup(a) || Values.isMarkup(c)) {
            return false;
        }
        return Values.regionMatches(Values.text(a), 0, Values.text(c));
    }

    public static Object endsWith(Object a, Object c, RenderState st) {
        if (!(a instanceof CharSequence) || !(c instanceof CharSequence) || Values.isMarkup(a) || Values.isMarkup(c)) {
            return false;
        }
        CharSequence x = Values.text(a);
        CharSequence y = Values.text(c);
        return Values.regionMatches(x, x.length() - y.length(), y);
    }

    public static Object xor(Object a, Object c) {
        return Values.isTrue(a) ^ Values.isTrue(c);
    }

    /** b-and, b-or, b-xor, boxed through the render's cache (json_encode's flag sets). */
    public static Object bitwise(Object a, Object c, String op, Object st) {
        long x = Values.toLong(a);
        long y = Values.toLong(c);
        return ((dev.zweig.runtime.ScratchArena) st).box(op.equals("b-and") ? x & y : op.equals("b-or") ? x | y : x ^ y);
    }

    public static Object spaceship(Object a, Object c) {
        return (long) Values.compare(a, c);
    }

    /** The static method of an arithmetic, comparison or string operator taking (Object, Object, RenderState). */
    public static String method(String op) {
        return switch (op) {
            case "<" -> "lt";
            case ">" -> "gt";
            case "<=" -> "le";
            case ">=" -> "ge";
            case "+" -> "add";
            case "-" -> "sub";
            case "*" -> "mul";
            case "/" -> "div";
            case "//" -> "floorDiv";
            case "%" -> "mod";
            case "**" -> "pow";
            case "starts with" -> "startsWith";
            case "ends with" -> "endsWith";
            default -> null;
        };
    }

    /**
     * An operand as the typed fast paths take it: a Long or a Double as it is, a string (the engine's texts only:
     * String, render-private) holding a number read in place as the number its prefix holds (as PHP
     * arithmetic reads it), boxed through the render's caches; null for anything else (left to {@link Values},
     * which names the operands in its errors).
     */
    private static Object number(Object v, RenderState st) {
        if (v instanceof Long || v instanceof Double) {
            return v;
        }
        // a Java caller's Integer, Short, Byte and Float are PHP ints and floats (Values' value model): as a Long or
        // a Double from the box caches, so that their arithmetic takes the typed paths and boxes no result
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return st.box(((Number) v).longValue());
        }
        if (v instanceof Float f) {
            return st.box(f.doubleValue());
        }
        if (v instanceof String || v instanceof dev.zweig.runtime.ScratchText) { // (Markup: no number, see Values)
            CharSequence s = (CharSequence) v;
            int kind = PhpNumbers.numericKind(s, true);
            if (kind == PhpNumbers.INTEGER) {
                return st.box(PhpNumbers.integerValue(s));
            }
            if (kind == PhpNumbers.FLOAT) {
                return st.box(PhpNumbers.floatValue(s));
            }
        }
        return null;
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

    /**
     * {@code needle in haystack} ({@link Values#contains}), a mapping other than a PHP array read through a
     * temporary copy of its pairs (the JDK's maps fill it without an iterator), given back when done.
     */
    public static boolean contains(Object haystack, Object needle, RenderState st) {
        if (!(haystack instanceof Map<?, ?> m) || haystack instanceof dev.zweig.php.PhpArray) {
            return Values.contains(haystack, needle);
        }
        int temps = st.tempTop;
        try {
            return Values.contains(st.temp().addEntries(m), needle);
        } finally {
            st.tempTop = temps;
        }
    }

    /**
     * {@code has some} / {@code has every} with a callable that is not an arrow written in place: the render's
     * position set first (the template and line a refused callable's error names, and the scope a user's Lambda
     * reads through its context), as a filter's call sets it.
     */
    public static Object hasSome(Object seq, Object fn, RenderState st, boolean every, Frame f, String template,
            int line) {
        Semantics.at(st, f, template, line);
        return hasSome(seq, fn, st, every);
    }

    public static Object hasSome(Object seq, Object fn, RenderState st, boolean every) {
        if (seq instanceof java.util.List<?> list && list instanceof java.util.RandomAccess) {
            // a sequence is walked in place (keys 0..n-1, as its PHP array has): no mapping copied per test
            for (int i = 0; i < list.size(); i++) {
                boolean r = Values.isTrue(st.call(fn, list.get(i), (long) i));
                if (every != r) {
                    return r;
                }
            }
            return every;
        }
        if (seq instanceof Map<?, ?> map) {
            // a mapping is walked by position, its keys as PHP stores them (the data's insertion order is the PHP
            // array's order): a PHP array in place, another mapping through a temporary copy of its pairs (the
            // JDK's maps fill it without an iterator), given back when done
            int temps = st.tempTop;
            dev.zweig.php.PhpArray a = map instanceof dev.zweig.php.PhpArray p ? p : st.temp().addEntries(map);
            try {
                for (int i = 0; i < a.size(); i++) {
                    boolean r = Values.isTrue(st.call(fn, a.valueAt(i), dev.zweig.php.PhpArrays.key(a.keyAt(i))));
                    if (every != r) {
                        return r;
                    }
                }
                return every;
            } finally {
                st.tempTop = temps;
            }
        }
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
            return (f, st) -> PhpRegex.matched(PhpRegex.findIn(p, site, l.eval(f, st), st, name, line));
        }
        return (f, st) -> PhpRegex.matched(PhpRegex.findIn(PhpRegex.compile(Values.toString(r.eval(f, st)), name,
                line, false), -1, l.eval(f, st), st, name, line));
    }

}
