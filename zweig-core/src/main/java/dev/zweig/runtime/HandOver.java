package dev.zweig.runtime;

import dev.zweig.php.PhpArrays;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * A value as user code receives it (a filter's, function's or test's argument, a Java method's, the call context's
 * variables, what an arrow handed to user code returns): PHP hands arrays by value, so what one receiver gets must
 * not be changed by it under the template or under another receiver of the same collection. Collections reach user
 * code as read-only views, deep (an element read through one is a view in turn), that the receiver may keep: the
 * engine never writes a collection once made, but for its pooled storage, which leaves as a fresh copy first (see
 * PhpArrays#owned); render-private texts and dates leave as values of their own. A view costs one small object per
 * hand-over, whatever the collection holds (a copy would cost what it holds, at every call); the steady state of a
 * render that hands nothing to user code is untouched.
 *
 * <p>An arrow handed to user code is marked (ArrowFn#handed), so that what it returns reaches the user's code as
 * {@link #value} gives it.
 */
public final class HandOver {
    private HandOver() {}

    /** v as user code may hold it: see the class comment. */
    public static Object value(Object v) {
        if (v instanceof ScratchText || v instanceof SafeText || v instanceof dev.zweig.php.ScratchDate) {
            return dev.zweig.semantics.Semantics.owned(v);
        }
        if (v instanceof ListView || v instanceof MapView) {
            return v;
        }
        if (v instanceof List<?> l) {
            return l instanceof RandomAccess ? new RandomAccessView(l) : new ListView(l);
        }
        if (v instanceof Map<?, ?> m) {
            return new MapView(PhpArrays.owned(m) instanceof Map<?, ?> own ? own : m);
        }
        if (v instanceof ArrowFn f) {
            f.handed = true; // what it returns from now on leaves as a value (see ArrowFn#handed)
        }
        return v;
    }

    /** Each argument of a call into user code as {@link #value} gives it, in place; a. */
    public static Object[] arguments(Object[] a) {
        if (a != null) {
            for (int i = 0; i < a.length; i++) {
                a[i] = value(a[i]);
            }
        }
        return a;
    }

    /** {@link #arguments} into a copy of a when one changes (a is the engine's: only read), else a itself. */
    public static Object[] argumentsCopied(Object[] a) {
        for (int i = 0, n = a == null ? 0 : a.length; i < n; i++) {
            Object v = a[i];
            if (v instanceof List || v instanceof Map || v instanceof ArrowFn || v instanceof CharSequence
                    && !(v instanceof String) || v instanceof dev.zweig.php.ScratchDate) {
                return arguments(a.clone());
            }
        }
        return a;
    }

    /**
     * x for a Java method's parameter of this type: a view where the parameter takes a mutable JDK collection
     * ({@code ArrayList}, {@code HashMap}, {@code LinkedHashMap}...) becomes a copy of that kind, the method's to
     * keep and change (its elements read through the view: collections in it stay views); anything else as it is.
     */
    public static Object asParameter(Class<?> type, Object x) {
        if (x instanceof ListView l && !type.isInstance(x) && type.isAssignableFrom(java.util.ArrayList.class)) {
            return new java.util.ArrayList<>(l);
        }
        if (x instanceof MapView m && !type.isInstance(x) && type.isAssignableFrom(java.util.LinkedHashMap.class)) {
            return new java.util.LinkedHashMap<>(m);
        }
        return x;
    }

    /** A read-only view of a list (walked in order: a linked list read by position would be walked each time). */
    private static class ListView extends AbstractList<Object> {
        final List<?> list;

        ListView(List<?> list) {
            this.list = PhpArrays.owned(list) instanceof List<?> own ? own : list;
        }

        @Override
        public Object get(int i) {
            return value(list.get(i));
        }

        @Override
        public int size() {
            return list.size();
        }

        @Override
        public Iterator<Object> iterator() {
            Iterator<?> it = list.iterator();
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public Object next() {
                    return value(it.next());
                }
            };
        }
    }

    /** A read-only view of a list read by position. */
    private static final class RandomAccessView extends ListView implements RandomAccess {
        RandomAccessView(List<?> list) {
            super(list);
        }
    }

    /** A read-only view of a map (a PHP array with keys), in its order. */
    private static final class MapView extends AbstractMap<Object, Object> {
        private final Map<?, ?> map;

        MapView(Map<?, ?> map) {
            this.map = map;
        }

        @Override
        public Object get(Object key) {
            return value(map.get(key));
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<Object, Object>> iterator() {
                    Iterator<? extends Entry<?, ?>> it = map.entrySet().iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Entry<Object, Object> next() {
                            Entry<?, ?> e = it.next();
                            return new SimpleImmutableEntry<>(e.getKey(), value(e.getValue()));
                        }
                    };
                }

                @Override
                public int size() {
                    return map.size();
                }
            };
        }
    }
}
