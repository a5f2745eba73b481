package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collection-side core filters and functions allocate nothing in steady state when their result is printed,
 * compared, tested or fed to another core filter: each case renders into a reused sink after a warm-up and must
 * allocate at most {@link #BOUND} bytes per render (the thread's allocation counter) and print exactly what Twig
 * prints. Intermediate collections of a pipeline live in the render's scratch storage (see ScratchAnalysis); the
 * ownership tests below prove none of it reaches user code.
 */
public class CollectionAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** One case: a template, what it prints (Twig's output for {@link #DATA}). */
    record Case(String name, String template, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case c(String name, String template, String expected) {
        return new Case(name, template, expected);
    }

    static final Map<String, Object> DATA = data();

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("nums", List.of(3, 1, 2));
        d.put("more", List.of(4L, 5L));
        d.put("words", List.of("apple", "pear", "fig"));
        d.put("items", List.of(item("apple", 3), item("pear", 1), item("fig", 2)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", 2L);
        m.put("c", 3L);
        d.put("map", Collections.unmodifiableMap(m));
        d.put("str", "hello");
        Map<Object, Object> pairs = new LinkedHashMap<>(); // keys that are no PHP keys stay what they are in a loop
        pairs.put(List.of(1, 2), "x");
        pairs.put(List.of(3), "y");
        d.put("pairs", pairs);
        return Collections.unmodifiableMap(d);
    }

    public static Map<String, Object> item(String name, int price) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("price", price);
        return Collections.unmodifiableMap(m);
    }

    /** Printed (the result written, looped over or compared) and chained (fed to another core filter). */
    static Stream<Case> cases() {
        return Stream.of(
                // batch
                c("batch in a loop", "{% for row in nums|batch(2) %}[{{ row|join(',') }}]{% endfor %}", "[3,1][2]"),
                c("batch with fill", "{% for row in nums|batch(2, 0) %}[{{ row|join(',') }}]{% endfor %}",
                        "[3,1][2,0]"),
                c("batch nested loop", "{% for row in items|batch(2) %}<tr>{% for i in row %}<td>{{ i.name }}</td>"
                        + "{% endfor %}</tr>{% endfor %}", "<tr><td>apple</td><td>pear</td></tr><tr><td>fig</td></tr>"),
                c("batch|length", "{{ nums|batch(2)|length }}", "2"),
                // column
                c("column|join", "{{ items|column('price')|join(',') }}", "3,1,2"),
                c("column into max", "{{ max(items|column('price')) }}", "3"),
                c("column with index|keys|join", "{{ items|column('price', 'name')|keys|join(',') }}",
                        "apple,pear,fig"),
                // filter
                c("filter in a loop", "{% for n in nums|filter(n => n > 1) %}{{ n }}{% endfor %}", "32"),
                c("filter|join", "{{ nums|filter(n => n > 1)|join(',') }}", "3,2"),
                c("filter|map|join", "{{ items|filter(i => i.price > 1)|map(i => i.name)|join(', ') }}",
                        "apple, fig"),
                c("filter on a mapping|length", "{{ map|filter(v => v > 1)|length }}", "2"),
                // find
                c("find", "{{ nums|find(n => n < 3) }}", "1"),
                c("find.attribute", "{{ items|find(i => i.price == 2).name }}", "fig"),
                c("find ?? default", "{% set found = nums|find(n => n > 5) %}{{ found ?? 'none' }}", "none"),
                // first
                c("first", "{{ nums|first }}", "3"),
                c("first of a string", "{{ str|first }}", "h"),
                c("first of a mapping", "{{ map|first }}", "1"),
                c("sort|first", "{{ nums|sort|first }}", "1"),
                c("reverse|first", "{{ nums|reverse|first }}", "2"),
                c("first|first", "{{ words|first|first }}", "a"),
                c("first + 1", "{{ nums|first + 1 }}", "4"),
                // join
                c("join", "{{ words|join }}", "applepearfig"),
                c("join(glue)", "{{ words|join(', ') }}", "apple, pear, fig"),
                c("join(glue, and)", "{{ words|join(', ', ' and ') }}", "apple, pear and fig"),
                c("join of a mapping", "{{ map|join(',') }}", "1,2,3"),
                c("map|join", "{{ nums|map(n => n * 2)|join(',') }}", "6,2,4"),
                c("keys|join", "{{ map|keys|join(',') }}", "a,b,c"),
                c("map|join(glue, and)", "{{ items|map(i => i.name)|join(', ', ' and ') }}", "apple, pear and fig"),
                c("join in a concatenation", "{{ 'x' ~ words|join('-') ~ 'y' }}", "xapple-pear-figy"),
                // keys
                c("keys in a loop", "{% for k in map|keys %}{{ k }}{% endfor %}", "abc"),
                c("keys|length", "{{ nums|keys|length }}", "3"),
                c("keys|last", "{{ map|keys|last }}", "c"),
                // last
                c("last", "{{ nums|last }}", "2"),
                c("last of a string", "{{ str|last }}", "o"),
                c("last of a mapping", "{{ map|last }}", "3"),
                c("sort|last", "{{ nums|sort|last }}", "3"),
                // length
                c("length", "{{ nums|length }}", "3"),
                c("length of a string", "{{ str|length }}", "5"),
                c("length of a mapping", "{{ map|length }}", "3"),
                c("merge|length", "{{ nums|merge(more)|length }}", "5"),
                c("length compared", "{% if nums|length > 2 %}big{% endif %}", "big"),
                c("filter|length", "{{ nums|filter(n => n > 1)|length }}", "2"),
                // map
                c("map in a loop", "{% for p in items|map(i => i.price) %}{{ p }};{% endfor %}", "3;1;2;"),
                c("map|reduce", "{{ items|map(i => i.price)|reduce((c, p) => c + p, 0) }}", "6"),
                c("map on a mapping|join", "{{ map|map(v => v * 10)|join(',') }}", "10,20,30"),
                c("map with keys|join", "{{ map|map((v, k) => k)|join(',') }}", "a,b,c"),
                // merge
                c("merge in a loop", "{% for x in nums|merge(more) %}{{ x }}{% endfor %}", "31245"),
                c("merge of mappings|keys|join", "{{ map|merge({d: 4})|keys|join(',') }}", "a,b,c,d"),
                c("merge|join", "{{ map|merge(map)|join(',') }}", "1,2,3"),
                // reduce
                c("reduce", "{{ nums|reduce((c, n) => c + n) }}", "6"),
                c("reduce with initial", "{{ nums|reduce((c, n) => c + n, 10) }}", "16"),
                c("reduce with max", "{{ nums|reduce((c, n) => max(c, n), 0) }}", "3"),
                // reverse
                c("reverse in a loop", "{% for x in nums|reverse %}{{ x }}{% endfor %}", "213"),
                c("reverse of a string", "{{ str|reverse }}", "olleh"),
                c("reverse|join", "{{ nums|reverse|join(',') }}", "2,1,3"),
                c("reverse of a mapping|keys|join", "{{ map|reverse|keys|join }}", "cba"),
                // slice
                c("slice of a string", "{{ str|slice(1, 3) }}", "ell"),
                c("slice subscript of a string", "{{ str[1:3] }}", "ell"),
                c("slice in a loop", "{% for x in nums|slice(1) %}{{ x }}{% endfor %}", "12"),
                c("slice|join", "{{ nums|slice(0, 2)|join(',') }}", "3,1"),
                c("slice subscript|first", "{{ nums[1:]|first }}", "1"),
                c("slice of a mapping|keys|first", "{{ map|slice(1, 1)|keys|first }}", "b"),
                c("slice of a string in a concatenation", "{{ '[' ~ str|slice(1, 3) ~ ']' }}", "[ell]"),
                c("slice of a string compared", "{{ str|slice(0, 1) == 'h' ? 'yes' : 'no' }}", "yes"),
                // sort
                c("sort in a loop", "{% for x in nums|sort %}{{ x }}{% endfor %}", "123"),
                c("sort|join", "{{ nums|sort|join(',') }}", "1,2,3"),
                c("sort of strings|first", "{{ words|sort|first }}", "apple"),
                c("sort with an arrow|map|join",
                        "{{ items|sort((a, b) => a.price <=> b.price)|map(i => i.name)|join(',') }}", "pear,fig,apple"),
                c("sort of a mapping with an arrow|keys|join", "{{ map|sort((a, b) => b <=> a)|keys|join }}", "cba"),
                c("sort|last * 2", "{{ (nums|sort|last) * 2 }}", "6"),
                // functions
                c("cycle", "{% for i in 0..3 %}{{ cycle(words, i) }}{% endfor %}", "applepearfigapple"),
                c("cycle over a literal", "{% for x in nums %}{{ cycle(['odd', 'even'], loop.index0) }} {% endfor %}",
                        "odd even odd "),
                c("max", "{{ max(nums) }}", "3"),
                c("max of arguments", "{{ max(1, 5, 3) }}", "5"),
                c("max of a mapping", "{{ max(map) }}", "3"),
                c("max - min", "{{ max(nums) - min(nums) }}", "2"),
                c("min", "{{ min(nums) }}", "1"),
                c("min of arguments", "{{ min(str, 'b') }}", "b"),
                c("range|join", "{{ range(1, 5)|join(',') }}", "1,2,3,4,5"),
                c("range with a step|join", "{{ range(0, 10, 5)|join(',') }}", "0,5,10"),
                c("..|length", "{{ (1..4)|length }}", "4"),
                c("character range in a loop", "{% for ch in 'a'..'c' %}{{ ch }}{% endfor %}", "abc"),
                c("range|map|join", "{{ range(1, 3)|map(i => i * i)|join(',') }}", "1,4,9"),
                c("max of a range", "{{ max(range(1, 9)) }}", "9"),
                c("attribute", "{{ attribute(map, 'b') }}", "2"),
                c("attribute of first", "{{ attribute(items|first, 'name') }}", "apple"),
                c("attribute + 1", "{{ attribute(map, 'b') + 1 }}", "3"),
                c("block", "{% block title %}T{% endblock %}|{{ block('title') }}", "T|T"),
                c("block is empty", "{% block title %}T{% endblock %}|{{ block('title') is empty ? 'e' : 'f' }}",
                        "T|f"),
                c("parent", "{% extends 'layout' %}{% block title %}{{ parent() }}C{% endblock %}", "<LC>"),
                c("parent is empty", "{% extends 'layout' %}{% block title %}{{ parent() is empty ? 'e' : 'f' }}"
                        + "{% if block('title', 'layout') is not empty %}!{% endif %}{% endblock %}", "<f!>"),
                c("include", "{{ include('part') }}", "P3"),
                c("include with variables", "{{ include('part', {nums: more}) }}{{ include_only('part') }}", "P2P0"),
                c("include tag", "{% include 'part' %}", "P3"),
                c("source", "{{ source('part') }}", "P{{ nums|length }}"),
                c("source|length", "{{ source('part')|length }}", "18"),
                // collections tested, compared and built from a list literal
                c("filter tested in an if", "{% if nums|filter(n => n > 2) %}some{% endif %}"
                        + "{% if not (nums|filter(n => n > 5)) %} none{% endif %}", "some none"),
                c("sort compared", "{{ nums|sort == [1, 2, 3] ? 'y' : 'n' }}{{ nums|sort|keys == [1, 2, 0] ? 'y' : 'n' }}"
                        + "{{ nums|sort == nums|sort|reverse(true) ? 'y' : 'n' }}", "nyy"),
                c("filter tested in a conditional", "{{ nums|filter(n => n > 2) ? 'some' : 'none' }}"
                        + "{{ (nums|filter(n => n > 5) ? nums|sort : nums|reverse)|first }}", "some2"),
                c("in a filtered list", "{{ 3 in nums|filter(n => n > 1) ? 'y' : 'n' }}", "y"),
                c("list literal|join", "{{ [str, words|first]|join(' ') }}", "hello apple"),
                c("list literal in a loop", "{% for x in [str, words|last] %}{{ x }};{% endfor %}", "hello;fig;"),
                c("cycle over a list literal", "{{ cycle([str, words|first], 1) }}", "apple"),
                // loops over a mapping, and what core filters make of its rows
                c("for over a mapping", "{% for k, v in map %}{{ k }}={{ v }};{% endfor %}", "a=1;b=2;c=3;"),
                c("for over a row", "{% for k, v in items|first %}{{ k }}={{ v }};{% endfor %}", "name=apple;price=3;"),
                c("for over a mapping with list keys", "{% for k, v in pairs %}{{ k|join('-') }}:{{ v }};{% endfor %}",
                        "1-2:x;3:y;"),
                c("keys of each row", "{% for i in items %}{{ i|keys|join(',') }};{% endfor %}",
                        "name,price;name,price;name,price;"),
                c("sort kept in a variable|slice", "{% set s = items|sort((a, b) => a.price <=> b.price) %}"
                        + "{% for i in s|slice(0, 2) %}{{ i.name }}{% endfor %}{{ s|length }}", "pearfig3"),
                c("filter|first.attribute", "{{ (items|filter(i => i.price > 1)|first).name }}", "apple"),
                c("merge with a mapping literal in a loop", "{% for k, v in map|merge({z: str}) %}{{ k }}{% endfor %}",
                        "abcz"));
    }

    private static final Environment ENV = environment();

    private static Environment environment() {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("layout", "<{% block title %}L{% endblock %}>");
        templates.put("part", "P{{ nums|length }}");
        cases().forEach(k -> templates.put(k.name(), k.template()));
        return Environment.builder().loader(new MapLoader(templates)).build();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void rendersWithoutAllocating(Case k) {
        Template t = ENV.load(k.name());
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(DATA, out);
        assertEquals(k.expected(), out.toString());
        double perRender = bytesPerRender(t, out);
        System.out.printf("allocation: %-45s %8.1f bytes/render%n", k.name(), perRender);
        assertEquals(k.expected(), out.toString());
        assertTrue(perRender <= BOUND, k.name() + ": " + perRender + " bytes per render (bound " + BOUND + ")");
    }

    /** Bytes per render after a warm-up: the best of a few rounds, stopping as soon as one is within the bound. */
    static double bytesPerRender(Template t, StringBuilderOutput out) {
        return AllocationMeter.bytesPerRender(t, DATA, out, 1000, BOUND);
    }

    // ---- arena exhaustion: scratch storage consumed on the spot is given back at once ------------------------

    @Test
    void aLongLoopRunsInTheSameScratchStorage() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("loop",
                "{% for x in big %}{{ nums|sort|first }}{{ nums|map(n => n * 2)|filter(n => n > x)|last }}"
                        + "{% for row in items|batch(2) %}{{ row|length }}{% endfor %}{% endfor %}"))).build();
        Template t = env.load("loop");
        Map<String, Object> data = new LinkedHashMap<>(DATA);
        List<Object> big = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            big.add(i % 3);
            expected.append(1).append(4).append(21);
        }
        data.put("big", big);
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1 << 17));
        double perRender = Double.MAX_VALUE;
        for (int round = 0; round < 6 && perRender > BOUND; round++) {
            for (int i = 0; i < 3; i++) {
                out.reset();
                t.render(data, out);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 3; i++) {
                out.reset();
                t.render(data, out);
            }
            perRender = (THREADS.getCurrentThreadAllocatedBytes() - before) / 3.0;
        }
        assertEquals(expected.toString(), out.toString());
        assertTrue(perRender <= BOUND, perRender + " bytes per render of 10000 iterations");
    }

    @Test
    void scratchResultsKeptInVariablesSurviveTheArenaRunningOut() {
        // every iteration keeps a scratch result in a variable: past the arena's size they are fresh, and right
        Environment env = Environment.builder().loader(new MapLoader(Map.of("loop",
                "{% for i in 1..1000 %}{% set s = nums|map(n => n * i) %}{{ s|last }},{% endfor %}"))).build();
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 1000; i++) {
            expected.append(2 * i).append(',');
        }
        Template t = env.load("loop");
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.toString(), t.render(DATA));
        }
    }

    @Test
    void aLoopThatKeepsAScratchResultPastItsEndKeepsItsStorage() {
        // t is assigned in the loop and read after it: the loop must not give back what the set took
        String tpl = "{% set t = nums|sort %}{% for x in nums|sort %}{% set t = more|sort %}{% endfor %}"
                + "{{ nums|merge(nums|map(n => n * 10))|join(',') }}|{{ t|join(',') }}";
        Environment env = Environment.builder().loader(new MapLoader(Map.of("p", tpl))).build();
        Template t = env.load("p");
        for (int i = 0; i < 3; i++) {
            assertEquals("3,1,2,30,10,20|4,5", t.render(DATA));
        }
    }

    // ---- ownership: what reaches user code, another template or the context is fresh and stays as it was ----

    /** What a user's filter, function or test was given, with its text at the time. */
    private record Kept(Object value, String text) {
    }

    public static String describe(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, x) -> sb.append(k).append(':').append(describe(x)).append(' '));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(x -> sb.append(describe(x)).append(' '));
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }

    /** Renders each template with DATA, then many times with other data, and checks what user code kept. */
    static void assertKeptCollectionsAreFreshAndStable(Map<String, String> templates, String... names) {
        List<Kept> kept = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(templates))
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(new Kept(a[0], describe(a[0])));
                    return "";
                }))
                .function(FunctionDefinition.of("keep_all", (ctx, a) -> {
                    kept.add(new Kept(a[0], describe(a[0])));
                    return "";
                }).params("value"))
                .test(dev.zweig.ext.TestDefinition.of("kept", (ctx, a) -> {
                    kept.add(new Kept(a[0], describe(a[0])));
                    return true;
                }))
                .build();
        Map<String, Object> other = new LinkedHashMap<>(DATA);
        other.put("nums", List.of(9, 8, 7, 6, 5));
        other.put("more", List.of(40L));
        other.put("items", List.of(item("x", 7), item("y", 8), item("z", 9)));
        for (String name : names) {
            Template t = env.load(name);
            t.render(DATA);
            t.render(DATA);
            int first = kept.size();
            assertTrue(first > 0, name + ": the user's code saw nothing");
            for (int i = 0; i < 50; i++) {
                t.render(other);
            }
            for (Kept k : kept) {
                assertEquals(k.text(), describe(k.value()), name + ": a kept collection changed after the render");
            }
            Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Kept k : kept) {
                if (k.value() instanceof Map<?, ?> || k.value() instanceof List<?>) {
                    assertTrue(seen.add(k.value()), name + ": one collection was handed out twice");
                }
            }
            kept.clear();
        }
    }

    /**
     * Renders the template "outer" of templates (which reaches a user's function nested(), rendering "inner" of the
     * same Environment with inner as its data) 20 times expecting expected, then on 4 threads at once, worker k
     * rendering data.apply(k) and expecting expect.apply(k) 300 times; returns what the user's function keep(value)
     * was given meanwhile (at least one per render), for the caller to check it stayed as it was.
     */
    static List<Object> keptByNestedRenders(Map<String, String> templates, Map<String, Object> inner,
            String expected, java.util.function.IntFunction<Map<String, Object>> data,
            java.util.function.IntFunction<String> expect) throws Exception {
        List<Object> kept = new ArrayList<>();
        Environment[] env = new Environment[1];
        env[0] = Environment.builder().loader(new MapLoader(templates))
                .function(FunctionDefinition.of("nested", (ctx, a) -> env[0].load("inner").render(inner)))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    synchronized (kept) {
                        kept.add(a[0]);
                    }
                    return "";
                }).params("value"))
                .build();
        Template outer = env[0].load("outer");
        for (int i = 0; i < 20; i++) {
            assertEquals(expected, outer.render(DATA));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int k = w;
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < 300; i++) {
                        assertEquals(expect.apply(k), outer.render(data.apply(k)));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : runs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        synchronized (kept) {
            assertTrue(kept.size() > 1000);
            return new ArrayList<>(kept);
        }
    }

    @Test
    void aUsersFilterFunctionOrTestGetsFreshCollections() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("filter", "{{ nums|sort|keep }}{{ nums|map(n => n * 2)|keep }}{{ nums|merge(more)|keep }}"
                + "{{ items|column('price')|keep }}{{ range(1, 3)|keep }}{{ nums|batch(2)|keep }}");
        t.put("chained", "{{ nums|sort|keep|length }}{{ nums|sort|reverse|keep }}{{ (nums|batch(2)|first)|keep }}"
                + "{{ map|filter(v => v > 1)|keys|keep }}");
        t.put("function", "{{ keep_all(nums|slice(1)) }}{{ keep_all(map|reverse) }}");
        t.put("test", "{% if nums|sort is kept %}{% endif %}{% if nums|sort|map(n => n) is kept %}{% endif %}");
        t.put("set", "{% set s = nums|sort %}{{ s|join }}{{ s|keep }}{% set r = nums|filter(n => n > 1) %}"
                + "{{ r|first }}{% set k = r|keys %}{{ keep_all(k) }}");
        t.put("loop", "{% for row in nums|batch(2) %}{{ row|join }}{{ row|keep }}{% endfor %}"
                + "{% for row in items|batch(2, 'x') %}{{ keep_all(row) }}{% endfor %}");
        t.put("arrow", "{{ items|map(i => nums|sort)|first|keep }}{{ nums|reduce((c, n) => c|merge([n]), [])|keep }}");
        assertKeptCollectionsAreFreshAndStable(t, "filter", "chained", "function", "test", "set", "loop", "arrow");
    }

    @Test
    void anIncludedTemplateAMacroAndTheContextGetFreshCollections() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("keeper", "{{ s|keep }}{{ keep_all(_context) }}");
        t.put("include", "{% set s = nums|sort %}{{ s|join }}{% include 'keeper' %}");
        t.put("include with", "{% include 'keeper' with {s: nums|filter(n => n > 1)} %}");
        t.put("include function", "{{ include('keeper', {s: nums|map(n => n)}) }}");
        t.put("include only", "{% include 'keeper' with {s: nums|sort, n: nums|length} only %}"
                + "{{ include_only('keeper', {s: more|reverse}) }}");
        t.put("macro", "{% macro m(x) %}{{ x|keep }}{% set y = x|sort %}{{ y|join }}{% endmacro %}"
                + "{{ _self.m(nums|sort) }}{{ _self.m(nums|batch(2)) }}");
        t.put("context", "{% set s = nums|map(n => n) %}{{ s|join }}{{ keep_all(_context) }}");
        t.put("embed", "{% set s = nums|reverse %}{{ s|first }}{% embed 'keeper' %}{% endembed %}");
        t.put("loop parent", "{% set s = nums|sort %}{% for x in [1] %}{{ s|first }}{{ keep_all(loop.parent) }}"
                + "{% endfor %}");
        assertKeptCollectionsAreFreshAndStable(t, "include", "include with", "include function", "include only",
                "macro", "context", "embed", "loop parent");
    }
}
