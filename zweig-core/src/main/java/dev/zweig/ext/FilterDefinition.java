package dev.zweig.ext;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Declares a filter: {@code FilterDefinition.of("name", body).param(...).safe("html")}. Immutable; the fluent methods return copies. */
public final class FilterDefinition extends CallableDefinition {
    private final String preEscape;
    private final Set<String> preservedSafety;
    private final FilterWriter writer;

    private FilterDefinition(String name, Invocable body, List<Param> params, boolean variadic, Set<String> safe,
            String deprecated, Function<Arguments, Set<String>> safeCallback, String preEscape,
            Set<String> preservedSafety, FilterWriter writer) {
        super(name, body, params, variadic, safe, deprecated, safeCallback);
        this.preEscape = preEscape;
        this.preservedSafety = Set.copyOf(preservedSafety);
        this.writer = writer;
    }

    public static FilterDefinition of(String name, Invocable body) {
        return new FilterDefinition(name, body, List.of(), false, Set.of(), null, null, null, Set.of(), null);
    }

    /** The streaming form used when the result is printed, or null. */
    public FilterWriter writer() {
        return writer;
    }

    /** Adds a streaming form (see {@link FilterWriter}). */
    public FilterDefinition writer(FilterWriter w) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), safeCallback(),
                preEscape, preservedSafety, w);
    }

    /** The input is escaped with this strategy before the filter sees it (e.g. nl2br: "html"), or null. */
    public String preEscape() {
        return preEscape;
    }

    /** Whether the result keeps some of the input's safety (Twig's preserves_safety is set). */
    public boolean preservesSafety() {
        return !preservedSafety.isEmpty();
    }

    /**
     * Twig's preserves_safety: the strategies for which the result is as safe as the input (the input's safety is
     * intersected with this set; "all" keeps all of it). Empty: the result is unsafe unless {@link #safe()} says so.
     */
    public Set<String> preservedSafety() {
        return preservedSafety;
    }

    public FilterDefinition preEscape(String strategy) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), safeCallback(),
                strategy, preservedSafety, writer);
    }

    /** The result is as safe as the input, for every strategy. */
    public FilterDefinition preservingSafety() {
        return preservingSafety("all");
    }

    /** The result is as safe as the input for these strategies (Twig's {@code preserves_safety => [...]}). */
    public FilterDefinition preservingSafety(String... strategies) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), safeCallback(),
                preEscape, Set.of(strategies), writer);
    }

    /**
     * Twig's is_safe_callback: when no fixed {@link #safe(String...)} list is declared, the callback decides from
     * the arguments as written in the template (e.g. escape('js') is safe for js).
     */
    public FilterDefinition safeWhen(Function<Arguments, Set<String>> callback) {
        return new FilterDefinition(name(), body(), params(), isVariadic(), safe(), deprecated(), callback, preEscape,
                preservedSafety, writer);
    }

    private FilterDefinition copy(List<Param> params, boolean variadic, Set<String> safe, String deprecated) {
        return new FilterDefinition(name(), body(), params, variadic, safe, deprecated, safeCallback(), preEscape,
                preservedSafety, writer);
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
