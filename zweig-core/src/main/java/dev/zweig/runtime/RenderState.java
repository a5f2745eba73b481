package dev.zweig.runtime;

import dev.zweig.php.ScratchDate;
import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.Values;
import dev.zweig.semantics.Attributes;
import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.Lambda;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Map;

/**
 * Per-render mutable state: the current output (swapped while capturing), the block table in effect, the budget
 * of limits, the policy, and what a core filter's {@link CallContext} exposes. One render uses it, on one thread.
 *
 * <p>This file is over 800 lines because it is one render's storage: its pools are reset together by
 * {@link #begin}/{@link #end} and read in place on the render path ({@code out}, {@code textTop}, {@code tempTop}
 * by closures and generated code), so pools in objects of their own would cost an indirection per read.
 *
 * <p>It is also the render's private storage: frames, loop states, capture buffers, call-site argument arrays and
 * scratch collections are kept here and reused by the next render that takes this state from its Environment's
 * pool ({@link Engine#acquire}/{@link Engine#release}, no ThreadLocal), so a steady-state render allocates nothing
 * for them. Trade-off: none of it may reach user code (see the ownership contract in CallContext): what leaves
 * is a snapshot, a fresh object, or a guard that refuses once the render ended ({@link #userContext()}, ArrowFn).
 */
public final class RenderState implements CallContext, RenderMemo, ScratchArena {
    /** Buffers grown past this many chars by one render are dropped when it ends, not kept for the next. */
    private static final int KEEP_BUFFER_CHARS = 1 << 16;

    final Engine engine;
    public Output out;
    public Map<String, CompiledTemplate.BlockImpl> blocks;
    /** The thread running the render that holds this state (null while pooled). */
    Thread owner;
    /** Counts renders: a function object made by one render refuses to run in a later one. */
    public long epoch;
    /** The value a lenient autoescape found defined, handed to the escaping filter (see ClosureCompiler#lenient). */
    public Object coalesced;
    /** The security policy in force (global sandbox, sandbox tag, sandboxed include), or null. */
    public dev.zweig.sandbox.SecurityPolicy policy;
    /** What the render may still spend: this state's own, or the enclosing limited render's on this thread. */
    public Budget budget;
    private final Budget ownBudget = new Budget();
    /** The registered render this one is nested in on its thread (see CurrentRender), or null. */
    private RenderState enclosing;
    /** Whether this render is registered as its thread's current sandboxed or limited render. */
    private boolean registered;

    // call context
    public Frame frame;
    public String templateName;
    public int line;

    private StringBuilderOutput[] buffers = new StringBuilderOutput[4];
    /** Per capture buffer, the longest text it held in this render (zeroed when the render ends). */
    private int[] bufferUsed = new int[4];
    private int bufferTop;
    private Frame[] frames = new Frame[8];
    private int frameTop;
    /** How many pooled frames this render used (they are emptied when it ends). */
    private int frameHigh;
    private LoopState[] loops = new LoopState[8];
    private int loopTop;
    private int loopHigh;
    /** What Semantics.childFrame binds a map's pairs to slots with (its own type; null while in use). */
    public Object slotBinder;
    /** Argument arrays per call site (by site id); a null slot means the site's array is in use by an outer call. */
    private Object[][] siteArgs = new Object[32][];

    /** The pool slot the thread that took this state started looking in; the state goes back there first. */
    public int poolHome;

    public RenderState(Engine engine) {
        this.engine = engine;
    }

    /** Sets the render's output, counted against the output limit when one is set. */
    void output(Output o) {
        Output target = o instanceof StringBuilderOutput || o instanceof ScratchText ? o : callerOutput.target(o);
        this.out = budget.limits.hasOutputLimit() ? new LimitedOutput(target, budget) : target;
    }

    /** In front of a caller's own Output: render-private text reaches it as characters, never as the buffer. */
    private final CallerOutput callerOutput = new CallerOutput();

    /** Prepares for a new render into out, on the calling thread. */
    public void begin(Output out) {
        dev.zweig.engine.Settings env = engine.settings();
        dev.zweig.RenderLimits limits = env.limits();
        this.owner = Thread.currentThread();
        this.epoch++;
        this.policy = env.sandboxed() ? env.securityPolicy() : null;
        this.budget = ownBudget;
        this.enclosing = null;
        this.registered = false;
        RenderState outer = CurrentRender.enclosing();
        if (outer != null) {
            this.enclosing = outer;
            if (policy == null) {
                policy = outer.policy; // sandboxing sticks to what a sandboxed render starts
            }
            if (!outer.budget.limits.isUnlimited()) {
                this.budget = outer.budget; // nested in a limited render: its budget, whatever ours says
            }
        }
        if (budget == ownBudget) {
            ownBudget.reset(limits);
        }
        if (policy != null || !limits.isUnlimited() || outer != null) {
            CurrentRender.register(this);
            registered = true;
        }
        this.out = null;
        if (out != null) {
            output(out);
        }
        this.blocks = null;
        this.frameTop = 0;
        this.loopTop = 0;
        this.bufferTop = 0;
        this.frame = null;
        this.coalesced = null;
        this.escaperTop = 0;
        this.textTop = 0;
        this.listTop = 0;
        this.arrayTop = 0;
        this.tempTop = 0;
        this.scratchCall = null;
    }

    /**
     * Puts the rest of a section under a policy (sandbox tag, sandboxed include); the render registers as its
     * thread's current one so that conversions and renders started inside see the policy.
     */
    public void sandbox(dev.zweig.sandbox.SecurityPolicy p) {
        policy = p;
        if (!registered) {
            enclosing = CurrentRender.enclosing();
            CurrentRender.register(this);
            registered = true;
        }
    }

    /**
     * Ends the render: forgets every reference to the render's data (frames, loops, captures, arena collections,
     * the caller's sink) and drops buffers one huge render grew, so nothing of it stays reachable from the pool.
     */
    public void end() {
        if (registered) {
            CurrentRender.unregister(enclosing);
            registered = false;
        }
        enclosing = null;
        budget = ownBudget;
        owner = null;
        epoch++;
        if (append != null) {
            append.target(null);
        }
        if (utf8 != null) {
            utf8.wipe();
            utf8.target(null);
        }
        if (appendable != null) {
            appendable.target(null);
        }
        callerOutput.target(null);
        wipeTexts();
        wipeResult();
        out = null;
        frame = null;
        coalesced = null;
        blocks = null;
        templateName = null;
        for (int i = 0; i < frameHigh; i++) {
            frames[i].clear();
        }
        frameHigh = 0;
        for (int i = 0; i < loopHigh; i++) {
            loops[i].clear();
        }
        loopHigh = 0;
        scratchCall = null;
        if (tookScratch) {
            releaseScratch();
        }
    }

    /** The most chars a buffer of a lean state keeps (see {@link #lean}). */
    private static final int LEAN_BUFFER_CHARS = 4096;
    /** The most elements an arena collection of a lean state keeps. */
    private static final int LEAN_ARENA_ELEMENTS = 64;
    /** The most slots a box cache of a lean state keeps (a new one has 1,024). */
    private static final int LEAN_BOX_SLOTS = 1024;

    /**
     * Drops what an ended render's state holds beyond a small size (text buffers, arena collections, boxed numbers
     * kept for the next render), for a state
     * kept only for bursts of concurrent renders (Engine#giveBack): the pool's memory then stays bounded by the
     * number of states, whatever the pages rendered in a burst.
     */
    public void lean() {
        if (result != null && result.builder().capacity() > LEAN_BUFFER_CHARS) {
            result = null;
        }
        for (int i = 0; i < buffers.length && buffers[i] != null; i++) {
            StringBuilder b = buffers[i].builder();
            if (b == null || b.capacity() > LEAN_BUFFER_CHARS) {
                Arrays.fill(buffers, i, buffers.length, null); // the buffers stay dense (walked up to a null)
                Arrays.fill(bufferUsed, i, bufferUsed.length, 0);
                break;
            }
        }
        for (int i = 0; i < arenaLists.length && arenaLists[i] != null; i++) {
            arenaLists[i].trimToSize(); // empty: its storage goes
        }
        leanArrays(arenaArrays);
        leanArrays(elementArrays);
        leanArrays(temps);
        // boxed numbers a render kept for the next one (up to 384 KB a cache): a lean state starts small again
        longs = lean(longs);
        ints = lean(ints);
        doubles = lean(doubles);
        values = null; // recent Strings (up to 2,048 of 64 chars): made again on first use
        recentArrays = null; // recent kept collections (up to 512 of 32 pairs): the same
        captures = null; // recent captured markups (up to 64 of 1,024 chars)
        capturesHanded = null;
        Arrays.fill(dates, null);
    }

    private static BoxCache lean(BoxCache c) {
        return c == null || c.slots() > LEAN_BOX_SLOTS ? null : c;
    }

    private static void leanArrays(PhpArray[] arrays) {
        for (int i = 0; i < arrays.length && arrays[i] != null; i++) {
            if (arrays[i].capacity() > LEAN_ARENA_ELEMENTS) {
                arrays[i] = new PhpArray().pooled();
            }
        }
    }

    /**
     * Set by whatever takes pooled scratch storage in a render (capture buffers, escaping outputs, arena lists,
     * arrays and dates, argument arrays, cached arrows), so that the many renders that take none skip emptying it.
     */
    private boolean tookScratch;

    /** Whether this render took pooled scratch storage so far: none of its values is render-private otherwise. */
    public boolean tookScratch() {
        return tookScratch;
    }

    /** Empties the pooled scratch storage a render took (the render's data must not stay reachable). */
    private void releaseScratch() {
        tookScratch = false;
        for (int i = 0; i < buffers.length && buffers[i] != null; i++) {
            buffers[i] = wipe(buffers[i], bufferUsed[i]);
            bufferUsed[i] = 0;
        }
        for (int i = 0; i < escapers.length && escapers[i] != null; i++) {
            escapers[i].target = null;
        }
        clearArena();
        if (arrows != null) {
            for (ArrowFn fn : arrows) {
                if (fn != null) {
                    fn.frame = null;
                }
            }
        }
        for (int i = 0; i < argStack.length && argStack[i] != null; i++) {
            Arrays.fill(argStack[i], null);
        }
        argDepth = 0;
    }

    // ---- argument arrays by call depth: a macro call's values, recursion included, without an array per call ----

    private Object[][] argStack = new Object[8][];
    private int argDepth;

    /** An array of at least n slots for the arguments of a call at the next depth; give it back with popArgs. */
    public Object[] pushArgs(int n) {
        tookScratch = true;
        if (argDepth == argStack.length) {
            argStack = Arrays.copyOf(argStack, argDepth * 2);
        }
        Object[] a = argStack[argDepth];
        if (a == null || a.length < n) {
            a = new Object[Math.max(n, 4)];
            argStack[argDepth] = a;
        }
        argDepth++;
        return a;
    }

    /** Gives back the array of the deepest call, its first n slots emptied. */
    public void popArgs(int n) {
        argDepth--;
        Arrays.fill(argStack[argDepth], 0, n, null);
    }

    private final Object[][] memos = new Object[2][];

    @Override
    public Object[] memo(int kind, int size) {
        Object[] m = memos[kind];
        if (m == null || m.length != size) {
            m = memos[kind] = new Object[size];
        }
        return m;
    }

    /** Zeroes the chars a buffer held (a reused StringBuilder keeps them), or drops it when it grew huge. */
    private static StringBuilderOutput wipe(StringBuilderOutput b, int used) {
        StringBuilder sb = b.builder();
        if (sb == null || sb.capacity() > KEEP_BUFFER_CHARS) {
            return null;
        }
        int n = Math.min(Math.max(used, sb.length()), sb.capacity());
        sb.setLength(0);
        // long runs of zeros appended from constant strings (array copies: setLength's fill is a byte loop on Java
        // 17, twice as slow on a 4 KB page), the rest (under 256 chars) by setLength's fill, cheaper than more
        // appends; never past n, so the buffer does not grow
        int left = n;
        for (String z : ZEROS) {
            for (; left >= z.length(); left -= z.length()) {
                sb.append(z);
            }
        }
        sb.setLength(n);
        sb.setLength(0);
        return b;
    }

    /** Runs of '\0' to wipe buffers with: 4096 and 256 chars. */
    private static final String[] ZEROS = {"\0".repeat(4096), "\0".repeat(256)};

    /**
     * Where a render to a String writes: the pooled page buffer, wiped when the render ends. A StringBuilder: it
     * stores Latin-1 text a byte per char, so writing it, copying it into the String and wiping it touch half the
     * bytes a char[] would (a page with a char past Latin-1 turns it to two bytes per char for good, as a char[]).
     */
    private StringBuilderOutput result;
    private StringBuilderOutput append;

    /** The pooled buffer a render to String writes into (empty). */
    /** Forgets the String result's characters (zeroed, or the buffer dropped when one render grew it huge). */
    public void wipeResult() {
        if (result != null && result.builder().length() > 0) {
            result = wipe(result, 0);
        }
    }

    public StringBuilderOutput resultBuffer() {
        if (result == null) {
            result = new StringBuilderOutput(new StringBuilder(1024));
        }
        result.reset();
        return result;
    }

    private dev.zweig.output.Utf8Output utf8;

    /** The pooled UTF-8 byte sink, streaming into out. */
    dev.zweig.output.Utf8Output utf8To(java.io.OutputStream out) {
        if (utf8 == null) {
            utf8 = new dev.zweig.output.Utf8Output(out);
        }
        return utf8.target(out);
    }

    private dev.zweig.output.AppendableOutput appendable;

    /** A pooled sink appending to the caller's Appendable. */
    Output appendableTo(Appendable out) {
        if (appendable == null) {
            appendable = new dev.zweig.output.AppendableOutput(out);
        }
        return appendable.target(out);
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
            f = new Frame(engine, engine.symbols().size());
            frames[frameTop] = f;
        }
        frameTop++;
        if (frameTop > frameHigh) {
            frameHigh = frameTop;
        }
        return f;
    }

    /** A frame reading the context by name, then the globals (the root frame of a render). */
    public Frame pushRoot(Map<String, ?> context) {
        Frame f = nextFrame();
        f.reset(context == null || context.isEmpty() ? null : context);
        return f;
    }

    /** A copy of src (Twig passes contexts by value to blocks and includes). */
    public Frame pushCopy(Frame src) {
        Frame f = nextFrame();
        f.copyFrom(src);
        return f;
    }

    /** A frame with only the globals (macros, include ... only). */
    public Frame pushGlobals() {
        return pushRoot(null);
    }

    public void popFrame() {
        frameTop--;
    }

    // ---- loops ------------------------------------------------------------------------------------------------

    public LoopState pushLoop() {
        if (loopTop == loops.length) {
            loops = Arrays.copyOf(loops, loops.length * 2);
        }
        LoopState l = loops[loopTop];
        if (l == null) {
            l = new LoopState();
            loops[loopTop] = l;
        }
        loopTop++;
        if (loopTop > loopHigh) {
            loopHigh = loopTop;
        }
        l.reset();
        return l;
    }

    public void popLoop() {
        loops[--loopTop].clear();
    }

    // ---- call-site argument arrays ----------------------------------------------------------------------------

    /** The reusable argument array of a call site, or a fresh one when the site is already in use (recursion). */
    public Object[] takeArgs(int site, int size) {
        if (site < 0) {
            return new Object[size]; // the callee's to keep
        }
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

    public void giveArgs(int site, Object[] a) {
        if (site < 0) {
            return;
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = null;
        }
        siteArgs[site] = a;
    }

    // ---- capture -------------------------------------------------------------------------------------------

    /** Starts capturing output; returns the previous output to hand back to {@link #endCapture}. */
    public Output beginCapture() {
        tookScratch = true;
        Output prev = out;
        if (bufferTop == buffers.length) {
            buffers = Arrays.copyOf(buffers, buffers.length * 2);
            bufferUsed = Arrays.copyOf(bufferUsed, buffers.length);
        }
        StringBuilderOutput b = buffers[bufferTop];
        if (b == null) {
            b = new StringBuilderOutput();
            buffers[bufferTop] = b;
        } else {
            b.reset();
        }
        bufferTop++;
        // captured text counts toward the output limit like printed text (a capture is output kept for later)
        out = budget.limits.hasOutputLimit() ? new LimitedOutput(b, budget) : b;
        return prev;
    }

    public String endCapture(Output prev) {
        StringBuilderOutput b = (StringBuilderOutput) (out instanceof LimitedOutput l ? l.target : out);
        String s = b.toString();
        bufferTop--;
        bufferUsed[bufferTop] = Math.max(bufferUsed[bufferTop], s.length());
        out = prev;
        return s;
    }

    /** Captures at most this long are kept as recent markups (see endCaptureMarkup). */
    private static final int CAPTURE_MAX = 1024;

    /**
     * Recent captured markups by hash (two-way, as the recent values): immutable, kept for the next render on this
     * state; dropped by {@link #lean} (at most 64 of 1,024 chars).
     */
    private Markup[] captures;

    /**
     * The epoch in which each cached markup was last handed out: a Markup is an object, and PHP's {@code ===}
     * (same as) tells two captures of equal text apart, so one render never gets the same markup twice.
     */
    private long[] capturesHanded;

    /**
     * Ends a capture kept as a value (a {@code {% set %}} capture a scope may hand on): "" when it wrote nothing (as
     * Twig's capture gives ''), else a Markup of what it wrote: the one of the same text this state made last time
     * when it is still cached (steady state: none made), else a new one. A Markup is immutable: whoever receives it
     * may keep it.
     */
    public Object endCaptureMarkup(Output prev) {
        StringBuilderOutput b = (StringBuilderOutput) (out instanceof LimitedOutput l ? l.target : out);
        StringBuilder sb = b.builder();
        int n = sb.length();
        Object r = n == 0 ? "" : n > CAPTURE_MAX ? new Markup(sb.toString()) : markup(sb, n);
        bufferTop--;
        bufferUsed[bufferTop] = Math.max(bufferUsed[bufferTop], n);
        out = prev;
        return r;
    }

    private Markup markup(StringBuilder t, int n) {
        Markup[] table = captures;
        long[] handed = capturesHanded;
        if (table == null) {
            table = captures = new Markup[64];
            handed = capturesHanded = new long[64];
        }
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = 31 * h + t.charAt(i);
        }
        int slot = ((h ^ (h >>> 16)) << 1) & (table.length - 1);
        Markup k = table[slot];
        long kHanded = handed[slot];
        if (k != null && kHanded != epoch && sameMarkup(k, h, t, n)) {
            handed[slot] = epoch;
            return k;
        }
        Markup other = table[slot + 1];
        if (other != null && handed[slot + 1] != epoch && sameMarkup(other, h, t, n)) {
            table[slot + 1] = k;
            handed[slot + 1] = kHanded;
            table[slot] = other;
            handed[slot] = epoch;
            return other;
        }
        // none, or the one this render already has (another object, as Twig's capture makes a new Markup each time)
        Markup made = new Markup(t.toString());
        table[slot + 1] = k;
        handed[slot + 1] = kHanded;
        table[slot] = made;
        handed[slot] = epoch;
        return made;
    }

    private static boolean sameMarkup(Markup m, int h, StringBuilder t, int n) {
        String s = m.toString();
        return s.hashCode() == h && s.length() == n && same(s, t, 0);
    }

    /**
     * Ends a capture, copying what it wrote into a render-private text (no String is built): the text as safe
     * text (see {@link SafeText}), or "" when the capture wrote nothing (as Twig's capture gives '').
     */
    public Object endCaptureSafe(Output prev, ScratchText into) {
        StringBuilderOutput b = (StringBuilderOutput) (out instanceof LimitedOutput l ? l.target : out);
        StringBuilder sb = b.builder();
        int n = sb.length();
        into.set(sb);
        bufferTop--;
        bufferUsed[bufferTop] = Math.max(bufferUsed[bufferTop], n);
        out = prev;
        return n == 0 ? "" : into.safe();
    }

    /**
     * Ends a capture whose output only the core reads as text (a block() the analysis marked, see ScratchAnalysis):
     * what it wrote copied into into, the buffer taken at texts (kept taken: the reader frees it), as safe text
     * even when empty (as the captured Markup it stands for).
     */
    public SafeText endCaptureText(Output prev, ScratchText into, int texts) {
        endCaptureSafe(prev, into);
        textTop = texts + 1;
        return into.safe();
    }

    /** Ends a capture, telling only whether it wrote nothing (no String is built). */
    public boolean endCaptureEmpty(Output prev) {
        StringBuilderOutput b = (StringBuilderOutput) (out instanceof LimitedOutput l ? l.target : out);
        int n = b.builder().length();
        bufferTop--;
        bufferUsed[bufferTop] = Math.max(bufferUsed[bufferTop], n);
        out = prev;
        return n == 0;
    }

    public void enter(String what, String tpl, int line) {
        budget.enter(what, tpl, line);
    }

    /** Longest range() a loop may count over (the configured limit, at most the hard one). */
    public long rangeLimit() {
        return Math.min(budget.limits.maxRangeLength(), 10_000_000L);
    }

    /** Counts one loop iteration against the limits (and the deadline, when one is set). */
    public void iteration(String tpl, int line) {
        budget.iteration(tpl, line);
    }

    public void leave() {
        budget.leave();
    }

    // ---- CallContext --------------------------------------------------------------------------------------

    @Override
    public Environment environment() {
        return engine.environment();
    }

    @Override
    public ZoneId timezone() {
        return engine.settings().timezone();
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

    // ---- arena: scratch results and temporaries of core filters, reused by the next render on this thread -------

    /** Past this many live scratch results (or temporaries), a call gets fresh collections instead. */
    private static final int ARENA_MAX = 256;
    /** Arena collections that one render grew past this many elements are dropped when it ends. */
    private static final int KEEP_ARENA_ELEMENTS = 4096;
    private java.util.ArrayList<Object>[] arenaLists = newListArray(8);
    private int listTop;
    private PhpArray[] arenaArrays = new PhpArray[8];
    private int arrayTop;
    private PhpArray[] temps = new PhpArray[4];
    /** The listing of a scope's names (Snapshots#names), null while one is under way. */
    private Snapshots.Names names = new Snapshots.Names();

    /** The render's listing of names, given back with {@link #giveNames} (a new one while it is in use). */
    Snapshots.Names takeNames() {
        Snapshots.Names n = names;
        if (n == null) {
            return new Snapshots.Names(); // (a listing under way in a context map's own read)
        }
        names = null;
        return n;
    }

    void giveNames(Snapshots.Names n) {
        names = n;
    }
    public int tempTop;
    /** The list each arena list grew to in this render (ArrayList does not tell its capacity). */
    private int[] listHigh = new int[8];

    @SuppressWarnings("unchecked")
    private static java.util.ArrayList<Object>[] newListArray(int n) {
        return (java.util.ArrayList<Object>[]) new java.util.ArrayList<?>[n];
    }

    /**
     * The argument array of the core call whose result the compiler has proven never reaches user code nor
     * outlives its consumer (see ScratchAnalysis), or null. Permission is bound to that very array: nested calls
     * (an arrow's body calling other filters) have arrays of their own, a user's callable a fresh one.
     */
    public Object[] scratchCall;

    @Override
    public boolean scratch(Object[] args) {
        return args != null && args == scratchCall;
    }

    /** The argument array of the call that may extend its input in place, and the stamp it needs (see below). */
    public Object[] inPlaceCall;
    public long inPlaceStamp;
    /** The stamp of the innermost reduce under way (0: none), and the last one given (never reused). */
    public long carryStamp;
    private long carryStamps;

    /** Whether the call under way in place extends an element of a grouping accumulation (see ScratchArena). */
    public boolean inPlaceElement;

    @Override
    public long inPlaceOwner(Object[] args) {
        return args != null && args == inPlaceCall ? inPlaceStamp : 0;
    }

    @Override
    public boolean inPlaceElement(Object[] args) {
        return args != null && args == inPlaceCall && inPlaceElement;
    }

    /** The arrays of grouping accumulations' elements, valid until the render ends (see ScratchArena). */
    private PhpArray[] elementArrays = new PhpArray[8];
    private int elementTop;

    @Override
    public PhpArray elementArray(int capacity) {
        tookScratch = true;
        if (elementTop >= ARENA_MAX) {
            return new PhpArray(capacity);
        }
        if (elementTop == elementArrays.length) {
            elementArrays = Arrays.copyOf(elementArrays, elementTop * 2);
        }
        PhpArray a = elementArrays[elementTop];
        if (a == null) {
            a = new PhpArray(capacity).pooled();
            elementArrays[elementTop] = a;
        } else {
            a.reset();
        }
        elementTop++;
        return a;
    }

    @Override
    public long enterCarry() {
        long previous = carryStamp;
        carryStamp = --carryStamps; // negative: frames' stamps are positive (Frame#stamp)
        return previous;
    }

    @Override
    public void exitCarry(long previous) {
        carryStamp = previous;
    }

    /** Where the scratch results stand (see {@link #release}). */
    public long arenaMark() {
        return ((long) listTop << 32) | arrayTop;
    }

    /** Gives back every scratch result taken since the mark: their consumer is done with them. */
    public void release(long mark) {
        listTop = (int) (mark >>> 32);
        arrayTop = (int) mark;
    }

    @Override
    public java.util.List<Object> scratchList(int capacity) {
        tookScratch = true;
        if (listTop >= ARENA_MAX) {
            return new java.util.ArrayList<>(capacity);
        }
        if (listTop == arenaLists.length) {
            arenaLists = Arrays.copyOf(arenaLists, listTop * 2);
            listHigh = Arrays.copyOf(listHigh, listTop * 2);
        }
        java.util.ArrayList<Object> l = arenaLists[listTop];
        if (l == null) {
            l = new java.util.ArrayList<>(Math.max(capacity, 8));
            arenaLists[listTop] = l;
        } else {
            listHigh[listTop] = Math.max(listHigh[listTop], l.size());
            l.clear();
            l.ensureCapacity(capacity);
        }
        listHigh[listTop] = Math.max(listHigh[listTop], capacity);
        listTop++;
        return l;
    }

    /** The date of each scratch list slot taken by {@link #scratchDate} (same lifetime as the slot). */
    private ScratchDate[] arenaDates = new ScratchDate[8];

    @Override
    public ScratchDate scratchDate() {
        int slot = listTop;
        if (slot >= ARENA_MAX) {
            return new ScratchDate();
        }
        scratchList(0); // takes the slot: the date is given back with it
        if (slot >= arenaDates.length) {
            arenaDates = Arrays.copyOf(arenaDates, Math.max(slot + 1, arenaDates.length * 2));
        }
        ScratchDate d = arenaDates[slot];
        if (d == null) {
            d = new ScratchDate();
            arenaDates[slot] = d;
        }
        return d;
    }

    @Override
    public PhpArray scratchArray(int capacity) {
        tookScratch = true;
        if (arrayTop >= ARENA_MAX) {
            return new PhpArray(capacity);
        }
        if (arrayTop == arenaArrays.length) {
            arenaArrays = Arrays.copyOf(arenaArrays, arrayTop * 2);
        }
        PhpArray a = arenaArrays[arrayTop];
        if (a == null) {
            a = new PhpArray(capacity).pooled();
            arenaArrays[arrayTop] = a;
        } else {
            a.reset();
        }
        arrayTop++;
        return a;
    }

    @Override
    public PhpArray temp() {
        tookScratch = true;
        if (tempTop >= ARENA_MAX) {
            return new PhpArray();
        }
        if (tempTop == temps.length) {
            temps = Arrays.copyOf(temps, tempTop * 2);
        }
        PhpArray a = temps[tempTop];
        if (a == null) {
            a = new PhpArray().pooled();
            temps[tempTop] = a;
        } else {
            a.reset();
        }
        tempTop++;
        return a;
    }

    /** Empties the arena for the next render, dropping what one render grew huge. */
    private void clearArena() {
        for (int i = 0; i < arenaLists.length && arenaLists[i] != null; i++) {
            java.util.ArrayList<Object> l = arenaLists[i];
            if (Math.max(listHigh[i], l.size()) > KEEP_ARENA_ELEMENTS) {
                arenaLists[i] = new java.util.ArrayList<>(8); // keeps the slots dense
            } else {
                l.clear();
            }
            listHigh[i] = 0;
        }
        clearArrays(arenaArrays);
        clearArrays(elementArrays);
        elementTop = 0;
        for (ScratchDate d : arenaDates) {
            if (d != null) {
                d.clear();
            }
        }
        clearArrays(temps);
        listTop = 0;
        arrayTop = 0;
        tempTop = 0;
        scratchCall = null;
        inPlaceCall = null;
        inPlaceElement = false;
        carryStamp = 0;
    }

    private static void clearArrays(PhpArray[] arrays) {
        for (int i = 0; i < arrays.length && arrays[i] != null; i++) {
            arrays[i] = arrays[i].capacity() > KEEP_ARENA_ELEMENTS ? new PhpArray().pooled() : arrays[i].reset();
        }
    }

    // ---- keys computed at run time (m['k' ~ x]), as Strings ---------------------------------------------------

    /** The decimal digits of v as a String of the key cache (a Java map's String key for a PHP integer key). */
    public String digits(long v) {
        int top = textTop;
        ScratchText t = pushText();
        t.write(v);
        String s = key(t);
        textTop = top;
        return s;
    }

    /** Keys at most this long are cached. */
    private static final int KEY_MAX = 64;
    /** Recent keys by hash (see cached): immutable Strings, kept for the next render on this state. */
    private final String[] keys = new String[128];

    /**
     * A String equal to the text t: the one of the same text this state made last time when it is still cached
     * (steady state: no allocation), else a new one. Strings are immutable: sharing one with any render is safe.
     */
    public String key(CharSequence t) {
        return cached(keys, t, 0, t.length());
    }

    /**
     * Recent values by hash (as keys): immutable Strings, kept for the next render on this state (2048 slots, two
     * ways: a page of a few hundred distinct words, dates and joins, as heldout3's archive, stays in it).
     */
    private String[] values = new String[2048];

    /** The recent values' table (dropped by {@link #lean}: made again on first use). */
    private String[] values() {
        String[] v = values;
        return v != null ? v : (values = new String[2048]);
    }

    @Override
    public String string(CharSequence t) {
        String s = cached(values(), t, 0, t.length());
        if (textTop > 0 && texts[textTop - 1] == t) {
            textTop--; // the buffer the caller took for the String is free again (a loop of sets takes none)
        }
        return s;
    }

    @Override
    public String string(CharSequence t, int from, int to) {
        return cached(values(), t, from, to);
    }

    /** Recent kept collections of core filters (see ScratchArena#kept), made on first use; dropped by lean. */
    private RecentArrays recentArrays;

    @Override
    public Object kept(PhpArray built) {
        RecentArrays r = recentArrays;
        return (r != null ? r : (recentArrays = new RecentArrays())).collection(built);
    }

    /** Recent dates by instant and zone (direct-mapped), kept for the next render on this state. */
    private final java.time.ZonedDateTime[] dates = new java.time.ZonedDateTime[64];

    @Override
    public java.time.ZonedDateTime dateTime(long epochSecond, int micros, java.time.ZoneId zone) {
        int h = Long.hashCode(epochSecond * 31 + micros) * 31 + zone.hashCode();
        int slot = (h ^ (h >>> 16)) & (dates.length - 1);
        java.time.ZonedDateTime t = dates[slot];
        if (t != null && t.toEpochSecond() == epochSecond && t.getNano() == micros * 1000
                && t.getZone().equals(zone)) {
            return t;
        }
        t = java.time.Instant.ofEpochSecond(epochSecond, micros * 1000L).atZone(zone);
        dates[slot] = t;
        return t;
    }

    /**
     * An immutable String equal to t's characters from..to: the one table holds for their hash when equal, else a
     * new one put there.
     */
    private static String cached(String[] table, CharSequence t, int from, int to) {
        int n = to - from;
        if (n > KEY_MAX) {
            return t.subSequence(from, to).toString();
        }
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + t.charAt(i);
        }
        // two-way set-associative: slots 2k and 2k+1 hold one set, the one used last first; a miss drops the other
        int slot = ((h ^ (h >>> 16)) << 1) & (table.length - 1);
        String k = table[slot];
        if (k != null && k.hashCode() == h && k.length() == n && same(k, t, from)) {
            return k;
        }
        String other = table[slot + 1];
        if (other != null && other.hashCode() == h && other.length() == n && same(other, t, from)) {
            table[slot + 1] = k;
            table[slot] = other;
            return other;
        }
        String made = t.subSequence(from, to).toString();
        table[slot + 1] = k;
        table[slot] = made;
        return made;
    }

    private static boolean same(String k, CharSequence t, int from) {
        for (int i = 0, n = k.length(); i < n; i++) {
            if (k.charAt(i) != t.charAt(from + i)) {
                return false;
            }
        }
        return true;
    }

    // ---- argument lists of core variadic calls, per call site (like the argument arrays) --------------------

    private java.util.ArrayList<Object>[] siteLists = newListArray(8);

    /** The reusable extra-arguments list of a call site, or a fresh one when the site is in use (recursion). */
    public java.util.List<Object> takeList(int site, int size) {
        if (site >= siteLists.length) {
            siteLists = Arrays.copyOf(siteLists, Math.max(site + 1, siteLists.length * 2));
        }
        java.util.ArrayList<Object> l = siteLists[site];
        if (l == null) {
            return new java.util.ArrayList<>(size);
        }
        siteLists[site] = null;
        return l;
    }

    /**
     * Ends a core call: gives back the temporaries it borrowed (down to temps), its extra-arguments list (listSite
     * >= 0: the last argument) and its argument array.
     */
    public void endCall(int site, int listSite, Object[] a, int temps) {
        tempTop = temps;
        if (listSite >= 0) {
            giveList(listSite, a[a.length - 1]);
        }
        giveArgs(site, a);
    }

    private void giveList(int site, Object list) {
        if (list instanceof java.util.ArrayList<?> l) {
            l.clear();
            @SuppressWarnings("unchecked")
            java.util.ArrayList<Object> back = (java.util.ArrayList<Object>) l;
            siteLists[site] = back;
        }
    }

    // ---- boxing caches: repeated numbers (loop indexes, prices, sums) box once per thread, not once per use ----

    private BoxCache longs;
    private BoxCache ints;
    private BoxCache doubles;

    @Override
    public Long box(long v) {
        if (v >= -128 && v <= 127) {
            return v;
        }
        BoxCache c = longs;
        if (c == null) {
            c = longs = new BoxCache(1024);
        }
        Object b = c.get(v);
        if (b != null) {
            return (Long) b;
        }
        Long n = v;
        c.put(v, n);
        return n;
    }

    /**
     * v as an Integer, through the render's cache of recent values: the key a Java map with Integer keys is read
     * with (an Integer is immutable, so the map may keep it).
     */
    public Integer boxInt(int v) {
        if (v >= -128 && v <= 127) {
            return v;
        }
        BoxCache c = ints;
        if (c == null) {
            c = ints = new BoxCache(1024);
        }
        Object b = c.get(v);
        if (b != null) {
            return (Integer) b;
        }
        Integer n = v;
        c.put(v, n);
        return n;
    }

    @Override
    public Double box(double v) {
        long bits = Double.doubleToRawLongBits(v);
        BoxCache c = doubles;
        if (c == null) {
            c = doubles = new BoxCache(1024);
        }
        Object b = c.get(bits);
        if (b != null) {
            return (Double) b;
        }
        Double n = v;
        c.put(bits, n);
        return n;
    }

    // ---- render-private text: results of core string filters and concatenations proven never to escape -------

    /**
     * A stack of text buffers (see {@link ScratchText}): a producer takes the next one, the expression consuming
     * it pops back to where it started ({@link #textTop}), so a loop of a thousand iterations reuses the same few.
     */
    private ScratchText[] texts = new ScratchText[8];
    /** The next free buffer; expressions save it and restore it when they are done with what they read. */
    public int textTop;
    /** How many buffers this render used (they are wiped when it ends). */
    private int textHigh;

    /** The next text buffer, empty; it stays taken until {@link #textTop} is set back below it. */
    public ScratchText pushText() {
        if (textTop == texts.length) {
            texts = Arrays.copyOf(texts, texts.length * 2);
        }
        ScratchText t = texts[textTop];
        if (t == null) {
            t = new ScratchText();
            texts[textTop] = t;
        } else {
            t.clear();
        }
        textTop++;
        if (textTop > textHigh) {
            textHigh = textTop;
        }
        return t;
    }

    @Override
    public ScratchText textBuffer() {
        return pushText();
    }

    private void wipeTexts() {
        for (int i = 0; i < textHigh; i++) {
            if (!texts[i].wipe(KEEP_BUFFER_CHARS)) {
                texts[i] = null;
            }
        }
        textHigh = 0;
        textTop = 0;
    }

    // ---- regular expression matchers, one per {@code matches} site with a constant pattern -------------------

    private java.util.regex.Matcher[] matchers;

    /** The site's matcher for p (made on the first use of the site in this render state). */
    public java.util.regex.Matcher matcher(int site, java.util.regex.Pattern p) {
        if (matchers == null || site >= matchers.length) {
            matchers = Arrays.copyOf(matchers == null ? new java.util.regex.Matcher[0] : matchers,
                    Math.max(site + 1, matchers == null ? 16 : matchers.length * 2));
        }
        java.util.regex.Matcher m = matchers[site];
        if (m == null || m.pattern() != p) { // ids wrap: another site may have left its own
            m = p.matcher("");
            matchers[site] = m;
        }
        return m;
    }

    // ---- escaping outputs (a stack: escaping can nest, e.g. |e('js') inside html autoescaping) ----------------

    private EscapingOutput[] escapers = new EscapingOutput[4];
    private int escaperTop;

    public Output pushEscaper(String strategy, Output target) {
        tookScratch = true;
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

    public void popEscaper() {
        escapers[--escaperTop].target = null;
    }

    // ---- arrow functions handed only to core filters: one reusable function object per call site ------------

    /**
     * Function objects of arrow sites, direct-mapped by site id: a fixed number of slots, because a cached arrow
     * holds its compiled body, so a table indexed by every site ever compiled would keep every template compiled
     * since (template_from_string, reloads) alive. Two sites sharing a slot take turns (the caller checks the body).
     */
    private ArrowFn[] arrows; // made on the first cached arrow: a state built for one render rarely needs it
    private static final int ARROW_SLOTS = 256;

    /** The function object cached in an arrow site's slot (maybe another site's: compare the body), or null. */
    public ArrowFn arrowCache(int site) {
        ArrowFn[] a = arrows;
        if (a == null) {
            return null;
        }
        tookScratch = true; // the caller binds the cached function to this render's frame
        return a[site & (ARROW_SLOTS - 1)];
    }

    public void arrowCache(int site, ArrowFn fn) {
        tookScratch = true;
        if (arrows == null) {
            arrows = new ArrowFn[ARROW_SLOTS];
        }
        arrows[site & (ARROW_SLOTS - 1)] = fn;
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
            return Attributes.exposed(l.apply(HandOver.argumentsCopied(args))); // user code: see HandOver
        }
        if (callable instanceof java.util.function.Function<?, ?> fn && args.length >= 1) {
            @SuppressWarnings("unchecked")
            java.util.function.Function<Object, Object> f = (java.util.function.Function<Object, Object>) fn;
            return Attributes.exposed(f.apply(HandOver.value(args[0])));
        }
        throw new TemplateRuntimeException("The callback must be an arrow function, got \""
                + Values.typeName(callable) + "\".", templateName, line);
    }

    @Override
    public Map<String, Object> variables() {
        return frame == null ? Map.of() : Snapshots.context(frame);
    }

    // ---- the CallContext user code gets ----------------------------------------------------------------------

    private UserContext userContext;

    /**
     * The CallContext handed to a user's filter, function or test: this state while its render runs on its
     * thread. One per render (made on its first user call): kept past the render, or used from another thread, it
     * refuses instead of showing whatever render the pooled state serves then.
     */
    public CallContext userContext() {
        UserContext u = userContext;
        if (u == null || u.epoch != epoch) {
            u = userContext = new UserContext(this, epoch);
        }
        return u;
    }

    private static final class UserContext implements CallContext {
        private final RenderState st;
        private final long epoch;

        UserContext(RenderState st, long epoch) {
            this.st = st;
            this.epoch = epoch;
        }

        private RenderState live() {
            RenderState s = st;
            if (s.epoch != epoch || s.owner != Thread.currentThread()) {
                throw new TemplateRuntimeException("A CallContext can only be used during the call it was given "
                        + "to, on that render's thread.");
            }
            return s;
        }

        @Override
        public Environment environment() {
            return st.engine.environment();
        }

        @Override
        public ZoneId timezone() {
            return st.engine.settings().timezone();
        }

        @Override
        public Object call(Object callable, Object... args) {
            return live().call(callable, args);
        }

        @Override
        public Object call(Object callable, Object a) {
            return live().call(callable, a);
        }

        @Override
        public Object call(Object callable, Object a, Object b) {
            return live().call(callable, a, b);
        }

        @Override
        public Object call(Object callable, Object a, Object b, Object c) {
            return live().call(callable, a, b, c);
        }

        @Override
        public Map<String, Object> variables() {
            return (Map<String, Object>) HandOver.value(live().variables()); // a view: see HandOver
        }

        @Override
        public String templateName() {
            return live().templateName();
        }

        @Override
        public int line() {
            return live().line();
        }
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
