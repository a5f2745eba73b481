package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.Extension;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine sites the seventh set of held-out pages (HeldOutPages7Test) found allocating, at most {@link #BOUND}
 * bytes per render after a warm-up, on the executor the suite runs with: a reduce's carry read inside a core
 * filter's arrow in the body ({@code c|merge(p.specs|keys|filter(k => k not in c))}, compare's spec keys) was
 * copied to the heap each step, as if that arrow could run later; a counter kept by a conditional self merge
 * ({@code set s = k in [...] ? s|merge({(k): s[k] + 1}) : s}, diffview's stats) was copied each time, where the
 * plain {@code set s = s|merge(...)} extends s in place; and a string reversed for a consumer other than the output
 * ({@code sha|reverse[:4]}) was a new String each render.
 */
class HeldOutSites7AllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static Template template(String src) {
        return Environment.builder().loader(new MapLoader(Map.of("t", src))).strictVariables(true).build().load("t");
    }

    private static Map<String, Object> product(String... keys) {
        Map<String, Object> specs = new LinkedHashMap<>();
        for (String k : keys) {
            specs.put(k, k.length());
        }
        return Map.of("specs", specs);
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("products", List.of(product("volume", "power", "weight"), product("volume", "power"),
                product("volume", "colour", "weight", "plug")));
        d.put("kinds", List.of("add", "ctx", "del", "add", "hunk", "add"));
        d.put("sha", "9f2c41d7e0b3a6");
        d.put("author", "Zoë");
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("carry read in a filter's arrow", "{{ products|reduce((c, p) => c|merge(p.specs|keys"
                        + "|filter(k => k not in c)), [])|join(',') }}", "volume,power,weight,colour,plug"),
                Arguments.of("carry read in has some and in a nested reduce", "{{ products|reduce((c, p) => c|merge("
                        + "p.specs|keys|filter(k => not (c has some (x => x == k)))|filter(k => c|reduce((n, x) => n"
                        + " + (x == k ? 1 : 0), 0) == 0)), [])|join(',') }}", "volume,power,weight,colour,plug"),
                Arguments.of("conditional self merge", "{% set s = {add: 0, del: 0} %}{% for k in kinds %}"
                        + "{% set s = k in ['add', 'del'] ? s|merge({(k): s[k] + 1}) : s %}{% endfor %}"
                        + "{{ s|map((n, k) => k ~ n)|join(' ') }}", "add3 del1"),
                Arguments.of("nested conditional self merges", "{% set s = [] %}{% for k in kinds %}{% set s = k =="
                        + " 'hunk' ? s : (k in s ? s : s|merge([k])) %}{% endfor %}{{ s|join(',') }}", "add,ctx,del"),
                Arguments.of("a reversed string sliced, counted, upper-cased", "{{ sha|reverse[:4] }}"
                        + "{{ sha|reverse|first }}{{ author|reverse|length }}{{ author|reverse|upper }}",
                        "6a3b63ËOZ"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void staysOffTheHeap(String what, String src, String expected) {
        AllocationMeter.assertRendersWithin(template(src), data(), expected, BOUND, what);
    }

    /**
     * A carry read in a filter's arrow is the carry of the step under way, before the step's merge extends it: the
     * arguments of an in-place merge are evaluated first, and a merge whose result is filtered is no in-place one.
     */
    @Test
    void aCarryReadInAnArrowSeesTheStepsCarry() {
        Template t = template("{{ [1, 2, 2, 3]|reduce((c, x) => c|merge([x]|filter(v => v not in c)), [])|join(',') }}"
                + "|{{ [1, 2]|reduce((c, x) => c|merge([x])|filter(v => v not in c)|merge(c), [])|join(',') }}"
                + "|{{ [1, 2]|reduce((c, x) => c|merge([x])|merge([c|length]), [])|join(',') }}");
        for (int i = 0; i < 20; i++) {
            assertEquals("1,2,3|2,1|1,0,2,2", t.render(Map.of()));
        }
    }

    /**
     * A conditional self merge extends the variable in place only where nothing else holds the variable's array: a
     * copy set before or after it (u), a loop over it and an include reading it see what Twig shows.
     */
    @Test
    void aConditionalSelfMergeLeavesOtherHoldersIntact() {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", "{% set s = [] %}{% set u = [] %}"
                + "{% for x in [1, 2, 3] %}{% set u = s %}{% set s = x > 1 ? s|merge([x]) : s %}{% include 'i' %}"
                + "{% endfor %}{{ u|join(',') }}/{{ s|join(',') }};{% set s = [1, 2] %}{% for x in s %}"
                + "{% set s = x < 5 ? s|merge([x + 10]) : s %}{% endfor %}{{ s|join(',') }}", "i", "[{{ s|join }}]")))
                .strictVariables(true).build().load("t");
        for (int i = 0; i < 20; i++) {
            assertEquals("[][2][23]2/2,3;1,2,11,12", t.render(Map.of()));
        }
    }

    /** What user code keeps of a conditional self merge's variable is its own: intact after later renders. */
    @Test
    void aConditionalSelfMergeHandedToUserCodeStaysIntact() {
        List<Object> kept = new ArrayList<>();
        Extension keep = HeldOutSites6AllocationTest.keeping(kept);
        Template t = Environment.builder().extension(keep).loader(new MapLoader(Map.of("t", "{% set s = {n: 0} %}"
                + "{% for k in kinds %}{% set s = k == 'add' ? s|merge({n: s.n + 1}) : s %}{% endfor %}{{ keep(s) }}"
                + "{{ s.n }}"))).strictVariables(true).build().load("t");
        assertEquals("3", t.render(data()));
        for (int i = 0; i < 30; i++) {
            assertEquals("0", t.render(Map.of("kinds", List.of("del"))));
        }
        assertEquals(Map.of("n", 3L), kept.get(0));
    }
}
