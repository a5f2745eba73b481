package dev.zweig;

/**
 * How an {@link Environment} runs its templates, chosen on the builder ({@link Environment.Builder#executor}).
 * Both honour the same language, sandbox, limits, ownership contract and error messages; they differ only in speed
 * and in what the platform must allow.
 */
public enum Executor {
    /**
     * Each template becomes a JVM class at run time (a hidden class, unloaded with its cache entry): the fastest.
     * Its stack frames carry the template's name and lines ({@code page.twig:12}).
     */
    COMPILED,
    /**
     * Each template becomes a tree of closures: the reference executor, and the one to use where classes cannot be
     * defined at run time (a GraalVM native image).
     */
    INTERPRETED
}
