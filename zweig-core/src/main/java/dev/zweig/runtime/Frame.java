package dev.zweig.runtime;

import java.util.Arrays;
import java.util.Map;

/**
 * The variables of one scope (template body, block, macro, include) as an array indexed by {@link Symbols}
 * slot. Absent variables hold {@link #UNDEFINED}. Copying a scope (Twig passes contexts by value) is one array copy.
 */
final class Frame {
    static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "UNDEFINED";
        }
    };

    Object[] slots;
    /** The map whose keys come first when the frame is listed ({@code _context}): the render context or include variables. */
    Map<?, ?> origin;

    Frame(int size) {
        slots = new Object[Math.max(size, 8)];
        Arrays.fill(slots, UNDEFINED);
    }

    private Frame(Object[] slots) {
        this.slots = slots;
    }

    Frame copy() {
        Frame f = new Frame(slots.clone());
        f.origin = origin;
        return f;
    }

    /** Becomes a copy of src, reusing this frame's array when it is large enough. */
    void copyFrom(Frame src) {
        Object[] s = src.slots;
        if (slots.length < s.length) {
            slots = new Object[s.length];
        }
        System.arraycopy(s, 0, slots, 0, s.length);
        if (slots.length > s.length) {
            Arrays.fill(slots, s.length, slots.length, UNDEFINED);
        }
        origin = src.origin;
    }

    Object get(int slot) {
        Object[] s = slots;
        return slot < s.length ? s[slot] : UNDEFINED;
    }

    void set(int slot, Object value) {
        if (slot >= slots.length) {
            int old = slots.length;
            slots = Arrays.copyOf(slots, Math.max(slot + 1, old * 2));
            Arrays.fill(slots, old, slots.length, UNDEFINED);
        }
        slots[slot] = value;
    }

    boolean defined(int slot) {
        return get(slot) != UNDEFINED;
    }
}
