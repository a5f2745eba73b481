package dev.zweig;

import dev.zweig.output.Output;
import java.io.OutputStream;
import java.util.Map;

/**
 * A compiled template. Immutable and safe to render from many threads at once.
 */
public interface Template {
    /** The template's name (as loaded), or a generated one for templates created from a string. */
    String name();

    /** Renders to a String; all or nothing: an error leaves no partial result. */
    String render(Map<String, ?> context);

    /** Renders into any Appendable (a StringBuilder, a Writer...). */
    void render(Map<String, ?> context, Appendable out);

    /** Renders as UTF-8 bytes into the stream. */
    void render(Map<String, ?> context, OutputStream out);

    /** Renders into an output sink (the allocation-free path: reuse the sink across renders). */
    void render(Map<String, ?> context, Output out);

    /** Renders one block of the template (with inheritance resolved), like Twig's renderBlock. */
    String renderBlock(String blockName, Map<String, ?> context);

    /** Whether the template defines (or inherits) the block. */
    boolean hasBlock(String blockName);
}
