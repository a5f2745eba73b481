package dev.zweig.runtime;

import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import dev.zweig.semantics.Symbols;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What a render hands out of its engine-private state: {@code _context}, {@code _parent}, {@code loop}, a
 * needs-context callable's variables and the scope an arrow function captures are frozen copies of the frame
 * ({@link FrozenScope}): an array copy of its slots, with the context maps read by name only when asked, so a
 * snapshot costs what the templates' names cost, never what the caller's context holds. User code may keep them;
 * no later write of the engine (this render's or the next one's, on a pooled frame) ever shows through.
 */
public final class Snapshots {
    private Snapshots() {}

    /** The value itself, or an immutable copy when it is an engine-private object (a loop, a parent scope). */
    public static Object export(Object v) {
        return export(v, null);
    }

    /**
     * export with the copies made so far in this export (null: none yet): a scope is reachable from a frame several
     * ways (its {@code _parent} and its loop's parent are the same copy, at every level of nested loops and
     * includes), and is frozen once, not once per path (which doubles with each level).
     */
    private static Object export(Object v, Done done) {
        if (v instanceof ScratchText || v instanceof SafeText) {
            // render-private text (never in a scope that is handed out: a second line of defence)
            return v instanceof SafeText t ? t.toMarkup() : v.toString();
        }
        if (v instanceof dev.zweig.php.ScratchDate d) {
            return d.toDateTime(); // a render-private date, the same way
        }
        if (v instanceof LoopState.Part p) {
            return p.value(); // a loop's _seq, _key or _iterated, as it is now
        }
        if (!(v instanceof LoopState) && !(v instanceof Frame)) {
            return PhpArrays.owned(v); // a render-private collection leaves as a fresh copy
        }
        Object copy = done == null ? null : done.get(v);
        if (copy == null) {
            if (v instanceof LoopState l) {
                copy = l.snapshot(l.parentFrame == null ? Map.of() : export(l.parentFrame, done));
            } else {
                copy = new FrozenScope(detach((Frame) v, done));
            }
            if (done != null) {
                done.put(v, copy);
            }
        }
        return copy;
    }

    /** The copies one export made, by identity (a handful: two per level of nesting), in a flat array. */
    private static final class Done {
        private Object[] pairs = new Object[8];
        private int n;

        Object get(Object k) {
            for (int i = 0; i < n; i += 2) {
                if (pairs[i] == k) {
                    return pairs[i + 1];
                }
            }
            return null;
        }

        void put(Object k, Object v) {
            if (n == pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, n * 2);
            }
            pairs[n++] = k;
            pairs[n++] = v;
        }
    }

    /** A frame's variables, frozen: an immutable map (see {@link #list} for its order). */
    public static Map<String, Object> context(Frame f) {
        return new FrozenScope(detach(f));
    }

    /**
     * A private copy of a frame that no engine write reaches: its slots copied, the loops and parent scopes in it
     * frozen too (they are pooled objects). Unread slots stay unread: they are looked up by name, later, in the
     * same context maps (the caller's, which the engine never writes).
     */
    public static Frame detach(Frame f) {
        return detach(f, null);
    }

    private static Frame detach(Frame f, Done done) {
        Frame c = Frame.copyOf(f);
        // the variables of an include, embed or with may be a render-private mapping (see ScratchAnalysis), read
        // by name while the tag runs: the copy reads a fresh one, later too
        if (c.origin instanceof PhpArray a && a.isPooled()) {
            c.origin = PhpArrays.ownedMap(a);
        }
        if (c.extra instanceof PhpArray a && a.isPooled()) {
            c.extra = PhpArrays.ownedMap(a);
        }
        Object[] s = c.slots;
        for (int j = 0, n = c.denseCount(); j < n; j++) {
            int i = c.denseSlot(j);
            if (frozenApart(s[i])) {
                done = done != null ? done : new Done();
                s[i] = frozen(s[i], done);
            }
        }
        for (int slot : c.highSlots()) {
            Object v = c.peek(slot);
            if (frozenApart(v)) {
                done = done != null ? done : new Done();
                c.set(slot, frozen(v, done));
            }
        }
        return c;
    }

    /**
     * Whether a snapshot of a scope holds a copy of this value of it rather than the value: render-private text,
     * dates, a split's pieces and collections (or collections holding some). See {@link #readInPlace}.
     */
    private static boolean copied(Object v) {
        return v instanceof ScratchText || v instanceof SafeText || v instanceof dev.zweig.php.ScratchDate
                || v instanceof ScratchText.Pieces || PhpArrays.isPrivate(v);
    }

    /** Whether a snapshot holds something else than this value of a scope: a copy, or a loop's or scope's export. */
    private static boolean frozenApart(Object v) {
        return copied(v) || v instanceof LoopState || v instanceof Frame || v instanceof LoopState.Part;
    }

    /** What a snapshot holds for a value of a scope that {@link #frozenApart} names. */
    private static Object frozen(Object v, Done done) {
        if (v instanceof ScratchText.Pieces pieces) {
            return ownPieces(pieces);
        }
        return export(v, done); // (a render-private collection: PhpArrays#owned's fresh copy)
    }

    /** A split's pieces kept in render-private text, as the snapshot's own Strings (an arrow sees them as now). */
    private static Object ownPieces(ScratchText.Pieces pieces) {
        java.util.List<Object> own = new java.util.ArrayList<>(pieces.size());
        for (Object p : pieces) {
            own.add(p instanceof ScratchText t ? t.toString() : p);
        }
        return own;
    }

    /** A variable of a frame by name, or UNDEFINED (hidden slots, the imported templates, are no variables). */
    public static Object read(Frame f, String name) {
        if (name.startsWith("\0")) {
            return Frame.UNDEFINED;
        }
        int slot = f.engine.symbols().find(name);
        if (slot >= 0) {
            Object v = f.get(slot);
            return v instanceof LoopState.Part p ? p.value() : v; // _parent._seq: the outer loop's, as it is now
        }
        Object v = Frame.lookup(f.extra, name);
        return v != Frame.UNDEFINED ? v : Frame.lookup(f.origin, name);
    }

    /** What {@link #readInPlace} answers for a variable whose value a snapshot of the scope copies. */
    public static final Object COPIED = new Object();

    /**
     * A variable read in place in a scope a chain starts at ({@code _context.x}, {@code _context[name]},
     * {@code _parent.x}): its value when a snapshot of the scope would hold that same value, UNDEFINED when the
     * scope has no such variable, COPIED when the snapshot holds a copy (render-private text, dates and
     * collections). A loop or scope in it is read as it is (the end of the chain exports it, Semantics#attrResult).
     */
    public static Object readInPlace(Frame f, String name) {
        Object v = read(f, name);
        if (copied(v)) {
            return COPIED;
        }
        if (v instanceof PhpArray && (f.origin instanceof PhpArray a && a.isPooled()
                || f.extra instanceof PhpArray e && e.isPooled())) {
            return COPIED; // (a collection among render-private variables: the snapshot's copy holds a copy)
        }
        return v;
    }

    /** An immutable map over a detached frame: lookups by name, the full listing built on first iteration. */
    static final class FrozenScope extends java.util.AbstractMap<String, Object> {
        private final Frame frame;
        private Map<String, Object> all;

        FrozenScope(Frame detached) {
            this.frame = detached;
        }

        private Object lookup(Object key) {
            if (key instanceof Long || key instanceof Integer) {
                // (PHP's key rules: _context[0] is the variable "0" a context map's key may name, as the listing
                // shows it)
                return read(frame, key.toString());
            }
            return key instanceof String name ? read(frame, name) : Frame.UNDEFINED;
        }

        @Override
        public synchronized Object get(Object key) {
            Object v = lookup(key);
            return v == Frame.UNDEFINED ? null : v;
        }

        @Override
        public synchronized boolean containsKey(Object key) {
            return lookup(key) != Frame.UNDEFINED;
        }

        @Override
        public synchronized Set<Entry<String, Object>> entrySet() {
            if (all == null) {
                all = list(frame);
            }
            return all.entrySet();
        }
    }

    /**
     * A frame's defined variables as an immutable map, in the order of Twig's context (an ordered PHP array): a
     * {@code with}'s variables, the render context (or include variables; in a macro its parameters and varargs),
     * then the globals, each name where it first came unless a loop moved it to the end since; then the variables
     * the templates set (a loop's {@code _parent}, {@code _seq}, {@code loop}, its targets among them) in the
     * order they entered the context (see Frame#stamps).
     */
    private static Map<String, Object> list(Frame f) {
        Map<String, Object> m = new LinkedHashMap<>();
        list(f, new Listing() {
            @Override
            boolean has(String name) {
                return m.containsKey(name);
            }

            @Override
            void addIfAbsent(String name, Object value) {
                if (!m.containsKey(name)) {
                    m.put(name, export(value));
                }
            }
        }, new long[f.denseCount() + 1]);
        return Collections.unmodifiableMap(m);
    }

    /**
     * Where {@link #list(Frame, Listing, long[])} puts a frame's defined variables, each name once, in order: a map
     * of frozen values ({@code _context}), or the names alone ({@code _context|keys}, {@code _context|length}). It
     * takes a context map's pairs itself (Map#forEach: no iterator).
     */
    private abstract static class Listing implements java.util.function.BiConsumer<Object, Object> {
        private Frame frame;
        /** Whether the pairs taken now are those of a map whose names no template uses (see addUnnamed). */
        private boolean unnamed;
        /** The thread listing a map's pairs now (see pairsOf), or null. */
        private volatile Thread owner;

        abstract boolean has(String name);

        /** A name with its value (defined), unless the name is listed already. */
        abstract void addIfAbsent(String name, Object value);

        @Override
        public void accept(Object k, Object v) {
            if (frame == null || owner != Thread.currentThread()) {
                // (a context map is the caller's code, which may keep the action it gets: kept, it does nothing but
                // while that map's own forEach runs on this thread, so no later listing of this render state's
                // (RenderState#takeNames), here or on another thread, takes a name from it)
                return;
            }
            if (unnamed) {
                addUnnamed(frame, k, v, this);
            } else {
                addFromMap(frame, k, v, this);
            }
        }

        void pairsOf(Frame f, Map<?, ?> source, boolean unnamedOnly) {
            frame = f;
            unnamed = unnamedOnly;
            owner = Thread.currentThread();
            try {
                source.forEach(this);
            } finally {
                frame = null;
                owner = null;
            }
        }
    }

    /**
     * A listing of names into a render-private PHP array (the names' own Strings: nothing is made per name), with
     * its order buffer: one per render state, reused (RenderState#takeNames). A name is a key as PHP stores it:
     * {@code array_keys($context)} gives the variable "7" as the integer 7, as a snapshot's keys do (its Long from
     * the render's boxes: nothing made in steady state).
     */
    static final class Names extends Listing {
        private PhpArray into;
        private ScratchArena boxes;
        private long[] order = new long[16];

        @Override
        boolean has(String name) {
            return into.containsKey(dev.zweig.php.Values.normalizeKey(name, boxes));
        }

        @Override
        void addIfAbsent(String name, Object value) {
            Object key = dev.zweig.php.Values.normalizeKey(name, boxes);
            if (!into.containsKey(key)) {
                into.add(key, name);
            }
        }
    }

    /**
     * The names of f's variables in the order of {@link #list(Frame)}, as the keys of a temporary of ctx (its values
     * are the names too), lent until the current call returns: what the core keys and length filters read of
     * {@code _context} (see CompileRules#readsContextNames), with no snapshot of the frame and no value exported.
     * No user code runs but the context maps' own reads.
     */
    public static PhpArray names(dev.zweig.ext.CallContext ctx, Frame f) {
        PhpArray into = PhpArrays.temp(ctx);
        RenderState st = ctx instanceof RenderState r ? r : null;
        Names names = st != null ? st.takeNames() : new Names();
        int size = f.denseCount() + 1;
        if (names.order.length < size) {
            names.order = new long[Math.max(size, names.order.length * 2)];
        }
        names.into = into;
        names.boxes = st;
        try {
            list(f, names, names.order);
        } finally {
            names.into = null;
            names.boxes = null;
            if (st != null) {
                st.giveNames(names);
            }
        }
        return into;
    }

    private static void list(Frame f, Listing m, long[] order) {
        Symbols symbols = f.engine.symbols();
        int n = f.denseCount();
        int k = 0;
        for (int j = 0; j < n; j++) {
            int stamp = f.stampAt(j);
            if (stamp < 0) {
                order[k++] = (long) stamp << 32 | f.denseSlot(j); // a with's variables first
            }
        }
        if (f.extra != null && f.extraBorn() < 0) {
            order[k++] = (long) f.extraBorn() << 32 | 0xFFFFFFFFL; // a with's variables no template names
        }
        addInOrder(f, order, k, m);
        addMap(f, f.origin, m);
        int[] params = f.leadingParams();
        if (params != null) {
            // (a parameter a loop moved to the end is listed there, as any moved variable)
            for (int s : params) {
                if (!f.moved(s)) {
                    put(m, symbols.name(s), f.peek(s));
                }
            }
            if (!f.moved(f.leadingVarargs())) {
                put(m, symbols.name(f.leadingVarargs()), f.peek(f.leadingVarargs()));
            }
        }
        Engine engine = f.engine;
        for (int g = 0, count = engine.globalCount(); g < count; g++) {
            int s = engine.globalSlot(g);
            if (!f.moved(s)) {
                put(m, symbols.name(s), f.get(s));
            }
        }
        k = 0;
        for (int j = 0; j < n; j++) {
            int i = f.denseSlot(j);
            int stamp = f.stampAt(j);
            String name = symbols.name(i);
            if (name != null && stamp >= 0 && ((stamp & Frame.MOVED) != 0 || !m.has(name))) {
                order[k++] = (long) Frame.order(stamp) << 32 | i;
            }
        }
        if (f.extra != null && f.extraBorn() >= 0) {
            order[k++] = (long) f.extraBorn() << 32 | 0xFFFFFFFFL; // an include's variables no template names
        }
        addInOrder(f, order, k, m);
        for (int i = f.nextHighSlot(-1); i >= 0; i = f.nextHighSlot(i)) {
            put(m, symbols.name(i), f.peek(i));
        }
    }

    /**
     * Whether the variable in slot a comes before the one in slot b in the listing of f (see {@link #list}), both
     * defined, their places ({@link #place}) ca and cb. Cheap unless both are in the same map (context, globals).
     */
    public static boolean before(Frame f, int ca, int a, int cb, int b) {
        if (ca != cb) {
            return ca < cb;
        }
        if (ca == SET || ca == WITH) {
            return f.born(a) < f.born(b);
        }
        return indexIn(f, ca, a) < indexIn(f, cb, b);
    }

    /** Where list() puts a variable: among a with's variables, the context's, macro arguments, globals, or set. */
    private static final int WITH = 0;
    private static final int CONTEXT = 1;
    private static final int ARGUMENT = 2;
    private static final int GLOBAL = 3;
    private static final int SET = 4;

    /** Where list() puts the defined variable in slot: the rank of its group (a with's, the context's...). */
    public static int place(Frame f, int slot) {
        if (f.moved(slot)) {
            return SET;
        }
        if (f.leads(slot)) {
            return WITH;
        }
        String name = f.engine.symbols().name(slot);
        if (Frame.lookup(f.origin, name) != Frame.UNDEFINED) {
            return CONTEXT;
        }
        if (f.leadingParams() != null && indexIn(f, ARGUMENT, slot) >= 0) {
            return ARGUMENT;
        }
        return f.engine.global(slot) != Frame.UNDEFINED ? GLOBAL : SET;
    }

    private static int indexIn(Frame f, int place, int slot) {
        String name = f.engine.symbols().name(slot);
        int i = 0;
        switch (place) {
            case CONTEXT -> {
                for (Object k : f.origin.keySet()) {
                    if (name.equals(k instanceof String s ? s : String.valueOf(k))) {
                        return i;
                    }
                    i++;
                }
            }
            case ARGUMENT -> {
                for (int s : f.leadingParams()) {
                    if (s == slot) {
                        return i;
                    }
                    i++;
                }
                return f.leadingVarargs() == slot ? i : -1;
            }
            default -> {
                for (int s : f.engine.globalSlotOrder()) {
                    if (s == slot) {
                        return i;
                    }
                    i++;
                }
            }
        }
        return -1;
    }

    /** Adds the variables of order[0..k) (stamp, slot; slot -1: the extra map's) by stamp. */
    private static void addInOrder(Frame f, long[] order, int k, Listing m) {
        java.util.Arrays.sort(order, 0, k);
        Symbols symbols = f.engine.symbols();
        for (int j = 0; j < k; j++) {
            int i = (int) order[j];
            if (i == -1) {
                addUnnamed(f, f.extra, m);
                continue;
            }
            // (a name a loop moved to the end comes here only: the earlier places skip it)
            put(m, symbols.name(i), f.peek(i));
        }
    }

    /** Adds the names of a map that no template uses (the others are slots, listed in their own places). */
    private static void addUnnamed(Frame f, Map<?, ?> source, Listing m) {
        m.pairsOf(f, source, true);
    }

    private static void addUnnamed(Frame f, Object k, Object v, Listing m) {
        String name = k == null ? null : k instanceof String s ? s : String.valueOf(k);
        if (name != null && f.engine.symbols().find(name) < 0) {
            put(m, name, v);
        }
    }

    /** Adds a map's names in its order, with the frame's values, but for names a loop moved to the end since. */
    private static void addMap(Frame f, Map<?, ?> source, Listing m) {
        if (source != null) {
            m.pairsOf(f, source, false);
        }
    }

    private static void addFromMap(Frame f, Object k, Object value, Listing m) {
        if (k == null) {
            return;
        }
        String name = k instanceof String s ? s : String.valueOf(k);
        int slot = f.engine.symbols().find(name);
        if (slot >= 0 && f.moved(slot)) {
            return;
        }
        Object v = slot >= 0 ? f.get(slot) : Frame.lookup(f.extra, name);
        put(m, name, v != Frame.UNDEFINED ? v : value);
    }

    private static void put(Listing m, String name, Object v) {
        if (name != null && v != Frame.UNDEFINED && v != Frame.UNREAD && !name.startsWith("\0")) {
            m.addIfAbsent(name, v);
        }
    }
}
