package dev.zweig.ext;

import java.util.List;
import java.util.Set;

/**
 * Shared shape of filter, function and test declarations (after Twig's TwigFilter/TwigFunction/TwigTest): a
 * name, a body and options, not a subclass per callable.
 */
public abstract class CallableDefinition {
    private final String name;
    private final Invocable body;
    private final List<Param> params;
    private final boolean variadic;
    private final Set<String> safe;
    private final String deprecated;

    protected CallableDefinition(String name, Invocable body, List<Param> params, boolean variadic, Set<String> safe,
            String deprecated) {
        this.name = name;
        this.body = body;
        this.params = List.copyOf(params);
        this.variadic = variadic;
        this.safe = Set.copyOf(safe);
        this.deprecated = deprecated;
    }

    public String name() {
        return name;
    }

    public Invocable body() {
        return body;
    }

    /** Declared parameters (for a filter, not counting the filtered value). */
    public List<Param> params() {
        return params;
    }

    /** Whether extra arguments are gathered into a final list (positional) / map (named) argument. */
    public boolean isVariadic() {
        return variadic;
    }

    /** Escaping strategies the result is already safe for ("html", "js", ... or "all"). */
    public Set<String> safe() {
        return safe;
    }

    /** A deprecation message, or null. */
    public String deprecated() {
        return deprecated;
    }
}
