package dev.zweig.runtime;

import dev.zweig.ext.CallContext;

/**
 * Lets a long-running core filter (replace over a huge map, a regex, a big join) stop at the render's deadline
 * instead of finishing first. Internal: core filters only.
 */
public final class RenderClock {
    private RenderClock() {}

    /** Raises the deadline error when the render that called the filter is past its deadline. */
    public static void check(CallContext ctx) {
        if (ctx instanceof RenderState st && st.budget != null) {
            st.budget.checkClock(st.templateName, st.line);
        }
    }
}
