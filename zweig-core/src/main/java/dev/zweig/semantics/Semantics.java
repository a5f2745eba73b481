package dev.zweig.semantics;

import dev.zweig.Markup;
import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import dev.zweig.php.Values;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LentOutput;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.SafeText;
import dev.zweig.runtime.ScratchText;
import dev.zweig.runtime.Snapshots;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Expr;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.Invocable;
import dev.zweig.output.Output;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The language's run-time rules both executors call: what a node does once its operands are values (reading an
 * attribute, calling a filter, binding a macro's arguments, entering an include). The interpreter calls them from
 * its closures, the compiled executor from the code it writes, so a rule has one home.
 *
 * <p>This file is over 800 lines because it is that one home, in sections by node family (calls, loops,
 * captures, includes and macros, render-private scratch), each called by name from both executors (the compiled
 * code through TemplateClass); the includes-and-macros section (about 420 lines) is the seam to split along.
 */
public final class Semantics {
    private Semantics() {
    }

    /** What an attribute read needs to know at run time besides the object, the attribute and the arguments. */
    public record AttrSite(Expr.AccessType type, boolean lenient, boolean strict, String template, int line,
            Access.Site cache, boolean scopeCopy) {}

    /**
     * Reads o.attr(args) once o is known to be a value (neither undefined nor the end of a null-safe chain): a
     * loop's copy of its enclosing scope ({@code _parent}, {@code loop.parent}) is read in place.
     */
    public static Object attr(Object o, Object attr, Object[] a, AttrSite s, RenderState st) {
        attr = attrKey(attr, st);
        if (s.scopeCopy && o instanceof Frame scope) {
            Object v = scopeAttr(scope, attr, a, s.type, s.lenient, s.strict);
            if (v != ON_SNAPSHOT) {
                return v;
            }
            o = Snapshots.export(scope);
        }
        return Access.get(o, attr, a, s.type, s.lenient, s.strict, s.template, s.line, st, s.cache);
    }

    /** What {@link #scopeAttr} answers when the access is to be made on the scope's snapshot. */
    public static final Object ON_SNAPSHOT = new Object();

    /**
     * An access on a scope a chain starts at, a loop's copy of its enclosing scope ({@code _parent},
     * {@code loop.parent}) or the frame itself ({@code _context}), read in place: a variable's value when the
     * scope's snapshot would give that same value (Snapshots#readInPlace), a missing variable as the snapshot
     * answers a missing key (undefined when lenient, null when not strict); ON_SNAPSHOT for anything else (a
     * method, strict_variables' error, which lists the keys, a render-private value the snapshot copies).
     */
    public static Object scopeAttr(Frame scope, Object attr, Object[] a, Expr.AccessType type, boolean lenient,
            boolean strict) {
        if (!(attr instanceof String name) || a != null || type == Expr.AccessType.METHOD) {
            return ON_SNAPSHOT;
        }
        Object v = Snapshots.readInPlace(scope, name);
        if (v == Snapshots.COPIED) {
            return ON_SNAPSHOT;
        }
        if (v != Frame.UNDEFINED) {
            return Attributes.exposed(v);
        }
        // (a name a map's key rules would read as an integer is no variable's: the snapshot says so)
        return lenient ? Frame.UNDEFINED : !strict && !Values.isIntegerKey(name) ? null : ON_SNAPSHOT;
    }

    /** {@code _context.x is defined}, {@code _context[name] is defined}: whether the scope has the variable. */
    public static boolean contextHas(Object frame, Object attr, RenderState st) {
        Frame f = (Frame) frame;
        if (attr instanceof String name && !Values.isIntegerKey(name)) {
            return Snapshots.read(f, name) != Frame.UNDEFINED;
        }
        return Access.has(Snapshots.context(f), attr, 0, Expr.AccessType.ANY, st);
    }

    /**
     * A key computed at run time as it reaches an attribute access: a render-private text (see ScratchAnalysis) as
     * an equal String from the render's key cache (the access may keep its key, in a cache or a message), any
     * other value as it is.
     */
    public static Object attrKey(Object attr, RenderState st) {
        return attr instanceof dev.zweig.runtime.ScratchText t ? st.key(t) : attr;
    }

    /**
     * attrKey of a key just computed, when st.textTop was top before: the render-private text the key was built
     * in (and any other the key's expression took) is free again once the key is a String.
     */
    public static Object attrKey(Object attr, RenderState st, int top) {
        if (attr instanceof dev.zweig.runtime.ScratchText t) {
            attr = st.key(t);
            st.textTop = top;
        }
        return attr;
    }

    /** The end of an attribute chain: a null-safe stop reads null; engine-private values leave as snapshots. */
    public static Object attrResult(Object v, boolean scopeCopy) {
        if (v == dev.zweig.semantics.CompileRules.NULL_SAFE_STOP) {
            return null;
        }
        return scopeCopy && (v instanceof LoopState || v instanceof Frame) ? Snapshots.export(v) : v;
    }

    /**
     * The value v of {@code ...v} (in a call, a list or a hash literal): an array or a Traversable (a List, Map, Java
     * array or Iterable); anything else, null included, fails as PHP 8 fails to unpack it (Twig compiles the
     * spread to PHP's).
     */
    public static Object unpacked(Object v) {
        if (!PhpArrays.isIterable(v)) {
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template "
                    + "(\"Only arrays and Traversables can be unpacked\").");
        }
        return v;
    }

    /** Call arguments with spreads: the positional values, each spread expanded in place. */
    public static Object[] positional(Object[] values, boolean[] spread) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            if (spread[i]) {
                out.addAll(Values.toList(unpacked(values[i])));
            } else {
                out.add(values[i]);
            }
        }
        return out.toArray();
    }

    /**
     * Method call arguments with spreads and no names ({@code attribute(o, 'm', args)}) in the reusable array of
     * site (given back by the caller with giveArgs once the call is done: the method receives the values, never
     * the array): each spread read in place when it is a list with random access, a PHP array or an array of
     * objects, else as {@link #positional} copies it. values is the array of valuesSite, given back here.
     */
    public static Object[] spreadArgs(Object[] values, boolean[] spread, RenderState st, int valuesSite, int site) {
        int n = 0;
        for (int i = 0; i < values.length && n >= 0; i++) {
            int k = spread[i] ? inPlaceSize(values[i]) : 1;
            n = k < 0 ? -1 : n + k;
        }
        Object[] out = n < 0 ? positional(values, spread) : st.takeArgs(site, n);
        for (int i = 0, j = 0; i < values.length && n >= 0; i++) {
            Object v = values[i];
            if (!spread[i]) {
                out[j++] = v;
            } else if (v instanceof Object[] a) {
                System.arraycopy(a, 0, out, j, a.length);
                j += a.length;
            } else if (v instanceof PhpArray a) {
                for (int k = 0, size = a.size(); k < size; k++) {
                    out[j++] = a.valueAt(k);
                }
            } else {
                List<?> l = (List<?>) v;
                for (int k = 0, size = l.size(); k < size; k++) {
                    out[j++] = l.get(k);
                }
            }
        }
        st.giveArgs(valuesSite, values);
        return out;
    }

    /** How many values a spread of v gives when they can be read in place (see spreadArgs), else -1. */
    private static int inPlaceSize(Object v) {
        if (v instanceof Object[] a) {
            return a.length;
        }
        if (v instanceof PhpArray a) {
            return a.size();
        }
        return v instanceof List<?> l && l instanceof java.util.RandomAccess ? l.size() : -1;
    }

    public static TemplateRuntimeException undefinedVariable(String var, String template, int line) {
        return new TemplateRuntimeException("Variable \"" + var + "\" does not exist.", template, line);
    }

    public static TemplateRuntimeException unknown(String kind, String name, String template, int line) {
        return new TemplateRuntimeException("Unknown \"" + name + "\" " + kind + ".", template, line);
    }

    /** Unary minus with the typed fast paths. */
    public static Object negate(Object v, RenderState st) {
        if (v instanceof Long l && l != Long.MIN_VALUE) {
            return st.box(-l);
        }
        if (v instanceof Double d) {
            return st.box(-d);
        }
        if (v instanceof CharSequence cs) {
            // a numeric string (say a number_format's render-private text): read without a String or a new box
            Number n = dev.zweig.php.PhpNumbers.parseLeadingNumeric(cs, st);
            if (n instanceof Long l && l != Long.MIN_VALUE) {
                return st.box(-l);
            }
            if (n instanceof Double d) {
                return st.box(-d);
            }
        }
        return Values.negate(v);
    }

    /** One part of a {@code ~} or an interpolation, appended within the length cap. */
    public static StringBuilder append(StringBuilder sb, Object part) {
        String s = Values.toString(part);
        Values.checkLength((long) sb.length() + s.length());
        return sb.append(s);
    }

    /** Prints a value without escaping; a sandboxed render checks an object's toString first. */
    public static void print(Object v, RenderState st) {
        if (st.policy != null && Access.isObject(v) && !Values.isMarkup(v)) {
            st.policy.checkMethodAllowed(v, "toString");
        }
        Values.write(v, st.out);
    }

    /** A list literal with spreads (PHP 8.1: spreading string keys keeps them, and the result becomes a map). */
    public static Object sequence(Object[] values, boolean[] spread) {
        List<Object> out = new ArrayList<>(values.length);
        Map<Object, Object> keyed = null;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (spread[i]) {
                Map<Object, Object> m = Values.toMap(unpacked(v));
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                    if (!(e.getKey() instanceof Long) && keyed == null) {
                        keyed = new LinkedHashMap<>();
                        for (int k = 0; k < out.size(); k++) {
                            keyed.put((long) k, out.get(k));
                        }
                    }
                    if (keyed != null) {
                        keyed.put(e.getKey() instanceof Long ? (Object) nextIndex(keyed) : e.getKey(), e.getValue());
                    } else {
                        out.add(e.getValue());
                    }
                }
            } else if (keyed != null) {
                keyed.put(nextIndex(keyed), v);
            } else {
                out.add(v);
            }
        }
        return keyed != null ? keyed : out;
    }

    /**
     * The array a list literal {@code [...acc, x, y]} builds where its result is the next carry of the reduce
     * whose carry acc is (see CallSite#inPlace), its other items then appended by the caller: acc itself when it is
     * the pooled array this accumulation built (nothing else holds it, and its integer keys are already
     * renumbered), else a pooled array of the render's scratch storage holding acc spread as PHP spreads it
     * (integer keys renumbered, string keys kept), stamped for the next step.
     */
    public static PhpArray accumulation(Object acc, byte kind, Frame f, RenderState st) {
        long stamp = inPlaceStamp(kind, f, st);
        if (acc instanceof PhpArray a && a.isPooled() && stamp != 0 && a.owner() == stamp) {
            return a;
        }
        PhpArray out = st.scratchArray(acc instanceof Map<?, ?> m ? m.size() + 4
                : acc instanceof java.util.Collection<?> c ? c.size() + 4 : 8);
        int temps = st.tempTop;
        PhpArrays.appendMerged(out, PhpArrays.indexed(st, unpacked(acc)));
        st.tempTop = temps;
        return out.isPooled() ? out.owner(stamp) : out;
    }

    /**
     * {@code ...v} in a list or hash literal built in scratch storage (see {@link #sequence}, {@link #mapping}): v's
     * pairs appended, integer keys renumbered after the largest integer key so far (PHP's next free key, see
     * PhpArray#add) and string keys kept (a later one overwriting an earlier one in place); anything else fails (see
     * unpacked).
     */
    public static void spreadList(PhpArray out, Object v, RenderState st) {
        int temps = st.tempTop;
        Object in = PhpArrays.indexed(st, unpacked(v));
        for (int i = 0, n = PhpArrays.size(in); i < n; i++) {
            Object k = Values.normalizeKey(PhpArrays.keyAt(in, i), st);
            if (k instanceof Long) {
                out.append(PhpArrays.valueAt(in, i));
            } else {
                out.put(k, PhpArrays.valueAt(in, i));
            }
        }
        st.tempTop = temps;
    }

    private static long nextIndex(Map<Object, Object> m) {
        long next = 0;
        for (Object k : m.keySet()) {
            if (k instanceof Long l && l >= next) {
                next = l + 1;
            }
        }
        return next;
    }

    /**
     * A pair of a hash literal without spreads: its key normalised as PHP's array keys are (an integer key's box, a
     * text key's String from the render's caches: see Values#normalizeKey).
     */
    public static void put(Map<Object, Object> m, Object key, Object value, RenderState st) {
        m.put(Values.normalizeKey(key, st), value);
    }

    /** A hash literal: keys[i] null marks a spread of vals[i]; integer keys continue after the largest. */
    public static Object mapping(Object[] keys, boolean[] spread, Object[] vals) {
        Map<Object, Object> out = new LinkedHashMap<>();
        // PHP's next free key: after the largest integer key, even a negative one (as PhpArray#add)
        long next = 0;
        boolean anyInt = false;
        for (int i = 0; i < vals.length; i++) {
            Object v = vals[i];
            if (spread[i]) {
                for (Map.Entry<Object, Object> e : Values.toMap(unpacked(v)).entrySet()) {
                    if (e.getKey() instanceof Long) {
                        anyInt = true;
                        out.put(next++, e.getValue());
                    } else {
                        out.put(e.getKey(), e.getValue());
                    }
                }
                continue;
            }
            Object k = Values.normalizeKey(keys[i]);
            if (k instanceof Long lk && (!anyInt || lk >= next)) {
                next = lk + 1;
                anyInt = true;
            }
            out.put(k, v);
        }
        return out;
    }

    // ---- calls ------------------------------------------------------------------------------------------

    /** A call site of a filter, function or test: what the call needs besides its argument array. */
    /**
     * A call site of a filter, function or test: what the call needs besides its argument array. inPlace (see
     * ScratchAnalysis.Result#inPlace): the call may extend its input in place when it is the pooled array of the
     * accumulation the site belongs to, its frame's variable ({@link #IN_PLACE_VARIABLE}) or the carry of the
     * reduce under way ({@link #IN_PLACE_CARRY}); 0 otherwise.
     */
    public record CallSite(Invocable body, int site, int listSite, boolean intoScratch, byte inPlace,
            String template, int line) {
        public CallSite(Invocable body, int site, int listSite, boolean intoScratch, String template, int line) {
            this(body, site, listSite, intoScratch, (byte) 0, template, line);
        }
    }

    /** A call site whose result replaces the variable it reads (see CallSite#inPlace). */
    public static final byte IN_PLACE_VARIABLE = 1;
    /** A call site whose result is the next carry of the reduce whose carry it reads (see CallSite#inPlace). */
    public static final byte IN_PLACE_CARRY = 2;

    /**
     * A merge call site {@code (c[k] ?? [])|merge(...)} whose result is put back under k in the mapping that the
     * reduce's carry c is merged with (see CallSite#inPlace, ScratchAnalysis): an element of a carry grouped by
     * key, extended in place when it is the array this grouping put under k (see {@link #elementPut}).
     */
    public static final byte IN_PLACE_ELEMENT = 3;
    /**
     * An item that an accumulation {@code v = v|merge([...])} keeps as an element of v (ScratchAnalysis#keptItems):
     * a list or hash literal, or a core merge's result ({@code [r|merge({...})]}), built in the render's element
     * storage (see RenderState#elementArray), valid until the render ends: v holds it from one step to the next
     * while each step gives back the scratch storage its arguments took.
     */
    public static final byte IN_PLACE_ITEM = 4;
    /**
     * The bit that makes a grouping's stamp of its carry's (see PhpArray#owner): carries' stamps are negative and
     * small (RenderState#enterCarry), frames' positive, so a carry's stamp with this bit flipped is neither.
     */
    private static final long ELEMENT_BIT = 1L << 62;

    /** The stamp of the accumulation a site of this kind (see CallSite#inPlace) extends, in frame f. */
    public static long inPlaceStamp(byte kind, Frame f, RenderState st) {
        return kind == IN_PLACE_VARIABLE ? f.stamp : kind == IN_PLACE_CARRY ? st.carryStamp
                : kind == IN_PLACE_ELEMENT && st.carryStamp != 0 ? st.carryStamp ^ ELEMENT_BIT : 0;
    }

    /**
     * A pair {@code k: v} of the mapping a grouping carry is merged with, v the result of its element's merge
     * ({@link #IN_PLACE_ELEMENT}): when that merge extended the carry's element in place, it must be put back
     * under the key it was read from, a String (a merge keeps string keys in place and renumbers integer ones); if
     * k is another key (an expression that gave another value the second time), the appends are taken back and
     * v becomes a copy of its own. v is then the element stored under k (its slot).
     */
    public static void elementPut(Map<Object, Object> m, Object key, Object value, RenderState st) {
        Object k = Values.normalizeKey(key, st);
        if (value instanceof PhpArray x && x.isPooled() && x.pending() >= 0) {
            int before = x.pending();
            x.pending(-1);
            if (!k.equals(x.slot())) {
                PhpArray y = st.elementArray(x.size());
                for (int i = 0, n = x.size(); i < n; i++) {
                    y.add(x.keyAt(i), x.valueAt(i));
                }
                x.truncate(before);
                value = y.isPooled() ? y.owner(x.owner()) : PhpArrays.result(y, null);
            }
        }
        if (value instanceof PhpArray v && v.isPooled()) {
            v.slot(k instanceof String ? k : null);
        }
        m.put(k, value);
    }

    /** A list or hash literal kept as an accumulation's element ({@link #IN_PLACE_ITEM}): its empty array. */
    public static PhpArray keptArray(RenderState st, int capacity) {
        return st.elementArray(capacity);
    }

    /**
     * A kept item once built ({@link #keptArray}): itself, or when the element storage was exhausted (a fresh
     * array) a copy in the model's shape, owned by whoever gets it.
     */
    public static Object keptItem(Object built) {
        return built instanceof PhpArray a && !a.isPooled() ? PhpArrays.result(a, null) : built;
    }

    /** Points the call context at this call (the frame, line and template a core callable may ask for). */
    public static void at(RenderState st, Frame f, String template, int line) {
        st.frame = f;
        st.line = line;
        st.templateName = template;
    }

    /**
     * The method of this class compiled code calls for a core test of a value alone (no arguments), or null: the
     * same rules as the test's definition in CoreTests, without the call through an argument array.
     */
    public static String valueTest(String test) {
        return switch (test) {
            case "empty" -> "testEmpty";
            case "iterable" -> "testIterable";
            case "sequence" -> "testSequence";
            case "mapping" -> "testMapping";
            default -> null;
        };
    }

    public static boolean testEmpty(Object v, String template, int line) {
        try {
            return Values.isEmpty(v);
        } catch (RuntimeException e) {
            throw callError(e, template, line); // a user's Iterable, Countable or toString failing
        }
    }

    public static boolean testIterable(Object v, String template, int line) {
        return PhpArrays.isIterable(v);
    }

    public static boolean testSequence(Object v, String template, int line) {
        try {
            return dev.zweig.core.CoreTests.isSequence(v);
        } catch (RuntimeException e) {
            throw callError(e, template, line);
        }
    }

    public static boolean testMapping(Object v, String template, int line) {
        try {
            return dev.zweig.core.CoreTests.isMapping(v);
        } catch (RuntimeException e) {
            throw callError(e, template, line);
        }
    }

    /** Calls a filter, function or test with its arguments (already in a, taken from the site). */
    public static Object invoke(CallSite c, Object[] a, Frame f, RenderState st) {
        at(st, f, c.template, c.line);
        Object[] call = st.scratchCall;
        int temps = st.tempTop;
        if (c.intoScratch) {
            st.scratchCall = a;
        }
        Object[] inPlace = st.inPlaceCall;
        long stamp = st.inPlaceStamp;
        boolean element = st.inPlaceElement;
        if (c.inPlace != 0) {
            st.inPlaceCall = a;
            st.inPlaceStamp = inPlaceStamp(c.inPlace, f, st);
            // (a kept item's merge builds its result in element storage as a grouping's does, owned by nothing)
            st.inPlaceElement = c.inPlace == IN_PLACE_ELEMENT || c.inPlace == IN_PLACE_ITEM;
        }
        try {
            // a user's callable gets a context that refuses once its render is over (see CallContext), and values
            // of its own
            return c.site < 0 ? c.body.invoke(st.userContext(), ownArgs(a)) : c.body.invoke(st, a);
        } catch (Exception e) {
            throw callError(e, c.template, c.line);
        } finally {
            st.scratchCall = call;
            st.inPlaceCall = inPlace;
            st.inPlaceStamp = stamp;
            st.inPlaceElement = element;
            st.endCall(c.site, c.listSite, a, temps);
        }
    }

    /**
     * A call that may extend its input in place (see CallSite#inPlace), its arguments evaluated after the arena
     * stood at mark: when it did extend its input (returned a[0], an array taken before mark), whatever scratch
     * storage the arguments took is dead (their elements are copied into the input) and is given back at once, so
     * that a loop or a reduce of any length runs in the same few arrays.
     */
    public static Object invokeInPlace(CallSite c, Object[] a, Frame f, RenderState st, long mark) {
        Object in = a[0];
        Object r = invoke(c, a, f, st);
        if (r == in && r instanceof PhpArray) {
            st.release(mark);
        }
        return r;
    }

    /**
     * The arguments of a user's callable as it may hold them (see HandOver): collections as read-only views, a
     * render-private text (which the compiler never lets through; a second line of defence) as a String or Markup
     * of its own.
     */
    private static Object[] ownArgs(Object[] a) {
        return dev.zweig.runtime.HandOver.arguments(a);
    }

    public static RuntimeException callError(Exception e, String template, int line) {
        if (e instanceof dev.zweig.TemplateException te) {
            return te.locate(template, line);
        }
        if (e instanceof RuntimeException re) {
            return Engine.wrap(re, template, line);
        }
        return new TemplateRuntimeException("An exception has been thrown during the rendering of a template "
                + "(\"" + e.getMessage() + "\").", template, line, 0, e);
    }

    /** A variadic callable's extra arguments: a list, or a map when some are named (positional ones first). */
    public static Object varargs(Object[] positional, String[] names, Object[] named) {
        if (names.length == 0) {
            List<Object> l = new ArrayList<>(positional.length);
            java.util.Collections.addAll(l, positional);
            return l;
        }
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < positional.length; i++) {
            m.put((long) i, positional[i]);
        }
        for (int i = 0; i < names.length; i++) {
            m.put(names[i], named[i]);
        }
        return m;
    }

    /** A printed filter with a streaming form (see ClosureCompiler#filterWriter). */
    public static void filterWrite(CallSite c, dev.zweig.ext.FilterDefinition d, String strategy, Object[] a, Frame f,
            RenderState st) {
        at(st, f, c.template, c.line);
        CallContext ctx = c.site < 0 ? st.userContext() : st;
        if (c.site < 0) {
            ownArgs(a);
        }
        int temps = st.tempTop;
        try {
            if (strategy == null) {
                write(d.writer(), ctx, a, st.out, c.site);
            } else if (a[0] instanceof SafeText && keepsSafe(d, a)) {
                // the result is safe (trimmed safe text): written as it is, through a buffer the print frees
                int texts = st.textTop;
                ScratchText safe = st.pushText();
                write(d.writer(), ctx, a, safe, c.site);
                st.out.write(safe, 0, safe.length());
                st.textTop = texts;
            } else if (a[0] instanceof Markup) {
                printEscaped(d.body().invoke(ctx, a), strategy, strategy.equals("html"), false, st);
            } else {
                Output target = st.pushEscaper(strategy, st.out);
                try {
                    write(d.writer(), ctx, a, target, c.site);
                } finally {
                    st.popEscaper();
                }
            }
        } catch (Exception e) {
            throw callError(e, c.template, c.line);
        } finally {
            st.endCall(c.site, c.listSite, a, temps);
        }
    }

    /**
     * Whether a filter may hand back safe text for a safe input (trim without a mask: Markup stays Markup), so that
     * its result must be known before escaping; any other core filter gives plain text for the render's own safe
     * text, streamed through the escaper.
     */
    private static boolean keepsSafe(dev.zweig.ext.FilterDefinition d, Object[] a) {
        return "trim".equals(d.name()) && a.length > 1 && a[1] == null;
    }

    /** Prints a value under autoescaping: strings escaped, Markup as is (unless part of a larger string). */
    public static void printEscaped(Object v, String strategy, boolean html, boolean inConcat, RenderState st) {
        printEscaped(v, strategy, html, inConcat, st.policy, st.out);
    }

    /** {@link #printEscaped(Object, String, boolean, boolean, RenderState)} under policy (null: none) into out. */
    public static void printEscaped(Object v, String strategy, boolean html, boolean inConcat,
            dev.zweig.sandbox.SecurityPolicy policy, Output out) {
        if (v instanceof String || v instanceof ScratchText || (inConcat && v instanceof SafeText)) {
            CharSequence s = (CharSequence) v; // (safe text inside a larger string: read in place, escaped)
            if (html) {
                Escapers.html(s, out);
            } else {
                Escapers.escape(strategy, s, out);
            }
        } else if (v == null || v instanceof Number || v instanceof Boolean
                || (Values.isMarkup(v) && !inConcat) || Values.isIterable(v)) {
            Values.write(v, out);
        } else {
            if (policy != null) {
                policy.checkMethodAllowed(v, "toString");
            }
            Escapers.escape(strategy, Values.toString(v), out);
        }
    }

    /** Calls a filter's writer: a user's (site -1) gets the sink lent for this call only (see LentOutput). */
    static void write(dev.zweig.ext.FilterWriter w, CallContext ctx, Object[] a, Output out, int site)
            throws Exception {
        if (site >= 0) {
            w.write(ctx, a, out);
            return;
        }
        LentOutput lent = new LentOutput(out);
        try {
            w.write(ctx, a, lent);
        } finally {
            lent.end();
        }
    }

    // ---- loops --------------------------------------------------------------------------------------------

    /** Marks a counted loop (for i in a..b over integers): no list behind it. */
    public static final Object COUNTING = new Object();

    /**
     * What a for loop walks by position: a PhpArray or a random-access List, or null when there is nothing to walk
     * (PHP iterates a copy of a map: its pairs in a temporary the caller gives back with st.tempTop).
     */
    public static Object loopSource(Object s, RenderState st) {
        s = Attributes.unwrap(s);
        if (s instanceof PhpArray arr) {
            return arr.size() == 0 ? null : arr;
        }
        if (s instanceof Map<?, ?> m) {
            return m.isEmpty() ? null : st.temp().addEntries(m);
        }
        if (s instanceof List<?> l && l instanceof java.util.RandomAccess) {
            return l.isEmpty() ? null : l;
        }
        if (s instanceof Iterable<?> || s instanceof Object[] || (s != null && s.getClass().isArray())
                || dev.zweig.php.Traversables.isOnce(s)) {
            PhpArray t = loopCopy(s, st);
            return t.size() == 0 ? null : t;
        }
        return null;
    }

    /**
     * The values of a Java array or of a collection without random access (a Set, a LinkedList, any Iterable), in
     * order, in a temporary of the render that the caller gives back with st.tempTop (as a map's pairs): walked by
     * position with no list of their own. Primitive numbers are boxed through the render's caches (an int[] holds
     * PHP ints, read as Longs).
     */
    public static PhpArray loopCopy(Object s, RenderState st) {
        return dev.zweig.php.PhpArrays.appendValues(st.temp(), s, st);
    }

    public static int loopSize(Object src, long count) {
        if (src == COUNTING) {
            return (int) count;
        }
        return src instanceof PhpArray a ? a.size() : ((List<?>) src).size();
    }

    /** An arrow function that may reach user code: a new object over a copy of its scope (see ClosureCompiler#arrow). */
    public static Object arrow(int[] slots, Eval body, Frame f, RenderState st, String template, int line) {
        return new ArrowFn(slots, body, Snapshots.detach(f), st, template, line);
    }

    public static Object loopKey(Object src, int i, RenderState st) {
        return src instanceof PhpArray a ? a.keyAt(i) : st.box((long) i);
    }

    public static Object loopValue(Object src, int i, long from, long step, RenderState st) {
        if (src == COUNTING) {
            return st.box(from + i * step);
        }
        return src instanceof PhpArray a ? a.valueAt(i) : ((List<?>) src).get(i);
    }

    /** For a counted loop: whether a..b are integers close enough to count rather than build the list. */
    public static boolean countable(Object a, Object b, RenderState st) {
        return a instanceof Long x && b instanceof Long y && Math.abs(y - x) < st.rangeLimit()
                && Math.abs(y - x) < Integer.MAX_VALUE - 8;
    }

    /** Which of the names a loop body creates were defined before the loop (bit k: created[k]; up to 64). */
    public static long definedMask(Frame f, int[] created) {
        long mask = 0;
        for (int k = 0; k < created.length && k < 64; k++) {
            if (f.defined(created[k])) {
                mask |= 1L << k;
            }
        }
        return mask;
    }

    public static boolean[] definedMany(Frame f, int[] created) {
        boolean[] was = new boolean[created.length];
        for (int k = 0; k < created.length; k++) {
            was[k] = f.defined(created[k]);
        }
        return was;
    }

    /** Variables a loop body created disappear after the loop (Twig restores the context). */
    public static void undefineCreated(Frame f, int[] created, long mask, boolean[] many) {
        for (int k = 0; k < created.length; k++) {
            boolean was = many != null ? many[k] : (mask & (1L << k)) != 0;
            if (!was) {
                f.set(created[k], Frame.UNDEFINED);
            }
        }
    }

    /**
     * Whether a variable of that name may hold an engine-private object a loop put there (the loop itself, its
     * copy of the scope, its stand-ins for _seq, _key, _iterated): read by name, it leaves as a snapshot.
     */
    public static boolean holdsLoopState(String name) {
        return switch (name) {
            case "loop", "_parent", "_seq", "_key", "_iterated" -> true;
            default -> false;
        };
    }

    /** The slots a for loop sets and unsets when it ends (see {@link #endLoop}); -1: a name it does not set. */
    public static int[] loopNames(int seq, int key, int value, int parent, int iterated, int loop) {
        return java.util.stream.IntStream.of(seq, key, value, parent, iterated, loop).filter(i -> i >= 0).distinct()
                .toArray();
    }

    /**
     * The end of a for loop, as Twig's compiled loop ends: {@code unset} of what the loop set ({@code _seq}, its
     * key variable or {@code _key}, its value variable, {@code _parent}, {@code _iterated}, {@code loop}: the
     * slots in {@code used}), then {@code $context = array_intersect_key($context, $_parent) + $_parent}: of
     * those names, the ones the scope had before the loop (in parent, its copy then) come back with their values
     * of then, at the end of the context, in the order they had.
     */
    public static void endLoop(Frame f, Frame parent, int[] used) {
        long back = 0;
        long places = 0; // where each of them is in the parent's listing (see Snapshots#place), 4 bits apiece
        for (int k = 0; k < used.length; k++) {
            if (parent.probe(used[k]) == Frame.UNDEFINED) { // (most are: _seq, _parent, loop...)
                f.set(used[k], Frame.UNDEFINED);
            } else {
                back |= 1L << k;
                places |= (long) Snapshots.place(parent, used[k]) << (4 * k);
            }
        }
        while (back != 0) {
            // the first of them in the parent's order (six at most: picked one by one, nothing allocated)
            int first = -1;
            for (int k = 0; k < used.length; k++) {
                if ((back & (1L << k)) != 0 && (first < 0 || Snapshots.before(parent, (int) (places >>> (4 * k)) & 15,
                        used[k], (int) (places >>> (4 * first)) & 15, used[first]))) {
                    first = k;
                }
            }
            back &= ~(1L << first);
            f.set(used[first], parent.get(used[first]));
            f.move(used[first]);
        }
    }

    // ---- literals ---------------------------------------------------------------------------------------------

    /** What {@link #constant} returns for a literal that is not made of constants only. */
    public static final Object NOT_CONSTANT = new Object();

    /**
     * A list or hash literal made only of literals and such literals ({@code [1, [2, 3], {a: 'b'}]}), built once
     * and frozen all the way down (nothing a template or user code does can change it), or NOT_CONSTANT.
     */
    public static Object constant(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Sequence s) {
            List<Object> items = new ArrayList<>();
            for (Expr.Item it : s.items()) {
                Object v = it.spread() || it.value() == null ? NOT_CONSTANT : constant(it.value());
                if (v == NOT_CONSTANT) {
                    return NOT_CONSTANT;
                }
                items.add(v);
            }
            return java.util.Collections.unmodifiableList(items);
        }
        if (e instanceof Expr.Mapping m) {
            Map<Object, Object> pairs = new LinkedHashMap<>();
            for (Expr.Pair p : m.pairs()) {
                Object v = p.key() instanceof Expr.Literal k ? constant(p.value()) : NOT_CONSTANT;
                if (v == NOT_CONSTANT) {
                    return NOT_CONSTANT;
                }
                pairs.put(Values.normalizeKey(((Expr.Literal) p.key()).value()), v);
            }
            return java.util.Collections.unmodifiableMap(pairs);
        }
        return NOT_CONSTANT;
    }

    // ---- captures, blocks, assignments ----------------------------------------------------------------------

    /**
     * Destructuring assignment: pattern is an Integer slot, or an Object[] of {keys (null for a list pattern),
     * sub-patterns}.
     */
    public static void assign(Frame f, RenderState st, Object pattern, Object v, String template) {
        if (pattern instanceof Integer slot) {
            f.set(slot, v);
            return;
        }
        Object[] p = (Object[]) pattern;
        Object[] keys = (Object[]) p[0];
        Object[] parts = (Object[]) p[1];
        if (keys == null) {
            List<Object> l = Values.toList(v);
            for (int i = 0; i < parts.length; i++) {
                if (parts[i] != null) {
                    assign(f, st, parts[i], i < l.size() ? l.get(i) : null, template);
                }
            }
            return;
        }
        for (int i = 0; i < parts.length; i++) {
            Object r = Access.get(v, keys[i], null, Expr.AccessType.ANY, true, false, template, 0, st, null);
            assign(f, st, parts[i], r == Frame.UNDEFINED ? null : r, template);
        }
    }
    // ---- includes and macros (moved from the interpreter; both executors call them) ----------------------


    /**
     * Pushes the frame for an included template: the context (unless only) plus the given variables. The caller
     * pops it (st.popFrame()) when done.
     */
    public static Frame childFrame(CompiledTemplate t, Frame f, RenderState st, Object vars, boolean only, String what, int line) {
        return childFrame(t, f, st, vars, only, false, what, line);
    }

    /**
     * childFrame; lead: the variables go before the context (a with's: {@code $vars + $context}), else after it
     * (an include's: {@code array_merge($context, $vars)}).
     */
    private static Frame childFrame(CompiledTemplate t, Frame f, RenderState st, Object vars, boolean only,
            boolean lead, String what, int line) {
        if (vars != null) {
            vars = Attributes.unwrap(vars);
            if (!(vars instanceof Map<?, ?>)) {
                if (!PhpArrays.isIterable(vars)) {
                    throw new TemplateRuntimeException("Variables passed to the \"" + what
                            + "\" must be a mapping.", t.name, line);
                }
                // a sequence is iterable too (Twig merges it as an array: its keys 0, 1, ...)
                vars = PhpArrays.appendValues(new PhpArray(), vars, null);
            }
        }
        if (only) {
            // the variables are the whole scope, read by name like a render context
            return st.pushRoot(vars instanceof Map<?, ?> vm && !vm.isEmpty() ? castNames(vm) : null);
        }
        Frame child = st.pushCopy(f);
        if (vars instanceof Map<?, ?> m && !m.isEmpty()) {
            // names templates use go to their slots; the others stay in the map, read by name if a template
            // compiled later asks for them (the keys of a caller's map never become slots)
            Symbols symbols = t.engine.symbols();
            boolean unknown = false;
            int front = lead ? child.lead(m.size()) : 0;
            if (m instanceof PhpArray arr) {
                for (int i = 0, n = arr.size(); i < n; i++) {
                    int slot = symbols.find(Values.toString(arr.keyAt(i)));
                    if (slot >= 0) {
                        child.set(slot, arr.valueAt(i));
                        if (lead) {
                            child.lead(slot, front + i);
                        }
                    } else {
                        unknown = true;
                    }
                }
            } else {
                // forEach walks a map (a constant literal, a caller's LinkedHashMap) without an iterator; the binder
                // is the render's own, taken while in use (a key's toString could run a nested render's code), and
                // binds only during this call on this thread (a map's forEach may keep it)
                SlotBinder b = st.slotBinder instanceof SlotBinder own ? own : new SlotBinder();
                st.slotBinder = null;
                b.child = child;
                b.symbols = symbols;
                b.unknown = false;
                b.lead = lead;
                b.front = front;
                b.binding = Thread.currentThread();
                try {
                    m.forEach(b);
                    unknown = b.unknown;
                } finally {
                    b.binding = null;
                    b.child = null;
                    b.symbols = null;
                    st.slotBinder = b;
                }
            }
            if (unknown) {
                child.addExtra(m, lead);
            }
        }
        return child;
    }


    /** Sets a child frame's slots from a map's pairs (see childFrame); one per render state, reused. */
    private static final class SlotBinder implements java.util.function.BiConsumer<Object, Object> {
        Frame child;
        Symbols symbols;
        boolean unknown;
        /** Whether the names go before the context (a with), from the stamp front on, one up per pair. */
        boolean lead;
        int front;
        /**
         * The thread binding, null between binds: a map's forEach (an application's code when the map is) may keep
         * the binder and call it later, from anywhere, when it binds another render's include.
         */
        Thread binding;

        @Override
        public void accept(Object key, Object value) {
            Thread t = binding;
            if (t != Thread.currentThread()) {
                throw new IllegalStateException("A map's forEach may use the action it is given only during the "
                        + "call, on the calling thread");
            }
            binding = null; // a key's toString (an application's code) calling it again is refused too
            try {
                int slot = symbols.find(Values.toString(key));
                if (slot >= 0) {
                    child.set(slot, value);
                    if (lead) {
                        child.lead(slot, front);
                    }
                } else {
                    unknown = true;
                }
                front++;
            } finally {
                binding = t;
            }
        }
    }

    /**
     * An include's or a with's variables: a render-private text (built for this tag, see ScratchAnalysis) stays one
     * only under a name the included template (the with's own) reads as text alone; under any other it becomes a
     * String (an equal one of the render's recent values when it is short: steady state makes none), which the
     * template may hand on or keep.
     */
    public static Object ownTexts(Object vars, CompiledTemplate t, RenderState st) {
        if (vars instanceof PhpArray arr) {
            for (int i = 0, n = arr.size(); i < n; i++) {
                Object v = arr.valueAt(i);
                if ((v instanceof ScratchText || v instanceof SafeText) && !t.textOnlyNames.contains(arr.keyAt(i))) {
                    // a text: the equal String of the render's recent values (immutable, so t may keep it)
                    arr.put(arr.keyAt(i), v instanceof ScratchText s ? st.string(s, 0, s.length()) : owned(v));
                }
            }
        }
        return vars;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> castNames(Map<?, ?> m) {
        return (Map<String, ?>) m;
    }


    public static void renderIncluded(CompiledTemplate t, CompiledTemplate target, Frame child, RenderState st, int line) {
        child.ownCollections(target); // what target may keep of the including scope's collections is its own
        var saved = st.blocks;
        st.enter("include", t.name, line);
        try {
            target.display(child, st, null);
        } finally {
            st.leave();
            st.blocks = saved;
        }
    }


    public static TemplateRuntimeException positionalAfterNamed(String name, int line) {
        return new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\"Cannot "
                + "use positional argument after named argument during unpacking\").", name, line);
    }


    /**
     * The parameter a named macro argument binds, as Twig 3.29's TwigMacro binds named arguments: by the exact
     * parameter name, no case or underscore folding (that is for filters, functions and tests), a parameter with
     * a reserved name ("blocks", "context", ...) included (3.15 renamed those in the macro's PHP method, out of
     * reach of named arguments); -1 when none (the value then goes into varargs under its name).
     */
    public static int macroParam(CompiledTemplate.MacroImpl m, String argName) {
        String[] names = m.paramNames();
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(argName)) {
                return i;
            }
        }
        return -1;
    }


    /** PHP's error for a named argument naming a parameter a positional argument already filled. */
    public static TemplateRuntimeException overwritten(String name, String argName, int line) {
        return new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\"Named "
                + "parameter $" + argName + " overwrites previous argument\").", name, line);
    }


    public static CompiledTemplate.MacroImpl findMacro(String name, Object holder, String holderName, String macroName, Frame f,
            RenderState st, int line) {
        if (!(holder instanceof CompiledTemplate ct)) {
            if (holder == Frame.UNDEFINED) {
                throw new TemplateRuntimeException("Variable \"" + holderName + "\" does not exist.", name, line);
            }
            throw new TemplateRuntimeException("Macro \"" + macroName + "\" is not defined.", name, line);
        }
        CompiledTemplate.MacroImpl m = ct.macro(macroName, f, st);
        if (m == null) {
            throw new TemplateRuntimeException("Macro \"" + macroName + "\" is not defined in template \"" + ct.name
                    + "\".", name, line);
        }
        return m;
    }


    /**
     * A macro's varargs: the positional arguments beyond its parameters, and, as PHP collects them into the
     * variadic parameter, the named ones no parameter has (a mapping then, positional ones under 0, 1, ...).
     */
    public static Object macroVarargs(List<Object> extra, Map<Object, Object> namedExtra) {
        if (namedExtra == null) {
            return extra;
        }
        Map<Object, Object> all = new LinkedHashMap<>();
        for (int i = 0; i < extra.size(); i++) {
            all.put((long) i, extra.get(i));
        }
        all.putAll(namedExtra);
        return all;
    }


    public static Object callMacro(String name, CompiledTemplate.MacroImpl m, List<Object> positional, Map<String, Object> named,
            RenderState st, int line) {
        CompiledTemplate owner = m.owner();
        st.enter("macro", name, line);
        Frame mf = st.pushGlobals();
        mf.macroArguments(m.paramSlots(), m.varargsSlot());
        Output prev = null;
        boolean capturing = false;
        String r = null;
        try {
            if (owner.templateImports != null) {
                owner.templateImports.exec(mf, st);
            }
            int np = m.paramSlots().length;
            boolean[] given = new boolean[np];
            List<Object> extra = new ArrayList<>();
            for (int i = 0; i < positional.size(); i++) {
                if (i < np) {
                    mf.set(m.paramSlots()[i], boundArgument(m, i, positional.get(i), st));
                    given[i] = true;
                } else {
                    extra.add(boundArgument(m, -1, positional.get(i), st));
                }
            }
            Map<Object, Object> namedExtra = null;
            if (named != null) {
                for (Map.Entry<String, Object> e : named.entrySet()) {
                    int idx = macroParam(m, e.getKey());
                    if (idx >= 0 && idx < positional.size()) {
                        throw overwritten(name, e.getKey(), line);
                    }
                    if (idx >= 0) {
                        mf.set(m.paramSlots()[idx], boundArgument(m, idx, e.getValue(), st));
                        given[idx] = true;
                    } else {
                        if (namedExtra == null) {
                            namedExtra = new LinkedHashMap<>();
                        }
                        namedExtra.put(e.getKey(), boundArgument(m, -1, e.getValue(), st));
                    }
                }
            }
            for (int i = 0; i < np; i++) {
                if (!given[i]) {
                    mf.set(m.paramSlots()[i], m.defaults()[i] == null ? null : m.defaults()[i].eval(mf, st));
                }
            }
            mf.set(m.varargsSlot(), macroVarargs(extra, namedExtra));
            prev = st.beginCapture();
            capturing = true;
            m.body().exec(mf, st);
        } finally {
            if (capturing) {
                // also when the body fails: whoever catches the failure writes to the output, not this buffer
                r = st.endCapture(prev);
            }
            st.leave();
            st.popFrame();
        }
        return r.isEmpty() ? "" : new Markup(r);
    }

    /**
     * A value as macro m's parameter param gets it (-1: one of its varargs): a caller's render-private value (a
     * pooled collection of the render's scratch storage, a text, a date) stays what it is only where the macro's
     * body just reads it (see MacroImpl#paramUse, MacroImpl#argument); anywhere else it becomes the macro's own copy
     * (a fresh collection, String, Markup or ZonedDateTime), which the body may keep or hand to user code.
     */
    static Object boundArgument(CompiledTemplate.MacroImpl m, int param, Object v, RenderState st) {
        v = m.argument(param, v);
        return bound(param < 0 ? CompiledTemplate.MacroImpl.KEPT : m.paramUse()[param], v, st);
    }

    /**
     * A value bound where a macro's body reads it as use says (see boundArgument): a render-private text made a
     * String comes from the render's cache of recent values (immutable: the body may keep it).
     */
    private static Object bound(byte use, Object v, RenderState st) {
        if (PhpArrays.isPrivate(v)) {
            PhpArray a = (PhpArray) v;
            // consumed, its elements handed on: its render-private texts made Strings in place, unless it holds
            // pooled arrays (then a copy of its own)
            return use == CompiledTemplate.MacroImpl.READ
                    || use == CompiledTemplate.MacroImpl.CONSUMED && PhpArrays.ownTexts(a, st) ? a : PhpArrays.owned(a);
        }
        if (v instanceof ScratchText t) {
            return use == CompiledTemplate.MacroImpl.READ || use == CompiledTemplate.MacroImpl.TEXT ? v
                    : st.string(t, 0, t.length());
        }
        if (v instanceof SafeText) {
            return use == CompiledTemplate.MacroImpl.READ || use == CompiledTemplate.MacroImpl.TEXT ? v : owned(v);
        }
        return v;
    }

    /**
     * How macro m's body reads its varargs (see MacroImpl#paramUse, which lists it after the parameters), or KEPT:
     * a body that only reads them on the spot (READ, CONSUMED) gets them in a pooled array of the render's scratch
     * storage, given back when the call ends (a macro call is a release point); each value bound as an element of
     * such a list: as it is where the body reads them on the spot, else as a value it may keep.
     */
    private static byte varargsUse(CompiledTemplate.MacroImpl m) {
        byte[] use = m.paramUse();
        int np = m.paramSlots().length;
        return use != null && use.length > np ? use[np] : CompiledTemplate.MacroImpl.KEPT;
    }

    /**
     * A macro call's evaluated arguments (names[i] null: positional; spread[i]: expanded in place) bound as PHP
     * binds them to the macro's method, then the call: its output captured as markup.
     */
    public static Object macroCall(String name, CompiledTemplate.MacroImpl m, Object[] values, String[] names,
            boolean[] spread, boolean unpackable, RenderState st, int line) {
        List<Object> positional = new ArrayList<>();
        Map<String, Object> named = null;
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (spread[i]) {
                positional.addAll(Values.toList(unpacked(v)));
            } else if (names[i] != null) {
                if (named == null) {
                    named = new LinkedHashMap<>();
                }
                named.put(names[i], v);
            } else {
                positional.add(v);
            }
        }
        if (!unpackable) {
            throw positionalAfterNamed(name, line);
        }
        return callMacro(name, m, positional, named, st, line);
    }

    /**
     * A printed macro call with positional or named arguments and no spread: binds the values straight into the
     * macro's frame and runs its body into the current output (its result would be printed unescaped anyway),
     * building no list, no captured String and no Markup.
     */
    public static void macroInPlace(String name, CompiledTemplate.MacroImpl m, Object[] values, int count,
            String[] argNames, RenderState st, int line) {
        int np = m.paramSlots().length;
        st.enter("macro", name, line);
        Frame mf = st.pushGlobals();
        mf.macroArguments(m.paramSlots(), m.varargsSlot());
        try {
            List<Object> extra = List.of();
            Map<Object, Object> namedExtra = null;
            byte varargsUse = varargsUse(m);
            boolean scratchVarargs = varargsUse == CompiledTemplate.MacroImpl.READ
                    || varargsUse == CompiledTemplate.MacroImpl.CONSUMED;
            boolean varargsRead = varargsUse == CompiledTemplate.MacroImpl.READ;
            PhpArray scratchExtra = null;
            Object varargs = null;
            long given = 0; // parameters bound so far (bit i: parameter i), for the defaults
            boolean[] givenPast64 = np > 64 ? new boolean[np] : null; // a macro of more parameters (rare)
            int positional = 0;
            String overwrites = null; // PHP fails the call once every argument is evaluated
            for (int i = 0; i < count; i++) {
                Object v = values[i];
                int idx;
                if (argNames[i] == null) {
                    idx = positional++;
                } else {
                    idx = macroParam(m, argNames[i]);
                    if (idx >= 0 && idx < positional) {
                        overwrites = overwrites == null ? argNames[i] : overwrites;
                        continue;
                    }
                    if (idx < 0) {
                        if (namedExtra == null) {
                            namedExtra = new LinkedHashMap<>();
                        }
                        namedExtra.put(argNames[i], boundArgument(m, -1, v, st));
                        continue;
                    }
                }
                if (idx < np) {
                    mf.set(m.paramSlots()[idx], boundArgument(m, idx, v, st));
                    if (idx < 64) {
                        given |= 1L << idx;
                    } else {
                        givenPast64[idx] = true;
                    }
                } else if (scratchVarargs) {
                    if (scratchExtra == null) {
                        scratchExtra = st.scratchArray(count - i);
                    }
                    scratchExtra.append(bound(varargsRead ? CompiledTemplate.MacroImpl.READ
                            : CompiledTemplate.MacroImpl.KEPT, m.argument(-1, v), st));
                } else {
                    if (extra.isEmpty()) {
                        extra = new ArrayList<>();
                    }
                    extra.add(boundArgument(m, -1, v, st));
                }
            }
            if (overwrites != null) {
                throw overwritten(name, overwrites, line);
            }
            if (scratchExtra != null) {
                if (namedExtra == null) {
                    varargs = scratchExtra;
                } else {
                    extra = new ArrayList<>(scratchExtra.values());
                }
            }
            CompiledTemplate owner = m.owner();
            if (owner.templateImports != null) {
                owner.templateImports.exec(mf, st);
            }
            for (int i = 0; i < np; i++) {
                if (i >= 64 ? givenPast64[i] : (given & (1L << i)) != 0) {
                    continue;
                }
                mf.set(m.paramSlots()[i], m.defaults()[i] == null ? null : m.defaults()[i].eval(mf, st));
            }
            mf.set(m.varargsSlot(), varargs != null ? varargs : macroVarargs(extra, namedExtra));
            m.body().exec(mf, st);
        } finally {
            st.leave();
            st.popFrame();
        }
    }

    /**
     * A macro call as a value, its arguments bound as {@link #macroInPlace} binds them (no list, no flags): its
     * output captured as markup, "" when empty.
     */
    public static Object macroValue(String name, CompiledTemplate.MacroImpl m, Object[] values, int count,
            String[] argNames, RenderState st, int line) {
        Output prev = st.beginCapture();
        String r;
        try {
            macroInPlace(name, m, values, count, argNames, st, line);
        } finally {
            // also when the body fails: whoever catches the failure writes to the output, not this buffer
            r = st.endCapture(prev);
        }
        return r.isEmpty() ? "" : new Markup(r);
    }

    /**
     * {@link #macroValue} where only the core reads the output as text (see ScratchAnalysis): the output in a
     * render-private buffer taken from the text stack, as safe text (kept taken: the reader frees it), or "".
     */
    public static Object macroText(String name, CompiledTemplate.MacroImpl m, Object[] values, int count,
            String[] argNames, RenderState st, int line) {
        int texts = st.textTop;
        ScratchText into = st.pushText();
        Output prev = st.beginCapture();
        Object r;
        try {
            macroInPlace(name, m, values, count, argNames, st, line);
        } finally {
            r = st.endCaptureSafe(prev, into);
        }
        st.textTop = r instanceof SafeText ? texts + 1 : texts;
        return r;
    }

    /**
     * Ends a capture whose variable only the core reads as text (see ScratchAnalysis): its output kept in the
     * scope's own buffer for the variable, as safe text, or "".
     */
    public static Object keepCapture(Output prev, Frame f, int slot, RenderState st) {
        return st.endCaptureSafe(prev, f.text(slot));
    }

    public static boolean macroDefined(Object holder, String macro, Frame f, RenderState st) {
        return holder instanceof CompiledTemplate ct && macro != null && ct.macro(macro, f, st) != null;
    }

    /**
     * A call's argument array when some argument is spread: bound by position at run time (input first, then the
     * parameters, missing ones taking their defaults, then a variadic callable's extra arguments as a list).
     */
    public static Object[] spreadArguments(RenderState st, int site, int size, Object input, int off, Object[] positional,
            Object[] defaults, boolean variadic) {
        Object[] a = st.takeArgs(site, size);
        if (off > 0) {
            a[0] = input;
        }
        int n = defaults.length;
        for (int i = 0; i < n; i++) {
            a[i + off] = i < positional.length ? positional[i] : defaults[i];
        }
        if (variadic) {
            List<Object> extra = new ArrayList<>();
            for (int i = n; i < positional.length; i++) {
                extra.add(positional[i]);
            }
            a[n + off] = extra;
        }
        return a;
    }

    /** source(name, ignore_missing). */
    public static Object source(Engine engine, Object name, Object ignoreMissing, RenderState st, String template,
            int line) {
        // a computed name may be render-private text: its String from the render's key cache
        String tn = Values.toString(Engine.templateName(name, st));
        boolean ignore = Values.isTrue(ignoreMissing);
        if (ignore && !engine.exists(tn)) {
            return ""; // as include ... ignore missing: no loader error made for a name that is not there
        }
        try {
            return engine.sourceCode(tn);
        } catch (dev.zweig.TemplateLoaderException e) {
            if (ignore) {
                return "";
            }
            throw e.locate(template, line);
        }
    }

    /**
     * template_from_string(source, name); shared: the template is rendered where it is made and dropped (see
     * Engine#templateFromString).
     */
    public static Object templateFromString(Engine engine, Object source, Object name, boolean shared) {
        return engine.templateFromString(Values.toString(source), name == null ? null : Values.toString(name),
                shared);
    }

    /**
     * include() with its five arguments evaluated:
     * renders the template into the current output; false when it is missing and ignored.
     */
    public static boolean include(CompiledTemplate t, Object template, Object variables, Object withContextV,
            Object ignoreMissing, Object sandboxedV, Frame f, RenderState st, int line) {
        boolean withContext = Values.isTrue(withContextV);
        boolean ignore = Values.isTrue(ignoreMissing);
        boolean sandboxed = Values.isTrue(sandboxedV);
        CompiledTemplate target = t.engine.resolveTemplate(template, st, t.name, line, ignore);
        if (target == null) {
            return false;
        }
        Frame child = childFrame(t, f, st, ownTexts(variables, target, st), !withContext, "include\" function or tag",
                line);
        dev.zweig.sandbox.SecurityPolicy saved = st.policy;
        if (sandboxed) {
            st.sandbox(t.engine.settings().securityPolicy());
        }
        try {
            renderIncluded(t, target, child, st, line);
        } finally {
            st.policy = saved;
            st.popFrame();
        }
        return true;
    }

    /** include() as a value: what it rendered, as markup; "" when nothing was (a missing template ignored). */
    public static Object included(boolean rendered, String r) {
        return rendered ? new Markup(r) : "";
    }

    /** The embed tag once its frame is pushed: the embedded template (its parent may be missing and ignored). */
    public static void embed(CompiledTemplate t, int index, Frame child, RenderState st, boolean ignoreMissing, int line) {
        CompiledTemplate target = t.embedded.get(index);
        if (ignoreMissing) {
            try {
                target.resolveParent(child, st);
            } catch (dev.zweig.TemplateLoaderException e) {
                return;
            }
        }
        renderIncluded(t, target, child, st, line);
    }

    /** The frame of a with tag: its variables (given: the tag has some) must be iterable (Twig: is_iterable). */
    public static Frame withFrame(CompiledTemplate t, Frame f, RenderState st, Object vars, boolean given,
            boolean only, int line) {
        Object v = vars == null ? null : Attributes.unwrap(vars);
        if (given && !PhpArrays.isIterable(v)) {
            throw new TemplateRuntimeException("Variables passed to the \"with\" tag must be a mapping.", t.name,
                    line);
        }
        // a render-private text among its values stays one only under a name t reads as text alone
        // Twig: $context = $vars + $context: the with's variables come first in its context
        return childFrame(t, f, st, ownTexts(v, t, st), only, true, "with\" tag", line);
    }

    /** block(name) or block(name, template) rendered in place (target null: this render's blocks). */
    public static void blockRef(CompiledTemplate t, String block, CompiledTemplate target, Frame f, RenderState st,
            int line) {
        if (target != null) {
            target.yieldBlock(block, f, st, null, false, t, line);
        } else {
            t.yieldBlock(block, f, st, st.blocks, true, t, line);
        }
    }

    /**
     * The block name of block(name): a String as it is; a render-private text (a computed name) as the equal name of
     * one of t's blocks, so that no String is made for a name the template has; any other value as its string.
     */
    public static String blockName(Object name, CompiledTemplate t) {
        if (name instanceof String s) {
            return s;
        }
        if (name instanceof ScratchText text) {
            String known = t.blockNameEqualTo(text);
            if (known != null) {
                return known;
            }
        }
        return Values.toString(name);
    }

    /** block(name) is defined; with a template, as Twig's loadTemplate(): a missing one raises. */
    public static Object blockDefined(CompiledTemplate t, String block, CompiledTemplate target, Frame f, RenderState st) {
        return target != null ? target.hasBlock(block, f, st, null) : t.hasBlock(block, f, st, st.blocks);
    }

    // ---- render-private scratch (see ScratchAnalysis): texts and arrows the core reads and drops ----------------

    /**
     * A core string filter writing its result into the render-private text buffer out, taken (at texts) before
     * its arguments were evaluated: the result is out (kept taken) or a plain value (the buffers given back).
     */
    public static Object textFilter(CallSite c, String filter, dev.zweig.ext.FilterDefinition d, Object[] a,
            ScratchText out, int texts, Frame f, RenderState st) {
        at(st, f, c.template, c.line);
        int temps = st.tempTop;
        Object[] call = st.scratchCall;
        if (c.intoScratch) {
            st.scratchCall = a; // what the filter's own code returns (a slice of an array) may be scratch
        }
        Object r;
        try {
            r = dev.zweig.core.TextFilters.write(filter, d, st, a, out);
        } catch (Exception e) {
            throw callError(e, c.template, c.line);
        } finally {
            st.scratchCall = call;
            st.endCall(c.site, c.listSite, a, temps);
        }
        // what the arguments took is free; the result's buffer stays taken when it is the result
        st.textTop = r == out ? texts + 1 : texts;
        return r;
    }

    /** A split whose pieces only the core reads: render-private texts in the list the holder lends. */
    public static Object textSplit(CallSite c, ScratchText holder, Object[] a, Frame f, RenderState st) {
        at(st, f, c.template, c.line);
        List<Object> pieces = holder.list();
        int temps = st.tempTop;
        try {
            dev.zweig.core.StringFilters.split(a[0], a[1], a[2], pieces, st);
        } catch (Exception e) {
            throw callError(e, c.template, c.line);
        } finally {
            st.endCall(c.site, -1, a, temps);
        }
        return pieces;
    }

    /** One part of a concatenation into a render-private text (out was taken at texts). */
    public static void textPart(Object part, ScratchText out, int texts, RenderState st) {
        Values.writeText(part, out);
        st.textTop = texts + 1;
    }

    /**
     * A render-private value as what user code may hold: a fresh String for a text, a fresh Markup for a safe
     * text, a ZonedDateTime for a date; anything else as it is.
     */
    public static Object owned(Object v) {
        if (v instanceof ScratchText t) {
            return t.toString();
        }
        if (v instanceof SafeText t) {
            return t.toMarkup();
        }
        if (v instanceof dev.zweig.php.ScratchDate d) {
            return d.toDateTime();
        }
        return v;
    }

    /**
     * A render-private date kept in a variable only the core date readers read (see ScratchAnalysis.Result
     * #keptDates): copied into the scope's own date for that variable, so the scratch storage it came in is free.
     */
    public static Object keepDate(Object v, Frame f, int slot) {
        if (v instanceof dev.zweig.php.ScratchDate d) {
            dev.zweig.php.ScratchDate own = f.date(slot);
            own.set(d);
            return own;
        }
        return v;
    }

    /** A text kept in a variable only the core reads: copied into the scope's own buffer for that variable. */
    public static Object keepText(Object v, Frame f, int slot) {
        if (v instanceof ScratchText t) {
            ScratchText own = f.text(slot);
            own.set(t);
            return own;
        }
        if (v instanceof SafeText t) { // a macro's output: kept safe
            ScratchText own = f.text(slot);
            if (own != t.text) {
                own.set(t.text);
            }
            return own.safe();
        }
        if (v instanceof ScratchText.Pieces pieces) { // a split's (see textSplit): copied into the variable's own
            return f.text(slot).keep(pieces);
        }
        if (v instanceof PhpArray a && a.isPooled()) { // a literal's texts, at any depth: into the variable's own
            f.text(slot).keepTexts(a);
        }
        return v;
    }

    /**
     * An arrow a core filter or operator calls and drops: one function object per site and render state, so a
     * steady-state render allocates none.
     */
    public static Object privateArrow(int site, int[] slots, Eval body, Frame f, RenderState st, String template, int line) {
        ArrowFn fn = st.arrowCache(site);
        if (fn == null || fn.body != body) { // ids wrap: another site may have left its own
            fn = new ArrowFn(slots, body, f, st, template, line);
            st.arrowCache(site, fn);
            return fn;
        }
        // one object per scope the site runs in (a recursive macro: one per depth, each a pooled frame of its
        // own): an object of this render bound to f is this scope's; one of an earlier render is free
        ArrowFn free = null;
        int n = 0;
        for (ArrowFn c = fn; c != null; c = c.sibling, n++) {
            if (c.epoch != st.epoch) {
                if (free == null) {
                    free = c;
                }
            } else if (c.frame == f) {
                return c;
            }
        }
        if (free != null) {
            return free.rebind(f);
        }
        // every object is bound to another scope of this render that may still hold it: a new one, kept for the
        // next render unless the chain is already as long as recursion should ever make it
        ArrowFn made = new ArrowFn(slots, body, f, st, template, line);
        if (n < MAX_ARROWS_PER_SITE) {
            made.sibling = fn.sibling;
            fn.sibling = made;
        }
        return made;
    }

    /** Private arrows kept per site, one per scope it runs in at once (recursion depth). */
    private static final int MAX_ARROWS_PER_SITE = 64;
}
