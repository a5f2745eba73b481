package dev.zweig.php;

import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpSort;
import dev.zweig.php.Values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arena's PHP array: keyed puts through its index, PHP's next free key, reuse after reset, PHP's sort. */
class PhpArrayTest {

    @Test
    void putsAndLooksUpManyKeysInOrder() {
        PhpArray a = new PhpArray();
        Map<Object, Object> expected = new LinkedHashMap<>();
        for (int round = 0; round < 3; round++) {
            a.reset();
            expected.clear();
            for (int i = 0; i < 500; i++) {
                Object key = i % 3 == 0 ? (Object) ("k" + i) : (Object) (long) (i * 7 % 211);
                a.put(key, i);
                expected.put(key, i); // a key seen again keeps its place, its value is replaced
            }
            assertEquals(expected.size(), a.size());
            int p = 0;
            for (Map.Entry<Object, Object> e : expected.entrySet()) {
                assertEquals(e.getKey(), a.keyAt(p));
                assertEquals(e.getValue(), a.valueAt(p));
                assertEquals(e.getValue(), a.get(e.getKey()));
                assertEquals(p, a.indexOf(e.getKey()));
                p++;
            }
            assertNull(a.get("missing"));
            assertFalse(a.containsKey(1000L));
        }
    }

    @Test
    void appendsUnderTheNextFreeIntegerKey() {
        PhpArray a = new PhpArray();
        a.append("x");
        a.add("s", "y");
        a.add(10L, "z");
        a.append("w");
        assertEquals(List.of(0L, "s", 10L, 11L), new ArrayList<>(a.keySet()));
        a.reset();
        a.add(-5L, "n");
        a.append("m"); // PHP 8.3: after the largest integer key, even a negative one
        assertEquals(-4L, a.keyAt(1));
        assertFalse(a.isList());
        a.reset();
        a.append("a");
        a.append("b");
        assertTrue(a.isList());
        assertSame(PhpArray.index(1), a.keyAt(1));
    }

    @Test
    void copiesAMapWithKeysAsPhpStoresThem() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1, "int");
        m.put("a", "string");
        m.put(true, "bool, the same key as 1");
        PhpArray a = new PhpArray().addAll(m);
        assertEquals(2, a.size());
        assertEquals(1L, a.keyAt(0));
        assertEquals("bool, the same key as 1", a.valueAt(0));
        assertEquals("string", a.get("a"));
    }

    @Test
    void sortsByValueAsPhpSortDoes() {
        Random random = new Random(11);
        PhpArray a = new PhpArray();
        for (int round = 0; round < 50; round++) {
            a.reset();
            List<Object> values = new ArrayList<>();
            int n = random.nextInt(60);
            for (int i = 0; i < n; i++) {
                // mixed types: PHP's <=> is no total order over them, the sorts must still agree
                Object v = switch (random.nextInt(4)) {
                    case 0 -> (long) random.nextInt(10);
                    case 1 -> random.nextInt(3) == 0 ? Double.NaN : random.nextInt(10) / 2.0;
                    case 2 -> String.valueOf(random.nextInt(12));
                    default -> "x" + random.nextInt(5);
                };
                values.add(v);
                a.append(v);
            }
            List<Object> sorted = new ArrayList<>(values);
            PhpSort.sort(sorted, Values::compare);
            a.sortByValue((p, q, x, y) -> Values.compare(x, y), null, null);
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < a.size(); i++) {
                got.add(a.valueAt(i));
                assertSame(values.get((int) (long) (Long) a.keyAt(i)), a.valueAt(i), "each value keeps its key");
                assertEquals(i, a.indexOf(a.keyAt(i)), "lookups follow the sorted order");
            }
            assertEquals(String.valueOf(sorted), String.valueOf(got));
        }
    }
}
