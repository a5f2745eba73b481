package dev.zweig.runtime;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * A small ordered PHP array (keys and values in parallel arrays) that can be cleared and refilled without
 * allocating: the result type of filters that reorder keys (sort) when they run inside a render, taken from the
 * render's arena (see {@link dev.zweig.ext.CallContext#newArray()}). Lookups by key are linear: these arrays are
 * meant for the short lists templates sort and print, not as a general map.
 */
public final class PhpArray extends AbstractMap<Object, Object> {
    private Object[] keys;
    private Object[] values;
    private int size;
    private Object[] scratchKeys = new Object[0];
    private Object[] scratchValues = new Object[0];

    public PhpArray() {
        this(8);
    }

    public PhpArray(int capacity) {
        keys = new Object[Math.max(capacity, 4)];
        values = new Object[keys.length];
    }

    /** Empties the array, keeping its storage. */
    public PhpArray reset() {
        Arrays.fill(keys, 0, size, null);
        Arrays.fill(values, 0, size, null);
        size = 0;
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
        size++;
    }

    public Object keyAt(int i) {
        return keys[i];
    }

    public Object valueAt(int i) {
        return values[i];
    }

    @Override
    public int size() {
        return size;
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

    private int indexOf(Object key) {
        for (int i = 0; i < size; i++) {
            if (Objects.equals(keys[i], key)) {
                return i;
            }
        }
        return -1;
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

    /**
     * Stable sort of the pairs by value (PHP's asort), reusing the array's scratch space. The scratch space is
     * emptied afterwards: a pooled array must not keep copies of the values it sorted.
     */
    public void sortByValue(java.util.Comparator<Object> cmp) {
        if (scratchKeys.length < size) {
            scratchKeys = new Object[keys.length];
            scratchValues = new Object[keys.length];
        }
        try {
            mergeSort(0, size, cmp);
        } finally {
            Arrays.fill(scratchKeys, 0, Math.min(size, scratchKeys.length), null);
            Arrays.fill(scratchValues, 0, Math.min(size, scratchValues.length), null);
        }
    }

    private void mergeSort(int from, int to, java.util.Comparator<Object> cmp) {
        if (to - from < 2) {
            return;
        }
        if (to - from <= 12) {
            for (int i = from + 1; i < to; i++) {
                Object k = keys[i];
                Object v = values[i];
                int j = i - 1;
                while (j >= from && cmp.compare(values[j], v) > 0) {
                    keys[j + 1] = keys[j];
                    values[j + 1] = values[j];
                    j--;
                }
                keys[j + 1] = k;
                values[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(from, mid, cmp);
        mergeSort(mid, to, cmp);
        System.arraycopy(keys, from, scratchKeys, from, to - from);
        System.arraycopy(values, from, scratchValues, from, to - from);
        int i = from;
        int j = mid;
        for (int k = from; k < to; k++) {
            if (j >= to || (i < mid && cmp.compare(scratchValues[i], scratchValues[j]) <= 0)) {
                keys[k] = scratchKeys[i];
                values[k] = scratchValues[i++];
            } else {
                keys[k] = scratchKeys[j];
                values[k] = scratchValues[j++];
            }
        }
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
