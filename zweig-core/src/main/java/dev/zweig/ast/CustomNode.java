package dev.zweig.ast;

import dev.zweig.ext.Body;
import dev.zweig.ext.Expression;
import dev.zweig.ext.Node;
import java.util.List;

/**
 * The extension's side of a {@link Stmt.Custom}: its node and the handles it was given for its expressions and
 * bodies, in the order of the statement's lists (a handle's index there is where the compiled form is). Not a
 * record: the passes, which walk records generically, do not descend into it.
 */
public final class CustomNode {
    private final Node node;
    private final List<Expression> expressions;
    private final List<Body> bodies;

    public CustomNode(Node node, List<Expression> expressions, List<Body> bodies) {
        this.node = node;
        this.expressions = List.copyOf(expressions);
        this.bodies = List.copyOf(bodies);
    }

    public Node node() {
        return node;
    }

    /** The index of an expression handle of this node, or -1. */
    public int indexOf(Expression e) {
        for (int i = 0; i < expressions.size(); i++) {
            if (expressions.get(i) == e) {
                return i;
            }
        }
        return -1;
    }

    /** The index of a body handle of this node, or -1. */
    public int indexOf(Body b) {
        for (int i = 0; i < bodies.size(); i++) {
            if (bodies.get(i) == b) {
                return i;
            }
        }
        return -1;
    }
}
