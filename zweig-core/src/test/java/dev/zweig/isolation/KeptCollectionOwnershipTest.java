package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Ownership of the collections core filters make where they may be kept (issue 10: RecentArrays, the render state's
 * recent kept collections shared by renders that make the same pairs): the items of a map of maps with a merge
 * flattened by a reduce, the groups a grouping reduce makes of them, kept by a user's function, filter or a set then
 * handed on, in renders one after another with other data, in a render nested in a user's function, and on several
 * threads. What user code kept must read as it did when it was kept, and what a render on a state that rendered
 * other data before keeps must read as what a state that never rendered anything keeps (a collection of the last
 * render is shared only when it holds the very same pairs).
 */
class KeptCollectionOwnershipTest {
    /** What the keepers of the current thread's render kept: the value, and how it read then. */
    private static final ThreadLocal<List<Object[]>> KEPT = ThreadLocal.withInitial(ArrayList::new);

    private static final String ALL = "{% set all = recipes|map(r => r.ingredients|map(i => i|merge({factor:"
            + " (scale[r.slug] ?? r.serves) / r.serves})))|reduce((a, l) => a|merge(l), []) %}";
    private static final String GROUPS = "all|reduce((m, i) => m|merge({(i.name): (m[i.name] ?? [])|merge([i])}),"
            + " {})|sort((a, b) => (a|length) <=> (b|length))";

    private static Map<String, String> templates() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("grouped", ALL + "{% for name, list in " + GROUPS + " %}{{ name }}:{{ list|reduce((s, i) => s + i.amount"
                + " * i.factor, 0) }}{{ keep(list) }}{{ (list|first|keepf).unit ?? '' }}/{{ list|length }};"
                + "{% endfor %}{{ keep(all) }}");
        t.put("set", ALL + "{% set first = all|first %}{% set big = all|filter(i => i.factor > 1) %}"
                + "{% set names = all|map(i => i|merge({n: i.name ~ '!'})) %}{{ keep(first) }}{{ keep(big) }}"
                + "{{ names|keepf|length }}{% for i in all %}{{ i.name }}{% endfor %}{{ all|length }}");
        t.put("nested", ALL + "{{ all|length }}{{ inner('grouped') }}{{ keep(all|last) }}"
                + "{% for i in all %}{{ i.name }}{% endfor %}{{ inner('set') }}{{ keep(all) }}");
        return t;
    }

    private static Environment env(Executor ex) {
        Environment[] self = new Environment[1];
        self[0] = Environment.builder().loader(new MapLoader(templates())).executor(ex).strictVariables(true)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    KEPT.get().add(new Object[] {a[0], RedTeamSession12Test.snap(a[0])});
                    return "";
                }).params("v"))
                .filter(FilterDefinition.of("keepf", (ctx, a) -> {
                    KEPT.get().add(new Object[] {a[0], RedTeamSession12Test.snap(a[0])});
                    return a[0];
                }))
                .function(FunctionDefinition.of("inner", (ctx, a) -> self[0].load((String) a[0])
                        .render(variables(ctx.variables()))).params("name"))
                .build();
        return self[0];
    }

    /** The data a nested render gets: the outer render's (the keys the pages read). */
    private static Map<String, Object> variables(Map<String, Object> outer) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("recipes", outer.get("recipes"));
        d.put("scale", outer.get("scale"));
        return d;
    }

    private static Map<String, Object> ingredient(String name, long amount, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("amount", amount);
        if (unit != null) {
            m.put("unit", unit);
        }
        return m;
    }

    /** Data of variant v: other names, amounts, units and factors for each v. */
    static Map<String, Object> data(int v) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("scale", Map.of("a", 2L + 2 * v));
        d.put("recipes", List.of(
                Map.of("slug", "a", "serves", 2L, "ingredients", List.of(ingredient("eggs", 4 + v, null),
                        ingredient(v % 2 == 0 ? "onion" : "leek", 1, "pc"))),
                Map.of("slug", "b", "serves", 4L, "ingredients", List.of(ingredient("onion", 1 + v, null),
                        ingredient("rice", 200 + 10 * v, v % 2 == 0 ? "g" : "kg")))));
        return d;
    }

    /** Renders name with data on env; returns the output and the snapshots of what was kept, then and now. */
    private static List<String> render(Environment env, String name, Map<String, Object> data, List<Object[]> all) {
        KEPT.get().clear();
        List<String> out = new ArrayList<>();
        out.add(env.load(name).render(data));
        for (Object[] k : KEPT.get()) {
            out.add((String) k[1]);
            all.add(k);
        }
        KEPT.get().clear();
        return out;
    }

    /** What a state that never rendered anything gives (a new environment). */
    private static List<String> reference(Executor ex, String name, int v) {
        return render(env(ex), name, data(v), new ArrayList<>());
    }

    private static void assertIntact(List<Object[]> kept) {
        for (Object[] k : kept) {
            assertEquals(k[1], RedTeamSession12Test.snap(k[0]), "a kept value changed");
        }
    }

    @ParameterizedTest
    @EnumSource(Executor.class)
    void keptValuesStayAndOtherDataGetsItsOwn(Executor ex) {
        Environment env = env(ex);
        List<Object[]> kept = new ArrayList<>();
        for (String name : templates().keySet()) {
            for (int v : new int[] {0, 1, 1, 0, 2, 0}) {
                List<String> got = render(env, name, data(v), kept);
                assertEquals(reference(ex, name, v), got, name + " with data " + v);
                assertIntact(kept);
            }
        }
        assertFalse(kept.isEmpty());
    }

    @ParameterizedTest
    @EnumSource(Executor.class)
    void severalThreadsKeepTheirOwn(Executor ex) throws Exception {
        Environment env = env(ex);
        Map<String, List<List<String>>> expected = new LinkedHashMap<>();
        for (String name : templates().keySet()) {
            List<List<String>> byData = new ArrayList<>();
            for (int v = 0; v < 3; v++) {
                byData.add(reference(ex, name, v));
            }
            expected.put(name, byData);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Object[]>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                runs.add(pool.submit(() -> {
                    List<Object[]> kept = new ArrayList<>();
                    for (int i = 0; i < 150; i++) {
                        int v = (i + seed) % 3;
                        for (String name : expected.keySet()) {
                            assertEquals(expected.get(name).get(v), render(env, name, data(v), kept), name);
                        }
                    }
                    return kept;
                }));
            }
            for (Future<List<Object[]>> f : runs) {
                assertIntact(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
