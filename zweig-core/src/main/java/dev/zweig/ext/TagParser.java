package dev.zweig.ext;

/**
 * A custom tag, {@code {% name ... %}} (after Twig's TokenParserInterface). {@link #parse} reads the tag's tokens
 * through a {@link TagReader}, which starts after the tag's name, and returns the {@link Node} the tag leaves in
 * the template (or null for none). The reader must be left after the tag's closing {@code %}} (and, for a tag with
 * a body, after its end tag's {@code %}}). Register it through {@link Extension#tags()}; a tag with the name of a
 * core tag replaces it. Called at compile time, never during a render; the same instance parses every template of
 * the Environment, possibly on several threads at once.
 */
public interface TagParser {
    /** The tag's name, as written after {@code {%}. */
    String tag();

    /** Reads one occurrence of the tag. */
    Node parse(TagReader in);
}
