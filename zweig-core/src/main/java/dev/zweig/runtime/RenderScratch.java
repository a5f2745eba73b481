package dev.zweig.runtime;

/**
 * What a render lends the core library beyond {@link dev.zweig.ext.CallContext}, so that core filters return
 * numbers and build text without garbage: the render's box caches and its text buffers. Implemented by the render
 * state a core filter is called with; a caller that is not one (a test's own CallContext) simply lacks it.
 * Internal: core filters only.
 */
public interface RenderScratch {
    /** v boxed through the render's cache (repeated values box once per thread). */
    Long boxed(long v);

    /** v boxed through the render's cache. */
    Double boxed(double v);

    /**
     * An empty render-private text buffer for a filter's streaming form to build a piece in before writing it
     * out (e.g. to drop it when the filter fails softly): valid until that call returns, never to be kept.
     */
    ScratchText textBuffer();
}
