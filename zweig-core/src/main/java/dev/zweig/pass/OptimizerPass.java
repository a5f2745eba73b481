package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.php.Values;
import java.util.Set;

/**
 * Folds constants at compile time (after Twig's OptimizerNodeVisitor, in spirit): arithmetic, comparisons and
 * concatenation of literals, unary operators on literals, string interpolation without variables, and ternaries
 * whose condition is a literal; and decides which for loops define {@code loop} ({@link LoopUsage}). Anything that
 * would fail (division by zero, a non-numeric string) is left for the render to report with its line.
 */
public final class OptimizerPass {
    private static final Set<String> FOLDABLE = Set.of("+", "-", "*", "/", "//", "%", "**", "~", "==", "!=", "<",
            ">", "<=", ">=", "===", "!==", "and", "or", "b-and", "b-or", "b-xor");

    public Module apply(Module m) {
        // and, as Twig's optimizer, leaves the loop variable out of the loops that have no use for it
        return LoopUsage.apply(new TreeRewriter(OptimizerPass::fold).module(m));
    }

    static Expr fold(Expr e) {
        try {
            if (e instanceof Expr.Binary b && b.left() instanceof Expr.Literal l && b.right() instanceof Expr.Literal r
                    && FOLDABLE.contains(b.op())) {
                return computed(binary(b.op(), l.value(), r.value()), b.line());
            }
            if (e instanceof Expr.Unary u && u.operand() instanceof Expr.Literal l) {
                Object v = switch (u.op()) {
                    case "not" -> !Values.isTrue(l.value());
                    case "-" -> Values.negate(l.value());
                    default -> Values.toNumber(l.value());
                };
                return new Expr.Literal(v, u.line());
            }
            if (e instanceof Expr.Concat c && c.parts().size() > 1
                    && c.parts().stream().allMatch(p -> p instanceof Expr.Literal)) {
                StringBuilder sb = new StringBuilder();
                c.parts().forEach(p -> sb.append(Values.toString(((Expr.Literal) p).value())));
                return computed(sb.toString(), c.line());
            }
            if (e instanceof Expr.Conditional c && c.then() != null && c.cond() instanceof Expr.Literal l) {
                return Values.isTrue(l.value()) ? c.then() : c.otherwise();
            }
        } catch (RuntimeException failure) {
            return e; // the render reports it, with its line
        }
        return e;
    }

    /**
     * A folded value. A literal written in the template is safe for autoescaping, a computed string is not
     * ({@code {{ '<b>' ~ '' }}} is escaped by Twig): computed strings stay wrapped in a one-part concatenation.
     */
    private static Expr computed(Object v, int line) {
        Expr.Literal l = new Expr.Literal(v, line);
        return v instanceof String ? new Expr.Concat(java.util.List.of(l), line) : l;
    }

    private static Object binary(String op, Object a, Object b) {
        return switch (op) {
            case "+" -> Values.add(a, b);
            case "-" -> Values.subtract(a, b);
            case "*" -> Values.multiply(a, b);
            case "/" -> Values.divide(a, b);
            case "//" -> Values.floorDivide(a, b);
            case "%" -> Values.modulo(a, b);
            case "**" -> Values.power(a, b);
            case "~" -> Values.toString(a) + Values.toString(b);
            case "==" -> Values.looseEquals(a, b);
            case "!=" -> !Values.looseEquals(a, b);
            case "<" -> Values.compare(a, b) < 0;
            case ">" -> Values.compare(b, a) < 0; // as PHP: b < a
            case "<=" -> Values.compare(a, b) <= 0;
            case ">=" -> Values.compare(b, a) <= 0;
            case "===" -> Values.strictEquals(a, b);
            case "!==" -> !Values.strictEquals(a, b);
            case "and" -> Values.isTrue(a) && Values.isTrue(b);
            case "or" -> Values.isTrue(a) || Values.isTrue(b);
            case "b-and" -> Values.toLong(a) & Values.toLong(b);
            case "b-or" -> Values.toLong(a) | Values.toLong(b);
            default -> Values.toLong(a) ^ Values.toLong(b);
        };
    }
}
