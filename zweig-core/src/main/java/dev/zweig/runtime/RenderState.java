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
    /** The value a lenient autoescape found defined, handed to the escaping filter (see Compiler#lenient). */
    Object coalesced;
    /** The security policy in force (global sandbox, sandbox tag, sandboxed include), or null. */
    dev.zweig.sandbox.SecurityPolicy policy;
    // render limits (effectively unlimited by default: plain comparisons, no "is there a limit" branch)
    long iterationsLeft;
    int maxDepth;
    long deadline; // System.nanoTime() bound, or Long.MAX_VALUE
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
        this.filler.engine = engine;
        reset(out);
    }

    /** Sets the render's output, counted against the output limit when one is set. */
    void output(Output o) {
        dev.zweig.RenderLimits limits = engine.environment().limits();
        this.out = limits.hasOutputLimit() ? new LimitedOutput(o, limits.maxOutputChars()) : o;
    }

    /** Prepares for a new render into out. */
    void reset(Output out) {
        dev.zweig.Environment env = engine.environment();
        dev.zweig.RenderLimits limits = env.limits();
        this.policy = env.sandboxed() ? env.securityPolicy() : null;
        this.iterationsLeft = limits.maxLoopIterations();
        this.maxDepth = Math.min(MAX_DEPTH, limits.maxDepth());
        this.deadline = limits.deadline() == null ? Long.MAX_VALUE
                : System.nanoTime() + limits.deadline().toNanos();
        this.out = out;
        if (out != null) {
            output(out);
        }
        this.blocks = null;
        this.depth = 0;
        this.frameTop = 0;
        this.loopTop = 0;
        this.bufferTop = 0;
        this.frame = null;
        this.coalesced = null;
        this.escaperTop = 0;
        this.listTop = 0;
        this.arrayTop = 0;
    }

    /** Forgets references to user objects so a pooled state does not keep them alive. */
    void clear() {
        if (append != null) {
            append.target(null);
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
        // drop references to user objects held by the arena (the collections themselves stay for reuse)
        for (int i = 0; i < listTop; i++) {
            arenaLists[i].clear();
        }
        for (int i = 0; i < arrayTop; i++) {
            arenaArrays[i].reset();
        }
    }

    private StringBuilderOutput result;
    private StringBuilderOutput append;

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
            append = new StringBuilderOutput(sb);
        }
        return append.target(sb);
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
        engine.fill(f, context, this);
        return f;
    }

    /** Copies map entries into a frame (a reusable callback for Map.forEach). */
    static final class Filler implements java.util.function.BiConsumer<Object, Object> {
        Frame frame;
        Engine engine;

        @Override
        public void accept(Object k, Object v) {
            if (k != null) { // a raw map may hold a null or non-String key: names are strings
                frame.set(engine.symbols().slot(k instanceof String s ? s : String.valueOf(k)), v);
            }
        }
    }

    final Filler filler = new Filler();
    private String[] contextKeys = new String[0];
    private int[] contextSlots = new int[0];

    /**
     * Copies an immutable context map (whose iteration allocates) into f: its keys and their slots are remembered
     * from the previous render and reused while the keys stay the same; values are read with get().
     */
    void fillFromImmutable(Frame f, Map<String, ?> context) {
        String[] keys = contextKeys;
        boolean same = keys.length == context.size();
        for (int i = 0; same && i < keys.length; i++) {
            same = context.containsKey(keys[i]);
        }
        if (!same) {
            keys = context.keySet().toArray(new String[0]);
            int[] slots = new int[keys.length];
            for (int i = 0; i < keys.length; i++) {
                slots[i] = engine.symbols().slot(keys[i]);
            }
            contextKeys = keys;
            contextSlots = slots;
        }
        int[] slots = contextSlots;
        for (int i = 0; i < keys.length; i++) {
            f.set(slots[i], context.get(keys[i]));
        }
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
        for (int i = 0; i < a.length; i++) {
            a[i] = null;
        }
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
        if (++depth > maxDepth) {
            int max = maxDepth;
            depth = 0;
            throw new TemplateRuntimeException("Maximum nesting level of " + max + " reached (" + what
                    + ").", tpl, line);
        }
        if (deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
            throw deadlineExceeded(tpl, line);
        }
    }

    /** Longest range() a loop may count over (the configured limit, at most the hard one). */
    long rangeLimit() {
        return Math.min(engine.environment().limits().maxRangeLength(), 10_000_000L);
    }

    /** Counts one loop iteration against the limits (and looks at the clock every 1024 of them). */
    void iteration(String tpl, int line) {
        if (--iterationsLeft < 0) {
            throw new TemplateRuntimeException("The render limit of " + engine.environment().limits()
                    .maxLoopIterations() + " loop iterations was exceeded.", tpl, line);
        }
        if ((iterationsLeft & 1023) == 0 && deadline != Long.MAX_VALUE && System.nanoTime() > deadline) {
            throw deadlineExceeded(tpl, line);
        }
    }

    private TemplateRuntimeException deadlineExceeded(String tpl, int line) {
        return new TemplateRuntimeException("The render deadline of " + engine.environment().limits().deadline()
                .toMillis() + " ms was exceeded.", tpl, line);
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
        if (callable instanceof ArrowFn l) {
            return l.apply1(a);
        }
        return call(callable, new Object[] {a});
    }

    @Override
    public Object call(Object callable, Object a, Object b) {
        if (callable instanceof ArrowFn l) {
            return l.apply2(a, b);
        }
        return call(callable, new Object[] {a, b});
    }

    @Override
    public Object call(Object callable, Object a, Object b, Object c) {
        if (callable instanceof ArrowFn l) {
            return l.apply3(a, b, c);
        }
        return call(callable, new Object[] {a, b, c});
    }

    // ---- arena: result collections of filters, reused by the next render on this thread -----------------------

    private static final int ARENA_MAX = 256;
    private java.util.ArrayList<Object>[] arenaLists = newListArray(8);
    private int listTop;
    private PhpArray[] arenaArrays = new PhpArray[8];
    private int arrayTop;

    @SuppressWarnings("unchecked")
    private static java.util.ArrayList<Object>[] newListArray(int n) {
        return (java.util.ArrayList<Object>[]) new java.util.ArrayList<?>[n];
    }

    @Override
    public java.util.List<Object> newList(int capacity) {
        if (listTop >= ARENA_MAX) {
            return new java.util.ArrayList<>(capacity);
        }
        if (listTop == arenaLists.length) {
            arenaLists = Arrays.copyOf(arenaLists, listTop * 2);
        }
        java.util.ArrayList<Object> l = arenaLists[listTop];
        if (l == null) {
            l = new java.util.ArrayList<>(Math.max(capacity, 8));
            arenaLists[listTop] = l;
        } else {
            l.clear();
            l.ensureCapacity(capacity);
        }
        listTop++;
        return l;
    }

    @Override
    public PhpArray newArray() {
        if (arrayTop >= ARENA_MAX) {
            return new PhpArray();
        }
        if (arrayTop == arenaArrays.length) {
            arenaArrays = Arrays.copyOf(arenaArrays, arrayTop * 2);
        }
        PhpArray a = arenaArrays[arrayTop];
        if (a == null) {
            a = new PhpArray();
            arenaArrays[arrayTop] = a;
        } else {
            a.reset();
        }
        arrayTop++;
        return a;
    }

    // ---- boxing caches: repeated numbers (loop indexes, prices, sums) box once per thread, not once per use ----

    // two-way set-associative: slots 2k and 2k+1 hold one set; a miss replaces the older of the two
    private final Long[] longs = new Long[2048];
    private final Double[] doubles = new Double[2048];

    private static int set(long bits) {
        return (int) ((bits * 0x9E3779B97F4A7C15L) >>> 54) << 1; // 1024 sets
    }

    Long box(long v) {
        if (v >= -128 && v <= 127) {
            return v;
        }
        int i = set(v);
        Long c = longs[i];
        if (c != null && c == v) {
            return c;
        }
        Long d = longs[i + 1];
        if (d != null && d == v) {
            return d;
        }
        Long n = v;
        longs[i + 1] = c;
        longs[i] = n;
        return n;
    }

    Double box(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int i = set(bits);
        Double c = doubles[i];
        if (c != null && Double.doubleToRawLongBits(c) == bits) {
            return c;
        }
        Double d = doubles[i + 1];
        if (d != null && Double.doubleToRawLongBits(d) == bits) {
            return d;
        }
        Double n = v;
        doubles[i + 1] = c;
        doubles[i] = n;
        return n;
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
        if (callable instanceof ArrowFn l) {
            return l.apply(args);
        }
        if (policy != null && (callable instanceof Lambda || callable instanceof java.util.function.Function<?, ?>)) {
            // Twig's sandbox takes only closures: a data object's apply() is code no policy lists
            throw new TemplateRuntimeException("The callable must be an arrow function in sandbox mode, got \""
                    + Values.typeName(callable) + "\".", templateName, line);
        }
        if (callable instanceof Lambda l) {
            return Attributes.exposed(l.apply(args));
        }
        if (callable instanceof java.util.function.Function<?, ?> fn && args.length >= 1) {
            @SuppressWarnings("unchecked")
            java.util.function.Function<Object, Object> f = (java.util.function.Function<Object, Object>) fn;
            return Attributes.exposed(f.apply(args[0]));
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
