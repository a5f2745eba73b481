package dev.zweig.ext;

/** A callable value: what an arrow function evaluates to; applications may pass their own in the data. */
@FunctionalInterface
public interface Lambda {
    Object apply(Object... args);
}
