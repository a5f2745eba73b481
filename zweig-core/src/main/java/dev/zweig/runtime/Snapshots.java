package dev.zweig.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a render hands out of its engine-private state: {@code _context}, {@code _parent}, {@code loop} and a
 * needs-context callable's variables become immutable maps copied from the frame, so user code may keep them and
 * no later write of the engine (this render's or the next one's, on a pooled frame) ever shows through.
 */
final class Snapshots {
    private Snapshots() {}

    /** The value itself, or an immutable copy when it is an engine-private object (a loop, a parent scope). */
    static Object export(Object v) {
        if (v instanceof LoopState l) {
            return l.snapshot();
        }
        if (v instanceof Frame f) {
            return context(f);
        }
        return v;
    }

    /**
     * A frame's defined variables as an immutable map, in Twig's order: the render context (or include
     * variables), then globals, then variables set later, {@code _parent} last.
     */
    static Map<String, Object> context(Frame f) {
        Symbols symbols = f.engine.symbols();
        Map<String, Object> m = new LinkedHashMap<>();
        addMap(f, f.origin, m);
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
