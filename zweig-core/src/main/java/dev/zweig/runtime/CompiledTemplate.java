package dev.zweig.runtime;

import dev.zweig.engine.Engine;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Module;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled template: its body, blocks and macros as executable trees, and the inheritance logic of Twig's
 * Template class (display with a block table, parent(), traits, renderBlock).
 */
public final class CompiledTemplate implements Template {
    /** A block as defined in one template. */
    public record BlockImpl(String name, Exec body, CompiledTemplate owner) {}

    /**
     * A macro of one template. dateParams[i]: parameter i is read only as a date by the macro (see
     * ScratchAnalysis.Result#dateParams), so a render-private date may be bound to it as it is. paramUse: how its
     * body reads each parameter ({@link #KEPT}, {@link #CONSUMED}, {@link #READ}, found by ScratchAnalysis), then its
     * varargs, which says what of a caller's render-private storage may be bound to it as it is (see
     * Semantics#boundArgument, Semantics#macroInPlace).
     */
    public record MacroImpl(String name, int[] paramSlots, String[] paramNames, Eval[] defaults, int varargsSlot, Exec body,
            CompiledTemplate owner, int line, boolean[] dateParams, byte[] paramUse) {
        /**
         * What parameter i (-1: varargs) gets for an argument: a render-private date only where the macro reads it
         * only as a date, else the immutable date it stands for.
         */
        public Object argument(int i, Object v) {
            return v instanceof dev.zweig.php.ScratchDate d && (i < 0 || !dateParams[i]) ? d.toDateTime() : v;
        }

        /** A parameter the body may keep or hand on: a render-private value becomes the macro's own copy. */
        public static final byte KEPT = 0;
        /**
         * A parameter the body consumes on the spot as a collection, handing its elements on: a render-private
         * collection of plain values is bound as it is (one holding render-private texts or collections is copied).
         */
        public static final byte CONSUMED = 1;
        /**
         * A parameter the body only reads on the spot, its elements as text, in a scope that hands nothing on: a
         * render-private text, or collection of texts and collections, is bound as it is.
         */
        public static final byte READ = 2;
        /**
         * A parameter the body reads only as text on the spot (a string filter, printing, a comparison), in a scope
         * that hands nothing on, but would keep a collection (a filter of strings that returns an array it is
         * given): a render-private text is bound as it is, a render-private collection is copied.
         */
        public static final byte TEXT = 3;
    }

    public final Engine engine;
    public final String name;
    final Module module;
    public Exec body;
    public Eval parent; // null when the template does not extend
    public int parentLine;
    public final Map<String, BlockImpl> ownBlocks = new LinkedHashMap<>();
    public final Map<String, MacroImpl> macros = new HashMap<>();
    public List<CompiledTemplate> embedded = List.of();
    public Exec templateImports; // template-level imports, re-run when a macro starts
    public List<Module.Use> uses = List.of();
    public dev.zweig.pass.UsagePass.Usage usage;
    private volatile dev.zweig.sandbox.SecurityPolicy checkedPolicy;
    private volatile Map<String, BlockImpl> allBlocks; // traits + own
    private volatile Map<String, BlockImpl> traits = Map.of();
    private volatile Object[] mergeCache = new Object[0]; // {incoming, merged} pairs

    /**
     * Names this template reads as text alone and hands nowhere (see ScratchAnalysis): an include's render-private
     * text may be passed to it under one of them; set once by the compiler, before the template is published.
     */
    public java.util.Set<String> textOnlyNames = java.util.Set.of();

    /**
     * The names under which this template, included with the context, may keep or hand on a collection (see
     * ScratchAnalysis), or null for any name: the including frame's render-private collections reach it under
     * the other names (see Frame#ownCollections); set once by the compiler, before the template is published.
     */
    public java.util.Set<String> collectionKeptNames;
    /**
     * With {@link #collectionKeptNames}, the names this template reads at all (null: any): a collection holding
     * render-private ones passes under any other name as it is (see Frame#ownCollections). Set with it.
     */
    public java.util.Set<String> collectionReadNames;
    /**
     * With {@link #collectionKeptNames}, the names this template's body reads only deep and on the spot (loops over
     * them whose variable's elements are only printed or tested: see ScratchAnalysis#deepReadNames): a collection
     * holding render-private ones at any depth passes under such a name as it is (see Frame#ownCollections). Set
     * with it; empty when it is null.
     */
    public java.util.Set<String> collectionDeepReadNames = java.util.Set.of();

    /** This template's render without a render state when it is text and variables only (see FlatTemplate). */
    private FlatRender flat;

    /** Whether renders into an Output take the flat path when nothing else applies (see FlatTemplate). */
    public boolean isFlat() {
        return flat != null;
    }

    /** Set once by the executor's compiler, before the template is published (null: not flat). */
    public void flat(FlatRender f) {
        this.flat = f;
    }

    /**
     * For each of this template's blocks whose body hands its scope to nothing, the names under which it may keep,
     * change or hand on a collection (see ScratchAnalysis.Result#blockKeptNames); a block not listed may keep any.
     * Set once by the compiler, before the template is published.
     */
    public Map<String, java.util.Set<String>> blockKeptNames = Map.of();
    /** For the same blocks, the names they read at all (see ScratchAnalysis.Result#blockReadNames). */
    public Map<String, java.util.Set<String>> blockReadNames = Map.of();

    public CompiledTemplate(Engine engine, String name, Module module) {
        this.engine = engine;
        this.name = name;
        this.module = module;
    }

    @Override
    public String name() {
        return name;
    }

    // ---- public rendering -------------------------------------------------------------------------------

    @Override
    public String render(Map<String, ?> context) {
        FlatRender f = flat;
        if (f != null) {
            String s = renderFlat(f, context);
            if (s != null) {
                return s;
            }
        }
        RenderState st = engine.acquire(null);
        try {
            StringBuilderOutput out = st.resultBuffer();
            st.output(out);
            run(st, context);
            return out.toString();
        } finally {
            engine.release(st);
        }
    }

    @Override
    public void render(Map<String, ?> context, Appendable out) {
        if (out == null) {
            throw nullOutput();
        }
        RenderState st = engine.acquire(null);
        try {
            // streamed into the caller's sink (a StringBuilder directly, any other Appendable slice by slice)
            st.output(out instanceof StringBuilder sb ? st.appendTo(sb) : st.appendableTo(out));
            run(st, context);
        } finally {
            engine.release(st);
        }
    }

    @Override
    public void render(Map<String, ?> context, OutputStream out) {
        if (out == null) {
            throw nullOutput();
        }
        RenderState st = engine.acquire(null);
        try {
            // streamed as UTF-8 bytes, static text copied pre-encoded; what was written before a failure stays
            dev.zweig.output.Utf8Output sink = st.utf8To(out);
            st.output(sink);
            run(st, context);
            sink.flush();
        } finally {
            engine.release(st);
        }
    }

    @Override
    public void render(Map<String, ?> context, Output out) {
        if (out == null) {
            throw nullOutput();
        }
        FlatRender f = flat;
        if (f != null) {
            try {
                if (f.renderFlat(context, out)) {
                    return;
                }
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw failure(e);
            }
        }
        RenderState st = engine.acquire(out);
        try {
            run(st, context);
        } finally {
            engine.release(st);
        }
    }

    /** A flat template's String, in a pooled state's result buffer alone (null: the render takes the full path). */
    private String renderFlat(FlatRender f, Map<String, ?> context) {
        RenderState st = engine.take();
        try {
            StringBuilderOutput out = st.resultBuffer();
            try {
                return f.renderFlat(context, out) ? out.toString() : null;
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw failure(e);
            }
        } finally {
            st.wipeResult();
            engine.giveBack(st);
        }
    }

    private TemplateRuntimeException nullOutput() {
        return new TemplateRuntimeException("The output to render into cannot be null.", name, 0);
    }

    private void run(RenderState st, Map<String, ?> context) {
        try {
            display(st.pushRoot(context), st, null);
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw failure(e);
        }
    }

    /** What escapes rendering, as a TemplateException naming this template. */
    private TemplateException failure(Throwable e) {
        if (e instanceof TemplateException te) {
            return te;
        }
        if (e instanceof OutOfMemoryError) {
            return new dev.zweig.TemplateLimitException("The render ran out of memory.", name, 0);
        }
        if (e instanceof StackOverflowError) {
            return new dev.zweig.TemplateLimitException("Maximum nesting level reached (stack exhausted).", name, 0);
        }
        return new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                + e.getMessage() + "\").", name, 0, 0, e);
    }

    @Override
    public String renderBlock(String blockName, Map<String, ?> context) {
        checkBlockName(blockName);
        RenderState st = engine.acquire(null);
        try {
            StringBuilderOutput out = st.resultBuffer();
            st.output(out);
            try {
                yieldBlock(blockName, st.pushRoot(context), st, null, false, this, 0);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                throw failure(e);
            }
            return out.toString();
        } finally {
            engine.release(st);
        }
    }

    @Override
    public boolean hasBlock(String blockName) {
        checkBlockName(blockName);
        RenderState st = engine.acquire(null);
        try {
            return hasBlock(blockName, st.pushRoot(Map.of()), st, null);
        } catch (RuntimeException | StackOverflowError e) {
            throw failure(e);
        } finally {
            engine.release(st);
        }
    }

    /** A block name given to the public API: a template can name no block with null or an empty name. */
    private void checkBlockName(String blockName) {
        if (blockName == null || blockName.isEmpty()) {
            throw new TemplateRuntimeException("A block name cannot be " + (blockName == null ? "null" : "empty")
                    + ".", name, 0);
        }
    }

    // ---- inheritance ----------------------------------------------------------------------------------------

    /** The names of allBlocks(), read by {@link #blockNameEqualTo} (set once, never changed). */
    private volatile String[] blockNames;

    /** The name of one of this template's blocks (its own or its traits') equal to text, or null. */
    public String blockNameEqualTo(CharSequence text) {
        String[] names = blockNames;
        if (names == null) {
            names = blockNames = allBlocks().keySet().toArray(new String[0]);
        }
        for (String n : names) {
            if (n.contentEquals(text)) {
                return n;
            }
        }
        return null;
    }

    Map<String, BlockImpl> allBlocks() {
        Map<String, BlockImpl> all = allBlocks;
        if (all == null) {
            all = new LinkedHashMap<>();
            for (Module.Use use : uses) {
                String tplName = (String) ((dev.zweig.ast.Expr.Literal) use.template()).value();
                CompiledTemplate trait = engine.loadInternal(tplName, name, use.line());
                if (!trait.isTraitable()) {
                    throw new TemplateRuntimeException("Template \"" + tplName + "\" cannot be used as a trait.",
                            name, use.line());
                }
                Map<String, BlockImpl> traitBlocks = new LinkedHashMap<>(trait.allBlocks());
                for (Map.Entry<String, String> alias : use.aliases().entrySet()) {
                    BlockImpl b = traitBlocks.get(alias.getKey());
                    if (b == null) {
                        throw new TemplateRuntimeException("Block \"" + alias.getKey() + "\" is not defined in trait \""
                                + tplName + "\".", name, use.line());
                    }
                    traitBlocks.put(alias.getValue(), b);
                    traitBlocks.remove(alias.getKey());
                }
                all.putAll(traitBlocks);
            }
            traits = new LinkedHashMap<>(all);
            all.putAll(ownBlocks);
            allBlocks = all;
        }
        return all;
    }

    private Map<String, BlockImpl> traitBlocks() {
        allBlocks();
        return traits;
    }

    boolean isTraitable() {
        if (parent != null || !macros.isEmpty()) {
            return false;
        }
        for (dev.zweig.ast.Stmt s : module.body().stmts()) {
            if (s instanceof dev.zweig.ast.Stmt.Text t && t.text().isBlank()) {
                continue;
            }
            if (s instanceof dev.zweig.ast.Stmt.BlockCall) {
                continue;
            }
            return false;
        }
        return true;
    }

    /**
     * The template this one extends (null: none). Its {@code extends} expression is code of this template, so
     * under a policy the template is checked first, also when only a block or a macro is looked up through it.
     */
    public CompiledTemplate resolveParent(Frame f, RenderState st) {
        if (parent == null) {
            return null;
        }
        if (st.policy != null) {
            checkSecurity(st.policy);
        }
        // a computed name may be render-private text: its String from the render's key cache, its buffer given back
        int top = st.textTop;
        Object p = parent.eval(f, st);
        CompiledTemplate resolved = engine.resolveTemplate(p, st, name, parentLine, false);
        st.textTop = top;
        return resolved;
    }

    /**
     * Checks the tags, filters and functions this template uses against a policy (once per policy). Run before
     * any code of the template runs under a policy: its body ({@link #display}), and each block and macro body
     * ({@link #guarded}), so an imported macro, a {@code use}d block or {@code block('b', 'other.twig')} is checked
     * like an included template, however a sandboxed render reaches it.
     */
    public void checkSecurity(dev.zweig.sandbox.SecurityPolicy policy) {
        if (policy == checkedPolicy) {
            return;
        }
        if (usage == null) {
            // never reached: every compiled template (embedded ones too) gets its usage; fail closed all the same
            throw new TemplateRuntimeException("The template cannot be checked against the security policy.", name,
                    0);
        }
        try {
            policy.checkSecurity(usage.tags().keySet(), usage.filters().keySet(), usage.functions().keySet());
        } catch (dev.zweig.sandbox.TemplateSecurityException e) {
            e.locate(name, usage.lineOf(e));
            throw e;
        }
        checkedPolicy = policy;
    }

    /** What this template and the templates it embeds use (their usage is the enclosing template's). */
    public void usage(dev.zweig.pass.UsagePass.Usage u) {
        usage = u;
        for (CompiledTemplate e : embedded) {
            e.usage = u;
        }
    }

    /** A block or macro body of this template: under a policy, it first checks what this template uses. */
    public Exec guarded(Exec body) {
        return (f, st) -> {
            if (st.policy != null) {
                checkSecurity(st.policy);
            }
            body.exec(f, st);
        };
    }

    /** A macro's default value, evaluated before its body: checked the same way. */
    public Eval guarded(Eval value) {
        return (f, st) -> {
            if (st.policy != null) {
                checkSecurity(st.policy);
            }
            return value.eval(f, st);
        };
    }

    public void display(Frame f, RenderState st, Map<String, BlockImpl> incoming) {
        if (st.policy != null) {
            checkSecurity(st.policy);
        }
        Map<String, BlockImpl> table = merged(allBlocks(), incoming);
        Map<String, BlockImpl> saved = st.blocks;
        st.blocks = table;
        try {
            body.exec(f, st);
            if (parent != null) {
                CompiledTemplate p = resolveParent(f, st);
                // the parent gets this scope: what it may keep of its render-private collections (an including
                // template's, see Frame#ownCollections) is its own, as the parent resolved now says; a render that
                // took no pooled storage has none (every pooled array is handed out by a call that records it)
                if (st.tookScratch()) {
                    f.ownCollections(p);
                }
                p.display(f, st, table);
            }
        } finally {
            st.blocks = saved;
        }
    }

    /**
     * This template's blocks overridden by a child's table. Remembered per child table (a few children of one
     * layout render in turn), copy-on-write so readers on other threads never lock; past MERGES_KEPT children
     * the table is merged per render.
     */
    private Map<String, BlockImpl> merged(Map<String, BlockImpl> mine, Map<String, BlockImpl> incoming) {
        if (incoming == null || incoming.isEmpty()) {
            return mine;
        }
        Object[] c = mergeCache;
        for (int i = 0; i < c.length; i += 2) {
            if (c[i] == incoming) {
                @SuppressWarnings("unchecked")
                Map<String, BlockImpl> m = (Map<String, BlockImpl>) c[i + 1];
                return m;
            }
        }
        Map<String, BlockImpl> m = new HashMap<>(mine);
        m.putAll(incoming);
        if (c.length < MERGES_KEPT * 2) {
            Object[] n = java.util.Arrays.copyOf(c, c.length + 2);
            n[c.length] = incoming;
            n[c.length + 1] = m;
            mergeCache = n;
        }
        return m;
    }

    private static final int MERGES_KEPT = 16;

    /** Twig's yieldBlock: the block from the table (when useBlocks), else this template's, else the parent's. */
    public void yieldBlock(String blockName, Frame f, RenderState st, Map<String, BlockImpl> blocks, boolean useBlocks,
            CompiledTemplate context, int line) {
        BlockImpl b = null;
        if (useBlocks && blocks != null) {
            b = blocks.get(blockName);
        }
        if (b == null) {
            b = allBlocks().get(blockName);
        }
        if (b != null) {
            st.enter("block", name, line); // refused: nothing changed yet
            Map<String, BlockImpl> saved = st.blocks;
            if (blocks != null) {
                st.blocks = blocks;
            } else {
                st.blocks = allBlocks();
            }
            Frame copy = st.pushCopy(f);
            try {
                // what the block may keep of the rendering scope's collections is its own (as an include's)
                copy.ownCollections(b.owner().blockKeptNames.get(b.name()), b.owner().blockReadNames.get(b.name()));
                b.body().exec(copy, st);
            } finally {
                st.popFrame();
                st.leave();
                st.blocks = saved;
            }
            return;
        }
        CompiledTemplate p = resolveParent(f, st);
        if (p != null) {
            p.yieldBlock(blockName, f, st, merged(allBlocks(), blocks), false, context == null ? this : context,
                    line);
            return;
        }
        if (blocks != null && blocks.containsKey(blockName)) {
            BlockImpl child = blocks.get(blockName);
            throw new TemplateRuntimeException("Block \"" + blockName + "\" should not call parent() in \""
                    + child.owner().name + "\" as the block does not exist in the parent template \"" + name
                    + "\".", child.owner().name, line > 0 ? line : -1);
        }
        throw new TemplateRuntimeException("Block \"" + blockName + "\" on template \"" + name
                + "\" does not exist.", (context == null ? this : context).name, line);
    }

    /** Twig's yieldParentBlock, for {@code parent()} in a block defined by this template. */
    public void yieldParentBlock(String blockName, Frame f, RenderState st, int line) {
        Map<String, BlockImpl> traits = traitBlocks();
        BlockImpl t = traits.get(blockName);
        if (t != null) {
            t.owner().yieldBlock(t.name(), f, st, st.blocks, false, this, line);
            return;
        }
        CompiledTemplate p = resolveParent(f, st);
        if (p != null) {
            p.yieldBlock(blockName, f, st, st.blocks, false, this, line);
            return;
        }
        throw new TemplateRuntimeException("The template has no parent and no traits defining the \"" + blockName
                + "\" block.", name, line);
    }

    public boolean hasBlock(String blockName, Frame f, RenderState st, Map<String, BlockImpl> blocks) {
        if (blocks != null && blocks.containsKey(blockName)) {
            return true;
        }
        if (allBlocks().containsKey(blockName)) {
            return true;
        }
        CompiledTemplate p = resolveParent(f, st);
        return p != null && p.hasBlock(blockName, f, st, null);
    }

    /**
     * A macro of this template or, as in Twig (Template::getTemplateForMacro / hasMacro), of the templates it
     * extends, the parent resolved against the calling frame: a dynamic {@code extends} is followed as the caller
     * sees it. Null when no template of the chain defines it; resolving a parent fails as it does when rendering.
     */
    public MacroImpl macro(String macroName, Frame f, RenderState st) {
        MacroImpl m = macros.get(macroName);
        if (m != null || parent == null) {
            return m;
        }
        CompiledTemplate p = resolveParent(f, st);
        return p == null ? null : p.macro(macroName, f, st);
    }

    @Override
    public String toString() {
        return name;
    }
}
