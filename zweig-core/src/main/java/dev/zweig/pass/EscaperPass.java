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
 * Decides autoescaping once, at compile time, after Twig's EscaperNodeVisitor and SafeAnalysisNodeVisitor:
 * <ul>
 * <li>every filter declared with a pre-escape strategy (nl2br, spaceless: html) gets its input escaped with that
 * strategy unless the input is already safe for it, wherever the filter stands (inside ternaries, {@code ??},
 * concatenations, arrays, hashes, arrow bodies, arguments, set values, ...) and whether autoescaping is on or not;
 * <li>each print gets the strategy in effect unless its expression is known to be safe for it; the operands of
 * {@code ? :}, {@code ?:} and {@code ??} are escaped one by one (recursively through nested ones), as Twig does
 * for operators implementing OperatorEscapeInterface.
 * </ul>
 * Safety (SafeAnalysisNodeVisitor): literals, macro calls, {@code block()} and {@code parent()} are safe for
 * everything; a filter or function is safe for what it declares ({@code safe(...)} or its safe callback, e.g.
 * {@code escape('js')} is safe for js), else a filter preserving safety keeps its input's safety for the
 * strategies it names; a ternary, {@code ?:} or {@code ??} is safe for what both operands are safe for; anything
 * else (variables, attributes, operators, concatenations, literal arrays and hashes, tests) is safe for nothing.
 * Safety for html_attr implies html_attr_relaxed and html, safety for html_attr_relaxed implies html. Values
 * that are Markup at run time (captures, macro results, include()) pass the inserted escaping unchanged.
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
        // Twig's visitor pre-escapes every filter node of the tree it visits (preEscapeFilterNode runs on each
        // FilterExpression it leaves), children first: a rewrite of every expression of the module
        return autoescape(new TreeRewriter(this::preEscape).module(m));
    }

    private Module autoescape(Module m) {
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
                    (Stmt.Body) stmt(d.body(), defaultStrategy), d.line(), d.varargs()));
        }
        Map<String, Module.BlockDef> newBlocks = new LinkedHashMap<>();
        for (String name : m.blocks().keySet()) {
            newBlocks.put(name, done.get(name));
        }
        List<Module> embedded = new ArrayList<>();
        for (Module e : m.embedded()) {
            embedded.add(new EscaperPass(defs, defaultStrategy).autoescape(e));
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
            Expr e = p.expr();
            if (strategy == null) {
                return p;
            }
            if (isEscapedByOperand(e)) {
                return new Stmt.Print(escapeOperands(e, strategy), null, p.line());
            }
            return new Stmt.Print(e, isSafe(e, strategy) ? null : strategy, p.line());
        }
        if (s instanceof Stmt.If i) {
            List<Stmt> bodies = new ArrayList<>();
            for (Stmt b : i.bodies()) {
                bodies.add(stmt(b, strategy));
            }
            return new Stmt.If(i.conds(), bodies, stmt(i.otherwise(), strategy), i.line());
        }
        if (s instanceof Stmt.For f) {
            return new Stmt.For(f.keyVar(), f.valueVar(), f.seq(), stmt(f.body(), strategy),
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
        if (s instanceof Stmt.BlockCall bc) {
            block(bc.name(), strategy);
        }
        if (s instanceof Stmt.Custom c) {
            // the node prints with the strategy in effect where it stands (NodeContext.print), its bodies too
            List<Stmt> bodies = new ArrayList<>();
            for (Stmt b : c.bodies()) {
                bodies.add(stmt(b, strategy));
            }
            return new Stmt.Custom(c.tag(), c.node(), c.expressions(), bodies, c.variables(), strategy, c.line());
        }
        return s;
    }

    /** The operators whose operands Twig escapes one by one (OperatorEscapeInterface): {@code ? :}, ?:, ??. */
    private static boolean isEscapedByOperand(Expr e) {
        return e instanceof Expr.Conditional || e instanceof Expr.NullCoalesce;
    }

    /** Escapes each operand of a ternary, ?: or ??, recursing into nested ones (Twig's escapeConditional). */
    private Expr escapeOperands(Expr e, String strategy) {
        if (e instanceof Expr.Conditional c) {
            // a ?: b escapes a (what it yields when true) and b; its condition stays as it is
            Expr left = c.then() == null ? c.cond() : c.then();
            Expr escapedLeft = escapeOperand(left, strategy);
            Expr then = c.then() == null && escapedLeft == left ? null : escapedLeft;
            return new Expr.Conditional(c.cond(), then, escapeOperand(c.otherwise(), strategy), c.line());
        }
        Expr.NullCoalesce n = (Expr.NullCoalesce) e;
        return new Expr.NullCoalesce(escapeOperand(n.left(), strategy), escapeOperand(n.right(), strategy),
                n.line());
    }

    private Expr escapeOperand(Expr e, String strategy) {
        if (isEscapedByOperand(e)) {
            return escapeOperands(e, strategy);
        }
        return isSafe(e, strategy) ? e : escaped(e, strategy);
    }

    /** The escaping Twig inserts: {@code e|escape(strategy, null, true)} (autoescape: Markup passes unchanged). */
    private static Expr escaped(Expr e, String strategy) {
        return new Expr.Filter("escape", e, List.of(new Expr.Arg(null, new Expr.Literal(strategy, e.line()), false),
                new Expr.Arg(null, new Expr.Literal(null, e.line()), false),
                new Expr.Arg(null, new Expr.Literal(Boolean.TRUE, e.line()), false)), e.line());
    }

    /** Escapes the input of a filter declared with a pre-escape strategy, unless it is safe for it already. */
    private Expr preEscape(Expr e) {
        if (e instanceof Expr.Filter f && f.input() != null) {
            FilterDefinition d = defs.filter(f.name());
            if (d != null && d.preEscape() != null && !isSafe(f.input(), d.preEscape())) {
                return new Expr.Filter(f.name(), escaped(f.input(), d.preEscape()), f.args(), f.line());
            }
        }
        return e;
    }

    private boolean isSafe(Expr e, String strategy) {
        Set<String> s = safety(e);
        return s.contains("all") || s.contains(strategy);
    }

    /** The strategies an expression's value is safe for, with the implied ones (SafeAnalysisNodeVisitor). */
    private Set<String> safety(Expr e) {
        Set<String> s = declaredSafety(e);
        if (s.contains("html_attr") && !s.containsAll(Set.of("html", "html_attr_relaxed"))) {
            s = new HashSet<>(s);
            s.add("html");
            s.add("html_attr_relaxed");
        } else if (s.contains("html_attr_relaxed") && !s.contains("html")) {
            s = new HashSet<>(s);
            s.add("html");
        }
        return s;
    }

    private Set<String> declaredSafety(Expr e) {
        if (e instanceof Expr.Literal || e instanceof Expr.MacroCall || e instanceof Expr.Parent) {
            return ALL;
        }
        if (e instanceof Expr.BlockRef b) {
            return b.defined() ? Set.of() : ALL; // block('x') is defined: a boolean test
        }
        if (e instanceof Expr.Conditional c) {
            return intersect(safety(c.then() == null ? c.cond() : c.then()), safety(c.otherwise()));
        }
        if (e instanceof Expr.NullCoalesce n) {
            return intersect(safety(n.left()), safety(n.right()));
        }
        if (e instanceof Expr.Filter f) {
            FilterDefinition d = defs.filter(f.name());
            if (d == null) {
                return Set.of();
            }
            Set<String> declared = d.safe(new WrittenArguments(f.args()));
            if (!declared.isEmpty() || f.input() == null) {
                return declared;
            }
            return intersect(safety(f.input()), d.preservedSafety());
        }
        if (e instanceof Expr.Function fn) {
            CallableDefinition d = defs.function(fn.name());
            return d == null ? Set.of() : d.safe(new WrittenArguments(fn.args()));
        }
        return Set.of();
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return Set.of();
        }
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
