package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.php.PhpArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Collections rebuilt step by step: {@code {% set c = c|merge(...) %}} in a loop, and a reduce whose arrow returns
 * its carry merged ({@code acc|merge(...)}) or spread into a list literal ({@code [...u, x]}). Where the old value is
 * dead after the step and render-private (ScratchAnalysis), the step extends it in place (CollectionFilters.merge,
 * Semantics#accumulation): no copy per step, nothing allocated per render once warm, on either executor. The
 * expected outputs are real Twig's. The ownership tests show where it must not: a value read by a user's filter, an
 * included template's or a macro's own copy, a loop iterating the variable.
 */
class InPlaceAccumulationTest {
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("words", List.of("b", "a", "b", "c", "a", "b"));
        d.put("years", List.of(2021L, 2020L, 2021L, 2019L));
        d.put("hits", List.of(Map.of("type", "post", "t", "x"), Map.of("type", "page", "t", "y"),
                Map.of("type", "post", "t", "z")));
        Map<String, Object> f1 = new LinkedHashMap<>();
        f1.put("a", 1L);
        f1.put("b", 2L);
        Map<String, Object> f2 = new LinkedHashMap<>();
        f2.put("b", 1L);
        f2.put("c", 3L);
        d.put("plans", List.of(Map.of("features", f1), Map.of("features", f2)));
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("tone", "warn");
        opts.put("footer", "F");
        d.put("opts", opts);
        d.put("nums", List.of(5L, 3L, 5L, 1L));
        List<Long> many = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            many.add(i * 7);
        }
        d.put("many", many);
        return d;
    }

    static Stream<String[]> cases() {
        return Stream.of(
                new String[] {"set c = c|merge in a loop", "{% set c = {} %}{% for w in words %}{% set c = c|merge({(w):"
                        + " (c[w] ?? 0) + 1}) %}{% endfor %}{% for k, n in c %}{{ k }}={{ n }};{% endfor %}"
                        + "{{ c|keys|join(',') }}", "b=3;a=2;c=1;b,a,c"},
                new String[] {"integer keys renumbered", "{% set y = {} %}{% for v in years %}{% set y = y|merge({(v):"
                        + " (y[v] ?? 0) + 1}) %}{% endfor %}{% for k, n in y %}{{ k }}={{ n }};{% endfor %}",
                        "0=1;1=1;2=1;3=1;"},
                new String[] {"a list merged", "{% set l = [] %}{% for n in nums %}{% set l = l|merge([n, n * 2]) %}"
                        + "{% endfor %}{{ l|join(',') }}|{{ l|length }}", "5,10,3,6,5,10,1,2|8"},
                new String[] {"reduce into a mapping kept by set", "{% set f = hits|reduce((acc, h) => acc|merge("
                        + "{(h.type): (acc[h.type] ?? 0) + 1}), {}) %}{{ f|keys|join(',') }}:{{ f|join(',') }}",
                        "post,page:2,1"},
                new String[] {"reduce into a list kept by set", "{% set u = words|reduce((u, x) => x in u ? u :"
                        + " u|merge([x]), []) %}{{ u|join(',') }}", "b,a,c"},
                new String[] {"reduce by spread", "{{ words|reduce((u, x) => x in u ? u : [...u, x], [])|join(',') }}",
                        "b,a,c"},
                new String[] {"reduces chained", "{% set fs = plans|reduce((all, p) => all|merge(p.features|keys), [])"
                        + "|reduce((u, f) => f in u ? u : [...u, f], []) %}{% for f in fs %}{{ f }}{% endfor %}", "abc"},
                new String[] {"options merged in a macro", "{% macro card(opts = {}) %}{% set o = {tone: 'neutral',"
                        + " icon: null, footer: null}|merge(opts) %}[{{ o.tone }}{{ o.icon ? '!' }}{{ o.footer }}]"
                        + "{% endmacro %}{% import _self as m %}{% for i in 1..3 %}{{ m.card(i == 2 ? opts : {}) }}"
                        + "{% endfor %}", "[neutral][warnF][neutral]"},
                new String[] {"a carry merged with itself", "{{ nums|reduce((a, n) => a|merge(a), [1])|length }}", "16"},
                // longer than the render's arena (256 arrays): a copy per step would not fit in it
                new String[] {"a long loop", "{% set c = [] %}{% for n in many %}{% set c = c|merge([n]) %}"
                        + "{% endfor %}{{ c|length }} {{ c|last }}", "300 2093"},
                new String[] {"a long reduce", "{{ many|reduce((u, n) => u|merge({(n): n}), {})|length }}", "300"},
                new String[] {"a long spread", "{{ many|reduce((u, n) => [...u, n], [])|last }}", "2093"},
                new String[] {"nested reduces", "{{ nums|reduce((a, n) => a|merge([nums|reduce((b, m) => b|merge([m]),"
                        + " [])|length]), [])|join(',') }}", "4,4,4,4"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigAndAllocatesNothingPerStep(String name, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("index.twig", template)))
                .strictVariables(true).build().load("index.twig");
        AllocationMeter.assertRendersWithin(t, data(), expected, BOUND, name);
    }

    private static Template load(Map<String, String> templates, List<Object> kept) {
        return Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return a[0];
                })).build().load("index.twig");
    }

    /** What a user's filter is given along the way is its own: later steps and renders do not change it. */
    @Test
    void aValueReadByUserCodeIsNeverExtendedInPlace() {
        List<Object> kept = new ArrayList<>();
        Template t = load(Map.of("index.twig", "{% set c = [] %}{% for n in nums %}{% set c = c|merge([n]) %}"
                + "{% if n == 3 %}{{ c|keep|length }}{% endif %}{% endfor %}"
                + "{{ words|reduce((u, x) => (u|merge([x]))|keep, [])|length }}|{{ c|join(',') }}"), kept);
        for (int i = 0; i < 3; i++) {
            assertEquals("26|5,3,5,1", t.render(data()));
        }
        assertEquals(3 * 7, kept.size());
        for (int i = 0; i < kept.size(); i += 7) {
            Object first = kept.get(i);
            assertEquals(List.of(5L, 3L), first instanceof List<?> l ? l : List.copyOf(((Map<?, ?>) first).values()));
            for (int k = 1; k <= 6; k++) {
                Object v = kept.get(i + k);
                assertFalse(v instanceof PhpArray p && p.isPooled(), "render-private storage reached a filter");
                assertEquals(k, v instanceof List<?> l ? l.size() : ((Map<?, ?>) v).size(), "step " + k);
            }
        }
    }

    /** A scope that got the variable's array from another (an include, a macro, with) extends a copy of it. */
    @Test
    void aScopeGivenTheArrayExtendsItsOwnCopy() {
        String fill = "{% set c = [] %}{% for n in nums %}{% set c = c|merge([n]) %}{% endfor %}";
        String more = "{% for n in [9] %}{% set c = c|merge([n]) %}{% endfor %}{{ c|join(',') }}|";
        Map<String, String> include = Map.of("index.twig", fill + "{% include 'inc.twig' %}{{ c|join(',') }}",
                "inc.twig", more);
        Map<String, String> macro = Map.of("index.twig", "{% macro m(c) %}" + more + "{% endmacro %}"
                + "{% import _self as s %}" + fill + "{{ s.m(c) }}{{ c|join(',') }}");
        Map<String, String> with = Map.of("index.twig", fill + "{% with %}" + more + "{% endwith %}{{ c|join(',') }}");
        for (Map<String, String> templates : List.of(include, macro, with)) {
            Template t = load(templates, new ArrayList<>());
            for (int i = 0; i < 3; i++) {
                assertEquals("5,3,5,1,9|5,3,5,1", t.render(data()), templates.toString());
            }
        }
    }

    /** A loop over the variable it extends iterates the value it started with, as PHP's foreach does. */
    @Test
    void aLoopOverTheVariableSeesItsFirstValue() {
        Template t = load(Map.of("index.twig", "{% set c = nums|merge([]) %}{% for n in c %}{% set c = c|merge([n]) %}"
                + "{% endfor %}{{ c|join(',') }}"), new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            assertEquals("5,3,5,1,5,3,5,1", t.render(data()));
        }
    }
}
