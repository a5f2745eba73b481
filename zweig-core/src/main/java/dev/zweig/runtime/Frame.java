package dev.zweig.runtime;

import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import dev.zweig.php.ScratchDate;
import java.util.Arrays;
import java.util.Map;

/**
 * The variables of one scope (template body, block, macro, include) as an array indexed by {@link Symbols}
 * slot. Copying a scope (Twig passes contexts by value) is one array copy.
 *
 * <p>Slots are names that templates use, never the keys a caller passes: a context map is read by name, on the
 * first read of each slot ({@link #UNREAD} until then), so a context with 200,000 keys costs what the template
 * reads of it. Absent variables hold {@link #UNDEFINED}. Frames are engine-private: a value that leaves the engine
 * (a {@code _context} map, {@code _parent}, a {@code loop}) is a snapshot made by {@link Snapshots}.
 */
public final class Frame {
    public static final Object UNDEFINED = new Object() {
        @Override
        public String toString() {
            return "UNDEFINED";
        }
    };

    /** Not read yet: looked up by name in {@link #extra}, {@link #origin}, then the globals on the first read. */
    public static final Object UNREAD = new Object() {
        @Override
        public String toString() {
            return "UNREAD";
        }
    };

    /**
     * Slots below this live in the dense array; higher ones (an Environment whose templates use more names than
     * this) in a small per-frame hash table, so resetting and copying a frame costs what it holds, not the size of
     * the Environment's whole name table (one template with 200,000 names does not slow every other render).
     */
    static final int DENSE = 2048;

    final Engine engine;
    /** Slots below {@link #DENSE}, at most that long. */
    Object[] slots;
    /**
     * The dense slots that hold a value (each once, in the order they were first read or set): what resetting,
     * clearing and copying touch, so that a scope costs the names it holds, not the highest slot number among
     * them (an Environment with hundreds of templates numbers their names into the hundreds: filling or copying
     * up to the highest slot made every frame of a small page pay for the whole application's names).
     */
    private int[] touched;
    private int touchedCount;
    /**
     * Twig's context is an ordered PHP array: when each touched slot's variable entered it (a clock of this scope;
     * stamps[j] for touched[j], 0 while undefined), with {@link #MOVED} when it went to the end again after a loop
     * (see {@link #move}). Names of the render context and the globals keep their places unless moved; what a
     * template set comes after them in this order (see Snapshots#list). Kept beside {@link #touched}, not per
     * slot: a snapshot copies what the scope holds, not the size of the name table.
     */
    private int[] stamps;
    private int clock;
    /**
     * Stamps below zero: the variables of a {@code with}, which Twig puts before the enclosing context
     * ({@code $vars + $context}); each {@code with} takes the next ones down (see {@link #lead}).
     */
    private int front;
    /** Set in a stamp: the variable went to the end of the context (a loop that used it as its own ended). */
    static final int MOVED = 1 << 30;
    /** Slots from {@link #DENSE} up: keys (-1 = empty) and values, open addressing; absent = UNREAD. */
    private int[] highKeys;
    private Object[] highValues;
    private int highCount;
    /** The render context (or the variables of an {@code include ... only}): read by name, listed first. */
    Map<?, ?> origin;
    /** Variables passed to an include whose names no template used when the include ran, read before origin. */
    public Map<?, ?> extra;
    /** When {@link #extra}'s names entered the context (Twig appends an include's new variables: see stamps). */
    private int extraBorn;
    /** Whether {@link #extra} is a map of this engine's making (addExtra's merge, ownExtra's copy), not a caller's. */
    private boolean extraMerged;
    /**
     * A macro's frame: its parameters' slots, listed in _context before the globals as Twig binds them (then
     * {@link #leadingVarargs}); null in any other frame.
     */
    private int[] leadingParams;
    private int leadingVarargs;

    /** Frames made so far (each gets its own stamp). */
    private static final java.util.concurrent.atomic.AtomicLong FRAMES = new java.util.concurrent.atomic.AtomicLong();
    /**
     * This frame's stamp (positive, never shared by two frames): a variable of it may accumulate into a pooled array
     * of this stamp (see PhpArray#owner). Frames alive at the same time have different stamps; a pooled frame
     * reused by a later scope keeps it, harmlessly, since what it held died with its scope.
     */
    public final long stamp = FRAMES.incrementAndGet();

    Frame(Engine engine, int size) {
        this(engine, size, 16);
    }

    private Frame(Engine engine, int size, int touchedCapacity) {
        this.engine = engine;
        slots = new Object[Math.min(Math.max(size, 8), DENSE)];
        Arrays.fill(slots, UNREAD);
        touched = new int[touchedCapacity];
        stamps = new int[touchedCapacity];
    }

    /** A copy of src, sized to what it holds (a snapshot's: see Snapshots#detach). */
    static Frame copyOf(Frame src) {
        Frame c = new Frame(src.engine, src.slots.length, Math.max(src.touchedCount, 1));
        c.copyFrom(src);
        return c;
    }

    /** Becomes an empty scope reading origin (and the globals): every slot unread. */
    void reset(Map<?, ?> origin) {
        // the slots grow in set() when a name past them is first read or assigned (a pooled frame keeps its size)
        forgetDense();
        clearHigh();
        this.origin = origin;
        this.extra = null;
        this.extraMerged = false;
        this.front = 0;
        this.leadingParams = null;
        this.clock = 0;
        this.extraBorn = 0;
    }

    /** Makes this (fresh) frame a macro's: its parameters and varargs come first in _context. */
    public void macroArguments(int[] paramSlots, int varargsSlot) {
        leadingParams = paramSlots;
        leadingVarargs = varargsSlot;
    }

    /** The slots a macro binds, in Twig's order of its context (parameters, varargs), or null. */
    int[] leadingParams() {
        return leadingParams;
    }

    int leadingVarargs() {
        return leadingVarargs;
    }

    /** Every dense slot back to UNREAD. */
    private void forgetDense() {
        int[] t = touched;
        Object[] s = slots;
        for (int i = 0, n = touchedCount; i < n; i++) {
            s[t[i]] = UNREAD;
        }
        touchedCount = 0;
    }

    private void clearHigh() {
        if (highCount > 0) {
            Arrays.fill(highKeys, -1);
            Arrays.fill(highValues, null);
            highCount = 0;
        }
    }

    /** Forgets every value (the frame goes back to the pool and must not keep a render's data alive). */
    void clear() {
        forgetDense();
        clearHigh();
        origin = null;
        extra = null;
        extraMerged = false;
        for (int i = 0; i < ownCount; i++) {
            if (textBuffers[i] != null && !textBuffers[i].wipe(1 << 16)) {
                textBuffers[i] = null; // grown huge by one render: not kept for the next
            }
            if (dates[i] != null) {
                dates[i].clear();
            }
        }
    }

    /**
     * The storage of this scope's variables that hold a render-private value, by slot (a few per frame, found by a
     * linear search): a text buffer (a {@code set} of a string the core only reads) or a date (a {@code set} of a
     * date_modify or date() result only the core date readers read), see ScratchAnalysis.
     */
    private int[] ownSlots;
    private ScratchText[] textBuffers;
    private ScratchDate[] dates;
    private int ownCount;

    /** The index of slot's own storage (made on first use). */
    private int own(int slot) {
        for (int i = 0; i < ownCount; i++) {
            if (ownSlots[i] == slot) {
                return i;
            }
        }
        if (ownSlots == null || ownCount == ownSlots.length) {
            int size = ownSlots == null ? 4 : ownCount * 2;
            ownSlots = ownSlots == null ? new int[size] : Arrays.copyOf(ownSlots, size);
            textBuffers = textBuffers == null ? new ScratchText[size] : Arrays.copyOf(textBuffers, size);
            dates = dates == null ? new ScratchDate[size] : Arrays.copyOf(dates, size);
        }
        ownSlots[ownCount] = slot;
        return ownCount++;
    }

    /** This scope's own text buffer for the variable in slot (reused by every assignment of it). */
    public ScratchText text(int slot) {
        int i = own(slot);
        ScratchText t = textBuffers[i];
        if (t == null) {
            t = textBuffers[i] = new ScratchText();
        }
        return t;
    }

    /** This scope's own date for the variable in slot (reused by every assignment of it). */
    public ScratchDate date(int slot) {
        int i = own(slot);
        ScratchDate d = dates[i];
        if (d == null) {
            d = dates[i] = new ScratchDate();
        }
        return d;
    }

    /**
     * Makes this frame, a copy of an including scope, fit to hand to the included template target: a render-private
     * collection of the including template (a {@code set} of a core filter's result, a row of a batch: see
     * ScratchAnalysis) stays one only under a name target just reads (consumes on the spot); under a name it may
     * keep or hand on, or when it hands its context on ({@link CompiledTemplate#collectionKeptNames} null), it
     * becomes a fresh copy, owned by whoever gets it. In that last case the enclosing loops and scopes
     * ({@code loop}, {@code _parent}) that reach such a collection become snapshots too (their collections copied).
     * The including scope keeps its own collections: the copy is this frame's.
     */
    public void ownCollections(CompiledTemplate target) {
        ownCollections(target.collectionKeptNames, target.collectionReadNames, target.collectionDeepReadNames);
    }

    /**
     * {@link #ownCollections(CompiledTemplate)} for code whose kept names are kept (null: any name, or it hands its
     * scope on) and which reads only the names read (null: any): a block rendered in this frame, a copy of the
     * scope rendering it. A collection holding render-private ones under a name the code does not read stays.
     */
    public void ownCollections(java.util.Set<String> kept, java.util.Set<String> read) {
        ownCollections(kept, read, java.util.Set.of());
    }

    /**
     * {@link #ownCollections(java.util.Set, java.util.Set)} for code which also reads the names deep only deep and on
     * the spot (kept not null): a collection holding render-private ones at any depth passes under them as it is.
     */
    private void ownCollections(java.util.Set<String> kept, java.util.Set<String> read, java.util.Set<String> deep) {
        Object[] s = slots;
        for (int j = 0; j < touchedCount; j++) {
            int i = touched[j];
            Object v = s[i];
            if (v instanceof PhpArray || kept == null && (v instanceof LoopState || v instanceof Frame)) {
                s[i] = owned(v, i, kept, read, deep);
            }
        }
        if (highCount > 0) {
            for (int j = 0; j < highKeys.length; j++) {
                if (highKeys[j] >= 0) {
                    highValues[j] = owned(highValues[j], highKeys[j], kept, read, deep);
                }
            }
        }
        if (extra instanceof PhpArray x) {
            ownExtra(x, kept, read, deep);
        } else if (extraMerged) {
            PhpArray x = new PhpArray(extra.size()); // (a map addExtra merged: of the engine's, rare)
            for (Map.Entry<?, ?> e : extra.entrySet()) {
                x.put(e.getKey(), e.getValue());
            }
            ownExtra(x, kept, read, deep);
        }
    }

    /**
     * {@link #ownCollections} for the variables of {@link #extra} (the names no template compiled so far has a slot
     * for: an include's or embed's variables that only a template compiled later, a parent resolved as it renders,
     * reads), x holding them: when one needs a copy, extra becomes a map of this frame's own, copies there.
     */
    private void ownExtra(PhpArray x, java.util.Set<String> kept, java.util.Set<String> read,
            java.util.Set<String> deep) {
        java.util.LinkedHashMap<Object, Object> own = null;
        for (int i = 0, n = x.size(); i < n; i++) {
            Object v = x.valueAt(i);
            Object k = x.keyAt(i);
            String name = String.valueOf(k);
            boolean copy = PhpArrays.isPrivate(v) && copied((PhpArray) v, name, kept, read, deep);
            if (own == null && copy) {
                own = new java.util.LinkedHashMap<>();
                for (int j = 0; j < i; j++) {
                    own.put(x.keyAt(j), x.valueAt(j));
                }
            }
            if (own != null) {
                own.put(k, copy ? PhpArrays.owned(v) : v);
            }
        }
        if (own != null) {
            extra = own;
            extraMerged = true;
        }
    }

    private Object owned(Object v, int slot, java.util.Set<String> kept, java.util.Set<String> read,
            java.util.Set<String> deep) {
        if (PhpArrays.isPrivate(v)) {
            PhpArray a = (PhpArray) v;
            return copied(a, engine.symbols().name(slot), kept, read, deep) ? PhpArrays.owned(a) : a;
        }
        return kept == null && reachesPooled(v, 0) ? Snapshots.export(v) : v;
    }

    /**
     * Whether the render-private collection a, under name, must reach code keeping the names kept (null: any),
     * reading the names read (null: any) and reading the names deep only deep and on the spot as a copy: under a
     * kept name; under a name read (not deep) when a holds render-private storage (which an element read could
     * hand on).
     */
    private static boolean copied(PhpArray a, String name, java.util.Set<String> kept, java.util.Set<String> read,
            java.util.Set<String> deep) {
        return kept == null || kept.contains(name)
                || (read == null || read.contains(name)) && !deep.contains(name) && PhpArrays.holdsPooled(a);
    }

    /** Whether a loop or a scope (through the scopes it holds) reaches a pooled collection. */
    private static boolean reachesPooled(Object v, int depth) {
        if (v instanceof LoopState l) {
            return l.parentFrame != null && reachesPooled(l.parentFrame, depth + 1);
        }
        if (!(v instanceof Frame f)) {
            return false;
        }
        if (depth > 64) {
            return true; // deeper than any nesting of loops: taken as reaching one (a snapshot is always right)
        }
        for (int j = 0; j < f.touchedCount; j++) {
            Object o = f.slots[f.touched[j]];
            if (PhpArrays.isPrivate(o)
                    || (o instanceof LoopState || o instanceof Frame) && reachesPooled(o, depth + 1)) {
                return true;
            }
        }
        if (f.highCount > 0) {
            for (int j = 0; j < f.highKeys.length; j++) {
                Object o = f.highKeys[j] >= 0 ? f.highValues[j] : null;
                if (PhpArrays.isPrivate(o)
                        || (o instanceof LoopState || o instanceof Frame) && reachesPooled(o, depth + 1)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Becomes a copy of src, reusing this frame's array when it is large enough. */
    void copyFrom(Frame src) {
        Object[] from = src.slots;
        if (slots.length < from.length) {
            slots = new Object[from.length];
            Arrays.fill(slots, UNREAD);
            touchedCount = 0;
        } else {
            forgetDense();
        }
        int n = src.touchedCount;
        if (touched.length < n) {
            touched = new int[Math.max(n, touched.length * 2)];
            stamps = new int[touched.length];
        }
        int[] keys = src.touched;
        Object[] to = slots;
        for (int i = 0; i < n; i++) {
            int k = keys[i];
            to[k] = from[k];
        }
        System.arraycopy(keys, 0, touched, 0, n);
        System.arraycopy(src.stamps, 0, stamps, 0, n);
        touchedCount = n;
        clock = src.clock;
        leadingParams = src.leadingParams;
        leadingVarargs = src.leadingVarargs;
        clearHigh();
        if (src.highCount > 0) {
            int[] k = src.highKeys;
            for (int i = 0; i < k.length; i++) {
                if (k[i] >= 0) {
                    putHigh(k[i], src.highValues[i]);
                }
            }
        }
        origin = src.origin;
        extra = src.extra;
        extraMerged = src.extraMerged;
        extraBorn = src.extraBorn;
        front = src.front;
    }

    private Object getHigh(int slot) {
        int[] k = highKeys;
        if (highCount == 0) {
            return UNREAD;
        }
        int mask = k.length - 1;
        for (int i = (slot * 0x9E3779B9) >>> 7 & mask; ; i = (i + 1) & mask) {
            if (k[i] == slot) {
                return highValues[i];
            }
            if (k[i] < 0) {
                return UNREAD;
            }
        }
    }

    private void putHigh(int slot, Object value) {
        if (highKeys == null || (highCount + 1) * 2 > highKeys.length) {
            int[] oldK = highKeys;
            Object[] oldV = highValues;
            int size = oldK == null ? 16 : oldK.length * 2;
            highKeys = new int[size];
            Arrays.fill(highKeys, -1);
            highValues = new Object[size];
            highCount = 0;
            if (oldK != null) {
                for (int i = 0; i < oldK.length; i++) {
                    if (oldK[i] >= 0) {
                        putHigh(oldK[i], oldV[i]);
                    }
                }
            }
        }
        int[] k = highKeys;
        int mask = k.length - 1;
        for (int i = (slot * 0x9E3779B9) >>> 7 & mask; ; i = (i + 1) & mask) {
            if (k[i] == slot) {
                highValues[i] = value;
                return;
            }
            if (k[i] < 0) {
                k[i] = slot;
                highValues[i] = value;
                highCount++;
                return;
            }
        }
    }

    /**
     * The smallest slot above after at or above DENSE that holds a value, or -1: {@link #highSlots} in order one at
     * a time, with nothing made (they are few: a scan each).
     */
    int nextHighSlot(int after) {
        int next = -1;
        if (highKeys != null) {
            for (int key : highKeys) {
                if (key > after && (next < 0 || key < next)) {
                    next = key;
                }
            }
        }
        return next;
    }

    /** The slots at or above DENSE that hold a value, in order (for a copy of the frame). */
    int[] highSlots() {
        int[] out = new int[highCount];
        int n = 0;
        if (highKeys != null) {
            for (int key : highKeys) {
                if (key >= 0) {
                    out[n++] = key;
                }
            }
        }
        Arrays.sort(out, 0, n);
        return n == out.length ? out : Arrays.copyOf(out, n);
    }

    /**
     * The value in a dense slot, or {@link #UNREAD} (also for a slot beyond the dense ones): the compiled executor
     * tests it where it reads a variable and calls {@link #get} only then, so the first-read path (a lookup by name
     * in the context) is profiled per read and never inlined into a loop body that always finds its slot set.
     */
    public Object peekDense(int slot) {
        Object[] s = slots;
        return slot < s.length ? s[slot] : UNREAD;
    }

    public Object get(int slot) {
        Object[] s = slots;
        if (slot < s.length) {
            Object v = s[slot];
            if (v != UNREAD) {
                return v;
            }
        } else if (slot >= DENSE) {
            Object v = getHigh(slot);
            if (v != UNREAD) {
                return v;
            }
        }
        return read(slot);
    }

    /** The first read of a slot: the context by name, then the globals; remembered in the slot. */
    private Object read(int slot) {
        Object v = unread(slot);
        set(slot, v);
        return v;
    }

    /** What the first read of a slot finds: the context by name, then the globals. */
    private Object unread(int slot) {
        String name = engine.symbols().name(slot);
        Object v = lookup(extra, name);
        if (v == UNDEFINED) {
            v = lookup(origin, name);
        }
        return v == UNDEFINED ? engine.global(slot) : v;
    }

    /**
     * What {@link #get} answers, a first read not remembered: a look at a scope about to be dropped (a loop's copy
     * of its enclosing scope when the loop ends), where remembering would only cost.
     */
    public Object probe(int slot) {
        Object[] s = slots;
        Object v = slot < s.length ? s[slot] : slot >= DENSE ? getHigh(slot) : UNREAD;
        return v != UNREAD ? v : unread(slot);
    }

    /** A name's value in a caller's map, or UNDEFINED (a key of another type than String is no name). */
    @SuppressWarnings("unchecked")
    static Object lookup(Map<?, ?> m, String name) {
        if (m == null) {
            return UNDEFINED;
        }
        try {
            Class<?> k = m.getClass();
            if (k == java.util.HashMap.class || k == java.util.LinkedHashMap.class) {
                // one lookup (an absent name was a get and a containsKey); only for the JDK's own classes: a
                // subclass's get, which getOrDefault bypasses, is the caller's word on what the map holds
                return ((Map<?, Object>) m).getOrDefault(name, UNDEFINED);
            }
            Object v = m.get(name);
            if (v != null) {
                return v;
            }
            return m.containsKey(name) ? null : UNDEFINED;
        } catch (ClassCastException | NullPointerException keyTypeRefused) {
            // Map.get's contract for a map whose keys cannot be Strings (a TreeMap of Integers): no such name
            return UNDEFINED;
        }
    }

    public void set(int slot, Object value) {
        if (slot >= slots.length) {
            if (slot >= DENSE) {
                putHigh(slot, value);
                return;
            }
            int old = slots.length;
            slots = Arrays.copyOf(slots, Math.min(Math.max(slot + 1, old * 2), DENSE));
            Arrays.fill(slots, old, slots.length, UNREAD);
        }
        Object[] s = slots;
        Object old = s[slot];
        if (old == UNREAD) {
            if (touchedCount == touched.length) {
                touched = Arrays.copyOf(touched, touchedCount * 2);
                stamps = Arrays.copyOf(stamps, touched.length);
            }
            // a new key of Twig's context: at its end
            stamps[touchedCount] = value != UNDEFINED ? tick() : 0;
            touched[touchedCount++] = slot;
        } else if (old == UNDEFINED && value != UNDEFINED) {
            stamps[touchedAt(slot)] = tick(); // unset before (a loop's end): at the end again
        }
        s[slot] = value;
    }

    /** The position of a touched dense slot in {@link #touched} (looked for from the latest), or -1. */
    private int touchedAt(int slot) {
        int[] t = touched;
        for (int j = touchedCount - 1; j >= 0; j--) {
            if (t[j] == slot) {
                return j;
            }
        }
        return -1;
    }

    private int tick() {
        return clock < MOVED - 1 ? ++clock : clock;
    }

    /**
     * The variable in slot goes to the end of the context, as PHP's array does with a key that is unset and added
     * again (what a for loop does to the names it used when it ends: see Semantics#endLoop).
     */
    public void move(int slot) {
        int j = slot < DENSE ? touchedAt(slot) : -1;
        if (j >= 0) {
            stamps[j] = tick() | MOVED;
        }
    }

    /**
     * Adds variables no template names (see {@link #extra}), entering the context now, after what it holds (lead:
     * before it, with the variables of the with whose stamps {@link #lead(int)} gave).
     */
    public void addExtra(Map<?, ?> m, boolean lead) {
        if (extra == null) {
            extra = m;
            extraBorn = lead ? front : tick();
        } else if (lead) {
            // ($vars + $context): a nested with's names first, its values winning
            Map<Object, Object> both = new java.util.LinkedHashMap<>(m);
            extra.forEach(both::putIfAbsent);
            extra = both;
            extraMerged = true;
            extraBorn = front;
        } else {
            Map<Object, Object> both = new java.util.LinkedHashMap<>(extra);
            both.putAll(m);
            extra = both;
            extraMerged = true;
        }
    }

    /** When {@link #extra}'s names entered the context. */
    int extraBorn() {
        return extraBorn;
    }

    /**
     * Makes room before everything this scope holds for the {@code count} variables of a {@code with}, for
     * {@link #lead(int, int)}: returns the stamp of the first.
     */
    public int lead(int count) {
        front -= count;
        return front;
    }

    /** The variable in slot is the with's variable of that stamp (from {@link #lead(int)}, one up per name). */
    public void lead(int slot, int stamp) {
        int j = slot < DENSE ? touchedAt(slot) : -1;
        if (j >= 0) {
            stamps[j] = stamp;
        }
    }

    /** The stamp of a touched dense slot (see {@link #stamps}), 0 for any other. */
    private int stampOf(int slot) {
        int j = slot < DENSE ? touchedAt(slot) : -1;
        return j >= 0 ? stamps[j] : 0;
    }

    /** The stamp of the i-th touched dense slot ({@link #denseSlot}): see {@link #stamps}. */
    int stampAt(int i) {
        return stamps[i];
    }

    /** A stamp's place in the context's order (below zero: a with's variable; else when it entered). */
    static int order(int stamp) {
        return stamp < 0 ? stamp : stamp & ~MOVED;
    }

    /** When the variable in a dense slot entered the context (see {@link #stamps}); 0 for a high slot. */
    int born(int slot) {
        return order(stampOf(slot));
    }

    /** Whether the variable in slot went to the end of the context after a loop (see {@link #move}). */
    boolean moved(int slot) {
        int b = stampOf(slot);
        return b > 0 && (b & MOVED) != 0;
    }

    /** Whether the variable in slot is one of a {@code with}'s (listed before the context). */
    boolean leads(int slot) {
        return stampOf(slot) < 0;
    }

    public boolean defined(int slot) {
        return get(slot) != UNDEFINED;
    }

    /** How many dense slots hold a value (see {@link #denseSlot}). */
    int denseCount() {
        return touchedCount;
    }

    /** The i-th dense slot that holds a value, in the order they were first read or set. */
    int denseSlot(int i) {
        return touched[i];
    }

    /** The value in a slot if it was read or set, else UNREAD (for listing without reading everything). */
    Object peek(int slot) {
        return slot < slots.length ? slots[slot] : slot >= DENSE ? getHigh(slot) : UNREAD;
    }
}
