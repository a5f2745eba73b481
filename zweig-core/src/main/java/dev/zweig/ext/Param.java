package dev.zweig.ext;

/**
 * One declared parameter of a filter, function or test, so that named arguments ({@code round(precision: 2)})
 * can be bound at compile time. As in Twig 3.15+, a named argument matches the parameter whatever its case and
 * underscores ({@link #normalize}): {@code preserveKeys} and {@code preserve_keys} name the same parameter.
 * Positional arguments beyond the parameters of a non-variadic callable are evaluated, as PHP evaluates every
 * argument, and dropped (the body receives its parameters only); a name no parameter has is a syntax error, or,
 * for a variadic callable, one of its extra arguments under that name.
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
        StringBuilder sb = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_') {
                sb.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c); // PHP's strtolower: ASCII only
            }
        }
        return sb.toString();
    }
}
