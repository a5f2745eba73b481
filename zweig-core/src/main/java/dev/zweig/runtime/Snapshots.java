package dev.zweig.runtime;

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
        Frame c = new Frame(f.engine, f.slots.length);
        c.copyFrom(f);
        // the variables of an include, embed or with may be a render-private mapping (see ScratchAnalysis), read
        // by name while the tag runs: the copy reads a fresh one, later too
        if (c.origin instanceof PhpArray a && a.isPooled()) {
            c.origin = (Map<?, ?>) PhpArrays.owned(a);
        }
        if (c.extra instanceof PhpArray a && a.isPooled()) {
            c.extra = (Map<?, ?>) PhpArrays.owned(a);
        }
        Object[] s = c.slots;
        for (int j = 0, n = c.denseCount(); j < n; j++) {
            int i = c.denseSlot(j);
            Object v = s[i];
            if (v instanceof LoopState || v instanceof Frame) {
                done = done != null ? done : new Done();
                s[i] = export(v, done);
            } else if (v instanceof ScratchText || v instanceof SafeText || v instanceof dev.zweig.php.ScratchDate) {
                s[i] = export(v, done);
            } else if (v instanceof ScratchText.Pieces) {
                s[i] = ownText(v);
            } else if (v instanceof PhpArray a && a.isPooled()) {
                s[i] = PhpArrays.owned(a); // a render-private collection: a fresh copy
            }
        }
        for (int slot : c.highSlots()) {
            Object v = c.peek(slot);
            if (v instanceof PhpArray a && a.isPooled()) {
                c.set(slot, PhpArrays.owned(a));
            } else if (v instanceof LoopState || v instanceof Frame || v instanceof ScratchText || v instanceof SafeText
                    || v instanceof dev.zweig.php.ScratchDate) {
                done = done != null ? done : new Done();
                c.set(slot, export(v, done));
            } else if (v instanceof ScratchText.Pieces) {
                c.set(slot, ownText(v));
            }
        }
        return c;
    }

    /**
     * A variable's render-private text (the scope's own buffer, rewritten by the next {@code set} of it) or a
     * split's pieces kept in one, as the snapshot's own Strings: an arrow made now must see the text as it is now.
     */
    private static Object ownText(Object v) {
        if (v instanceof ScratchText.Pieces pieces) {
            java.util.List<Object> own = new java.util.ArrayList<>(pieces.size());
            for (Object p : pieces) {
                own.add(p instanceof ScratchText t ? t.toString() : p);
            }
            return own;
        }
        return v.toString();
    }

    /** A variable of a frame by name, or UNDEFINED (hidden slots, the imported templates, are no variables). */
    public static Object read(Frame f, String name) {
        if (name.startsWith("\0")) {
            return Frame.UNDEFINED;
        }
        int slot = f.engine.symbols().find(name);
        if (slot >= 0) {
            return f.get(slot);
        }
        Object v = Frame.lookup(f.extra, name);
        return v != Frame.UNDEFINED ? v : Frame.lookup(f.origin, name);
    }

    /** An immutable map over a detached frame: lookups by name, the full listing built on first iteration. */
    static final class FrozenScope extends java.util.AbstractMap<String, Object> {
        private final Frame frame;
        private Map<String, Object> all;

        FrozenScope(Frame detached) {
            this.frame = detached;
        }

        private Object lookup(Object key) {
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
     * A frame's defined variables as an immutable map, in Twig's order: the render context (or include
     * variables; in a macro its parameters and varargs), then globals, then variables set later, {@code _parent} last.
     */
    private static Map<String, Object> list(Frame f) {
        Symbols symbols = f.engine.symbols();
        Map<String, Object> m = new LinkedHashMap<>();
        addMap(f, f.origin, m);
        int[] params = f.leadingParams();
        if (params != null) {
            for (int s : params) {
                put(m, symbols.name(s), f.peek(s));
            }
            put(m, symbols.name(f.leadingVarargs()), f.peek(f.leadingVarargs()));
        }
        for (int s : f.engine.globalSlotOrder()) {
            put(m, symbols.name(s), f.get(s));
        }
        addMap(f, f.extra, m);
        int parent = symbols.find("_parent");
        for (int i = 0, n = f.slots.length; i < n; i++) {
            if (i != parent) {
                put(m, symbols.name(i), f.peek(i));
            }
        }
        for (int i : f.highSlots()) {
            if (i != parent) {
                put(m, symbols.name(i), f.peek(i));
            }
        }
        if (parent >= 0) {
            put(m, "_parent", f.peek(parent));
        }
        return Collections.unmodifiableMap(m);
    }

    private static void addMap(Frame f, Map<?, ?> source, Map<String, Object> m) {
        if (source == null) {
            return;
        }
        Symbols symbols = f.engine.symbols();
        for (Map.Entry<?, ?> e : source.entrySet()) {
            Object k = e.getKey();
            if (k == null) {
                continue;
            }
            String name = k instanceof String s ? s : String.valueOf(k);
            int slot = symbols.find(name);
            Object v = slot >= 0 ? f.get(slot) : Frame.lookup(f.extra, name);
            put(m, name, v != Frame.UNDEFINED ? v : e.getValue());
        }
    }

    private static void put(Map<String, Object> m, String name, Object v) {
        if (name == null || v == Frame.UNDEFINED || v == Frame.UNREAD || name.startsWith("\0")
                || m.containsKey(name)) {
            return;
        }
        m.put(name, export(v));
    }
}
