package dev.zweig.ext;

import dev.zweig.TemplateSyntaxException;

/**
 * What a {@link TagParser} reads of a template (after Twig's Parser and TokenStream): the tokens of the tag, whole
 * expressions and bodies. Expressions and bodies come back as opaque handles that a {@link Node} lists and
 * evaluates or renders at render time; they are compiled with the rest of the template by either executor.
 *
 * <p>The {@code is...} methods look at the current token without moving; the others consume it, and raise a
 * {@link TemplateSyntaxException} naming the template and line (Twig's wording) when it is not what they expect.
 * A reader is valid during its {@link TagParser#parse} call only.
 */
public interface TagReader {
    /** The name of the tag being read. */
    String tag();

    /** The line the tag starts on. */
    int line();

    /** The name of the template being parsed. */
    String templateName();

    /** The line of the current token. */
    int currentLine();

    /** Whether the current token is the tag's closing {@code %}}. */
    boolean atEnd();

    /** Whether the current token is a name (an identifier). */
    boolean isName();

    /** Whether the current token is the name {@code value}. */
    boolean isName(String value);

    /** Whether the current token is the punctuation {@code value} ({@code , ( ) [ ] { } : . | ?}...). */
    boolean isPunctuation(String value);

    /** Whether the current token is the operator {@code value} ({@code =} is an operator, as in Twig). */
    boolean isOperator(String value);

    /** Whether the current token is a string literal without interpolation. */
    boolean isString();

    /** Whether the current token is a number. */
    boolean isNumber();

    /** Consumes a name and returns it. */
    String name();

    /** Consumes the name {@code value}. */
    void name(String value);

    /** Consumes the punctuation {@code value}. */
    void punctuation(String value);

    /** Consumes the operator {@code value}. */
    void operator(String value);

    /** Consumes the name {@code value} if it is the current token; says whether it did. */
    boolean skipName(String value);

    /** Consumes the punctuation {@code value} if it is the current token; says whether it did. */
    boolean skipPunctuation(String value);

    /** Consumes the operator {@code value} if it is the current token; says whether it did. */
    boolean skipOperator(String value);

    /** Consumes a string literal (without interpolation) and returns its value. */
    String string();

    /** Consumes a number and returns it (a Long, or a Double when it has a fraction or exponent). */
    Number number();

    /** Reads a whole expression, as {@code {{ }}} would. */
    Expression expression();

    /** Consumes the tag's closing {@code %}}. */
    void end();

    /**
     * Reads the template up to one of the end tags (names such as {@code "endrepeat"}, or {@code "else"} for a tag
     * with branches) and consumes that end tag's name; {@link Body#endTag()} says which one closed it. What the end
     * tag holds after its name (usually nothing) is read next, then {@link #end()}. Tags nested in the body are
     * parsed by their own parsers (a body may hold the same custom tag).
     */
    Body body(String... endTags);

    /** A syntax error at the current token's line, to throw. */
    TemplateSyntaxException error(String message);

    /** A syntax error at the given line, to throw. */
    TemplateSyntaxException error(String message, int line);
}
