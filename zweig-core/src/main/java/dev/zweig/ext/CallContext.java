package dev.zweig.ext;

import dev.zweig.Environment;
import java.time.ZoneId;
import java.util.Map;

/**
 * What a filter, function or test may see of the render that calls it.
 *
 * <h2>Ownership contract</h2>
 * Everything a render hands to user code is immutable or owned by the receiver, and never written again by the
 * engine, on any thread:
 * <ul>
 *   <li>the argument array of a user's filter, function or test is a new array per call: keep it if you like;</li>
 *   <li>results of core filters (a {@code map} or {@code sort} result passed to your function) are new
 *       collections, or immutable values; the engine reuses storage only for results it has proven never reach
 *       user code;</li>
 *   <li>{@code _context}, {@code _parent}, {@code loop} and {@link #variables()} are immutable snapshots taken
 *       when they are read: later writes of the template do not show through;</li>
 *   <li>macro results, captures ({@code set ... endset}, {@code apply}) and {@code include()} results are
 *       immutable strings or markup;</li>
 *   <li>an arrow function ({@link Lambda}) belongs to the render that made it: called during that render, on
 *       that render's thread, it evaluates against that render's variables; called later or from another thread
 *       it raises a {@link dev.zweig.TemplateRuntimeException} and touches nothing;</li>
 *   <li>this CallContext belongs to the render that calls you: used after that render or from another thread,
 *       {@link #variables()}, {@link #call}, {@link #templateName()} and {@link #line()} raise a
 *       {@link dev.zweig.TemplateRuntimeException} (what needs no render, such as {@link #environment()} and
 *       {@link #newList(int)}, keeps working);</li>
 *   <li>the {@link dev.zweig.output.Output} given to a {@link FilterWriter} is lent for the duration of the call
 *       only: it is the engine's, reused by later calls and renders.</li>
 * </ul>
 */
public interface CallContext {
    Environment environment();

    /** The time zone dates are shown in (the Environment's, Twig's default "UTC"). */
    ZoneId timezone();

    /** Calls an arrow function (or a {@link Lambda}) given to a filter, e.g. the {@code p => p.price} of {@code map}. */
    Object call(Object callable, Object... args);

    /**
     * An empty list for a filter's result: always a new list, owned by the caller. (Core filters get render-private
     * storage only through an internal channel, for calls the compiler proved never escape.)
     */
    default java.util.List<Object> newList(int capacity) {
        return new java.util.ArrayList<>(capacity);
    }

    /**
     * An empty PHP array for a filter's result: an ordered map with PHP's key rules (integer-like string keys are
     * integers, so {@code "1"} and {@code 1L} are the same key); same ownership rule as {@link #newList(int)}.
     */
    default Map<Object, Object> newArray() {
        return new dev.zweig.php.PhpArray();
    }

    /** {@link #call(Object, Object...)} with one argument, without an argument array. */
    default Object call(Object callable, Object a) {
        return call(callable, new Object[] {a});
    }

    /** {@link #call(Object, Object...)} with two arguments, without an argument array. */
    default Object call(Object callable, Object a, Object b) {
        return call(callable, new Object[] {a, b});
    }

    /** {@link #call(Object, Object...)} with three arguments, without an argument array. */
    default Object call(Object callable, Object a, Object b, Object c) {
        return call(callable, new Object[] {a, b, c});
    }

    /** The template's variables as an immutable snapshot (Twig's {@code needs_context}): yours to keep. */
    Map<String, Object> variables();

    /** Name of the template being rendered. */
    String templateName();

    /** Line of the call being executed. */
    int line();
}
