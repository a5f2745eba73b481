package dev.zweig.semantics;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns variable names to slot indexes, once per Environment. Every template of an Environment shares the same
 * numbering, so a frame can be handed to an included template, a parent template or a block with a plain array
 * copy and no name lookups.
 */
public final class Symbols {
    private final ConcurrentHashMap<String, Integer> index = new ConcurrentHashMap<>();
    private volatile String[] names = new String[64];
    private int count;
    private volatile int size;

    public int slot(String name) {
        Integer i = index.get(name);
        if (i != null) {
            return i;
        }
        synchronized (this) {
            i = index.get(name);
            if (i != null) {
                return i;
            }
            int n = count++;
            String[] arr = names;
            if (n >= arr.length) {
                arr = Arrays.copyOf(arr, arr.length * 2);
            }
            // interned: a context map keyed by string literals (the usual caller) then finds each name on
            // HashMap's identity check, without comparing the characters (a fifth of a small page's render)
            arr[n] = name.intern();
            names = arr;
            size = n + 1; // before the slot is published: whoever finds it sees the size that counts it
            index.put(name, n);
            return n;
        }
    }

    /** The slot of a name, or -1 when no template uses it. */
    public int find(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** The name of a slot, or null for a slot no name has yet (frames may be longer than the names). */
    public String name(int slot) {
        String[] arr = names;
        return slot < arr.length ? arr[slot] : null;
    }

    /** How many names have a slot (read by every render's frame reset: a field, not the map's counting). */
    public int size() {
        return size;
    }
}
