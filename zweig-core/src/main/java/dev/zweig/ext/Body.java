package dev.zweig.ext;

/**
 * A part of a template a {@link TagReader} read up to an end tag: an opaque handle, compiled with the template,
 * rendered at render time by {@link NodeContext#render(Body)} or {@link NodeContext#capture(Body)}. A node lists it
 * in {@link Node#bodies()}.
 */
public interface Body {
    /** The line the body starts on. */
    int line();

    /** The end tag that closed it (one of the names given to {@link TagReader#body}). */
    String endTag();
}
