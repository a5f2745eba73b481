package dev.zweig.runtime;

import dev.zweig.semantics.Access;
import dev.zweig.sandbox.SecurityPolicy;

/**
 * The sandboxed or limited render running on each thread, so that
 * <ul>
 *   <li>the conversions that run a data object's own code — toString, equals, compareTo, reached from
 *       {@link Values} by concatenation, string filters, comparisons and {@code in} — can ask the policy in force,
 *       although they are called from places that have no render state at hand;</li>
 *   <li>a render started inside it on the same thread (an extension's function rendering a template) inherits
 *       its policy when it has none of its own, as in Twig, and spends from its budget of limits.</li>
 * </ul>
 *
 * <p>Trade-off: only renders with a policy or limits (or nested in one) register, two thread-local writes each;
 * while none runs anywhere in the JVM, every other render and conversion skips the thread-local entirely, so a
 * plain render on a fresh virtual thread creates no thread-local map.
 */
public final class CurrentRender {
    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();
    /** Registered renders running in the JVM. */
    private static final java.util.concurrent.atomic.AtomicInteger RUNNING =
            new java.util.concurrent.atomic.AtomicInteger();

    private CurrentRender() {
    }

    /** The registered render running on this thread, or null. */
    static RenderState enclosing() {
        return RUNNING.get() == 0 ? null : CURRENT.get();
    }

    /** Makes st the thread's registered render; {@link #unregister} hands the thread back to outer. */
    static void register(RenderState st) {
        CURRENT.set(st);
        RUNNING.incrementAndGet();
    }

    static void unregister(RenderState outer) {
        if (outer != null) {
            CURRENT.set(outer);
        } else {
            CURRENT.remove();
        }
        RUNNING.decrementAndGet();
    }

    /** The policy in force on this thread's current render, or null outside a sandbox. */
    static SecurityPolicy policy() {
        RenderState st = enclosing();
        return st == null ? null : st.policy;
    }

    /**
     * Refuses, in a sandbox, a call of the named method of a data object (toString, equals, compareTo) that the
     * policy does not allow. Strings, numbers, booleans, arrays and collections are no such objects.
     */
    public static void checkMethod(Object v, String method) {
        if (Access.isObject(v)) {
            SecurityPolicy p = policy();
            if (p != null) {
                p.checkMethodAllowed(v, method);
            }
        }
    }
}
