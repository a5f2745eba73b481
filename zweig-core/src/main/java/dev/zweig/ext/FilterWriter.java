package dev.zweig.ext;

import dev.zweig.output.Output;

/**
 * The streaming form of a filter: when a filter's result is printed ({@code {{ name|upper }}}), the interpreter
 * calls this instead of {@link Invocable} and the filter writes its result straight into the output, so printing
 * it builds no intermediate String. It must write exactly what printing the Invocable's result would. The output
 * may escape what it is given (autoescaping), so write text through it, never around it. The output is lent for
 * the call only (it may be a pooled escaping sink): do not keep it. Under autoescaping, when the filtered value
 * is safe markup, the interpreter prints the Invocable's result instead, which may be markup again.
 */
@FunctionalInterface
public interface FilterWriter {
    void write(CallContext ctx, Object[] args, Output out) throws Exception;
}
