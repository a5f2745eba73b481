package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.php.PhpArray;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The items an accumulation keeps (issue 10, heldout4 gradebook and league): in {@code {% set rs = rs|merge([{...}])
 * %}} or {@code rs|merge([r|merge({...})])} extending rs in place, each step's new element is built in the render's
 * element storage (Semantics#IN_PLACE_ITEM, ScratchAnalysis#keptItems) where no read of rs hands an element to
 * anything that may keep it: a loop whose variable is only read, a core map, reduce, filter or column, first, last or
 * an access read on the spot or kept in a variable only read. Each case prints what real Twig prints and allocates at
 * most {@link #BOUND} bytes per render; the ownership tests show that what user code gets of such an element (in an
 * included template, a macro, a block, through the context, in a render nested in a user's function, on other
 * threads) is a fresh collection that stays as it was while the page renders on.
 */
class KeptItemAccumulationTest {
    private static final double BOUND = 16.0;

    /** Accumulates rows of items as {n, p} mappings into rs (the set extends rs in place). */
    private static final String ROWS = "{% set rs = [] %}{% for i in items %}"
            + "{% set rs = rs|merge([{n: i.name, p: i.price}]) %}{% endfor %}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("hash literals kept, read by a loop, column, map, filter",
                        "{% set rs = [] %}{% for i in items %}{% set rs = rs|merge([{name: i.name, p: i.price * 2}])"
                                + " %}{% endfor %}{% for r in rs %}{{ r.name }}={{ r.p }};{% endfor %}"
                                + "|{{ rs|column('p')|join(',') }}|{{ rs|map(r => r.name)|join }}"
                                + "|{{ rs|filter(r => r.p > 2)|length }}|{{ rs|length }}"
                                + "|{{ rs|map(r => r.p)|reduce((s, p) => s + p, 0) }}",
                        "apple=6;pear=2;fig=4;|6,2,4|applepearfig|2|3|12"),
                Arguments.of("merged rows sorted, first, last and an access kept",
                        "{% set rs = [] %}{% for i in items %}{% set rs = rs|merge([i|merge({d: i.price + 1})]) %}"
                                + "{% endfor %}{% set rs = rs|sort((a, b) => a.d <=> b.d) %}{% set top = rs|first %}"
                                + "{% set low = rs|last %}{{ top.name }}:{{ top.d }}/{{ rs[1].name ?? '-' }}"
                                + "/{{ low.name }}:{{ low.d }}/{{ rs|length }}/{% for r in rs %}{{ r.price }}{% endfor %}",
                        "pear:2/pear/apple:4/3/123"),
                Arguments.of("list literals kept",
                        "{% set rs = [] %}{% for i in items %}{% set rs = rs|merge([[i.name, i.price]]) %}{% endfor %}"
                                + "{% for r in rs %}{{ r|join(':') }};{% endfor %}{{ (rs|first)|first }}",
                        "apple:3;pear:1;fig:2;apple"),
                Arguments.of("a block rendered in the loop",
                        ROWS.replace("{% endfor %}", "{{ block('b') }}{% endfor %}")
                                + "{% for r in rs %}{{ r.n }}{% endfor %}{% block b %}.{% endblock %}",
                        "...applepearfig."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template))).strictVariables(true)
                .build().load("main");
        AllocationMeter.assertRendersWithin(what, t, CollectionAllocationTest.DATA, expected, 1000, BOUND);
    }

    @Test
    void whatUserCodeGetsOfAKeptElementIsFresh() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("keeps r", "{{ r.n }}{{ r|keep }}");
        t.put("keeps rs", "{{ rs|length }}{{ rs|keep }}{{ keep_all(top) }}{{ keep_all(rs|first) }}");
        t.put("include", ROWS + "{% set top = rs|first %}{% for r in rs %}{% include 'keeps r' %}{% endfor %}"
                + "{% include 'keeps rs' %}{{ top.n }}{% for r in rs %}{{ r.n }}{% endfor %}");
        t.put("macro", "{% macro m(x) %}{{ x|keep }}{% endmacro %}{% macro each(x) %}{% for y in x %}{{ y|keep }}"
                + "{% endfor %}{% endmacro %}" + ROWS + "{% set top = rs|first %}{{ _self.m(rs) }}{{ _self.m(top) }}"
                + "{{ _self.each(rs) }}{% for r in rs %}{{ _self.m(r) }}{% endfor %}{{ top.n }}");
        t.put("block", ROWS + "{% set top = rs|last %}{{ block('k') }}{% for r in rs %}{{ block('l') }}{% endfor %}"
                + "{{ top.p }}{% block k %}{{ rs|keep }}{{ keep_all(top) }}{% endblock %}"
                + "{% block l %}{{ r|keep }}{% endblock %}");
        t.put("merged rows", "{% set rs = [] %}{% for i in items %}{% set rs = rs|merge([i|merge({d: 1})]) %}"
                + "{% endfor %}{% set rs = rs|sort((a, b) => a.price <=> b.price) %}{% set top = rs|first %}"
                + "{% include 'keeps rs' %}{% for r in rs %}{% include 'keeps r' %}{% endfor %}{{ top.name }}");
        t.put("context", ROWS + "{% set top = rs|first %}{{ top.n }}{{ keep_all(_context) }}");
        t.put("direct", ROWS + "{% set top = rs|first %}{{ top|keep }}{{ rs|map(r => r)|keep }}");
        t.put("loop", ROWS + "{% for r in rs %}{{ r|keep }}{% endfor %}{{ rs|length }}");
        // more elements than the render's element storage holds (RenderState#elementArray): the rest fresh, and
        // what an include gets of the whole a copy all the same (PhpArrays#isPrivate)
        t.put("many", "{% set rs = [] %}{% for i in 1..300 %}{% set rs = rs|merge([{n: i}]) %}{% endfor %}"
                + "{% set top = rs|last %}{% include 'keeps rs' %}{{ rs|column('n')|reduce((s, n) => s + n, 0) }}");
        CollectionAllocationTest.assertKeptCollectionsAreFreshAndStable(t, "include", "macro", "block",
                "merged rows", "context", "direct", "loop", "many");
    }

    @Test
    void aRenderNestedInAUsersFunctionAndOtherThreadsSeeNoneOfIt() throws Exception {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("keeps", "{{ keep(zs) }}{{ keep(zs|first) }}");
        templates.put("inner", "{% set zs = [] %}{% for x in more %}{% set zs = zs|merge([{v: x}]) %}{% endfor %}"
                + "{% include 'keeps' %}{{ zs|column('v')|join }}");
        templates.put("calls", "({{ nested() }})");
        templates.put("outer", ROWS + "{% for r in rs %}{{ r.n }}{% include 'calls' %}{% endfor %}"
                + "{{ rs|column('p')|join }}");
        List<Object> kept = CollectionAllocationTest.keptByNestedRenders(templates, Map.of("more", List.of(9L, 7L, 8L)),
                "apple(978)pear(978)fig(978)312", k -> Map.of("items", List.of(Map.of("name", "w" + k, "price", k))),
                k -> "w" + k + "(978)" + k);
        for (Object o : kept) {
            assertTrue(o.toString().equals("[{v=9}, {v=7}, {v=8}]") || o.toString().equals("{v=9}"),
                    "a kept collection changed: " + o);
            assertFalse(o instanceof PhpArray, "an array of the engine's was kept");
            if (o instanceof List<?> l) {
                l.forEach(e -> assertFalse(e instanceof PhpArray, "an element of the engine's was kept"));
            }
        }
    }
}
