package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import static dev.zweig.core.TestCalls.list;
import static dev.zweig.core.TestCalls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.Markup;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CollectionFiltersTest {
    private static final List<FilterDefinition> DEFS = CollectionFilters.definitions();

    private static Object f(String name, Object... args) {
        return TestCalls.invoke(DEFS, name, true, args);
    }

    private static String p(Object v) {
        return Values.toString(v);
    }

    /** keys|join(',') */
    private static String keys(Object v) {
        return join(f("keys", v));
    }

    /** |join(',') */
    private static String join(Object v) {
        return p(f("join", v, ","));
    }

    private static final List<Object> ABC = list("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");

    @Test
    void batch() {
        List<?> rows = (List<?>) f("batch", ABC, 3L, "fill");
        assertEquals(4, rows.size());
        assertEquals("j,fill,fill", join(rows.get(3)));
        rows = (List<?>) f("batch", ABC, 3.1);
        assertEquals(3, rows.size());
        assertEquals("i,j", join(rows.get(2)));
        rows = (List<?>) f("batch", ABC, 3L, "");
        assertEquals("j,,", join(rows.get(3)));
        List<Object> five = list(1L, 2L, 3L, 4L, 5L);
        assertEquals("4", keys(last(f("batch", five, 2L))));
        assertEquals("0", keys(last(f("batch", five, 2L, null, false))));
        assertEquals(0, ((List<?>) f("batch", list(), 4L)).size());
        Map<Object, Object> h = map("foo", "bar", "key", "value");
        assertEquals("foo,key", keys(((List<?>) f("batch", h, 4L)).get(0)));
        assertEquals("foo,key,0,1", keys(((List<?>) f("batch", h, 4L, "fill")).get(0)));
        Map<Object, Object> withInt = map("a", "a", "b", "b", "c", "c", "d", "d", 123L, "e");
        assertEquals("d,123,124", keys(((List<?>) f("batch", withInt, 3L, "fill")).get(1)));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("batch", "abc", 2L));
        assertEquals("The \"batch\" filter expects a sequence or a mapping, got \"string\".", e.getRawMessage());
    }

    private static Object last(Object v) {
        return f("last", v);
    }

    private static final List<Object> USERS = list(map("id", 3L, "name", "Ann", "age", 31L),
            map("id", 5L, "name", "Bob", "age", 25L), map("id", 9L, "name", "Cy"));

    @Test
    void column() {
        assertEquals("Ann,Bob,Cy", join(f("column", USERS, "name")));
        Object byId = f("column", USERS, "name", "id");
        assertEquals("3,5,9", keys(byId));
        assertEquals("Ann,Bob,Cy", join(byId));
        assertEquals("31,25", join(f("column", USERS, "age")));
        assertEquals(0, ((List<?>) f("column", USERS, "nope")).size());
        assertEquals("b,d", join(f("column", list(list("a", "b"), list("c", "d")), 1L)));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("column", 1L, "x"));
        assertEquals("The \"column\" filter expects a sequence or a mapping, got \"int\".", e.getRawMessage());
    }

    @Test
    void filterMapReduceFind() {
        List<Object> nums = list(1L, 2L, 3L, 4L, 5L, 6L);
        Lambda even = a -> ((Long) a[0]) % 2 == 0;
        Object evens = f("filter", nums, even);
        assertEquals("2,4,6", join(evens));
        assertEquals("1,3,5", keys(evens));
        Map<Object, Object> h = map("a", 1L, "b", 2L, "c", 3L, "d", -1L);
        Object kept = f("filter", h, (Lambda) a -> !"b".equals(a[1]) && (Long) a[0] > 0);
        assertEquals("a,c", keys(kept));
        assertEquals("", join(f("filter", list(), (Lambda) a -> true)));
        List<Object> vals = list(0L, "0", "", null, false, list(), "a", 1L, " ");
        assertEquals(3, ((Map<?, ?>) f("filter", vals, (Lambda) a -> a[0])).size());
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("filter", "s", even));
        assertEquals("The \"filter\" filter expects a sequence/mapping or \"Traversable\", got \"string\".",
                e.getRawMessage());

        assertEquals("2,4,6", join(f("map", list(1L, 2L, 3L), (Lambda) a -> (Long) a[0] * 2)));
        Object pairs = f("map", map("a", 1L, "b", "x y"), (Lambda) a -> a[1] + "=" + p(a[0]));
        assertEquals("a=1&b=x y", p(f("join", pairs, "&")));
        assertEquals("a,b", keys(pairs));

        assertEquals("xab", f("reduce", list("a", "b"), (Lambda) a -> p(a[0]) + a[1], "x"));
        assertEquals(null, f("reduce", list(), (Lambda) a -> a[0]));
        assertEquals("0a1b", f("reduce", list("a", "b"), (Lambda) a -> p(a[0]) + a[2] + a[1], ""));
        e = assertThrows(TemplateRuntimeException.class, () -> f("reduce", null, even));
        assertEquals("The \"reduce\" filter expects a sequence or a mapping, got \"null\".", e.getRawMessage());

        assertEquals(10L, f("find", list(1L, 5L, 10L, 20L), (Lambda) a -> (Long) a[0] > 5));
        assertEquals(null, f("find", list(1L, 5L, 10L), (Lambda) a -> (Long) a[0] > 30));
        assertEquals(2L, f("find", map("x", 1L, "y", 2L), (Lambda) a -> "y".equals(a[1])));
    }

    @Test
    void firstLast() {
        assertEquals("h", f("first", "héllo"));
        assertEquals("o", f("last", "héllo"));
        assertEquals(3L, f("last", list(1L, 2L, 3L)));
        assertEquals("y", f("last", map("a", "x", "b", "y")));
        assertEquals("x", f("first", map("a", "x", "b", "y")));
        assertEquals("6", f("last", 456L));
        assertEquals("😀", f("first", "😀ab😎"));
        assertEquals("😎", f("last", "😀ab😎"));
        assertEquals(Boolean.FALSE, f("first", list()));
        assertEquals("", f("first", (Object) null));
        assertEquals("", f("last", ""));
    }

    @Test
    void join() {
        List<Object> n = list(1L, 2L, 3L);
        assertEquals("123", p(f("join", n)));
        assertEquals("1, 2, 3", p(f("join", n, ", ")));
        assertEquals("1, 2 and 3", p(f("join", n, ", ", " and ")));
        assertEquals("a", p(f("join", list("a"), ", ", " and ")));
        assertEquals("a and b", p(f("join", list("a", "b"), ", ", " and ")));
        assertEquals("", p(f("join", list(), ", ", " and ")));
        assertEquals("1,,,1,0,", p(f("join", list(true, false, null, 1L, "0", ""), ",")));
        assertEquals("abc", p(f("join", "abc", "-")));
        assertEquals("12", p(f("join", 12L, "-")));
        assertEquals("", p(f("join", null, "-")));
        assertEquals("1.5 0.1 2 -0", p(f("join", list(1.5, 0.1, 2.0, -0.0), " ")));
        assertEquals("x|y", p(f("join", map("a", "x", "b", "y"), "|")));
    }

    @Test
    void keysAndLength() {
        assertEquals("0,1,2", keys(list(5L, 6L, 7L)));
        assertEquals("b,a", keys(map("b", 1L, "a", 2L)));
        assertEquals("", keys(list()));
        assertEquals("1,b,10", keys(map(1L, "a", "b", 2L, 10L, "c")));
        assertEquals("", keys("abc"));
        assertEquals(5L, f("length", "héllo"));
        assertEquals(4L, f("length", "😀ab😎"));
        assertEquals("1 0 4 3", p(f("length", true)) + " " + p(f("length", false)) + " " + p(f("length", 3.14)) + " "
                + p(f("length", -10L)));
        assertEquals(2L, f("length", map("a", list(1L, list(2L, 3L)), "b", map())));
        assertEquals(0L, f("length", (Object) null));
        assertEquals(3L, f("length", new Markup("<b>")));
        assertEquals(2L, f("length", (Object) new String[] {"x", "y"}));
    }

    @Test
    void merge() {
        Object m = f("merge", list(1L, 2L), list(3L, 4L));
        assertEquals("1,2,3,4", join(m));
        assertEquals("0,1,2", keys(f("merge", list(1L, 2L), list(3L))));
        Object mixed = f("merge", map("a", 1L), list(5L, 6L));
        assertEquals("a,0,1", keys(mixed));
        Object renumbered = f("merge", map(1L, "a"), map(1L, "b"));
        assertInstanceOf(List.class, renumbered);
        assertEquals("a,b", join(renumbered));
        Object over = f("merge", map("a", 1L, "b", 2L), map("a", 3L), map("c", 4L));
        assertEquals("a,b,c", keys(over));
        assertEquals("3,2,4", join(over));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("merge", list(1L), null));
        assertEquals("The \"merge\" filter expects a sequence or a mapping, got \"null\" for argument 2.",
                e.getRawMessage());
        e = assertThrows(TemplateRuntimeException.class, () -> f("merge", "s", list()));
        assertEquals("The \"merge\" filter expects a sequence or a mapping, got \"string\" for argument 1.",
                e.getRawMessage());
    }

    @Test
    void reverseAndShuffle() {
        assertEquals("3,2,1", join(f("reverse", list(1L, 2L, 3L))));
        assertEquals("0,1,2", keys(f("reverse", list(1L, 2L, 3L))));
        assertEquals("2,1,0", keys(f("reverse", list(1L, 2L, 3L), true)));
        assertEquals("b,0,a", keys(f("reverse", map("a", 1L, 5L, 2L, "b", 3L))));
        assertEquals("😎ba😀", f("reverse", "😀ab😎"));
        assertEquals("321", f("reverse", 123L));
        List<?> shuffled = (List<?>) f("shuffle", map("a", 1L, "b", 2L, "c", 3L));
        assertEquals(Set.of(1L, 2L, 3L), new HashSet<>(shuffled));
        String s = (String) f("shuffle", "aé😀");
        assertEquals(4, s.length());
        assertTrue(s.contains("😀") && s.contains("é") && s.contains("a"));
        assertEquals(5L, f("shuffle", 5L));
    }

    @Test
    void slice() {
        assertEquals("cdef", f("slice", "abcdef", 2L));
        assertEquals("ab", f("slice", "abcdef", 0L, 2L));
        assertEquals("bcd", f("slice", "abcdef", 1L, 3L));
        assertEquals("de", f("slice", "abcdef", -3L, 2L));
        assertEquals("ef", f("slice", "abcdef", -2L));
        assertEquals("bcd", f("slice", "abcdef", 1L, -2L));
        assertEquals("é😀", f("slice", "aé😀b", 1L, 2L));
        List<Object> items = list("a", "b", "c", "d");
        assertEquals("b,c", join(f("slice", items, 1L, 2L)));
        assertEquals("c,d", join(f("slice", items, 2L, 5L)));
        assertEquals("c", join(f("slice", items, -2L, -1L)));
        assertEquals("2,3", keys(f("slice", items, 2L, null, true)));
        assertEquals("b", keys(f("slice", map("a", 1L, "b", 2L, "c", 3L), 1L, 1L)));
        Map<Object, Object> ints = map(10L, "a", 20L, "b", 30L, "c");
        assertEquals("0,1", keys(f("slice", ints, 1L)));
        assertEquals("20,30", keys(f("slice", ints, 1L, null, true)));
        assertEquals("23", f("slice", 12345L, 1L, 2L));
        assertEquals(0L, CollectionFilters.length(null, f("slice", list(), 1L)));
        assertEquals("", f("slice", "", 2L));
        assertEquals("", f("slice", "abc", 5L));
        assertEquals(0, ((List<?>) f("slice", items, 5L)).size());
    }

    @Test
    void sort() {
        Object sorted = f("sort", list(3L, 1L, 2L));
        assertEquals("1,2,3", join(sorted));
        assertEquals("1,2,0", keys(sorted));
        Object h = f("sort", map("b", 2L, "a", 3L, "c", 1L));
        assertEquals("c,b,a", keys(h));
        List<Object> people = list(map("name", "A", "age", 30L), map("name", "B", "age", 20L),
                map("name", "C", "age", 30L), map("name", "D", "age", 20L));
        Lambda byAge = a -> Values.compare(((Map<?, ?>) a[0]).get("age"), ((Map<?, ?>) a[1]).get("age"));
        Object byAgeSorted = f("sort", people, byAge);
        List<Object> names = new ArrayList<>();
        for (Object row : PhpArrays.values(byAgeSorted)) {
            names.add(((Map<?, ?>) row).get("name"));
        }
        assertEquals(list("B", "D", "A", "C"), names);
        assertEquals("3,2,1", join(f("sort", list(1L, 3L, 2L), (Lambda) a -> (long) Values.compare(a[1], a[0]))));
        // a boolean comparison result works as in PHP (false: the arguments are tried the other way round)
        assertEquals("1,2,3", join(f("sort", list(3L, 1L, 2L), (Lambda) a -> (Long) a[0] > (Long) a[1])));
        assertEquals("e z É é Ａ 😀", p(f("join", f("sort", list("z", "é", "e", "É", "Ａ", "😀")), " ")));
        assertEquals(",1", join(f("sort", list(true, false))));
        assertEquals("-10,-1,0,5", join(f("sort", list(-1L, -10L, 0L, 5L))));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("sort", "x"));
        assertEquals("The \"sort\" filter expects a sequence or a mapping, got \"string\".", e.getRawMessage());
    }

    @Test
    void invoke() {
        Lambda add = a -> (Long) a[0] + (Long) a[1];
        assertEquals(5L, f("invoke", add, 2L, 3L));
        assertEquals("none", f("invoke", (Lambda) a -> a.length == 0 ? "none" : "some"));
    }
}
