package dev.zweig.ext;

/**
 * The body of a filter, function or test. {@code args} holds the bound arguments in declaration order (for a
 * filter, {@code args[0]} is the filtered value), defaults already filled in. The array belongs to the caller and
 * may be reused after the call returns: do not keep it.
 */
@FunctionalInterface
public interface Invocable {
    Object invoke(CallContext ctx, Object[] args) throws Exception;
}
