package dev.zweig.ext;

import java.util.List;

/**
 * What a custom tag leaves in a template (after Twig's Node): the expressions and bodies it read, the template
 * variables it touches, and what it does at render time. The engine compiles the expressions and bodies with the
 * rest of the template (by either executor) and calls {@link #render} where the tag stands. A node is shared by
 * every render of its template, on any thread: keep it immutable.
 */
public interface Node {
    /** The expressions {@link #render} evaluates (handles from {@link TagReader#expression()}). */
    default List<Expression> expressions() {
        return List.of();
    }

    /** The bodies {@link #render} renders (handles from {@link TagReader#body}). */
    default List<Body> bodies() {
        return List.of();
    }

    /**
     * The template variables {@link #render} reads or sets through {@link NodeContext#get} and
     * {@link NodeContext#set}, known when the template is parsed (as Twig's nodes name the context keys they
     * compile): a variable set inside a {@code for} loop is scoped to it as a {@code set} there would be.
     */
    default List<String> variables() {
        return List.of();
    }

    /** Renders the node. Exceptions other than a TemplateException are reported with the tag's template and line. */
    void render(NodeContext ctx) throws Exception;
}
