package dev.zweig.ext;

/**
 * The body of a filter, function or test. {@code args} holds the bound arguments in declaration order (for a
 * filter, {@code args[0]} is the filtered value), defaults already filled in. For a user's callable the array is
 * a new one per call and the callee may keep it (see the ownership contract in {@link CallContext}); only the
 * core extension's callables, which never keep it, get a reused one.
 */
@FunctionalInterface
public interface Invocable {
    Object invoke(CallContext ctx, Object[] args) throws Exception;
}
