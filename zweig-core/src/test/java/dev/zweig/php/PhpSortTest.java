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

    /** Results of PHP 8.2's sort()/usort() (zend_sort, made stable), printed by php itself. */
    @Test
    void sortsMixedStringsAsPhpDoes() {
        List<Object> small = new ArrayList<>(List.of("10", "9", "2b"));
        PhpSort.sort(small, Values::compare);
        assertEquals(List.of("2b", "9", "10"), small); // no total order: "10" < "9a"... only zend_sort's steps give this
        List<Object> l = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            l.add((i * 7919) % 23 + (i % 3 != 0 ? "" : "x"));
        }
        PhpSort.sort(l, Values::compare);
        assertEquals("0,0x,1,11x,13x,15x,17x,19x,1x,2,3,4,5,6,6,7,8,8,10,10,12,12,13,14,14,15,16,17,18,19,20,20x,21,"
                + "21x,22,22x,3x,5x,7x,9x", String.join(",", l.stream().map(String::valueOf).toList()));
    }

    @Test
    void followsZendSortWithAComparatorThatIsNoOrder() {
        List<Integer> always = new ArrayList<>();
        List<Integer> never = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            always.add(i);
            never.add(i);
        }
        // usort($d, fn($x, $y) => 1) and => -1 on range(1, 20): the quicksort's pivots and swaps, as PHP makes them
        PhpSort.sort(always, (x, y) -> 1);
        PhpSort.sort(never, (x, y) -> -1);
        assertEquals(List.of(16, 14, 15, 12, 13, 19, 2, 8, 9, 6, 7, 5, 4, 3, 17, 10, 18, 11, 20, 1), always);
        assertEquals(List.of(1, 12, 19, 18, 17, 16, 15, 14, 13, 11, 2, 10, 9, 8, 7, 6, 5, 4, 3, 20), never);
    }

    @Test
    void sortsLargeArraysAsPhpDoes() throws Exception {
        // from 1024 elements on, zend_sort takes the median of five as its pivot; ties keep their order
        List<Integer> d = new ArrayList<>();
        for (int i = 1; i <= 1100; i++) {
            d.add(i);
        }
        PhpSort.sort(d, Comparator.comparingInt(x -> (x * 31) % 17));
        assertEquals(List.of(17, 34, 51, 68, 85, 102, 119, 136, 153, 170, 187, 204), d.subList(0, 12));
        String joined = String.join(",", d.stream().map(String::valueOf).toList());
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(joined.getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("9753e6de500f1e87d6edcd639efb6a92", java.util.HexFormat.of().formatHex(md5));
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
