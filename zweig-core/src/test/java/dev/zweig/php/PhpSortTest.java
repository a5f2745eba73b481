package dev.zweig.php;

import dev.zweig.php.PhpSort;
import dev.zweig.php.Values;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhpSortTest {

    @Test
    void sortsLikePhpSort() {
        List<Object> l = new ArrayList<>(Arrays.asList(3L, 1L, 2L, -10L, 2.5, "0"));
        PhpSort.sort(l, Values::compareForSort);
        assertEquals(List.of(-10L, "0", 1L, 2L, 2.5, 3L), l);
    }

    @Test
    void isStable() {
        List<Object> people = new ArrayList<>();
        String[] names = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O", "P", "Q", "R",
            "S", "T"};
        for (int i = 0; i < names.length; i++) {
            people.add(Map.of("name", names[i], "age", (long) (i % 3)));
        }
        PhpSort.sort(people, Comparator.comparing(p -> (Long) ((Map<?, ?>) p).get("age")));
        StringBuilder sb = new StringBuilder();
        for (Object p : people) {
            sb.append(((Map<?, ?>) p).get("name"));
        }
        assertEquals("ADGJMPSBEHKNQTCFILOR", sb.toString());
    }

    @Test
    void agreesWithListSortForTotalOrders() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Long> a = new ArrayList<>();
            for (int i = random.nextInt(100); i > 0; i--) {
                a.add((long) random.nextInt(20));
            }
            List<Long> b = new ArrayList<>(a);
            PhpSort.sort(a, Long::compare);
            b.sort(Long::compare);
            assertEquals(b, a);
        }
    }

    @Test
    void neverThrowsOnInconsistentComparators() {
        Random random = new Random(3);
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            l.add(random.nextInt(3) == 0 ? Double.NaN : (Object) ("" + random.nextInt(50) + (i % 2 == 0 ? "a" : "")));
        }
        PhpSort.sort(l, (x, y) -> random.nextInt(3) - 1);
        PhpSort.sort(l, Values::compareForSort);
        assertEquals(500, l.size());
    }
}
