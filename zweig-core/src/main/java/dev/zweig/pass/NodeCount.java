package dev.zweig.pass;

import java.util.List;
import java.util.Map;

/** How many AST nodes a subtree holds, counted up to a cap: how big the code written for it will be. */
public final class NodeCount {
    private NodeCount() {
    }

    /** The number of nodes under n (n included), or cap if there are at least that many. */
    public static int of(Object n, int cap) {
        return count(n, cap, 0, 1, 1);
    }

    /** As {@link #of(Object, int)}, a statement counting perStatement nodes (a for loop perLoop, a body 1). */
    public static int of(Object n, int cap, int perStatement, int perLoop) {
        return count(n, cap, 0, perStatement, perLoop);
    }

    private static int count(Object n, int cap, int sum, int perStatement, int perLoop) {
        if (sum >= cap) {
            return cap;
        }
        if (n instanceof List<?> l) {
            for (Object o : l) {
                sum = count(o, cap, sum, perStatement, perLoop);
            }
            return sum;
        }
        if (n instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                sum = count(o, cap, sum, perStatement, perLoop);
            }
            return sum;
        }
        if (n == null || !n.getClass().isRecord()) {
            return sum;
        }
        sum += n instanceof dev.zweig.ast.Stmt.For ? perLoop : n instanceof dev.zweig.ast.Stmt
                && !(n instanceof dev.zweig.ast.Stmt.Body) ? perStatement : 1;
        RecordShape shape = RecordShape.of(n.getClass());
        for (int i = 0; i < shape.size() && sum < cap; i++) {
            sum = count(shape.get(n, i), cap, sum, perStatement, perLoop);
        }
        return Math.min(sum, cap);
    }
}
