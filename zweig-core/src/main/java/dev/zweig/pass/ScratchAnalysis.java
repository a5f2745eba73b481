package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the core filter calls whose result collection provably never reaches user code and never outlives the
 * render: those may build it in render-private scratch storage (reused by the next render) instead of a new
 * object. Everything not proven here gets a fresh collection, owned by whoever receives it.
 *
 * <p>A result qualifies when it is consumed on the spot by a core filter, test or statement that reads it and
 * keeps nothing of the collection itself (join, length, first, for ... in, printing...), or when it is assigned by
 * {@code set} to a variable whose every read in the same scope is such a consumption, in a scope that hands its
 * variables to nothing else (no include, embed, with, block, parent(), {@code _context}, {@code _parent},
 * {@code loop.parent}, and no call of a user's filter, function or test, which may see the context).
 * The trade-off: conservative, so a template that does any of those pays one collection per call.
 */
public final class ScratchAnalysis {
    /** Filters whose results may be built in scratch storage (they ask the call context for their collection). */
    private static final Set<String> PRODUCERS = Set.of("map", "sort");
    /** Core filters that read their input and never return it or keep it. */
    private static final Set<String> CONSUMING_FILTERS = Set.of("join", "length", "first", "last", "reduce", "sort",
            "map", "filter", "keys", "json_encode");
    /** Core tests that only look at their input. */
    private static final Set<String> CONSUMING_TESTS = Set.of("empty", "iterable", "null", "none", "defined");
    /** Core functions that hand the context to another template or user code. */
    private static final Set<String> CONTEXT_FUNCTIONS = Set.of("include", "include_only", "block",
            "template_from_string", "dump", "parent");

    private final Predicate<String> coreFilter;
    private final Predicate<String> coreFunction;
    private final Predicate<String> coreTest;
    private final Set<Expr> scratch = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Nodes walked, for a look at the clock of the render this compile happens in (if any). */
    private int clockSteps;

    private ScratchAnalysis(Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        this.coreFilter = coreFilter;
        this.coreFunction = coreFunction;
        this.coreTest = coreTest;
    }

    /** The filter calls of a module (not of its embedded templates) that may use scratch storage. */
    public static Set<Expr> of(Module m, Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        ScratchAnalysis a = new ScratchAnalysis(coreFilter, coreFunction, coreTest);
        a.scope(m.body(), m.parent() != null); // a child's body hands its scope to the parent template
        m.blocks().values().forEach(b -> a.scope(b.body(), false));
        m.macros().values().forEach(d -> a.scope(d.body(), false));
        return a.scratch;
    }

    // ---- one scope: a template body, a block body or a macro body ----------------------------------------

    private void scope(Stmt.Body body, boolean handedOn) {
        Scope s = new Scope();
        List<Stmt> top = body.stmts();
        for (int i = 0; i < top.size(); i++) {
            s.top = i;
            walk(top.get(i), null, s);
        }
        if (handedOn) {
            s.lastLeak = Integer.MAX_VALUE;
        }
        for (Map.Entry<String, List<Expr>> e : s.assigned.entrySet()) {
            // a hand-over that ran to its end before the variable was first assigned cannot see its value
            if (s.lastLeak < s.firstAssigned.get(e.getKey()) && !s.escapingNames.contains(e.getKey())) {
                scratch.addAll(e.getValue());
            }
        }
        scratch.addAll(s.consumedOnTheSpot);
    }

    /** What one scope tells: its producers, how its variables are read, and where it hands its context on. */
    private static final class Scope {
        /** Index of the top-level statement being walked. */
        int top;
        /** Index of the last top-level statement that hands the scope on (-1: none). */
        int lastLeak = -1;
        final Map<String, Integer> firstAssigned = new HashMap<>();
        final Map<String, List<Expr>> assigned = new HashMap<>();
        final Set<String> escapingNames = new HashSet<>();

        void leak() {
            lastLeak = top;
        }
        final List<Expr> consumedOnTheSpot = new ArrayList<>();
    }

    /**
     * Walks any AST value. {@code position} says how the parent uses n: CONSUMED (read and dropped), or null
     * (anything else: the value may be kept or handed on).
     */
    private void walk(Object n, Object position, Scope s) {
        if (n == null) {
            return;
        }
        if ((++clockSteps & 4095) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
        if (n instanceof List<?> l) {
            for (Object o : l) {
                walk(o, null, s);
            }
            return;
        }
        if (n instanceof Stmt st) {
            statement(st, s);
            return;
        }
        if (n instanceof Expr e) {
            expression(e, position == CONSUMED, s);
            return;
        }
        if (n instanceof Expr.Arg a) {
            walk(a.value(), null, s);
            return;
        }
        children(n, s);
    }

    private static final Object CONSUMED = new Object();

    private void statement(Stmt st, Scope s) {
        if (st instanceof Stmt.Include || st instanceof Stmt.Embed || st instanceof Stmt.With
                || st instanceof Stmt.BlockCall || st instanceof Stmt.Sandbox) {
            s.leak();
        }
        if (st instanceof Stmt.Set set) {
            for (int i = 0; i < set.names().size(); i++) {
                Expr v = set.values().get(i);
                if (v instanceof Expr.Filter fl && isProducer(fl)) {
                    s.assigned.computeIfAbsent(set.names().get(i), k -> new ArrayList<>()).add(fl);
                    s.firstAssigned.putIfAbsent(set.names().get(i), s.top);
                    // the producer's own input and arguments are walked as usual
                    walk(fl.input(), CONSUMED, s);
                    walk(fl.args(), null, s);
                } else {
                    walk(v, null, s);
                }
            }
            return;
        }
        if (st instanceof Stmt.For fo) {
            walk(fo.seq(), CONSUMED, s);
            walk(fo.body(), null, s);
            walk(fo.otherwise(), null, s);
            return;
        }
        if (st instanceof Stmt.Print p) {
            walk(p.expr(), CONSUMED, s);
            return;
        }
        children(st, s);
    }

    private void expression(Expr e, boolean consumed, Scope s) {
        if (e instanceof Expr.Name n) {
            switch (n.name()) {
                case "_context", "_parent" -> s.leak();
                default -> {
                    if (!consumed) {
                        s.escapingNames.add(n.name());
                    }
                }
            }
            return;
        }
        if (e instanceof Expr.Parent || e instanceof Expr.BlockRef) {
            s.leak();
        }
        if (e instanceof Expr.GetAttr g && g.attribute() instanceof Expr.Literal l && "parent".equals(l.value())) {
            s.leak(); // loop.parent: a copy of the scope
        }
        if (e instanceof Expr.Filter fl) {
            boolean core = coreFilter.test(fl.name());
            if (!core) {
                s.leak();
            }
            if (consumed && isProducer(fl)) {
                s.consumedOnTheSpot.add(fl);
            }
            walk(fl.input(), core && CONSUMING_FILTERS.contains(fl.name()) ? CONSUMED : null, s);
            walk(fl.args(), null, s);
            return;
        }
        if (e instanceof Expr.Test t) {
            boolean core = coreTest.test(t.name());
            if (!core) {
                s.leak();
            }
            walk(t.input(), core && CONSUMING_TESTS.contains(t.name()) ? CONSUMED : null, s);
            walk(t.args(), null, s);
            return;
        }
        if (e instanceof Expr.Function f) {
            if (!coreFunction.test(f.name()) || CONTEXT_FUNCTIONS.contains(f.name())) {
                s.leak();
            }
            walk(f.args(), null, s);
            return;
        }
        if (e instanceof Expr.Binary b && b.op().equals("in")) {
            walk(b.left(), null, s);
            walk(b.right(), CONSUMED, s);
            return;
        }
        children(e, s);
    }

    /** Walks a record's components (every AST node is a record). */
    private void children(Object n, Scope s) {
        if (!n.getClass().isRecord()) {
            return;
        }
        for (RecordComponent rc : n.getClass().getRecordComponents()) {
            Object v;
            try {
                v = rc.getAccessor().invoke(n);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + n.getClass().getSimpleName(), ex);
            }
            if (v instanceof Expr || v instanceof Stmt || v instanceof List<?> || v instanceof Expr.Arg
                    || v instanceof Expr.Item || v instanceof Expr.Pair) {
                walk(v, null, s);
            }
        }
    }

    private boolean isProducer(Expr.Filter fl) {
        return PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name());
    }
}
