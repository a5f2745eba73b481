package dev.zweig.ext;

/**
 * A callable value: what an arrow function evaluates to; applications may pass their own in the data. An arrow
 * function's Lambda runs only during the render that created it and on that render's thread; called after the
 * render returned or from another thread it raises a {@link dev.zweig.TemplateRuntimeException} (see the
 * ownership contract in {@link CallContext}).
 */
@FunctionalInterface
public interface Lambda {
    Object apply(Object... args);

    /** One-argument call; implementations may avoid the argument array. */
    default Object apply1(Object a) {
        return apply(a);
    }

    default Object apply2(Object a, Object b) {
        return apply(a, b);
    }

    default Object apply3(Object a, Object b, Object c) {
        return apply(a, b, c);
    }
}
