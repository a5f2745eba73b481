package dev.zweig.ext;

import dev.zweig.Environment;
import dev.zweig.output.Output;

/**
 * What a {@link Node} sees of the render it runs in. It belongs to one call of {@link Node#render}: used after
 * that call returns, every method raises a {@link dev.zweig.TemplateRuntimeException}. Values it hands out follow
 * the {@link CallContext} ownership contract (a {@code loop} read by {@link #get} is a snapshot...).
 */
public interface NodeContext {
    Environment environment();

    /** The name of the template the node is in. */
    String templateName();

    /** The line of the node's tag. */
    int line();

    /** Evaluates one of the node's expressions in the current scope. */
    Object evaluate(Expression expression);

    /** Renders one of the node's bodies into the output, in the current scope. */
    void render(Body body);

    /** Renders one of the node's bodies into a string (Twig's capture: {@code set x}...{@code endset}). */
    String capture(Body body);

    /** The value of a variable the node declared in {@link Node#variables()}; null when it is not defined. */
    Object get(String variable);

    /** Whether a variable the node declared is defined in the current scope. */
    boolean isDefined(String variable);

    /** Sets a variable the node declared, in the current scope (as {@code set} would). */
    void set(String variable, Object value);

    /**
     * The output the template is being rendered into (or the capture the tag stands in), lent for this call only.
     * What is written to it goes out as it is: write values through {@link #print} or {@link #escape} to have
     * them escaped.
     */
    Output output();

    /**
     * The escaping strategy in effect where the tag stands ({@code "html"}, {@code "js"}... or null when
     * autoescaping is off there), as it would apply to a {@code {{ }}} in its place.
     */
    String autoescape();

    /** The text Twig prints for a value with the strategy in effect: {@link dev.zweig.Markup} and numbers as they are. */
    String escape(Object value);

    /** The text of a value escaped with the given strategy (html, js, css, url, html_attr); Markup as it is. */
    String escape(Object value, String strategy);

    /** Writes a value as {@code {{ value }}} would in the tag's place (escaped by {@link #autoescape()}). */
    void print(Object value);
}
