package dev.zweig.core;

import dev.zweig.runtime.Values;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * PHP array plumbing shared by the core filters and functions: reading any array-like value of the value model
 * (List, Map, Java array, Iterable) as ordered key/value pairs without first copying it, and handing results back
 * in the model's two shapes (an ArrayList when the keys are 0..n-1, else a LinkedHashMap with Long/String keys).
 */
final class PhpArrays {
    private PhpArrays() {
    }

    /** Receives one key/value pair; returns false to stop the walk. */
    @FunctionalInterface
    interface EntryVisitor {
        boolean visit(Object key, Object value);
    }

    /** PHP is_iterable: arrays and Traversable (List, Map, Java array, Iterable). */
    static boolean isIterable(Object v) {
        return v instanceof List<?> || v instanceof Map<?, ?> || v instanceof Iterable<?>
                || (v != null && v.getClass().isArray());
    }

    /** Walks the pairs of an array-like value in order; does nothing for other values. */
    static void forEach(Object v, EntryVisitor visitor) {
        if (v instanceof List<?> list) {
            if (list instanceof RandomAccess) {
                int n = list.size();
                for (int i = 0; i < n; i++) {
                    if (!visitor.visit((long) i, list.get(i))) {
                        return;
                    }
                }
            } else {
                long i = 0;
                for (Object o : list) {
                    if (!visitor.visit(i++, o)) {
                        return;
                    }
                }
            }
        } else if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!visitor.visit(key(e.getKey()), e.getValue())) {
                    return;
                }
            }
        } else if (v instanceof Object[] arr) {
            for (int i = 0; i < arr.length; i++) {
                if (!visitor.visit((long) i, arr[i])) {
                    return;
                }
            }
        } else if (v != null && v.getClass().isArray()) {
            int n = Array.getLength(v);
            for (int i = 0; i < n; i++) {
                if (!visitor.visit((long) i, Array.get(v, i))) {
                    return;
                }
            }
        } else if (v instanceof Iterable<?> it) {
            long i = 0;
            for (Object o : it) {
                if (!visitor.visit(i++, o)) {
                    return;
                }
            }
        }
    }

    /** A key as PHP stores it: Long or String. */
    static Object key(Object k) {
        return k instanceof Long || k instanceof String ? k : Values.normalizeKey(k);
    }

    /** Number of elements of an array-like value (Iterables are walked). */
    static int count(Object v) {
        if (v instanceof java.util.Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v);
        }
        if (v instanceof Iterable<?> it) {
            int n = 0;
            for (Iterator<?> i = it.iterator(); i.hasNext(); i.next()) {
                n++;
            }
            return n;
        }
        return 0;
    }

    /** The values of an array-like value, in order, as a fresh list. */
    static List<Object> values(Object v) {
        List<Object> out = new ArrayList<>();
        forEach(v, (k, x) -> out.add(x));
        return out;
    }

    /** The pairs of an array-like value as a fresh ordered map. */
    static LinkedHashMap<Object, Object> entries(Object v) {
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        forEach(v, (k, x) -> {
            out.put(k, x);
            return true;
        });
        return out;
    }

    /** Whether v reads as a PHP list (keys 0..n-1 in order). */
    static boolean isList(Object v) {
        if (v instanceof Map<?, ?> m) {
            long i = 0;
            for (Object k : m.keySet()) {
                if (!(key(k) instanceof Long l) || l != i) {
                    return false;
                }
                i++;
            }
            return true;
        }
        return isIterable(v);
    }

    /** The model's shape for a built array: an ArrayList when its keys are 0..n-1 in order, else the map. */
    static Object result(LinkedHashMap<Object, Object> m) {
        long i = 0;
        for (Object k : m.keySet()) {
            if (!(k instanceof Long l) || l != i) {
                return m;
            }
            i++;
        }
        return new ArrayList<>(m.values());
    }

    /** What {@link #get} returns for a missing key (null is a value). */
    static final Object ABSENT = new Object();

    /** The element of an array-like value under a normalized key, or ABSENT. */
    static Object get(Object array, Object key) {
        if (array instanceof Map<?, ?> m) {
            if (m.containsKey(key)) {
                return m.get(key);
            }
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (key(e.getKey()).equals(key)) {
                    return e.getValue();
                }
            }
            return ABSENT;
        }
        if (!(key instanceof Long l)) {
            return ABSENT;
        }
        long i = l;
        if (array instanceof List<?> list) {
            return i >= 0 && i < list.size() ? list.get((int) i) : ABSENT;
        }
        if (array != null && array.getClass().isArray()) {
            return i >= 0 && i < Array.getLength(array) ? Array.get(array, (int) i) : ABSENT;
        }
        Object[] found = {ABSENT};
        PhpArrays.forEach(array, (k, v) -> {
            if (k.equals(key)) {
                found[0] = v;
                return false;
            }
            return true;
        });
        return found[0];
    }

    /** The extra positional arguments a variadic definition receives in its last slot, as a list. */
    @SuppressWarnings("unchecked")
    static List<Object> extraArguments(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return PhpArrays.values(v);
    }

    /** Builds a PHP array: keyed puts and appends that take the next free integer key, as PHP's {@code []=}. */
    static final class Builder {
        private final LinkedHashMap<Object, Object> map = new LinkedHashMap<>();
        private long next;
        private boolean anyIntKey;

        void put(Object key, Object value) {
            map.put(key, value);
            if (key instanceof Long l && (!anyIntKey || l >= next)) {
                // PHP 8.3+: the next free key follows the largest integer key, even a negative one
                next = l + 1;
                anyIntKey = true;
            }
        }

        void append(Object value) {
            put(next, value);
        }

        boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        int size() {
            return map.size();
        }

        LinkedHashMap<Object, Object> map() {
            return map;
        }

        Object build() {
            return result(map);
        }
    }
}
