package dev.zweig.runtime;

import dev.zweig.output.Output;
import java.util.Map;

/**
 * The render of a template that is text and variables only, without a render state (see {@link FlatTemplate}):
 * the interpreter's is a {@link FlatTemplate}, the compiled executor's a method of the template's class.
 */
public interface FlatRender {
    /** Renders into out, or returns false having written nothing when the render must take the full path. */
    boolean renderFlat(Map<String, ?> context, Output out);
}
