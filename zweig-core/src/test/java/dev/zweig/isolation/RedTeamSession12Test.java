package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.FileSystemLoader;
import dev.zweig.loader.MapLoader;
import dev.zweig.loader.Loader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Red team of session 12's changes: an include's list/hash literal built in scratch storage and handed as it is to a
 * template reading the name only deep and on the spot (ScratchAnalysis#deepReadNames, Frame#ownCollections), groups
 * of a grouping reduce kept by set through keys or ??, and loops over what has no count. Every case runs on both
 * executors, renders twice with different data and checks that whatever user code kept (a function, a filter, a
 * test) still reads as it did when it was kept, and that both executors give the same output.
 */
class RedTeamSession12Test {

    /** What user code kept: the object and how it read (deep) when it was kept. */
    private record Kept(Object value, String then) {
    }

    /** A deep reading of a value: maps, lists, iterables and texts, by content. */
    static String snap(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(e.getKey()).append(':').append(snap(e.getValue())).append(',');
            }
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : l) {
                b.append(snap(o)).append(',');
            }
            return b.append(']').toString();
        }
        if (v instanceof CharSequence c) {
            return "'" + c + "'";
        }
        return String.valueOf(v);
    }

    private static Environment env(Executor ex, Loader loader, List<Kept> kept, boolean strict) {
        return Environment.builder().loader(loader).executor(ex).strictVariables(strict).autoReload(true)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(new Kept(a[0], snap(a[0])));
                    return "";
                }).params("v"))
                .filter(FilterDefinition.of("keepf", (ctx, a) -> {
                    kept.add(new Kept(a[0], snap(a[0])));
                    return a[0];
                }))
                .test(TestDefinition.of("kept", (ctx, a) -> {
                    kept.add(new Kept(a[0], snap(a[0])));
                    return true;
                }))
                .build();
    }

    private static String run(Environment env, String name, Map<String, Object> ctx) {
        try {
            return env.load(name).render(ctx);
        } catch (RuntimeException e) {
            return "!" + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static Map<String, Object> data(String a, String b) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("a", a);
        d.put("b", b);
        d.put("name", "keeper2");
        d.put("links", List.of("outer"));
        d.put("obj", new Taker());
        return d;
    }

    /** A Java object whose method keeps what it is given. */
    public static final class Taker {
        static final List<Kept> TAKEN = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public String toString() {
            return "taker";
        }

        public String take(Object o) {
            TAKEN.add(new Kept(o, snap(o)));
            return "t";
        }
    }

    /** The long texts of the two renders (over 64 chars: not from any cache of recent values). */
    private static final String A1 = "https://first.example.org/" + "x".repeat(70);
    private static final String A2 = "https://second.example.org/" + "y".repeat(70);

    /**
     * Renders main on both executors twice (different data), returns the compiled outputs; the outputs and the
     * number of kept values agree, and every kept value still reads as it did when kept.
     */
    private static List<String> twice(Map<String, String> templates, boolean strict) {
        List<List<String>> outs = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            List<Kept> kept = new ArrayList<>();
            Environment env = env(ex, new MapLoader(templates), kept, strict);
            List<String> out = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                out.add(run(env, "main", data(r % 2 == 0 ? A1 : A2, "#" + r)));
            }
            kept.addAll(Taker.TAKEN);
            Taker.TAKEN.clear();
            for (Kept k : kept) {
                assertEquals(k.then(), snap(k.value()), ex + ": a kept value changed after later renders: "
                        + templates);
            }
            outs.add(out);
            outs.add(List.of("kept " + kept.size()));
        }
        assertEquals(outs.get(2), outs.get(0), "compiled vs interpreted: " + templates);
        assertEquals(outs.get(3), outs.get(1), "kept values, compiled vs interpreted: " + templates);
        return outs.get(0);
    }

    private static final String INCLUDE = "{% include 't' with {links: [{label: 'x' ~ b, href: a ~ b,"
            + " sub: [a ~ '/' ~ b, {deep: b ~ a}]}, {label: 'y', href: b ~ a, sub: []}]} %}";

    private static Map<String, String> templates(String main, String... more) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("main", main);
        for (int i = 0; i < more.length; i += 2) {
            t.put(more[i], more[i + 1]);
        }
        t.putIfAbsent("keeper", "{% block k %}{{ keep(links) }}{{ keep(l ?? null) }}{% endblock %}");
        t.putIfAbsent("keeper2", "{{ keep(l) }}{{ keep(links) }}");
        t.putIfAbsent("base", "{% block b %}{% endblock %}{{ keep(links) }}");
        t.putIfAbsent("e", "[{% block x %}{% endblock %}]");
        return t;
    }

    static Stream<Arguments> deepReaders() {
        String loop = "{% for l in links %}{{ l.href }};{% endfor %}";
        return Stream.of(
                Arguments.of("a user test on an element", "{% for l in links %}{{ l.href }}"
                        + "{% if l.href is kept %}+{% endif %}{% endfor %}"),
                Arguments.of("a user test on a nested list element", "{% for l in links %}{{ l.href }}"
                        + "{% if l.sub is kept %}+{% endif %}{% endfor %}"),
                Arguments.of("a user test on the name whole", loop + "{% if links is kept %}+{% endif %}"),
                Arguments.of("a user test on the loop variable whole", "{% for l in links %}{{ l.href }}"
                        + "{% if l is kept %}+{% endif %}{% endfor %}"),
                Arguments.of("a user test printed", loop + "{{ links is kept ? 'k' }}{{ links is not kept ? 'n' }}"),
                Arguments.of("a user filter on an element", "{% for l in links %}{{ l.sub|keepf|length }}{% endfor %}"),
                Arguments.of("loop kept", "{% for l in links %}{{ keep(loop) }}{{ l.href }}{% endfor %}"),
                Arguments.of("loop.parent kept", "{% for l in links %}{{ keep(loop.parent) }}{{ l.href }}{% endfor %}"),
                Arguments.of("_context kept in the loop", "{% for l in links %}{{ keep(_context) }}{{ l.href }}"
                        + "{% endfor %}"),
                Arguments.of("_context kept after", loop + "{{ keep(_context) }}"),
                Arguments.of("a block of its own keeps", loop + "{% block b %}{{ keep(links) }}{% endblock %}"),
                Arguments.of("block() of another template's block", "{% for l in links %}{{ l.href }}"
                        + "{{ block('k', 'keeper') }}{% endfor %}"),
                Arguments.of("a nested include keeps", "{% for l in links %}{{ l.href }}{% include 'keeper2' %}"
                        + "{% endfor %}"),
                Arguments.of("a nested include() of a dynamic name", "{% for l in links %}{{ l.href }}"
                        + "{{ include(name) }}{% endfor %}"),
                Arguments.of("an embed's block keeps", loop + "{% embed 'e' %}{% block x %}{{ keep(links) }}"
                        + "{% endblock %}{% endembed %}"),
                Arguments.of("an embed in the loop keeps the element", "{% for l in links %}{{ l.href }}"
                        + "{% embed 'e' %}{% block x %}{{ keep(l) }}{% endblock %}{% endembed %}{% endfor %}"),
                Arguments.of("extends: the parent keeps", "{% extends 'base' %}{% block b %}" + loop + "{% endblock %}"),
                Arguments.of("a macro of _self", "{% import _self as s %}{% macro m(x) %}{{ keep(x) }}{% endmacro %}"
                        + loop + "{{ s.m(links) }}"),
                Arguments.of("a macro given the element", "{% macro m(x) %}{{ keep(x) }}{% endmacro %}"
                        + "{% for l in links %}{{ l.href }}{{ _self.m(l) }}{% endfor %}"),
                Arguments.of("first, last, slice, merge", loop + "{{ keep(links|first) }}{{ keep(links|last) }}"
                        + "{{ keep(links|slice(0, 1)) }}{{ keep(links|merge([1])) }}"),
                Arguments.of("subscript, ?. and ??", loop + "{{ keep(links[0]) }}{{ keep(links[0]?.sub) }}"
                        + "{{ keep(links.x ?? links) }}{{ keep(links[0].sub[1]) }}"),
                Arguments.of("attribute()", loop + "{{ keep(attribute(links, 0)) }}{{ keep(attribute(links[0], 'sub')) }}"),
                Arguments.of("arrows", loop + "{{ keep(links|map(x => x)) }}{{ keep(links|filter(x => x.sub)) }}"
                        + "{{ keep(links|reduce((c, x) => c|merge([x.sub]), [])) }}"),
                Arguments.of("set of an element", loop + "{% set e = links[0] %}{{ keep(e) }}"),
                Arguments.of("set of the loop variable", "{% for l in links %}{% set e = l %}{{ l.href }}{% endfor %}"
                        + "{{ keep(e) }}"),
                Arguments.of("set of an element's part", "{% for l in links %}{% set e = l.sub %}{{ l.href }}"
                        + "{% endfor %}{{ keep(e) }}"),
                Arguments.of("arrows calling user code on elements", loop + "{{ links|map(x => keep(x))|join }}"
                        + "{{ links|filter(x => x.sub is kept)|length }}{{ links|reduce((c, x) => c ~ keep(x.sub), '') }}"
                        + "{{ links|sort((p, q) => keep(p) ~ keep(q) ? 0 : 0)|length }}"),
                Arguments.of("a Java object's method given parts", "{% for l in links %}{{ l.href }}{{ obj.take(l) }}"
                        + "{{ obj.take(l.sub) }}{% endfor %}{{ obj.take(links) }}"),
                Arguments.of("do, with, named args", "{% for l in links %}{{ l.href }}{% do keep(l.sub) %}"
                        + "{% with {x: l} %}{{ keep(x) }}{% endwith %}{{ keep(v=l.sub) }}{% endfor %}"),
                Arguments.of("wrapped in new literals and spread", "{% for l in links %}{{ l.href }}{{ [l]|keepf|length }}"
                        + "{{ {a: l.sub}|keepf|length }}{{ [...l.sub]|keepf|length }}{{ {...l}|keepf|length }}{% endfor %}"),
                Arguments.of("core functions picking elements", loop + "{{ keep(random(links|slice(0, 1))) }}"
                        + "{{ keep(cycle(links, 1)) }}{{ keep(links|column('sub')) }}{{ keep(links|batch(1)) }}"
                        + "{{ keep(links|find(x => x.sub)) }}{{ keep(links|reverse) }}{{ keep(max(links[0].sub)) }}"),
                Arguments.of("a capture of the element and default", "{% for l in links %}{{ l.href }}"
                        + "{{ keep(l.sub|default([])) }}{{ keep(l.sub ?: 0) }}{{ keep(l.nope ?? l.sub) }}{% endfor %}"),
                Arguments.of("a loop over the element's list inside", "{% for l in links %}{{ l.href }}"
                        + "{% for x in [l.sub] %}{{ keep(x) }}{% endfor %}{% endfor %}"),
                Arguments.of("the loop variable printed via the test of a user test only", "{% for l in links %}"
                        + "{% if l.sub is kept %}{{ l.href }}{% endif %}{% endfor %}"),
                Arguments.of("json_encode", loop + "{{ keep(links|json_encode) }}"),
                Arguments.of("else branch keeps", "{% for l in links %}{{ l.href }}{% else %}{{ keep(links) }}"
                        + "{% endfor %}{% for l in links|slice(5) %}{{ l.href }}{% else %}{{ keep(links) }}{% endfor %}"),
                Arguments.of("nested loop over the element", "{% for l in links %}{% for s in l.sub %}{{ keep(s) }}"
                        + "{% endfor %}{% endfor %}"),
                Arguments.of("the loop variable shadows an outer keeper", "{% set l = 'z' %}{% for l in links %}"
                        + "{{ l.href }}{% endfor %}{{ keep(l) }}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deepReaders")
    void anIncludedLiteralReachesUserCodeOnlyAsItsOwn(String what, String t) {
        List<String> out = twice(templates("{% set o = 1 %}" + INCLUDE + INCLUDE + "|{{ keep(links) }}", "t", t), false);
        assertTrue(out.get(0).contains("|"), what + ": " + out);
    }

    @Test
    void theIncludedLiteralKeptAcrossIncludesInALoop() {
        twice(templates("{% for i in 1..3 %}" + INCLUDE + "{% include 'keeper2' with {l: [a ~ i]} %}{% endfor %}",
                "t", "{% for l in links %}{{ l.href }}{% if l.sub is kept %}{% endif %}{% endfor %}{{ keep(links) }}"),
                false);
    }

    @Test
    void aDynamicIncludeChosenPerRender() {
        Map<String, String> t = templates("{% include (b == '#1' ? 'keeper2' : 't') with {links: [{href: a ~ b,"
                + " sub: [a ~ b]}], l: [b ~ a]} %}", "t", "{% for l in links %}{{ l.href }}{% endfor %}");
        twice(t, false);
    }

    @Test
    void renderInsideARender() {
        List<Kept> kept = new ArrayList<>();
        Environment[] env = new Environment[1];
        for (Executor ex : Executor.values()) {
            kept.clear();
            Map<String, String> t = templates("{% include 't' with {links: [{href: a ~ inner(a), sub: [b ~ a]}]} %}",
                    "t", "{% for l in links %}{{ l.href }}{% if l.sub is kept %}+{% endif %}{% endfor %}",
                    "in", "{% include 't' with {links: [{href: v ~ '!', sub: [v ~ '?']}]} %}");
            env[0] = Environment.builder().loader(new MapLoader(t)).executor(ex)
                    .function(FunctionDefinition.of("inner", (ctx, a) -> env[0].load("in")
                            .render(Map.of("v", a[0] + "-in"))).params("v"))
                    .test(TestDefinition.of("kept", (ctx, a) -> {
                        kept.add(new Kept(a[0], snap(a[0])));
                        return true;
                    }))
                    .build();
            String o1 = env[0].load("main").render(data(A1, "1"));
            String o2 = env[0].load("main").render(data(A2, "2"));
            assertEquals(A1 + A1 + "-in!+" + "+", o1, ex.name());
            assertTrue(o2.startsWith(A2), ex.name());
            for (Kept k : kept) {
                assertEquals(k.then(), snap(k.value()), ex.name());
            }
        }
    }

    /** The included template changes on disk between renders, from a deep reader to a keeper (autoReload). */
    @Test
    void theIncludedTemplateChangesOnDisk(@TempDir Path dir) throws Exception {
        for (Executor ex : Executor.values()) {
            Path d = Files.createDirectories(dir.resolve(ex.name()));
            Files.writeString(d.resolve("main"), INCLUDE);
            Path t = d.resolve("t");
            Files.writeString(t, "{% for l in links %}{{ l.href }};{% endfor %}");
            Files.setLastModifiedTime(t, FileTime.fromMillis(1_000_000L));
            List<Kept> kept = new ArrayList<>();
            Environment env = env(ex, new FileSystemLoader(d), kept, false);
            String o1 = run(env, "main", data(A1, "#1"));
            Files.writeString(t, "{% for l in links %}{{ l.href }};{% endfor %}{{ keep(links) }}{{ keep(links[0].sub) }}");
            Files.setLastModifiedTime(t, FileTime.fromMillis(9_000_000L));
            String o2 = run(env, "main", data(A2, "#2"));
            String o3 = run(env, "main", data(A1, "#3"));
            assertEquals(A1 + "#1;#1" + A1 + ";", o1, ex.name());
            assertEquals(A2 + "#2;#2" + A2 + ";", o2, ex.name());
            assertEquals(A1 + "#3;#3" + A1 + ";", o3, ex.name());
            assertEquals(4, kept.size(), ex.name());
            for (Kept k : kept) {
                assertEquals(k.then(), snap(k.value()), ex.name());
            }
        }
    }

    @Test
    void manyThreadsKeepWhatTheyKept() throws Exception {
        for (Executor ex : Executor.values()) {
            List<Kept> kept = java.util.Collections.synchronizedList(new ArrayList<>());
            Environment env = env(ex, new MapLoader(templates(INCLUDE + INCLUDE, "t",
                    "{% for l in links %}{{ l.href }}{% if l.sub is kept %}{% endif %}{% endfor %}"
                            + "{{ keep(links[0]) }}")), kept, false);
            AtomicInteger wrong = new AtomicInteger();
            java.util.function.IntFunction<Runnable> request = id -> () -> {
                for (int i = 0; i < 20; i++) {
                    String a = "t" + id + "-" + i + "-" + "z".repeat(70);
                    try {
                        String r = env.load("main").render(data(a, "#" + i));
                        String one = a + "#" + i + "#" + i + a;
                        if (!r.equals(one + one)) {
                            wrong.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        wrong.incrementAndGet();
                    }
                }
            };
            RedTeamOpenFindingsTest.onManyThreads(request, 16, 1_000);
            assertEquals(0, wrong.get(), ex.name());
            int threads = 16 + (Runtime.version().feature() >= 21 ? 1_000 : 0); // (virtual ones on Java 21+)
            assertEquals(threads * 20 * 2 * 3, kept.size(), ex.name());
            synchronized (kept) {
                for (Kept k : kept) {
                    assertEquals(k.then(), snap(k.value()), ex.name());
                }
            }
        }
    }

    @Test
    void includeVariantsOnlyIgnoreMissingListsAndRecursion() {
        String lit = "{links: [{href: a ~ b, sub: [b ~ a]}], depth: 0}";
        String deep = "{% for l in links %}{{ l.href }};{% endfor %}";
        twice(templates("{% include 't' with " + lit + " only %}{% include 'none' ignore missing with " + lit + " %}"
                + "{% include ['none', 't'] with " + lit + " %}{{ keep(links) }}", "t", deep), false);
        twice(templates("{% include 't' with " + lit + " %}", "t", deep + "{% if depth < 2 %}{% include 't' with"
                + " {depth: depth + 1} %}{% include 'keeper2' with {l: links[0]} %}{% endif %}"), false);
    }

    @Test
    void aDeepReaderInTheSandboxPrintingObjects() {
        for (boolean allowed : new boolean[] {false, true}) {
            List<String> outs = new ArrayList<>();
            for (Executor ex : Executor.values()) {
                dev.zweig.sandbox.SecurityPolicy.Builder p = dev.zweig.sandbox.SecurityPolicy.builder()
                        .allowTags("for", "include", "if").allowFunctions("include");
                if (allowed) {
                    p.allowMethods(Taker.class, "__toString");
                }
                Environment env = Environment.builder().loader(new MapLoader(Map.of("main",
                        "{% include 't' with {links: [{o: obj, href: a ~ b}, {o: a ~ b, href: obj}]} %}",
                        "t", "{% for l in links %}{{ l.href }}:{{ l.o }};{% endfor %}")))
                        .executor(ex).sandbox(p.build()).build();
                outs.add(run(env, "main", data("x", "y")));
            }
            assertEquals(outs.get(1), outs.get(0));
            assertEquals(allowed ? "xy:taker;taker:xy;" : "!SecurityNotAllowedMethodException", allowed ? outs.get(0)
                    : outs.get(0).replaceFirst(":.*", ""), outs.get(0));
        }
    }

    /** Virtual threads when the JDK has them (Java 21+, run with Temurin 25), platform threads otherwise. */
    @Test
    void virtualThreadsKeepWhatTheyKept() throws Exception {
        java.util.concurrent.ExecutorService pool;
        try {
            pool = (java.util.concurrent.ExecutorService) java.util.concurrent.Executors.class
                    .getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        }
        for (Executor ex : Executor.values()) {
            List<Kept> kept = java.util.Collections.synchronizedList(new ArrayList<>());
            Environment env = env(ex, new MapLoader(templates(INCLUDE, "t",
                    "{% for l in links %}{{ l.href }}{% if l.sub is kept %}{% endif %}{% endfor %}")), kept, false);
            List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
            for (int id = 0; id < 200; id++) {
                String a = "v" + id + "-" + "w".repeat(70);
                results.add(pool.submit(() -> {
                    Thread.yield();
                    String one = a + "#" + a.length() + "#" + a.length() + a;
                    return env.load("main").render(data(a, "#" + a.length())).equals(one);
                }));
            }
            for (java.util.concurrent.Future<Boolean> f : results) {
                assertTrue(f.get(), ex.name());
            }
            assertEquals(200 * 2, kept.size(), ex.name());
            synchronized (kept) {
                for (Kept k : kept) {
                    assertEquals(k.then(), snap(k.value()), ex.name());
                }
            }
        }
        pool.shutdown();
    }

    /**
     * An arrow handed to user code: what it returns, called in the render, is the caller's to keep and stays as it
     * was after later renders; called after the render, it fails with a TemplateException (the engine's rule).
     */
    @Test
    void arrowsHandedToUserCode() {
        String[] ts = {
            "{% for l in links %}{{ l.href }}{% block bb %}{{ later(x => l) }}{% endblock %}{% endfor %}",
            "{% for l in links %}{{ l.href }}{{ later(x => l.sub) }}{% endfor %}",
            "{% for l in links %}{{ l.href }}{% endfor %}{{ later(x => links) }}",
            "{% for l in links %}{{ l.href }}{{ later(x => loop.index ~ l.label) }}{% endfor %}"};
        for (String t : ts) {
            List<String> outs = new ArrayList<>();
            for (Executor ex : Executor.values()) {
                List<dev.zweig.ext.Lambda> later = new ArrayList<>();
                List<Kept> kept = new ArrayList<>();
                Environment env = Environment.builder().loader(new MapLoader(templates(INCLUDE, "t", t)))
                        .executor(ex).function(FunctionDefinition.of("later", (ctx, a) -> {
                            dev.zweig.ext.Lambda f = (dev.zweig.ext.Lambda) a[0];
                            later.add(f);
                            Object v = f.apply(0);
                            kept.add(new Kept(v, snap(v)));
                            return "";
                        }).params("f")).build();
                StringBuilder o = new StringBuilder();
                for (int r = 0; r < 3; r++) {
                    o.append(run(env, "main", data(r % 2 == 0 ? A1 : A2, "#" + r)));
                }
                for (Kept k : kept) {
                    assertEquals(k.then(), snap(k.value()), ex + ": " + t);
                }
                assertTrue(kept.get(0).then().contains(A1) || kept.get(0).then().equals("'1x#0'"), ex + ": " + t);
                for (dev.zweig.ext.Lambda f : later) {
                    try {
                        f.apply(0);
                        o.append("|called");
                    } catch (dev.zweig.TemplateException e) {
                        o.append("|").append(e.getClass().getSimpleName());
                    }
                }
                outs.add(o.toString());
            }
            assertEquals(outs.get(1), outs.get(0), t);
            assertTrue(!outs.get(0).contains("called"), outs.get(0));
        }
    }

    /** A render that fails inside the deep reader's loop leaves nothing behind for the next renders. */
    @Test
    void aFailingRenderInsideTheDeepLoop() {
        Map<String, String> t = templates("{% for i in 1..2 %}" + INCLUDE + "{% endfor %}{{ keep(links) }}", "t",
                "{% for l in links %}{{ l.href }};{% if l.label == 'x#1' %}{{ 1 // (b == '#1' ? 0 : 1) }}{% endif %}"
                        + "{% endfor %}{% include 'keeper2' with {l: [a]} %}");
        List<String> out = twice(t, false);
        assertTrue(out.get(1).startsWith("!"), out.get(1));
        assertEquals(out.get(0).replace(A1, A2).replace("#0", "#2"), out.get(2).replace(A1, A2));
        twice(t, true);
    }

    // ---- grouping reduce kept by set ------------------------------------------------------------------------

    private static final String GROUPED = "{% set g = xs|reduce((c, x) => c|merge({(x.k): (c[x.k] ?? [])|merge([x])}),"
            + " {}) %}";

    static Stream<Arguments> groups() {
        return Stream.of(
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{{ keep(l) }}{{ l|length }}"
                        + "{% endfor %}{{ keep(g|keys) }}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{% set l = l|merge([k]) %}"
                        + "{{ keep(l) }}{% endfor %}{{ keep(g) }}"),
                Arguments.of(GROUPED + "{% set l = g.none ?? [] %}{% set l2 = g[xs[0].k] ?? [] %}{{ keep(l2|first) }}"
                        + "{{ keep(l) }}{% for k in g|keys %}{% if g[k] is kept %}{% endif %}{% endfor %}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{% for x in l %}"
                        + "{{ keep(loop.parent) }}{% endfor %}{% endfor %}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}"
                        + "{% include 'keeper2' %}{% endfor %}"),
                Arguments.of(GROUPED + "{% macro m(l) %}{{ keep(l) }}{% endmacro %}{% for k in g|keys %}"
                        + "{% set l = g[k] ?? [] %}{{ _self.m(l) }}{{ keep(_context) }}{% endfor %}"),
                Arguments.of(GROUPED + "{% for k, grp in g %}{{ keep(grp) }}{{ obj.take(grp) }}{% endfor %}"
                        + "{% set h = g %}{{ keep(h) }}{{ keep(g|merge({z: 1})) }}{{ keep(g|keys|first) }}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{% include 'keeper2' with"
                        + " {l: g[k] ?? [], links: [l, g[k] ?? []]} %}{% endfor %}{{ keep(g|json_encode) }}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{% set l2 = l %}"
                        + "{% endfor %}{{ keep(l) }}{{ keep(l2) }}{% set xs = [] %}{{ keep(l|first) }}"),
                Arguments.of(GROUPED + "{% for k in g|keys %}{% set l = g[k] ?? [] %}{% for x in l %}"
                        + "{{ keep(loop) }}{{ keep(x) }}{% endfor %}{% endfor %}{{ keep(g|map(v => v|length)) }}"));
    }

    @ParameterizedTest
    @MethodSource("groups")
    void groupsKeptBySetStayIntact(String t) {
        for (Executor ex : Executor.values()) {
            List<Kept> kept = new ArrayList<>();
            Environment env = env(ex, new MapLoader(templates(t)), kept, false);
            for (int r = 0; r < 3; r++) {
                List<Object> xs = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("k", "k" + ((i + r) % 3));
                    x.put("v", r * 10 + i);
                    xs.add(x);
                }
                Map<String, Object> d = data(A1, "#" + r);
                d.put("xs", xs);
                run(env, "main", d);
            }
            kept.addAll(Taker.TAKEN);
            Taker.TAKEN.clear();
            assertTrue(!kept.isEmpty(), ex + ": " + t);
            for (Kept k : kept) {
                assertEquals(k.then(), snap(k.value()), ex + ": " + t);
            }
        }
        twiceGroups(t);
    }

    private static void twiceGroups(String t) {
        List<String> outs = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            Environment env = env(ex, new MapLoader(templates(t + "{{ g|json_encode }}")), new ArrayList<>(), false);
            Map<String, Object> d = data(A1, "#");
            d.put("xs", List.of(Map.of("k", "a", "v", 1), Map.of("k", "b", "v", 2), Map.of("k", "a", "v", 3)));
            outs.add(run(env, "main", d));
        }
        assertEquals(outs.get(1), outs.get(0), t);
    }

    // ---- loops over what has no count -----------------------------------------------------------------------

    private static Iterable<Object> gen(Object... xs) {
        return () -> List.of(xs).iterator();
    }

    private static String uncounted(String t, boolean strict, Map<String, String> more) {
        List<String> outs = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            Map<String, String> all = new LinkedHashMap<>(more);
            all.put("main", t);
            List<Kept> kept = new ArrayList<>();
            Environment env = env(ex, new MapLoader(all), kept, strict);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("it", gen("a", "b"));
            d.put("iter", (Iterator<Object>) List.<Object>of("p", "q").iterator());
            d.put("list", List.of(1, 2));
            outs.add(run(env, "main", d) + "|kept " + kept.size());
        }
        assertEquals(outs.get(1), outs.get(0), t);
        return outs.get(0);
    }

    @Test
    void uncountedLoops() {
        // Twig: no revindex0, revindex, length, last on a non-Countable Traversable; null without strict variables
        assertEquals("1[][]2[][]|kept 0", uncounted("{% for v in it %}{{ loop.index }}[{{ loop.length }}]"
                + "[{{ loop.last }}]{% endfor %}", false, Map.of()));
        assertEquals("!RuntimeError: Key \"length\" for sequence/mapping with keys \"parent, index0, index, first\""
                + " does not exist in \"main\" at line 1.|kept 0", uncounted("{% for v in it %}{{ loop.length }}"
                + "{% endfor %}", true, Map.of()).replaceFirst("^!\\w+", "!RuntimeError"));
        // loop handed to a macro: the macro reads length of a copy of the loop
        String m = uncounted("{% macro m(l) %}{{ l.index }}{{ l.length is defined ? 'D' : 'u' }}"
                + "{{ l.last ?? 'n' }}{% endmacro %}{% for v in it %}{{ _self.m(loop) }}{% endfor %}"
                + "{% for v in list %}{{ _self.m(loop) }}{% endfor %}", false, Map.of());
        assertEquals("1un2un1D2D1|kept 0", m);
        // the loop handed to user code, nested loops, else, an iterator
        String n = uncounted("{% for v in iter %}{% for w in it %}{{ keep(loop) }}{{ loop.parent.loop.index }}"
                + "{{ loop.parent.loop.revindex ?? '-' }}{% endfor %}{% else %}E{% endfor %}"
                + "{% for v in iter %}x{% else %}E{% endfor %}", false, Map.of());
        assertEquals("1-1-2-2-E|kept 4", n);
        assertEquals("1:parent,index0,index,first|kept 0", uncounted("{% for v in it %}{% if loop.first %}"
                + "{{ loop.index }}:{{ loop|keys|join(',') }}{% endif %}{% endfor %}", true, Map.of()));
    }

    @Test
    void uncountedLoopInTheSandbox() {
        List<String> outs = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            Environment env = Environment.builder().loader(new MapLoader(Map.of("main",
                    "{% for v in it %}{{ v }}{{ loop.length ?? 'n' }}{{ loop.last is defined ? 'L' : '' }}{% endfor %}")))
                    .executor(ex).sandbox(dev.zweig.sandbox.SecurityPolicy.builder().allowTags("for", "if")
                            .allowFilters("escape").build()).build();
            outs.add(run(env, "main", Map.of("it", gen("a", "b"))));
        }
        assertEquals(outs.get(1), outs.get(0));
        assertEquals("anbn", outs.get(0));
    }
}
