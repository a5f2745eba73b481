package dev.zweig.runtime;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.Lambda;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

/**
 * Per-render mutable state: the current output (swapped while capturing), the block table in effect, the nesting
 * depth, and what a filter's {@link CallContext} exposes. One render uses it on one thread.
 *
 * <p>It is also the render's arena: frames, loop states, capture buffers and call-site argument arrays are kept
 * here and reused by the next render on the same thread (see {@link Engine#acquire}), so a steady-state render
 * allocates nothing for them. Trade-off: a frame or loop object must not outlive the render that used it.
 */
final class RenderState implements CallContext {
    static final int MAX_DEPTH = 200;

    final Engine engine;
    Output out;
    Map<String, CompiledTemplate.BlockImpl> blocks;
    int depth;
    boolean busy;
    /** The value a {@code ??} found defined, handed to its escaping filter. */
    Object coalesced;
    // call context
    Frame frame;
    String templateName;
    int line;

    private StringBuilderOutput[] buffers = new StringBuilderOutput[4];
    private int bufferTop;
    private Frame[] frames = new Frame[8];
    private int frameTop;
    private LoopState[] loops = new LoopState[8];
    private int loopTop;
    /** Argument arrays per call site (by site id); a null slot means the site's array is in use by an outer call. */
    private Object[][] siteArgs = new Object[32][];

    RenderState(Engine engine, Output out) {
        this.engine = engine;
        this.out = out;
    }

    /** Prepares for a new render into out. */
    void reset(Output out) {
        this.out = out;
        this.blocks = null;
        this.depth = 0;
        this.frameTop = 0;
        this.loopTop = 0;
        this.bufferTop = 0;
        this.frame = null;
        this.coalesced = null;
        this.escaperTop = 0;
    }

    /** Forgets references to user objects so a pooled state does not keep them alive. */
    void clear() {
        if (append != null) {
            append.sb = null;
        }
        if (result != null && result.builder().capacity() > (1 << 20)) {
            result = null; // do not pin a huge buffer to the thread
        }
        out = null;
        frame = null;
        coalesced = null;
        blocks = null;
        for (int i = 0; i < frames.length && frames[i] != null; i++) {
            frames[i].origin = null;
        }
    }

    private StringBuilderOutput result;
    private AppendOutput append;

    /** The pooled buffer a render to String writes into (reset). */
    StringBuilderOutput resultBuffer() {
        if (result == null) {
            result = new StringBuilderOutput(new StringBuilder(1024));
        }
        result.reset();
        return result;
    }

    /** A pooled sink writing into the caller's StringBuilder. */
    Output appendTo(StringBuilder sb) {
        if (append == null) {
            append = new AppendOutput();
        }
        append.sb = sb;
        return append;
    }

    /** An Output over a StringBuilder that can be re-pointed (pooled per render state). */
    static final class AppendOutput implements Output {
        StringBuilder sb;

        @Override
        public void write(String s) {
            sb.append(s);
        }

        @Override
        public void write(CharSequence s, int start, int end) {
            sb.append(s, start, end);
        }

        @Override
        public void write(char c) {
            sb.append(c);
        }

        @Override
        public void write(long v) {
            sb.append(v);
        }
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    private Frame nextFrame() {
        if (frameTop == frames.length) {
            frames = Arrays.copyOf(frames, frames.length * 2);
        }
        Frame f = frames[frameTop];
        if (f == null) {
            f = new Frame(engine.symbols().size());
            frames[frameTop] = f;
        }
        frameTop++;
        return f;
    }

    /** A frame holding the globals then the context (the root frame of a render). */
    Frame pushRoot(Map<String, ?> context) {
        Frame f = nextFrame();
        engine.fill(f, context);
        return f;
    }

    /** A copy of src (Twig passes contexts by value to blocks and includes). */
    Frame pushCopy(Frame src) {
        Frame f = nextFrame();
        f.copyFrom(src);
        return f;
    }

    /** A frame with only the globals (macros, include ... only). */
    Frame pushGlobals() {
        return pushRoot(null);
    }

    void popFrame() {
        frameTop--;
    }

    // ---- loops ------------------------------------------------------------------------------------------------

    LoopState pushLoop() {
        if (loopTop == loops.length) {
            loops = Arrays.copyOf(loops, loops.length * 2);
        }
        LoopState l = loops[loopTop];
        if (l == null) {
            l = new LoopState();
            loops[loopTop] = l;
        }
        loopTop++;
        l.reset(engine);
        return l;
    }

    void popLoop() {
        loops[--loopTop].parentFrame = null;
    }

    // ---- call-site argument arrays ----------------------------------------------------------------------------

    /** The reusable argument array of a call site, or a fresh one when the site is already in use (recursion). */
    Object[] takeArgs(int site, int size) {
        if (site >= siteArgs.length) {
            siteArgs = Arrays.copyOf(siteArgs, Math.max(site + 1, siteArgs.length * 2));
        }
        Object[] a = siteArgs[site];
        if (a == null || a.length != size) {
            return new Object[size];
        }
        siteArgs[site] = null;
        return a;
    }

    void giveArgs(int site, Object[] a) {
        Arrays.fill(a, null);
        siteArgs[site] = a;
    }

    // ---- capture -------------------------------------------------------------------------------------------

    /** Starts capturing output; returns the previous output to hand back to {@link #endCapture}. */
    Output beginCapture() {
        Output prev = out;
        if (bufferTop == buffers.length) {
            buffers = Arrays.copyOf(buffers, buffers.length * 2);
        }
        StringBuilderOutput b = buffers[bufferTop];
        if (b == null) {
            b = new StringBuilderOutput();
            buffers[bufferTop] = b;
        } else {
            b.reset();
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
    public Object call(Object callable, Object a) {
        if (callable instanceof Lambda l) {
            return l.apply1(a);
        }
        return call(callable, new Object[] {a});
    }

    @Override
    public Object call(Object callable, Object a, Object b) {
        if (callable instanceof Lambda l) {
            return l.apply2(a, b);
        }
        return call(callable, new Object[] {a, b});
    }

    @Override
    public Object call(Object callable, Object a, Object b, Object c) {
        if (callable instanceof Lambda l) {
            return l.apply3(a, b, c);
        }
        return call(callable, new Object[] {a, b, c});
    }

    // ---- boxing caches: repeated numbers (loop indexes, prices, sums) box once per thread, not once per use ----

    private final Long[] longs = new Long[1024];
    private final Double[] doubles = new Double[1024];

    Long box(long v) {
        if (v >= -128 && v <= 127) {
            return v;
        }
        int i = (int) (v ^ (v >>> 32)) & 1023;
        Long c = longs[i];
        if (c != null && c == v) {
            return c;
        }
        c = v;
        longs[i] = c;
        return c;
    }

    Double box(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int i = (int) (bits ^ (bits >>> 29) ^ (bits >>> 47)) & 1023;
        Double c = doubles[i];
        if (c != null && Double.doubleToRawLongBits(c) == bits) {
            return c;
        }
        c = v;
        doubles[i] = c;
        return c;
    }

    /** Boxes a number result of Values arithmetic through the caches (no-op for other values). */
    Object rebox(Object v) {
        return v;
    }

    // ---- escaping outputs (a stack: escaping can nest, e.g. |e('js') inside html autoescaping) ----------------

    private EscapingOutput[] escapers = new EscapingOutput[4];
    private int escaperTop;

    Output pushEscaper(String strategy, Output target) {
        if (escaperTop == escapers.length) {
            escapers = Arrays.copyOf(escapers, escapers.length * 2);
        }
        EscapingOutput e = escapers[escaperTop];
        if (e == null) {
            e = new EscapingOutput();
            escapers[escaperTop] = e;
        }
        escaperTop++;
        e.strategy = strategy;
        e.html = "html".equals(strategy);
        e.target = target;
        return e;
    }

    void popEscaper() {
        escapers[--escaperTop].target = null;
    }

    // ---- arrow functions: one reusable function object per (call site, frame) -------------------------------

    private Object[] arrows = new Object[16];

    Object arrowCache(int site) {
        return site < arrows.length ? arrows[site] : null;
    }

    void arrowCache(int site, Object fn) {
        if (site >= arrows.length) {
            arrows = Arrays.copyOf(arrows, Math.max(site + 1, arrows.length * 2));
        }
        arrows[site] = fn;
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
