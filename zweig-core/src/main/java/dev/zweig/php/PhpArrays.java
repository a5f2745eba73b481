package dev.zweig.php;

import dev.zweig.ext.CallContext;
import dev.zweig.php.PhpArray;
import dev.zweig.runtime.SafeText;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.ScratchText;
import dev.zweig.php.Values;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * PHP array plumbing shared by the core filters and functions: reading any array-like value of the value model
 * (List, Map, Java array, Iterable) as ordered key/value pairs without first copying it, and handing results back
 * in the model's two shapes (an ArrayList when the keys are 0..n-1, else a LinkedHashMap with Long/String keys).
 *
 * <p>Reading by position ({@link #indexed}, {@link #size}, {@link #keyAt}, {@link #valueAt}) and building into a
 * {@link PhpArray} ({@link #builder}, {@link #result}) allocate nothing in a render: lists and PHP arrays are read
 * as they are, other maps are copied into a temporary of the render's arena, and a result is built in scratch
 * storage when the compiler allowed it, else in a temporary copied into the fresh collection the caller owns.
 */
public final class PhpArrays {
    private PhpArrays() {
    }

    /** Receives one key/value pair; returns false to stop the walk. */
    @FunctionalInterface
    public interface EntryVisitor {
        boolean visit(Object key, Object value);
    }

    /**
     * PHP is_iterable: arrays and Traversable (List, Map, Java array, Iterable, Iterator, stream: see
     * {@link Traversables}). The usual scalars and the engine's
     * arrays are told by their (final) class first: a test of an interface a class does not implement walks all of
     * its interfaces, and this runs for every number a number_format formats, every value printed...
     */
    public static boolean isIterable(Object v) {
        if (v == null || v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean) {
            return false;
        }
        return v instanceof PhpArray || v instanceof List<?> || v instanceof Map<?, ?> || v instanceof Iterable<?>
                || v.getClass().isArray() || Traversables.isOnce(v);
    }

    /** Walks the pairs of an array-like value in order; does nothing for other values. */
    public static void forEach(Object v, EntryVisitor visitor) {
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
        } else if (Traversables.isWalked(v)) {
            long i = 0;
            for (Iterator<?> it = Traversables.iterator(v); it.hasNext(); ) {
                if (!visitor.visit(i++, it.next())) {
                    return;
                }
            }
        }
    }

    /**
     * A key as PHP stores it: Long or String (a Java map's integer-like String key, "5", is PHP's int key 5, as
     * {@code ["5" => 2]} is in PHP).
     */
    public static Object key(Object k) {
        return k instanceof Long ? k : Values.normalizeKey(k);
    }

    /** Number of elements of an array-like value (Iterables, Iterators and streams are walked: iterator_count). */
    public static int count(Object v) {
        if (v instanceof java.util.Collection<?> c) {
            return c.size();
        }
        if (v instanceof Map<?, ?> m) {
            return m.size();
        }
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v);
        }
        Iterator<?> i = Traversables.iterator(v);
        int n = 0;
        for (; i != null && i.hasNext(); i.next()) {
            n++;
        }
        return n;
    }

    /** The values of an array-like value, in order, as a fresh list. */
    public static List<Object> values(Object v) {
        if (v instanceof java.util.Collection<?> c) {
            return new ArrayList<>(c);
        }
        Object in = indexed(null, v);
        int n = size(in);
        List<Object> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(valueAt(in, i));
        }
        return out;
    }

    // ---- reading by position, building results ----------------------------------------------------------

    /** The render's scratch storage when the call made with args may build its result there, else null. */
    public static ScratchArena scratch(CallContext ctx, Object[] args) {
        return ctx instanceof ScratchArena s && s.scratch(args) ? s : null;
    }

    /** A PHP array lent until the current call returns (the render's, or a new one outside a render). */
    public static PhpArray temp(CallContext ctx) {
        return ctx instanceof ScratchArena s ? s.temp() : new PhpArray();
    }

    /**
     * v as a value read by position: v itself when it is a RandomAccess list or a PHP array, else its pairs in a
     * temporary of ctx (which lives until the current call returns; a new array when ctx is null).
     */
    public static Object indexed(CallContext ctx, Object v) {
        if (v instanceof PhpArray || (v instanceof List<?> && v instanceof RandomAccess)) {
            return v;
        }
        PhpArray t = temp(ctx);
        if (v instanceof Map<?, ?> m) {
            return t.addAll(m, ctx instanceof ScratchArena s ? s : null);
        }
        if (v != null && (v instanceof Iterable<?> || v.getClass().isArray() || Traversables.isOnce(v))) {
            appendValues(t, v, ctx instanceof ScratchArena s ? s : null);
        }
        return t;
    }

    /**
     * v as {@link #indexed}, but of a single-use sequence (an Iterator or a stream: {@link Traversables}) only its
     * first n values, walked no further (PHP's LimitIterator over a generator: Twig's slice and first with a
     * non-negative start and length).
     */
    public static Object indexedPrefix(CallContext ctx, Object v, long n) {
        if (!Traversables.isOnce(v)) {
            return indexed(ctx, v);
        }
        PhpArray t = temp(ctx);
        for (Iterator<?> it = Traversables.iterator(v); n > 0 && it.hasNext(); n--) {
            t.append(it.next());
        }
        return t;
    }

    /**
     * JDK collections whose {@code toArray(T[])} walks their own storage into the array it is given and keeps
     * nothing (no iterator): a render walks them through a temporary's spare storage (PhpArray#appendAll). Exact
     * classes only: a subclass or any other collection may do anything with an array it is handed, and is walked
     * with its iterator.
     */
    private static final Set<Class<?>> FILLED_IN_PLACE = Set.of(java.util.LinkedList.class, java.util.HashSet.class,
            java.util.LinkedHashSet.class, java.util.ArrayDeque.class, new java.util.HashMap<>().keySet().getClass(),
            new java.util.HashMap<>().values().getClass(), new java.util.LinkedHashMap<>().keySet().getClass(),
            new java.util.LinkedHashMap<>().values().getClass());

    /**
     * Appends the values of a Java array, an Iterable, an Iterator or a stream to t, in order. Primitive numbers are
     * PHP ints and floats: boxed as Longs and Doubles through the render's caches when boxes is given.
     */
    public static PhpArray appendValues(PhpArray t, Object v, ScratchArena boxes) {
        if (v instanceof Object[] a) {
            for (Object o : a) {
                t.append(o);
            }
        } else if (boxes != null && FILLED_IN_PLACE.contains(v.getClass())) {
            t.appendAll((java.util.Collection<?>) v);
        } else if (v.getClass().isArray()) { // (no caches: the reflective boxes)
            for (int i = 0, n = Array.getLength(v); i < n; i++) {
                t.append(boxes != null ? elementAt(v, i, boxes) : Array.get(v, i));
            }
        } else {
            for (Iterator<?> it = Traversables.iterator(v); it.hasNext(); ) {
                t.append(it.next());
            }
        }
        return t;
    }

    /**
     * The i-th element of a Java array of primitives as PHP reads it: integers as Longs, floats as Doubles, boxed
     * through the render's caches when boxes is given (a char or a boolean as its box).
     */
    public static Object elementAt(Object array, int i, ScratchArena boxes) {
        if (array instanceof int[] a) {
            return boxLong(a[i], boxes);
        }
        if (array instanceof long[] a) {
            return boxLong(a[i], boxes);
        }
        if (array instanceof double[] a) {
            return boxes != null ? boxes.box(a[i]) : (Object) a[i];
        }
        if (array instanceof float[] a) {
            return boxes != null ? boxes.box((double) a[i]) : (Object) (double) a[i];
        }
        if (array instanceof short[] a) {
            return boxLong(a[i], boxes);
        }
        if (array instanceof byte[] a) {
            return boxLong(a[i], boxes);
        }
        if (array instanceof boolean[] a) {
            return a[i];
        }
        return Array.get(array, i);
    }

    private static Long boxLong(long v, ScratchArena boxes) {
        return boxes != null ? boxes.box(v) : Long.valueOf(v);
    }

    /** Number of pairs of a value {@link #indexed} returned. */
    public static int size(Object in) {
        return in instanceof PhpArray a ? a.size() : ((List<?>) in).size();
    }

    /** Key of the i-th pair of a value {@link #indexed} returned. */
    public static Object keyAt(Object in, int i) {
        return in instanceof PhpArray a ? a.keyAt(i) : PhpArray.index(i);
    }

    /** Value of the i-th pair of a value {@link #indexed} returned. */
    public static Object valueAt(Object in, int i) {
        return in instanceof PhpArray a ? a.valueAt(i) : ((List<?>) in).get(i);
    }

    /** Copies the i-th pair of in: a string key as it is, an integer key too with preserveKeys, else renumbered. */
    public static void copyPair(PhpArray out, Object in, int i, boolean preserveKeys) {
        Object k = keyAt(in, i);
        if (preserveKeys || k instanceof String) {
            out.add(k, valueAt(in, i));
        } else {
            out.append(valueAt(in, i));
        }
    }

    /**
     * Appends the pairs of an indexed array (see {@link #indexed}) to out as array_merge does: integer keys
     * renumbered after out's, string keys put in place. Reads in's size first: in may be out itself.
     */
    public static void appendMerged(PhpArray out, Object in) {
        for (int j = 0, n = size(in); j < n; j++) {
            Object k = keyAt(in, j);
            if (k instanceof Long) {
                out.append(valueAt(in, j));
            } else {
                out.put(k, valueAt(in, j));
            }
        }
    }

    /** Where a call builds its result: scratch storage when allowed (scratch non-null), else a temporary. */
    public static PhpArray builder(CallContext ctx, ScratchArena scratch, int capacity) {
        return scratch != null ? scratch.scratchArray(capacity) : temp(ctx);
    }

    /** The result built by {@link #builder}: itself in scratch storage, else a fresh copy in the model's shape. */
    public static Object result(PhpArray built, ScratchArena scratch) {
        return scratch != null ? built : copy(built, false);
    }

    /**
     * The same for a core call in ctx: a result outside scratch storage (one that may be kept) goes through the
     * render's recent collections (see ScratchArena#kept): in steady state the unmodifiable collection of the same
     * pairs made before.
     */
    public static Object result(CallContext ctx, PhpArray built, ScratchArena scratch) {
        return scratch != null ? built : ctx instanceof ScratchArena a ? a.kept(built) : copy(built, false);
    }

    /** A fresh copy of built in the model's shape (a List or a LinkedHashMap), its values as they are. */
    public static Object fresh(PhpArray built) {
        return copy(built, false);
    }

    /**
     * v itself, or when it is a render's pooled storage (see {@link PhpArray#pooled()}) a fresh copy in the model's
     * shape, owned by whoever receives it (pooled arrays in it copied too, render-private texts in it made a
     * String or a Markup): what may be kept past the render.
     */
    public static Object owned(Object v) {
        return isPrivate(v) ? copy((PhpArray) v, true) : v;
    }

    /**
     * A render-private array of variables (an include's or a with's, a spread list among them: keys 0..n-1) as a
     * fresh map of its own, read by name ({@link #owned} gives a list-shaped array as a List).
     */
    public static Map<?, ?> ownedMap(PhpArray a) {
        Object copy = owned(a);
        if (copy instanceof Map<?, ?> m) {
            return m;
        }
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
        List<?> l = (List<?>) copy;
        for (int i = 0; i < l.size(); i++) {
            out.put((long) i, l.get(i));
        }
        return out;
    }

    /**
     * Whether v is render-private storage or holds some: a pooled array, or an array of the engine's holding a pooled
     * array or a render-private text (one built fresh when the render's storage was exhausted may hold an
     * accumulation's kept elements: see Semantics#IN_PLACE_ITEM). What reaches anything that may keep it is then
     * {@link #owned}.
     */
    public static boolean isPrivate(Object v) {
        return v instanceof PhpArray a && (a.isPooled() || holdsPooled(a));
    }

    /** An element of a pooled array as a copy of it holds it: {@link #owned}, a render-private text made fresh. */
    private static Object ownedElement(Object v) {
        if (v instanceof ScratchText t) {
            return t.toString();
        }
        return v instanceof SafeText t ? t.toMarkup() : owned(v);
    }

    /**
     * Makes a pooled array hold no render-private text, in place, when it holds no pooled array: each such text
     * replaced by an equal String of the render's cache of recent values (a safe one by a Markup), the same values,
     * which whoever it is handed to may keep. False (nothing changed) when it holds pooled storage.
     */
    public static boolean ownTexts(PhpArray a, ScratchArena texts) {
        for (int i = 0, n = a.size(); i < n; i++) {
            if (a.valueAt(i) instanceof PhpArray p && p.isPooled()) {
                return false;
            }
        }
        for (int i = 0, n = a.size(); i < n; i++) {
            Object v = a.valueAt(i);
            if (v instanceof ScratchText t) {
                a.valueAt(i, texts.string(t, 0, t.length()));
            } else if (v instanceof SafeText t) {
                a.valueAt(i, t.toMarkup());
            }
        }
        return true;
    }

    /** Whether a value of a pooled array is itself render-private: pooled storage, or a render-private text. */
    public static boolean holdsPooled(PhpArray a) {
        for (int i = 0, n = a.size(); i < n; i++) {
            Object v = a.valueAt(i);
            if (v instanceof PhpArray p && p.isPooled() || v instanceof ScratchText || v instanceof SafeText) {
                return true;
            }
        }
        return false;
    }

    private static Object copy(PhpArray built, boolean deep) {
        int n = built.size();
        if (built.isList()) {
            List<Object> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(deep ? ownedElement(built.valueAt(i)) : built.valueAt(i));
            }
            return out;
        }
        LinkedHashMap<Object, Object> out = new LinkedHashMap<>(Math.max(16, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            out.put(built.keyAt(i), deep ? ownedElement(built.valueAt(i)) : built.valueAt(i));
        }
        return out;
    }

    /** Whether v reads as a PHP list (keys 0..n-1 in order). */
    public static boolean isList(Object v) {
        if (v instanceof PhpArray a) {
            return a.isList();
        }
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

    /** What {@link #get} returns for a missing key (null is a value). */
    public static final Object ABSENT = new Object();

    /** The element of an array-like value under a normalized key, or ABSENT. */
    public static Object get(Object array, Object key) {
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
    public static List<Object> extraArguments(Object v) {
        if (v == null) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        return PhpArrays.values(v);
    }
}
