package dev.zweig.core;

import static dev.zweig.core.TestCalls.list;
import static dev.zweig.core.TestCalls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.ext.Lambda;
import dev.zweig.ext.TestDefinition;
import dev.zweig.Markup;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreTestsTest {
    private static final List<TestDefinition> DEFS = CoreTests.definitions();

    private static boolean t(String name, Object... args) {
        return (Boolean) TestCalls.invoke(DEFS, name, true, args);
    }

    @Test
    void evenOddDivisible() {
        assertEquals(false, t("even", 1L));
        assertEquals(true, t("even", 2L));
        assertEquals(true, t("odd", 1L));
        assertEquals(true, t("odd", -1L));
        assertEquals(true, t("odd", 9223372036854775807L));
        assertEquals(true, t("even", 0L));
        assertEquals(true, t("even", (Object) null));
        assertEquals(true, t("odd", 3.7));
        assertEquals(true, t("divisible by", 9L, 3L));
        assertEquals(false, t("divisible by", 10L, 3L));
        assertEquals(true, t("divisible by", 0L, 5L));
        assertEquals(true, t("divisible by", -6L, 3L));
        assertEquals(true, t("divisible by", "12", 4L));
        assertThrows(ArithmeticException.class, () -> t("divisible by", 1L, 0L));
    }

    @Test
    void nullAndSameAs() {
        assertEquals(true, t("null", (Object) null));
        assertEquals(true, t("none", (Object) null));
        assertEquals(false, t("null", 0L));
        assertEquals(false, t("null", ""));
        assertEquals(true, t("same as", 1L, 1L));
        assertEquals(false, t("same as", 1L, "1"));
        assertEquals(false, t("same as", null, false));
        assertEquals(true, t("same as", list(1L), list(1L)));
        assertEquals(false, t("same as", 1L, 1.0));
        assertEquals(true, t("same as", "x", "x"));
    }

    @Test
    void empty() {
        Map<Object, Object> vals = map("str", "", "space", " ", "zero_s", "0", "zero", 0L, "null", null, "list", list(),
                "hash", map(), "false", false, "true", true, "a", "a", "l0", list(0L), "zf", 0.0);
        StringBuilder sb = new StringBuilder();
        vals.forEach((k, v) -> sb.append(k).append(':').append(t("empty", v) ? 'E' : '-').append(' '));
        assertEquals("str:E space:- zero_s:- zero:- null:E list:E hash:E false:E true:- a:- l0:- zf:- ",
                sb.toString());
        assertEquals(true, t("empty", new Markup("")));
        assertEquals(false, t("empty", new Markup("x")));
    }

    @Test
    void iterableSequenceMapping() {
        Map<Object, Object> vals = map("list", list(1L, 2L), "hash", map("a", 1L), "empty", list(), "str", "abc",
                "null", null, "int", 1L);
        StringBuilder sb = new StringBuilder();
        vals.forEach((k, v) -> sb.append(k).append(':').append(t("iterable", v) ? 'i' : '-')
                .append(t("mapping", v) ? 'm' : '-').append(t("sequence", v) ? 's' : '-').append(' '));
        assertEquals("list:i-s hash:im- empty:i-s str:--- null:--- int:--- ", sb.toString());
        assertEquals(true, t("sequence", map(0L, "a", 1L, "b")));
        assertEquals(false, t("sequence", map(1L, "a", 0L, "b")));
        assertEquals(true, t("sequence", map()));
        assertEquals(true, t("mapping", map(1L, "a")));
        // PHP objects are mappings
        assertEquals(true, t("mapping", new Markup("x")));
        assertEquals(true, t("mapping", (Lambda) a -> null));
        assertEquals(true, t("iterable", (Object) new int[] {1}));
    }

    @Test
    void trueTest() {
        assertEquals(true, t("true", true));
        assertEquals(true, t("true", 1L));
        assertEquals(false, t("true", "0"));
        assertEquals(false, t("true", new Markup("")));
        assertEquals(true, t("true", new Markup("x")));
    }
}
