package dev.zweig.php;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An ordered PHP array (keys and values in parallel arrays) that can be cleared and refilled without allocating:
 * the result type of core filters that keep or reorder keys, and the storage of the render's scratch arena (see
 * {@link dev.zweig.ext.CallContext#newArray()}). Keys are PHP keys (Long or String). Lookups by key go through an
 * open-addressing index built once the array holds more than a few pairs, so building one with keyed puts stays
 * linear; the index, like the storage, is kept when the array is reset and refilled by the next render.
 */
public final class PhpArray extends AbstractMap<Object, Object> {
    /** Up to this many pairs, a lookup scans the keys (no index). */
    private static final int SCAN = 8;
    /** Boxed small integer keys, shared: appending to a list-shaped array boxes nothing. */
    private static final Long[] INDEXES = new Long[1024];

    static {
        for (int i = 0; i < INDEXES.length; i++) {
            INDEXES[i] = (long) i;
        }
    }

    private Object[] keys;
    private Object[] values;
    private int size;
    /** Open addressing over the positions (position + 1; 0 is empty), valid for the first {@code indexed} pairs. */
    private int[] index;
    private int indexed;
    /** PHP's next free integer key (nNextFreeElement), and whether any integer key was added. */
    private long nextFree;
    private boolean anyIntKey;
    /** The sort of {@link #sortByValue(ValueOrder, Object, Object)}, made on first use and kept with the array. */
    private ValueSort sorter;
    /** Where {@link #appendAll} has a collection copy its elements (cleared after each use). */
    private Object[] spare = new Object[0];
    private BiConsumer<Object, Object> filler;
    /** The boxes of the addAll under way (see {@link #addAll(Map, dev.zweig.runtime.ScratchArena)}), or null. */
    private dev.zweig.runtime.ScratchArena keyBoxes;
    private BiConsumer<Object, Object> copier;
    /**
     * The thread whose addAll/addEntries is under way, null between them: filler and copier write only for it. A
     * map's forEach is an application's code when the map is (a subclass, a wrapper around one): it may keep the
     * consumer it was handed and call it later, from anywhere, when this array (pooled) holds another render's data.
     */
    private Thread filling;
    /** Whether this array is storage of a render's arena, reused by later renders (see {@link #pooled()}). */
    private boolean pooled;
    /**
     * The accumulation this pooled array belongs to (0: none): the stamp of the variable or reduce carry that alone
     * holds it, which a core merge may then extend in place (see ScratchArena#inPlaceOwner). Cleared by reset.
     */
    private long owner;
    /**
     * For a pooled array grouped into an accumulation by key (an element of it: see Semantics#elementPut), the
     * String key it is stored under there (null: none, or an integer key, which a merge renumbers); and, while a
     * merge has extended it in place and the pair is not yet put, its size before (-1: none). Cleared by reset.
     */
    private Object slot;
    private int pending = -1;

    public PhpArray() {
        this(8);
    }

    public PhpArray(int capacity) {
        keys = new Object[Math.max(capacity, 4)];
        values = new Object[keys.length];
    }

    /**
     * Marks this array as a render's pooled storage (engine-internal: the render's scratch arena): it must never be
     * kept past its render nor reach user code, which gets a fresh copy instead ({@link PhpArrays#owned}).
     */
    public PhpArray pooled() {
        pooled = true;
        return this;
    }

    /** Whether this array is a render's pooled storage (see {@link #pooled()}). */
    public boolean isPooled() {
        return pooled;
    }

    /** The accumulation this array belongs to (0: none; see {@link #owner}). */
    public long owner() {
        return owner;
    }

    /** Marks this pooled array as held by the accumulation stamped owner alone (engine-internal). */
    public PhpArray owner(long stamp) {
        owner = stamp;
        return this;
    }

    /** The key this array is stored under in the accumulation it is an element of (see {@link #slot}). */
    public Object slot() {
        return slot;
    }

    public void slot(Object key) {
        slot = key;
    }

    /** Its size before the in-place merge whose pair is not yet put, or -1 (see {@link #slot}). */
    public int pending() {
        return pending;
    }

    public void pending(int size) {
        pending = size;
    }

    /** Drops the pairs from position n on (engine-internal: undoes appends to a pooled array). */
    public void truncate(int n) {
        if (n >= size) {
            return;
        }
        Arrays.fill(keys, n, size, null);
        Arrays.fill(values, n, size, null);
        size = n;
        if (index != null) {
            Arrays.fill(index, 0);
        }
        indexed = 0;
        nextFree = 0;
        anyIntKey = false;
        for (int i = 0; i < n; i++) {
            if (keys[i] instanceof Long l && (!anyIntKey || l >= nextFree)) {
                nextFree = l + 1;
                anyIntKey = true;
            }
        }
    }

    /** Number of pairs the array holds without growing. */
    public int capacity() {
        return keys.length;
    }

    /** The integer key i, boxed (small ones shared). */
    public static Long index(long i) {
        return i >= 0 && i < INDEXES.length ? INDEXES[(int) i] : Long.valueOf(i);
    }

    /** Empties the array, keeping its storage. */
    public PhpArray reset() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
        if (index != null) {
            Arrays.fill(index, 0);
        }
        indexed = 0;
        nextFree = 0;
        anyIntKey = false;
        owner = 0;
        slot = null;
        pending = -1;
        return this;
    }

    /** Appends a pair (the caller guarantees the key is new). */
    public void add(Object key, Object value) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        if (key instanceof Long l && (!anyIntKey || l >= nextFree)) {
            // PHP 8.3+: the next free key follows the largest integer key, even a negative one
            nextFree = l + 1;
            anyIntKey = true;
        }
        if (indexed == size && index != null) {
            if ((size + 1) * 2 > index.length) {
                indexed = 0; // rebuilt larger at the next lookup
            } else {
                slot(key, size);
                indexed = size + 1;
            }
        }
        size++;
    }

    /** PHP's {@code $a[] = value}: the value under the next free integer key. */
    public void append(Object value) {
        add(index(nextFree), value);
    }

    public Object keyAt(int i) {
        return keys[i];
    }

    public Object valueAt(int i) {
        return values[i];
    }

    /** Replaces the value of the i-th pair (engine-internal). */
    public void valueAt(int i, Object value) {
        values[i] = value;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    /** Position of the key, or -1. */
    public int indexOf(Object key) {
        if (size <= SCAN) {
            for (int i = 0; i < size; i++) {
                if (Objects.equals(keys[i], key)) {
                    return i;
                }
            }
            return -1;
        }
        if (indexed != size) {
            reindex();
        }
        int mask = index.length - 1;
        for (int h = hash(key) & mask; ; h = (h + 1) & mask) {
            int p = index[h];
            if (p == 0) {
                return -1;
            }
            if (Objects.equals(keys[p - 1], key)) {
                return p - 1;
            }
        }
    }

    private static int hash(Object key) {
        int h = key == null ? 0 : key.hashCode();
        return h ^ (h >>> 16);
    }

    private void reindex() {
        int cap = Integer.highestOneBit(Math.max(size, 8) * 4 - 1) << 1;
        if (index == null || index.length < cap) {
            index = new int[cap];
        } else {
            Arrays.fill(index, 0);
        }
        for (int i = 0; i < size; i++) {
            slot(keys[i], i);
        }
        indexed = size;
    }

    private void slot(Object key, int position) {
        int mask = index.length - 1;
        int h = hash(key) & mask;
        while (index[h] != 0) {
            h = (h + 1) & mask;
        }
        index[h] = position + 1;
    }

    @Override
    public Object put(Object key, Object value) {
        int i = indexOf(key);
        if (i >= 0) {
            Object old = values[i];
            values[i] = value;
            return old;
        }
        add(key, value);
        return null;
    }

    /** Adds the pairs of a map, keys as PHP stores them (a later key equal to an earlier one overwrites it). */
    public PhpArray addAll(Map<?, ?> m) {
        return addAll(m, null);
    }

    /**
     * The same, a Java map's Integer (Short, Byte) keys boxed as PHP's int keys through the render's caches when
     * boxes is given (a Map&lt;Integer, ...&gt; makes no Long per key and render).
     */
    public PhpArray addAll(Map<?, ?> m, dev.zweig.runtime.ScratchArena boxes) {
        if (filler == null) {
            filler = (k, v) -> {
                Thread t = fillingHere();
                try {
                    // a String key as PHP's ("5" is the int key 5), boxed through the render's caches
                    put(k instanceof Long ? k : k instanceof String ? Values.normalizeKey(k, keyBoxes)
                            : keyBoxes != null && (k instanceof Integer || k instanceof Short || k instanceof Byte)
                                    ? keyBoxes.box(((Number) k).longValue()) : Values.normalizeKey(k), v);
                } finally {
                    filling = t;
                }
            };
        }
        dev.zweig.runtime.ScratchArena outerBoxes = keyBoxes;
        keyBoxes = boxes;
        try {
            fill(m, filler); // the common maps walk their nodes without an iterator
        } finally {
            keyBoxes = outerBoxes;
        }
        return this;
    }

    /** m's pairs handed to action (filler or copier), which writes only while this call runs on this thread. */
    private void fill(Map<?, ?> m, BiConsumer<Object, Object> action) {
        Thread outer = filling;
        filling = Thread.currentThread();
        try {
            m.forEach(action);
        } finally {
            filling = outer;
        }
    }

    /**
     * Refuses a filler or copier kept by a map's forEach past its call, called from another thread, or called again
     * from inside one of its pairs (a key's hashCode, equals or toString is an application's code too); else closes
     * the fill until the pair is stored (the caller restores filling to what this returns).
     */
    private Thread fillingHere() {
        Thread t = filling;
        if (t != Thread.currentThread()) {
            throw new IllegalStateException("A map's forEach may use the action it is given only during the call, "
                    + "on the calling thread");
        }
        filling = null;
        return t;
    }

    /**
     * Appends the elements of c, a JDK collection whose {@code toArray(T[])} fills the array it is given (a
     * LinkedList, a HashSet: see PhpArrays#appendValues), through this array's spare storage: no iterator, no
     * array per call once the storage has grown to the collection's size.
     */
    public PhpArray appendAll(java.util.Collection<?> c) {
        int n = c.size();
        if (spare.length <= n) {
            spare = new Object[Math.max(n + 1, spare.length * 2)];
        }
        Object[] a = c.toArray(spare);
        int m = a == spare ? Math.min(n, a.length) : a.length; // (a collection that grew meanwhile: a new array)
        for (int i = 0; i < m; i++) {
            append(a[i]);
        }
        Arrays.fill(spare, 0, Math.min(spare.length, n + 1), null);
        return this;
    }

    /**
     * Adds the pairs of a map as they are (a copy of it to walk by position), keys unchanged but for an integer-like
     * String key, which is PHP's int key ("5" is 5, as in {@code ["5" => 2]}).
     */
    public PhpArray addEntries(Map<?, ?> m) {
        if (copier == null) {
            copier = (k, v) -> {
                Thread t = fillingHere();
                try {
                    Object key = k instanceof String ? Values.normalizeKey(k) : k;
                    renumbered |= key != k;
                    if (renumbered) {
                        put(key, v); // "5" of a map that may also hold 5
                    } else {
                        add(k, v); // a map's keys are distinct
                    }
                } finally {
                    filling = t;
                }
            };
        }
        renumbered = false;
        fill(m, copier);
        return this;
    }

    /** Whether addEntries under way met an integer-like String key (later keys may equal it). */
    private boolean renumbered;

    @Override
    public void forEach(BiConsumer<? super Object, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    /** An order of values that needs two extra arguments (say, a call context and a callback). */
    @FunctionalInterface
    public interface ValueOrder {
        int compare(Object p, Object q, Object x, Object y);
    }

    /** Sorts the pairs by value with cmp (see {@link #sortByValue(ValueOrder, Object, Object)}). */
    public void sortByValue(java.util.Comparator<Object> cmp) {
        sortByValue((p, q, x, y) -> cmp.compare(x, y), null, null);
    }

    /**
     * Sorts the pairs by value (PHP's asort/uasort): {@link PhpSort}'s zend_sort, made stable as PHP 8 makes it, in
     * place; the positions it needs are kept with the array, so a pooled array sorts without allocating.
     */
    public void sortByValue(ValueOrder order, Object p, Object q) {
        if (size < 2) {
            return;
        }
        if (sorter == null) {
            sorter = new ValueSort();
        }
        sorter.sort(order, p, q);
        indexed = 0;
    }

    /** zend_sort's positions over this array's pairs, with each pair's position before the sort. */
    private final class ValueSort implements PhpSort.Positions {
        private int[] origin = new int[0];
        private ValueOrder order;
        private Object p;
        private Object q;

        void sort(ValueOrder order, Object p, Object q) {
            if (origin.length < size) {
                origin = new int[keys.length];
            }
            for (int i = 0; i < size; i++) {
                origin[i] = i;
            }
            this.order = order;
            this.p = p;
            this.q = q;
            try {
                PhpSort.sort(this, 0, size);
            } finally {
                // a pooled array must not keep what one render sorted with
                this.order = null;
                this.p = null;
                this.q = null;
            }
        }

        @Override
        public boolean after(int i, int j) {
            return PhpSort.stable(order.compare(p, q, values[i], values[j]), origin, i, j) > 0;
        }

        @Override
        public void swap(int i, int j) {
            Object k = keys[i];
            keys[i] = keys[j];
            keys[j] = k;
            Object v = values[i];
            values[i] = values[j];
            values[j] = v;
            int o = origin[i];
            origin[i] = origin[j];
            origin[j] = o;
        }
    }

    /** Whether the keys are 0..n-1 in order (a PHP list). */
    public boolean isList() {
        for (int i = 0; i < size; i++) {
            if (!(keys[i] instanceof Long l) || l != i) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Set<Entry<Object, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<Object, Object>> iterator() {
                return new Iterator<>() {
                    int i;

                    @Override
                    public boolean hasNext() {
                        return i < size;
                    }

                    @Override
                    public Entry<Object, Object> next() {
                        if (i >= size) {
                            throw new NoSuchElementException();
                        }
                        int k = i++;
                        return new SimpleImmutableEntry<>(keys[k], values[k]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
