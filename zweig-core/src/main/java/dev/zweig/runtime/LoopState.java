package dev.zweig.runtime;

/**
 * Twig's {@code loop} variable. One per executing for-loop (not per iteration): the loop advances it in place.
 * Engine-private and pooled: templates read its attributes directly, and wherever the {@code loop} value itself
 * leaves the engine (printed, assigned, passed to a macro or user code) it is an immutable {@link #snapshot()}.
 */
public final class LoopState {
    public long index0;
    public long length = -1;
    /** The scope as it was when the loop started (Twig's {@code _parent}), a pooled frame of the render. */
    public Frame parentFrame;
    /**
     * What the loop walks, as the template gave it (null when it counts a range: {@link #from}, {@link #step}),
     * for Twig's {@code _seq} and {@code _key} (see {@link Part}).
     */
    private Object source;
    /** The copy of it handed out as _seq (see {@link #sequence()}), null until read. */
    private Object sequence;
    private boolean counting;
    /**
     * Whether what the loop walks has no count: a Java Iterator or stream, or an Iterable that is no Collection
     * (PHP's Traversable that is not Countable: Traversables#isUncounted). Twig's loop then has no revindex0,
     * revindex, length nor last.
     */
    private boolean uncounted;
    private long from;
    private long step;
    /** Twig's {@code _seq}, {@code _key} (when the loop has no key variable) and {@code _iterated}, of this loop. */
    public final Part seq = new Part(this, Part.SEQ);
    public final Part key = new Part(this, Part.KEY);
    public final Part iterated = new Part(this, Part.ITERATED);

    /** Records what the loop walks: a value, or (source null, counting) the integers from, from + step, ... */
    public void walks(Object source, boolean counting, long from, long step) {
        this.source = source;
        this.sequence = null;
        this.counting = counting;
        Object s = counting ? null : dev.zweig.semantics.Attributes.unwrap(source);
        this.uncounted = dev.zweig.php.Traversables.isUncounted(s);
        this.from = from;
        this.step = step;
    }

    /**
     * One of the variables Twig's for loop keeps in its context besides its targets and {@code loop}: a loop's
     * {@code _seq} (what it walks), {@code _key} (the current key when the loop names none) and {@code _iterated}
     * (whether an iteration ended, with an else branch). The frame holds this stand-in, one per pooled loop, set
     * once per loop, and the value is worked out only when a template reads it or the context leaves the engine
     * ({@link Snapshots#export}): no work per iteration for what templates almost never read.
     */
    public static final class Part {
        static final int SEQ = 0;
        static final int KEY = 1;
        static final int ITERATED = 2;
        private final LoopState loop;
        private final int kind;

        Part(LoopState loop, int kind) {
            this.loop = loop;
            this.kind = kind;
        }

        /** The value Twig's context holds now (a fresh collection for {@code _seq}). */
        Object value() {
            LoopState l = loop;
            switch (kind) {
                case ITERATED:
                    return l.index0 > 0;
                case KEY:
                    return l.currentKey();
                default:
                    return l.sequence();
            }
        }

        @Override
        public String toString() {
            return String.valueOf(value());
        }
    }

    /**
     * Twig's _seq: CoreExtension::ensureTraversable of what the loop walks (an empty array for anything else), as
     * an immutable copy made on the first read and shared by every later one of this run of the loop: what the
     * loop walks may be the render's own storage, reused once the loop is done.
     */
    private Object sequence() {
        if (sequence == null) {
            sequence = copyOfSource();
        }
        return sequence;
    }

    private Object copyOfSource() {
        if (counting) {
            return new Fixed(null, from, step, (int) Math.max(length, 0));
        }
        Object s = dev.zweig.semantics.Attributes.unwrap(source);
        if (s instanceof java.util.Map<?, ?> m) {
            dev.zweig.php.PhpArray pairs = new dev.zweig.php.PhpArray(m.size()).addAll(m);
            dev.zweig.php.PhpArray copy = new dev.zweig.php.PhpArray(pairs.size());
            for (int i = 0; i < pairs.size(); i++) {
                copy.add(pairs.keyAt(i), Snapshots.export(pairs.valueAt(i)));
            }
            return java.util.Collections.unmodifiableMap(copy);
        }
        if (s instanceof java.util.List<?> l && l instanceof java.util.RandomAccess) {
            Object[] copy = new Object[l.size()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = Snapshots.export(l.get(i));
            }
            return new Fixed(copy);
        }
        if (s instanceof Iterable<?> || s instanceof Object[] || s != null && s.getClass().isArray()) {
            dev.zweig.php.PhpArray values = dev.zweig.php.PhpArrays.appendValues(new dev.zweig.php.PhpArray(), s, null);
            Object[] copy = new Object[values.size()];
            for (int i = 0; i < copy.length; i++) {
                copy[i] = Snapshots.export(values.valueAt(i));
            }
            return new Fixed(copy);
        }
        return java.util.List.of();
    }

    /**
     * What _seq hands out of a sequence, immutable: the values of an array nothing else holds, or the integers a
     * counted loop walks (from, from + step, ...; no array: made only when read).
     */
    private static final class Fixed extends java.util.AbstractList<Object> implements java.util.RandomAccess {
        private final Object[] values;
        private final long from;
        private final long step;
        private final int size;

        Fixed(Object[] values) {
            this(values, 0, 0, values.length);
        }

        Fixed(Object[] values, long from, long step, int size) {
            this.values = values;
            this.from = from;
            this.step = step;
            this.size = size;
        }

        @Override
        public Object get(int i) {
            java.util.Objects.checkIndex(i, size);
            return values != null ? values[i] : (Object) (from + i * step);
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** The key of the current iteration: a mapping's key at this position, else the position. */
    private Object currentKey() {
        Object s = counting ? null : dev.zweig.semantics.Attributes.unwrap(source);
        if (s instanceof dev.zweig.php.PhpArray a) {
            return index0 < a.size() ? a.keyAt((int) index0) : null;
        }
        if (s instanceof java.util.Map<?, ?> m) {
            long i = 0;
            for (Object k : m.keySet()) {
                if (i++ == index0) {
                    return k instanceof String ? dev.zweig.php.Values.normalizeKey(k) : k; // as the loop reads it
                }
            }
            return null;
        }
        return index0;
    }

    void reset() {
        this.index0 = 0;
        this.length = -1;
        this.parentFrame = null;
        this.source = null;
        this.sequence = null;
        this.counting = false;
        this.uncounted = false;
    }

    void clear() {
        parentFrame = null;
        source = null;
        sequence = null;
    }

    /** The loop as Twig's array shows it, frozen: what leaves the engine instead of this object. */
    java.util.Map<String, Object> snapshot() {
        return snapshot(parentFrame == null ? java.util.Map.of() : Snapshots.context(parentFrame));
    }

    /** The snapshot with its parent scope already frozen (see Snapshots#export). */
    java.util.Map<String, Object> snapshot(Object frozenParent) {
        return new Frozen(index0, uncounted ? -1 : length, frozenParent);
    }

    /**
     * A loop's values at one iteration, immutable: three fields, the map Twig shows (parent, index0, index, first,
     * then revindex0, revindex, length, last when the length is known) built only when iterated.
     */
    private static final class Frozen extends java.util.AbstractMap<String, Object> {
        private final long index0;
        private final long length;
        private final Object parent;
        private java.util.Map<String, Object> all;

        Frozen(long index0, long length, Object parent) {
            this.index0 = index0;
            this.length = length;
            this.parent = parent;
        }

        @Override
        public Object get(Object key) {
            if (!(key instanceof String k)) {
                return null;
            }
            return switch (k) {
                case "parent" -> parent;
                case "index0" -> index0;
                case "index" -> index0 + 1;
                case "first" -> index0 == 0;
                case "revindex0" -> length >= 0 ? length - index0 - 1 : null;
                case "revindex" -> length >= 0 ? length - index0 : null;
                case "length" -> length >= 0 ? length : null;
                case "last" -> length >= 0 ? index0 == length - 1 : null;
                default -> null;
            };
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String k && (k.equals("parent") || k.equals("index0") || k.equals("index")
                    || k.equals("first") || (length >= 0 && (k.equals("revindex0") || k.equals("revindex")
                    || k.equals("length") || k.equals("last"))));
        }

        @Override
        public synchronized java.util.Set<Entry<String, Object>> entrySet() {
            if (all == null) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                for (String k : new String[] {"parent", "index0", "index", "first", "revindex0", "revindex",
                    "length", "last"}) {
                    if (containsKey(k)) {
                        m.put(k, get(k));
                    }
                }
                all = java.util.Collections.unmodifiableMap(m);
            }
            return all.entrySet();
        }
    }

    /** The code of {@code parent} for {@link #get(int, RenderState)}. */
    public static final int PARENT = 7;

    private static final int INDEX = 0;
    private static final int INDEX0 = 1;
    private static final int REVINDEX = 2;
    private static final int REVINDEX0 = 3;
    private static final int FIRST = 4;
    private static final int LAST = 5;
    private static final int LENGTH = 6;

    /** The code of a loop attribute for {@link #get(int, RenderState)}, or -1. */
    public static int code(String name) {
        return switch (name) {
            case "index" -> INDEX;
            case "index0" -> INDEX0;
            case "revindex" -> REVINDEX;
            case "revindex0" -> REVINDEX0;
            case "first" -> FIRST;
            case "last" -> LAST;
            case "length" -> LENGTH;
            case "parent" -> PARENT;
            default -> -1;
        };
    }

    /** What {@link #number} answers for an attribute that is no number (first, last, parent). */
    public static final long NOT_A_NUMBER = Long.MIN_VALUE;

    /** The number attribute code names (index, index0, revindex, revindex0, length), as get boxes it. */
    public long number(int code) {
        if (lacks(code)) {
            return NOT_A_NUMBER;
        }
        return switch (code) {
            case INDEX -> index0 + 1;
            case INDEX0 -> index0;
            case REVINDEX -> length - index0;
            case REVINDEX0 -> length - index0 - 1;
            case LENGTH -> length;
            default -> NOT_A_NUMBER;
        };
    }

    /** Whether attribute code is one this loop lacks (see {@link #uncounted}). */
    private boolean lacks(int code) {
        return uncounted && (code == REVINDEX || code == REVINDEX0 || code == LAST || code == LENGTH);
    }

    /** The names of the attributes this loop has, in the order of Twig's loop array (for an error's text). */
    public String keyNames() {
        return uncounted ? "parent, index0, index, first"
                : "parent, index0, index, first, revindex0, revindex, length, last";
    }

    /** The value of attribute code, or Frame.UNDEFINED when this loop lacks it. */
    public Object get(int code, RenderState st) {
        if (lacks(code)) {
            return Frame.UNDEFINED;
        }
        return switch (code) {
            case FIRST -> index0 == 0;
            case LAST -> index0 == length - 1;
            case PARENT -> parentView();
            default -> st.box(number(code));
        };
    }

    /**
     * Prints attribute code as printing {@link #get(int, RenderState)} would (a number's digits, true as 1,
     * false as nothing), without boxing; false, writing nothing, for parent and an attribute the loop lacks.
     */
    public boolean write(int code, dev.zweig.output.Output out) {
        if (lacks(code)) {
            return false;
        }
        switch (code) {
            case FIRST -> {
                if (index0 == 0) {
                    out.write('1');
                }
            }
            case LAST -> {
                if (index0 == length - 1) {
                    out.write('1');
                }
            }
            case PARENT -> {
                return false;
            }
            default -> out.write(number(code));
        }
        return true;
    }

    public Object get(String name, RenderState st) {
        int code = code(name);
        return code < 0 ? Frame.UNDEFINED : get(code, st);
    }

    /** The enclosing context as an immutable map. */
    private Object parentView() {
        return parentFrame == null ? java.util.Map.of() : Snapshots.context(parentFrame);
    }
}
