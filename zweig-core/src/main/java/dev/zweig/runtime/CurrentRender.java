package dev.zweig.runtime;

import dev.zweig.sandbox.SecurityPolicy;

/**
 * The render running on this thread, so that the conversions that run a data object's own code — toString,
 * equals, compareTo, reached from {@link Values} by concatenation, string filters, comparisons and {@code in} —
 * can ask the policy in force, although they are called from places that have no render state at hand.
 *
 * <p>It also makes sandboxing stick: a render started while a sandboxed render runs on the same thread (a
 * template object rendered by an extension's function, say) inherits the outer render's policy when it has none
 * of its own, as in Twig, where the sandbox is a property of the environment while it is enabled.
 *
 * <p>Trade-off: two thread-local writes per top-level render, and a thread-local read only when a non-scalar
 * object is converted, compared or called; scalars never pay.
 */
final class CurrentRender {
    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

    private CurrentRender() {
    }

    /**
     * Makes st the thread's current render; returns the render it interrupts (to hand back to {@link #exit}), whose
     * policy st inherits when it has none.
     */
    static RenderState enter(RenderState st) {
        RenderState outer = CURRENT.get();
        if (outer != null && outer.policy != null && st.policy == null) {
            st.policy = outer.policy;
        }
        CURRENT.set(st);
        return outer;
    }

    /** Restores the render that {@link #enter} interrupted (null: none). */
    static void exit(RenderState outer) {
        CURRENT.set(outer);
    }

    /** The policy in force on this thread's current render, or null outside a sandbox. */
    static SecurityPolicy policy() {
        RenderState st = CURRENT.get();
        return st == null ? null : st.policy;
    }

    /**
     * Refuses, in a sandbox, a call of the named method of a data object (toString, equals, compareTo) that the
     * policy does not allow. Strings, numbers, booleans, arrays and collections are no such objects.
     */
    static void checkMethod(Object v, String method) {
        if (Access.isObject(v)) {
            SecurityPolicy p = policy();
            if (p != null) {
                p.checkMethodAllowed(v, method);
            }
        }
    }
}
