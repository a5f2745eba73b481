package dev.zweig.runtime;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/** A read-only Map view of a frame's defined variables ({@code _context}, {@code loop.parent}, needs_context). */
final class FrameMap extends AbstractMap<String, Object> {
    private final Frame frame;
    private final Engine engine;

    FrameMap(Frame frame, Engine engine) {
        this.frame = frame;
        this.engine = engine;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String s)) {
            return null;
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
        return slot >= 0 && frame.defined(slot);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    int i = advance(0);

                    private int advance(int from) {
                        Object[] s = frame.slots;
                        while (from < s.length && (s[from] == Frame.UNDEFINED || hidden(from))) {
                            from++;
                        }
                        return from;
                    }

                    private boolean hidden(int slot) {
                        String n = engine.symbols().name(slot);
                        return n == null || n.startsWith("\0");
                    }

                    @Override
                    public boolean hasNext() {
                        return i < frame.slots.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = Map.entry(engine.symbols().name(i), frame.slots[i] == null
                                ? (Object) NullValue.NULL : frame.slots[i]);
                        i = advance(i + 1);
                        return e.getValue() == NullValue.NULL ? new SimpleImmutableEntry<>(e.getKey(), null) : e;
                    }
                };
            }

            @Override
            public int size() {
                int n = 0;
                for (Iterator<?> it = iterator(); it.hasNext(); it.next()) {
                    n++;
                }
                return n;
            }
        };
    }

    private enum NullValue { NULL }
}
