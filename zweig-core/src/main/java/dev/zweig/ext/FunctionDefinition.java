package dev.zweig.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Declares a function: {@code FunctionDefinition.of("name", body).param(...).safe("html")}. Immutable; the fluent methods return copies. */
public final class FunctionDefinition extends CallableDefinition {
    private FunctionDefinition(String name, Invocable body, List<Param> params, boolean variadic, Set<String> safe,
            String deprecated, Function<Arguments, Set<String>> safeCallback) {
        super(name, body, params, variadic, safe, deprecated, safeCallback);
    }

    public static FunctionDefinition of(String name, Invocable body) {
        return new FunctionDefinition(name, body, List.of(), false, Set.of(), null, null);
    }

    private FunctionDefinition copy(List<Param> params, boolean variadic, Set<String> safe, String deprecated) {
        return new FunctionDefinition(name(), body(), params, variadic, safe, deprecated, safeCallback());
    }

    /**
     * Twig's is_safe_callback: when no fixed {@link #safe(String...)} list is declared, the callback decides from
     * the arguments as written in the template.
     */
    public FunctionDefinition safeWhen(Function<Arguments, Set<String>> callback) {
        return new FunctionDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), callback);
    }

    /** Adds declared parameters, in order. */
    public FunctionDefinition params(Param... more) {
        List<Param> all = new ArrayList<>(params());
        all.addAll(List.of(more));
        return copy(all, isVariadic(), safe(), deprecated());
    }

    /** Shortcut: required parameters by name. */
    public FunctionDefinition params(String... names) {
        List<Param> all = new ArrayList<>(params());
        for (String n : names) {
            all.add(Param.required(n));
        }
        return copy(all, isVariadic(), safe(), deprecated());
    }

    public FunctionDefinition asVariadic() {
        return copy(params(), true, safe(), deprecated());
    }

    public FunctionDefinition safe(String... strategies) {
        return copy(params(), isVariadic(), Set.of(strategies), deprecated());
    }

    public FunctionDefinition deprecated(String message) {
        return copy(params(), isVariadic(), safe(), message);
    }
}
