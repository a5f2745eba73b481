package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FunctionDefinition;
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
 * The engine site the sixth set of held-out pages (HeldOutPages6Test) found allocating, at most {@link #BOUND}
 * bytes per render after a warm-up, on the executor the suite runs with: the groups of a grouping reduce kept by set
 * ({@code set g = xs|reduce((c, x) => c|merge({(x.k): (c[x.k] ?? [])|merge([x])}), {})}) were copied to the heap
 * per group and step when the variable was also read by keys (kanban's {@code columns|keys|join}), which hands on
 * keys alone and so leaves the groups where they are, or when a group was set to a variable through {@code ??}
 * (kanban's {@code set list = columns[state] ?? []}), which holds the group as {@code set list = columns[state]}
 * does.
 */
class HeldOutSites6AllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final String GROUPED = "{% set g = xs|reduce((c, x) => c|merge({(x.k): (c[x.k] ?? [])|merge([x])}),"
            + " {}) %}";

    private static Map<String, Object> row(String k, long v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("v", v);
        return m;
    }

    private static Map<String, Object> data(String... keys) {
        List<Object> xs = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            xs.add(row(keys[i], i));
        }
        return Map.of("xs", xs);
    }

    /** The grouping of GROUPED, then body. */
    private static Template grouped(String body) {
        return Environment.builder().loader(new MapLoader(Map.of("t", GROUPED + body))).strictVariables(true).build()
                .load("t");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("grouping read by keys", "{{ g|keys|join('/') }}:{% for k, l in g %}{{ k }}="
                        + "{{ l|column('v')|join(',') }};{% endfor %}", "a/b/c:a=0,2,5;b=1,4;c=3;"),
                Arguments.of("group set through ??", "{% for k in ['a', 'z', 'b'] %}{% set l = g[k] ?? [] %}{{ k }}"
                        + "{{ l|length }}{% for row in l|batch(2, '-') %}[{% for x in row %}{{ x.v ?? x }}{% endfor %}]"
                        + "{% endfor %};{% endfor %}", "a3[02][5-];z0;b2[14];"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void groupsStayInElementStorage(String what, String body, String expected) {
        AllocationMeter.assertRendersWithin(grouped(body), data("a", "b", "a", "c", "b", "a"), expected, BOUND, what);
    }

    /** A group set through {@code ??} and then extended by merge leaves the group itself as it was. */
    @Test
    void aGroupSetThroughNullCoalesceAndExtendedLeavesTheGroup() {
        Template t = grouped("{% for k in ['a', 'b'] %}{% set l = g[k] ?? [] %}{% set l = l|merge([{v: 9}]) %}"
                + "{{ l|column('v')|join }}/{{ g[k]|column('v')|join }};{% endfor %}");
        for (int i = 0; i < 20; i++) {
            assertEquals("029/02;19/1;", t.render(data("a", "b", "a")));
        }
    }

    /**
     * Ownership: a group set through {@code ??} to a variable, then handed to user code in every way a template can
     * (directly, inside a list or hash literal, through another variable, sliced, through a macro), reaches it as a
     * collection of its own: intact after later renders of other data.
     */
    @Test
    void aGroupSetThroughNullCoalesceReachesUserCodeFresh() {
        String[] ways = {"{{ keep(l) }}", "{{ keep([l]) }}", "{{ keep({x: l}) }}", "{% set m = l %}{{ keep(m) }}",
            "{{ keep(l|slice(0)) }}", "{% import _self as s %}{% macro k(v) %}{{ keep(v) }}{% endmacro %}{{ s.k(l) }}"};
        for (String way : ways) {
            List<Object> kept = new ArrayList<>();
            Extension keep = keeping(kept);
            Template t = Environment.builder().extension(keep).loader(new MapLoader(Map.of("t", GROUPED
                    + "{% set l = g.a ?? [] %}{{ l|length }}" + way))).strictVariables(true).build().load("t");
            assertEquals("2", t.render(data("a", "b", "a")), way);
            Object first = kept.get(0);
            String before = first.toString();
            for (int i = 0; i < 50; i++) {
                assertEquals("3", t.render(data("a", "x", "a", "y", "a")), way);
            }
            assertEquals(before, first.toString(), way + ": kept value changed by later renders");
            assertEquals(true, before.contains("k=a, v=0") && before.contains("k=a, v=2") && !before.contains("v=4"),
                    way + ": " + before);
        }
    }

    /**
     * Ownership: the keys of such a grouping handed to user code, and the groups themselves when user code receives
     * them (then out of element storage), are the receiver's to keep: intact after later renders of other data.
     */
    @Test
    void whatUserCodeKeepsOfAGroupingReadByKeysStaysIntact() {
        List<Object> kept = new ArrayList<>();
        Extension keep = keeping(kept);
        Template t = Environment.builder().extension(keep).loader(new MapLoader(Map.of("t", GROUPED
                + "{% set ks = g|keys %}{{ keep(ks) }}{{ ks|join('/') }}:{% for k, l in g %}{{ k }}{{ l|length }}"
                + "{% endfor %}{% if keepGroups %}{{ keep(g) }}{% endif %}"))).strictVariables(true).build().load("t");
        Map<String, Object> first = new LinkedHashMap<>(data("a", "b", "a"));
        first.put("keepGroups", true);
        assertEquals("a/b:a2b1", t.render(first));
        for (int i = 0; i < 50; i++) {
            Map<String, Object> other = new LinkedHashMap<>(data("x", "y", "z", "x", "w"));
            other.put("keepGroups", false);
            assertEquals("x/y/z/w:x2y1z1w1", t.render(other));
        }
        assertEquals(List.of("a", "b"), kept.get(0), "kept keys");
        @SuppressWarnings("unchecked")
        Map<String, Object> groups = (Map<String, Object>) kept.get(1);
        assertEquals(List.of("a", "b"), new ArrayList<>(groups.keySet()));
        assertEquals(List.of(row("a", 0), row("a", 2)), groups.get("a"), "kept group a");
        assertEquals(List.of(row("b", 1)), groups.get("b"), "kept group b");
        assertEquals(List.of("x", "y", "z", "w"), kept.get(2), "keys of a later render");
    }

    /** An extension whose function keep(value) adds what it is given to kept, as user code that keeps it may. */
    static Extension keeping(List<Object> kept) {
        return new Extension() {
            @Override
            public List<FunctionDefinition> functions() {
                return List.of(FunctionDefinition.of("keep", (ctx, args) -> {
                    kept.add(args[0]);
                    return "";
                }).params("value"));
            }
        };
    }
}
