package dev.zweig.runtime;

/** The value of an arrow function: evaluates its body in the frame it was created in, parameters bound. */
final class ArrowFn implements dev.zweig.ext.Lambda {
    final int[] slots;
    final Eval body;
    final Frame frame;
    final RenderState st;

    ArrowFn(int[] slots, Eval body, Frame frame, RenderState st) {
        this.slots = slots;
        this.body = body;
        this.frame = frame;
        this.st = st;
    }

    @Override
    public Object apply(Object... args) {
        if (slots.length <= 3) {
            return apply3(args.length > 0 ? args[0] : null, args.length > 1 ? args[1] : null,
                    args.length > 2 ? args[2] : null);
        }
        Object[] saved = new Object[slots.length];
        for (int i = 0; i < slots.length; i++) {
            saved[i] = frame.get(slots[i]);
            frame.set(slots[i], i < args.length ? args[i] : null);
        }
        try {
            return body.eval(frame, st);
        } finally {
            for (int i = 0; i < slots.length; i++) {
                frame.set(slots[i], saved[i]);
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
        st.iteration(null, 0);
        int n = slots.length;
        if (n > 3) {
            return apply(new Object[] {a, b, c});
        }
        Frame f = frame;
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
            return body.eval(f, st);
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
