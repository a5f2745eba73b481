package dev.zweig.runtime;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.Lambda;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Per-render mutable state: the current output (swapped while capturing), the block table in effect, the
 * nesting depth, and what a filter's {@link CallContext} exposes. One per render, used by one thread.
 */
final class RenderState implements CallContext {
    static final int MAX_DEPTH = 200;

    final Engine engine;
    Output out;
    Map<String, CompiledTemplate.BlockImpl> blocks;
    int depth;
    /** The value a {@code ??} found defined, handed to its escaping filter. */
    Object coalesced;
    // call context
    Frame frame;
    String templateName;
    int line;
    private final List<StringBuilderOutput> buffers = new ArrayList<>();
    private int bufferTop;

    RenderState(Engine engine, Output out) {
        this.engine = engine;
        this.out = out;
    }

    /** Starts capturing output; returns the previous output to hand back to {@link #endCapture}. */
    Output beginCapture() {
        Output prev = out;
        StringBuilderOutput b;
        if (bufferTop < buffers.size()) {
            b = buffers.get(bufferTop);
            b.reset();
        } else {
            b = new StringBuilderOutput();
            buffers.add(b);
        }
        bufferTop++;
        out = b;
        return prev;
    }

    String endCapture(Output prev) {
        StringBuilderOutput b = (StringBuilderOutput) out;
        String s = b.toString();
        bufferTop--;
        out = prev;
        return s;
    }

    void enter(String what, String tpl, int line) {
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw new TemplateRuntimeException("Maximum nesting level of " + MAX_DEPTH + " reached (" + what
                    + ").", tpl, line);
        }
    }

    void leave() {
        depth--;
    }

    // ---- CallContext --------------------------------------------------------------------------------------

    @Override
    public Environment environment() {
        return engine.environment();
    }

    @Override
    public ZoneId timezone() {
        return engine.environment().timezone();
    }

    @Override
    public Object call(Object callable, Object... args) {
        if (callable instanceof Lambda l) {
            return l.apply(args);
        }
        if (callable instanceof java.util.function.Function<?, ?> fn && args.length >= 1) {
            @SuppressWarnings("unchecked")
            java.util.function.Function<Object, Object> f = (java.util.function.Function<Object, Object>) fn;
            return f.apply(args[0]);
        }
        throw new TemplateRuntimeException("The callback must be an arrow function, got \""
                + Values.typeName(callable) + "\".", templateName, line);
    }

    @Override
    public Map<String, Object> variables() {
        return frame == null ? Map.of() : new FrameMap(frame, engine);
    }

    @Override
    public String templateName() {
        return templateName;
    }

    @Override
    public int line() {
        return line;
    }
}
