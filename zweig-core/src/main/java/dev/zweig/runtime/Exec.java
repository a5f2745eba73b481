package dev.zweig.runtime;

/** An executable statement: the interpreter's compiled form of a {@link dev.zweig.ast.Stmt}. */
@FunctionalInterface
public interface Exec {
    void exec(Frame f, RenderState st);
}
