package dev.zweig.ext;

import dev.zweig.Environment;
import java.time.ZoneId;
import java.util.Map;

/** What a filter, function or test may see of the render that calls it. */
public interface CallContext {
    Environment environment();

    /** The time zone dates are shown in (the Environment's, Twig's default "UTC"). */
    ZoneId timezone();

    /** Calls an arrow function (or a {@link Lambda}) given to a filter, e.g. the {@code p => p.price} of {@code map}. */
    Object call(Object callable, Object... args);

    /**
     * An empty list for a filter's result. During a render it comes from the render's arena and is reused by the
     * next render on the thread, so a result list must not be kept after the render returns; the default is a
     * plain new list.
     */
    default java.util.List<Object> newList(int capacity) {
        return new java.util.ArrayList<>(capacity);
    }

    /** An empty ordered PHP array for a filter's result; same lifetime rule as {@link #newList(int)}. */
    default dev.zweig.runtime.PhpArray newArray() {
        return new dev.zweig.runtime.PhpArray();
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

    /** The template's variables as a read-only map (Twig's {@code needs_context}). */
    Map<String, Object> variables();

    /** Name of the template being rendered. */
    String templateName();

    /** Line of the call being executed. */
    int line();
}
