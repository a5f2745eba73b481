package dev.zweig.runtime;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-only Map view of a frame's defined variables ({@code _context}, {@code loop.parent}, needs_context),
 * listed in Twig's order: the render context (or include variables), then globals, then variables set later.
 */
final class FrameMap extends AbstractMap<String, Object> {
    private final Frame frame;
    private final Engine engine;

    FrameMap(Frame frame, Engine engine) {
        this.frame = frame;
        this.engine = engine;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String s) || s.startsWith("\0")) {
            return null; // hidden slots (imported templates) are no variables
        }
        int slot = engine.symbols().find(s);
        if (slot < 0) {
            return null;
        }
        Object v = frame.get(slot);
        return v == Frame.UNDEFINED ? null : v;
    }

    @Override
    public boolean containsKey(Object key) {
        if (!(key instanceof String s)) {
            return false;
        }
        int slot = engine.symbols().find(s);
        return slot >= 0 && frame.defined(slot) && !s.startsWith("\0");
    }

    private List<Integer> orderedSlots() {
        Set<Integer> order = new LinkedHashSet<>();
        if (frame.origin != null) {
            for (Object k : frame.origin.keySet()) {
                int s = engine.symbols().find(String.valueOf(k));
                if (s >= 0) {
                    order.add(s);
                }
            }
        }
        for (int s : engine.globalSlotOrder()) {
            order.add(s);
        }
        int parent = engine.symbols().find("_parent");
        Object[] slots = frame.slots;
        for (int i = 0; i < slots.length; i++) {
            if (i != parent) {
                order.add(i);
            }
        }
        if (parent >= 0) {
            order.add(parent);
        }
        List<Integer> out = new ArrayList<>();
        for (int s : order) {
            if (s < slots.length && slots[s] != Frame.UNDEFINED) {
                String n = engine.symbols().name(s);
                if (n != null && !n.startsWith("\0")) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        List<Integer> slots = orderedSlots();
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                Iterator<Integer> it = slots.iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return it.hasNext();
                    }

                    @Override
                    public Entry<String, Object> next() {
                        int s = it.next();
                        return new SimpleImmutableEntry<>(engine.symbols().name(s), frame.slots[s]);
                    }
                };
            }

            @Override
            public int size() {
                return slots.size();
            }
        };
    }
}
