package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.runtime.CompiledTemplate.MacroImpl;
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
 * Finds the core filter and function calls whose result collection provably never reaches user code and never
 * outlives the render: those may build it in render-private scratch storage (reused by the next render) instead of
 * a new object. Everything not proven here gets a fresh collection, owned by whoever receives it.
 *
 * <p>A result qualifies when it is consumed on the spot by a core filter, function, test or statement that reads it
 * and keeps nothing of the collection itself (join, length, first, max, for ... in, printing...), or when it is
 * assigned by {@code set} to a variable whose every read in the same scope is such a consumption, in a scope that
 * hands its variables to nothing else (no include, embed, with, block, parent(), {@code _context},
 * {@code _parent}, {@code loop.parent}, and no call of a user's filter, function or test, which may see the
 * context). A result whose elements are scratch collections too ({@code batch}: its rows) qualifies only where no
 * element is handed on: a sealed consumer (length, join, a test, printing), or a {@code for} loop whose variable is
 * itself only consumed, in a loop body that hands nothing on.
 *
 * <p>It also finds the <i>release points</i>: the consumers that end a chain of scratch results consumed on the
 * spot ({@code nums|sort|first}: the {@code first}), and the calls that run code in a frame of its own (macro
 * calls, includes). When one of them is done, whatever scratch storage was taken while it ran is dead and can be
 * reused at once, so a loop of any length runs in the same few collections.
 *
 * <p>The same reasoning finds the <em>text</em> that may live in render-private buffers: the string result of a
 * core string filter, a {@code ~} or an interpolation, when what reads it is the core reading it as text and
 * keeping nothing of it (printing it, comparing or testing it, another core string filter, {@code ~}), possibly
 * through {@code ?:}, {@code ??}, {@code default} or {@code raw}, which hand it on as it is; or when it is
 * assigned by {@code set} to a variable whose every read in the scope is such a read, in a scope that hands its
 * variables to nothing else. For each such on-the-spot result the analysis also names the expression that reads
 * it (its <em>text consumer</em>), where the executors free the buffer again (a conditional {@code a ? b : c}
 * frees what its condition read as soon as the condition is decided, before a branch runs, as an {@code if} does).
 *
 * <p><em>Safe</em> text (what Twig keeps as a {@code Twig\Markup}) may live in render-private buffers by the same
 * reasoning: the output of a {@code {% set %}...{% endset %}} capture kept in a variable whose every read in the
 * scope is such a read, in a scope that hands its variables to nothing after it is first set; the capture of an
 * {@code apply} body (a hidden variable that only the print right after reads; no template can name it, and no
 * snapshot of a scope lists it); and a macro called as a value where the core reads its output as text. The arrow
 * of a {@code map} whose result a {@code join} reads on the spot returns its text (or a macro's output) in a
 * buffer that the join frees.
 *
 * <p>List and hash literals of computed values are producers too: consumed on the spot, kept by {@code set} under
 * the same rule as a filter's result, or bound to a macro's parameter. A macro may be another template's, so the
 * caller cannot see what it does with the value: the macro's frame decides when the argument is bound, from what
 * this analysis found about each parameter of the macro's own body (read on the spot, consumed as a collection,
 * or kept: see CompiledTemplate.MacroImpl#paramUse), and copies what its body may keep. The items of a literal
 * whose consumer reads them and drops them (a sealed consumer, a macro's parameter, a kept variable only the core
 * reads as text) may be render-private texts and literals in their turn.
 *
 * <p>An accumulation {@code set v = v|merge([...])} that extends v in place keeps each step's new element (a list
 * or hash literal, or a core merge's result) in the render's element storage, valid until the render ends, when no
 * read of v hands an element to anything that may keep it (see keptItems): what a hand-over of the scope gets of it
 * is a copy (Frame#ownCollections, Semantics#bound, Snapshots).
 *
 * <p>The trade-off: conservative, so a template that does any of those pays one collection per call.
 *
 * <p>This file is over 800 lines because it is one walk over the AST with one notion of position (how the parent
 * uses a value), shared by collections, texts and dates; splitting it by kind of storage would repeat the walk.
 */
public final class ScratchAnalysis {
    /** Core filters whose results may be built in scratch storage (their elements are the input's, or computed). */
    private static final Set<String> PRODUCERS = Set.of("map", "sort", "filter", "keys", "merge", "reverse", "slice",
            "column", "split");
    /** Core filters whose result holds elements of their input (see elementsStay). */
    private static final Set<String> ELEMENT_PASSING_FILTERS = Set.of("sort", "filter", "slice", "reverse");
    /** Core filters whose scratch results hold scratch collections (batch: rows). */
    private static final Set<String> DEEP_PRODUCERS = Set.of("batch");
    /**
     * Core filters whose result is a render-private date (date_modify's), allowed only where the core date filters
     * read it as their input.
     */
    private static final Set<String> DATE_PRODUCERS = Set.of("date_modify");
    /** Core filters that read a render-private date as their input and keep nothing of it. */
    private static final Set<String> DATE_READERS = Set.of("date", "date_modify");
    /** Operators that read a render-private date as an instant and keep nothing of it. */
    private static final Set<String> DATE_COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=", "<=>");
    /** Core functions whose results may be built in scratch storage. */
    private static final Set<String> PRODUCING_FUNCTIONS = Set.of("range");
    /** Core functions whose result is a render-private date where a core date filter reads it on the spot. */
    private static final Set<String> DATE_FUNCTIONS = Set.of("date");
    /** Core filters that read their input and never return it or keep it (they may return an element of it). */
    private static final Set<String> CONSUMING_FILTERS = Set.of("join", "length", "first", "last", "reduce", "sort",
            "map", "filter", "keys", "json_encode", "find", "batch", "column", "merge", "reverse", "slice", "date",
            "date_modify", "url_encode");
    /** Consuming filters that hand no element of their input on either. */
    private static final Set<String> SEALED_FILTERS = Set.of("join", "length", "json_encode", "date", "date_modify",
            "url_encode");
    /** Filters whose other arguments are read like their input (merge's other arrays). */
    private static final Set<String> CONSUMING_ARGUMENTS = Set.of("merge");
    /**
     * Filters that read their other arguments' pairs and hand on nothing of them (replace's mapping: strtr makes a
     * new string of the pairs' texts).
     */
    private static final Set<String> SEALED_ARGUMENTS = Set.of("replace");
    /** Core functions that read their arguments and keep none (they may return an element of one). */
    private static final Set<String> CONSUMING_FUNCTIONS = Set.of("max", "min", "cycle");
    /**
     * Core filters that call the arrow given as their first argument ({@code arrow}) during the call and drop it
     * (the compiler's private arrows, see CompileRules#privateArrowArgs).
     */
    private static final Set<String> ARROW_FILTERS = Set.of("map", "filter", "find", "sort", "reduce");
    /** Core functions that return one of their arguments as it is (max, min). */
    private static final Set<String> ELEMENT_FUNCTIONS = Set.of("max", "min");
    /** Arguments of max/min whose result is read as a date (so are they: one of them is that result). */
    private final Set<Expr> dateElements = identitySet();
    /** Arrows called and dropped where they are written (a core filter's, has some/every's). */
    private final Set<Expr.Arrow> privateArrows = identitySet();
    /** Core tests that only look at their input. */
    private static final Set<String> CONSUMING_TESTS = Set.of("empty", "iterable", "null", "none", "defined",
            "same as", "sequence", "mapping");
    /** Operators that read both operands and give a boolean or a number. */
    private static final Set<String> SEALED_OPERATORS = Set.of("and", "or", "xor", "==", "!=", "<", ">", "<=", ">=",
            "<=>");
    /** Core functions that hand the context to another template or user code. */
    private static final Set<String> CONTEXT_FUNCTIONS = Set.of("include", "include_only", "block",
            "template_from_string", "dump", "parent");
    /** Core functions that render another template in a frame of their own. */
    private static final Set<String> FRAME_FUNCTIONS = Set.of("include", "include_only");
    /** Core filters whose result is a string their streaming form writes (for some inputs: see TextFilters). */
    private static final Set<String> TEXT_PRODUCERS = Set.of("capitalize", "lower", "upper", "title", "trim",
            "striptags", "nl2br", "spaceless", "replace", "format", "url_encode", "convert_encoding",
            "number_format", "json_encode", "escape", "e", "date", "join", "slice");
    /** Core filters that read their input as text (or a number or date) and return nothing that holds it. */
    private static final Set<String> TEXT_CONSUMING_FILTERS = Set.of("capitalize", "lower", "upper", "title",
            "trim", "striptags", "nl2br", "spaceless", "replace", "format", "url_encode", "convert_encoding",
            "number_format", "json_encode", "escape", "e", "date", "date_modify", "length", "abs", "round", "split",
            "slice", "join", "reverse");
    /** Core filters that also read their arguments as text (a format's values, a glue, a date format...). */
    private static final Set<String> TEXT_ARGUMENT_FILTERS = Set.of("format", "join", "date", "number_format",
            "trim", "split", "date_modify");
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

    /**
     * What the analysis found. scratch: the calls whose result collection may be scratch storage; releasePoints:
     * where scratch storage can be released; texts: the expressions whose string result may be a render-private
     * buffer; textConsumers: the expressions that read such a buffer on the spot and are done with it when they
     * return (a statement reading one is done with it at its end; an include statement frees what its variables
     * took when it ends); textOnlyNames: the names the module reads as text alone, nowhere handing them on (empty
     * when it extends a template or hands its context on anywhere): an including template's render-private text
     * may be passed to it under such a name. collectionKeptNames: when the module is included with the context,
     * the names under which it may keep or hand on a collection (null: any name, the module hands its context on):
     * an including template's render-private collection passes to it under any other name (see
     * Frame#ownCollections); a child's parent template is checked the same way where it is resolved. keptDates:
     * the date producers (scratch calls) that a {@code set} of one variable assigns, whose date the set copies into
     * the scope's own date for the variable (see Frame#date) and whose scratch storage it gives back at once (a
     * loop of any length then takes none). dateParams: for each macro, the parameters its body (and its defaults)
     * read only as dates, in a body that hands its scope to nothing: a render-private date passed there stays one
     * (any other parameter gets a ZonedDateTime).
     * macroParams: for each macro, how its body reads each parameter (see CompiledTemplate.MacroImpl#paramUse): what
     * a value of the caller's render-private storage passed to it may stay (see Semantics#boundArgument).
     * blockKeptNames: for each block of the module whose body hands its scope to nothing, the names under which it
     * may keep, change or hand on a collection (any other name it only reads on the spot); a block not listed may
     * keep any: what a block gets of the scope that renders it is a copy made its own under those names (see
     * CompiledTemplate#yieldBlock, Frame#ownCollections). blockReadNames: for the same blocks, the names they read
     * at all (a collection holding render-private ones passes under any other name as it is).
     * collectionReadNames: with collectionKeptNames (null with it), the names the module reads at all, in its body,
     * blocks and macros. collectionDeepReadNames: with collectionKeptNames (empty when that is null), the names the
     * module's body reads only deep and on the spot (see deepReadNames): a collection holding render-private ones,
     * at any depth, passes to it under such a name as it is (see Frame#ownCollections).
     */
    public record Result(Set<Expr> scratch, Set<Object> releasePoints, Set<Expr> texts, Set<Object> textConsumers,
            Set<String> textOnlyNames, Set<Stmt.Capture> captures, Set<String> collectionKeptNames,
            Set<Expr> keptDates, Map<String, Set<String>> dateParams, Map<String, byte[]> macroParams,
            Map<Expr, Byte> inPlace, Map<String, Set<String>> blockKeptNames,
            Map<String, Set<String>> blockReadNames, Set<String> collectionReadNames,
            Set<String> collectionDeepReadNames) {
        /**
         * How a scratch call may extend its input in place (see Semantics.CallSite#inPlace): 0, or
         * Semantics.IN_PLACE_VARIABLE or IN_PLACE_CARRY.
         */
        public byte inPlace(Expr call) {
            Byte kind = inPlace.get(call);
            return kind == null ? 0 : kind;
        }

        /**
         * Hands a compiled template what its renders read of this analysis: the names the engine may pass to it, or
         * keep of it, as render-private storage (the same for both executors).
         */
        public void applyTo(dev.zweig.runtime.CompiledTemplate t) {
            t.textOnlyNames = textOnlyNames;
            t.collectionKeptNames = collectionKeptNames;
            t.blockKeptNames = blockKeptNames;
            t.blockReadNames = blockReadNames;
            t.collectionReadNames = collectionReadNames;
            t.collectionDeepReadNames = collectionDeepReadNames;
        }
    }


    private final Predicate<String> coreFilter;
    private final Predicate<String> coreFunction;
    private final Predicate<String> coreTest;
    private final Set<Expr> scratch = identitySet();
    private final Set<Object> releasePoints = identitySet();
    private final Set<Expr> texts = identitySet();
    private final Set<Object> textConsumers = identitySet();
    /** The captures whose output may be kept as render-private safe text. */
    private final Set<Stmt.Capture> captures = identitySet();
    /** Names read as text somewhere in the module, names read otherwise, and whether any scope hands itself on. */
    private final Set<String> textReadNames = new HashSet<>();
    private final Set<String> notTextReadNames = new HashSet<>();
    /** Names some scope of the module reads other than as a collection consumed on the spot. */
    private final Set<String> keptNames = new HashSet<>();
    /** Date producers assigned by a set, copied into the variable's own date (see Result). */
    private final Set<Expr> keptDates = identitySet();
    /** Per macro, the parameters read only as dates (see Result). */
    private final Map<String, Set<String>> dateParams = new HashMap<>();
    /** Per macro, how its body reads each parameter (see Result). */
    private final Map<String, byte[]> macroParams = new HashMap<>();
    /** The scratch calls that may extend their input in place, and how (see Result#inPlace). */
    private final Map<Expr, Byte> inPlace = new IdentityHashMap<>();
    /** Where each filter call and each element access stands (see elementsStay). */
    private final Map<Expr, Position> filterAt = new IdentityHashMap<>();
    /** For each for loop, whether its body hands a collection on (see elementsStay). */
    private final Map<Stmt.For, Boolean> loopCollectionLeaks = new IdentityHashMap<>();
    private boolean handsOn;
    /**
     * Whether the module hands its scope to something that does not make what it may keep of the scope's
     * collections its own (user code, _context, a with, a sandbox...): an include, an embed, a block and parent()
     * do (Frame#ownCollections), and so does the parent template a child hands its scope to (see
     * CompiledTemplate#display).
     */
    private boolean collectionsHandedOn;
    /** The names read in any scope of the module (see Result#collectionReadNames). */
    private final Set<String> readNames = new HashSet<>();
    /** Nodes walked, for a look at the clock of the render this compile happens in (if any). */
    private int clockSteps;

    private ScratchAnalysis(Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        this.coreFilter = coreFilter;
        this.coreFunction = coreFunction;
        this.coreTest = coreTest;
    }

    private static <T> Set<T> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** The calls and texts of a module (not of its embedded templates) that may use scratch storage. */
    public static Result of(Module m, Predicate<String> coreFilter, Predicate<String> coreFunction,
            Predicate<String> coreTest) {
        ScratchAnalysis a = new ScratchAnalysis(coreFilter, coreFunction, coreTest);
        if (m.parent() != null) {
            // the parent's name is read as text where it is resolved (CompiledTemplate#resolveParent, which gives
            // its buffer back): a String of the render's key cache (see Engine#templateName)
            a.walk(m.parent(), Position.text(null, m), new Scope());
        }
        Scope body = a.scope(m.body(), m.parent() != null); // a child's body hands its scope to the parent template
        Map<String, Set<String>> blockKept = new HashMap<>();
        Map<String, Set<String>> blockRead = new HashMap<>();
        m.blocks().forEach((name, b) -> {
            Scope s = a.scope(b.body(), false);
            // (an include, a block() or parent() in it makes what it hands on its own in turn: no hand-over)
            if (s.collectionLeaks == s.withLeaks) {
                blockKept.put(name, s.keptNames());
                blockRead.put(name, Set.copyOf(s.readNames));
            }
        });
        m.macros().values().forEach(a::macro);
        Set<String> textOnly = new HashSet<>();
        if (m.parent() == null && !a.handsOn) {
            textOnly.addAll(a.textReadNames);
            textOnly.removeAll(a.notTextReadNames);
        }
        // (a child's parent gets the scope as its own in turn, checked against its kept names where it is resolved)
        Set<String> kept = !a.collectionsHandedOn ? Set.copyOf(a.keptNames) : null;
        return new Result(a.scratch, a.releasePoints, a.texts, a.textConsumers, Set.copyOf(textOnly), a.captures,
                kept, a.keptDates, Map.copyOf(a.dateParams), Map.copyOf(a.macroParams), a.inPlace,
                Map.copyOf(blockKept), Map.copyOf(blockRead), kept == null ? null : Set.copyOf(a.readNames),
                kept == null ? Set.of() : a.deepReadNames(body, kept));
    }

    /**
     * A macro's scope: its defaults (evaluated in its frame, before the body) and its body; the parameters read
     * there only as dates, by the core date filters, the date function and comparisons, in a scope that hands
     * itself to nothing (see Result#dateParams), and how the body reads each parameter (Result#macroParams).
     */
    private void macro(Module.MacroDef d) {
        Scope s = scope(d.body(), false, d.defaults());
        // (varargs last: how the body reads its extra arguments, see Semantics#macroInPlace)
        List<String> read = new ArrayList<>(d.params());
        read.add(d.varargs());
        macroParams.put(d.name(), parameters(s, read));
        Set<String> dated = new HashSet<>();
        for (String p : d.params()) {
            if (s.leaks == 0 && !s.notDateRead.contains(p) && !s.escapingNames.contains(p)
                    && !s.loopVarNames.contains(p)) {
                dated.add(p);
            }
        }
        if (!dated.isEmpty()) {
            dateParams.put(d.name(), Set.copyOf(dated));
        }
    }

    /** How a macro body (its scope s) reads each of its parameters (see CompiledTemplate.MacroImpl#paramUse). */
    private static byte[] parameters(Scope s, List<String> params) {
        byte[] out = new byte[params.size()];
        for (int i = 0; i < out.length; i++) {
            String p = params.get(i);
            // (an element read keeps the parameter: a literal passed may hold literals of scratch storage)
            if (s.escapingNames.contains(p) || s.elementReadNames.contains(p) || s.collectionLeaks > 0) {
                // read as text alone (its collection, if it is given one, kept): a text may stay render-private
                out[i] = s.leaks == 0 && !s.elementReadNames.contains(p) && !s.textEscapingNames.contains(p)
                        && !s.arrowReadNames.contains(p) && !s.loopVarNames.contains(p) ? MacroImpl.TEXT
                        : MacroImpl.KEPT;
            } else if (s.textEscapingNames.contains(p) || s.leaks > 0 || s.arrowReadNames.contains(p)
                    || s.loopVarNames.contains(p)) {
                out[i] = MacroImpl.CONSUMED;
            } else {
                out[i] = MacroImpl.READ;
            }
        }
        return out;
    }

    // ---- one scope: a template body, a block body or a macro body ----------------------------------------

    private Scope scope(Stmt.Body body, boolean handedOn) {
        return scope(body, handedOn, List.of());
    }

    /** A scope whose frame first evaluates some expressions (a macro's defaults: read as kept, at statement 0). */
    private Scope scope(Stmt.Body body, boolean handedOn, List<Expr> before) {
        Scope s = new Scope();
        for (Expr e : before) {
            walk(e, null, s);
        }
        List<Stmt> top = body.stmts();
        for (int i = 0; i < top.size(); i++) {
            s.top = i;
            walk(top.get(i), null, s);
        }
        if (handedOn) {
            s.lastLeak = Integer.MAX_VALUE;
            s.lastCollectionLeak = Integer.MAX_VALUE;
        }
        keptNames.addAll(s.escapingNames);
        keptNames.addAll(s.elementReadNames); // (as a macro's parameters: see parameters)
        readNames.addAll(s.readNames);
        splitPieces(s); // (first: a split kept whose pieces are texts keeps them its own way, see Semantics#keepText)
        Set<Expr> assigned = identitySet();
        for (Map.Entry<String, List<Expr>> e : s.assigned.entrySet()) {
            // a hand-over that ran to its end before the variable was first assigned cannot see its value (an
            // include's can: it gets the collection only under a name it just reads, see Frame#ownCollections)
            int first = s.firstAssigned.get(e.getKey());
            if (s.lastCollectionLeak < first && !s.escapingNames.contains(e.getKey())) {
                for (Expr p : e.getValue()) {
                    if (texts.contains(p)) {
                        continue; // a split whose pieces are the variable's own texts (see splitPieces)
                    }
                    if (isSplit(p) && (s.lastLeak >= first || s.handedNames.contains(e.getKey()))) {
                        // a split's list of scratch storage is a list, not a pooled array: no macro's binding and
                        // no include's frame would know to copy it (see Semantics#boundArgument, Frame#ownCollections)
                        continue;
                    }
                    // a date of scratch storage only where the date filters alone read the variable (and no
                    // include sees it)
                    if (!isDateProducer(p)) {
                        scratch.add(p);
                        assigned.add(p);
                        accumulation(p, e.getKey(), s);
                    } else if (!s.notDateRead.contains(e.getKey()) && s.lastLeak < first) {
                        scratch.add(p);
                        // copied into the variable's own date by a set of it alone, whose scratch storage is then
                        // free (a loop variable's slot is put back when the loop ends: its own date would not be)
                        if (s.singleSets.contains(p) && !s.loopVarNames.contains(e.getKey())) {
                            keptDates.add(p);
                        } else {
                            assigned.add(p);
                        }
                    }
                    if (isLiteral(p) && s.lastLeak < first && readAsTextAlone(e.getKey(), s)) {
                        literalItems(p, true);
                    }
                }
            }
        }
        withCollections(s);
        // for loops holding a set of a scratch result: what it assigned may outlive the loop, so no release there
        Set<Stmt.For> holding = identitySet();
        for (Expr p : assigned) {
            holding.addAll(s.enclosingLoops.getOrDefault(p, List.of()));
        }
        for (DeepLoop d : s.deepLoops) {
            if (!d.leaked && !s.escapingNames.contains(d.loop.valueVar())
                    && !s.elementReadNames.contains(d.loop.valueVar())) {
                s.onTheSpot.add(d.producer);
            }
        }
        Set<Expr> carrying = identitySet();
        for (Carry c : s.carries) {
            if (!c.escaped) {
                carrying.add(c.reduce); // its result is its arrow's: scratch storage up to the reduce's consumer
                s.onTheSpot.addAll(c.producers);
                c.accumulating.forEach(p -> inPlace.put(p, IN_PLACE_CARRY));
            }
        }
        scratch.addAll(s.onTheSpot);
        for (Expr p : s.onTheSpot) {
            Object c = s.consumer.get(p);
            // up the chain of scratch results to the first consumer whose own result is not scratch
            while (c instanceof Expr e && (scratch.contains(e) || carrying.contains(e)) && !assigned.contains(e)) {
                c = s.consumer.get(e);
            }
            if (c != null && !(c instanceof Expr e && assigned.contains(e)) && !holding.contains(c)) {
                releasePoints.add(c);
            }
        }
        for (Carry c : s.carries) {
            // (after the release points: an element merge still gives back its arguments' storage when done)
            if (!c.escaped && !c.elements.isEmpty() && !c.otherReads && elementsStay(c.reduce, c.at, s)) {
                for (Expr v : c.elements) {
                    scratch.add(v);
                    inPlace.put(v, IN_PLACE_ELEMENT);
                }
            }
        }
        groupedElements(s);
        keptItems(s);
        for (Map.Entry<String, List<Expr>> e : s.textAssigned.entrySet()) {
            if (s.lastLeak < s.firstTextAssigned.get(e.getKey()) && !s.textEscapingNames.contains(e.getKey())
                    && !s.loopVarNames.contains(e.getKey())) {
                texts.addAll(e.getValue());
            }
        }
        for (Map.Entry<String, List<Stmt.Capture>> e : s.captured.entrySet()) {
            String name = e.getKey();
            // an apply's hidden variable: only the print after it reads it, whatever the scope hands on (a scope
            // handed to a parent template is not walked for what it reads)
            boolean hidden = name.startsWith("\0apply") && !handedOn;
            if ((hidden || s.lastLeak < s.firstTextAssigned.get(name)) && !s.textEscapingNames.contains(name)) {
                captures.addAll(e.getValue());
            }
        }
        return s;
    }

    /** Semantics.IN_PLACE_VARIABLE, IN_PLACE_CARRY and IN_PLACE_ELEMENT (the pass does not depend on semantics). */
    private static final byte IN_PLACE_VARIABLE = 1;
    private static final byte IN_PLACE_CARRY = 2;
    private static final byte IN_PLACE_ELEMENT = 3;
    private static final byte IN_PLACE_ITEM = 4;

    /**
     * A producer p assigned by set to the variable name, kept in scratch storage (name is read only by consumers
     * that keep nothing of it, in a scope that hands it to nothing): a reduce whose carry stays in it (see
     * assignedCarry) has its carry in scratch storage too, extended in place by the arrow's merges of it; a
     * {@code set name = name|merge(...)} extends the variable's own array in place, unless a for loop around the
     * set iterates something that names the variable (the loop would see the array grow under it).
     */
    private void accumulation(Expr p, String name, Scope s) {
        Carry c = s.assignedCarries.get(p);
        if (c != null && !c.escaped) {
            scratch.addAll(c.producers);
            c.accumulating.forEach(q -> inPlace.put(q, IN_PLACE_CARRY));
            if (!c.elements.isEmpty() && !c.otherReads) {
                s.assignedGroupings.put(c, name); // (its elements: decided with the rest, see groupedElements)
            }
        }
        if (s.selfMerges.contains(p) && !s.loopVarNames.contains(name)
                && s.enclosingLoops.getOrDefault(p, List.of()).stream().noneMatch(fo -> names(fo.seq(), name))) {
            inPlace.put(p, IN_PLACE_VARIABLE);
        }
    }

    /** Whether the expression e reads the variable name anywhere. */
    private static boolean names(Object e, String name) {
        if (e instanceof Expr.Name n) {
            return n.name().equals(name);
        }
        if (e instanceof List<?> l) {
            return l.stream().anyMatch(o -> names(o, name));
        }
        if (e == null || !e.getClass().isRecord()) {
            return false;
        }
        RecordShape shape = RecordShape.of(e.getClass());
        for (int i = 0, size = shape.size(); i < size; i++) {
            Object v = shape.get(e, i);
            if ((v instanceof Expr || v instanceof List<?> || v instanceof Expr.Arg || v instanceof Expr.Item
                    || v instanceof Expr.Pair) && names(v, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The splits whose pieces may be render-private texts beyond an expression: a for loop over a split (or over
     * a variable holding one) whose variable only the core reads as text, in a body that hands nothing on; and a
     * split kept in a variable whose every read is the core reading the pieces as text (its length, an element
     * printed, a join, such a loop...), in a scope that hands its variables to nothing after it is first set.
     */
    private void splitPieces(Scope s) {
        Set<Stmt.For> textLoops = identitySet();
        for (TextLoop l : s.textLoops) {
            Stmt.For fo = l.loop;
            if (!l.leaked && !s.textEscapingNames.contains(fo.valueVar())
                    && !s.arrowReadNames.contains(fo.valueVar())) {
                textLoops.add(fo);
                textConsumers.add(fo); // the loop gives the pieces back when it ends
                if (isSplit(fo.seq())) {
                    texts.add(fo.seq());
                }
            }
        }
        for (Map.Entry<String, List<Expr>> e : s.splitAssigned.entrySet()) {
            String name = e.getKey();
            if (s.lastLeak < s.firstSplitAssigned.get(name) && !s.splitEscapingNames.contains(name)
                    && !s.arrowReadNames.contains(name) && !s.loopVarNames.contains(name)
                    && textLoops.containsAll(s.splitLoopReads.getOrDefault(name, List.of()))) {
                texts.addAll(e.getValue());
            }
        }
    }

    /**
     * Whether the pieces of a split at a position are read there as text and dropped: a sealed consumer (length,
     * join, printing, a comparison...), or first or last (whose element goes on to the same reader), or an
     * element of it read the same way ({@code parts[0]}); not a slice (its result holds pieces).
     */
    private static boolean piecesStay(Position at) {
        return at != null && at.text() && (at.use() == Use.SEALED || (at.use() == Use.CONSUMED
                && (at.consumer() instanceof Expr.GetAttr || at.consumer() instanceof Expr.Filter fl
                        && ELEMENT_FILTERS.contains(fl.name()))));
    }

    /** What one scope tells: its producers, how its variables are read, and where it hands its context on. */
    private static final class Scope {
        /** Index of the top-level statement being walked. */
        int top;
        /** Index of the last top-level statement that hands the scope on (-1: none). */
        int lastLeak = -1;
        /** Hand-overs seen so far (any depth). */
        int leaks;
        /**
         * The same for the hand-overs a collection of scratch storage may not pass: all but an include's of the
         * context (the including frame's collections reach the included template as Frame#ownCollections says).
         */
        int lastCollectionLeak = -1;
        int collectionLeaks;
        final Map<String, Integer> firstAssigned = new HashMap<>();
        final Map<String, List<Expr>> assigned = new HashMap<>();
        final Set<String> escapingNames = new HashSet<>();
        /** Variables read anywhere but as the input of a core date filter. */
        final Set<String> notDateRead = new HashSet<>();
        /** Producers consumed where they are evaluated. */
        final List<Expr> onTheSpot = new ArrayList<>();
        /** For each producer seen in a consuming position, the node consuming it (an Expr or a Stmt). */
        final Map<Expr, Object> consumer = new IdentityHashMap<>();
        /** For each producer assigned by set, the for loops around the set. */
        final Map<Expr, List<Stmt.For>> enclosingLoops = new IdentityHashMap<>();
        /** The values of sets that assign one variable. */
        final Set<Expr> singleSets = identitySet();
        final List<Stmt.For> loops = new ArrayList<>();
        final List<DeepLoop> deepLoops = new ArrayList<>();
        /** Variables assigned by a capture, and the captures. */
        final Map<String, List<Stmt.Capture>> captured = new HashMap<>();
        /** Variables assigned a text result, the statements assigning them, and the names read other than as text. */
        final Map<String, Integer> firstTextAssigned = new HashMap<>();
        final Map<String, List<Expr>> textAssigned = new HashMap<>();
        final Set<String> textEscapingNames = new HashSet<>();
        /** Variables assigned a split, where first, and the names read other than as pieces read on the spot. */
        final Map<String, Integer> firstSplitAssigned = new HashMap<>();
        final Map<String, List<Expr>> splitAssigned = new HashMap<>();
        final Set<String> splitEscapingNames = new HashSet<>();
        /** For each name, the for loops iterating it (its pieces stay only if each loop qualifies). */
        final Map<String, List<Stmt.For>> splitLoopReads = new HashMap<>();
        /** For loops over a split or a variable, candidates for render-private pieces. */
        final List<TextLoop> textLoops = new ArrayList<>();
        /**
         * Names of for loop variables (key and value): a loop binds its variable in the slot of a variable of the
         * same name and puts the value back when it ends, so a text kept there in the scope's own buffer, rewritten
         * by a set in the loop, would come back changed.
         */
        final Set<String> loopVarNames = new HashSet<>();
        /** Names read inside an arrow (which may run after the loop or the variable is gone). */
        final Set<String> arrowReadNames = new HashSet<>();
        /** Arrows around the node being walked. */
        int arrows;
        /**
         * Arrows around the node being walked that are values (kept in a variable, handed to a macro or returned by
         * a filter), not called and dropped by a core filter: one may run after the variables it reads changed or
         * their storage was given back, so what it reads is read as kept (its snapshot holds it).
         */
        int keptArrows;
        /** The reduce arrow whose body is being walked (its carry, see Carry), or null. */
        Carry carry;
        /** The reduces whose carry may be scratch storage, decided at the end of the scope. */
        final List<Carry> carries = new ArrayList<>();
        /** The same for reduces assigned by set: decided with the variable (see accumulation). */
        final Map<Expr, Carry> assignedCarries = new IdentityHashMap<>();
        /** The values of sets {@code x = x|merge(...)}: candidates for extending x in place. */
        final Set<Expr> selfMerges = identitySet();
        /** Names read as the object of an attribute or item access (x.a, x[k]): only an element of them is read. */
        final Set<String> elementReadNames = new HashSet<>();
        /** Names bound to a macro's parameter as they are read (see Use#HANDED). */
        final Set<String> handedNames = new HashSet<>();
        /** The names read (a block's: see Result#blockReadNames). */
        final Set<String> readNames = new HashSet<>();
        /** Hand-overs among the leaks that are written-out withs (a copy of the frame, see withCollections). */
        int withLeaks;
        /** The collection producers a written-out with binds, by name (see withCollections). */
        final Map<String, List<Expr>> withAssigned = new HashMap<>();
        /** Names a set or a capture assigns anywhere in the scope. */
        final Set<String> otherAssigned = new HashSet<>();
        /** Names of with variables whose with's body hands its scope on. */
        final Set<String> handedWithNames = new HashSet<>();
        /** Every read of each name, where it stands (see keptItems). */
        final Map<String, List<Read>> reads = new HashMap<>();
        /** The values of sets that assign one variable, and that variable (see keptItems). */
        final Map<Expr, String> setName = new IdentityHashMap<>();
        /** The groupings kept by set in scratch storage, and their variable (see groupedElements). */
        final Map<Carry, String> assignedGroupings = new IdentityHashMap<>();

        /**
         * The names a block's scope may keep, change or hand on a collection under: read other than on the spot,
         * element read, assigned (a set, a capture, a loop's variables: in place or kept).
         */
        Set<String> keptNames() {
            Set<String> kept = new HashSet<>(escapingNames);
            kept.addAll(elementReadNames);
            kept.addAll(otherAssigned);
            kept.addAll(loopVarNames);
            kept.addAll(handedNames);
            kept.addAll(arrowReadNames);
            return Set.copyOf(kept);
        }

        void leak() {
            lastLeak = top;
            leaks++;
            lastCollectionLeak = top;
            collectionLeaks++;
        }

        /** An include of another template with the context: no hand-over for collections (see above). */
        void include() {
            lastLeak = top;
            leaks++;
        }
    }

    /**
     * A core reduce consumed on the spot whose arrow's result (its next carry, at last the reduce's result) may be
     * scratch storage: {@code (c, x) => x in c ? c : c|merge([x])}. It may, if the carry parameter is only read
     * by core consumers in the body or returned as it is (escaped false): then nothing but the reduce and its
     * consumer ever hold a carry, and the producers returning one (producers) live until that consumer is done.
     */
    private static final class Carry {
        final Expr.Filter reduce;
        final String name;
        /**
         * Kept arrows around the body (a kept arrow deeper in it may run later: a carry read there is kept; a core
         * filter's or operator's private arrow runs and is dropped while the body is evaluated, as a direct read is).
         */
        final int keptArrows;
        /** The reduce whose arrow's body holds this one, or null. */
        final Carry outer;
        final List<Expr> producers = new ArrayList<>();
        /** The producers among them that extend the carry they read ({@code c|merge(...)}, {@code [...c, x]}). */
        final List<Expr> accumulating = new ArrayList<>();
        boolean escaped;
        /**
         * A grouping: the element merges {@code (c[k] ?? [])|merge(...)} that are values of a mapping the carry is
         * merged with ({@code c|merge({(k): (c[k] ?? [])|merge([x])})}), which may extend the carry's element in
         * place (Semantics#IN_PLACE_ELEMENT) if the body reads the carry nowhere else but where it is tested
         * (otherReads: the carry's elements are then held by the carry alone) and the elements stay where the
         * reduce's result goes (see elementsStay); groupReads: the reads of the carry a grouping allows (the
         * input of its merges, the element reads of its element merges).
         */
        final List<Expr> elements = new ArrayList<>();
        final Set<Expr> groupReads = identitySet();
        boolean otherReads;
        /** Where the reduce's result goes (a reduce consumed on the spot). */
        Position at;

        Carry(Expr.Filter reduce, String name, int keptArrows, Carry outer) {
            this.reduce = reduce;
            this.name = name;
            this.keptArrows = keptArrows;
            this.outer = outer;
        }
    }

    /** A for loop over a split (or a variable), whose pieces may be render-private if its body hands nothing on. */
    private static final class TextLoop {
        final Stmt.For loop;
        boolean leaked;

        TextLoop(Stmt.For loop) {
            this.loop = loop;
        }
    }

    /** A for loop over a result with scratch rows, allowed if its variable is only consumed and nothing leaks. */
    private static final class DeepLoop {
        final Stmt.For loop;
        final Expr producer;
        boolean leaked;

        DeepLoop(Stmt.For loop, Expr producer) {
            this.loop = loop;
            this.producer = producer;
        }
    }

    /**
     * How a parent uses a value: read and dropped, perhaps handing its elements on (CONSUMED) or not (SEALED);
     * iterated by a for loop (LOOP); returned by a reduce's arrow as the next carry (CARRY, see Carry); bound to
     * a macro's parameter (HANDED), where the macro's frame makes its own copy of what its body may keep (see
     * Semantics#boundArgument): there only a list or hash literal is built in scratch storage (a render's
     * pooled PhpArray, which that check recognises), its items handed the same way.
     */
    private enum Use { CONSUMED, SEALED, LOOP, CARRY, HANDED }

    /**
     * A consuming position: how a collection there is used (null: it may be kept), and by which node; and whether
     * a text there is read as text and dropped, and by which node (reader: an Expr, or a statement that frees
     * the text itself at its end).
     */
    private record Position(Use use, Object consumer, boolean text, Object reader) {
        Position(Use use, Object consumer) {
            this(use, consumer, false, null);
        }

        /** A text read by reader; a collection there consumed as use says (null: it may be kept). */
        static Position text(Use use, Object reader) {
            return new Position(use, reader, true, reader);
        }

        /** Where a value handed on unread (by ?:, ??, default, raw...) stands: its text is read where it goes. */
        static Position passedOn(Position at) {
            return at == null || !at.text() ? null : at.use() == null ? at : new Position(null, at.consumer(),
                    true, at.reader());
        }

        /** A position, or null when it consumes nothing. */
        static Position of(Use use, Object consumer, boolean text) {
            return use == null && !text ? null : new Position(use, consumer, text, consumer);
        }
    }

    /**
     * Walks any AST value. {@code at} says how the parent uses n: a consuming position, or null (anything else:
     * the value may be kept or handed on). A list or an argument hands on only the text part of at.
     */
    private void walk(Object n, Position at, Scope s) {
        if (n == null) {
            return;
        }
        if ((++clockSteps & 4095) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
        if (n instanceof List<?> l) {
            for (Object o : l) {
                walk(o, Position.passedOn(at), s);
            }
            return;
        }
        if (n instanceof Stmt st) {
            statement(st, s);
            return;
        }
        if (n instanceof Expr e) {
            expression(e, at, s);
            return;
        }
        if (n instanceof Expr.Arg a) {
            walk(a.value(), a.spread() ? null : Position.passedOn(at), s);
            return;
        }
        children(n, s);
    }

    private void statement(Stmt st, Scope s) {
        if (st instanceof Stmt.Include inc && !(inc.only() && writtenOut(inc.variables()))) {
            // (an include ... only of a mapping written out hands on only what the mapping's values read, walked
            // below as the include reads them)
            s.include();
            handsOn = true;
        } else if (st instanceof Stmt.BlockCall) {
            // a block rendered in place gets a copy of the scope whose collections are its own under the names
            // the block may keep (see blockKeptNames, Frame#ownCollections): as an include's, no hand-over for them
            s.include();
        } else if (st instanceof Stmt.Embed em && !(em.only() && writtenOut(em.variables()))) {
            // the embedded template gets a copy of the scope whose collections are its own under the names it, its
            // parents and their blocks may keep (CompiledTemplate#collectionKeptNames, checked at each step of its
            // chain as it is resolved when it renders: see CompiledTemplate#display): as an include's
            s.include();
            handsOn = true;
        } else if (st instanceof Stmt.With || st instanceof Stmt.Sandbox || st instanceof Stmt.Custom) {
            s.leak();
            if (st instanceof Stmt.With w && writtenOut(w.variables())) {
                s.withLeaks++; // (a copy of the frame: harmless to a with's own collections, see withCollections)
            }
            // a with's body gets its names from a mapping written out (walked below)
            boolean handed = !(st instanceof Stmt.With w && writtenOut(w.variables()));
            handsOn |= handed;
            collectionsHandedOn |= handed;
        }
        if (st instanceof Stmt.Include inc) {
            releasePoints.add(st); // the included template's frame, and all it took, end with it
            // the name is read as text (a String of the render's key cache, see Engine#templateName), a list of
            // names read in place and dropped (Engine#resolveTemplate)
            walk(inc.template(), Position.text(Use.SEALED, st), s);
            // copied into the included template's frame
            includeVariables(inc.variables(), st, s, true, !inc.only());
            return;
        }
        if (st instanceof Stmt.Embed em) {
            releasePoints.add(st);
            // copied into the embedded template's frame (its texts as they are: no Semantics#ownTexts there)
            includeVariables(em.variables(), st, s, false, !em.only());
            return;
        }
        if (st instanceof Stmt.With w) {
            // the with's frame reads its mapping (copied into slots, or read by name: never handed out, see
            // Snapshots#detach) and ends with the tag, which gives back the storage taken meanwhile; a text among
            // the values stays render-private under a name the module reads as text alone (Semantics#withFrame)
            releasePoints.add(st);
            List<String> own = List.of();
            if (writtenOut(w.variables())) {
                own = withVariables(w, s);
            } else {
                walk(w.variables(), new Position(Use.CONSUMED, st), s);
            }
            int leaks = s.collectionLeaks - s.withLeaks;
            walk(w.body(), null, s);
            if (s.collectionLeaks - s.withLeaks != leaks) {
                s.handedWithNames.addAll(own); // the body hands its scope on: the with's collections with it
            }
            return;
        }
        if (st instanceof Stmt.Set set) {
            s.otherAssigned.addAll(set.names());
            for (int i = 0; i < set.names().size(); i++) {
                Expr v = set.values().get(i);
                if (set.names().size() == 1) {
                    s.setName.put(v, set.names().get(0));
                    if (v instanceof Expr.NullCoalesce nc) {
                        // (g[k] ?? []: the element, when there is one, is what the variable holds; see elementStays)
                        s.setName.put(nc.left(), set.names().get(0));
                    }
                }
                List<Expr> selfMerges = new ArrayList<>();
                if (set.names().size() == 1 && isConditionalSelfMerge(v, set.names().get(0), selfMerges)
                        && !selfMerges.isEmpty()) {
                    // set v = c ? v|merge(...) : v: each merge an accumulation of v (see accumulation), the other
                    // branches v itself, which keeps what it holds
                    String name = set.names().get(0);
                    for (Expr m : selfMerges) {
                        s.singleSets.add(m);
                        s.selfMerges.add(m);
                        s.assigned.computeIfAbsent(name, k -> new ArrayList<>()).add(m);
                        s.firstAssigned.putIfAbsent(name, s.top);
                        s.enclosingLoops.put(m, List.copyOf(s.loops));
                    }
                    conditionalSelfMerge((Expr.Conditional) v, name, s);
                    continue;
                }
                if (isTextProducer(v)) {
                    s.textAssigned.computeIfAbsent(set.names().get(i), k -> new ArrayList<>()).add(v);
                    s.firstTextAssigned.putIfAbsent(set.names().get(i), s.top);
                    if (v instanceof Expr.Filter fl && isProducer(fl)) {
                        // a slice: of a list, a collection, which may be scratch storage as any producer's (the
                        // executors take the text form for a string, the collection form for the rest)
                        s.assigned.computeIfAbsent(set.names().get(i), k -> new ArrayList<>()).add(v);
                        s.firstAssigned.putIfAbsent(set.names().get(i), s.top);
                        s.enclosingLoops.put(v, List.copyOf(s.loops));
                    }
                } else if (isSplit(v)) {
                    String name = set.names().get(i);
                    s.splitAssigned.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                    s.firstSplitAssigned.putIfAbsent(name, s.top);
                    for (Stmt.For fo : s.loops) {
                        if (fo.seq() instanceof Expr.Name n && n.name().equals(name)) {
                            s.splitEscapingNames.add(name); // its pieces would change under the loop over them
                        }
                    }
                    // the list itself: scratch storage as any producer's, unless its pieces are texts (see scope)
                    s.assigned.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                    s.firstAssigned.putIfAbsent(name, s.top);
                    s.enclosingLoops.put(v, List.copyOf(s.loops));
                } else if (v instanceof Expr.Filter fl && isProducer(fl) || isDateProducer(v) || isLiteral(v)
                        || isCarryReduce(v)) {
                    if (set.names().size() == 1) {
                        s.singleSets.add(v);
                        if (isSelfMerge(v, set.names().get(0))) {
                            s.selfMerges.add(v);
                        }
                    }
                    s.assigned.computeIfAbsent(set.names().get(i), k -> new ArrayList<>()).add(v);
                    s.firstAssigned.putIfAbsent(set.names().get(i), s.top);
                    s.enclosingLoops.put(v, List.copyOf(s.loops));
                }
                // the producer's own operands are walked as usual (the value itself is kept: no position); a
                // reduce's carry may stay scratch storage if the variable does (see accumulation)
                if (isCarryReduce(v)) {
                    s.assignedCarries.put(v, carry((Expr.Filter) v, s));
                } else {
                    walk(v, null, s);
                }
            }
            return;
        }
        if (st instanceof Stmt.Capture c) {
            s.otherAssigned.add(c.name());
            s.captured.computeIfAbsent(c.name(), k -> new ArrayList<>()).add(c);
            s.firstTextAssigned.putIfAbsent(c.name(), s.top);
            walk(c.body(), null, s);
            return;
        }
        if (st instanceof Stmt.For fo) {
            DeepLoop deep = fo.seq() instanceof Expr.Filter fl && isDeepProducer(fl) ? new DeepLoop(fo, fl) : null;
            TextLoop text = isSplit(fo.seq()) || fo.seq() instanceof Expr.Name ? new TextLoop(fo) : null;
            int leaksBefore = s.leaks;
            s.loopVarNames.add(fo.valueVar());
            if (fo.keyVar() != null) {
                s.loopVarNames.add(fo.keyVar());
            }
            int collectionLeaksBefore = s.collectionLeaks;
            walk(fo.seq(), new Position(Use.LOOP, fo), s);
            s.loops.add(fo);
            walk(fo.body(), null, s);
            walk(fo.otherwise(), null, s);
            s.loops.remove(s.loops.size() - 1);
            loopCollectionLeaks.put(fo, s.collectionLeaks != collectionLeaksBefore);
            if (deep != null) {
                deep.leaked = s.collectionLeaks != collectionLeaksBefore;
                s.deepLoops.add(deep);
            }
            if (text != null) {
                text.leaked = s.leaks != leaksBefore;
                s.textLoops.add(text);
            }
            return;
        }
        if (st instanceof Stmt.Print p) {
            walk(p.expr(), Position.text(Use.SEALED, p), s);
            return;
        }
        if (st instanceof Stmt.If i) {
            // each condition is only tested (the If, as a release point, gives back what a test took, and the
            // text it read)
            for (Expr c : i.conds()) {
                walk(c, Position.text(Use.SEALED, i), s);
            }
            walk(i.bodies(), null, s);
            walk(i.otherwise(), null, s);
            return;
        }
        if (st instanceof Stmt.Do d) {
            walk(d.expr(), Position.text(null, d), s); // the do frees the text its expression read
            return;
        }
        children(st, s);
    }

    private void expression(Expr e, Position at, Scope s) {
        if (e instanceof Expr.Name n) {
            if (s.keptArrows > 0) {
                at = null; // read by an arrow that may run later: its snapshot keeps the value
            }
            switch (n.name()) {
                case "_context", "_parent", "_seq" -> leak(s);
                // the loop itself (not one of its attributes): its snapshot holds a copy of the scope
                case "loop" -> leak(s);
                default -> {
                    if (s.arrows > 0) {
                        s.arrowReadNames.add(n.name());
                    }
                    s.readNames.add(n.name());
                    s.reads.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(new Read(n, at));
                    if (at != null && at.use() == Use.LOOP && at.consumer() instanceof Stmt.For fo) {
                        s.splitLoopReads.computeIfAbsent(n.name(), k -> new ArrayList<>()).add(fo);
                    } else if (!piecesStay(at)) {
                        s.splitEscapingNames.add(n.name());
                    }
                    // an element read (parts[0]) keeps the pieces of a split, and only them: as before for the rest
                    if (at != null && at.use() == Use.HANDED) {
                        s.handedNames.add(n.name());
                    }
                    boolean element = at != null && at.consumer() instanceof Expr.GetAttr ga && ga.object() == e;
                    boolean carried = at != null && at.use() == Use.CARRY;
                    boolean returned = false;
                    for (Carry k = s.carry; k != null; k = k.outer) {
                        if (!n.name().equals(k.name)) {
                            continue;
                        }
                        if (carried && at.consumer() == k.reduce && k == s.carry) {
                            returned = true; // the carry returned as it is
                        } else if (at == null || at.use() == null || carried || s.keptArrows > k.keptArrows) {
                            k.escaped = true; // kept, or read in a kept arrow of its own (which may run later)
                        }
                        if (!returned && !k.groupReads.contains(e) && at != null && at.use() != Use.SEALED) {
                            k.otherReads = true; // an element or the carry handed on: no grouping (see Carry)
                        }
                    }
                    if (element) {
                        // only an element is read (x.a, x[k]): never a collection of scratch storage (what a
                        // producer kept by set holds comes from its input or is fresh), so the collection itself
                        // stays where it is; its texts may not (see readAsTextAlone)
                        s.elementReadNames.add(n.name());
                    } else if (at == null || at.use() == null || carried && !returned) {
                        s.escapingNames.add(n.name());
                    }
                    if (!readAsDate(e, at)) {
                        s.notDateRead.add(n.name());
                    }
                    if (at == null || !at.text() || element) {
                        s.textEscapingNames.add(n.name());
                        notTextReadNames.add(n.name());
                    } else {
                        textReadNames.add(n.name());
                    }
                }
            }
            return;
        }
        if (at != null && at.text() && at.reader() != null
                && (isTextProducer(e) || (piecesStay(at) && isSplit(e)))) {
            // a split read as a collection of texts (its length, its join, in...) may hold render-private pieces
            texts.add(e);
            if (at.reader() instanceof Expr || at.reader() instanceof Stmt.Include
                    || at.reader() instanceof Stmt.With) {
                textConsumers.add(at.reader());
            }
        }
        if (e instanceof Expr.Defined d && d.target() instanceof Expr.Name) {
            return; // "x is defined" looks at whether x is set, not at its value
        }
        if (e instanceof Expr.Parent || e instanceof Expr.BlockRef) {
            // the block (the parent's, for parent()) gets a copy of the scope, its collections its own under the
            // names it may keep (see Result#blockKeptNames): as an include's, no hand-over for collections
            s.include();
            handsOn = true;
        }
        if (e instanceof Expr.BlockRef br) {
            // the name is read as text on the spot (matched to a block's name, see Semantics#blockName)
            walk(br.name(), Position.text(null, br), s);
            // so is the template's (see Engine#templateName)
            walk(br.template(), Position.text(null, br), s);
            return;
        }
        if (e instanceof Expr.GetAttr g && loopAttribute(g)) {
            return; // loop.parent.loop.first: a number or a flag of an enclosing loop, no scope handed on
        }
        if (e instanceof Expr.GetAttr) {
            filterAt.put(e, at); // (an element read: where the element goes, see elementsStay)
        }
        if (e instanceof Expr.GetAttr g && g.attribute() instanceof Expr.Literal l && "parent".equals(l.value())) {
            leak(s); // loop.parent: a copy of the scope
        }
        if (e instanceof Expr.GetAttr g && g.object() instanceof Expr.Name n && n.name().equals("loop")) {
            walk(g.attribute(), null, s); // an attribute of the loop (a number, a flag): not the loop itself
            walk(g.args(), null, s);
            return;
        }
        if (e instanceof Expr.GetAttr g && g.type() != Expr.AccessType.METHOD && at != null && at.text()
                && (g.object() instanceof Expr.Name || isSplit(g.object()))) {
            // parts[0] read as text: the element goes on to the same reader (a split's pieces stay)
            walk(g.object(), new Position(Use.CONSUMED, g, true, at.reader()), s);
            // (the key of a split's piece is a String: the access may return a text the split took after it)
            walk(g.attribute(), g.object() instanceof Expr.Name ? keyPosition(g) : null, s);
            walk(g.args(), null, s);
            return;
        }
        if (e instanceof Expr.GetAttr g && g.type() != Expr.AccessType.METHOD && noArgs(g)
                && g.object() instanceof Expr.Name) {
            // x.a or x[k] read otherwise than as text: an element of x, read (x itself is not kept)
            walk(g.object(), new Position(Use.CONSUMED, g), s);
            walk(g.attribute(), keyPosition(g), s);
            return;
        }
        if (e instanceof Expr.GetAttr g && g.type() != Expr.AccessType.METHOD && noArgs(g)) {
            // an element of a computed collection read ((xs|reduce(...)).total, [a, b][i]): the collection is
            // consumed there, the element goes on
            walk(g.object(), new Position(Use.CONSUMED, g), s);
            walk(g.attribute(), keyPosition(g), s);
            return;
        }
        if (e instanceof Expr.GetAttr g && keyPosition(g) != null) {
            walk(g.object(), null, s);
            walk(g.attribute(), keyPosition(g), s);
            walk(g.args(), null, s);
            return;
        }
        if (e instanceof Expr.Arrow a) {
            boolean kept = !privateArrows.contains(a);
            s.arrows++;
            s.keptArrows += kept ? 1 : 0;
            walk(a.body(), null, s);
            s.keptArrows -= kept ? 1 : 0;
            s.arrows--;
            return;
        }
        if (e instanceof Expr.Binary b && (b.op().equals("has some") || b.op().equals("has every"))
                && b.right() instanceof Expr.Arrow a) {
            privateArrows.add(a); // called by the operator, never kept
            // the sequence is read and dropped, its elements handed to the arrow
            walk(b.left(), new Position(Use.CONSUMED, b), s);
            walk(b.right(), null, s);
            return;
        }
        if (e instanceof Expr.MacroCall mc) {
            releasePoints.add(e); // the macro's frame, and all it took, end with the call
            // the arguments are bound to the macro's parameters, which copy what the body may keep; the texts
            // among them are free once the call is done. A date among them is render-private until the call ends:
            // the binding keeps it for a parameter the macro reads only as a date, and hands any other a
            // ZonedDateTime (see Result#dateParams)
            Position handed = new Position(Use.HANDED, mc, true, mc);
            walk(mc.nameExpr(), null, s);
            for (Expr.Arg a : mc.args()) {
                if (!a.spread() && isDateProducer(a.value())) {
                    s.onTheSpot.add(a.value());
                    s.consumer.put(a.value(), mc);
                    walk(a.value(), null, s);
                } else {
                    walk(a.value(), a.spread() ? null : handed, s);
                }
            }
            return;
        }
        if (e instanceof Expr.Filter fl && carryingReduce(fl, at)) {
            reduce(fl, at, s);
            return;
        }
        if (e instanceof Expr.Filter fl) {
            filterAt.put(fl, at);
            boolean core = coreFilter.test(fl.name());
            if (!core) {
                leak(s);
            }
            produced(fl, isProducer(fl) || isDeepProducer(fl) || (isDateProducer(fl) && readAsDate(fl, at)),
                    isDeepProducer(fl), at, s);
            if (core && TEXT_PASSING_FILTERS.contains(fl.name())) {
                walk(fl.input(), Position.passedOn(at), s);
                walk(fl.args(), fl.name().equals("default") ? Position.passedOn(at) : null, s);
                return;
            }
            if (core && (fl.name().equals("escape") || fl.name().equals("e")) && at != null
                    && at.use() == Use.SEALED && at.reader() != null) {
                // an escape hands a collection (or a number) on as it is: read there by what reads the escape
                walk(fl.input(), at, s);
                arguments(fl, s, null);
                return;
            }
            if (dev.zweig.semantics.CompileRules.readsContextNames(fl, core)) {
                return; // the scope's names alone (Snapshots#names): none of its values is handed on
            }
            Use in = null;
            if (core && CONSUMING_FILTERS.contains(fl.name())) {
                in = SEALED_FILTERS.contains(fl.name()) ? Use.SEALED : Use.CONSUMED;
            }
            if (core && ELEMENT_FILTERS.contains(fl.name()) && at != null && at.text()) {
                // the element goes where first/last goes: read as text by the same reader
                walk(fl.input(), new Position(in, fl, true, at.reader()), s);
            } else {
                walk(fl.input(), Position.of(in, fl, core && TEXT_CONSUMING_FILTERS.contains(fl.name())), s);
            }
            Object joined = joinedBy(fl, at);
            if (joined != null) {
                // the arrow's results are the elements the join reads as text and drops: buffers the join frees
                for (Expr.Arg a : fl.args()) {
                    if (a.value() instanceof Expr.Arrow arrow && !a.spread()) {
                        s.arrows++;
                        walk(arrow.body(), Position.text(null, joined), s);
                        s.arrows--;
                    } else {
                        walk(a.value(), null, s);
                    }
                }
                return;
            }
            Position elements = mappedElements(fl, at);
            if (elements != null) {
                // the arrow's results are the elements a sealed consumer reads and drops with the list: a literal
                // among them may be scratch storage too, its texts render-private (as a literal's items there)
                arguments(fl, s, elements);
                return;
            }
            arguments(fl, s, null);
            return;
        }
        if (e instanceof Expr.Test t) {
            boolean core = coreTest.test(t.name());
            if (!core) {
                leak(s);
            }
            boolean text = core && TEXT_CONSUMING_TESTS.contains(t.name());
            walk(t.input(), Position.of(core && CONSUMING_TESTS.contains(t.name()) ? Use.SEALED : null, t, text), s);
            walk(t.args(), Position.of(null, t, text), s);
            return;
        }
        if (e instanceof Expr.Function f) {
            boolean core = coreFunction.test(f.name());
            if (core && FRAME_FUNCTIONS.contains(f.name())) {
                s.include(); // the included template sees the context (collections: see Scope#include)
                handsOn = true;
            } else if (!core || CONTEXT_FUNCTIONS.contains(f.name())) {
                leak(s);
            }
            if (core && FRAME_FUNCTIONS.contains(f.name())) {
                releasePoints.add(f);
            }
            produced(f, core && (PRODUCING_FUNCTIONS.contains(f.name())
                    || DATE_FUNCTIONS.contains(f.name()) && readAsDate(f, at)), false, at, s);
            boolean consuming = core && CONSUMING_FUNCTIONS.contains(f.name());
            boolean include = core && FRAME_FUNCTIONS.contains(f.name());
            for (int i = 0; i < f.args().size(); i++) {
                Expr.Arg a = f.args().get(i);
                // include()'s variables are copied into the included template's frame
                boolean variables = include && (a.name() == null ? i == 1 : a.name().equals("variables"));
                if (variables && !a.spread()) {
                    includeVariables(a.value(), f, s, true, false); // (with_context may be false)
                } else if (core && templateNameArg(f, a, i)) {
                    // the template's name is read as text (a String of the render's key cache, see
                    // Engine#templateName) and dropped: the call frees its buffer when done; an include's list
                    // of names is read in place and dropped too (Engine#resolveTemplate)
                    walk(a.value(), Position.text(include ? Use.SEALED : null, f), s);
                } else {
                    boolean dated = core && DATE_FUNCTIONS.contains(f.name()) && i == 0 && a.name() == null
                            && !a.spread(); // the date function reads its date and returns a new one
                    Position arg = dated ? Position.text(Use.SEALED, f)
                            : consuming && !a.spread() ? new Position(Use.CONSUMED, f) : null;
                    boolean handedOn = core && ELEMENT_FUNCTIONS.contains(f.name()) && f.args().size() > 1;
                    if (handedOn) {
                        // max/min of several values return one of them as it is: it goes where their result goes
                        arg = a.spread() ? null : at;
                    }
                    if (core && ELEMENT_FUNCTIONS.contains(f.name()) && !a.spread() && at != null) {
                        // max/min hand one argument on to what reads their result: a date or a text read there
                        if (readAsDate(f, at)) {
                            dateElements.add(a.value());
                            arg = new Position(Use.SEALED, at.consumer(), at.text(), at.reader());
                        } else if (at.text()) {
                            arg = new Position(Use.CONSUMED, f, true, at.reader());
                        }
                    }
                    walk(a.value(), arg, s);
                }
            }
            return;
        }
        if (e instanceof Expr.Binary b && TEXT_CONSUMING_OPERATORS.contains(b.op())) {
            boolean sealed = SEALED_OPERATORS.contains(b.op());
            walk(b.left(), Position.text(sealed ? Use.SEALED : null, b), s);
            walk(b.right(), Position.text(sealed || b.op().equals("in") || b.op().equals("not in") ? Use.SEALED : null,
                    b), s);
            return;
        }
        if (e instanceof Expr.Unary u) {
            walk(u.operand(), Position.text(u.op().equals("not") ? Use.SEALED : null, u), s);
            return;
        }
        if (e instanceof Expr.Concat c) {
            walk(c.parts(), Position.text(null, c), s);
            return;
        }
        if (e instanceof Expr.Sequence q && q.items().stream().noneMatch(Expr.Item::spread)
                && q.items().stream().anyMatch(it -> !(it.value() instanceof Expr.Literal))) {
            produced(q, true, false, at, s); // a literal list of constants is built once, at compile time
            Position items = itemPosition(q, at);
            for (Expr.Item it : q.items()) {
                walk(it.value(), items, s);
            }
            return;
        }
        if (e instanceof Expr.Sequence q && at != null && at.use() == Use.CARRY && at.consumer() == (s.carry == null
                ? null : s.carry.reduce) && isCarrySpread(q, s.carry)) {
            // [...c, x]: the next carry, the carry extended (see Carry#accumulating); the carry itself is returned
            // in it, the other items kept in it
            produced(q, true, false, at, s);
            walk(q.items().get(0).value(), at, s);
            for (int i = 1; i < q.items().size(); i++) {
                walk(q.items().get(i).value(), null, s);
            }
            return;
        }
        if (spreadLiteral(e) && at != null && at.use() != null && at.use() != Use.HANDED && at.use() != Use.CARRY) {
            // a literal with spreads consumed where it is built: a spread's collection read and dropped (its
            // elements handed on into the literal), the other items kept
            produced(e, true, false, at, s);
            if (e instanceof Expr.Sequence q) {
                for (Expr.Item it : q.items()) {
                    walk(it.value(), it.spread() ? new Position(Use.CONSUMED, e) : null, s);
                }
            } else {
                for (Expr.Pair p : ((Expr.Mapping) e).pairs()) {
                    walk(p.key(), null, s);
                    walk(p.value(), p.key() == null ? new Position(Use.CONSUMED, e) : null, s);
                }
            }
            return;
        }
        if (e instanceof Expr.Mapping m && m.pairs().stream().allMatch(p -> p.key() != null)
                && m.pairs().stream().anyMatch(p -> !(p.key() instanceof Expr.Literal)
                        || !(p.value() instanceof Expr.Literal))) {
            produced(m, true, false, at, s);
            Position items = itemPosition(m, at);
            for (Expr.Pair p : m.pairs()) {
                walk(p.key(), null, s);
                walk(p.value(), items, s);
            }
            return;
        }
        if (e instanceof Expr.Conditional c) {
            // the value of either branch (or of the condition, for ?:) is the conditional's; a condition with a
            // then branch is only tested, as an if's: the conditional, as a release point and a text consumer,
            // gives back what testing it took (scratch storage, render-private text) once it is decided, before
            // a branch runs (see the executors: a conditional frees only that)
            walk(c.cond(), c.then() == null ? at : Position.text(Use.SEALED, c), s);
            walk(c.then(), at, s);
            walk(c.otherwise(), at, s);
            return;
        }
        if (e instanceof Expr.NullCoalesce c && at != null) {
            walk(c.left(), at, s);
            walk(c.right(), at, s);
            return;
        }
        children(e, s);
    }

    /**
     * Whether a (positional at i, or named) is the template name of a core include(), include_only() or source():
     * read as text by the call, which resolves it and keeps nothing of it.
     */
    private static boolean templateNameArg(Expr.Function f, Expr.Arg a, int i) {
        if (a.spread()) {
            return false;
        }
        String param = switch (f.name()) {
            case "include", "include_only" -> "template";
            case "source" -> "name";
            default -> null;
        };
        return param != null && (a.name() == null ? i == 0 : a.name().equals(param));
    }

    /**
     * The variables of an include (the statement or the function, reader): the mapping is copied into the included
     * template's frame and dropped; a mapping written out in place has its values read as text by the include
     * (the included template keeps a render-private text only under a name it reads as text alone, see
     * textOnlyNames, and gets a String under any other), free when the include is done.
     */
    /**
     * The variables of a with whose mapping is written out: read as an include's are (see includeVariables), except
     * a core collection producer (or a reduce, a list or hash literal) under a literal name, which the with binds in
     * its frame as a set would: walked as a set's value, decided at the end of the scope (withCollections). Returns
     * those names.
     */
    private List<String> withVariables(Stmt.With w, Scope s) {
        if (!(w.variables() instanceof Expr.Mapping m)) {
            return List.of();
        }
        if (m.pairs().stream().anyMatch(p -> !(p.key() instanceof Expr.Literal) || !(p.value() instanceof Expr.Literal))) {
            produced(m, true, false, new Position(Use.CONSUMED, w), s);
        }
        List<String> own = new ArrayList<>();
        for (Expr.Pair p : m.pairs()) {
            walk(p.key(), null, s);
            Expr v = p.value();
            if (p.key() instanceof Expr.Literal l && l.value() instanceof String name && !isTextProducer(v)
                    && !isSplit(v) && !isDateProducer(v)
                    && (v instanceof Expr.Filter fl && isProducer(fl) || isLiteral(v) || isCarryReduce(v))) {
                own.add(name);
                s.withAssigned.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
                if (isCarryReduce(v)) {
                    s.assignedCarries.put(v, carry((Expr.Filter) v, s));
                } else {
                    walk(v, null, s);
                }
            } else {
                walk(v, Position.text(null, w), s);
            }
        }
        return own;
    }

    /**
     * The collections a written-out with binds (see withVariables) that may be scratch storage: the variable lives
     * in the with's frame (a copy of the scope's) and ends with the tag, which gives back what was taken meanwhile,
     * so only what happens in its body matters: no set or capture of the name anywhere in the scope (a set would
     * extend the collection in place, or keep it), every read of it a consumption (escapingNames: the scope's
     * reads of the name, the body's among them), and no hand-over of the scope in the body but another written-out
     * with (a copy of the frame again: an include gets the collection as Frame#ownCollections says).
     */
    private void withCollections(Scope s) {
        for (Map.Entry<String, List<Expr>> e : s.withAssigned.entrySet()) {
            String name = e.getKey();
            if (s.otherAssigned.contains(name) || s.handedWithNames.contains(name) || s.escapingNames.contains(name)
                    || s.loopVarNames.contains(name) || s.handedNames.contains(name)) {
                continue;
            }
            for (Expr p : e.getValue()) {
                scratch.add(p);
                accumulation(p, name, s);
            }
        }
    }

    /**
     * The variables of an include (an embed: texts false) copied into the included template's frame: a mapping
     * written out is consumed there, its values read as text where the tag makes a render-private text the
     * template's own under a name it does not read as text alone (Semantics#ownTexts; not an embed's). slots: the
     * frame is a copy of the scope, whose variables (slots, and Frame#extra) Frame#ownCollections makes the target's
     * own; not an {@code only} frame, whose variables are its context, read by name (a variable under a literal name
     * is then kept).
     */
    private void includeVariables(Expr vars, Object reader, Scope s, boolean texts, boolean slots) {
        if (writtenOut(vars) && vars instanceof Expr.Mapping m) {
            if (m.pairs().stream().anyMatch(p -> !(p.key() instanceof Expr.Literal)
                    || !(p.value() instanceof Expr.Literal))) {
                produced(m, true, false, new Position(Use.CONSUMED, reader), s);
            }
            for (Expr.Pair p : m.pairs()) {
                walk(p.key(), null, s);
                // a variable under a literal name becomes a variable of the included template's frame, which makes
                // a render-private collection its own under a name it may keep (Frame#ownCollections): read there
                // and dropped, as far as this scope goes (its text as ever: see Semantics#ownTexts)
                boolean named = slots && p.key() instanceof Expr.Literal l && l.value() instanceof String
                        && p.value() instanceof Expr.Name;
                if (slots && texts && reader instanceof Stmt.Include && p.key() instanceof Expr.Literal l
                        && l.value() instanceof String && isLiteral(p.value())) {
                    // a list or hash literal under a literal name: scratch storage, its literals too and its texts
                    // render-private, all of it given back when the include ends; the included template gets it as
                    // it is only under a name it reads deep and on the spot, else a fresh copy (see
                    // CompiledTemplate#collectionDeepReadNames, Frame#ownCollections)
                    walk(p.value(), new Position(Use.CONSUMED, reader), s);
                    literalItems(p.value(), false);
                    continue;
                }
                walk(p.value(), named ? new Position(Use.CONSUMED, reader, texts, texts ? reader : null)
                        : texts ? Position.text(null, reader) : null, s);
            }
            return;
        }
        walk(vars, new Position(Use.CONSUMED, reader), s);
    }

    /**
     * Whether the variables of an include, embed or with are none or a mapping written out with every key (no
     * spread): then what the tag hands on is what the mapping's values read.
     */
    private static boolean writtenOut(Expr vars) {
        return vars == null || vars instanceof Expr.Mapping m && m.pairs().stream().allMatch(p -> p.key() != null);
    }

    /**
     * Whether fl is a core reduce with an arrow (of at least one parameter) whose result is consumed on the spot:
     * a candidate for a carry of scratch storage (see Carry).
     */
    private boolean carryingReduce(Expr.Filter fl, Position at) {
        return at != null && at.use() != null && at.use() != Use.CARRY && at.use() != Use.HANDED
                && isCarryReduce(fl);
    }

    /** A core reduce with an arrow of at least one parameter as its first argument. */
    private boolean isCarryReduce(Expr e) {
        return e instanceof Expr.Filter fl && fl.name().equals("reduce") && coreFilter.test("reduce")
                && !fl.args().isEmpty() && fl.args().get(0).name() == null && !fl.args().get(0).spread()
                && fl.args().get(0).value() instanceof Expr.Arrow a && !a.params().isEmpty();
    }

    /**
     * Whether v is a conditional {@code c ? a : b} (with a then branch) whose branches are each the variable name
     * itself, a self merge of it (see isSelfMerge, collected into merges) or such a conditional.
     */
    private boolean isConditionalSelfMerge(Expr v, String name, List<Expr> merges) {
        if (!(v instanceof Expr.Conditional c) || c.then() == null) {
            return false;
        }
        for (Expr b : new Expr[] {c.then(), c.otherwise()}) {
            if (isSelfMerge(b, name)) {
                merges.add(b);
            } else if (!(b instanceof Expr.Name n && n.name().equals(name)) && !isConditionalSelfMerge(b, name, merges)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Walks a conditional self merge (see isConditionalSelfMerge): its condition only tested, as any conditional's;
     * its merges walked as a set's producer is (the value kept: no position); the variable's own name is no read.
     */
    private void conditionalSelfMerge(Expr.Conditional c, String name, Scope s) {
        walk(c.cond(), Position.text(Use.SEALED, c), s);
        for (Expr b : new Expr[] {c.then(), c.otherwise()}) {
            if (b instanceof Expr.Conditional inner) {
                conditionalSelfMerge(inner, name, s);
            } else if (!(b instanceof Expr.Name)) {
                walk(b, null, s);
            }
        }
    }

    /** {@code set name = name|merge(a, ...)} (core merge, positional arguments): see accumulation. */
    private boolean isSelfMerge(Expr v, String name) {
        return v instanceof Expr.Filter fl && fl.name().equals("merge") && coreFilter.test("merge")
                && fl.input() instanceof Expr.Name n && n.name().equals(name)
                && fl.args().stream().allMatch(a -> a.name() == null && !a.spread());
    }

    /** A reduce whose carry may be scratch storage: its arrow's body returns the carry (see Carry). */
    private void reduce(Expr.Filter fl, Position at, Scope s) {
        s.consumer.put(fl, at.consumer());
        Carry c = carry(fl, s);
        c.at = at;
        s.carries.add(c);
    }

    /** Walks a reduce whose carry may be scratch storage (see Carry): what its carry is, decided by the caller. */
    private Carry carry(Expr.Filter fl, Scope s) {
        Expr.Arrow arrow = (Expr.Arrow) fl.args().get(0).value();
        walk(fl.input(), new Position(Use.CONSUMED, fl), s);
        Carry outer = s.carry;
        Carry c = new Carry(fl, arrow.params().get(0), s.keptArrows, outer);
        s.carry = c;
        s.arrows++;
        walk(arrow.body(), new Position(Use.CARRY, fl), s);
        s.arrows--;
        s.carry = outer;
        for (int i = 1; i < fl.args().size(); i++) {
            Expr.Arg a = fl.args().get(i);
            if (!a.spread() && (a.name() == null ? i == 1 : a.name().equals("initial")) && isLiteral(a.value())) {
                // the initial carry, a literal: the first carry, scratch storage if the carry is (its items kept)
                c.producers.add(a.value());
                s.consumer.put(a.value(), fl);
            }
            walk(a, null, s); // the initial carry may be returned: kept
        }
        return c;
    }

    /** A hand-over of the scope s to a template or user code. */
    private void leak(Scope s) {
        s.leak();
        handsOn = true;
        collectionsHandedOn = true;
    }

    /** Notes a producer (a call that can build its result in scratch storage) seen at a position. */
    private void produced(Expr call, boolean producer, boolean deep, Position at, Scope s) {
        if (!producer || at == null || at.use() == null) {
            return; // kept, or read only as text: the collection may outlive the spot
        }
        if (at.use() == Use.HANDED && !(call instanceof Expr.Sequence || call instanceof Expr.Mapping)) {
            return; // a macro's frame recognises only pooled arrays as render-private collections (see Use)
        }
        if (at.use() == Use.CARRY) {
            if (!deep && s.carry != null && s.carry.reduce == at.consumer()) {
                s.consumer.put(call, at.consumer());
                s.carry.producers.add(call); // scratch if the carry stays in the reduce (see Carry)
                if (extendsCarry(call, s.carry)) {
                    s.carry.accumulating.add(call);
                    groupCandidates(call, s.carry);
                }
            }
            return;
        }
        s.consumer.put(call, at.consumer());
        if (!deep || at.use() == Use.SEALED) {
            s.onTheSpot.add(call);
        }
        // a deep producer under a for loop is decided with the loop (see DeepLoop)
    }

    /**
     * Whether a producer returned as the next carry of c extends c's carry: {@code c|merge(...)} (core merge,
     * positional arguments) or {@code [...c, x, ...]} (no other spread).
     */
    private boolean extendsCarry(Expr call, Carry c) {
        if (call instanceof Expr.Sequence q) {
            return isCarrySpread(q, c);
        }
        return call instanceof Expr.Filter fl && fl.name().equals("merge") && coreFilter.test("merge")
                && fl.input() instanceof Expr.Name n && n.name().equals(c.name)
                && fl.args().stream().allMatch(a -> a.name() == null && !a.spread());
    }

    /**
     * The element merges of a carry's accumulating merge {@code c|merge({(k): (c[k] ?? [])|merge(...)})} (see
     * Carry#elements), and the reads of c they make.
     */
    private void groupCandidates(Expr call, Carry c) {
        if (!(call instanceof Expr.Filter fl)) {
            return;
        }
        c.groupReads.add(fl.input());
        for (Expr.Arg a : fl.args()) {
            if (a.value() instanceof Expr.Mapping m && m.pairs().stream().allMatch(p -> p.key() != null)) {
                for (Expr.Pair p : m.pairs()) {
                    if (p.value() instanceof Expr.Filter v && v.name().equals("merge") && coreFilter.test("merge")
                            && v.args().stream().allMatch(x -> x.name() == null && !x.spread())
                            && v.input() instanceof Expr.NullCoalesce nc && nc.right() instanceof Expr.Sequence q
                            && q.items().isEmpty() && nc.left() instanceof Expr.GetAttr g
                            && g.type() != Expr.AccessType.METHOD && noArgs(g)
                            && g.object() instanceof Expr.Name n && n.name().equals(c.name)) {
                        c.elements.add(v);
                        c.groupReads.add(n);
                    }
                }
            }
        }
    }

    /**
     * Whether the elements of a collection at a position (the result of a grouping reduce, whose elements are its
     * render's arrays) stay where they are read: printed or read by a sealed consumer; iterated by a for loop whose
     * variable the core only consumes, in a body that hands no collection on (an include gets them as the including
     * frame's collections, see Frame#ownCollections); or handed on by a core sort, filter, slice or reverse of
     * scratch storage (whose arrow's parameters are only consumed) whose result is at such a position.
     */
    private boolean elementsStay(Expr producer, Position at, Scope s) {
        if (at == null || at.use() == null) {
            return false;
        }
        if (at.use() == Use.SEALED) {
            return true;
        }
        if (at.use() == Use.LOOP) {
            return at.consumer() instanceof Stmt.For fo && fo.seq() == producer
                    && !s.escapingNames.contains(fo.valueVar()) && !s.arrowReadNames.contains(fo.valueVar())
                    && Boolean.FALSE.equals(loopCollectionLeaks.get(fo));
        }
        if (at.use() == Use.CONSUMED && at.consumer() instanceof Expr.Filter f && f.input() == producer
                && ELEMENT_PASSING_FILTERS.contains(f.name()) && coreFilter.test(f.name()) && scratch.contains(f)) {
            for (Expr.Arg a : f.args()) {
                if (a.value() instanceof Expr.Arrow arrow
                        && arrow.params().stream().anyMatch(p -> s.escapingNames.contains(p))) {
                    return false;
                }
            }
            return elementsStay(f, filterAt.get(f), s);
        }
        return false;
    }

    /**
     * The element merges of a grouping reduce kept by set in scratch storage ({@code set g = xs|reduce((c, x) =>
     * c|merge({(k): (c[k] ?? [])|merge([x])}), {})}), in the render's element storage as an on-the-spot grouping's
     * are (Semantics#IN_PLACE_ELEMENT), when every read of the variable leaves its elements where they are (see
     * variableElementsStay): the groups are then held by the variable alone, and whatever may keep one gets a copy
     * (a hand-over copies a collection holding render-private ones, see PhpArrays#isPrivate).
     */
    private void groupedElements(Scope s) {
        for (Map.Entry<Carry, String> e : s.assignedGroupings.entrySet()) {
            if (variableElementsStay(e.getValue(), s)) {
                for (Expr v : e.getKey().elements) {
                    scratch.add(v);
                    inPlace.put(v, IN_PLACE_ELEMENT);
                }
            }
        }
    }

    /**
     * The names the module's body (scope s) reads only deep and on the spot, none of them kept (kept: the module's
     * kept names) nor assigned: every read of such a name is the sequence of a for loop whose body hands no
     * collection on (an include's copy of the scope gets what it holds as Frame#ownCollections says) and whose value
     * variable is itself assigned nowhere, read by no arrow and read only for an element (x.a, x['k']) that a
     * sealed consumer reads on the spot ({{ x.a }}, an escape there, an if's test); or tested or printed itself.
     * What an include hands on under such a name (a list of hash literals of render-private texts, see
     * includeVariables) then reaches nothing that may keep any part of it, at any depth, and stays as it is.
     */
    private Set<String> deepReadNames(Scope s, Set<String> kept) {
        Set<String> out = new HashSet<>();
        names:
        for (Map.Entry<String, List<Read>> e : s.reads.entrySet()) {
            String name = e.getKey();
            if (kept.contains(name) || s.otherAssigned.contains(name) || s.loopVarNames.contains(name)) {
                continue;
            }
            for (Read r : e.getValue()) {
                Position at = r.at();
                if (at != null && at.use() == Use.SEALED && at.consumer() == at.reader()) {
                    continue; // tested or printed itself
                }
                if (!(at != null && at.use() == Use.LOOP && at.consumer() instanceof Stmt.For fo
                        && fo.seq() == r.name() && Boolean.FALSE.equals(loopCollectionLeaks.get(fo))
                        && elementsReadOnTheSpot(fo.valueVar(), s))) {
                    continue names;
                }
            }
            out.add(name);
        }
        return Set.copyOf(out);
    }

    /**
     * Whether every read of the variable v in scope s is an element read (v.a, v[k] with a constant key, no call)
     * whose element a core consumer reads on the spot, and nothing else assigns v or reads it from an arrow.
     */
    private boolean elementsReadOnTheSpot(String v, Scope s) {
        if (s.otherAssigned.contains(v) || s.arrowReadNames.contains(v) || s.escapingNames.contains(v)
                || s.handedNames.contains(v)) {
            return false;
        }
        for (Read r : s.reads.getOrDefault(v, List.of())) {
            Position at = r.at();
            if (at == null || !(at.consumer() instanceof Expr.GetAttr g) || g.object() != r.name()
                    || g.type() == Expr.AccessType.METHOD || !noArgs(g) || !(g.attribute() instanceof Expr.Literal)) {
                return false;
            }
            Position element = filterAt.get(g);
            if (element == null || element.use() != Use.SEALED) {
                return false; // (a print, an escape there, an if's test: read and dropped, nothing kept)
            }
        }
        return true;
    }

    /** A read of a name and where it stands. */
    private record Read(Expr.Name name, Position at) {
    }

    /**
     * The items an accumulation keeps: for each {@code set v = v|merge([...])} that extends v in place (see
     * accumulation) where every read of v leaves v's elements where they are (see variableElementsStay), the list
     * and hash literals among the items of its literal arguments, and the core merges among them
     * ({@code [r|merge({...})]}), are built in the render's element storage (Semantics#IN_PLACE_ITEM): valid until
     * the render ends, since v holds them from one step to the next while each step gives back the scratch
     * storage its arguments took. Their own items are walked as kept (fresh), so an element of v holds nothing
     * render-private, and anything reading an element's values reads values of its own.
     */
    private void keptItems(Scope s) {
        for (Map.Entry<Expr, String> e : s.setName.entrySet()) {
            if (inPlace.get(e.getKey()) == null || inPlace.get(e.getKey()) != IN_PLACE_VARIABLE
                    || !variableElementsStay(e.getValue(), s)) {
                continue;
            }
            for (Expr.Arg a : ((Expr.Filter) e.getKey()).args()) {
                List<Expr> items = new ArrayList<>();
                if (a.value() instanceof Expr.Sequence q && q.items().stream().noneMatch(Expr.Item::spread)) {
                    q.items().forEach(it -> items.add(it.value()));
                } else if (a.value() instanceof Expr.Mapping m && m.pairs().stream().allMatch(p -> p.key() != null)) {
                    m.pairs().forEach(p -> items.add(p.value()));
                }
                for (Expr item : items) {
                    if (isLiteral(item) || item instanceof Expr.Filter fl && fl.name().equals("merge")
                            && coreFilter.test("merge") && fl.args().stream().allMatch(x -> x.name() == null
                                    && !x.spread())) {
                        scratch.add(item);
                        inPlace.put(item, IN_PLACE_ITEM);
                    }
                }
            }
        }
    }

    /**
     * Whether every read of the variable name in scope s leaves its elements where they are: an element
     * render-private there reaches nothing that may keep it (see elementsKept), and the sets of name's own producers
     * of it ({@code name = name|merge(...)}, {@code name = name|sort(...)}) put them back into it.
     */
    private boolean variableElementsStay(String name, Scope s) {
        for (Read r : s.reads.getOrDefault(name, List.of())) {
            Position at = r.at();
            if (at != null && at.consumer() instanceof Expr.Filter f && f.input() == r.name()
                    && name.equals(s.setName.get(f)) && coreFilter.test(f.name())
                    && (f.name().equals("merge") || ELEMENT_PASSING_FILTERS.contains(f.name()))
                    && arrowsPrivate(f, s)) {
                continue;
            }
            if (!elementsKept(r.name(), at, s)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the elements of the collection e at a position stay render-internal, when each element holds only
     * values of its own (see keptItems): handed to a macro (whose binding copies a collection holding render-private
     * ones, see Semantics#bound), iterated by a loop whose variable is never kept (its reads: an element's values,
     * of their own), handed only to the private arrow of a core map or reduce (whose parameters are never kept),
     * read for one column or for its keys, or one element handed on by first, last or an access ({@code v[1]}) to
     * where it is read or consumed, or to a variable that is never kept (see elementStays; {@code set l = v[k] ?? x}
     * too); else as elementsStay says, behind private arrows.
     */
    private boolean elementsKept(Expr e, Position at, Scope s) {
        if (at == null || at.use() == null) {
            return false;
        }
        if (at.use() == Use.HANDED) {
            return true;
        }
        if (at.use() == Use.LOOP && at.consumer() instanceof Stmt.For fo && fo.seq() == e) {
            return !s.escapingNames.contains(fo.valueVar()) && Boolean.FALSE.equals(loopCollectionLeaks.get(fo));
        }
        if (at.use() == Use.CONSUMED && at.consumer() instanceof Expr.Filter f && f.input() == e
                && coreFilter.test(f.name())) {
            if (f.name().equals("map") || f.name().equals("reduce")) {
                return arrowsPrivate(f, s);
            }
            if (f.name().equals("column") || f.name().equals("keys")) {
                return true; // (keys hands on the keys alone, never an element)
            }
            if (ELEMENT_FILTERS.contains(f.name())) {
                return elementStays(f, s);
            }
            if (!arrowsPrivate(f, s)) {
                return false;
            }
        }
        if (at.use() == Use.CONSUMED && at.consumer() instanceof Expr.GetAttr g && g.object() == e
                && g.type() != Expr.AccessType.METHOD && noArgs(g)) {
            return elementStays(g, s);
        }
        return elementsStay(e, at, s);
    }

    /**
     * Whether an element that the expression c (first, last, an access) hands on stays render-internal: read or
     * consumed where c stands (not returned as a reduce's carry), or assigned by set to a variable that no read
     * keeps (hand-overs of the scope copy it: see Frame#ownCollections).
     */
    private boolean elementStays(Expr c, Scope s) {
        Position p = filterAt.get(c);
        if (p != null) {
            return p.use() != null && p.use() != Use.CARRY;
        }
        String w = s.setName.get(c);
        return w != null && !s.escapingNames.contains(w);
    }

    /**
     * Whether a core filter's arrow, where it takes one, is an arrow written there (which the core filter calls during
     * the call and drops; not a variable's, which may be a user's callable) whose parameters are never kept: what it
     * is given of the input stays where the arrow's body reads it.
     */
    private boolean arrowsPrivate(Expr.Filter f, Scope s) {
        if (!ARROW_FILTERS.contains(f.name())) {
            return true;
        }
        for (int i = 0; i < f.args().size(); i++) {
            Expr.Arg a = f.args().get(i);
            if (a.spread()) {
                return false;
            }
            if (a.name() == null ? i == 0 : a.name().equals("arrow")) {
                if (!(a.value() instanceof Expr.Arrow arrow)
                        || arrow.params().stream().anyMatch(s.escapingNames::contains)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code [...c, x, ...]}: a list literal spreading the carry of c first, and only it. */
    private static boolean isCarrySpread(Expr.Sequence q, Carry c) {
        List<Expr.Item> items = q.items();
        if (c == null || items.isEmpty() || !items.get(0).spread()
                || !(items.get(0).value() instanceof Expr.Name n && n.name().equals(c.name))) {
            return false;
        }
        for (int i = 1; i < items.size(); i++) {
            if (items.get(i).spread()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Where the items of a list or hash literal built in scratch storage at a position stand (null: they may be
     * kept): a consumer that keeps nothing and hands no element on (SEALED: join, length, json_encode, a test,
     * {@code in}, replace's mapping, printing...) reads them as values or text and drops them, so a text among them
     * may be render-private, freed by that consumer, and a literal among them scratch storage too; items bound to
     * a macro's parameter are handed the same way; first, last, max and min hand one item on to what reads their
     * result as text, which may then be a render-private text (the literals among them stay fresh); column reads
     * one value of each row and drops the row, which may be scratch storage.
     */
    private Position itemPosition(Expr literal, Position at) {
        if (at == null || at.use() == null) {
            return null;
        }
        if (at.use() == Use.HANDED) {
            return at;
        }
        if (at.use() == Use.SEALED) {
            Object reader = at.text() ? at.reader() : at.consumer();
            return new Position(Use.SEALED, at.consumer(), reader != null, reader);
        }
        if (at.use() == Use.CONSUMED && at.consumer() instanceof Expr.Filter c && c.name().equals("column")
                && c.input() == literal && coreFilter.test("column")) {
            return new Position(Use.CONSUMED, c); // rows read for one column, dropped (their values handed on)
        }
        boolean element = at.consumer() instanceof Expr.Filter fl && ELEMENT_FILTERS.contains(fl.name())
                && fl.input() == literal && coreFilter.test(fl.name())
                || at.consumer() instanceof Expr.Function f && ELEMENT_FUNCTIONS.contains(f.name())
                        && coreFunction.test(f.name());
        return at.use() == Use.CONSUMED && element && at.text() && at.reader() != null
                && at.reader() != at.consumer() ? new Position(null, at.consumer(), true, at.reader()) : null;
    }

    /**
     * A filter call's arguments: read like the input for merge, as text for the filters that read them so, else
     * as values that may be kept.
     */
    private void arguments(Expr.Filter fl, Scope s, Position arrowResult) {
        boolean core = coreFilter.test(fl.name());
        Expr.Arrow own = null;
        if (core && ARROW_FILTERS.contains(fl.name()) && fl.args().stream().noneMatch(Expr.Arg::spread)) {
            for (int i = 0; i < fl.args().size(); i++) {
                Expr.Arg a = fl.args().get(i);
                if ((a.name() == null ? i == 0 : a.name().equals("arrow")) && a.value() instanceof Expr.Arrow arrow) {
                    privateArrows.add(arrow);
                    own = arrow;
                }
            }
        }
        Use use = !core ? null : CONSUMING_ARGUMENTS.contains(fl.name()) ? Use.CONSUMED
                : SEALED_ARGUMENTS.contains(fl.name()) ? Use.SEALED : null;
        Position at = Position.of(use, fl, core && TEXT_ARGUMENT_FILTERS.contains(fl.name()));
        for (Expr.Arg a : fl.args()) {
            if (arrowResult != null && a.value() == own) {
                s.arrows++;
                walk(own.body(), arrowResult, s);
                s.arrows--;
            } else {
                walk(a.value(), a.spread() ? null : at, s);
            }
        }
    }

    /**
     * Where the arrow of a core map stands whose result a sealed consumer reads on the spot (json_encode, length,
     * in...), or null: the arrow's results are the list's elements, read there and dropped with it.
     */
    private Position mappedElements(Expr.Filter fl, Position at) {
        return fl.name().equals("map") && coreFilter.test("map") && at != null && at.use() == Use.SEALED
                ? itemPosition(fl, at) : null;
    }

    /**
     * The join that reads, on the spot, the result of a core map at a position (the map is its input), or null:
     * the elements are read as text and dropped with the list.
     */
    private Object joinedBy(Expr.Filter fl, Position at) {
        return fl.name().equals("map") && coreFilter.test("map") && at != null && at.text()
                && at.use() == Use.SEALED && at.consumer() instanceof Expr.Filter j && j.name().equals("join")
                && j.input() == fl && coreFilter.test("join") ? j : null;
    }

    /**
     * Where the key of {@code m[p]} (a key computed at run time) stands: read as text by the access and dropped
     * (it reaches the access as a String of the render's key cache, see Semantics#attrKey); null for a constant
     * name or a method call.
     */
    private static Position keyPosition(Expr.GetAttr g) {
        return g.type() != Expr.AccessType.METHOD && !(g.attribute() instanceof Expr.Literal)
                ? Position.text(null, g) : null;
    }

    /** An attribute other than parent of the loop of an enclosing scope: {@code loop.parent.loop.first}. */
    private static boolean loopAttribute(Expr.GetAttr g) {
        return g.type() != Expr.AccessType.METHOD && noArgs(g) && g.attribute() instanceof Expr.Literal l
                && !"parent".equals(l.value()) && g.object() instanceof Expr.GetAttr lp && enclosingLoop(lp);
    }

    /** {@code loop.parent.loop} (with any number of {@code .parent.loop}): the loop of an enclosing scope. */
    private static boolean enclosingLoop(Expr.GetAttr lp) {
        return noArgs(lp) && lp.attribute() instanceof Expr.Literal a && "loop".equals(a.value())
                && lp.object() instanceof Expr.GetAttr p && noArgs(p)
                && p.attribute() instanceof Expr.Literal pa && "parent".equals(pa.value())
                && (p.object() instanceof Expr.Name n && n.name().equals("loop")
                        || p.object() instanceof Expr.GetAttr outer && enclosingLoop(outer));
    }

    private static boolean noArgs(Expr.GetAttr g) {
        return g.args() == null || g.args().isEmpty();
    }

    /** A core call whose result may be a render-private date (date_modify's, the date function's). */
    private boolean isDateProducer(Expr e) {
        return e instanceof Expr.Filter fl && DATE_PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name())
                || e instanceof Expr.Function f && DATE_FUNCTIONS.contains(f.name()) && coreFunction.test(f.name());
    }

    /**
     * Whether the value of e, at a position, is read as a date and dropped: the input of a core date filter (which
     * keeps nothing of it), an operand of a comparison (which reads the instant), or an argument of the date
     * function (which reads it as its date).
     */
    private boolean readAsDate(Expr e, Position at) {
        if (at == null || at.use() == null) {
            return false;
        }
        if (dateElements.contains(e)) {
            return true; // an argument of max/min whose result is read as a date
        }
        if (at.consumer() instanceof Expr.Binary b) {
            return DATE_COMPARISONS.contains(b.op()) && (b.left() == e || b.right() == e);
        }
        if (at.consumer() instanceof Expr.Function f) {
            return DATE_FUNCTIONS.contains(f.name()) && coreFunction.test(f.name()) && !f.args().isEmpty()
                    && f.args().get(0).value() == e && f.args().get(0).name() == null && !f.args().get(0).spread();
        }
        return at.consumer() instanceof Expr.Filter c && c.input() == e
                && DATE_READERS.contains(c.name()) && coreFilter.test(c.name());
    }

    private boolean isSplit(Expr e) {
        return e instanceof Expr.Filter fl && fl.name().equals("split") && coreFilter.test("split");
    }

    /**
     * A core string filter, a {@code ~}, an interpolation or a macro called as a value (its output, safe text):
     * an expression whose result is built text.
     */
    private boolean isTextProducer(Expr e) {
        if (e instanceof Expr.MacroCall) {
            return true; // (a call with spread arguments gives a Markup of its own: see the executors)
        }
        if (e instanceof Expr.BlockRef br) {
            return !br.defined(); // block(): the block's output, captured (its scope is handed on all the same)
        }
        if (e instanceof Expr.Filter fl) {
            return TEXT_PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name());
        }
        return (e instanceof Expr.Binary b && b.op().equals("~"))
                || (e instanceof Expr.Concat c && !(c.parts().size() == 1 && c.parts().get(0) instanceof Expr.Literal));
    }

    /** A list or hash literal with a spread (built once when all constant: see Semantics#constant). */
    private static boolean spreadLiteral(Expr e) {
        return e instanceof Expr.Sequence q && q.items().stream().anyMatch(Expr.Item::spread)
                || e instanceof Expr.Mapping m && m.pairs().stream().anyMatch(p -> p.key() == null);
    }

    /** A list or hash literal that may be built in scratch storage (no spread; not all constants). */
    private static boolean isLiteral(Expr e) {
        if (e instanceof Expr.Sequence q) {
            return q.items().stream().noneMatch(Expr.Item::spread)
                    && q.items().stream().anyMatch(it -> !(it.value() instanceof Expr.Literal));
        }
        return e instanceof Expr.Mapping m && m.pairs().stream().allMatch(p -> p.key() != null)
                && m.pairs().stream().anyMatch(p -> !(p.key() instanceof Expr.Literal)
                        || !(p.value() instanceof Expr.Literal));
    }

    /**
     * Whether every read of a variable in scope s is the core reading it on the spot, its elements as text, so
     * that nothing of it (no element either) outlives the read: no element read ({@code xs[0]}), no read by an
     * arrow, not a loop's variable.
     */
    private static boolean readAsTextAlone(String name, Scope s) {
        return !s.escapingNames.contains(name) && !s.textEscapingNames.contains(name)
                && !s.elementReadNames.contains(name) && !s.arrowReadNames.contains(name)
                && !s.loopVarNames.contains(name);
    }

    /**
     * The items of a literal kept by {@code set} in a variable only the core reads as text (see readAsTextAlone):
     * its texts render-private, copied into the variable's own buffers when it is set (the literal itself joins
     * texts so that the set keeps them: see Semantics#keepText), and the literals among them scratch storage too.
     */
    private void literalItems(Expr literal, boolean top) {
        if (top) {
            texts.add(literal);
        }
        List<Expr> items = new ArrayList<>();
        if (literal instanceof Expr.Sequence q) {
            q.items().forEach(it -> items.add(it.value()));
        } else {
            ((Expr.Mapping) literal).pairs().forEach(p -> items.add(p.value()));
        }
        for (Expr item : items) {
            literalItem(item);
        }
    }

    /** An item of such a literal: a text, a literal, or a conditional choosing one (handed on as it is). */
    private void literalItem(Expr item) {
        if (isTextProducer(item)) {
            texts.add(item);
        } else if (isLiteral(item)) {
            scratch.add(item);
            literalItems(item, false);
        } else if (item instanceof Expr.Conditional c) {
            if (c.then() != null) {
                literalItem(c.then());
            }
            if (c.otherwise() != null) {
                literalItem(c.otherwise());
            }
        }
    }

    /** Walks a record's components (every AST node is a record). */
    private void children(Object n, Scope s) {
        if (!n.getClass().isRecord()) {
            return;
        }
        RecordShape shape = RecordShape.of(n.getClass());
        for (int i = 0, size = shape.size(); i < size; i++) {
            Object v = shape.get(n, i);
            if (v instanceof Expr || v instanceof Stmt || v instanceof List<?> || v instanceof Expr.Arg
                    || v instanceof Expr.Item || v instanceof Expr.Pair) {
                walk(v, null, s);
            }
        }
    }

    private boolean isProducer(Expr.Filter fl) {
        return PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name());
    }

    private boolean isDeepProducer(Expr.Filter fl) {
        return DEEP_PRODUCERS.contains(fl.name()) && coreFilter.test(fl.name());
    }
}
