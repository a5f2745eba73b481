package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
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
 * The variables of a {@code with} tag and of an {@code include ... only} written out as a mapping of computed values
 * (issue 10, the held-out threads page): the mapping lives in the render's scratch storage while the tag runs (the
 * frame reads it, copies its pairs into slots or reads them by name) and is given back when the tag ends, so a loop
 * of any length takes the same few; an include ... only hands the including scope to nothing, so a text it passes
 * (a computed path) stays render-private where the included template only reads it as text, and a capture of such
 * an include may be kept as render-private text. Each case prints what real Twig prints (PHP oracle) and allocates
 * at most {@link #BOUND} bytes per render after warm-up; the suite runs once per executor. The ownership tests prove
 * that what user code keeps of such a scope ({@code _context}, an arrow's captured scope, a passed text) is fresh and
 * stays as it was while later renders reuse the storage.
 */
class ScopeVariablesAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final String NODE = "<b>{{ path }}:{{ node.name }}</b>{% for c in node.children ?? [] %}{% include 'node' wit"
                + "h {node: c, depth: depth + 1, path: path ~ '.' ~ loop.index} only %}{% endfor %}{{ depth"
                + " > 1 ? '' : '|' }}";

    static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", "ana");
        d.put("n", 3L);
        d.put("tree", Map.of("name", "root", "children", List.of(
                Map.of("name", "a", "children", List.of(Map.of("name", "a1"), Map.of("name", "a2"))),
                Map.of("name", "b"))));
        d.put("prices", List.of("12", "1.50", "12345", "0.1", "abc"));
        return d;
    }

    private static final Map<String, Object> DATA = data();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("with tags of computed values, in a loop, only, nested",
                        "{% for i in 1..3 %}{% with {label: name|upper ~ i, total: n * i, half: n / 2} %}{{ label"
                                + " }}={{ total }}/{{ half }};{% endwith %}{% endfor %}{% with {a: name ~ '!', b: n * 1.5} "
                                + "only %}[{{ a }} {{ b }} {{ name is defined ? 'leak' : 'ok' }}]{% endwith %}{% with {x: n"
                                + " + 1} %}{% with {y: x * 2, z: name|title} %}({{ x }},{{ y }},{{ z }}){% endwith %}{% end"
                                + "with %}",
                        "ANA1=3/1.5;ANA2=6/1.5;ANA3=9/1.5;[ana! 4.5 ok](4,8,Ana)"),
                Arguments.of("include ... only of computed values, recursive (the path a render-private text)",
                        "{% include 'node' with {node: tree, depth: 1, path: '' ~ n} only %}{% for c in tree.chil"
                                + "dren %}{% include 'node' with {node: c, depth: 2, path: name ~ loop.index} only %}{% end"
                                + "for %}",
                        "<b>3:root</b><b>3.1:a</b><b>3.1.1:a1</b><b>3.1.2:a2</b><b>3.2:b</b>|<b>ana1:a</b><b>ana1"
                                + ".1:a1</b><b>ana1.2:a2</b><b>ana2:b</b>"),
                Arguments.of("a capture of an include ... only, read by the core",
                        "{% set preview %}{% include 'node' with {node: tree, depth: 1, path: 'p' ~ n} only %}{% "
                                + "endset %}{{ preview|length }} {{ preview|striptags|upper }} {{ preview|length > 20 ? 'lo"
                                + "ng' : 'short' }}",
                        "73 P3:ROOTP3.1:AP3.1.1:A1P3.1.2:A2P3.2:B| long"),
                Arguments.of("json_encode's numeric check reads numeric strings in place",
                        "{{ prices|json_encode(constant('JSON_NUMERIC_CHECK')) }} {{ {a: '1.50', b: '12345', c: n"
                                + " ~ '.25'}|json_encode(constant('JSON_NUMERIC_CHECK') b-or constant('JSON_PRESERVE_ZERO_F"
                                + "RACTION')) }}",
                        "[12,1.5,12345,0.1,&quot;abc&quot;] {&quot;a&quot;:1.5,&quot;b&quot;:12345,&quot;c&quot;:"
                                + "3.25}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template, "node", NODE)))
                .strictVariables(true).build().load("main");
        assertEquals(expected, t.render(DATA));
        AllocationMeter.assertRendersWithin(what, t, DATA, expected, 1000, BOUND);
    }

    // ---- ownership ----------------------------------------------------------------------------------------------

    /** Renders main with name = each of names, user code keeping what keep() is given; returns what it kept. */
    private static List<Object> kept(Map<String, String> templates, List<String> names) {
        List<Object> kept = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    Object v = a[0] instanceof dev.zweig.ext.Lambda l ? l.apply1(null) : a[0];
                    assertFalse(v instanceof PhpArray p && p.isPooled(), "a pooled array reached user code");
                    assertFalse(v instanceof CharSequence && !(v instanceof String) && !(v instanceof dev.zweig.Markup),
                            () -> "render-private text reached user code: " + v.getClass().getName());
                    kept.add(v); // kept as it is: not looked at until every render is done
                    return "";
                }).params("value"))
                .build();
        Template t = env.load("main");
        for (String name : names) {
            Map<String, Object> d = new LinkedHashMap<>(DATA);
            d.put("name", name);
            t.render(d);
        }
        return kept;
    }

    @Test
    void aContextKeptByUserCodeIsFreshAndStaysAsItWas() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("k", "{{ keep(_context) }}{{ keep(v => a) }}{{ keep(p) }}{{ a }}");
        templates.put("main", "{% include 'k' with {a: name|upper, b: [n, name ~ '!'], p: 'x' ~ name} only %}"
                + "{% for i in 1..2 %}{% with {a: name ~ i, p: name|lower ~ i} only %}{{ keep(_context) }}"
                + "{% endwith %}{% with {a: name ~ '?', p: name ~ i} %}{% include 'k' %}{% endwith %}{% endfor %}");
        List<Object> kept = kept(templates, List.of("ana", "bob", "cy"));
        assertEquals(33, kept.size()); // per render: the include's 3, then twice the with's 1 and the include's 3
        // what the first render's user code kept, read only now, after two more renders reused the storage
        assertEquals("{a=ANA, b=[3, ana!], p=xana}", kept.get(0).toString());
        assertEquals("ANA", kept.get(1));
        assertEquals("xana", kept.get(2));
        assertEquals("{a=ana1, p=ana1}", kept.get(3).toString());
        assertTrue(kept.get(4).toString().contains("a=ana?"), kept.get(4).toString());
        assertEquals("ana?", kept.get(5));
        assertEquals("ana1", kept.get(6));
        assertEquals("{a=ana2, p=ana2}", kept.get(7).toString());
        assertEquals("ana2", kept.get(10));
        assertEquals("{a=BOB, b=[3, bob!], p=xbob}", kept.get(11).toString());
        assertEquals("{a=CY, b=[3, cy!], p=xcy}", kept.get(22).toString());
        assertEquals("cy?", kept.get(31));
    }

    @Test
    void aCaptureOfAnIncludeOnlyKeptByUserCodeIsItsOwn() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("node", NODE);
        templates.put("main", "{% set preview %}{% include 'node' with {node: tree, depth: 1, path: name ~ n} only %}"
                + "{% endset %}{{ preview|length }}{{ keep(preview) }}");
        List<Object> kept = kept(templates, List.of("ana", "bob"));
        assertEquals(2, kept.size());
        assertEquals("<b>ana3:root</b><b>ana3.1:a</b><b>ana3.1.1:a1</b><b>ana3.1.2:a2</b><b>ana3.2:b</b>|",
                kept.get(0).toString());
        assertTrue(kept.get(1).toString().startsWith("<b>bob3:root</b>"), kept.get(1).toString());
    }
}
