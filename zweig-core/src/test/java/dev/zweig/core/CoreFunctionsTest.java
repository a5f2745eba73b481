package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import static dev.zweig.core.TestCalls.list;
import static dev.zweig.core.TestCalls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.php.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreFunctionsTest {
    private static final List<FunctionDefinition> DEFS = CoreFunctions.definitions();

    private static Object fn(String name, Object... args) {
        return TestCalls.invoke(DEFS, name, false, args);
    }

    private static String p(Object v) {
        return Values.toString(v);
    }

    private static String joined(Object v) {
        StringBuilder sb = new StringBuilder();
        for (Object x : PhpArrays.values(v)) {
            sb.append(p(x));
        }
        return sb.toString();
    }

    @Test
    void max() {
        assertEquals(3L, fn("max", 1L, 3L, 2L));
        assertEquals(5L, fn("max", list(1L, 5L, 3L)));
        assertEquals(9L, fn("max", map("a", 1L, "b", 9L, "c", 4L)));
        assertEquals(-1L, fn("max", -1L, -5L));
        assertEquals(2.5, fn("max", 1L, 2.5));
        assertEquals("two", fn("max", map(2L, "two", 1L, "one", 3L, "three", 5L, "five", 4L, "for")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fn("max", list()));
        assertEquals("max(): Argument #1 ($value) must contain at least one element", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> fn("max", 1L));
        assertEquals("max(): Argument #1 ($value) must be of type array, int given", e.getMessage());
    }

    @Test
    void min() {
        assertEquals(1L, fn("min", 1L, 3L, 2L));
        assertEquals(-2L, fn("min", list(4L, -2L, 9L)));
        assertEquals("Banana", fn("min", "apple", "Banana"));
        assertEquals(2L, fn("min", map("x", 5L, "y", 2L)));
        assertEquals(9L, fn("min", "1e1", 9L));
        assertEquals("A", fn("min", "a", "A", "b"));
        assertEquals(0L, fn("min", 0L, "0", -0.0));
        assertEquals("five", fn("min", map(2L, "two", 1L, "one", 3L, "three", 5L, "five", 4L, "for")));
    }

    @Test
    void range() {
        assertEquals(list(1L, 2L, 3L), fn("range", 1L, 3L));
        assertEquals(list(5L, 3L, 1L), fn("range", 5L, 1L, 2L));
        assertEquals(list(0L, 5L, 10L), fn("range", 0L, 10L, 5L));
        assertEquals(list(0L), fn("range", 0L, 3L, 5L));
        assertEquals("abcde", joined(fn("range", "a", "e")));
        assertEquals("zxv", joined(fn("range", "z", "u", 2L)));
        assertEquals("XYZ[\\]^_`abc", joined(fn("range", "X", "c")));
        assertEquals(list(0.0, 0.25, 0.5, 0.75, 1.0), fn("range", 0L, 1L, 0.25));
        assertEquals(list(1.5, 2.5), fn("range", 1.5, 3L));
        assertEquals(list(1L, 2L, 3L), fn("range", "1", "3"));
        assertEquals("9:;<=>?@A", joined(fn("range", "9", "A")));
        assertEquals(list(0L, 1L, 2L), fn("range", "a", 2L));
        assertEquals(list(1L, 2L), fn("range", 1L, 2L, 1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> fn("range", 1L, 2L, 0L));
        assertEquals("range(): Argument #3 ($step) cannot be 0", e.getMessage());
    }

    @Test
    void cycle() {
        List<Object> odd = list("odd", "even");
        List<Object> fruit = list("apple", "orange", "citrus");
        StringBuilder sb = new StringBuilder();
        for (long i = 0; i <= 6; i++) {
            sb.append(fn("cycle", odd, i)).append('-').append(fn("cycle", fruit, i)).append(' ');
        }
        assertEquals("odd-apple even-orange odd-citrus even-apple odd-orange even-citrus odd-apple ", sb.toString());
        assertEquals("only", fn("cycle", list("only"), 99L));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> fn("cycle", list(), 0L));
        assertEquals("The \"cycle\" function expects a non-empty sequence.", e.getRawMessage());
        e = assertThrows(TemplateRuntimeException.class, () -> fn("cycle", map(), 0L));
        assertEquals("The \"cycle\" function expects a non-empty sequence.", e.getRawMessage());
        e = assertThrows(TemplateRuntimeException.class, () -> fn("cycle", "ab", 0L));
        assertEquals("The \"cycle\" function expects an array or \"ArrayAccess\" as first argument.",
                e.getRawMessage());
    }

    @Test
    void random() {
        for (int i = 0; i < 50; i++) {
            long r = (Long) fn("random", 5L);
            assertTrue(r >= 0 && r <= 5);
            long neg = (Long) fn("random", -3L);
            assertTrue(neg >= -3 && neg <= 0);
            long between = (Long) fn("random", 10L, 12L);
            assertTrue(between >= 10 && between <= 12);
            assertTrue(List.of("a", "é", "😀").contains(fn("random", "aé😀")));
            assertTrue(List.of(1L, 2L).contains(fn("random", map("x", 1L, "y", 2L))));
            long any = (Long) fn("random");
            assertTrue(any >= 0 && any <= Integer.MAX_VALUE);
        }
        assertEquals("", fn("random", ""));
        assertEquals(true, fn("random", true));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> fn("random", list()));
        assertEquals("The \"random\" function cannot pick from an empty sequence or mapping.", e.getRawMessage());
    }
}
