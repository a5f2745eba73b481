package dev.zweig.alloc;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Collections a core filter makes where they may be kept (issue 10, heldout4 recipe): a map of maps with a merge,
 * flattened by a reduce into a variable ({@code set all = rs|map(r => r.items|map(i => i|merge({...})))|reduce((a,
 * l) => a|merge(l), [])}), then grouped by a reduce and looped; a merge kept by set in a loop. The merges' and the
 * inner maps' results are not render-private (they become elements of a variable, then of groups): each is a
 * collection anyone may keep, the same unmodifiable one as the last render's when it holds the same pairs (see
 * RecentArrays), so a render in steady state makes none. Each case prints what real Twig prints and allocates at most
 * {@link #BOUND} bytes per render (run on both executors by the build).
 */
class KeptCollectionAllocationTest {
    private static final double BOUND = 16.0;

    /** Flattens the recipes' ingredients, each merged with its recipe's factor. */
    static final String ALL = "{% set all = recipes|map(r => r.ingredients|map(i => i|merge({factor: (scale[r.slug]"
            + " ?? r.serves) / r.serves})))|reduce((a, l) => a|merge(l), []) %}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("map of maps with merge flattened by reduce",
                        ALL + "{% for i in all %}{{ i.name }}x{{ i.amount * i.factor }};{% endfor %}{{ all|length }}",
                        "eggsx12;onionx3;onionx1;ricex200;4"),
                Arguments.of("flattened, then grouped by a reduce, sorted and looped",
                        ALL + "{% for name, list in all|reduce((m, i) => m|merge({(i.name): (m[i.name] ?? [])"
                                + "|merge([i])}), {})|sort((a, b) => (a|length) <=> (b|length)) %}{{ name }}:"
                                + "{{ list|reduce((s, i) => s + i.amount * i.factor, 0) }}"
                                + "{{ (list|first).unit ?? '' }}/{{ list|length }};{% endfor %}",
                        "eggs:12/1;rice:200g/1;onion:4/2;"),
                Arguments.of("a merge kept by set in a loop, read after it",
                        "{% for r in recipes %}{% set x = r|merge({n: r.ingredients|length}) %}{{ x.slug }}{{ x.n }}"
                                + "{% endfor %}",
                        "a2b2"),
                Arguments.of("a map kept by set, read by a loop and a join",
                        "{% set names = recipes|map(r => r.slug ~ '!') %}{% for n in names %}{{ n }}{% endfor %}"
                                + "{% set firsts = recipes|map(r => r.ingredients|first) %}"
                                + "{% for f in firsts %}{{ f.name }}{% endfor %}",
                        "a!b!eggsonion"));
    }

    static final Map<String, Object> DATA = data();

    private static Map<String, Object> map(Object... kv) {
        return HeldOutSites5AllocationTest.row(kv);
    }

    private static Map<String, Object> data() {
        return map("scale", map("a", 6L), "recipes", List.of(
                map("slug", "a", "serves", 2L, "ingredients", List.of(map("name", "eggs", "amount", 4L),
                        map("name", "onion", "amount", 1L))),
                map("slug", "b", "serves", 4L, "ingredients", List.of(map("name", "onion", "amount", 1L),
                        map("name", "rice", "amount", 200L, "unit", "g")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template))).strictVariables(true)
                .build().load("main");
        AllocationMeter.assertRendersWithin(what, t, DATA, expected, 1000, BOUND);
    }
}
