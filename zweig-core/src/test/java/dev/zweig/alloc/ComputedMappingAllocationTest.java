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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Mapping literals of computed values that a render builds per call or per row and json_encodes (issue 10, the
 * held-out api page): a JSON:API resource built by a macro per order (nested mappings, texts, a map arrow
 * returning a mapping per line), links kept by set whose values are chosen by conditionals, mappings returned by a
 * map arrow that json_encode or length reads. They live in the render's scratch storage, their texts in
 * render-private buffers. Each case prints what real Twig prints (PHP oracle) and allocates at most
 * {@link #BOUND} bytes per render after warm-up; the suite runs once per executor. The ownership test proves that
 * where such a mapping reaches user code (a filter given the map's result or one of its elements), it is fresh.
 */
class ComputedMappingAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final String MACROS = "{% macro order(o, base, flags) -%}{{ {type: 'orders', id: '' ~ o.id, attributes: {total:"
                + " (o.cents / 100)|round(2), items: o.lines|map(l => l.qty)|reduce((a, b) => a + b, 0)}, r"
                + "elationships: {lines: {data: o.lines|map((l, i) => {type: 'lines', id: o.id ~ '-' ~ i, s"
                + "ku: l.sku})}}, links: {self: \"#{base}/orders/#{o.id}\"}}|json_encode(flags) }}{%- endma"
                + "cro %}";

    static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("base", "https://api.example.com/v2");
        d.put("page", 1L);
        d.put("last_page", 4L);
        d.put("orders", List.of(
                Map.of("id", 5001L, "cents", 12999L, "lines", List.of(Map.of("sku", "A-1/x", "qty", 2L),
                        Map.of("sku", "B-2", "qty", 1L))),
                Map.of("id", 5002L, "cents", 500L, "lines", List.of(Map.of("sku", "C-3", "qty", 10L))),
                Map.of("id", 5003L, "cents", 1L, "lines", List.of())));
        return d;
    }

    private static final Map<String, Object> DATA = data();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a JSON:API resource built per macro call and json_encoded",
                        "{% import 'macros' as r %}{% set flags = constant('JSON_UNESCAPED_SLASHES') b-or constan"
                                + "t('JSON_UNESCAPED_UNICODE') %}[{% for o in orders %}{{ r.order(o, base, flags) }}{{ loop"
                                + ".last ? '' : ',' }}{% endfor %}]",
                        "[{&quot;type&quot;:&quot;orders&quot;,&quot;id&quot;:&quot;5001&quot;,&quot;attributes&q"
                                + "uot;:{&quot;total&quot;:129.99,&quot;items&quot;:3},&quot;relationships&quot;:{&quot;lin"
                                + "es&quot;:{&quot;data&quot;:[{&quot;type&quot;:&quot;lines&quot;,&quot;id&quot;:&quot;500"
                                + "1-0&quot;,&quot;sku&quot;:&quot;A-1/x&quot;},{&quot;type&quot;:&quot;lines&quot;,&quot;i"
                                + "d&quot;:&quot;5001-1&quot;,&quot;sku&quot;:&quot;B-2&quot;}]}},&quot;links&quot;:{&quot;"
                                + "self&quot;:&quot;https://api.example.com/v2/orders/5001&quot;}},{&quot;type&quot;:&quot;"
                                + "orders&quot;,&quot;id&quot;:&quot;5002&quot;,&quot;attributes&quot;:{&quot;total&quot;:5"
                                + ",&quot;items&quot;:10},&quot;relationships&quot;:{&quot;lines&quot;:{&quot;data&quot;:[{"
                                + "&quot;type&quot;:&quot;lines&quot;,&quot;id&quot;:&quot;5002-0&quot;,&quot;sku&quot;:&qu"
                                + "ot;C-3&quot;}]}},&quot;links&quot;:{&quot;self&quot;:&quot;https://api.example.com/v2/or"
                                + "ders/5002&quot;}},{&quot;type&quot;:&quot;orders&quot;,&quot;id&quot;:&quot;5003&quot;,&"
                                + "quot;attributes&quot;:{&quot;total&quot;:0.01,&quot;items&quot;:0},&quot;relationships&q"
                                + "uot;:{&quot;lines&quot;:{&quot;data&quot;:[]}},&quot;links&quot;:{&quot;self&quot;:&quot"
                                + ";https://api.example.com/v2/orders/5003&quot;}}]"),
                Arguments.of("mappings kept by set with conditional values, mappings returned by a map arrow",
                        "{% set links = {self: base ~ '/orders?page=' ~ page, next: page < last_page ? base ~ '/o"
                                + "rders?page=' ~ (page + 1) : null, prev: page > 1 ? base ~ '?p=' ~ (page - 1) : null} %}{"
                                + "{ links|json_encode(64) }} {{ links|json_encode }} {{ orders|map(o => {id: o.id, n: o.li"
                                + "nes|length, tag: 'o' ~ o.id})|json_encode }} {{ orders|map(o => {id: o.id})|length }}",
                        "{&quot;self&quot;:&quot;https://api.example.com/v2/orders?page=1&quot;,&quot;next&quot;:"
                                + "&quot;https://api.example.com/v2/orders?page=2&quot;,&quot;prev&quot;:null} {&quot;self&"
                                + "quot;:&quot;https:\\/\\/api.example.com\\/v2\\/orders?page=1&quot;,&quot;next&quot;:&quo"
                                + "t;https:\\/\\/api.example.com\\/v2\\/orders?page=2&quot;,&quot;prev&quot;:null} [{&quot;"
                                + "id&quot;:5001,&quot;n&quot;:2,&quot;tag&quot;:&quot;o5001&quot;},{&quot;id&quot;:5002,&q"
                                + "uot;n&quot;:1,&quot;tag&quot;:&quot;o5002&quot;},{&quot;id&quot;:5003,&quot;n&quot;:0,&q"
                                + "uot;tag&quot;:&quot;o5003&quot;}] 3"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template, "macros", MACROS)))
                .strictVariables(true).build().load("main");
        assertEquals(expected, t.render(DATA));
        AllocationMeter.assertRendersWithin(what, t, DATA, expected, 1000, BOUND);
    }

    @Test
    void mappingsAUsersFilterGetsAreFreshAndStayAsTheyWere() {
        List<Object> kept = new ArrayList<>();
        Template t = Environment.builder().loader(new MapLoader(Map.of("main",
                "{{ orders|map(o => {id: 'o' ~ o.id, n: o.lines|length})|keep }}"
                        + "{{ orders|map(o => {id: o.id ~ '!'})|first|keep }}"
                        + "{{ (orders|map(o => {id: o.id ~ '?'}))[1]|keep }}"
                        + "{% set links = {self: base ~ '/p' ~ page, next: page < last_page ? base ~ '/n' : null} %}"
                        + "{{ links|keep }}")))
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    assertFalse(a[0] instanceof PhpArray p && p.isPooled(), "a pooled array reached user code");
                    kept.add(a[0]); // looked at only after later renders reused the render's storage
                    return "";
                }))
                .strictVariables(true).build().load("main");
        t.render(DATA);
        Map<String, Object> other = new LinkedHashMap<>(DATA);
        other.put("base", "x");
        other.put("orders", List.of(Map.of("id", 1L, "cents", 1L, "lines", List.of()),
                Map.of("id", 2L, "cents", 2L, "lines", List.of())));
        for (int i = 0; i < 3; i++) {
            t.render(other);
        }
        assertEquals("[{id=o5001, n=2}, {id=o5002, n=1}, {id=o5003, n=0}]", kept.get(0).toString());
        assertEquals("{id=5001!}", kept.get(1).toString());
        assertEquals("{id=5002?}", kept.get(2).toString());
        assertEquals("{self=https://api.example.com/v2/p1, next=https://api.example.com/v2/n}",
                kept.get(3).toString());
        assertEquals(16, kept.size());
    }
}
