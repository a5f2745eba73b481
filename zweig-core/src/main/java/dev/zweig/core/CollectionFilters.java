package dev.zweig.core;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.runtime.Markup;
import dev.zweig.runtime.PhpSort;
import dev.zweig.runtime.Values;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
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
                FilterDefinition.of("batch", (ctx, a) -> batch(a[0], a[1], a[2], a[3]))
                        .params(Param.required("size"), Param.optional("fill", null),
                                Param.optional("preserve_keys", Boolean.TRUE)),
                FilterDefinition.of("column", (ctx, a) -> column(a[0], a[1], a[2]))
                        .params(Param.required("name"), Param.optional("index", null)),
                FilterDefinition.of("filter", CollectionFilters::filter).params("arrow"),
                FilterDefinition.of("map", CollectionFilters::map).params("arrow"),
                FilterDefinition.of("reduce", CollectionFilters::reduce)
                        .params(Param.required("arrow"), Param.optional("initial", null)),
                FilterDefinition.of("find", CollectionFilters::find).params("arrow"),
                FilterDefinition.of("first", (ctx, a) -> first(a[0])),
                FilterDefinition.of("last", (ctx, a) -> last(a[0])),
                FilterDefinition.of("join", (ctx, a) -> join(a[0], a[1], a[2]))
                        .params(Param.optional("glue", ""), Param.optional("and", null))
                        .writer(FilterWriters::join),
                FilterDefinition.of("keys", (ctx, a) -> keys(a[0])),
                FilterDefinition.of("length", (ctx, a) -> (long) length(a[0])).writer(FilterWriters::length),
                // variadic: a[0] is the first array, a[1] the list of the others
                FilterDefinition.of("merge", (ctx, a) -> merge(a[0], PhpArrays.extraArguments(a[1]))).asVariadic(),
                FilterDefinition.of("reverse", (ctx, a) -> reverse(a[0], a[1]))
                        .params(Param.optional("preserve_keys", Boolean.FALSE)),
                FilterDefinition.of("shuffle", (ctx, a) -> shuffle(a[0])),
                FilterDefinition.of("slice", (ctx, a) -> slice(a[0], a[1], a[2], a[3]))
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

    // ---- batch, column ------------------------------------------------------------------------------------

    static List<Object> batch(Object items, Object sizeArg, Object fill, Object preserveKeysArg) {
        if (!PhpArrays.isIterable(items)) {
            throw notAnArray("batch", items);
        }
        double sizeD = Math.ceil(Values.toDouble(sizeArg));
        if (!(sizeD >= 1)) {
            throw new IllegalArgumentException("array_chunk(): Argument #2 ($length) must be greater than 0");
        }
        long size = sizeD > Integer.MAX_VALUE ? Integer.MAX_VALUE : (long) sizeD;
        if (fill != null && size > 1_000_000) {
            // padding the last row to a huge size would exhaust memory for a tiny input
            throw new dev.zweig.TemplateLimitException("The \"batch\" filter cannot fill rows of more than "
                    + "1000000 items.");
        }
        boolean preserveKeys = Values.isTrue(preserveKeysArg);
        List<PhpArrays.Builder> chunks = new ArrayList<>();
        PhpArrays.forEach(items, (k, v) -> {
            PhpArrays.Builder last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last == null || last.size() >= size) {
                last = new PhpArrays.Builder();
                chunks.add(last);
            }
            if (preserveKeys) {
                last.put(k, v);
            } else {
                last.append(v);
            }
            return true;
        });
        if (fill != null && !chunks.isEmpty()) {
            PhpArrays.Builder last = chunks.get(chunks.size() - 1);
            for (long i = last.size(); i < size; i++) {
                last.append(fill);
            }
        }
        List<Object> out = new ArrayList<>(chunks.size());
        for (PhpArrays.Builder b : chunks) {
            out.add(b.build());
        }
        return out;
    }

    /** PHP array_column over arrays (rows that are not arrays, or lack the column, are skipped). */
    static Object column(Object array, Object name, Object index) {
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("column", array);
        }
        Object nameKey = name == null ? null : Values.normalizeKey(name);
        Object indexKey = index == null ? null : Values.normalizeKey(index);
        PhpArrays.Builder out = new PhpArrays.Builder();
        PhpArrays.forEach(array, (k, row) -> {
            if (!PhpArrays.isIterable(row)) {
                return true;
            }
            Object value;
            if (nameKey == null) {
                value = row;
            } else {
                value = PhpArrays.get(row, nameKey);
                if (value == PhpArrays.ABSENT) {
                    return true;
                }
            }
            Object keyValue = indexKey == null ? PhpArrays.ABSENT : PhpArrays.get(row, indexKey);
            if (keyValue != PhpArrays.ABSENT && keyValue != null && !PhpArrays.isIterable(keyValue)) {
                out.put(Values.normalizeKey(keyValue), value);
            } else {
                out.append(value);
            }
            return true;
        });
        return out.build();
    }

    // ---- arrow filters ------------------------------------------------------------------------------------

    static Object filter(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw new TemplateRuntimeException("The \"filter\" filter expects a sequence/mapping or \"Traversable\", "
                    + "got \"" + Values.typeName(array) + "\".");
        }
        PhpArrays.Builder out = new PhpArrays.Builder();
        PhpArrays.forEach(array, (k, v) -> {
            if (Values.isTrue(ctx.call(arrow, v, k))) {
                out.put(k, v);
            }
            return true;
        });
        return out.build();
    }

    static Object map(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("map", array);
        }
        if (array instanceof List<?> list && list instanceof java.util.RandomAccess) {
            int n = list.size();
            List<Object> out = ctx.newList(n);
            for (int i = 0; i < n; i++) {
                out.add(ctx.call(arrow, list.get(i), (long) i));
            }
            return out;
        }
        if (array instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            PhpArrays.forEach(list, (k, v) -> out.add(ctx.call(arrow, v, k)));
            return out;
        }
        PhpArrays.Builder out = new PhpArrays.Builder();
        PhpArrays.forEach(array, (k, v) -> {
            out.put(k, ctx.call(arrow, v, k));
            return true;
        });
        return out.build();
    }

    static Object reduce(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("reduce", array);
        }
        if (array instanceof List<?> list && list instanceof java.util.RandomAccess) {
            Object acc = a[2];
            for (int i = 0, n = list.size(); i < n; i++) {
                acc = ctx.call(arrow, acc, list.get(i), (long) i);
            }
            return acc;
        }
        Object[] acc = {a[2]};
        PhpArrays.forEach(array, (k, v) -> {
            acc[0] = ctx.call(arrow, acc[0], v, k);
            return true;
        });
        return acc[0];
    }

    static Object find(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("find", array);
        }
        Object[] found = {null};
        PhpArrays.forEach(array, (k, v) -> {
            if (Values.isTrue(ctx.call(arrow, v, k))) {
                found[0] = v;
                return false;
            }
            return true;
        });
        return found[0];
    }

    // ---- first, last, join, keys, length --------------------------------------------------------------------

    /** The first element (false for an empty array, as PHP's current()), or the first character. */
    static Object first(Object item) {
        if (PhpArrays.isIterable(item)) {
            if (item instanceof List<?> list) {
                return list.isEmpty() ? Boolean.FALSE : list.get(0);
            }
            if (item instanceof dev.zweig.runtime.PhpArray arr) {
                return arr.isEmpty() ? Boolean.FALSE : arr.valueAt(0);
            }
            Object[] found = {Boolean.FALSE};
            PhpArrays.forEach(item, (k, v) -> {
                found[0] = v;
                return false;
            });
            return found[0];
        }
        String s = StringFilters.str(item);
        return s.isEmpty() ? s : s.substring(0, Character.charCount(s.codePointAt(0)));
    }

    /** The last element (false for an empty array), or the last character. */
    static Object last(Object item) {
        if (PhpArrays.isIterable(item)) {
            if (item instanceof List<?> list) {
                return list.isEmpty() ? Boolean.FALSE : list.get(list.size() - 1);
            }
            if (item instanceof dev.zweig.runtime.PhpArray arr) {
                return arr.isEmpty() ? Boolean.FALSE : arr.valueAt(arr.size() - 1);
            }
            Object[] found = {Boolean.FALSE};
            PhpArrays.forEach(item, (k, v) -> {
                found[0] = v;
                return true;
            });
            return found[0];
        }
        String s = StringFilters.str(item);
        return s.isEmpty() ? s : s.substring(s.offsetByCodePoints(s.length(), -1));
    }

    static String join(Object value, Object glueArg, Object and) {
        List<Object> items;
        if (PhpArrays.isIterable(value)) {
            items = PhpArrays.values(value);
        } else if (value == null) {
            return "";
        } else {
            items = Collections.singletonList(value);
        }
        if (items.isEmpty()) {
            return "";
        }
        String glue = StringFilters.str(glueArg);
        if (and == null || Values.strictEquals(and, glueArg)) {
            return implode(glue, items, items.size());
        }
        if (items.size() == 1) {
            return Values.toString(items.get(0));
        }
        return implode(glue, items, items.size() - 1) + Values.toString(and)
                + Values.toString(items.get(items.size() - 1));
    }

    private static String implode(String glue, List<Object> items, int count) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String item = Values.toString(items.get(i));
            Values.checkLength((long) sb.length() + glue.length() + item.length());
            if (i > 0) {
                sb.append(glue);
            }
            sb.append(item);
        }
        return sb.toString();
    }

    static List<Object> keys(Object array) {
        List<Object> out = new ArrayList<>();
        PhpArrays.forEach(array, (k, v) -> out.add(k));
        return out;
    }

    /** Twig's length: characters of a scalar's string form, element count of an array, 0 for null. */
    static int length(Object thing) {
        return Values.length(thing);
    }

    // ---- merge, reverse, shuffle, slice ---------------------------------------------------------------------

    /** array_merge: integer keys renumbered in order, string keys overwritten in place. */
    static Object merge(Object first, List<Object> others) {
        PhpArrays.Builder out = new PhpArrays.Builder();
        long total = 0;
        for (int i = 0; i <= others.size(); i++) {
            Object array = i == 0 ? first : others.get(i - 1);
            if (!PhpArrays.isIterable(array)) {
                throw new TemplateRuntimeException("The \"merge\" filter expects a sequence or a mapping, got \""
                        + Values.typeName(array) + "\" for argument " + (i + 1) + ".");
            }
            total += Values.length(array);
            Values.checkElements(total); // merge doubling in a loop stops here, before the copy
            PhpArrays.forEach(array, (k, v) -> {
                if (k instanceof Long) {
                    out.append(v);
                } else {
                    out.put(k, v);
                }
                return true;
            });
        }
        return out.build();
    }

    static Object reverse(Object item, Object preserveKeysArg) {
        if (PhpArrays.isIterable(item)) {
            boolean preserveKeys = Values.isTrue(preserveKeysArg);
            List<Object[]> pairs = pairs(item);
            PhpArrays.Builder out = new PhpArrays.Builder();
            for (int i = pairs.size() - 1; i >= 0; i--) {
                Object[] p = pairs.get(i);
                if (preserveKeys || p[0] instanceof String) {
                    out.put(p[0], p[1]);
                } else {
                    out.append(p[1]);
                }
            }
            return out.build();
        }
        String s = StringFilters.str(item);
        return new StringBuilder(s).reverse().toString();
    }

    static Object shuffle(Object item) {
        if (item instanceof CharSequence && !(item instanceof Markup)) {
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
    static Object slice(Object item, Object startArg, Object lengthArg, Object preserveKeysArg) {
        long start = Values.toLong(startArg);
        Long length = lengthArg == null ? null : Values.toLong(lengthArg);
        if (PhpArrays.isIterable(item)) {
            boolean preserveKeys = Values.isTrue(preserveKeysArg);
            int count = PhpArrays.count(item);
            long[] range = sliceRange(count, start, length);
            if (range == null) {
                return new ArrayList<>();
            }
            if (item instanceof List<?> list && !preserveKeys) {
                return new ArrayList<>(list.subList((int) range[0], (int) (range[0] + range[1])));
            }
            PhpArrays.Builder out = new PhpArrays.Builder();
            long from = range[0];
            long to = range[0] + range[1];
            long[] pos = {0};
            PhpArrays.forEach(item, (k, v) -> {
                long p = pos[0]++;
                if (p >= to) {
                    return false;
                }
                if (p >= from) {
                    if (preserveKeys || k instanceof String) {
                        out.put(k, v);
                    } else {
                        out.append(v);
                    }
                }
                return true;
            });
            return out.build();
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
        if (length == null) {
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
        return s.substring(b, e);
    }

    /** array_slice's offset and length for an array of {@code count} elements, or null when the slice is empty. */
    private static long[] sliceRange(int count, long offset, Long lengthArg) {
        if (offset > count) {
            return null;
        }
        if (offset < 0) {
            offset = Math.max(0, count + offset);
        }
        long length;
        if (lengthArg == null) {
            length = count - offset;
        } else if (lengthArg < 0) {
            length = count - offset + lengthArg;
        } else {
            length = Math.min(lengthArg, count - offset);
        }
        if (length <= 0) {
            return null;
        }
        return new long[] {offset, length};
    }

    // ---- sort --------------------------------------------------------------------------------------------

    /** asort()/uasort(): a stable sort by value that keeps each value's key. */
    private static final Comparator<Object> VALUE_ORDER = Values::compare;

    static Object sort(CallContext ctx, Object[] a) {
        Object array = a[0];
        Object arrow = a[1];
        if (!PhpArrays.isIterable(array)) {
            throw notAnArray("sort", array);
        }
        if (arrow == null && array instanceof List<?> list && list instanceof java.util.RandomAccess) {
            // PHP's asort keeps the keys: the result is an ordered array with the indexes permuted
            dev.zweig.runtime.PhpArray out = ctx.newArray();
            for (int i = 0, n = list.size(); i < n; i++) {
                out.add((long) i, list.get(i));
            }
            out.sortByValue(VALUE_ORDER);
            return out;
        }
        List<Object[]> pairs = pairs(array);
        Comparator<Object[]> cmp;
        if (arrow == null) {
            cmp = (x, y) -> Values.compare(x[1], y[1]);
        } else {
            cmp = (x, y) -> userCompare(ctx, arrow, x[1], y[1]);
        }
        PhpSort.sort(pairs, cmp);
        PhpArrays.Builder out = new PhpArrays.Builder();
        for (Object[] p : pairs) {
            out.put(p[0], p[1]);
        }
        return out.build();
    }

    /** PHP's user comparison: the result cast to int; a false result is retried with swapped operands. */
    private static int userCompare(CallContext ctx, Object arrow, Object x, Object y) {
        Object r = ctx.call(arrow, x, y);
        if (r instanceof Boolean b) {
            if (b) {
                return 1;
            }
            return Values.isTrue(ctx.call(arrow, y, x)) ? -1 : 0;
        }
        return Long.signum(Values.toLong(r));
    }

    private static List<Object[]> pairs(Object array) {
        List<Object[]> out = new ArrayList<>(array instanceof Collection<?> c ? c.size() : 16);
        PhpArrays.forEach(array, (k, v) -> out.add(new Object[] {k, v}));
        return out;
    }
}
