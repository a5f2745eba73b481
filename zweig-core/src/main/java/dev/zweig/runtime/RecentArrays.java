package dev.zweig.runtime;

import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A render state's cache of the collections core filters made for results that may be kept (a merge or a map not
 * proven render-private: {@code set all = rows|map(r => r|merge({k: v}))}), so that the next render making the same
 * collection gets the one made before instead of a new one. A cached collection is unmodifiable (nobody, the engine
 * included, can change it once made), so any number of holders may share it: a user's code that kept it from an
 * earlier render, a later render on this state or on another thread. "The same" is strict: the same keys, and for
 * each value the very same object, or an equal String, Long, Double, Integer or Boolean (immutable, compared by
 * equals); a collection holding the engine's own storage (a PHP array, pooled or not, which may hold render-private
 * storage at any depth; a render-private text) is never cached. Two-way set-associative by a hash of the keys and the values (identity hashes but for
 * those immutable values), at most {@link #MAX_ELEMENTS} pairs a collection: bounded, a miss drops the older way.
 */
final class RecentArrays {
    /** The most pairs a cached collection holds (a larger one is made fresh, as without the cache). */
    static final int MAX_ELEMENTS = 32;
    /** Slots (two ways per set). */
    private static final int SLOTS = 512;

    private final Recent[] table = new Recent[SLOTS];

    /** One cached collection and what it holds, for comparing without reading it. */
    private static final class Recent {
        final int hash;
        final Object[] keys;
        final Object[] values;
        final Object made;

        Recent(int hash, PhpArray built) {
            int n = built.size();
            this.hash = hash;
            this.keys = new Object[n];
            this.values = new Object[n];
            for (int i = 0; i < n; i++) {
                keys[i] = built.keyAt(i);
                values[i] = built.valueAt(i);
            }
            Object fresh = PhpArrays.fresh(built);
            this.made = fresh instanceof List<?> l ? Collections.unmodifiableList(l)
                    : Collections.unmodifiableMap((Map<?, ?>) fresh);
        }

        boolean holds(int h, PhpArray built) {
            int n = keys.length;
            if (h != hash || n != built.size()) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!keys[i].equals(built.keyAt(i)) || !same(values[i], built.valueAt(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The result a core filter built in built (a temporary it gives back), as a collection anyone may keep. */
    Object collection(PhpArray built) {
        int n = built.size();
        if (n > MAX_ELEMENTS) {
            return PhpArrays.fresh(built);
        }
        int h = n;
        for (int i = 0; i < n; i++) {
            Object v = built.valueAt(i);
            if (v instanceof PhpArray || v instanceof ScratchText || v instanceof SafeText) {
                return PhpArrays.fresh(built); // the engine's own storage in it: made fresh, never shared
            }
            h = 31 * (31 * h + built.keyAt(i).hashCode()) + hash(v);
        }
        int slot = ((h ^ (h >>> 16)) << 1) & (SLOTS - 1);
        Recent first = table[slot];
        if (first != null && first.holds(h, built)) {
            return first.made;
        }
        Recent second = table[slot + 1];
        if (second != null && second.holds(h, built)) {
            table[slot + 1] = first;
            table[slot] = second;
            return second.made;
        }
        Recent made = new Recent(h, built);
        table[slot + 1] = first;
        table[slot] = made;
        return made.made;
    }

    /** Values compared by equals: immutable, of a class whose equals compares the value (and the class). */
    private static boolean immutable(Object v) {
        return v instanceof String || v instanceof Long || v instanceof Double || v instanceof Integer
                || v instanceof Boolean;
    }

    private static int hash(Object v) {
        return v == null ? 0 : immutable(v) ? v.hashCode() : System.identityHashCode(v);
    }

    private static boolean same(Object cached, Object v) {
        return cached == v || cached != null && immutable(cached) && cached.equals(v);
    }
}
