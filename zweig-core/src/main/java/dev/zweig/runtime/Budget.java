package dev.zweig.runtime;

import dev.zweig.RenderLimits;
import dev.zweig.TemplateLimitException;

/**
 * What one top-level render may still spend: loop iterations, nesting depth, output characters (captures
 * included) and time. Everything the render reaches spends from the same budget: includes, macros, blocks,
 * templates from strings, and renders nested in it on its thread (a user function rendering another template),
 * so no construct resets a counter. Engine-private; reused with its render state.
 */
public final class Budget {
    /** Depth past which a render would risk the thread's stack, whatever the limits say. */
    static final int MAX_DEPTH = 200;

    RenderLimits limits;
    long iterationsLeft;
    int depth;
    int maxDepth;
    /** System.nanoTime() bound, or Long.MAX_VALUE. */
    public long deadline;
    long outputLeft;

    void reset(RenderLimits limits) {
        this.limits = limits;
        this.iterationsLeft = limits.maxLoopIterations();
        this.depth = 0;
        this.maxDepth = Math.min(MAX_DEPTH, limits.maxDepth());
        long d = limits.deadlineNanos();
        this.deadline = d == Long.MAX_VALUE ? d : System.nanoTime() + d;
        this.outputLeft = limits.maxOutputChars();
    }

    void enter(String what, String tpl, int line) {
        if (depth >= maxDepth) {
            // not entered: the caller's leave() is not run, and the counter stays right for whoever catches this
            throw new TemplateLimitException("Maximum nesting level of " + maxDepth + " reached (" + what + ").", tpl,
                    line);
        }
        checkClock(tpl, line); // before counting: a refused entry is not entered
        depth++;
    }

    void leave() {
        depth--;
    }

    /** One loop iteration or arrow call; the clock is read on every one when a deadline is set. */
    void iteration(String tpl, int line) {
        if (--iterationsLeft < 0) {
            iterationsLeft = 0;
            throw new TemplateLimitException("The render limit of " + limits.maxLoopIterations()
                    + " loop iterations was exceeded.", tpl, line);
        }
        checkClock(tpl, line);
    }

    public void checkClock(String tpl, int line) {
        if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
            throw new TemplateLimitException("The render deadline of " + limits.deadline().toMillis()
                    + " ms was exceeded.", tpl, line);
        }
    }

    /** Counts n output characters (printed or captured). */
    void output(long n) {
        outputLeft -= n;
        if (outputLeft < 0) {
            outputLeft = 0;
            throw new TemplateLimitException("The render limit of " + limits.maxOutputChars()
                    + " output characters was exceeded.");
        }
    }
}
