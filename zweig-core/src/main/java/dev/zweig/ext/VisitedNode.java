package dev.zweig.ext;

import dev.zweig.TemplateSyntaxException;

/**
 * One construct of a template as a {@link NodeVisitor} sees it: its kind, name and line; a change made through it
 * takes effect at once (what the construct holds is visited after, changed).
 */
public interface VisitedNode {
    enum Kind {
        /** {@code {{ expression }}}; its name is "print". */
        PRINT,
        /** A core tag ({@code if}, {@code for}, {@code set}, {@code block}...); its name is the tag's. */
        TAG,
        /** A node a custom tag ({@link TagParser}) left; its name is the tag's. */
        NODE,
        /** A filter call ({@code x|name}). */
        FILTER,
        /** A function call ({@code name()}). */
        FUNCTION,
        /** A test ({@code x is name}). */
        TEST
    }

    Kind kind();

    String name();

    int line();

    String templateName();

    /** For {@link Kind#NODE}: the node the custom tag returned; null for other kinds. */
    Node node();

    /**
     * Makes this filter, function or test call another one of the same kind, defined in the Environment (the
     * arguments stay as written). A syntax error for other kinds or an unknown name.
     */
    void rename(String newName);

    /**
     * Prints {@code expression|filter(arguments...)} instead of the expression ({@link Kind#PRINT} only). The
     * arguments are constants: strings, numbers, booleans or null. Escaping then judges the wrapped expression.
     */
    void wrap(String filter, Object... arguments);

    /** A syntax error at this construct's template and line, to throw (e.g. a lint rule refusing it). */
    TemplateSyntaxException error(String message);
}
