package dev.zweig.pass;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Questions about a whole subtree of the AST (its nodes are records, walked generically). */
public final class Nodes {
    private Nodes() {
    }

    /** Whether n or any node under it (in lists and maps too) satisfies p. */
    public static boolean any(Object n, Predicate<Object> p) {
        if (n instanceof List<?> l) {
            for (Object o : l) {
                if (any(o, p)) {
                    return true;
                }
            }
            return false;
        }
        if (n instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                if (any(o, p)) {
                    return true;
                }
            }
            return false;
        }
        if (n == null || !n.getClass().isRecord()) {
            return false;
        }
        if (p.test(n)) {
            return true;
        }
        RecordShape shape = RecordShape.of(n.getClass());
        for (int i = 0, size = shape.size(); i < size; i++) {
            if (any(shape.get(n, i), p)) {
                return true;
            }
        }
        return false;
    }
}
