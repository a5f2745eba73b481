package dev.zweig.interpreter;

import dev.zweig.Markup;
import dev.zweig.engine.Engine;
import static dev.zweig.semantics.CompileRules.isAutoescape;
import static dev.zweig.semantics.CompileRules.scratch;
import static dev.zweig.semantics.CompileRules.truthy;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderClock;
import dev.zweig.runtime.ScratchText;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Operators;
import dev.zweig.semantics.Semantics;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.output.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a {@link Module}'s typed AST into trees of {@link Exec}/{@link Eval} closures: variables resolved to
 * frame slots, arguments bound to parameters and constant arguments evaluated once, escaping already decided.
 *
 * <p>This class holds the walk (the dispatch over statements and expressions, printing, names) and the rules the
 * compiled executor shares; the closures of each family of nodes are built by {@link ClosureStmts},
 * {@link ClosureLoops}, {@link ClosureAttrs}, {@link ClosureCalls} and {@link ClosureLiterals}, as
 * {@code bytecode.BytecodeCompiler} is split into its {@code Emit*} classes.
 */
public final class ClosureCompiler {
    final Engine engine;
    private final Module module;
    final String name;
    final boolean strict;
    CompiledTemplate t;
    /** Embedded templates of the whole source, shared by the template and its embeds (indexes are global). */
    private final List<CompiledTemplate> embedded;

    public ClosureCompiler(Engine engine, Module module) {
        this(engine, module, null);
    }

    private ClosureCompiler(Engine engine, Module module, List<CompiledTemplate> embedded) {
        this.engine = engine;
        this.module = module;
        this.name = module.name();
        this.strict = engine.settings().strictVariables();
        this.embedded = embedded;
        dev.zweig.pass.ScratchAnalysis.Result scratch = scratch(engine, module);
        this.scratch = scratch;
        this.scratchCalls = scratch.scratch();
        this.releasePoints = scratch.releasePoints();
        this.scratchTexts = scratch.texts();
        this.textConsumers = scratch.textConsumers();
        this.captures = scratch.captures();
        this.macroParams = scratch.macroParams();
        this.consumedTemplates = dev.zweig.semantics.CompileRules.consumedTemplates(engine, module);
    }

    /** The template_from_string calls whose template is rendered where it is made (see ConsumedTemplates). */
    final Set<Expr> consumedTemplates;

    /** What ScratchAnalysis proved about the module. */
    final dev.zweig.pass.ScratchAnalysis.Result scratch;
    /** How each macro reads its parameters (see ScratchAnalysis.Result). */
    private final Map<String, byte[]> macroParams;

    /** Filter and function calls whose result collection may live in the render's scratch storage. */
    final Set<Expr> scratchCalls;
    /** Expressions whose string result may be a render-private {@link ScratchText}. */
    final Set<Expr> scratchTexts;
    /** Expressions that read a ScratchText on the spot: the buffers taken while they ran are free when they return. */
    private final Set<Object> textConsumers;
    /** Captures kept as render-private safe text (see ScratchAnalysis). */
    private final Set<Stmt.Capture> captures;

    /** Nodes after which the scratch storage taken while they ran is dead (see ScratchAnalysis). */
    final Set<Object> releasePoints;

    /**
     * e, giving back the scratch storage taken while it runs when n is a release point (a conditional gives back
     * only what testing its condition took: see {@link #exprOf}), and the render-private text its operands took
     * when n reads such text on the spot (unless its own result is such text).
     */
    Eval released(Object n, Eval e) {
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
    Exec released(Object n, Exec e) {
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
        return textConsumers.contains(n) && !scratchTexts.contains(n) && !(n instanceof Expr.Conditional);
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
        dev.zweig.runtime.FlatTemplate flat = dev.zweig.runtime.FlatTemplate.of(engine, module);
        t.flat(flat == null || flat.repeats() ? null : flat); // a repeated name: read once per render, full path
        scratch.applyTo(t);
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
                    defaults, slot(m.varargs()), t.guarded(stmt(m.body())), t, m.line(),
                    dev.zweig.semantics.CompileRules.dateParams(scratch, m), macroParams.get(m.name())));
        }
        t.templateImports = module.imports().isEmpty() ? null : seq(module.imports());
        t.uses = module.uses();
        return t;
    }

    int slot(String var) {
        return engine.symbols().slot(var);
    }

    /** Imported macro holders live in hidden, per-template slots (Twig keeps them out of the context). */
    int importSlot(String alias) {
        return engine.symbols().slot("\0m:" + name + ":" + alias);
    }

    // ---- statements ---------------------------------------------------------------------------------------

    private Exec seq(List<Stmt> stmts) {
        List<Exec> list = new ArrayList<>();
        StringBuilder text = null;
        int textLine = 0;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Text tx) {
                if (text == null) {
                    text = new StringBuilder();
                    textLine = tx.line();
                }
                text.append(tx.text());
                continue;
            }
            if (text != null) {
                list.add(text(text.toString(), textLine));
                text = null;
            }
            Exec e = stmt(s);
            if (e != null) {
                list.add(e);
            }
        }
        if (text != null) {
            list.add(text(text.toString(), textLine));
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

    /** Writes a text; a limit it exceeds (the output characters) is reported at the text's line. */
    private Exec text(String s, int line) {
        // encoded once, for byte sinks (not when a surrogate pair may be split with a neighbouring value)
        byte[] utf8 = s.isEmpty() || Character.isLowSurrogate(s.charAt(0))
                || Character.isHighSurrogate(s.charAt(s.length() - 1)) ? null
                : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String template = name;
        return (f, st) -> {
            try {
                st.out.writeText(s, utf8);
            } catch (dev.zweig.TemplateException e) {
                throw e.locate(template, line);
            }
        };
    }

    Exec stmt(Stmt s) {
        if (s == null) {
            return (f, st) -> { };
        }
        tick();
        if (s instanceof Stmt.Body b) {
            return seq(b.stmts());
        }
        if (s instanceof Stmt.Text tx) {
            return text(tx.text(), tx.line());
        }
        if (s instanceof Stmt.Print p) {
            return print(p);
        }
        if (s instanceof Stmt.If i) {
            return ClosureStmts.ifStmt(this, i);
        }
        if (s instanceof Stmt.For fo) {
            return ClosureLoops.forStmt(this, fo);
        }
        if (s instanceof Stmt.Set set) {
            return ClosureStmts.setStmt(this, set);
        }
        if (s instanceof Stmt.Capture c) {
            int slot = slot(c.name());
            Exec body = stmt(c.body());
            if (captures.contains(c)) {
                // safe text only the core reads: kept in the scope's own buffer for the variable
                return (f, st) -> {
                    Output prev = st.beginCapture();
                    try {
                        body.exec(f, st);
                    } finally {
                        f.set(slot, Semantics.keepCapture(prev, f, slot, st));
                    }
                };
            }
            return (f, st) -> {
                Output prev = st.beginCapture();
                try {
                    body.exec(f, st);
                } finally {
                    f.set(slot, st.endCaptureMarkup(prev));
                }
            };
        }
        if (s instanceof Stmt.BlockCall bc) {
            String bn = bc.name();
            int line = bc.line();
            return (f, st) -> t.yieldBlock(bn, f, st, st.blocks, true, t, line);
        }
        if (s instanceof Stmt.Include inc) {
            return released(inc, ClosureStmts.include(this, inc));
        }
        if (s instanceof Stmt.Embed em) {
            return released(em, ClosureStmts.embed(this, em));
        }
        if (s instanceof Stmt.Import imp) {
            return ClosureStmts.importStmt(this, imp);
        }
        if (s instanceof Stmt.Autoescape a) {
            return stmt(a.body());
        }
        if (s instanceof Stmt.With w) {
            return released(w, ClosureStmts.with(this, w));
        }
        if (s instanceof Stmt.Do d) {
            Eval e = expr(d.expr());
            int line = d.line();
            return (f, st) -> {
                int texts = st.textTop;
                try {
                    e.eval(f, st);
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line); // located at the do, as Twig's debug info has it
                }
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
                st.sandbox(engine.settings().securityPolicy());
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
    Exec writer(Expr ex, String strategy, int line, boolean inConcat) {
        return released(ex, writerOf(ex, strategy, line, inConcat));
    }

    private Exec writerOf(Expr ex, String strategy, int line, boolean inConcat) {
        if (ex instanceof Expr.Parent par && !inConcat) {
            String bn = par.block();
            return (f, st) -> t.yieldParentBlock(bn, f, st, line);
        }
        if (ex instanceof Expr.BlockRef br && !br.defined() && !inConcat) {
            return ClosureStmts.blockRef(this, br);
        }
        if (ex instanceof Expr.NullCoalesce nc && nc.left() instanceof Expr.BlockRef br && !br.defined()
                && !inConcat) {
            // block(name) ?? x printed: the block in place when defined (its markup would print as it is), else x
            // as it would print; no captured String, no Markup
            Eval exists = expr(new Expr.BlockRef(br.name(), br.template(), true, br.line()));
            Exec rendered = ClosureStmts.blockRef(this, br);
            Exec otherwise = writer(nc.right(), strategy, line, false);
            return (f, st) -> {
                if (Values.isTrue(exists.eval(f, st))) {
                    rendered.exec(f, st);
                } else {
                    otherwise.exec(f, st);
                }
            };
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
            return ClosureCalls.macroInPlace(this, mc);
        }
        if (ex instanceof Expr.Function fn && !inConcat
                && (fn.name().equals("include") || fn.name().equals("include_only"))
                && engine.isCoreFunction(engine.definitions().function(fn.name()))) {
            return ClosureCalls.includeInPlace(this, fn);
        }
        if (ex instanceof Expr.Conditional c && c.then() != null && strategy == null) {
            // a ternary printed: the branch taken printed in place (parent() or a block rendered there, no
            // captured String), as the compiled executor does; only what testing the condition took is given back
            Eval cond = expr(c.cond());
            Exec then = writer(c.then(), null, line, inConcat);
            Exec other = writer(c.otherwise(), null, line, inConcat);
            boolean arena = releasePoints.contains(c);
            boolean texts = arena || textConsumers.contains(c);
            return (f, st) -> {
                long mark = arena ? st.arenaMark() : 0;
                int top = st.textTop;
                boolean yes = truthy(cond.eval(f, st));
                if (arena) {
                    st.release(mark);
                }
                if (texts) {
                    st.textTop = top;
                }
                (yes ? then : other).exec(f, st);
            };
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
                return ClosureCalls.filterWriter(this, fl, d, strategy);
            }
        }
        Eval e = exprOf(ex);
        if (strategy == null) {
            return (f, st) -> Semantics.print(e.eval(f, st), st);
        }
        boolean html = strategy.equals("html");
        return (f, st) -> Semantics.printEscaped(e.eval(f, st), strategy, html, inConcat, st);
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
            return ClosureAttrs.getAttr(this, g, false, true);
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
                return ClosureLiterals.textConcat(parts);
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
            boolean arena = releasePoints.contains(c);
            if (arena || textConsumers.contains(c)) {
                // only what testing the condition took is given back (the branch's value is the conditional's)
                return (f, st) -> {
                    long mark = arena ? st.arenaMark() : 0;
                    int texts = st.textTop;
                    boolean yes = truthy(cond.eval(f, st));
                    if (arena) {
                        st.release(mark);
                    }
                    st.textTop = texts;
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
            return ClosureLiterals.sequence(this, s);
        }
        if (e instanceof Expr.Mapping m) {
            return ClosureLiterals.mapping(this, m);
        }
        if (e instanceof Expr.Filter fl) {
            return ClosureCalls.filter(this, fl);
        }
        if (e instanceof Expr.Function fn) {
            return ClosureCalls.function(this, fn);
        }
        if (e instanceof Expr.Test ts) {
            return ClosureCalls.test(this, ts);
        }
        if (e instanceof Expr.Defined d) {
            return ClosureAttrs.defined(this, d);
        }
        if (e instanceof Expr.MacroCall mc) {
            return ClosureCalls.macroCall(this, mc);
        }
        if (e instanceof Expr.Arrow a) {
            return arrow(a);
        }
        if (e instanceof Expr.Assign a) {
            return ClosureLoops.assign(this, a);
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
                    String bn = Semantics.blockName(nameE.eval(f, st), t);
                    // as Twig's loadTemplate(): a template that does not exist is an error, not "undefined"
                    CompiledTemplate target = tplE == null ? null
                            : engine.resolveTemplate(tplE.eval(f, st), st, name, line, false);
                    return Semantics.blockDefined(t, bn, target, f, st);
                };
            }
            Exec direct = ClosureStmts.blockRef(this, br);
            if (scratchTexts.contains(br)) {
                // only the core reads the output as text: render-private safe text the reader frees
                return (f, st) -> {
                    int texts = st.textTop;
                    ScratchText into = st.pushText();
                    Output prev = st.beginCapture();
                    Object r;
                    try {
                        direct.exec(f, st);
                    } finally {
                        r = st.endCaptureText(prev, into, texts);
                    }
                    return r;
                };
            }
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

    Eval name(Expr.Name n, boolean lenient) {
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
        if (Semantics.holdsLoopState(var)) {
            // the only names whose slots hold engine-private objects: what leaves through them is a snapshot
            Eval raw = name(slot, var, line, lenient);
            return (f, st) -> Snapshots.export(raw.eval(f, st));
        }
        return name(slot, var, line, lenient);
    }

    Eval name(int slot, String var, int line, boolean lenient) {
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
    Eval lenient(Expr e) {
        if (e instanceof Expr.Name n) {
            return name(n, true);
        }
        if (e instanceof Expr.GetAttr g) {
            return ClosureAttrs.getAttr(this, g, true, true);
        }
        if (e instanceof Expr.Filter fl && isAutoescape(fl)) {
            // the escaping the escaper pass put around a variable ({{ x ?? y }}) keeps it lenient: an undefined or
            // null value passes through unescaped (for ?? to see), anything else is escaped
            Eval raw = lenient(fl.input());
            Eval escaped = ClosureCalls.filterWithInput(this, fl, (f, st) -> st.coalesced);
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


    private Eval binary(Expr.Binary b) {
        if ((b.op().equals("has some") || b.op().equals("has every")) && b.right() instanceof Expr.Arrow arrow) {
            privateArrows.add(arrow); // called by the operator, never kept
        }
        if (b.op().equals("~") && scratchTexts.contains(b)) {
            return ClosureLiterals.textConcat(new Eval[] {expr(b.left()), expr(b.right())});
        }
        return Operators.binary(b, expr(b.left()), expr(b.right()), name, engine::newSite);
    }

    // ---- call rules the compiled executor shares (the calls themselves: ClosureCalls), arrows -----------------

    /** Arrows written as an argument of a core filter or operator, which never keeps them. */
    final Set<Expr.Arrow> privateArrows = java.util.Collections.newSetFromMap(
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

}
