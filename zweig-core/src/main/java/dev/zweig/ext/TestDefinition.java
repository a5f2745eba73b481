package dev.zweig.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Declares a test: {@code TestDefinition.of("name", body).param(...).safe("html")}. Immutable; the fluent methods return copies. */
public final class TestDefinition extends CallableDefinition {
    private TestDefinition(String name, Invocable body, List<Param> params, boolean variadic, Set<String> safe,
            String deprecated) {
        super(name, body, params, variadic, safe, deprecated);
    }

    public static TestDefinition of(String name, Invocable body) {
        return new TestDefinition(name, body, List.of(), false, Set.of(), null);
    }

    private TestDefinition copy(List<Param> params, boolean variadic, Set<String> safe, String deprecated) {
        return new TestDefinition(name(), body(), params, variadic, safe, deprecated);
    }

    /** Adds declared parameters, in order. */
    public TestDefinition params(Param... more) {
        List<Param> all = new ArrayList<>(params());
        all.addAll(List.of(more));
        return copy(all, isVariadic(), safe(), deprecated());
    }

    /** Shortcut: required parameters by name. */
    public TestDefinition params(String... names) {
        List<Param> all = new ArrayList<>(params());
        for (String n : names) {
            all.add(Param.required(n));
        }
        return copy(all, isVariadic(), safe(), deprecated());
    }

    public TestDefinition asVariadic() {
        return copy(params(), true, safe(), deprecated());
    }

    public TestDefinition safe(String... strategies) {
        return copy(params(), isVariadic(), Set.of(strategies), deprecated());
    }

    public TestDefinition deprecated(String message) {
        return copy(params(), isVariadic(), safe(), message);
    }
}
