package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.php.Traversables;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.Markup;
import dev.zweig.php.PhpArray;
import dev.zweig.ast.Expr;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Access;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Twig's core sequence/mapping filters (CoreExtension): batch, column, filter, map, reduce, find, first, last,
 * join, keys, length, merge, reverse, shuffle, slice, sort and invoke, with PHP array semantics: keys are kept
 * where PHP keeps them (filter, map, sort, slice/reverse with preserve_keys) and integer keys renumbered where
 * PHP renumbers them (merge, slice, reverse). Inputs are never modified.
 */
public final class CollectionFilters {
    private CollectionFilters() {
    }

    public static List<FilterDefinition> definitions() {
        return List.of(
                FilterDefinition.of("batch", CollectionFilters::batch)
                        .params(Param.required("size"), Param.optional("fill", null),
                                Param.optional("preserve_keys", Boolean.TRUE)),
                FilterDefinition.of("column", CollectionFilters::column)
                        .params(Param.required("name"), Param.optional("index", null)),
                FilterDefinition.of("filter", CollectionFilters::filter).params("arrow"),
                FilterDefinition.of("map", CollectionFilters::map).params("arrow"),
                FilterDefinition.of("reduce", CollectionFilters::reduce)
                        .params(Param.required("arrow"), Param.optional("initial", null)),
                FilterDefinition.of("find", CollectionFilters::find).params("arrow"),
                FilterDefinition.of("first", (ctx, a) -> first(ctx, a[0])),
                FilterDefinition.of("last", (ctx, a) -> last(ctx, a[0])),
                FilterDefinition.of("join", (ctx, a) -> join(ctx, a[0], a[1], a[2]))
                        .params(Param.optional("glue", ""), Param.optional("and", null))
                        .writer(CollectionFilters::writeJoin),
                FilterDefinition.of("keys", CollectionFilters::keys),
                FilterDefinition.of("length", (ctx, a) -> StringFilters.boxed(ctx, (long) length(ctx, a[0])))
                        .writer(FilterWriters::length),
                // variadic: a[0] is the first array, a[1] the list of the others
                FilterDefinition.of("merge", CollectionFilters::merge).asVariadic(),
                FilterDefinition.of("reverse", CollectionFilters::reverse)
                        .params(Param.optional("preserve_keys", Boolean.FALSE))
                        .writer(CollectionFilters::writeReverse),
                FilterDefinition.of("shuffle", (ctx, a) -> shuffle(a[0])),
                FilterDefinition.of("slice", CollectionFilters::slice)
                        .params(Param.required("start"), Param.optional("length", null),
                                Param.optional("preserve_keys", Boolean.FALSE))
                        .writer(FilterWriters::slice),
                FilterDefinition.of("sort", CollectionFilters::sort).params(Param.optional("arrow", null)),
                // variadic: a[0] is the closure, a[1] the list of its arguments
                FilterDefinition.of("invoke", (ctx, a) -> ctx.call(a[0], PhpArrays.extraArguments(a[1]).toArray()))
                        .asVariadic());
    }

    private static TemplateRuntimeException notAnArray(String filter, Object value) {
        return new TemplateRuntimeException("The \"" + filter + "\" filter expects a sequence or a mapping, got \""
                + Values.typeName(value) + "\".");
    }

    // The filters below read their input by position (PhpArrays.indexed) and build their result with
    // PhpArrays.builder/result: in scratch storage when the compiler allowed it for the call, else fresh.

    // ---- batch, column ------------------------------------------------------------------------------------

    static Object batch(CallContext ctx, Object[] a) {
        Object items = a[0];
        if (!PhpArrays.isIterable(items)) {
            throw notAnArray("batch", items);
        }
        double sizeD = Math.ceil(StringFilters.numberArgument(a[1], "ceil", 1, "num").doubleValue());
        if (!(sizeD >= 1)) {
            throw new IllegalArgumentException("array_chunk(): Argument #2 ($length) must be greater than 0");
        }
        long size = sizeD > Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) sizeD;
        Object fill = a[2];
        if (fill != null && size > 1_000_000) {
            // padding the last row to a huge size would exhaust memory for a tiny input
            throw new dev.zweig.TemplateLimitException("The \"batch\" filter cannot fill rows of more than "
                    + "1000000 items.");
        }
        boolean preserveKeys = Values.isTrue(a[3]);
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        Object in = PhpArrays.indexed(ctx, items);
        int n = PhpArrays.size(in);
        int rows = (int) ((n + size - 1) / size);
        List<Object> out = scratch != null ? scratch.scratchList(rows) : new ArrayList<>(rows);
        // fresh rows are copied out of one temporary; scratch rows are scratch arrays of their own
        PhpArray row = null;
        for (int i = 0; i < n; i++) {
            if (row == null || row.size() >= size) {
                if (row != null) {
                    out.add(PhpArrays.result(ctx, row, scratch));
                }
                row = scratch != null ? scratch.scratchArray((int) Math.min(size, n - i))
                        : row == null ? PhpArrays.temp(ctx) : row.reset();
            }
            if (preserveKeys) {
                row.add(PhpArrays.keyAt(in, i), PhpArrays.valueAt(in, i));
            } else {
                row.append(PhpArrays.valueAt(in, i));
            }
        }
        if (row != null) {
            if (fill != null) {
                for (long i = row.size(); i < size; i++) {
                    row.append(fill);
                }
            }
            out.add(PhpArrays.result(ctx, row, scratch));
        }
        return out;
    }

    /**
     * PHP array_column (rows that are neither arrays nor objects, or lack the column, are skipped). PHP reads an
     * object row's properties; a Java object's are what {@code row.name} reads (a public field, a record component,
     * a getter), under the sandbox policy as that read is.
     */
    static Object column(CallContext ctx, Object[] a) {
        Object array = a[0];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("column", array);
        }
        Object nameKey = a[1] == null ? null : Values.normalizeKey(a[1]);
        Object indexKey = a[2] == null ? null : Values.normalizeKey(a[2]);
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        Object in = PhpArrays.indexed(ctx, array);
        int n = PhpArrays.size(in);
        PhpArray out = PhpArrays.builder(ctx, scratch, n);
        for (int i = 0; i < n; i++) {
            Object row = PhpArrays.valueAt(in, i);
            boolean object = Access.isObject(row);
            if (!object && !PhpArrays.isIterable(row)) {
                continue;
            }
            Object value = row;
            if (nameKey != null) {
                value = object ? property(ctx, row, nameKey) : entry(ctx, row, nameKey);
                if (value == PhpArrays.ABSENT) {
                    continue;
                }
            }
            Object keyValue = indexKey == null ? PhpArrays.ABSENT
                    : object ? property(ctx, row, indexKey) : entry(ctx, row, indexKey);
            if (keyValue != PhpArrays.ABSENT && keyValue != null && !PhpArrays.isIterable(keyValue)) {
                out.put(Values.normalizeKey(keyValue), value);
            } else {
                out.append(value);
            }
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    /**
     * An array row's column, or ABSENT: a map's entry is found as {@code row.name} finds it (the key, then its other
     * forms: a Java map's Integer key, an integer's digits as a String key; no walk over the entries, which made an
     * iterator per row lacking the column), a list's by its index.
     */
    private static Object entry(CallContext ctx, Object row, Object key) {
        if (row instanceof Map<?, ?> m) {
            Object v = Access.mapEntry(m, key, ctx instanceof RenderState r ? r : null);
            return v == Frame.UNDEFINED ? PhpArrays.ABSENT : v;
        }
        return PhpArrays.get(row, key);
    }

    /** An object row's column: what {@code row.name} reads, or ABSENT where the object has no such member. */
    private static Object property(CallContext ctx, Object row, Object name) {
        RenderState st = ctx instanceof RenderState r ? r : null;
        Object v = Access.get(row, Values.toString(name), null, Expr.AccessType.ANY, true, true, ctx.templateName(),
                ctx.line(), st, null);
        return v == Frame.UNDEFINED ? PhpArrays.ABSENT : v;
    }

    // ---- arrow filters ------------------------------------------------------------------------------------

    static Object filter(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw new TemplateRuntimeException("The \"filter\" filter expects a sequence/mapping or \"Traversable\", "
                    + "got \"" + Values.typeName(array) + "\".");
        }
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        Object in = PhpArrays.indexed(ctx, array);
        int n = PhpArrays.size(in);
        PhpArray out = PhpArrays.builder(ctx, scratch, n);
        for (int i = 0; i < n; i++) {
            Object k = PhpArrays.keyAt(in, i);
            Object v = PhpArrays.valueAt(in, i);
            if (Values.isTrue(ctx.call(arrow, v, k))) {
                out.add(k, v);
            }
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    static Object map(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("map", array);
        }
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        Object in = PhpArrays.indexed(ctx, array);
        int n = PhpArrays.size(in);
        PhpArray out = PhpArrays.builder(ctx, scratch, n);
        for (int i = 0; i < n; i++) {
            Object k = PhpArrays.keyAt(in, i);
            out.add(k, ctx.call(arrow, PhpArrays.valueAt(in, i), k));
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    static Object reduce(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("reduce", array);
        }
        Object in = PhpArrays.indexed(ctx, array);
        Object acc = a[2];
        // the carry's own stamp: a merge in the arrow that returns the carry extended may extend it in place when
        // it is a pooled array of this very reduce (see ScratchArena#inPlaceOwner)
        ScratchArena arena = ctx instanceof ScratchArena r ? r : null;
        long outer = arena != null ? arena.enterCarry() : 0;
        try {
            for (int i = 0, n = PhpArrays.size(in); i < n; i++) {
                acc = ctx.call(arrow, acc, PhpArrays.valueAt(in, i), PhpArrays.keyAt(in, i));
            }
        } finally {
            if (arena != null) {
                arena.exitCarry(outer);
            }
        }
        return acc;
    }

    static Object find(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("find", array);
        }
        Object in = PhpArrays.indexed(ctx, array);
        for (int i = 0, n = PhpArrays.size(in); i < n; i++) {
            Object v = PhpArrays.valueAt(in, i);
            if (Values.isTrue(ctx.call(arrow, v, PhpArrays.keyAt(in, i)))) {
                return v;
            }
        }
        return null;
    }

    // ---- first, last, join, keys, length --------------------------------------------------------------------

    /** Maps up to this size are copied to be read by position; a larger one is walked with an iterator. */
    private static final int COPY_TO_READ = 64;

    /** The first element (false for an empty array, as PHP's current()), or the first character. */
    static Object first(CallContext ctx, Object item) {
        if (PhpArrays.isIterable(item)) {
            if (item instanceof List<?> list) {
                return list.isEmpty() ? Boolean.FALSE : list.get(0);
            }
            if (item instanceof Map<?, ?> m && !(item instanceof PhpArray) && m.size() > COPY_TO_READ) {
                return m.values().iterator().next();
            }
            Object in = PhpArrays.indexedPrefix(ctx, item, 1); // (of a generator, its first value only)
            return PhpArrays.size(in) == 0 ? Boolean.FALSE : PhpArrays.valueAt(in, 0);
        }
        CharSequence s = StringFilters.text(item);
        return s.length() == 0 ? "" : character(s, 0);
    }

    /** The last element (false for an empty array), or the last character. */
    static Object last(CallContext ctx, Object item) {
        if (PhpArrays.isIterable(item)) {
            if (item instanceof List<?> list) {
                return list.isEmpty() ? Boolean.FALSE : list.get(list.size() - 1);
            }
            Object in = PhpArrays.indexed(ctx, item);
            int n = PhpArrays.size(in);
            return n == 0 ? Boolean.FALSE : PhpArrays.valueAt(in, n - 1);
        }
        CharSequence s = StringFilters.text(item);
        int n = s.length();
        return n == 0 ? "" : character(s, n - (n > 1 && Character.isSurrogatePair(s.charAt(n - 2), s.charAt(n - 1))
                ? 2 : 1));
    }

    /** One-character strings of Latin-1, shared: first, last and range() of characters build none. */
    private static final String[] CHARACTERS = new String[256];

    static {
        for (int c = 0; c < CHARACTERS.length; c++) {
            CHARACTERS[c] = String.valueOf((char) c);
        }
    }

    /** The character (code point) of s at index i, as a String (a shared one for Latin-1). */
    static String character(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c < CHARACTERS.length) {
            return CHARACTERS[c];
        }
        return s.subSequence(i, i + Character.charCount(Character.codePointAt(s, i))).toString();
    }

    /** A one-character string of c (0..255 shared). */
    static String character(int c) {
        return c >= 0 && c < CHARACTERS.length ? CHARACTERS[c] : String.valueOf((char) c);
    }

    /** PHP implode with Twig's "and" before the last item; a non-array is its own text, null nothing. */
    static String join(CallContext ctx, Object value, Object glueArg, Object and) {
        if (!PhpArrays.isIterable(value)) {
            return value == null ? "" : Values.toString(value);
        }
        Object in = PhpArrays.indexed(ctx, value);
        int n = PhpArrays.size(in);
        if (n == 0) {
            return "";
        }
        if (and == null || Values.strictEquals(and, glueArg)) {
            return implode(glue(glueArg), in, n).toString();
        }
        if (n == 1) {
            return Values.toString(PhpArrays.valueAt(in, 0));
        }
        StringBuilderOutput out = implode(glue(glueArg), in, n - 1);
        item(and, out);
        item(PhpArrays.valueAt(in, n - 1), out);
        return out.toString();
    }

    /** implode()'s string separator: null is "", an array a TypeError (Twig hands the filter's glue to implode). */
    private static String glue(Object glueArg) {
        return glueArg == null ? "" : StringFilters.stringArgument(glueArg, "implode", 1, "separator", "string");
    }

    /** The first count items joined with glue, each written as its text (a number's digits: no String per item). */
    private static StringBuilderOutput implode(String glue, Object in, int count) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                item(glue, out);
            }
            item(PhpArrays.valueAt(in, i), out);
        }
        return out;
    }

    /** Appends the text of v to out, held to the longest string a value may be. */
    private static void item(Object v, StringBuilderOutput out) {
        int length = out.builder().length();
        if (v instanceof CharSequence cs) {
            Values.checkLength((long) length + cs.length()); // before a long text is copied
        }
        Values.writeText(v, out);
        Values.checkLength(out.builder().length());
    }

    /** {@code join} printed: the items written one by one, no String built. */
    static void writeJoin(CallContext ctx, Object[] a, Output out) {
        Object value = a[0];
        if (!PhpArrays.isIterable(value)) {
            Values.write(value, out);
            return;
        }
        Object in = PhpArrays.indexed(ctx, value);
        int n = PhpArrays.size(in);
        if (n == 0) {
            return;
        }
        Object and = a[2];
        boolean plain = and == null || Values.strictEquals(and, a[1]);
        // implode() gets the glue unless one item is joined with a distinct "and"
        Object glue = a[1] instanceof String g ? g : plain || n > 1 ? glue(a[1]) : "";
        int upTo = plain ? n : n - 1;
        for (int i = 0; i < upTo; i++) {
            if (i > 0) {
                Values.write(glue, out);
            }
            Values.write(PhpArrays.valueAt(in, i), out);
        }
        if (!plain) {
            if (n > 1) {
                Values.write(and, out);
            }
            Values.write(PhpArrays.valueAt(in, n - 1), out);
        }
    }

    static Object keys(CallContext ctx, Object[] a) {
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        // (_context|keys: the frame itself, its names listed here, see CompileRules#readsContextNames)
        Object in = a[0] instanceof Frame f ? Snapshots.names(ctx, f) : PhpArrays.indexed(ctx, a[0]);
        int n = PhpArrays.size(in);
        PhpArray out = PhpArrays.builder(ctx, scratch, n);
        for (int i = 0; i < n; i++) {
            out.append(PhpArrays.keyAt(in, i));
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    /**
     * Twig's length: characters of a scalar's string form, element count of an array, 0 for null; of a frame
     * ({@code _context|length}, see CompileRules#readsContextNames) the count of its variables.
     */
    static int length(CallContext ctx, Object thing) {
        return thing instanceof Frame f ? Snapshots.names(ctx, f).size() : Values.length(thing);
    }

    // ---- merge, reverse, shuffle, slice ---------------------------------------------------------------------

    /** array_merge: integer keys renumbered in order, string keys overwritten in place. */
    static Object merge(CallContext ctx, Object[] a) {
        List<Object> others = PhpArrays.extraArguments(a[1]);
        long total = 0;
        for (int i = 0; i <= others.size(); i++) {
            Object array = i == 0 ? a[0] : others.get(i - 1);
            if (!PhpArrays.isIterable(array)) {
                throw new TemplateRuntimeException("The \"merge\" filter expects a sequence or a mapping, got \""
                        + Values.typeName(array) + "\" for argument " + (i + 1) + ".");
            }
            // (a single-use sequence is counted as it is copied: walked once, as iterator_to_array walks it)
            total += Traversables.isOnce(array) ? 0 : Values.length(array);
            Values.checkElements(total); // merge doubling in a loop stops here, before the copy
        }
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        long owner = scratch != null ? scratch.inPlaceOwner(a) : 0;
        if (scratch != null && scratch.inPlaceElement(a)) {
            // (its result in the render's element storage even without a stamp: the carry holds it past the step)
            return mergeElement(ctx, scratch, a[0], others, owner, total);
        }
        if (owner != 0 && a[0] instanceof PhpArray acc && acc.isPooled() && acc.owner() == owner) {
            // the accumulation's own array, which nothing else holds and which is dead once this returns: its
            // integer keys are already 0..n-1 in order (a merge built it), so extending it is array_merge's result
            for (int i = 0; i < others.size(); i++) {
                PhpArrays.appendMerged(acc, PhpArrays.indexed(ctx, others.get(i)));
            }
            return acc;
        }
        PhpArray out = PhpArrays.builder(ctx, scratch, (int) total);
        for (int i = 0; i <= others.size(); i++) {
            PhpArrays.appendMerged(out, PhpArrays.indexed(ctx, i == 0 ? a[0] : others.get(i - 1)));
        }
        if (owner != 0 && out.isPooled()) {
            out.owner(owner); // the next step of the accumulation extends it
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    /**
     * array_merge of an element of a carry grouped by key ({@code (c[k] ?? [])|merge([x])}, put back under k: see
     * Semantics#IN_PLACE_ELEMENT): the element itself extended, when it is an array this grouping built and put
     * under a string key (nothing else holds it) and the others are lists (appended: integer keys renumbered after
     * its own, which a merge already renumbered), its size before noted for Semantics#elementPut; else a new array
     * of the render's element storage, stamped for the next step.
     */
    private static Object mergeElement(CallContext ctx, ScratchArena scratch, Object in, List<Object> others,
            long owner, long total) {
        if (owner != 0 && in instanceof PhpArray x && x.isPooled() && x.owner() == owner && x.slot() != null
                && x.pending() < 0 && allLists(others)) {
            x.pending(x.size());
            for (int i = 0; i < others.size(); i++) {
                PhpArrays.appendMerged(x, PhpArrays.indexed(ctx, others.get(i)));
            }
            return x;
        }
        PhpArray out = scratch.elementArray((int) total);
        PhpArrays.appendMerged(out, PhpArrays.indexed(ctx, in));
        for (int i = 0; i < others.size(); i++) {
            PhpArrays.appendMerged(out, PhpArrays.indexed(ctx, others.get(i)));
        }
        return out.isPooled() ? out.owner(owner) : PhpArrays.result(out, null);
    }

    /** Whether every array of arrays has integer keys alone (appending it renumbers them all). */
    private static boolean allLists(List<Object> arrays) {
        for (int i = 0; i < arrays.size(); i++) {
            if (!PhpArrays.isList(arrays.get(i))) {
                return false;
            }
        }
        return true;
    }

    static Object reverse(CallContext ctx, Object[] a) {
        Object item = a[0];
        if (PhpArrays.isIterable(item)) {
            boolean preserveKeys = Values.isTrue(a[1]);
            ScratchArena scratch = PhpArrays.scratch(ctx, a);
            Object in = PhpArrays.indexed(ctx, item);
            int n = PhpArrays.size(in);
            PhpArray out = PhpArrays.builder(ctx, scratch, n);
            for (int i = n - 1; i >= 0; i--) {
                PhpArrays.copyPair(out, in, i, preserveKeys);
            }
            return PhpArrays.result(ctx, out, scratch);
        }
        if (ctx instanceof ScratchArena r && !(item instanceof Long || item instanceof Double)) {
            // a String through the render's cache of recent values (immutable: it may be kept or reach user code),
            // built in a text buffer by the streaming form (a number's digits would take a buffer of their own)
            dev.zweig.runtime.ScratchText t = r.textBuffer();
            writeReverse(ctx, a, t);
            return r.string(t);
        }
        String s = StringFilters.str(item);
        return new StringBuilder(s).reverse().toString();
    }

    /** {@code reverse} of a string printed: its characters (code points) written from the last. */
    static void writeReverse(CallContext ctx, Object[] a, Output out) {
        if (PhpArrays.isIterable(a[0])) {
            Values.write(reverse(ctx, a), out);
            return;
        }
        CharSequence s;
        if ((a[0] instanceof Long || a[0] instanceof Double) && ctx instanceof ScratchArena r) {
            dev.zweig.runtime.ScratchText digits = r.textBuffer(); // a number's text without a String
            Values.write(a[0], digits);
            s = digits;
        } else {
            s = StringFilters.text(a[0]);
        }
        for (int i = s.length(); i > 0;) {
            int n = Character.charCount(Character.codePointBefore(s, i));
            if (n == 1) {
                out.write(s.charAt(i - 1));
            } else {
                out.write(s, i - n, i);
            }
            i -= n;
        }
    }

    static Object shuffle(Object item) {
        if (item instanceof CharSequence && !Values.isMarkup(item)) {
            String s = item.toString();
            int[] cps = s.codePoints().toArray();
            ThreadLocalRandom rnd = ThreadLocalRandom.current();
            for (int i = cps.length - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = cps[i];
                cps[i] = cps[j];
                cps[j] = t;
            }
            return new String(cps, 0, cps.length);
        }
        if (PhpArrays.isIterable(item)) {
            List<Object> values = PhpArrays.values(item);
            Collections.shuffle(values, ThreadLocalRandom.current());
            return values;
        }
        return item;
    }

    /** array_slice for arrays (negative start/length count from the end), mb_substr for anything else. */
    static Object slice(CallContext ctx, Object[] a) {
        Object item = a[0];
        boolean hasLength = a[2] != null;
        // array_slice's or mb_substr's int offset and ?int length (PHP's coercion; a non-numeric string, an array or
        // a Markup value is a TypeError naming the function)
        boolean array = PhpArrays.isIterable(item);
        long start = StringFilters.intArgument(a[1], array ? "array_slice" : "mb_substr", 2,
                array ? "offset" : "start");
        long length = hasLength ? StringFilters.nullableIntArgument(a[2], array ? "array_slice" : "mb_substr", 3,
                "length") : 0;
        if (array) {
            boolean preserveKeys = Values.isTrue(a[3]);
            ScratchArena scratch = PhpArrays.scratch(ctx, a);
            // (of a generator with a start and length not negative, as far as they reach: Twig's LimitIterator)
            Object in = start >= 0 && (!hasLength || length >= 0)
                    ? PhpArrays.indexedPrefix(ctx, item, hasLength ? start + length : Long.MAX_VALUE)
                    : PhpArrays.indexed(ctx, item);
            int count = PhpArrays.size(in);
            // array_slice's offset and length
            long from = start > count ? count : start < 0 ? Math.max(0, count + start) : start;
            long len = !hasLength ? count - from : length < 0 ? count - from + length : Math.min(length, count - from);
            long to = start > count || len <= 0 ? from : from + len;
            PhpArray out = PhpArrays.builder(ctx, scratch, (int) (to - from));
            for (int i = (int) from; i < to; i++) {
                PhpArrays.copyPair(out, in, i, preserveKeys);
            }
            return PhpArrays.result(ctx, out, scratch);
        }
        String s = StringFilters.str(item);
        int cpCount = s.codePointCount(0, s.length());
        long from;
        if (start < 0) {
            from = Math.max(0, cpCount + start);
        } else if (start > cpCount) {
            return "";
        } else {
            from = start;
        }
        long len;
        if (!hasLength) {
            len = cpCount - from;
        } else if (length < 0) {
            len = Math.max(0, cpCount - from + length);
        } else {
            len = Math.min(length, cpCount - from);
        }
        if (len <= 0) {
            return "";
        }
        int b = s.offsetByCodePoints(0, (int) from);
        int e = s.offsetByCodePoints(b, (int) len);
        return len == 1 ? character(s, b) : s.substring(b, e);
    }

    /** {@link #slice(CallContext, Object[])} outside a render: a fresh result. */
    static Object slice(Object item, Object startArg, Object lengthArg, Object preserveKeysArg) {
        return slice(null, new Object[] {item, startArg, lengthArg, preserveKeysArg});
    }

    // ---- sort --------------------------------------------------------------------------------------------

    /** asort(): PHP's comparison of the values. */
    private static final PhpArray.ValueOrder VALUE_ORDER = (ctx, arrow, x, y) -> Values.compare(x, y);
    /** uasort() with an arrow function (given as the order's two extra arguments). */
    private static final PhpArray.ValueOrder ARROW_ORDER =
            (ctx, arrow, x, y) -> userCompare((CallContext) ctx, arrow, x, y);

    /** asort()/uasort(): a stable sort by value that keeps each value's key. */
    static Object sort(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("sort", array);
        }
        ScratchArena scratch = PhpArrays.scratch(ctx, a);
        Object in = PhpArrays.indexed(ctx, array);
        int n = PhpArrays.size(in);
        if (arrow != null && n < 2 && !(arrow instanceof dev.zweig.ext.Lambda
                || arrow instanceof java.util.function.Function<?, ?>)) {
            // uasort() checks its callback before it looks at the array: what is no function fails here too
            ctx.call(arrow, null, null);
        }
        PhpArray out = PhpArrays.builder(ctx, scratch, n);
        for (int i = 0; i < n; i++) {
            out.add(PhpArrays.keyAt(in, i), PhpArrays.valueAt(in, i));
        }
        if (arrow == null) {
            out.sortByValue(VALUE_ORDER, null, null);
        } else {
            out.sortByValue(ARROW_ORDER, ctx, arrow);
        }
        return PhpArrays.result(ctx, out, scratch);
    }

    /**
     * PHP 8's user comparison (php_array_user_compare_unstable): the result cast to int; a false result is retried
     * with swapped operands and that result's cast negated (true is 1).
     */
    private static int userCompare(CallContext ctx, Object arrow, Object x, Object y) {
        Object r = ctx.call(arrow, x, y);
        if (Boolean.FALSE.equals(r)) {
            return -Long.signum(Values.toLong(ctx.call(arrow, y, x)));
        }
        return Long.signum(Values.toLong(r));
    }
}
