package dev.zweig.ext;

/** A callable value: what an arrow function evaluates to; applications may pass their own in the data. */
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
