package dev.zweig.runtime;

/**
 * Twig's {@code loop} variable. One per executing for-loop (not per iteration): the loop advances it in place.
 * Engine-private and pooled: templates read its attributes directly, and wherever the {@code loop} value itself
 * leaves the engine (printed, assigned, passed to a macro or user code) it is an immutable {@link #snapshot()}.
 */
public final class LoopState {
    long index0;
    long length = -1;
    /** The scope as it was when the loop started (Twig's {@code _parent}), a pooled frame of the render. */
    Frame parentFrame;

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
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("parent", parentView());
        m.put("index0", index0);
        m.put("index", index0 + 1);
        m.put("first", index0 == 0);
        if (length >= 0) {
            m.put("revindex0", length - index0 - 1);
            m.put("revindex", length - index0);
            m.put("length", length);
            m.put("last", index0 == length - 1);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static final String[] NAMES = {"index", "index0", "revindex", "revindex0", "first", "last", "length",
        "parent"};

    /** The code of a loop attribute for {@link #get(int, RenderState)}, or -1. */
    static int code(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    Object get(int code, RenderState st) {
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

    Object get(String name, RenderState st) {
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
