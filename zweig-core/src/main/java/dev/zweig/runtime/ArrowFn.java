package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;

/**
 * The value of an arrow function: evaluates its body in the frame it was created in, parameters bound.
 *
 * <p>It belongs to the render that made it: called on another thread, or after that render returned, it raises a
 * TemplateRuntimeException instead of touching a frame that another render may be using. An arrow the compiler
 * proves is only ever handed to a core filter (which never keeps it) is reused by the next render of the same
 * pooled state ({@link #rebind}); any other arrow is a new object per evaluation.
 */
public final class ArrowFn implements dev.zweig.ext.Lambda {
    final int[] slots;
    public final Eval body;
    final RenderState st;
    public Frame frame;
    public long epoch;
    /** The next cached object of the same private site (Semantics.privateArrow: one per scope it runs in). */
    public ArrowFn sibling;
    /**
     * Whether it was handed to user code (see HandOver): what it returns then leaves as a value of the caller's
     * own. Such an arrow is never a private site's cached one (those only ever reach core filters).
     */
    public boolean handed;
    private final String template;
    private final int line;

    public ArrowFn(int[] slots, Eval body, Frame frame, RenderState st, String template, int line) {
        this.slots = slots;
        this.body = body;
        this.frame = frame;
        this.st = st;
        this.epoch = st.epoch;
        this.template = template;
        this.line = line;
    }

    public ArrowFn rebind(Frame f) {
        frame = f;
        epoch = st.epoch;
        return this;
    }

    private Frame home() {
        if (st.owner != Thread.currentThread() || st.epoch != epoch || frame == null) {
            throw new TemplateRuntimeException("An arrow function can only be called during the render that "
                    + "created it, on that render's thread.", template, line);
        }
        return frame;
    }

    @Override
    public Object apply(Object... args) {
        if (slots.length <= 3) {
            return apply3(args.length > 0 ? args[0] : null, args.length > 1 ? args[1] : null,
                    args.length > 2 ? args[2] : null);
        }
        Frame f = home();
        st.iteration(template, line);
        Object[] saved = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            saved[i] = f.get(slots[i]);
            f.set(slots[i], i < args.length ? args[i] : null);
        }
        try {
            Object r = body.eval(f, st);
            return handed ? HandOver.value(r) : r;
        } finally {
            for (int i = 0; i < slots.length; i++) {
                f.set(slots[i], saved[i]);
            }
        }
    }

    @Override
    public Object apply1(Object a) {
        return apply3(a, null, null);
    }

    @Override
    public Object apply2(Object a, Object b) {
        return apply3(a, b, null);
    }

    @Override
    public Object apply3(Object a, Object b, Object c) {
        int n = slots.length;
        if (n > 3) {
            return apply(new Object[] {a, b, c});
        }
        Frame f = home();
        st.iteration(template, line);
        Object s0 = n > 0 ? f.get(slots[0]) : null;
        Object s1 = n > 1 ? f.get(slots[1]) : null;
        Object s2 = n > 2 ? f.get(slots[2]) : null;
        if (n > 0) {
            f.set(slots[0], a);
        }
        if (n > 1) {
            f.set(slots[1], b);
        }
        if (n > 2) {
            f.set(slots[2], c);
        }
        try {
            Object r = body.eval(f, st);
            return handed ? HandOver.value(r) : r;
        } finally {
            if (n > 0) {
                f.set(slots[0], s0);
            }
            if (n > 1) {
                f.set(slots[1], s1);
            }
            if (n > 2) {
                f.set(slots[2], s2);
            }
        }
    }
}
