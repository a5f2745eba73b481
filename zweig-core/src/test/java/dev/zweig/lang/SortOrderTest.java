package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sort filter, max, min and the comparison operators on values PHP's order does not rank consistently
 * ("10" &lt; "9a" &lt; "9" but 10 &gt; 9; arrays with different keys are "greater" both ways): Twig leaves them
 * to PHP, whose asort()/uasort() run zend_sort (insertion sort up to 16 values, a quicksort with set pivots
 * above) made stable by the original order, whose max()/min() compare in opposite directions for an array and for
 * arguments, and which compiles {@code a > b} as {@code b < a}. Every expectation is what Twig 3.15 on PHP 8.2
 * printed for the template (the local oracle).
 */
class SortOrderTest {
    private static void assertRenders(String expected, String template, Object... data) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < data.length; i += 2) {
            vars.put((String) data[i], data[i + 1]);
        }
        Environment env = Environment.builder().loader(new MapLoader(Map.of("index.twig", template)))
                .strictVariables(true).build();
        assertEquals(expected, env.render("index.twig", vars));
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void sortWithoutAnArrowFollowsPhpsStepsOnMixedValues() {
        assertRenders("2b,9,10|1,2b,9,10|9,10,1e1,a,b",
                "{{ ['10', '9', '2b']|sort|join(',') }}|{{ ['10', '9', '2b', '1']|sort|join(',') }}|{{ ['b', 10, 'a', 9, '1e1']|sort|join(',') }}");
    }

    @Test
    void sortKeepsTheKeysOfAMapping() {
        assertRenders("zyx|yzx",
                "{{ {x: '10', y: '9', z: '2b'}|sort|keys|join }}|{{ {x: 3, y: 1, z: 2}|sort((a, b) => a <=> b)|keys|join }}");
    }

    @Test
    void anArrowReturningABooleanIsRetriedWithSwappedOperands() {
        assertRenders("123|321|123",
                "{{ [3, 1, 2]|sort((a, b) => a > b)|join }}|{{ [3, 1, 2]|sort((a, b) => a < b)|join }}|{{ [1, 2, 3]|sort((a, b) => 0)|join }}");
    }

    @Test
    void anArrowThatIsNoOrderGivesPhpsResult() {
        assertRenders("b,e,aa,dd,ccc|xyz|yzx",
                "{{ ['aa', 'b', 'ccc', 'dd', 'e']|sort((a, b) => a|length - b|length)|join(',') }}|{{ ['x', 'y', 'z']|sort((a, b) => -1)|join }}|{{ ['x', 'y', 'z']|sort((a, b) => 1)|join }}");
    }

    @Test
    void anArrowsFloatResultIsCastToAnInteger() {
        assertRenders("0.5,0.25,0.75|312",
                "{{ [0.5, 0.25, 0.75]|sort((a, b) => a - b)|join(',') }}|{{ [3, 1, 2]|sort((a, b) => (a - b) / 10)|join }}");
    }

    @Test
    void sortIsStable() {
        assertRenders("BDGHMPSCFILNQTAEJKOR",
                "{{ items|sort((a, b) => a.age <=> b.age)|map(p => p.name)|join }}",
                "items", List.of(map("name", "A", "age", 3L), map("name", "B", "age", 1L), map("name", "C", "age", 2L), map("name", "D", "age", 1L), map("name", "E", "age", 3L), map("name", "F", "age", 2L), map("name", "G", "age", 1L), map("name", "H", "age", 1L), map("name", "I", "age", 2L), map("name", "J", "age", 3L), map("name", "K", "age", 3L), map("name", "L", "age", 2L), map("name", "M", "age", 1L), map("name", "N", "age", 2L), map("name", "O", "age", 3L), map("name", "P", "age", 1L), map("name", "Q", "age", 2L), map("name", "R", "age", 3L), map("name", "S", "age", 1L), map("name", "T", "age", 2L)));
    }

    @Test
    void twentyMixedValuesTakeTheQuicksortPath() {
        assertRenders(",-1,0,1,02,2.5, 3,10,1e1,11,100,2b,3 ,9,9a,B,a,b,x10,z",
                "{{ l|sort|join(',') }}",
                "l", List.of("10", "9", "2b", "a", "1e1", 1L, 2.5, "02", " 3", "3 ", "B", "b", "", "0", "-1", "x10", "11", "9a", "100", "z"));
    }

    @Test
    void numericAndLeadingNumericStrings() {
        assertRenders("10a,11,11a,12,13a,14,14a,15,16a,17,17a,18,19a,1a,2,20,20a,21,22a,23,23a,24,25a,26,26a,27,28a,29,29a,2a,3,4a,5,5a,6,7a,8,8a,9,30",
                "{{ l|sort|join(',') }}",
                "l", List.of("30", "29", "29a", "28a", "27", "26", "26a", "25a", "24", "23", "23a", "22a", "21", "20", "20a", "19a", "18", "17", "17a", "16a", "15", "14", "14a", "13a", "12", "11", "11a", "10a", "9", "8", "8a", "7a", "6", "5", "5a", "4a", "3", "2", "2a", "1a"));
    }

    @Test
    void anArrowOverMoreThanSixteenValues() {
        assertRenders("30,28,27,25,23,21,19,17,15,14,12,11,9,8,6,5,4,3,2,1",
                "{{ l|sort((a, b) => a ~ '' < b ~ '')|join(',') }}",
                "l", List.of(17L, 3L, 25L, 9L, 11L, 2L, 30L, 14L, 5L, 21L, 8L, 19L, 1L, 27L, 12L, 6L, 23L, 15L, 4L, 28L));
    }

    @Test
    void arraysAndMixedTypes() {
        assertRenders("{&quot;a&quot;:1} [1] [2] [1,1]|0 null true &quot;a&quot; []",
                "{{ [[2], [1, 1], [1], {a: 1}]|sort|map(x => x|json_encode)|join(' ') }}|{{ [true, 0, null, 'a', []]|sort|map(x => x|json_encode)|join(' ') }}");
    }

    @Test
    void maxAndMinOfArraysWithDifferentKeysDependOnTheForm() {
        assertRenders("abba",
                "{{ max([{a: 1}, {b: 2}])|keys|join }}{{ max({a: 1}, {b: 2})|keys|join }}{{ min([{a: 1}, {b: 2}])|keys|join }}{{ min({a: 1}, {b: 2})|keys|join }}");
    }

    @Test
    void maxAndMinOfNumericLikeStrings() {
        assertRenders("9a|9|9a|9|n",
                "{{ max(['10', '9a', '9']) }}|{{ min(['10', '9a', '9']) }}|{{ max('10', '9a', '9') }}|{{ min('10', '9a', '9') }}|{{ max([null, false, 0]) is same as(null) ? 'n' }}");
    }

    @Test
    void maxAndMinAcrossTypes() {
        assertRenders("[0]|1|a|0|s",
                "{{ max([1, [0]])|json_encode }}|{{ min([1, [0]])|json_encode }}|{{ max('a', 0) }}|{{ min('a', 0) }}|{{ max([]|merge(['1', 1])) is same as('1') ? 's' : 'i' }}");
    }

    @Test
    void greaterThanComparesAsPhpCompilesIt() {
        assertRenders("1|1|1|ngt|nlt|nge",
                "{{ ([2, 1] <=> [1, 2]) }}|{{ ({a: 1} <=> {b: 1}) }}|{{ ({b: 1} <=> {a: 1}) }}|{{ {a: 1} > {b: 1} ? 'gt' : 'ngt' }}|{{ {a: 1} < {b: 1} ? 'lt' : 'nlt' }}|{{ {a: 1} >= {b: 1} ? 'ge' : 'nge' }}");
    }
}
