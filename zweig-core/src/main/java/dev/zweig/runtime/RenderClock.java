package dev.zweig.runtime;

import dev.zweig.ext.CallContext;

/**
 * Lets a long-running core filter (replace over a huge map, a regex, a big join, a big split) and the compiler stop
 * at the render's deadline instead of finishing first. Internal: core filters and the compile pipeline only.
 */
public final class RenderClock {
    private RenderClock() {}

    /** Raises the deadline error when the render that called the filter is past its deadline. */
    public static void check(CallContext ctx) {
        if (ctx instanceof RenderState st && st.budget != null) {
            st.budget.checkClock(st.templateName, st.line);
        }
    }

    /**
     * Raises the deadline error when the limited render running on this thread (or the one it is nested in) is
     * past its deadline; for work that has no CallContext at hand. A template compiled during a render
     * ({@code template_from_string}, a first include) spends the render's time: the lexer, the parser, the passes
     * and the compiler call this every few thousand steps. Outside a sandboxed or limited render it reads one
     * atomic counter. The error names no template: the statement that was running locates it.
     */
    public static void checkCurrent() {
        RenderState st = CurrentRender.enclosing();
        if (st != null && st.budget != null) {
            st.budget.checkClock(null, 0);
        }
    }
}
