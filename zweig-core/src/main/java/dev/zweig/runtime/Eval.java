package dev.zweig.runtime;

/** An executable expression: the interpreter's compiled form of an {@link dev.zweig.ast.Expr}. */
@FunctionalInterface
public interface Eval {
    Object eval(Frame f, RenderState st);
}
