package dev.zweig.interpreter;

import dev.zweig.Markup;
import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.RenderClock;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.ScratchText;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Access;
import dev.zweig.semantics.Attributes;
import dev.zweig.semantics.Operators;
import dev.zweig.semantics.Semantics;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.output.Output;
import dev.zweig.parser.CallArguments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * Compiles a {@link Module}'s typed AST into trees of {@link Exec}/{@link Eval} closures: variables resolved to
 * frame slots, arguments bound to parameters and constant arguments evaluated once, escaping already decided.
 */
public final class ClosureCompiler {
    private final Engine engine;
    private final Module module;
    private final String name;
    private final boolean strict;
    private CompiledTemplate t;
    /** Embedded templates of the whole source, shared by the template and its embeds (indexes are global). */
    private final List<CompiledTemplate> embedded;

    public ClosureCompiler(Engine engine, Module module) {
        this(engine, module, null);
    }

    private ClosureCompiler(Engine engine, Module module, List<CompiledTemplate> embedded) {
        this.engine = engine;
        this.module = module;
        this.name = module.name();
        this.strict = engine.environment().strictVariables();
        this.embedded = embedded;
        dev.zweig.pass.ScratchAnalysis.Result scratch = scratch(engine, module);
        this.scratchCalls = scratch.scratch();
        this.releasePoints = scratch.releasePoints();
        this.scratchTexts = scratch.texts();
        this.textConsumers = scratch.textConsumers();
        this.textOnlyNames = scratch.textOnlyNames();
    }

    /** What ScratchAnalysis proves about a module, with the engine's core callables. */
    public static dev.zweig.pass.ScratchAnalysis.Result scratch(Engine engine, Module module) {
        dev.zweig.parser.Definitions defs = engine.definitions();
        return dev.zweig.pass.ScratchAnalysis.of(module, n -> engine.isCoreFilter(defs.filter(n)),
                n -> engine.isCoreFunction(defs.function(n)), n -> engine.isCore(defs.test(n)));
    }

    /** Filter and function calls whose result collection may live in the render's scratch storage. */
    private final Set<Expr> scratchCalls;
    /** Expressions whose string result may be a render-private {@link ScratchText}. */
    private final Set<Expr> scratchTexts;
    /** Expressions that read a ScratchText on the spot: the buffers taken while they ran are free when they return. */
    private final Set<Object> textConsumers;
    /** Names the module reads as text alone (see ScratchAnalysis.Result). */
    private final Set<String> textOnlyNames;

    /** Nodes after which the scratch storage taken while they ran is dead (see ScratchAnalysis). */
    private final Set<Object> releasePoints;

    /**
     * e, giving back the scratch storage taken while it runs when n is a release point (a conditional gives back
     * only what testing its condition took: see {@link #exprOf}), and the render-private text its operands took
     * when n reads such text on the spot (unless its own result is such text).
     */
    private Eval released(Object n, Eval e) {
        boolean arena = releasesArena(n);
        boolean texts = releasesTexts(n);
        if (!arena && !texts) {
            return e;
        }
        return (f, st) -> {
            long mark = arena ? st.arenaMark() : 0;
            int top = st.textTop;
            try {
                return e.eval(f, st);
            } finally {
                if (arena) {
                    st.release(mark);
                }
                if (texts) {
                    st.textTop = top;
                }
            }
        };
    }

    /** e, giving back the scratch storage (and text) taken while it runs, as {@link #released(Object, Eval)}. */
    private Exec released(Object n, Exec e) {
        if (!releasesArena(n) && !releasesTexts(n)) {
            return e;
        }
        Eval ev = released(n, (Eval) (f, st) -> {
            e.exec(f, st);
            return null;
        });
        return ev::eval;
    }

    private boolean releasesArena(Object n) {
        return releasePoints.contains(n) && !(n instanceof Expr.Conditional);
    }

    private boolean releasesTexts(Object n) {
        return textConsumers.contains(n) && !scratchTexts.contains(n);
    }

    /** Nodes compiled, for a look at the clock of the render this compile happens in (if any). */
    private int clockSteps;

    private void tick() {
        if ((++clockSteps & 1023) == 0) {
            RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
    }

    public CompiledTemplate compile() {
        t = new CompiledTemplate(engine, name, module);
        t.textOnlyNames = textOnlyNames;
        if (embedded == null) {
            List<CompiledTemplate> all = new ArrayList<>();
            for (Module m : module.embedded()) {
                all.add(new ClosureCompiler(engine, m, all).compile());
            }
            t.embedded = all;
        } else {
            t.embedded = embedded;
        }
        t.body = stmt(module.body());
        if (module.parent() != null) {
            t.parent = expr(module.parent());
            t.parentLine = module.parentLine();
        }
        for (Module.BlockDef b : module.blocks().values()) {
            t.ownBlocks.put(b.name(), new CompiledTemplate.BlockImpl(b.name(), t.guarded(stmt(b.body())), t));
        }
        for (Module.MacroDef m : module.macros().values()) {
            int n = m.params().size();
            int[] slots = new int[n];
            Eval[] defaults = new Eval[n];
            for (int i = 0; i < n; i++) {
                slots[i] = slot(m.params().get(i));
                defaults[i] = m.defaults().get(i) == null ? null : t.guarded(expr(m.defaults().get(i)));
            }
            t.macros.put(m.name(), new CompiledTemplate.MacroImpl(m.name(), slots, m.params().toArray(new String[0]),
                    defaults, slot("varargs"), t.guarded(stmt(m.body())), t, m.line()));
        }
        t.templateImports = module.imports().isEmpty() ? null : seq(module.imports());
        t.uses = module.uses();
        return t;
    }

    private int slot(String var) {
        return engine.symbols().slot(var);
    }

    /** Imported macro holders live in hidden, per-template slots (Twig keeps them out of the context). */
    private int importSlot(String alias) {
        return engine.symbols().slot("\0m:" + name + ":" + alias);
    }

    // ---- statements ---------------------------------------------------------------------------------------

    private Exec seq(List<Stmt> stmts) {
        List<Exec> list = new ArrayList<>();
        StringBuilder text = null;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Text tx) {
                if (text == null) {
                    text = new StringBuilder();
                }
                text.append(tx.text());
                continue;
            }
            if (text != null) {
                list.add(text(text.toString()));
                text = null;
            }
            Exec e = stmt(s);
            if (e != null) {
                list.add(e);
            }
        }
        if (text != null) {
            list.add(text(text.toString()));
        }
        if (list.size() == 1) {
            return list.get(0);
        }
        Exec[] arr = list.toArray(new Exec[0]);
        return (f, st) -> {
            for (Exec e : arr) {
                e.exec(f, st);
            }
        };
    }

    private static Exec text(String s) {
        // encoded once, for byte sinks (not when a surrogate pair may be split with a neighbouring value)
        byte[] utf8 = s.isEmpty() || Character.isLowSurrogate(s.charAt(0))
                || Character.isHighSurrogate(s.charAt(s.length() - 1)) ? null
                : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return (f, st) -> st.out.writeText(s, utf8);
    }

    private Exec stmt(Stmt s) {
        if (s == null) {
            return (f, st) -> { };
        }
        tick();
        if (s instanceof Stmt.Body b) {
            return seq(b.stmts());
        }
        if (s instanceof Stmt.Text tx) {
            return text(tx.text());
        }
        if (s instanceof Stmt.Print p) {
            return print(p);
        }
        if (s instanceof Stmt.If i) {
            return ifStmt(i);
        }
        if (s instanceof Stmt.For fo) {
            return forStmt(fo);
        }
        if (s instanceof Stmt.Set set) {
            return setStmt(set);
        }
        if (s instanceof Stmt.Capture c) {
            int slot = slot(c.name());
            Exec body = stmt(c.body());
            return (f, st) -> {
                Output prev = st.beginCapture();
                try {
                    body.exec(f, st);
                } finally {
                    f.set(slot, Semantics.captured(st.endCapture(prev)));
                }
            };
        }
        if (s instanceof Stmt.BlockCall bc) {
            String bn = bc.name();
            int line = bc.line();
            return (f, st) -> t.yieldBlock(bn, f, st, st.blocks, true, t, line);
        }
        if (s instanceof Stmt.Include inc) {
            return released(inc, include(inc));
        }
        if (s instanceof Stmt.Embed em) {
            return released(em, embed(em));
        }
        if (s instanceof Stmt.Import imp) {
            return importStmt(imp);
        }
        if (s instanceof Stmt.Autoescape a) {
            return stmt(a.body());
        }
        if (s instanceof Stmt.With w) {
            return with(w);
        }
        if (s instanceof Stmt.Do d) {
            Eval e = expr(d.expr());
            return (f, st) -> {
                int texts = st.textTop;
                e.eval(f, st);
                st.textTop = texts;
            };
        }
        if (s instanceof Stmt.Flush || s instanceof Stmt.Deprecated) {
            return null;
        }
        if (s instanceof Stmt.Guard g) {
            return stmt(g.exists() ? g.body() : g.otherwise());
        }
        if (s instanceof Stmt.Sandbox sb) {
            Exec body = stmt(sb.body());
            return (f, st) -> {
                dev.zweig.sandbox.SecurityPolicy saved = st.policy;
                st.sandbox(engine.environment().securityPolicy());
                try {
                    body.exec(f, st);
                } finally {
                    st.policy = saved;
                }
            };
        }
        if (s instanceof Stmt.Custom c) {
            // an extension's node: its expressions and bodies as closures, run by the shared rule
            return new dev.zweig.semantics.CustomNodeRunner(engine, c, name).bind(
                    c.expressions().stream().map(this::expr).toArray(Eval[]::new),
                    c.bodies().stream().map(this::stmt).toArray(Exec[]::new))::run;
        }
        throw new TemplateSyntaxException("Unsupported statement " + s.getClass().getSimpleName() + ".", name,
                s.line());
    }

    private Exec print(Stmt.Print p) {
        int line = p.line();
        Exec w = released(p, writer(p.expr(), p.escape(), line, false));
        return (f, st) -> {
            int texts = st.textTop;
            try {
                w.exec(f, st);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            st.textTop = texts; // the render-private text the expression read is free again
        };
    }

    /**
     * Compiles "print this expression" into code that writes straight into the output: macros, blocks and
     * parent() render in place, streaming filters write their result, concatenations write part by part, and
     * only what remains is evaluated to a value first. strategy: the escaping to apply (null: none);
     * inConcat: the value is part of a larger string, so even Markup is escaped (the string loses its safety).
     */
    private Exec writer(Expr ex, String strategy, int line, boolean inConcat) {
        return released(ex, writerOf(ex, strategy, line, inConcat));
    }

    private Exec writerOf(Expr ex, String strategy, int line, boolean inConcat) {
        if (ex instanceof Expr.Parent par && !inConcat) {
            String bn = par.block();
            return (f, st) -> t.yieldParentBlock(bn, f, st, line);
        }
        if (ex instanceof Expr.BlockRef br && !br.defined() && !inConcat) {
            return blockRef(br);
        }
        if (ex instanceof Expr.Literal l) {
            String s = Values.toString(l.value());
            if (strategy != null && inConcat) {
                String escaped = Escapers.escape(strategy, s);
                return (f, st) -> st.out.write(escaped);
            }
            return (f, st) -> st.out.write(s);
        }
        if (ex instanceof Expr.MacroCall mc && mc.nameExpr() == null && !inConcat
                && mc.args().stream().noneMatch(Expr.Arg::spread)) {
            return macroInPlace(mc);
        }
        if (ex instanceof Expr.Function fn && !inConcat
                && (fn.name().equals("include") || fn.name().equals("include_only"))
                && engine.isCoreFunction(engine.definitions().function(fn.name()))) {
            return includeInPlace(fn);
        }
        if (ex instanceof Expr.Concat c) {
            Exec[] parts = c.parts().stream().map(part -> writer(part, strategy, line, true)).toArray(Exec[]::new);
            return (f, st) -> {
                for (Exec part : parts) {
                    part.exec(f, st);
                }
            };
        }
        if (ex instanceof Expr.Binary b && b.op().equals("~")) {
            Exec left = writer(b.left(), strategy, line, true);
            Exec right = writer(b.right(), strategy, line, true);
            return (f, st) -> {
                left.exec(f, st);
                right.exec(f, st);
            };
        }
        if (ex instanceof Expr.Filter fl) {
            FilterDefinition d = engine.definitions().filter(fl.name());
            if (d != null && d.writer() != null && !fl.name().equals("default") && !fl.name().equals("raw")) {
                return filterWriter(fl, d, strategy);
            }
        }
        Eval e = exprOf(ex);
        if (strategy == null) {
            return (f, st) -> Semantics.print(e.eval(f, st), st);
        }
        boolean html = strategy.equals("html");
        return (f, st) -> Semantics.printEscaped(e.eval(f, st), strategy, html, inConcat, st);
    }

    /**
     * A printed filter with a streaming form: arguments into the site's array, the result into the output. Under
     * autoescaping, a filter given safe markup runs its plain form instead, as its result may be markup again
     * (trim keeps it, as Twig's does), printed as is.
     */
    private Exec filterWriter(Expr.Filter fl, FilterDefinition d, String strategy) {
        int line = fl.line();
        Eval in = expr(fl.input());
        Bound bound = bind(d, fl.args(), "filter", line);
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(d), bound.listSite(), false, name, line);
        return (f, st) -> Semantics.filterWrite(site, d, strategy, args(site.site(), size, in, bound, f, st), f, st);
    }

    private Exec ifStmt(Stmt.If i) {
        int n = i.conds().size();
        Eval[] conds = new Eval[n];
        Exec[] bodies = new Exec[n];
        for (int k = 0; k < n; k++) {
            conds[k] = expr(i.conds().get(k));
            bodies[k] = stmt(i.bodies().get(k));
        }
        Exec otherwise = i.otherwise() == null ? null : stmt(i.otherwise());
        int line = i.line();
        // a release point: what testing a condition took in scratch storage is given back once it is tested
        boolean release = releasePoints.contains(i);
        return (f, st) -> {
            for (int k = 0; k < n; k++) {
                boolean c;
                int texts = st.textTop;
                long mark = st.arenaMark();
                try {
                    c = truthy(conds[k].eval(f, st));
                    if (release) {
                        st.release(mark);
                    }
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
                st.textTop = texts;
                if (c) {
                    bodies[k].exec(f, st);
                    return;
                }
            }
            if (otherwise != null) {
                otherwise.exec(f, st);
            }
        };
    }

    private Exec forStmt(Stmt.For fo) {
        Eval seq = expr(fo.seq());
        // for i in a..b / range(a, b): count instead of building the list (integer bounds only)
        Eval[] rangeBounds = null;
        if (fo.seq() instanceof Expr.Function fn && fn.name().equals("range") && fn.args().size() == 2
                && fn.args().stream().allMatch(a -> a.name() == null && !a.spread())
                && engine.isCoreFunction(engine.definitions().function("range"))) {
            rangeBounds = new Eval[] {expr(fn.args().get(0).value()), expr(fn.args().get(1).value())};
        }
        Eval[] bounds = rangeBounds;
        int keySlot = fo.keyVar() == null ? -1 : slot(fo.keyVar());
        int valueSlot = slot(fo.valueVar());
        int loopSlot = slot("loop");
        Exec body = stmt(fo.body());
        Exec otherwise = fo.otherwise() == null ? null : stmt(fo.otherwise());
        Set<String> assigned = new HashSet<>();
        assignedNames(fo.body(), assigned);
        assigned.remove(fo.valueVar());
        if (fo.keyVar() != null) {
            assigned.remove(fo.keyVar());
        }
        assigned.remove("loop");
        int[] created = assigned.stream().mapToInt(this::slot).toArray();
        int line = fo.line();
        LoopBody runLoop = (f, st, parentScope) -> {
            Object s = null;
            long from = 0;
            long to = 0;
            boolean counting = false;
            try {
                if (bounds != null) {
                    Object a = bounds[0].eval(f, st);
                    Object b = bounds[1].eval(f, st);
                    if (a instanceof Long x && b instanceof Long y && Math.abs(y - x) < st.rangeLimit()) {
                        from = x;
                        to = y;
                        counting = true;
                    } else {
                        s = seq.eval(f, st);
                    }
                } else {
                    s = seq.eval(f, st);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            Object savedKey = keySlot >= 0 ? f.get(keySlot) : null;
            Object savedValue = f.get(valueSlot);
            Object savedLoop = f.get(loopSlot);
            // variables the body creates disappear after the loop (Twig restores the context)
            long wasDefined = 0;
            boolean[] wasDefinedMany = created.length > 64 ? new boolean[created.length] : null;
            for (int k = 0; k < created.length; k++) {
                if (f.defined(created[k])) {
                    if (wasDefinedMany != null) {
                        wasDefinedMany[k] = true;
                    } else {
                        wasDefined |= 1L << k;
                    }
                }
            }
            LoopState loop = st.pushLoop();
            loop.parentFrame = parentScope;
            try {
                boolean any = counting ? count(from, to, f, st, loop, keySlot, valueSlot, loopSlot, body, line)
                        : iterate(s, f, st, loop, keySlot, valueSlot, loopSlot, body, line);
                if (!any && otherwise != null) {
                    // Twig sets up `loop` before iterating: the else branch sees this loop, empty, not the outer one
                    loop.length = 0;
                    f.set(loopSlot, loop);
                    otherwise.exec(f, st);
                }
            } finally {
                st.popLoop();
            }
            if (keySlot >= 0) {
                f.set(keySlot, savedKey);
            }
            f.set(valueSlot, savedValue);
            f.set(loopSlot, savedLoop);
            for (int k = 0; k < created.length; k++) {
                boolean was = wasDefinedMany != null ? wasDefinedMany[k] : (wasDefined & (1L << k)) != 0;
                if (!was) {
                    f.set(created[k], Frame.UNDEFINED);
                }
            }
        };
        int parentSlot = slot("_parent");
        return released(fo, (Exec) (f, st) -> {
            // Twig's _parent: the scope as it was when the loop started (a pooled copy; exported only when read)
            Object savedParent = f.get(parentSlot);
            Frame parentScope = st.pushCopy(f);
            try {
                f.set(parentSlot, parentScope);
                runLoop.run(f, st, parentScope);
            } finally {
                f.set(parentSlot, savedParent);
                st.popFrame();
            }
        });
    }

    /** A for loop's work between taking and giving back the copy of its enclosing scope. */
    private interface LoopBody {
        void run(Frame f, RenderState st, Frame parentScope);
    }

    /** A loop over range(from, to) of integers, step 1 either way, without the list. */
    private boolean count(long from, long to, Frame f, RenderState st, LoopState loop, int keySlot, int valueSlot,
            int loopSlot, Exec body, int line) {
        long step = to >= from ? 1 : -1;
        long n = Math.abs(to - from) + 1;
        loop.length = n;
        f.set(loopSlot, loop);
        long v = from;
        for (long i = 0; i < n; i++, v += step) {
            if (keySlot >= 0) {
                f.set(keySlot, st.box(i));
            }
            f.set(valueSlot, st.box(v));
            st.iteration(name, line);
            body.exec(f, st);
            loop.index0++;
        }
        return true;
    }

    private boolean iterate(Object s, Frame f, RenderState st, LoopState loop, int keySlot, int valueSlot,
            int loopSlot, Exec body, int line) {
        s = Attributes.unwrap(s);
        if (s instanceof PhpArray arr) {
            int n = arr.size();
            if (n == 0) {
                return false;
            }
            loop.length = n;
            f.set(loopSlot, loop);
            for (int i = 0; i < n && i < arr.size(); i++) {
                if (keySlot >= 0) {
                    f.set(keySlot, arr.keyAt(i));
                }
                f.set(valueSlot, arr.valueAt(i));
                st.iteration(name, line);
                body.exec(f, st);
                loop.index0++;
            }
            return true;
        }
        if (s instanceof Map<?, ?> m && !m.isEmpty()) {
            // PHP iterates a copy of the array: its pairs (keys as they are) in a temporary, walked by position
            int temps = st.tempTop;
            try {
                return iterate(st.temp().addEntries(m), f, st, loop, keySlot, valueSlot, loopSlot, body, line);
            } finally {
                st.tempTop = temps;
            }
        }
        if (s instanceof Map<?, ?>) {
            return false; // empty
        }
        if (s instanceof List<?> l && l instanceof RandomAccess) {
            int n = l.size();
            if (n == 0) {
                return false;
            }
            loop.length = n;
            f.set(loopSlot, loop);
            for (int i = 0; i < n && i < l.size(); i++) {
                if (keySlot >= 0) {
                    f.set(keySlot, (long) i);
                }
                f.set(valueSlot, l.get(i));
                st.iteration(name, line);
                body.exec(f, st);
                loop.index0++;
            }
            return true;
        }
        if (s instanceof Iterable<?> || s instanceof Object[] || (s != null && s.getClass().isArray())) {
            List<Object> l = Values.toList(s);
            return iterate(l, f, st, loop, keySlot, valueSlot, loopSlot, body, line);
        }
        if (s instanceof Iterator<?> it) {
            List<Object> l = new ArrayList<>();
            it.forEachRemaining(l::add);
            return iterate(l, f, st, loop, keySlot, valueSlot, loopSlot, body, line);
        }
        return false;
    }

    /** Names a body assigns (set, capture, nested loops, imports, assignment expressions). */
    public static void assignedNames(Stmt s, Set<String> out) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Body b) {
            b.stmts().forEach(c -> assignedNames(c, out));
        } else if (s instanceof Stmt.Set set) {
            out.addAll(set.names());
        } else if (s instanceof Stmt.Capture c) {
            out.add(c.name());
            assignedNames(c.body(), out);
        } else if (s instanceof Stmt.For fo) {
            if (fo.keyVar() != null) {
                out.add(fo.keyVar());
            }
            out.add(fo.valueVar());
            assignedNames(fo.body(), out);
            assignedNames(fo.otherwise(), out);
        } else if (s instanceof Stmt.If i) {
            i.bodies().forEach(c -> assignedNames(c, out));
            assignedNames(i.otherwise(), out);
        } else if (s instanceof Stmt.Guard g) {
            assignedNames(g.body(), out);
            assignedNames(g.otherwise(), out);
        } else if (s instanceof Stmt.Autoescape a) {
            assignedNames(a.body(), out);
        } else if (s instanceof Stmt.Do d) {
            assignedTargets(d.expr(), out);
        } else if (s instanceof Stmt.Print p) {
            assignedTargets(p.expr(), out);
        } else if (s instanceof Stmt.Custom c) {
            out.addAll(c.variables()); // an extension's node may set what it declared
            c.bodies().forEach(b -> assignedNames(b, out));
        }
    }

    private static void assignedTargets(Expr e, Set<String> out) {
        if (e instanceof Expr.Assign a) {
            patternNames(a.target(), out);
            assignedTargets(a.value(), out);
        }
    }

    private static void patternNames(Expr target, Set<String> out) {
        if (target instanceof Expr.Name n) {
            out.add(n.name());
        } else if (target instanceof Expr.Sequence s) {
            s.items().forEach(i -> patternNames(i.value(), out));
        } else if (target instanceof Expr.Mapping m) {
            m.pairs().forEach(p -> patternNames(p.value(), out));
        }
    }

    private Exec setStmt(Stmt.Set set) {
        int n = set.names().size();
        int[] slots = new int[n];
        Eval[] values = new Eval[n];
        for (int i = 0; i < n; i++) {
            slots[i] = slot(set.names().get(i));
            values[i] = expr(set.values().get(i));
        }
        int line = set.line();
        boolean[] text = new boolean[n];
        boolean anyText = false;
        for (int i = 0; i < n; i++) {
            text[i] = scratchTexts.contains(set.values().get(i));
            anyText |= text[i];
        }
        if (anyText) {
            // text kept in a variable only the core reads: copied into the scope's own buffer for that variable
            return (f, st) -> {
                int texts = st.textTop;
                Object[] vals = n == 1 ? null : new Object[n];
                Object v0 = null;
                try {
                    for (int i = 0; i < n; i++) {
                        Object v = values[i].eval(f, st);
                        if (n == 1) {
                            v0 = v;
                        } else {
                            vals[i] = v;
                        }
                    }
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
                for (int i = 0; i < n; i++) {
                    Object v = n == 1 ? v0 : vals[i];
                    f.set(slots[i], text[i] ? Semantics.keepText(v, f, slots[i]) : v);
                }
                st.textTop = texts;
            };
        }
        if (n == 1) {
            int s0 = slots[0];
            Eval v0 = values[0];
            return (f, st) -> {
                try {
                    f.set(s0, v0.eval(f, st));
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
            };
        }
        return (f, st) -> {
            Object[] vals = new Object[n];
            try {
                for (int i = 0; i < n; i++) {
                    vals[i] = values[i].eval(f, st);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            for (int i = 0; i < n; i++) {
                f.set(slots[i], vals[i]);
            }
        };
    }

    private Exec include(Stmt.Include inc) {
        Eval tpl = expr(inc.template());
        Eval vars = inc.variables() == null ? null : expr(inc.variables());
        boolean only = inc.only();
        boolean ignore = inc.ignoreMissing();
        int line = inc.line();
        return (f, st) -> {
            CompiledTemplate target;
            Frame child;
            try {
                target = engine.resolveTemplate(tpl.eval(f, st), name, line, ignore);
                if (target == null) {
                    return;
                }
                child = Semantics.childFrame(t, f, st, vars == null ? null : Semantics.ownTexts(vars.eval(f, st), target),
                        only, "include\" function or tag", line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                Semantics.renderIncluded(t, target, child, st, line);
            } finally {
                st.popFrame();
            }
        };
    }

    private Exec embed(Stmt.Embed em) {
        Eval vars = em.variables() == null ? null : expr(em.variables());
        boolean only = em.only();
        int line = em.line();
        int index = em.index();
        boolean ignoreMissing = em.ignoreMissing();
        return (f, st) -> {
            Frame child;
            try {
                child = Semantics.childFrame(t, f, st, vars == null ? null : vars.eval(f, st), only, "embed\" tag", line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                Semantics.embed(t, index, child, st, ignoreMissing, line);
            } finally {
                st.popFrame();
            }
        };
    }

    private Exec importStmt(Stmt.Import imp) {
        int slot = importSlot(imp.alias());
        int line = imp.line();
        if (imp.template() instanceof Expr.Name n && n.name().equals("_self")) {
            return (f, st) -> f.set(slot, t);
        }
        Eval tpl = expr(imp.template());
        return (f, st) -> {
            try {
                f.set(slot, engine.resolveTemplate(tpl.eval(f, st), name, line, false));
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
        };
    }

    private Exec with(Stmt.With w) {
        Eval vars = w.variables() == null ? null : expr(w.variables());
        Exec body = stmt(w.body());
        boolean only = w.only();
        int line = w.line();
        return (f, st) -> {
            Frame child;
            try {
                child = Semantics.withFrame(t, f, st, vars == null ? null : vars.eval(f, st), only, line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                body.exec(child, st);
            } finally {
                st.popFrame();
            }
        };
    }

    private Exec blockRef(Expr.BlockRef br) {
        Eval nameE = expr(br.name());
        Eval tplE = br.template() == null ? null : expr(br.template());
        int line = br.line();
        return (f, st) -> {
            String bn;
            CompiledTemplate target = null;
            try {
                bn = Values.toString(nameE.eval(f, st));
                if (tplE != null) {
                    target = engine.resolveTemplate(tplE.eval(f, st), name, line, false);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            Semantics.blockRef(t, bn, target, f, st, line);
        };
    }

    // ---- expressions --------------------------------------------------------------------------------------

    Eval expr(Expr e) {
        tick();
        return released(e, exprOf(e));
    }

    private Eval exprOf(Expr e) {
        if (e instanceof Expr.Literal l) {
            Object v = l.value();
            return (f, st) -> v;
        }
        if (e instanceof Expr.Name n) {
            return name(n, false);
        }
        if (e instanceof Expr.GetAttr g) {
            return getAttr(g, false, true);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        if (e instanceof Expr.Unary u) {
            Eval o = expr(u.operand());
            return switch (u.op()) {
                case "not" -> (f, st) -> !Values.isTrue(o.eval(f, st));
                case "-" -> (f, st) -> Semantics.negate(o.eval(f, st), st);
                default -> (f, st) -> Values.toNumber(o.eval(f, st));
            };
        }
        if (e instanceof Expr.Concat c) {
            if (c.parts().size() == 1 && c.parts().get(0) instanceof Expr.Literal l) {
                String s = Values.toString(l.value());
                return (f, st) -> s;
            }
            Eval[] parts = c.parts().stream().map(this::expr).toArray(Eval[]::new);
            if (scratchTexts.contains(c)) {
                return textConcat(parts);
            }
            return (f, st) -> {
                StringBuilder sb = new StringBuilder();
                for (Eval p : parts) {
                    Semantics.append(sb, p.eval(f, st));
                }
                return sb.toString();
            };
        }
        if (e instanceof Expr.Conditional c) {
            Eval cond = expr(c.cond());
            Eval other = expr(c.otherwise());
            if (c.then() == null) {
                return (f, st) -> {
                    Object v = cond.eval(f, st);
                    return Values.isTrue(v) ? v : other.eval(f, st);
                };
            }
            Eval then = expr(c.then());
            if (releasePoints.contains(c)) {
                return (f, st) -> {
                    long mark = st.arenaMark();
                    boolean yes = truthy(cond.eval(f, st));
                    st.release(mark);
                    return yes ? then.eval(f, st) : other.eval(f, st);
                };
            }
            return (f, st) -> truthy(cond.eval(f, st)) ? then.eval(f, st) : other.eval(f, st);
        }
        if (e instanceof Expr.NullCoalesce n) {
            Eval left = lenient(n.left());
            Eval right = expr(n.right());
            return (f, st) -> {
                Object v = left.eval(f, st);
                return v == null || v == Frame.UNDEFINED ? right.eval(f, st) : v;
            };
        }
        if (e instanceof Expr.Sequence s) {
            return sequence(s);
        }
        if (e instanceof Expr.Mapping m) {
            return mapping(m);
        }
        if (e instanceof Expr.Filter fl) {
            return filter(fl);
        }
        if (e instanceof Expr.Function fn) {
            return function(fn);
        }
        if (e instanceof Expr.Test ts) {
            return test(ts);
        }
        if (e instanceof Expr.Defined d) {
            return defined(d);
        }
        if (e instanceof Expr.MacroCall mc) {
            return macroCall(mc);
        }
        if (e instanceof Expr.Arrow a) {
            return arrow(a);
        }
        if (e instanceof Expr.Assign a) {
            return assign(a);
        }
        if (e instanceof Expr.Parent p) {
            String bn = p.block();
            int line = p.line();
            return (f, st) -> {
                Output prev = st.beginCapture();
                String r;
                try {
                    t.yieldParentBlock(bn, f, st, line);
                } finally {
                    r = st.endCapture(prev);
                }
                return new Markup(r);
            };
        }
        if (e instanceof Expr.BlockRef br) {
            if (br.defined()) {
                Eval nameE = expr(br.name());
                Eval tplE = br.template() == null ? null : expr(br.template());
                int line = br.line();
                return (f, st) -> {
                    String bn = Values.toString(nameE.eval(f, st));
                    // as Twig's loadTemplate(): a template that does not exist is an error, not "undefined"
                    CompiledTemplate target = tplE == null ? null
                            : engine.resolveTemplate(tplE.eval(f, st), name, line, false);
                    return Semantics.blockDefined(t, bn, target, f, st);
                };
            }
            Exec direct = blockRef(br);
            return (f, st) -> {
                Output prev = st.beginCapture();
                String r;
                try {
                    direct.exec(f, st);
                } finally {
                    r = st.endCapture(prev);
                }
                return new Markup(r);
            };
        }
        throw new TemplateSyntaxException("Unsupported expression " + e.getClass().getSimpleName() + ".", name,
                e.line());
    }

    private Eval name(Expr.Name n, boolean lenient) {
        String var = n.name();
        int line = n.line();
        switch (var) {
            case "_self":
                return (f, st) -> name;
            case "_context":
                return (f, st) -> Snapshots.context(f);
            case "_charset":
                return (f, st) -> "UTF-8";
            default:
                break;
        }
        int slot = slot(var);
        if (var.equals("loop") || var.equals("_parent")) {
            // the only names whose slots hold engine-private objects: what leaves through them is a snapshot
            Eval raw = name(slot, var, line, lenient);
            return (f, st) -> Snapshots.export(raw.eval(f, st));
        }
        return name(slot, var, line, lenient);
    }

    private Eval name(int slot, String var, int line, boolean lenient) {
        if (lenient) {
            return (f, st) -> f.get(slot);
        }
        if (strict) {
            return (f, st) -> {
                Object v = f.get(slot);
                if (v == Frame.UNDEFINED) {
                    throw new TemplateRuntimeException("Variable \"" + var + "\" does not exist.", name, line);
                }
                return v;
            };
        }
        return (f, st) -> {
            Object v = f.get(slot);
            return v == Frame.UNDEFINED ? null : v;
        };
    }

    /** Evaluates without raising for undefined variables/attributes: returns Frame.UNDEFINED instead. */
    private Eval lenient(Expr e) {
        if (e instanceof Expr.Name n) {
            return name(n, true);
        }
        if (e instanceof Expr.GetAttr g) {
            return getAttr(g, true, true);
        }
        if (e instanceof Expr.Filter fl && isAutoescape(fl)) {
            // the escaping the escaper pass put around a variable ({{ x ?? y }}) keeps it lenient: an undefined or
            // null value passes through unescaped (for ?? to see), anything else is escaped
            Eval raw = lenient(fl.input());
            Eval escaped = filterWithInput(fl, (f, st) -> st.coalesced);
            return (f, st) -> {
                Object v = raw.eval(f, st);
                if (v == null || v == Frame.UNDEFINED) {
                    return v;
                }
                st.coalesced = v;
                return escaped.eval(f, st);
            };
        }
        if (e instanceof Expr.BlockRef br && !br.defined()) {
            // as Twig's NullCoalesceExpression: `block(name) ?? x` is `block(name) is defined ? block(name) : x`
            Eval exists = expr(new Expr.BlockRef(br.name(), br.template(), true, br.line()));
            Eval rendered = expr(br);
            return (f, st) -> Values.isTrue(exists.eval(f, st)) ? rendered.eval(f, st) : Frame.UNDEFINED;
        }
        return expr(e);
    }

    /** Whether a filter is the escaping the escaper pass inserted (escape with autoescape = true). */
    public static boolean isAutoescape(Expr.Filter fl) {
        return fl.name().equals("escape") && fl.args().size() == 3
                && fl.args().get(2).value() instanceof Expr.Literal auto && Boolean.TRUE.equals(auto.value());
    }

    public static final Object NULL_SAFE_STOP = new Object();

    private Eval getAttr(Expr.GetAttr g, boolean lenient, boolean root) {
        // loop.index, loop.last...: read the loop state by code, no lookup
        if (!lenient && g.object() instanceof Expr.Name n && n.name().equals("loop") && g.args() == null
                && g.attribute() instanceof Expr.Literal l && l.value() instanceof String attr
                && LoopState.code(attr) >= 0) {
            int code = LoopState.code(attr);
            int loopSlot = slot("loop");
            Eval generic = getAttr(g, lenient, root, true);
            if (code == LoopState.PARENT && !root) {
                // loop.parent.x: read x in the loop's copy of the scope, no snapshot in between
                return (f, st) -> f.get(loopSlot) instanceof LoopState ls && ls.parentFrame != null ? ls.parentFrame
                        : generic.eval(f, st);
            }
            return (f, st) -> f.get(loopSlot) instanceof LoopState ls ? ls.get(code, st) : generic.eval(f, st);
        }
        return getAttr(g, lenient, root, true);
    }

    private Eval getAttr(Expr.GetAttr g, boolean lenient, boolean root, boolean plain) {
        Eval obj = g.object() instanceof Expr.GetAttr inner ? getAttr(inner, lenient, false)
                : g.object() instanceof Expr.Name n && n.name().equals("_parent")
                        ? name(slot("_parent"), "_parent", n.line(), lenient) // _parent.x: read in place, below
                : lenient ? lenient(g.object()) : expr(g.object());
        Eval attrE = expr(g.attribute());
        Object constAttr = g.attribute() instanceof Expr.Literal l ? l.value() : null;
        Expr.AccessType type = g.type();
        boolean nullSafe = g.nullSafe();
        int line = g.line();
        ArgList args = g.args() == null ? null : argList(g.args());
        boolean strictMode = strict;
        Access.Site site = new Access.Site();
        boolean scopeCopy = readsScopeCopy(g);
        Eval ev = (f, st) -> {
            Object o = obj.eval(f, st);
            if (o == NULL_SAFE_STOP) {
                return o;
            }
            if (o == Frame.UNDEFINED) {
                return Frame.UNDEFINED;
            }
            if (nullSafe && o == null) {
                return NULL_SAFE_STOP;
            }
            Object attr = constAttr != null ? constAttr : attrE.eval(f, st);
            Object[] a = args == null ? null : args.positional(f, st);
            if (scopeCopy && o instanceof Frame scope) {
                // a loop's copy of its enclosing scope (_parent, loop.parent): a variable read in place; anything
                // else on it (a missing key's error, a method) on its snapshot
                Object v = attr instanceof String an && a == null ? Snapshots.read(scope, an) : Frame.UNDEFINED;
                if (v != Frame.UNDEFINED) {
                    return v;
                }
                o = Snapshots.export(scope);
            }
            return Access.get(o, attr, a, type, lenient, strictMode, name, line, st, site);
        };
        if (!root) {
            return ev;
        }
        if (scopeCopy) {
            return (f, st) -> {
                Object v = ev.eval(f, st);
                if (v == NULL_SAFE_STOP) {
                    return null;
                }
                // an engine-private value read through a chain (loop.parent.loop) leaves as a snapshot
                return v instanceof LoopState || v instanceof Frame ? Snapshots.export(v) : v;
            };
        }
        return (f, st) -> {
            Object v = ev.eval(f, st);
            return v == NULL_SAFE_STOP ? null : v;
        };
    }

    /**
     * Whether a chain starts at {@code loop} or {@code _parent}, the only names whose chains can read a variable in
     * a loop's pooled copy of its scope (and so return an engine-private value).
     */
    private static boolean readsScopeCopy(Expr.GetAttr g) {
        Expr base = g;
        while (base instanceof Expr.GetAttr inner) {
            base = inner.object();
        }
        return base instanceof Expr.Name n && (n.name().equals("loop") || n.name().equals("_parent"));
    }

    /** PHP truthiness with the boolean case (comparisons, tests) first. */
    public static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : Values.isTrue(v);
    }

    private Eval binary(Expr.Binary b) {
        if ((b.op().equals("has some") || b.op().equals("has every")) && b.right() instanceof Expr.Arrow arrow) {
            privateArrows.add(arrow); // called by the operator, never kept
        }
        if (b.op().equals("~") && scratchTexts.contains(b)) {
            return textConcat(new Eval[] {expr(b.left()), expr(b.right())});
        }
        return Operators.binary(b, expr(b.left()), expr(b.right()), name, engine::newSite);
    }

    private Eval sequence(Expr.Sequence s) {
        if (s.items().stream().allMatch(i -> !i.spread() && i.value() instanceof Expr.Literal)) {
            // a literal list is built once: nothing a template does can change it
            List<Object> constant = new ArrayList<>();
            s.items().forEach(i -> constant.add(((Expr.Literal) i.value()).value()));
            List<Object> frozen = java.util.Collections.unmodifiableList(constant);
            return (f, st) -> frozen;
        }
        int n = s.items().size();
        Eval[] vals = new Eval[n];
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            Expr.Item it = s.items().get(i);
            vals[i] = it.value() == null ? (f, st) -> null : expr(it.value());
            spread[i] = it.spread();
        }
        if (scratchCalls.contains(s)) {
            // consumed where it is built (ScratchAnalysis: no spread): the render's scratch storage
            return (f, st) -> {
                List<Object> out = st.scratchList(n);
                for (int i = 0; i < n; i++) {
                    out.add(vals[i].eval(f, st));
                }
                return out;
            };
        }
        boolean anySpread = s.items().stream().anyMatch(Expr.Item::spread);
        return (f, st) -> {
            if (!anySpread) {
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(vals[i].eval(f, st));
                }
                return out;
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = vals[i].eval(f, st);
            }
            return Semantics.sequence(values, spread);
        };
    }

    private Eval mapping(Expr.Mapping m) {
        if (m.pairs().stream().allMatch(p -> p.key() instanceof Expr.Literal && p.value() instanceof Expr.Literal)) {
            Map<Object, Object> constant = new LinkedHashMap<>();
            m.pairs().forEach(p -> constant.put(Values.normalizeKey(((Expr.Literal) p.key()).value()),
                    ((Expr.Literal) p.value()).value()));
            Map<Object, Object> frozen = java.util.Collections.unmodifiableMap(constant);
            return (f, st) -> frozen;
        }
        int n = m.pairs().size();
        Eval[] keys = new Eval[n];
        Eval[] vals = new Eval[n];
        for (int i = 0; i < n; i++) {
            Expr.Pair p = m.pairs().get(i);
            keys[i] = p.key() == null ? null : expr(p.key());
            vals[i] = expr(p.value());
        }
        if (m.pairs().stream().allMatch(p -> p.key() != null)) {
            // no spread: filled pair by pair, each value before its key (as Twig compiles a hash); in the render's
            // scratch storage when consumed where it is built (ScratchAnalysis)
            boolean scratch = scratchCalls.contains(m);
            return (f, st) -> {
                Map<Object, Object> out = scratch ? st.scratchArray(n) : new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object v = vals[i].eval(f, st);
                    Semantics.put(out, keys[i].eval(f, st), v);
                }
                return out;
            };
        }
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            spread[i] = keys[i] == null;
        }
        return (f, st) -> {
            // each value before its key, as Twig compiles a hash
            Object[] ks = new Object[n];
            Object[] vs = new Object[n];
            for (int i = 0; i < n; i++) {
                vs[i] = vals[i].eval(f, st);
                if (keys[i] != null) {
                    ks[i] = keys[i].eval(f, st);
                }
            }
            return Semantics.mapping(ks, spread, vs);
        };
    }

    // ---- calls ----------------------------------------------------------------------------------------------

    /** Call arguments as written: positional, named and spread, evaluated at run time. */
    private final class ArgList {
        final Eval[] values;
        final String[] names;
        final boolean[] spread;
        final boolean simple;

        ArgList(List<Expr.Arg> args) {
            int n = args.size();
            values = new Eval[n];
            names = new String[n];
            spread = new boolean[n];
            boolean s = true;
            for (int i = 0; i < n; i++) {
                values[i] = expr(args.get(i).value());
                names[i] = args.get(i).name();
                spread[i] = args.get(i).spread();
                if (names[i] != null || spread[i]) {
                    s = false;
                }
            }
            simple = s;
        }

        Object[] positional(Frame f, RenderState st) {
            if (simple) {
                Object[] out = new Object[values.length];
                for (int i = 0; i < values.length; i++) {
                    out[i] = values[i].eval(f, st);
                }
                return out;
            }
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                Object v = values[i].eval(f, st);
                if (spread[i]) {
                    out.addAll(Values.toList(v));
                } else {
                    out.add(v);
                }
            }
            return out.toArray();
        }
    }

    private ArgList argList(List<Expr.Arg> args) {
        return new ArgList(args);
    }

    /**
     * Arguments bound to a definition's parameters: evaluators in parameter order (a variadic definition gets a
     * final evaluator producing its extra arguments), and the positional arguments a non-variadic definition has
     * no parameter for. Those are evaluated after the others and dropped, as PHP evaluates every argument it is
     * given: an undefined variable among them still raises under strict variables.
     */
    private record Bound(Eval[] params, Eval[] unbound, int listSite) {
        static final Eval[] NONE = new Eval[0];

        Bound(Eval[] params, Eval[] unbound) {
            this(params, unbound, -1);
        }
    }

    /** Binds arguments to a definition's parameters at compile time ({@link CallArguments}: Twig's rules). */
    private Bound bind(CallableDefinition d, List<Expr.Arg> args, String kind, int line) {
        List<Param> params = d.params();
        int n = params.size();
        Eval[] out = new Eval[n + (d.isVariadic() ? 1 : 0)];
        boolean hasSpread = args.stream().anyMatch(Expr.Arg::spread);
        if (hasSpread) {
            ArgList all = argList(args);
            // bound at run time: positional only (spread expands into positions)
            for (int i = 0; i < n; i++) {
                int k = i;
                Object def = params.get(i).defaultValue();
                out[i] = (f, st) -> {
                    Object[] a = all.positional(f, st);
                    return k < a.length ? a[k] : def;
                };
            }
            if (d.isVariadic()) {
                out[n] = (f, st) -> {
                    Object[] a = all.positional(f, st);
                    List<Object> extra = new ArrayList<>();
                    for (int i = n; i < a.length; i++) {
                        extra.add(a[i]);
                    }
                    return extra;
                };
            }
            return new Bound(out, Bound.NONE);
        }
        CallArguments.Binding b = CallArguments.bind(kind, d.name(), params, d.isVariadic(), args, name, line);
        for (int i = 0; i < n; i++) {
            Expr given = b.params()[i];
            if (given != null) {
                out[i] = expr(given);
            } else {
                Object def = params.get(i).defaultValue();
                out[i] = (f, st) -> def;
            }
        }
        if (d.isVariadic()) {
            if (b.extraNamed().isEmpty() && engine.isCore(d)) {
                // a core callable reads its extra arguments and keeps none: one list per call site
                int listSite = engine.newSite();
                Eval[] ex = b.rest().stream().map(this::expr).toArray(Eval[]::new);
                out[n] = (f, st) -> {
                    List<Object> l = st.takeList(listSite, ex.length);
                    for (Eval e : ex) {
                        l.add(e.eval(f, st));
                    }
                    return l;
                };
                return new Bound(out, Bound.NONE, listSite);
            }
            out[n] = varargs(b.rest(), b.extraNamed());
            return new Bound(out, Bound.NONE);
        }
        return new Bound(out, b.rest().stream().map(this::expr).toArray(Eval[]::new));
    }

    /** A variadic definition's extra arguments: a list, or a map when some are named (positional ones first). */
    private Eval varargs(List<Expr> positional, java.util.Collection<Expr.Arg> named) {
        Eval[] ex = positional.stream().map(this::expr).toArray(Eval[]::new);
        if (named.isEmpty()) {
            return (f, st) -> {
                List<Object> l = new ArrayList<>(ex.length);
                for (Eval e : ex) {
                    l.add(e.eval(f, st));
                }
                return l;
            };
        }
        String[] keys = named.stream().map(Expr.Arg::name).toArray(String[]::new);
        Eval[] nv = named.stream().map(a -> expr(a.value())).toArray(Eval[]::new);
        return (f, st) -> {
            Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < ex.length; i++) {
                m.put((long) i, ex[i].eval(f, st));
            }
            for (int i = 0; i < keys.length; i++) {
                m.put(keys[i], nv[i].eval(f, st));
            }
            return m;
        };
    }

    private Eval invoke(CallableDefinition d, Eval input, Bound bound, int line) {
        return invoke(d, input, bound, line, false);
    }

    /**
     * A call of d. With intoScratch (a core filter call ScratchAnalysis proved never escapes), the collection the
     * filter asks its call context for may be render-private storage.
     */
    private Eval invoke(CallableDefinition d, Eval input, Bound bound, int line, boolean intoScratch) {
        int size = bound.params().length + (input == null ? 0 : 1);
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(d), bound.listSite(), intoScratch, name,
                line);
        return (f, st) -> Semantics.invoke(site, args(site.site(), size, input, bound, f, st), f, st);
    }

    /**
     * The site whose argument array a call reuses, or -1 for a fresh array per call: a user's callable may keep
     * the array it is given, a core one never does.
     */
    private int argsSite(CallableDefinition d) {
        return engine.isCore(d) ? engine.newSite() : -1;
    }

    /** Evaluates a call's arguments into the site's reusable array and points the call context at this call. */
    private Object[] args(int site, int size, Eval input, Bound bound, Frame f, RenderState st) {
        // taking the array marks it in use: a recursive call of this site while the arguments are evaluated
        // gets a fresh one
        Object[] a = st.takeArgs(site, size);
        int off = 0;
        if (input != null) {
            a[0] = input.eval(f, st);
            off = 1;
        }
        Eval[] params = bound.params();
        for (int i = 0; i < params.length; i++) {
            a[i + off] = params[i].eval(f, st);
        }
        evalAll(bound.unbound(), f, st);
        return a;
    }

    /** Calls a one-parameter definition on a value already evaluated (a test's input is evaluated once). */
    private Object invokeOn(CallableDefinition d, Object input, Frame f, RenderState st, int line) {
        Semantics.at(st, f, name, line);
        int temps = st.tempTop;
        try {
            return d.body().invoke(st, new Object[] {input});
        } catch (Exception e) {
            throw Semantics.callError(e, name, line);
        } finally {
            st.tempTop = temps;
        }
    }

    private Eval filter(Expr.Filter fl) {
        int line = fl.line();
        FilterDefinition d = engine.definitions().filter(fl.name());
        switch (fl.name()) {
            case "default": {
                Eval in = lenient(fl.input());
                Bound b = bind(d, fl.args(), "filter", line);
                Eval dflt = b.params().length > 0 ? b.params()[0] : (f, st) -> "";
                Eval[] unbound = b.unbound();
                // Twig's DefaultFilter: "defined(x) ? default(x, d, ...) : d", so the default value is evaluated
                // either way (an undefined variable in it raises under strict variables), the rest with the call
                return (f, st) -> {
                    Object v = in.eval(f, st);
                    Object dv = dflt.eval(f, st);
                    if (v == Frame.UNDEFINED) {
                        return dv;
                    }
                    evalAll(unbound, f, st);
                    return Values.isEmpty(v) ? dv : v;
                };
            }
            case "raw":
                return expr(fl.input());
            default:
                break;
        }
        if (d == null) {
            // only reachable inside a guard for a missing filter: never executed
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + fl.name() + "\" filter.", name, line);
            };
        }
        return filterWithInput(fl, expr(fl.input()));
    }

    private Eval filterWithInput(Expr.Filter fl, Eval in) {
        FilterDefinition d = engine.definitions().filter(fl.name());
        privateArrows.addAll(privateArrowArgs(engine, d, fl));
        Bound bound = bind(d, fl.args(), "filter", fl.line());
        if (scratchTexts.contains(fl) && engine.isCoreFilter(d)) {
            if (fl.name().equals("split")) {
                return textSplit(d, in, bound, fl.line());
            }
            if (d.writer() != null) {
                return textFilter(fl.name(), d, in, bound, fl.line(), scratchCalls.contains(fl));
            }
        }
        return invoke(d, in, bound, fl.line(), scratchCalls.contains(fl));
    }

    /**
     * A core string filter whose result ScratchAnalysis proved is only read by the core: its streaming form writes
     * the result into the next render-private text buffer, which is the value (freed by whatever reads it). For
     * arguments that make the result something else than a plain string (TextFilters knows which), the filter
     * runs as usual.
     */
    /**
     * A core filter calls the arrow given as its "arrow" parameter and drops it: its function object can be the
     * render's own, reused. Any other argument may come back as the result (reduce's initial value, batch's fill,
     * invoke's arguments), so an arrow there stays a new object per evaluation.
     */
    public static List<Expr.Arrow> privateArrowArgs(Engine engine, FilterDefinition d, Expr.Filter fl) {
        List<Expr.Arrow> out = new ArrayList<>();
        if (engine.isCoreFilter(d) && fl.args().stream().noneMatch(Expr.Arg::spread)) {
            List<Param> params = d.params();
            for (int i = 0; i < fl.args().size(); i++) {
                Expr.Arg a = fl.args().get(i);
                String param = a.name() != null ? a.name() : i < params.size() ? params.get(i).name() : null;
                if ("arrow".equals(param) && a.value() instanceof Expr.Arrow arrow) {
                    out.add(arrow);
                }
            }
        }
        return out;
    }

    private Eval textFilter(String filter, FilterDefinition d, Eval in, Bound bound, int line,
            boolean intoScratch) {
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(d), bound.listSite(), intoScratch, name,
                line);
        return (f, st) -> {
            int texts = st.textTop;
            ScratchText out = st.pushText(); // taken first: what the arguments take is above it, freed below
            Object[] a = args(site.site(), size, in, bound, f, st);
            return Semantics.textFilter(site, filter, d, a, out, texts, f, st);
        };
    }

    /**
     * A split whose pieces only the core reads (a length, a join...): the pieces are render-private texts, in a
     * list the first buffer it takes lends; all stay taken until the expression reading them frees them.
     */
    private Eval textSplit(FilterDefinition d, Eval in, Bound bound, int line) {
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(d), -1, false, name, line);
        return (f, st) -> {
            ScratchText holder = st.pushText();
            Object[] a = args(site.site(), size, in, bound, f, st);
            return Semantics.textSplit(site, holder, a, f, st);
        };
    }

    /** Concatenates the parts' texts into the next render-private text buffer (a {@code ~} or interpolation). */
    private static Eval textConcat(Eval[] parts) {
        return (f, st) -> {
            int texts = st.textTop;
            ScratchText out = st.pushText();
            for (Eval p : parts) {
                Semantics.textPart(p.eval(f, st), out, texts, st);
            }
            return out;
        };
    }

    private Eval function(Expr.Function fn) {
        int line = fn.line();
        CallableDefinition d = engine.definitions().function(fn.name());
        if (d == null) {
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + fn.name() + "\" function.", name, line);
            };
        }
        Bound b = bind(d, fn.args(), "function", line);
        Eval[] bound = b.params();
        Eval[] unbound = b.unbound();
        switch (fn.name()) {
            case "include":
                return includeFunction(bound, unbound, line);
            case "include_only": {
                // include() without the context (Twig 3.29)
                Eval noContext = (f, st) -> Boolean.FALSE;
                Eval notSandboxed = (f, st) -> Boolean.FALSE;
                return includeFunction(new Eval[] {bound[0], bound[1], noContext, bound[2], notSandboxed}, unbound,
                        line);
            }
            case "source":
                return (f, st) -> {
                    Object tn = bound[0].eval(f, st);
                    Object ignore = bound[1].eval(f, st);
                    evalAll(unbound, f, st);
                    return Semantics.source(engine, tn, ignore, name, line);
                };
            case "template_from_string":
                return (f, st) -> {
                    Object src = bound[0].eval(f, st);
                    Object n = bound[1].eval(f, st);
                    evalAll(unbound, f, st);
                    return Semantics.templateFromString(engine, src, n);
                };
            default:
                return invoke(d, null, b, line, scratchCalls.contains(fn));
        }
    }

    /** Evaluates arguments only for their effects (those no parameter takes). */
    private static void evalAll(Eval[] args, Frame f, RenderState st) {
        for (Eval a : args) {
            a.eval(f, st);
        }
    }

    private Eval includeFunction(Eval[] bound, Eval[] unbound, int line) {
        IncludeCall call = includeCall(bound, unbound, line);
        return (f, st) -> {
            Output prev = st.beginCapture();
            String r;
            boolean rendered;
            try {
                rendered = call.render(f, st);
            } finally {
                r = st.endCapture(prev);
            }
            return Semantics.included(rendered, r);
        };
    }

    /** include() or include_only() printed where it stands: the template renders into the output (its result is safe). */
    private Exec includeInPlace(Expr.Function fn) {
        int line = fn.line();
        Bound b = bind(engine.definitions().function(fn.name()), fn.args(), "function", line);
        Eval[] bound = b.params();
        if (fn.name().equals("include_only")) {
            bound = new Eval[] {bound[0], bound[1], (f, st) -> Boolean.FALSE, bound[2], (f, st) -> Boolean.FALSE};
        }
        IncludeCall call = includeCall(bound, b.unbound(), line);
        return (f, st) -> call.render(f, st);
    }

    /** What include() does but capturing: renders the template into the current output (false: none, ignored). */
    private interface IncludeCall {
        boolean render(Frame f, RenderState st);
    }

    private IncludeCall includeCall(Eval[] bound, Eval[] unbound, int line) {
        return (f, st) -> {
            // every argument first, as PHP evaluates them before the call
            Object tplV = bound[0].eval(f, st);
            Object vars = bound[1].eval(f, st);
            Object withContext = bound[2].eval(f, st);
            Object ignore = bound[3].eval(f, st);
            Object sandboxed = bound[4].eval(f, st);
            evalAll(unbound, f, st);
            return Semantics.include(t, tplV, vars, withContext, ignore, sandboxed, f, st, line);
        };
    }

    /** Core tests Twig compiles inline (a node class of their own) rather than as a call. */
    public static final Set<String> COMPILED_TESTS = Set.of("odd", "even", "null", "none", "same as",
            "divisible by", "constant", "true");

    private Eval test(Expr.Test ts) {
        int line = ts.line();
        CallableDefinition d = engine.definitions().test(ts.name());
        if (d == null) {
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + ts.name() + "\" test.", name, line);
            };
        }
        if (ts.name().equals("empty") && ts.args().isEmpty() && engine.isCoreTest(d)
                && (ts.input() instanceof Expr.Parent || (ts.input() instanceof Expr.BlockRef br && !br.defined()))) {
            return renderedEmpty(ts.input(), line);
        }
        Eval in = expr(ts.input());
        Bound bound = bind(d, ts.args(), "test", line);
        if (engine.isCoreTest(d) && COMPILED_TESTS.contains(ts.name())) {
            // Twig compiles these tests to an expression of their input and first arguments: the rest is dropped
            // unevaluated
            bound = new Bound(bound.params(), Bound.NONE, bound.listSite());
        }
        Eval call = invoke(d, in, bound, line);
        // the core tests most used in loops, on the values they usually see, without a call
        if (engine.isCoreTest(d)) {
            switch (ts.name()) {
                case "odd":
                    return (f, st) -> {
                        Object v = in.eval(f, st);
                        return v instanceof Long l ? l % 2 != 0 : Values.isTrue(invokeOn(d, v, f, st, line));
                    };
                case "even":
                    return (f, st) -> {
                        Object v = in.eval(f, st);
                        return v instanceof Long l ? l % 2 == 0 : Values.isTrue(invokeOn(d, v, f, st, line));
                    };
                case "null":
                case "none":
                    return (f, st) -> in.eval(f, st) == null;
                default:
                    break;
            }
        }
        return (f, st) -> Values.isTrue(call.eval(f, st));
    }

    /** {@code block('b') is empty}, {@code parent() is empty}: renders into a capture and looks at its length. */
    private Eval renderedEmpty(Expr rendered, int line) {
        Exec render = writer(rendered, null, line, false);
        return (f, st) -> {
            Output prev = st.beginCapture();
            boolean empty = true;
            try {
                render.exec(f, st);
            } finally {
                empty = st.endCaptureEmpty(prev);
            }
            return empty;
        };
    }

    private Eval defined(Expr.Defined d) {
        Expr target = d.target();
        if (target instanceof Expr.Name n) {
            switch (n.name()) {
                case "_self", "_context", "_charset":
                    return (f, st) -> true;
                default:
                    int slot = slot(n.name());
                    return (f, st) -> f.defined(slot);
            }
        }
        if (target instanceof Expr.MacroCall mc) {
            int slot = importSlot(mc.holder());
            String macro = mc.name();
            Eval nameE = mc.nameExpr() == null ? null : expr(mc.nameExpr());
            return (f, st) -> {
                Object h = mc.holder().equals("_self") ? t : f.get(slot);
                String mn = nameE == null ? macro : Values.toString(nameE.eval(f, st));
                return Semantics.macroDefined(h, mn, f, st);
            };
        }
        if (target instanceof Expr.Literal) {
            return (f, st) -> true;
        }
        if (target instanceof Expr.GetAttr g) {
            return definedAttr(g);
        }
        if (target instanceof Expr.Function fn && fn.name().equals("constant")
                && engine.isCoreFunction(engine.definitions().function("constant"))) {
            Bound b = bind(engine.definitions().function("constant"), fn.args(), "function", fn.line());
            Eval constant = b.params()[0];
            Eval object = b.params()[1];
            return (f, st) -> dev.zweig.core.CoreExtension.constantIsDefined(engine.environment(),
                    constant.eval(f, st), object.eval(f, st));
        }
        // the parser admits nothing else under "defined"; what is left (a block reference) has its own test
        Eval e = lenient(target);
        return (f, st) -> e.eval(f, st) != Frame.UNDEFINED;
    }

    /**
     * {@code a.b.c is defined}, as Twig's getAttribute with isDefinedTest: the object chain is read leniently
     * (a missing link answers false), the attribute and call arguments are evaluated as usual (an undefined
     * variable among them still raises), and the last member is only looked up, never read or called.
     */
    private Eval definedAttr(Expr.GetAttr g) {
        Eval obj = g.object() instanceof Expr.GetAttr inner ? getAttr(inner, true, false) : lenient(g.object());
        Eval attrE = expr(g.attribute());
        ArgList args = g.args() == null ? null : argList(g.args());
        Expr.AccessType type = g.type();
        boolean nullSafe = g.nullSafe();
        return (f, st) -> {
            Object o = obj.eval(f, st);
            if (o == Frame.UNDEFINED || o == NULL_SAFE_STOP || (nullSafe && o == null)) {
                return false;
            }
            Object attr = attrE.eval(f, st);
            int argc = args == null ? 0 : args.positional(f, st).length;
            return Access.has(o, attr, argc, type, st);
        };
    }

    private Eval macroCall(Expr.MacroCall mc) {
        int line = mc.line();
        boolean self = mc.holder().equals("_self");
        int slot = self ? -1 : importSlot(mc.holder());
        String macro = mc.name();
        Eval nameE = mc.nameExpr() == null ? null : expr(mc.nameExpr());
        List<Expr.Arg> argsAst = macroArgs(mc.args());
        int n = argsAst.size();
        Eval[] vals = new Eval[n];
        String[] names = new String[n];
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            vals[i] = expr(argsAst.get(i).value());
            names[i] = argsAst.get(i).name();
            spread[i] = argsAst.get(i).spread();
        }
        String holderName = mc.holder();
        boolean unpackable = !positionalAfterNamed(argsAst);
        return (f, st) -> {
            String mn = nameE == null ? macro : Values.toString(nameE.eval(f, st));
            CompiledTemplate.MacroImpl m = Semantics.findMacro(name, self ? t : f.get(slot), holderName, mn, f, st,
                    line);
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = vals[i].eval(f, st);
            }
            return Semantics.macroCall(name, m, values, names, spread, unpackable, st, line);
        };
    }

    /** Whether a positional argument follows a named one (which PHP refuses when the macro call unpacks them). */
    public static boolean positionalAfterNamed(List<Expr.Arg> args) {
        boolean named = false;
        for (Expr.Arg a : args) {
            if (a.name() != null) {
                named = true;
            } else if (named) {
                return true;
            }
        }
        return false;
    }

    /**
     * A macro call's arguments as Twig hands them to the macro's PHP method ({@code ...[args]}): of one name given
     * twice only the last value is kept (and evaluated), in the place of the first.
     */
    public static List<Expr.Arg> macroArgs(List<Expr.Arg> args) {
        List<Expr.Arg> out = new ArrayList<>(args);
        for (int i = out.size() - 1; i >= 0; i--) {
            String n = out.get(i).name();
            if (n == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (n.equals(out.get(j).name())) {
                    out.set(j, out.get(i));
                    out.remove(i);
                    break;
                }
            }
        }
        return out;
    }

    /**
     * A printed macro call with positional arguments: binds the arguments straight into the macro's frame and runs
     * its body into the current output (its result would be printed unescaped anyway), building no list, no
     * captured String and no Markup.
     */
    private Exec macroInPlace(Expr.MacroCall mc) {
        int line = mc.line();
        boolean self = mc.holder().equals("_self");
        int slot = self ? -1 : importSlot(mc.holder());
        String macro = mc.name();
        String holderName = mc.holder();
        List<Expr.Arg> args = macroArgs(mc.args());
        Eval[] vals = args.stream().map(a -> expr(a.value())).toArray(Eval[]::new);
        String[] argNames = args.stream().map(Expr.Arg::name).toArray(String[]::new);
        if (positionalAfterNamed(args)) {
            Eval call = macroCall(mc);
            return (f, st) -> call.eval(f, st);
        }
        return (f, st) -> {
            CompiledTemplate.MacroImpl m = Semantics.findMacro(name, self ? t : f.get(slot), holderName, macro, f, st,
                    line);
            Object[] values = st.pushArgs(vals.length);
            try {
                for (int i = 0; i < vals.length; i++) {
                    values[i] = vals[i].eval(f, st);
                }
                Semantics.macroInPlace(name, m, values, vals.length, argNames, st, line);
            } finally {
                st.popArgs(vals.length);
            }
        };
    }

    /** Arrows written as an argument of a core filter or operator, which never keeps them. */
    private final Set<Expr.Arrow> privateArrows = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());

    private Eval arrow(Expr.Arrow a) {
        int[] slots = a.params().stream().mapToInt(this::slot).toArray();
        Eval body = expr(a.body());
        int line = a.line();
        if (!privateArrows.contains(a)) {
            // may reach user code, which may keep it: a new object per evaluation, bound to this render, over a
            // copy of its scope as it is now (Twig's closures capture the context by value)
            return (f, st) -> Semantics.arrow(slots, body, f, st, name, line);
        }
        int site = engine.newSite();
        // one function object per site and render state: a steady-state render allocates none
        return (f, st) -> Semantics.privateArrow(site, slots, body, f, st, name, line);
    }

    private Eval assign(Expr.Assign a) {
        Eval value = expr(a.value());
        Assigner target = assigner(a.target());
        return (f, st) -> {
            Object v = value.eval(f, st);
            target.assign(f, st, v);
            return v;
        };
    }

    @FunctionalInterface
    private interface Assigner {
        void assign(Frame f, RenderState st, Object v);
    }

    private Assigner assigner(Expr target) {
        if (target instanceof Expr.Name n) {
            int slot = slot(n.name());
            return (f, st, v) -> f.set(slot, v);
        }
        if (target instanceof Expr.Sequence s) {
            int n = s.items().size();
            Assigner[] parts = new Assigner[n];
            for (int i = 0; i < n; i++) {
                Expr v = s.items().get(i).value();
                parts[i] = v == null ? null : assigner(v);
            }
            return (f, st, v) -> {
                List<Object> l = Values.toList(v);
                for (int i = 0; i < n; i++) {
                    if (parts[i] != null) {
                        parts[i].assign(f, st, i < l.size() ? l.get(i) : null);
                    }
                }
            };
        }
        if (target instanceof Expr.Mapping m) {
            int n = m.pairs().size();
            Object[] keys = new Object[n];
            Assigner[] parts = new Assigner[n];
            for (int i = 0; i < n; i++) {
                Expr.Pair p = m.pairs().get(i);
                keys[i] = ((Expr.Literal) p.key()).value();
                parts[i] = assigner(p.value());
            }
            return (f, st, v) -> {
                for (int i = 0; i < n; i++) {
                    Object r = Access.get(v, keys[i], null, Expr.AccessType.ANY, true, false, name, 0, st, null);
                    parts[i].assign(f, st, r == Frame.UNDEFINED ? null : r);
                }
            };
        }
        throw new TemplateSyntaxException("Cannot assign to this expression.", name, target.line());
    }

}
