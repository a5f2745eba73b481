package dev.zweig.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Declares a filter: {@code FilterDefinition.of("name", body).param(...).safe("html")}. Immutable; the fluent methods return copies. */
public final class FilterDefinition extends CallableDefinition {
    private final String preEscape;
    private final boolean preservesSafety;
    private final FilterWriter writer;

    private FilterDefinition(String name, Invocable body, List<Param> params, boolean variadic, Set<String> safe,
            String deprecated, String preEscape, boolean preservesSafety, FilterWriter writer) {
        super(name, body, params, variadic, safe, deprecated);
        this.preEscape = preEscape;
        this.preservesSafety = preservesSafety;
        this.writer = writer;
    }

    public static FilterDefinition of(String name, Invocable body) {
        return new FilterDefinition(name, body, List.of(), false, Set.of(), null, null, false, null);
    }

    /** The streaming form used when the result is printed, or null. */
    public FilterWriter writer() {
        return writer;
    }

    /** Adds a streaming form (see {@link FilterWriter}). */
    public FilterDefinition writer(FilterWriter w) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), preEscape,
                preservesSafety, w);
    }

    /** The input is escaped with this strategy before the filter sees it (e.g. nl2br: "html"), or null. */
    public String preEscape() {
        return preEscape;
    }

    /** Whether the result is as safe as the input (Twig's preserves_safety). */
    public boolean preservesSafety() {
        return preservesSafety;
    }

    public FilterDefinition preEscape(String strategy) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), strategy, preservesSafety, writer);
    }

    public FilterDefinition preservingSafety() {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), preEscape, true, writer);
    }

    private FilterDefinition copy(List<Param> params, boolean variadic, Set<String> safe, String deprecated) {
        return new FilterDefinition(name(), body(), params, variadic, safe, deprecated, preEscape, preservesSafety,
                writer);
    }

    /** Adds declared parameters, in order. */
    public FilterDefinition params(Param... more) {
        List<Param> all = new ArrayList<>(params());
        all.addAll(List.of(more));
        return copy(all, isVariadic(), safe(), deprecated());
    }

    /** Shortcut: required parameters by name. */
    public FilterDefinition params(String... names) {
        List<Param> all = new ArrayList<>(params());
        for (String n : names) {
            all.add(Param.required(n));
        }
        return copy(all, isVariadic(), safe(), deprecated());
    }

    public FilterDefinition asVariadic() {
        return copy(params(), true, safe(), deprecated());
    }

    public FilterDefinition safe(String... strategies) {
        return copy(params(), isVariadic(), Set.of(strategies), deprecated());
    }

    public FilterDefinition deprecated(String message) {
        return copy(params(), isVariadic(), safe(), message);
    }
}
