package dev.zweig.runtime;

/**
 * Twig's {@code loop} variable. One per executing for-loop (not per iteration): the loop advances it in place.
 */
public final class LoopState {
    long index0;
    long length = -1;
    Object parent; // a read-only map of the enclosing context, built on demand
    Frame parentFrame;
    Object outerLoop;
    int loopSlot;
    Engine engine;

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

    void reset(Engine engine) {
        this.engine = engine;
        this.index0 = 0;
        this.length = -1;
        this.parent = null;
        this.parentFrame = null;
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

    /** The enclosing context (built on demand; reads the live frame, with the outer loop's own loop). */
    private Object parentView() {
        if (parent == null) {
            Frame copy = parentFrame.copy();
            copy.set(loopSlot, outerLoop);
            parent = new FrameMap(copy, engine);
        }
        return parent;
    }
}
