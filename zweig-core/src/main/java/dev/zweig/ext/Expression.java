package dev.zweig.ext;

/**
 * An expression a {@link TagReader} read: an opaque handle, compiled with the template, evaluated at render time
 * by {@link NodeContext#evaluate(Expression)}. A node lists it in {@link Node#expressions()}.
 */
public interface Expression {
    /** The line the expression starts on. */
    int line();
}
