package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.php.PhpArray;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * List and hash literals of computed values (issue 10, the held-out stats and l10n pages): numbers, texts from
 * filters and concatenations, nested literals. Passed to a macro ({@code row('x', [a, b])}), read by a core filter,
 * function or operator (join, length, first, last, max, merge, map, filter, reduce, sort, column, keys, in,
 * json_encode, replace's mapping), or kept by {@code set} for the render, they live in the render's scratch
 * storage, their texts in render-private buffers, and a join writes numbers as digits. Each case prints what real
 * Twig prints (PHP oracle) and allocates at most {@link #BOUND} bytes per render after warm-up; the suite runs once
 * per executor. The ownership tests prove that a user's function or filter that keeps such a literal (through a
 * macro that hands its parameter on, its varargs, an include, the context) gets a fresh collection of Strings,
 * which later renders, on this thread or others, leave as it was.
 */
class LiteralArgumentAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final String MACROS = "{% macro row(label, value) %}<{{ label }}: {{ value is iterable"
            + " ? value|join(', ') : value }}>{% endmacro %}"
            + "{% macro card(d) %}[{{ d|json_encode }}|{{ d|length }}|{{ d|join(';') }}]{% endmacro %}"
            + "{% macro outer(items, sep = ', ') %}{{ items|join(sep) }}|{{ _self.inner(items) }}{% endmacro %}"
            + "{% macro inner(xs) %}{{ xs|length }}:{{ xs|first }}{% endmacro %}";

    static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("n", 3L);
        d.put("name", "ana");
        d.put("floats", List.of(1.5, 2.25, 0.1, -7.0, 1e20));
        d.put("nums", List.of(3L, 1L, 2L));
        d.put("messages", "Hi %n%, you have %c% new");
        return d;
    }

    private static final Map<String, Object> DATA = data();

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a macro joining a list of computed values",
                        "{% from 'macros' import row %}{{ row('nums', [n * 2.5, n + 1, n / 4, -n, n ** 2, n / 3]) }}"
                                + "{{ row('texts', [name|upper, 'x' ~ name, name|title ~ '!', n ~ '']) }}"
                                + "{{ row('nested', [[n, name|upper]|join('/'), floats|join(' ')]) }}"
                                + "{{ row('scalar', n * 1.5) }}{{ row('bools', [n > 1, n is odd, null]) }}",
                        "<nums: 7.5, 4, 0.75, -3, 9, 1><texts: ANA, xana, Ana!, 3><nested: 3/ANA, 1.5 2.25 0.1 -7"
                                + " 1.0E+20><scalar: 4.5><bools: 1, 1, >"),
                Arguments.of("a macro reading a hash literal, macros in a loop",
                        "{% import 'macros' as m %}{{ m.card({k: name ~ n, v: n * 0.5, u: name|upper}) }}"
                                + "{% for i in 1..3 %}{{ m.row(i, [i * 1.5, name ~ i]) }}{% endfor %}",
                        "[{&quot;k&quot;:&quot;ana3&quot;,&quot;v&quot;:1.5,&quot;u&quot;:&quot;ANA&quot;}|3"
                                + "|ana3;1.5;ANA]<1: 1.5, ana1><2: 3, ana2><3: 4.5, ana3>"),
                Arguments.of("named arguments, a macro handing its parameter to another",
                        "{% import 'macros' as m %}{{ m.outer(sep: '-', items: [name|upper, n * 1.5, n]) }}"
                                + "{{ m.outer([name ~ '?', n / 8]) }}",
                        "ANA-4.5-3|3:ANAana?, 0.375|2:ana?"),
                Arguments.of("a macro called as a value",
                        "{% import 'macros' as m %}{% set r = m.row('x', [n * 2, name|upper]) %}{{ r }}"
                                + "{{ m.row('y', [n, name|lower])|length }}",
                        "<x: 6, ANA>11"),
                Arguments.of("core filters, functions and operators reading literals",
                        "{{ [name|upper, 'x' ~ name]|join(',') }} {{ {k: name ~ n, n: n * 2}|json_encode }}"
                                + " {{ [name|upper, n]|length }} {{ 'ANA' in [name|upper, name] ? 'in' }}"
                                + " {{ [name|upper, name]|first }} {{ max([name|upper, name|lower]) }}"
                                + " {{ [n * 1.5, n]|merge([n / 4])|join(' ') }} {{ [n, n * 2]|map(v => v + 1)|join }}"
                                + " {{ [n, n * 2, n * 3]|filter(v => v > n)|join }}"
                                + " {{ [n * 1.5, n]|reduce((c, v) => c + v, 0) }} {{ [n * 2, n, n * 3]|sort|join }}"
                                + " {{ [{a: n}, {a: n * 2.5}]|column('a')|join(' ') }} {{ max([n, n * 2.5]) }}"
                                + " {{ {(name): n, b: n}|keys|join }} {{ [name|upper, n]|last }}"
                                + " {{ messages|replace({'%n%': name|upper, '%c%': n * 2}) }}"
                                + " {{ [name ~ '!', n]|join(', ', ' and ') }} {{ [name|upper, n * 0.5]|json_encode }}",
                        "ANA,xana {&quot;k&quot;:&quot;ana3&quot;,&quot;n&quot;:6} 2 in ANA ana 4.5 3 0.75 47 69 7.5"
                                + " 369 3 7.5 7.5 anab 3 Hi ANA, you have 6 new ana! and 3 [&quot;ANA&quot;,1.5]"),
                Arguments.of("literals kept by set",
                        "{% set xs = [n * 2, name|upper, 'x' ~ n, [n, name|lower]] %}"
                                + "{% set m = {a: name ~ '!', b: n / 8} %}{{ xs|length }}{{ xs|first }}"
                                + "{{ xs|last|join('/') }}{{ m|json_encode }}{{ 'ANA' in xs ? 'yes' }}{{ m|join(',') }}"
                                + "{% for i in 1..2 %}{% set ys = [i, name ~ i, i / 4] %}{{ ys|join(':') }};{% endfor %}",
                        "463/ana{&quot;a&quot;:&quot;ana!&quot;,&quot;b&quot;:0.375}yesana!,0.375"
                                + "1:ana1:0.25;2:ana2:0.5;"),
                Arguments.of("joins of numbers",
                        "{{ n > 1 ? floats|join(', ') : '' }}|{{ (n > 1 ? nums : floats)|join(' ', ' & ') }}|"
                                + "{% set s = floats|join(';') %}{{ s }}|{{ floats|join(', ', ' and ') }}",
                        "1.5, 2.25, 0.1, -7, 1.0E+20|3 1 &amp; 2|1.5;2.25;0.1;-7;1.0E+20|1.5, 2.25, 0.1, -7 and"
                                + " 1.0E+20"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template, "macros", MACROS)))
                .strictVariables(true).build().load("main");
        assertEquals(expected, t.render(DATA));
        AllocationMeter.assertRendersWithin(what, t, DATA, expected, 1000, BOUND);
    }

    // ---- ownership ----------------------------------------------------------------------------------------------

    /** What a user's function or filter was given, and how it looked then. */
    private record Kept(Object value, String text) {
    }

    /** The templates whose macros hand a literal argument (or what holds it) to user code. */
    private static Map<String, String> keepers() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("macros", "{% macro keeps(x) %}{{ x|length }}{{ keep_all(x) }}{% endmacro %}"
                + "{% macro filters(x) %}{{ x|join }}{{ x|keep }}{% endmacro %}"
                + "{% macro sets(x) %}{% set y = x %}{{ y|first }}{{ y|keep }}{% endmacro %}"
                + "{% macro varargs() %}{{ keep_all(varargs) }}{% endmacro %}"
                + "{% macro reads(x) %}{{ x|join(',') }}{{ _self.keeps(x) }}{% endmacro %}"
                + "{% macro includes(x) %}{% for v in x %}{% include 'keeper' %}{% endfor %}{% endmacro %}"
                + "{% macro context(x) %}{{ x|length }}{{ keep_all(_context) }}{% endmacro %}"
                + "{% macro arrow(x) %}{{ keep_all(v => x) }}{% endmacro %}");
        t.put("keeper", "{{ keep_all(x) }}{{ keep_all(v) }}");
        t.put("kept by set", "{% set xs = [name|upper, n * 2.5] %}{{ xs|join }}{% include 'keeper' with {v: 1} %}");
        t.put("main", "{% import 'macros' as m %}"
                + "{{ m.keeps([n * 2.5, name|upper, {k: 'a' ~ name}, [name ~ '!', n + 1]]) }}"
                + "{{ m.filters([name|lower, n / 4]) }}{{ m.sets([name|title, n]) }}"
                + "{{ m.varargs([name|upper], n * 0.5, name ~ n) }}{{ m.reads([name|upper, n * 3]) }}"
                + "{{ m.includes([name|upper, n]) }}{{ m.context({a: name|upper, b: [n, name ~ '.']}) }}"
                + "{{ m.keeps(x: {k: name|upper}) }}{{ m.arrow([name|upper, n * 2]) }}");
        return t;
    }

    private static Environment keeping(Map<String, String> templates, List<Kept> kept) {
        return Environment.builder().loader(new MapLoader(templates))
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    synchronized (kept) {
                        kept.add(new Kept(a[0], describe(a[0])));
                    }
                    return "";
                }))
                .function(FunctionDefinition.of("keep_all", (ctx, a) -> {
                    // an arrow is kept as what it returns (it may run later, when the literal's storage is reused)
                    Object v = a[0] instanceof dev.zweig.ext.Lambda l ? l.apply1(null) : a[0];
                    synchronized (kept) {
                        kept.add(new Kept(v, describe(v)));
                    }
                    return "";
                }).params("value"))
                .build();
    }

    /** The value as text (see CollectionAllocationTest), a failure when it holds render-private storage. */
    private static String describe(Object v) {
        assertOwned(v);
        return CollectionAllocationTest.describe(v);
    }

    private static void assertOwned(Object v) {
        assertFalse(v instanceof PhpArray a && a.isPooled(), "a pooled array reached user code");
        assertFalse(v instanceof dev.zweig.runtime.ScratchText || v instanceof dev.zweig.runtime.SafeText
                || v instanceof dev.zweig.runtime.Frame || v instanceof dev.zweig.runtime.LoopState,
                "render-private storage reached user code: " + (v == null ? null : v.getClass().getName()));
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(LiteralArgumentAllocationTest::assertOwned);
        } else if (v instanceof List<?> l) {
            l.forEach(LiteralArgumentAllocationTest::assertOwned);
        }
    }

    @Test
    void aUsersFunctionKeepsLiteralsOfComputedValuesIntact() {
        List<Kept> kept = new ArrayList<>();
        Environment env = keeping(keepers(), kept);
        for (String name : List.of("main", "kept by set")) {
            Template t = env.load(name);
            t.render(DATA);
            int first = kept.size();
            assertTrue(first >= 2, name + ": the user's code saw " + first + " values");
            List<Kept> firstRender = new ArrayList<>(kept);
            Map<String, Object> other = data();
            other.put("name", "zoé");
            other.put("n", 40L);
            for (int i = 0; i < 50; i++) {
                t.render(other);
            }
            for (Kept k : firstRender) {
                assertEquals(k.text(), describe(k.value()), name + ": a kept value changed after later renders");
            }
            // (one render may hand the same copy on twice, as a macro's loop does; a later render never does)
            Set<Object> handedOut = Collections.newSetFromMap(new IdentityHashMap<>());
            firstRender.forEach(k -> handedOut.add(k.value()));
            for (Kept k : kept.subList(first, kept.size())) {
                if (k.value() instanceof Map<?, ?> || k.value() instanceof List<?>) {
                    assertFalse(handedOut.contains(k.value()), name + ": a later render handed out a kept collection");
                }
            }
            kept.clear();
        }
    }

    @Test
    void whatAMacroKeepsLooksAsTheTemplateBuiltIt() {
        List<Kept> kept = new ArrayList<>();
        keeping(keepers(), kept).load("main").render(DATA);
        List<String> texts = kept.stream().map(Kept::text).toList();
        assertEquals(12, texts.size(), texts.toString());
        assertEquals(List.of(
                "[7.5 ANA {k:aana } [ana! 4 ] ]", // keeps
                "[ana 0.75 ]", // filters
                "[Ana 3 ]", // sets
                "[[ANA ] 1.5 ana3 ]", // varargs
                "[ANA 9 ]", // reads, then keeps
                "[ANA 3 ]", "ANA", "[ANA 3 ]", "3"), // includes: the list and each element
                texts.subList(0, 9));
        assertTrue(texts.get(9).contains("x:{a:ANA b:[3 ana. ] }"), texts.get(9)); // the context
        assertEquals("{k:ANA }", texts.get(10)); // a named argument
        assertEquals("[ANA 6 ]", texts.get(11)); // what an arrow returns
    }

    @Test
    void rendersOnOtherThreadsLeaveWhatOneKeptAsItWas() throws Exception {
        List<Kept> kept = new ArrayList<>();
        Template t = keeping(keepers(), kept).load("main");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long k = w;
                runs.add(pool.submit(() -> {
                    Map<String, Object> d = data();
                    d.put("n", k);
                    d.put("name", "w" + k);
                    String expected = t.render(d);
                    for (int i = 0; i < 300; i++) {
                        assertEquals(expected, t.render(d));
                    }
                }));
            }
            for (Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        synchronized (kept) {
            assertTrue(kept.size() >= 4 * 300 * 12, kept.size() + " values kept");
            for (Kept k : kept) {
                assertEquals(k.text(), describe(k.value()), "a kept value changed while other threads rendered");
            }
        }
    }
}
