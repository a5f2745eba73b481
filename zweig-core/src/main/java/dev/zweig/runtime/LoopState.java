package dev.zweig.runtime;

/**
 * Twig's {@code loop} variable. One per executing for-loop (not per iteration): the loop advances it in place.
 * Engine-private and pooled: templates read its attributes directly, and wherever the {@code loop} value itself
 * leaves the engine (printed, assigned, passed to a macro or user code) it is an immutable {@link #snapshot()}.
 */
public final class LoopState {
    public long index0;
    public long length = -1;
    /** The scope as it was when the loop started (Twig's {@code _parent}), a pooled frame of the render. */
    public Frame parentFrame;

    public long index() {
        return index0 + 1;
    }

    public long index0() {
        return index0;
    }

    public long revindex() {
        return length - index0;
    }

    public long revindex0() {
        return length - index0 - 1;
    }

    public boolean first() {
        return index0 == 0;
    }

    public boolean last() {
        return index0 == length - 1;
    }

    public long length() {
        return length;
    }

    void reset() {
        this.index0 = 0;
        this.length = -1;
        this.parentFrame = null;
    }

    void clear() {
        parentFrame = null;
    }

    /** The loop as Twig's array shows it, frozen: what leaves the engine instead of this object. */
    java.util.Map<String, Object> snapshot() {
        return snapshot(parentFrame == null ? java.util.Map.of() : Snapshots.context(parentFrame));
    }

    /** The snapshot with its parent scope already frozen (see Snapshots#export). */
    java.util.Map<String, Object> snapshot(Object frozenParent) {
        return new Frozen(index0, length, frozenParent);
    }

    /**
     * A loop's values at one iteration, immutable: three fields, the map Twig shows (parent, index0, index, first,
     * then revindex0, revindex, length, last when the length is known) built only when iterated.
     */
    private static final class Frozen extends java.util.AbstractMap<String, Object> {
        private final long index0;
        private final long length;
        private final Object parent;
        private java.util.Map<String, Object> all;

        Frozen(long index0, long length, Object parent) {
            this.index0 = index0;
            this.length = length;
            this.parent = parent;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String k)) {
                return null;
            }
            return switch (k) {
                case "parent" -> parent;
                case "index0" -> index0;
                case "index" -> index0 + 1;
                case "first" -> index0 == 0;
                case "revindex0" -> length >= 0 ? length - index0 - 1 : null;
                case "revindex" -> length >= 0 ? length - index0 : null;
                case "length" -> length >= 0 ? length : null;
                case "last" -> length >= 0 ? index0 == length - 1 : null;
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && (k.equals("parent") || k.equals("index0") || k.equals("index")
                    || k.equals("first") || (length >= 0 && (k.equals("revindex0") || k.equals("revindex")
                    || k.equals("length") || k.equals("last"))));
        }

        @Override
        public synchronized java.util.Set<Entry<String, Object>> entrySet() {
            if (all == null) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                for (String k : new String[] {"parent", "index0", "index", "first", "revindex0", "revindex",
                    "length", "last"}) {
                    if (containsKey(k)) {
                        m.put(k, get(k));
                    }
                }
                all = java.util.Collections.unmodifiableMap(m);
            }
            return all.entrySet();
        }
    }

    /** The code of {@code parent} for {@link #get(int, RenderState)}. */
    public static final int PARENT = 7;

    private static final String[] NAMES = {"index", "index0", "revindex", "revindex0", "first", "last", "length",
        "parent"};

    /** The code of a loop attribute for {@link #get(int, RenderState)}, or -1. */
    public static int code(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Object get(int code, RenderState st) {
        return switch (code) {
            case 0 -> st.box(index0 + 1);
            case 1 -> st.box(index0);
            case 2 -> st.box(length - index0);
            case 3 -> st.box(length - index0 - 1);
            case 4 -> index0 == 0;
            case 5 -> index0 == length - 1;
            case 6 -> st.box(length);
            default -> parentView();
        };
    }

    /**
     * Prints attribute code as printing {@link #get(int, RenderState)} would (a number's digits, true as 1,
     * false as nothing), without boxing; false, writing nothing, for parent.
     */
    public boolean write(int code, dev.zweig.output.Output out) {
        switch (code) {
            case 0 -> out.write(index0 + 1);
            case 1 -> out.write(index0);
            case 2 -> out.write(length - index0);
            case 3 -> out.write(length - index0 - 1);
            case 4 -> {
                if (index0 == 0) {
                    out.write('1');
                }
            }
            case 5 -> {
                if (index0 == length - 1) {
                    out.write('1');
                }
            }
            case 6 -> out.write(length);
            default -> {
                return false;
            }
        }
        return true;
    }

    public Object get(String name, RenderState st) {
        return switch (name) {
            case "index" -> st.box(index0 + 1);
            case "index0" -> st.box(index0);
            case "revindex" -> st.box(length - index0);
            case "revindex0" -> st.box(length - index0 - 1);
            case "first" -> index0 == 0;
            case "last" -> index0 == length - 1;
            case "length" -> st.box(length);
            case "parent" -> parentView();
            default -> Frame.UNDEFINED;
        };
    }

    /** The enclosing context as an immutable map. */
    private Object parentView() {
        return parentFrame == null ? java.util.Map.of() : Snapshots.context(parentFrame);
    }
}
