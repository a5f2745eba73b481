package dev.zweig.ext;

/**
 * One declared parameter of a filter, function or test, so that named arguments ({@code round(precision: 2)})
 * can be bound at compile time.
 *
 * @param name the parameter name, as Twig spells it (snake_case)
 * @param required whether a call must give it
 * @param defaultValue the value passed when an optional parameter is not given (may be null)
 */
public record Param(String name, boolean required, Object defaultValue) {
    public static Param required(String name) {
        return new Param(name, true, null);
    }

    public static Param optional(String name, Object defaultValue) {
        return new Param(name, false, defaultValue);
    }

    /**
     * A parameter or argument name as Twig compares them (3.15+): lower case, underscores dropped, so that
     * {@code preserveKeys: true} and {@code preserve_keys: true} both name {@code preserve_keys}.
     */
    public static String normalize(String name) {
        return name.replace("_", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether a named argument names this parameter, under {@link #normalize}. */
    public boolean matches(String argumentName) {
        return normalize(name).equals(normalize(argumentName));
    }
}
