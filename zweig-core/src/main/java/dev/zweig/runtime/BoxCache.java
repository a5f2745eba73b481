package dev.zweig.runtime;

/**
 * A render state's cache of boxed numbers (Long, Integer, Double are immutable: anyone may keep one), keyed by the
 * value's 64 bits: open addressing with short linear probes, grown (doubling, up to {@link #MAX} slots) while more
 * than half full, so that a render's distinct numbers (a running sum over 2,000 rows, the rows' own values) all stay
 * boxed from one render to the next and a render in steady state boxes nothing (a stretch of slots too crowded for
 * a new value grows it too). Past the cap a miss overwrites the value's first slot (the cache stays bounded; such a
 * render boxes what it evicts).
 */
final class BoxCache {
    /** The most slots a cache grows to (16,384 distinct values kept: 384 KB of keys and references). */
    static final int MAX = 1 << 15;
    /** How far from its first slot a value is looked for (and placed). */
    private static final int PROBES = 8;

    private long[] keys;
    private Object[] boxes;
    private int count;

    BoxCache(int slots) {
        keys = new long[slots];
        boxes = new Object[slots];
    }

    /** How many slots it has now (it grows with the distinct numbers renders box: see the class comment). */
    int slots() {
        return keys.length;
    }

    /** The first slot of key: every bit of it mixed in (a double's bits end in zeros: 2.0 is 0x4000000000000000). */
    private static int home(long key, int mask) {
        long h = (key ^ (key >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return (int) (h ^ (h >>> 33)) & mask;
    }

    /** The box kept for key, or null. */
    Object get(long key) {
        long[] k = keys;
        Object[] b = boxes;
        int mask = k.length - 1;
        for (int i = home(key, mask), n = 0; n < PROBES; i = (i + 1) & mask, n++) {
            Object box = b[i];
            if (box == null) {
                return null;
            }
            if (k[i] == key) {
                return box;
            }
        }
        return null;
    }

    /** Keeps box for key (a key get did not find). */
    void put(long key, Object box) {
        if (count >= keys.length >> 1 && keys.length < MAX) {
            grow();
        }
        while (!place(keys, boxes, key, box)) {
            if (keys.length < MAX) {
                grow(); // a crowded stretch: more room spreads it
                continue;
            }
            int i = home(key, keys.length - 1);
            keys[i] = key; // full around its first slot at the cap: the value there makes room
            boxes[i] = box;
            return;
        }
        count++;
    }

    /** Puts the pair in the first free slot within reach of its first one; false when there is none. */
    private static boolean place(long[] k, Object[] b, long key, Object box) {
        int mask = k.length - 1;
        for (int i = home(key, mask), n = 0; n < PROBES; i = (i + 1) & mask, n++) {
            if (b[i] == null) {
                k[i] = key;
                b[i] = box;
                return true;
            }
        }
        return false;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldBoxes = boxes;
        long[] k = new long[oldKeys.length << 1];
        Object[] b = new Object[k.length];
        int n = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldBoxes[i] != null && place(k, b, oldKeys[i], oldBoxes[i])) {
                n++;
            }
        }
        keys = k;
        boxes = b;
        count = n;
    }
}
