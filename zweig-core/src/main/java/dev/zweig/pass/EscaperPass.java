package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.parser.Definitions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides autoescaping once, at compile time (after Twig's EscaperNodeVisitor and SafeAnalysisNodeVisitor): each
 * print gets the strategy in effect unless its expression is known to be safe for it; ternary and {@code ??}
 * branches are escaped one by one; filters declared with pre-escaping get their input escaped.
 */
public final class EscaperPass {
    private static final Set<String> ALL = Set.of("all");

    private final Definitions defs;
    private final String defaultStrategy;
    private Map<String, Module.BlockDef> blocks;
    private Map<String, Module.BlockDef> done;

    public EscaperPass(Definitions defs, String defaultStrategy) {
        this.defs = defs;
        this.defaultStrategy = defaultStrategy;
    }

    public Module apply(Module m) {
        blocks = m.blocks();
        done = new LinkedHashMap<>();
        Stmt.Body body = (Stmt.Body) stmt(m.body(), defaultStrategy);
        // blocks never reached from the body (child templates drop output): default strategy
        for (Module.BlockDef b : m.blocks().values()) {
            if (!done.containsKey(b.name())) {
                block(b.name(), defaultStrategy);
            }
        }
        Map<String, Module.MacroDef> macros = new LinkedHashMap<>();
        for (Module.MacroDef d : m.macros().values()) {
            macros.put(d.name(), new Module.MacroDef(d.name(), d.params(), d.defaults(),
                    (Stmt.Body) stmt(d.body(), defaultStrategy), d.line()));
        }
        Map<String, Module.BlockDef> newBlocks = new LinkedHashMap<>();
        for (String name : m.blocks().keySet()) {
            newBlocks.put(name, done.get(name));
        }
        List<Module> embedded = new ArrayList<>();
        for (Module e : m.embedded()) {
            embedded.add(new EscaperPass(defs, defaultStrategy).apply(e));
        }
        return new Module(m.name(), body, m.parent(), m.parentLine(), newBlocks, macros, m.uses(), embedded,
                m.imports(), m.source());
    }

    private void block(String name, String strategy) {
        if (done.containsKey(name)) {
            return;
        }
        Module.BlockDef b = blocks.get(name);
        if (b == null) {
            return; // a block of a discarded guard branch: never defined, never rendered
        }
        done.put(name, b); // guard against cycles
        done.put(name, new Module.BlockDef(name, (Stmt.Body) stmt(b.body(), strategy), b.line()));
    }

    private Stmt stmt(Stmt s, String strategy) {
        if (s == null) {
            return null;
        }
        if (s instanceof Stmt.Body b) {
            List<Stmt> out = new ArrayList<>(b.stmts().size());
            for (Stmt c : b.stmts()) {
                out.add(stmt(c, strategy));
            }
            return new Stmt.Body(out, b.line());
        }
        if (s instanceof Stmt.Print p) {
            Expr e = expr(p.expr(), strategy);
            if (strategy == null) {
                return new Stmt.Print(e, null, p.line());
            }
            if (e instanceof Expr.Conditional || e instanceof Expr.NullCoalesce) {
                return new Stmt.Print(escape(e, strategy), null, p.line());
            }
            return new Stmt.Print(e, isSafe(e, strategy) ? null : strategy, p.line());
        }
        if (s instanceof Stmt.If i) {
            List<Stmt> bodies = new ArrayList<>();
            List<Expr> conds = new ArrayList<>();
            for (int k = 0; k < i.conds().size(); k++) {
                conds.add(expr(i.conds().get(k), strategy));
                bodies.add(stmt(i.bodies().get(k), strategy));
            }
            return new Stmt.If(conds, bodies, stmt(i.otherwise(), strategy), i.line());
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.keyVar(), f.valueVar(), expr(f.seq(), strategy), stmt(f.body(), strategy),
                    stmt(f.otherwise(), strategy), f.usesLoop(), f.line());
        }
        if (s instanceof Stmt.Capture c) {
            return new Stmt.Capture(c.name(), stmt(c.body(), strategy), c.line());
        }
        if (s instanceof Stmt.Autoescape a) {
            return new Stmt.Autoescape(a.strategy(), stmt(a.body(), a.strategy()), a.line());
        }
        if (s instanceof Stmt.With w) {
            return new Stmt.With(w.variables(), w.only(), stmt(w.body(), strategy), w.line());
        }
        if (s instanceof Stmt.Guard g) {
            return new Stmt.Guard(g.exists(), stmt(g.body(), strategy), stmt(g.otherwise(), strategy), g.line());
        }
        if (s instanceof Stmt.Sandbox sb) {
            return new Stmt.Sandbox(stmt(sb.body(), strategy), sb.line());
        }
        if (s instanceof Stmt.Set st) {
            List<Expr> values = new ArrayList<>();
            for (Expr v : st.values()) {
                values.add(expr(v, strategy));
            }
            return new Stmt.Set(st.names(), values, st.line());
        }
        if (s instanceof Stmt.BlockCall bc) {
            block(bc.name(), strategy);
            return s;
        }
        return s;
    }

    /** Escapes an expression, branch by branch through ternaries and {@code ??} (as Twig does). */
    private Expr escape(Expr e, String strategy) {
        if (e instanceof Expr.Conditional c) {
            Expr then = c.then() == null ? c.cond() : c.then();
            return new Expr.Conditional(c.cond(), escape(then, strategy), escape(c.otherwise(), strategy), c.line());
        }
        if (e instanceof Expr.NullCoalesce n) {
            return new Expr.NullCoalesce(escape(n.left(), strategy), escape(n.right(), strategy), n.line());
        }
        if (isSafe(e, strategy)) {
            return e;
        }
        return new Expr.Filter("escape", e, List.of(new Expr.Arg(null, new Expr.Literal(strategy, e.line()), false),
                new Expr.Arg(null, new Expr.Literal(null, e.line()), false),
                new Expr.Arg(null, new Expr.Literal(Boolean.TRUE, e.line()), false)), e.line());
    }

    /** Pre-escapes inputs of filters declared with a pre-escape strategy (whether autoescaping is on or not). */
    private Expr expr(Expr e, String strategy) {
        if (e == null) {
            return e;
        }
        if (e instanceof Expr.Filter f) {
            Expr input = expr(f.input(), strategy);
            FilterDefinition d = defs.filter(f.name());
            if (d != null && d.preEscape() != null && input != null && !isSafe(input, d.preEscape())) {
                input = new Expr.Filter("escape", input, List.of(
                        new Expr.Arg(null, new Expr.Literal(d.preEscape(), e.line()), false),
                        new Expr.Arg(null, new Expr.Literal(null, e.line()), false),
                        new Expr.Arg(null, new Expr.Literal(Boolean.TRUE, e.line()), false)), e.line());
            }
            return new Expr.Filter(f.name(), input, f.args(), f.line());
        }
        return e;
    }

    private boolean isSafe(Expr e, String strategy) {
        Set<String> s = safety(e);
        return s.contains("all") || s.contains(strategy);
    }

    private Set<String> safety(Expr e) {
        if (e instanceof Expr.Literal) {
            return ALL;
        }
        if (e instanceof Expr.MacroCall || e instanceof Expr.Parent || e instanceof Expr.BlockRef) {
            return ALL;
        }
        if (e instanceof Expr.Conditional c) {
            Set<String> a = c.then() == null ? safety(c.cond()) : safety(c.then());
            return intersect(a, safety(c.otherwise()));
        }
        if (e instanceof Expr.NullCoalesce n) {
            return intersect(safety(n.left()), safety(n.right()));
        }
        if (e instanceof Expr.Filter f) {
            switch (f.name()) {
                case "raw":
                    return ALL;
                case "escape":
                case "e":
                    if (f.args().isEmpty()) {
                        return Set.of("html");
                    }
                    if (f.args().get(0).value() instanceof Expr.Literal l && l.value() instanceof String s) {
                        // attribute-escaped text is also safe inside html
                        if (s.equals("html_attr")) {
                            return Set.of(s, "html", "html_attr_relaxed");
                        }
                        return s.startsWith("html_attr") ? Set.of(s, "html") : Set.of(s);
                    }
                    return Set.of();
                default:
                    FilterDefinition d = defs.filter(f.name());
                    if (d == null) {
                        return Set.of();
                    }
                    if (!d.safe().isEmpty()) {
                        return d.safe();
                    }
                    if (d.preservesSafety() && f.input() != null) {
                        return safety(f.input());
                    }
                    return Set.of();
            }
        }
        if (e instanceof Expr.Function fn) {
            CallableDefinition d = defs.function(fn.name());
            return d == null ? Set.of() : d.safe();
        }
        return Set.of();
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a.contains("all")) {
            return b;
        }
        if (b.contains("all")) {
            return a;
        }
        Set<String> r = new HashSet<>(a);
        r.retainAll(b);
        return r;
    }
}
