package dev.zweig.interpreter;

import dev.zweig.Markup;
import dev.zweig.engine.Engine;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.ScratchText;
import dev.zweig.semantics.Semantics;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Expr;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.output.Output;
import dev.zweig.parser.CallArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calls as closures (part of {@link ClosureCompiler}'s walk): arguments bound to parameters at compile time
 * (Twig's rules, {@link CallArguments}), filters, functions and tests (with the core's inline forms), include(),
 * macro calls, and the streaming and render-private text forms of core filters.
 */
final class ClosureCalls {
    private ClosureCalls() {
    }

    /**
     * A printed filter with a streaming form: arguments into the site's array, the result into the output. Under
     * autoescaping, a filter given safe markup runs its plain form instead, as its result may be markup again
     * (trim keeps it, as Twig's does), printed as is.
     */
    static Exec filterWriter(ClosureCompiler c, Expr.Filter fl, FilterDefinition d, String strategy) {
        String name = c.name;
        int line = fl.line();
        Eval in = input(c, fl, d);
        Bound bound = bind(c, d, fl.args(), "filter", line);
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(c, d), bound.listSite(), false, name, line);
        return (f, st) -> Semantics.filterWrite(site, d, strategy, args(site.site(), size, in, bound, f, st), f, st);
    }

    /** Call arguments as written: positional, named and spread, evaluated at run time. */
    static final class ArgList {
        final Eval[] values;
        final String[] names;
        final boolean[] spread;
        final boolean simple;
        /** No argument is named (spreads may be). */
        final boolean unnamed;

        ArgList(ClosureCompiler c, List<Expr.Arg> args) {
            int n = args.size();
            values = new Eval[n];
            names = new String[n];
            spread = new boolean[n];
            boolean s = true;
            boolean u = true;
            for (int i = 0; i < n; i++) {
                values[i] = c.expr(args.get(i).value());
                names[i] = args.get(i).name();
                spread[i] = args.get(i).spread();
                if (names[i] != null || spread[i]) {
                    s = false;
                }
                u &= names[i] == null;
            }
            simple = s;
            unnamed = u;
        }

        /**
         * Unnamed arguments with spreads in the reusable array of site (give it back with giveArgs), the values
         * first in the array of valuesSite (see Semantics#spreadArgs).
         */
        Object[] spread(Frame f, RenderState st, int valuesSite, int site) {
            Object[] in = st.takeArgs(valuesSite, values.length);
            for (int i = 0; i < values.length; i++) {
                in[i] = values[i].eval(f, st);
            }
            return Semantics.spreadArgs(in, spread, st, valuesSite, site);
        }

        /** Simple arguments evaluated into the site's reusable array (st.takeArgs; give it back with giveArgs). */
        Object[] positional(Frame f, RenderState st, int site) {
            Object[] out = st.takeArgs(site, values.length);
            for (int i = 0; i < values.length; i++) {
                out[i] = values[i].eval(f, st);
            }
            return out;
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
                    out.addAll(Values.toList(Semantics.unpacked(v)));
                } else {
                    out.add(v);
                }
            }
            return out.toArray();
        }
    }

    static ArgList argList(ClosureCompiler c, List<Expr.Arg> args) {
        return new ArgList(c, args);
    }

    /**
     * Arguments bound to a definition's parameters: evaluators in parameter order (a variadic definition gets a
     * final evaluator producing its extra arguments), and the positional arguments a non-variadic definition has
     * no parameter for. Those are evaluated after the others and dropped, as PHP evaluates every argument it is
     * given: an undefined variable among them still raises under strict variables.
     */
    record Bound(Eval[] params, Eval[] unbound, int listSite) {
        static final Eval[] NONE = new Eval[0];

        Bound(Eval[] params, Eval[] unbound) {
            this(params, unbound, -1);
        }
    }

    /** Binds arguments to a definition's parameters at compile time ({@link CallArguments}: Twig's rules). */
    static Bound bind(ClosureCompiler c, CallableDefinition d, List<Expr.Arg> args, String kind, int line) {
        Engine engine = c.engine;
        String name = c.name;
        List<Param> params = d.params();
        int n = params.size();
        Eval[] out = new Eval[n + (d.isVariadic() ? 1 : 0)];
        boolean hasSpread = args.stream().anyMatch(Expr.Arg::spread);
        if (hasSpread) {
            ArgList all = argList(c, args);
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
                out[i] = c.expr(given);
            } else {
                Object def = params.get(i).defaultValue();
                out[i] = (f, st) -> def;
            }
        }
        if (d.isVariadic()) {
            if (b.extraNamed().isEmpty() && engine.isCore(d)) {
                // a core callable reads its extra arguments and keeps none: one list per call site
                int listSite = engine.newSite();
                Eval[] ex = b.rest().stream().map(c::expr).toArray(Eval[]::new);
                out[n] = (f, st) -> {
                    List<Object> l = st.takeList(listSite, ex.length);
                    for (Eval e : ex) {
                        l.add(e.eval(f, st));
                    }
                    return l;
                };
                return new Bound(out, Bound.NONE, listSite);
            }
            out[n] = varargs(c, b.rest(), b.extraNamed());
            return new Bound(out, Bound.NONE);
        }
        return new Bound(out, b.rest().stream().map(c::expr).toArray(Eval[]::new));
    }

    /** A variadic definition's extra arguments: a list, or a map when some are named (positional ones first). */
    private static Eval varargs(ClosureCompiler c, List<Expr> positional, java.util.Collection<Expr.Arg> named) {
        String name = c.name;
        Eval[] ex = positional.stream().map(c::expr).toArray(Eval[]::new);
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
        Eval[] nv = named.stream().map(a -> c.expr(a.value())).toArray(Eval[]::new);
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

    private static Eval invoke(ClosureCompiler c, CallableDefinition d, Eval input, Bound bound, int line) {
        return invoke(c, d, input, bound, line, false);
    }

    /**
     * A call of d. With intoScratch (a core filter call ScratchAnalysis proved never escapes), the collection the
     * filter asks its call context for may be render-private storage.
     */
    private static Eval invoke(ClosureCompiler c, CallableDefinition d, Eval input, Bound bound, int line,
            boolean intoScratch) {
        return invoke(c, d, input, bound, line, intoScratch, (byte) 0);
    }

    /** inPlace: how the call may extend its input in place (see Semantics.CallSite#inPlace). */
    private static Eval invoke(ClosureCompiler c, CallableDefinition d, Eval input, Bound bound, int line,
            boolean intoScratch, byte inPlace) {
        String name = c.name;
        int size = bound.params().length + (input == null ? 0 : 1);
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(c, d), bound.listSite(), intoScratch,
                inPlace, name, line);
        if (inPlace != 0) {
            return (f, st) -> {
                long mark = st.arenaMark(); // where the scratch storage stood before the arguments
                return Semantics.invokeInPlace(site, args(site.site(), size, input, bound, f, st), f, st, mark);
            };
        }
        return (f, st) -> Semantics.invoke(site, args(site.site(), size, input, bound, f, st), f, st);
    }

    /**
     * The site whose argument array a call reuses, or -1 for a fresh array per call: a user's callable may keep
     * the array it is given, a core one never does.
     */
    private static int argsSite(ClosureCompiler c, CallableDefinition d) {
        Engine engine = c.engine;
        return engine.isCore(d) ? engine.newSite() : -1;
    }

    /** Evaluates a call's arguments into the site's reusable array and points the call context at this call. */
    private static Object[] args(int site, int size, Eval input, Bound bound, Frame f, RenderState st) {
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
    private static Object invokeOn(ClosureCompiler c, CallableDefinition d, Object input, Frame f, RenderState st,
            int line, int site) {
        String name = c.name;
        Semantics.at(st, f, name, line);
        int temps = st.tempTop;
        // a core test keeps nothing of its arguments: the site's reusable array
        Object[] a = st.takeArgs(site, 1);
        a[0] = input;
        try {
            return d.body().invoke(st, a);
        } catch (Exception e) {
            throw Semantics.callError(e, name, line);
        } finally {
            st.giveArgs(site, a);
            st.tempTop = temps;
        }
    }

    static Eval filter(ClosureCompiler c, Expr.Filter fl) {
        Engine engine = c.engine;
        String name = c.name;
        int line = fl.line();
        FilterDefinition d = engine.definitions().filter(fl.name());
        switch (fl.name()) {
            case "default": {
                Eval in = c.lenient(fl.input());
                Bound b = bind(c, d, fl.args(), "filter", line);
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
                return c.expr(fl.input());
            default:
                break;
        }
        if (d == null) {
            // only reachable inside a guard for a missing filter: never executed
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + fl.name() + "\" filter.", name, line);
            };
        }
        return filterWithInput(c, fl, input(c, fl, d));
    }

    /**
     * A filter's input: its expression, or for {@code _context|keys} and {@code _context|length} the frame itself,
     * listed by name in the call (see CompileRules#readsContextNames).
     */
    private static Eval input(ClosureCompiler c, Expr.Filter fl, FilterDefinition d) {
        if (dev.zweig.semantics.CompileRules.readsContextNames(fl, c.engine.isCoreFilter(d))) {
            return (f, st) -> f;
        }
        return c.expr(fl.input());
    }

    static Eval filterWithInput(ClosureCompiler c, Expr.Filter fl, Eval in) {
        Engine engine = c.engine;
        Set<Expr> scratchTexts = c.scratchTexts;
        Set<Expr> scratchCalls = c.scratchCalls;
        Set<Expr.Arrow> privateArrows = c.privateArrows;
        FilterDefinition d = engine.definitions().filter(fl.name());
        privateArrows.addAll(dev.zweig.semantics.CompileRules.privateArrowArgs(engine, d, fl));
        Bound bound = bind(c, d, fl.args(), "filter", fl.line());
        if (scratchTexts.contains(fl) && engine.isCoreFilter(d)) {
            if (fl.name().equals("split")) {
                return textSplit(c, d, in, bound, fl.line());
            }
            if (d.writer() != null) {
                return textFilter(c, fl.name(), d, in, bound, fl.line(), scratchCalls.contains(fl));
            }
        }
        return invoke(c, d, in, bound, fl.line(), scratchCalls.contains(fl), c.scratch.inPlace(fl));
    }

    /**
     * A core string filter whose result ScratchAnalysis proved is only read by the core: its streaming form writes
     * the result into the next render-private text buffer, which is the value (freed by whatever reads it). For
     * arguments that make the result something else than a plain string (TextFilters knows which), the filter
     * runs as usual.
     */
    private static Eval textFilter(ClosureCompiler c, String filter, FilterDefinition d, Eval in, Bound bound, int line,
            boolean intoScratch) {
        String name = c.name;
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(c, d), bound.listSite(), intoScratch, name,
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
    private static Eval textSplit(ClosureCompiler c, FilterDefinition d, Eval in, Bound bound, int line) {
        String name = c.name;
        int size = bound.params().length + 1;
        Semantics.CallSite site = new Semantics.CallSite(d.body(), argsSite(c, d), -1, false, name, line);
        return (f, st) -> {
            ScratchText holder = st.pushText();
            Object[] a = args(site.site(), size, in, bound, f, st);
            return Semantics.textSplit(site, holder, a, f, st);
        };
    }

    static Eval function(ClosureCompiler c, Expr.Function fn) {
        Engine engine = c.engine;
        String name = c.name;
        Set<Expr> scratchCalls = c.scratchCalls;
        int line = fn.line();
        CallableDefinition d = engine.definitions().function(fn.name());
        if (d == null) {
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + fn.name() + "\" function.", name, line);
            };
        }
        dev.zweig.semantics.CompileRules.checkFunction(engine, fn, d, name);
        Bound b = bind(c, d, fn.args(), "function", line);
        Eval[] bound = b.params();
        Eval[] unbound = b.unbound();
        switch (fn.name()) {
            case "include":
                return includeFunction(c, bound, unbound, line);
            case "include_only": {
                // ClosureStmts.include(c) without the context (Twig 3.29)
                Eval noContext = (f, st) -> Boolean.FALSE;
                Eval notSandboxed = (f, st) -> Boolean.FALSE;
                return includeFunction(c, new Eval[] {bound[0], bound[1], noContext, bound[2], notSandboxed}, unbound,
                        line);
            }
            case "source":
                return (f, st) -> {
                    Object tn = bound[0].eval(f, st);
                    Object ignore = bound[1].eval(f, st);
                    evalAll(unbound, f, st);
                    return Semantics.source(engine, tn, ignore, st, name, line);
                };
            case "template_from_string":
                boolean shared = c.consumedTemplates.contains(fn);
                return (f, st) -> {
                    Object src = bound[0].eval(f, st);
                    Object n = bound[1].eval(f, st);
                    evalAll(unbound, f, st);
                    return Semantics.templateFromString(engine, src, n, shared);
                };
            default:
                return invoke(c, d, null, b, line, scratchCalls.contains(fn));
        }
    }

    /** Evaluates arguments only for their effects (those no parameter takes). */
    private static void evalAll(Eval[] args, Frame f, RenderState st) {
        for (Eval a : args) {
            a.eval(f, st);
        }
    }

    private static Eval includeFunction(ClosureCompiler c, Eval[] bound, Eval[] unbound, int line) {
        IncludeCall call = includeCall(c, bound, unbound, line);
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
    static Exec includeInPlace(ClosureCompiler c, Expr.Function fn) {
        Engine engine = c.engine;
        int line = fn.line();
        Bound b = bind(c, engine.definitions().function(fn.name()), fn.args(), "function", line);
        Eval[] bound = b.params();
        if (fn.name().equals("include_only")) {
            bound = new Eval[] {bound[0], bound[1], (f, st) -> Boolean.FALSE, bound[2], (f, st) -> Boolean.FALSE};
        }
        IncludeCall call = includeCall(c, bound, b.unbound(), line);
        return (f, st) -> call.render(f, st);
    }

    /** What include() does but capturing: renders the template into the current output (false: none, ignored). */
    private interface IncludeCall {
        boolean render(Frame f, RenderState st);
    }

    private static IncludeCall includeCall(ClosureCompiler c, Eval[] bound, Eval[] unbound, int line) {
        CompiledTemplate t = c.t;
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

    static Eval test(ClosureCompiler c, Expr.Test ts) {
        Engine engine = c.engine;
        String name = c.name;
        int line = ts.line();
        CallableDefinition d = engine.definitions().test(ts.name());
        if (d == null) {
            return (f, st) -> {
                throw new TemplateRuntimeException("Unknown \"" + ts.name() + "\" test.", name, line);
            };
        }
        if (ts.name().equals("empty") && ts.args().isEmpty() && engine.isCoreTest(d)
                && (ts.input() instanceof Expr.Parent || (ts.input() instanceof Expr.BlockRef br && !br.defined()))) {
            return renderedEmpty(c, ts.input(), line);
        }
        Eval in = c.expr(ts.input());
        Bound bound = bind(c, d, ts.args(), "test", line);
        if (engine.isCoreTest(d) && dev.zweig.semantics.CompileRules.COMPILED_TESTS.contains(ts.name())) {
            // Twig compiles these tests to an expression of their input and first arguments: the rest is dropped
            // unevaluated
            bound = new Bound(bound.params(), Bound.NONE, bound.listSite());
        }
        Eval call = invoke(c, d, in, bound, line);
        // the core tests most used in loops, on the values they usually see, without a call
        if (engine.isCoreTest(d)) {
            int site = engine.newSite();
            switch (ts.name()) {
                case "odd":
                    return (f, st) -> {
                        Object v = in.eval(f, st);
                        return v instanceof Long l ? l % 2 != 0 : Values.isTrue(invokeOn(c, d, v, f, st, line, site));
                    };
                case "even":
                    return (f, st) -> {
                        Object v = in.eval(f, st);
                        return v instanceof Long l ? l % 2 == 0 : Values.isTrue(invokeOn(c, d, v, f, st, line, site));
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
    private static Eval renderedEmpty(ClosureCompiler c, Expr rendered, int line) {
        Exec render = c.writer(rendered, null, line, false);
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

    static Eval macroCall(ClosureCompiler c, Expr.MacroCall mc) {
        String name = c.name;
        CompiledTemplate t = c.t;
        int line = mc.line();
        boolean self = mc.holder().equals("_self");
        int slot = self ? -1 : c.importSlot(mc.holder());
        String macro = mc.name();
        Eval nameE = mc.nameExpr() == null ? null : c.expr(mc.nameExpr());
        List<Expr.Arg> argsAst = dev.zweig.semantics.CompileRules.macroArgs(mc.args());
        int n = argsAst.size();
        Eval[] vals = new Eval[n];
        String[] names = new String[n];
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            vals[i] = c.expr(argsAst.get(i).value());
            names[i] = argsAst.get(i).name();
            spread[i] = argsAst.get(i).spread();
        }
        String holderName = mc.holder();
        boolean unpackable = !dev.zweig.semantics.CompileRules.positionalAfterNamed(argsAst);
        if (unpackable && argsAst.stream().noneMatch(Expr.Arg::spread)) {
            // bound straight into the macro's frame from the call depth's argument array (see macroInPlace); read
            // only as text by the core: its output in a render-private buffer (see ScratchAnalysis)
            boolean text = c.scratchTexts.contains(mc);
            return (f, st) -> {
                String mn = nameE == null ? macro : Values.toString(nameE.eval(f, st));
                CompiledTemplate.MacroImpl m = Semantics.findMacro(name, self ? t : f.get(slot), holderName, mn, f,
                        st, line);
                Object[] values = st.pushArgs(n);
                try {
                    for (int i = 0; i < n; i++) {
                        values[i] = vals[i].eval(f, st);
                    }
                    return text ? Semantics.macroText(name, m, values, n, names, st, line)
                            : Semantics.macroValue(name, m, values, n, names, st, line);
                } finally {
                    st.popArgs(n);
                }
            };
        }
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

    /**
     * A printed macro call with positional arguments: binds the arguments straight into the macro's frame and runs
     * its body into the current output (its result would be printed unescaped anyway), building no list, no
     * captured String and no Markup.
     */
    static Exec macroInPlace(ClosureCompiler c, Expr.MacroCall mc) {
        String name = c.name;
        CompiledTemplate t = c.t;
        int line = mc.line();
        boolean self = mc.holder().equals("_self");
        int slot = self ? -1 : c.importSlot(mc.holder());
        String macro = mc.name();
        String holderName = mc.holder();
        List<Expr.Arg> args = dev.zweig.semantics.CompileRules.macroArgs(mc.args());
        Eval[] vals = args.stream().map(a -> c.expr(a.value())).toArray(Eval[]::new);
        String[] argNames = args.stream().map(Expr.Arg::name).toArray(String[]::new);
        if (dev.zweig.semantics.CompileRules.positionalAfterNamed(args)) {
            Eval call = macroCall(c, mc);
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
}
