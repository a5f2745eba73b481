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
 *
 * <p>The same reasoning finds the <em>text</em> that may live in render-private buffers: the string result of a
 * core string filter, a {@code ~} or an interpolation, when what reads it is the core reading it as text and
 * keeping nothing of it (printing it, comparing or testing it, another core string filter, {@code ~}), possibly
 * through {@code ?:}, {@code ??}, {@code default} or {@code raw}, which hand it on as it is; or when it is
 * assigned by {@code set} to a variable whose every read in the scope is such a read, in a scope that hands its
 * variables to nothing else. For each such on-the-spot result the analysis also names the expression that reads
 * it (its <em>consumer</em>), where the interpreter frees the buffer again.
 */
public final class ScratchAnalysis {
    /** Filters whose results may be built in scratch storage (they ask the call context for their collection). */
    private static final Set<String> PRODUCERS = Set.of("map", "sort");
    /** Core filters that read their input and never return it or keep it. */
    private static final Set<String> CONSUMING_FILTERS = Set.of("join", "length", "first", "last", "reduce", "sort",
            "map", "filter", "keys", "json_encode");
    /** Core tests that only look at their input. */
    private static final Set<String> CONSUMING_TESTS = Set.of("empty", "iterable", "null", "none", "defined");
    /** Core filters whose result is a string their streaming form writes (for some inputs: see TextFilters). */
    private static final Set<String> TEXT_PRODUCERS = Set.of("capitalize", "lower", "upper", "title", "trim",
            "striptags", "nl2br", "spaceless", "replace", "format", "url_encode", "convert_encoding",
            "number_format", "json_encode", "escape", "e", "date", "join", "slice");
    /** Core filters that read their input as text (or a number or date) and return nothing that holds it. */
    private static final Set<String> TEXT_CONSUMING_FILTERS = Set.of("capitalize", "lower", "upper", "title",
            "trim", "striptags", "nl2br", "spaceless", "replace", "format", "url_encode", "convert_encoding",
            "number_format", "json_encode", "escape", "e", "date", "date_modify", "length", "abs", "round", "split",
            "slice");
    /** Core filters that also read their arguments as text (a format's values, a glue, a date format...). */
    private static final Set<String> TEXT_ARGUMENT_FILTERS = Set.of("format", "join", "date", "number_format",
            "trim", "split");
    /** Core filters that hand on an element of their input: a text (or a list of texts) goes on to what reads it. */
    private static final Set<String> ELEMENT_FILTERS = Set.of("first", "last");
    /** Core filters that return their input (or an argument) as it is: a text passes through them unread. */
    private static final Set<String> TEXT_PASSING_FILTERS = Set.of("default", "raw");
    /** Core tests that read their input (and arguments) as values and keep nothing. */
    private static final Set<String> TEXT_CONSUMING_TESTS = Set.of("empty", "null", "none", "same as", "even",
            "odd", "divisible by", "iterable", "sequence", "mapping", "true", "false");
    /** Operators that only read their operands (their result is a new value). */
    private static final Set<String> TEXT_CONSUMING_OPERATORS = Set.of("==", "!=", "===", "!==", "<", ">", "<=",
            ">=", "<=>", "in", "not in", "matches", "starts with", "ends with", "~", "+", "-", "*", "/", "//", "%",
            "**", "and", "or", "xor", "b-and", "b-or", "b-xor");

    /** Core functions that hand the context to another template or user code. */
    private static final Set<String> CONTEXT_FUNCTIONS = Set.of("include", "include_only", "block",
            "template_from_string", "dump", "parent");

    private final Predicate<String> coreFilter;
    private final Predicate<String> coreFunction;
    private final Predicate<String> coreTest;
    private final Set<Expr> scratch = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Expr> texts = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Expr> textConsumers = Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * What the analysis proved. collections: filter calls whose result collection may be scratch storage;
     * texts: expressions whose string result may be a render-private buffer; textConsumers: the expressions that
     * read such a buffer on the spot and are done with it when they return (a statement reading one is done
     * with it at its end).
     */
    public record Result(Set<Expr> collections, Set<Expr> texts, Set<Expr> textConsumers) {}

    private ScratchAnalysis(Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        this.coreFilter = coreFilter;
        this.coreFunction = coreFunction;
        this.coreTest = coreTest;
    }

    /** The filter calls of a module (not of its embedded templates) that may use scratch storage. */
    public static Set<Expr> of(Module m, Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        return analyze(m, coreFilter, coreFunction, coreTest).collections();
    }

    /** Collections and texts of a module (not of its embedded templates) that may use scratch storage. */
    public static Result analyze(Module m, Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        ScratchAnalysis a = new ScratchAnalysis(coreFilter, coreFunction, coreTest);
        a.scope(m.body(), m.parent() != null); // a child's body hands its scope to the parent template
        m.blocks().values().forEach(b -> a.scope(b.body(), false));
        m.macros().values().forEach(d -> a.scope(d.body(), false));
        return new Result(a.scratch, a.texts, a.textConsumers);
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
        for (Map.Entry<String, List<Expr>> e : s.textAssigned.entrySet()) {
            if (s.lastLeak < s.firstTextAssigned.get(e.getKey()) && !s.textEscapingNames.contains(e.getKey())) {
                texts.addAll(e.getValue());
            }
        }
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
        /** Variables assigned a text result, the statements assigning them, and the names read other than as text. */
        final Map<String, Integer> firstTextAssigned = new HashMap<>();
        final Map<String, List<Expr>> textAssigned = new HashMap<>();
        final Set<String> textEscapingNames = new HashSet<>();
    }

    /**
     * A position where the value is read as text and dropped: consumer is the expression reading it (null: the
     * statement itself); collection says whether a collection there is consumed too.
     */
    private record Text(Expr consumer, boolean collection) {}

    /** Read as text by the statement itself (an if's condition, a do). */
    private static final Text STATEMENT_TEXT = new Text(null, false);

    private static boolean consumed(Object position) {
        return position == CONSUMED || (position instanceof Text t && t.collection());
    }

    /** The position of a value handed on unread (by ?:, ??, default, raw): its text stays in the same position. */
    private static Object passedOn(Object position) {
        return position instanceof Text t ? new Text(t.consumer(), false) : null;
    }

    /**
     * Walks any AST value. {@code position} says how the parent uses n: CONSUMED (read and dropped), a
     * {@link Text} (read as text and dropped), or null (anything else: the value may be kept or handed on).
     */
    private void walk(Object n, Object position, Scope s) {
        if (n == null) {
            return;
        }
        if (n instanceof List<?> l) {
            for (Object o : l) {
                walk(o, position instanceof Text ? position : null, s);
            }
            return;
        }
        if (n instanceof Stmt st) {
            statement(st, s);
            return;
        }
        if (n instanceof Expr e) {
            expression(e, position, s);
            return;
        }
        if (n instanceof Expr.Arg a) {
            walk(a.value(), position instanceof Text ? position : null, s);
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
                if (isTextProducer(v)) {
                    s.textAssigned.computeIfAbsent(set.names().get(i), k -> new ArrayList<>()).add(v);
                    s.firstTextAssigned.putIfAbsent(set.names().get(i), s.top);
                    textOperands(v, s);
                } else if (v instanceof Expr.Filter fl && isProducer(fl)) {
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
            walk(p.expr(), new Text(null, true), s);
            return;
        }
        if (st instanceof Stmt.If i) {
            walk(i.conds(), STATEMENT_TEXT, s);
            walk(i.bodies(), null, s);
            walk(i.otherwise(), null, s);
            return;
        }
        if (st instanceof Stmt.Do d) {
            walk(d.expr(), STATEMENT_TEXT, s);
            return;
        }
        children(st, s);
    }

    private void expression(Expr e, Object position, Scope s) {
        boolean consumed = consumed(position);
        if (e instanceof Expr.Name n) {
            switch (n.name()) {
                case "_context", "_parent" -> s.leak();
                default -> {
                    if (!consumed) {
                        s.escapingNames.add(n.name());
                    }
                    if (!(position instanceof Text)) {
                        s.textEscapingNames.add(n.name());
                    }
                }
            }
            return;
        }
        if (position instanceof Text t && (isTextProducer(e) || (t.collection() && isSplit(e)))) {
            // a split read as a collection of texts (its length, its join, in...) may hold render-private pieces
            texts.add(e);
            if (t.consumer() != null) {
                textConsumers.add(t.consumer());
            }
        }
        if (e instanceof Expr.Defined d && d.target() instanceof Expr.Name) {
            return; // "x is defined" looks at whether x is set, not at its value
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
            if (core && TEXT_PASSING_FILTERS.contains(fl.name())) {
                walk(fl.input(), passedOn(position), s);
                walk(fl.args(), fl.name().equals("default") ? passedOn(position) : null, s);
                return;
            }
            if (core && ELEMENT_FILTERS.contains(fl.name()) && position instanceof Text t) {
                walk(fl.input(), new Text(t.consumer(), true), s); // the element goes where first/last goes
                walk(fl.args(), null, s);
                return;
            }
            filterOperands(fl, core, s);
            return;
        }
        if (e instanceof Expr.Test t) {
            boolean core = coreTest.test(t.name());
            if (!core) {
                s.leak();
            }
            boolean collection = core && CONSUMING_TESTS.contains(t.name());
            boolean text = core && TEXT_CONSUMING_TESTS.contains(t.name());
            walk(t.input(), text ? new Text(t, collection) : collection ? CONSUMED : null, s);
            walk(t.args(), text ? new Text(t, false) : null, s);
            return;
        }
        if (e instanceof Expr.Function f) {
            if (!coreFunction.test(f.name()) || CONTEXT_FUNCTIONS.contains(f.name())) {
                s.leak();
            }
            if (consumed && f.name().equals("range") && coreFunction.test("range")) {
                s.consumedOnTheSpot.add(f); // a .. or range() read on the spot: its list may be scratch storage
            }
            walk(f.args(), null, s);
            return;
        }
        if (e instanceof Expr.Binary b && TEXT_CONSUMING_OPERATORS.contains(b.op())) {
            boolean in = b.op().equals("in") || b.op().equals("not in");
            walk(b.left(), new Text(b, false), s);
            walk(b.right(), new Text(b, in && b.op().equals("in")), s);
            return;
        }
        if (e instanceof Expr.Unary u) {
            walk(u.operand(), new Text(u, false), s);
            return;
        }
        if (e instanceof Expr.Concat c) {
            walk(c.parts(), new Text(c, false), s);
            return;
        }
        if (e instanceof Expr.NullCoalesce n) {
            walk(n.left(), passedOn(position), s);
            walk(n.right(), passedOn(position), s);
            return;
        }
        if (e instanceof Expr.Conditional c) {
            // c ? a : b reads c for its truth (its buffer would have to outlive the branch); a ?: b hands a on
            walk(c.cond(), c.then() == null ? passedOn(position) : null, s);
            walk(c.then(), passedOn(position), s);
            walk(c.otherwise(), passedOn(position), s);
            return;
        }
        children(e, s);
    }

    /** Walks a filter's input (as the filter reads it: text, collection, or anything) and its arguments. */
    private void filterOperands(Expr.Filter fl, boolean core, Scope s) {
        boolean collection = core && CONSUMING_FILTERS.contains(fl.name());
        if (core && (TEXT_CONSUMING_FILTERS.contains(fl.name()) || fl.name().equals("join"))) {
            walk(fl.input(), new Text(fl, collection), s);
        } else {
            walk(fl.input(), collection ? CONSUMED : null, s);
        }
        walk(fl.args(), core && TEXT_ARGUMENT_FILTERS.contains(fl.name()) ? new Text(fl, false) : null, s);
    }

    private boolean isSplit(Expr e) {
        return e instanceof Expr.Filter fl && fl.name().equals("split") && coreFilter.test("split");
    }

    /** Walks the operands of a text producer assigned by set: read by the producer itself. */
    private void textOperands(Expr producer, Scope s) {
        if (producer instanceof Expr.Filter fl) {
            filterOperands(fl, true, s);
        } else if (producer instanceof Expr.Binary b) {
            walk(b.left(), new Text(b, false), s);
            walk(b.right(), new Text(b, false), s);
        } else if (producer instanceof Expr.Concat c) {
            walk(c.parts(), new Text(c, false), s);
        }
    }

    /** A core string filter, a {@code ~} or an interpolation: an expression whose result is built text. */
    private boolean isTextProducer(Expr e) {
        if (e instanceof Expr.Filter fl) {
            return TEXT_PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name());
        }
        return (e instanceof Expr.Binary b && b.op().equals("~"))
                || (e instanceof Expr.Concat c && !(c.parts().size() == 1 && c.parts().get(0) instanceof Expr.Literal));
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
