package dev.zweig.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The compiled executor under threads: many threads compiling (a cold environment, a cache small enough to evict
 * and recompile) and rendering the same and different templates at once, platform and virtual; a render inside a
 * render; and what user code keeps of a render (arrows, loop, _context, _parent, collections built by the template)
 * used after it, on another thread, while later renders reuse the pooled render states.
 */
class ExecutorThreadsTest {
    /** A family of templates: pages extending a layout, including a partial, calling macros and arrows. */
    private static Map<String, String> templates(int pages) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("layout", "<h1>{% block title %}{{ user }}{% endblock %}</h1>{% block body %}{% endblock %}"
                + "{% include 'partial' with {items: items|slice(0, 2)} %}");
        m.put("partial", "{% for i in items %}[{{ loop.index }}:{{ i|upper }}]{% endfor %}");
        m.put("macros", "{% macro row(x, n = 1) %}<{{ x }}*{{ n }}>{% endmacro %}");
        for (int p = 0; p < pages; p++) {
            m.put("page" + p, "{% extends 'layout' %}{% import 'macros' as mac %}{% block title %}" + p
                    + "-{{ parent() }}"
                    + "{% endblock %}{% block body %}{% for i in items %}{{ mac.row(i, loop.index * " + p + ") }}"
                    + "{{ items|filter(x => x != i)|map(x => x ~ '" + p + "')|join(',') }}"
                    + "{% set t = i ~ user %}{{ t|length }}{% endfor %}{{ items|reduce((c, x) => c ~ x, user) }}"
                    + "{% endblock %}");
        }
        return m;
    }

    private static Map<String, Object> data(String user) {
        return Map.of("user", user, "items", List.of(user + "a", user + "b", user + "c"));
    }

    private static Environment env(Executor executor, Map<String, String> templates, int cacheSize) {
        return Environment.builder().executor(executor).loader(new MapLoader(templates)).cacheSize(cacheSize).build();
    }

    /** Renders random pages with per-task data on the tasks' executor; counts the outputs that are not expected. */
    private static void renderConcurrently(ExecutorService pool, int tasks, int rendersPerTask) throws Exception {
        int pages = 30;
        Map<String, String> templates = templates(pages);
        Environment reference = env(Executor.INTERPRETED, templates, 1000);
        Environment compiled = env(Executor.COMPILED, templates, 12); // evicted and recompiled while in use
        CyclicBarrier start = new CyclicBarrier(Math.min(tasks, 8));
        List<Future<List<String>>> results = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            int task = t;
            results.add(pool.submit(() -> {
                if (task < 8) {
                    start.await(); // the first renders race to compile the same templates
                }
                List<String> wrong = new ArrayList<>();
                for (int i = 0; i < rendersPerTask; i++) {
                    String page = "page" + ((task * 7 + i * 13) % pages);
                    Map<String, Object> d = data("u" + task + "." + i);
                    String expected = reference.render(page, d);
                    String actual = compiled.render(page, d);
                    if (!expected.equals(actual)) {
                        wrong.add(page + ": " + expected + " != " + actual);
                    }
                }
                return wrong;
            }));
        }
        List<String> wrong = new ArrayList<>();
        for (Future<List<String>> f : results) {
            wrong.addAll(f.get());
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " wrong renders, first: " + wrong.subList(0,
                Math.min(3, wrong.size())));
    }

    @Test
    void manyThreadsCompileAndRenderTheSameAndDifferentTemplates() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            renderConcurrently(pool, 8, 300);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void virtualThreadsCompileAndRender() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+ (run on JDK 25)");
        ExecutorService pool = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            renderConcurrently(pool, 2_000, 5);
        } finally {
            pool.shutdown();
        }
    }

    /** A function that renders another template of the same environment (and of another) while its caller runs. */
    @ParameterizedTest
    @EnumSource(Executor.class)
    void aRenderInsideARender(Executor executor) {
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment other = env(executor, Map.of("o", "({{ v|join('+') }})"), 10);
        Environment env = Environment.builder().executor(executor).loader(new MapLoader(Map.of(
                "outer", "{% for x in xs %}{{ x }}{{ inner('mid', x) }}{{ xs|map(y => y ~ x)|join }}"
                        + "{{ loop.index }}{% endfor %}",
                "mid", "<{{ v }}{{ [v, v]|map(z => inner('leaf', z ~ '!'))|join('|') }}>",
                "leaf", "{{ v }}{{ other(v) }}")))
                .function(FunctionDefinition.of("inner", (ctx, a) -> new dev.zweig.Markup(self.get()
                        .render((String) a[0], Map.of("v", a[1])))).params("name", "v"))
                .function(FunctionDefinition.of("other", (ctx, a) -> other.render("o", Map.of("v",
                        List.of(a[0], a[0])))).params("v"))
                .build();
        self.set(env);
        assertEquals("a<aa!(a!+a!)|a!(a!+a!)>aaba1b<bb!(b!+b!)|b!(b!+b!)>abbb2",
                env.render("outer", Map.of("xs", List.of("a", "b"))));
    }

    /** What a user function kept, with its text when it was kept. */
    private record Kept(Object value, String then) {}

    /**
     * Values handed to user code stay as they were when handed: later renders (reusing the pooled render state and
     * its render-private storage) change none of them, and a kept arrow refuses to run once its render is over,
     * on any thread.
     */
    @ParameterizedTest
    @EnumSource(Executor.class)
    void whatUserCodeKeepsStaysAsItWas(Executor executor) throws Exception {
        List<Kept> kept = Collections.synchronizedList(new ArrayList<>());
        Environment env = Environment.builder().executor(executor).loader(new MapLoader(Map.of("t",
                "{% for x in xs %}{% set s = x ~ '-' ~ loop.index %}"
                        + "{{ keep(loop) }}{{ keep(_context) }}{{ keep(_parent) }}{{ keep(y => y ~ x) }}"
                        + "{{ keep([x, s]) }}{{ keep({k: x, (x): s}) }}{{ keep(x|split('')) }}{{ keep(s ~ x) }}"
                        + "{{ keep(xs|map(y => y ~ x)) }}{{ keep(xs|merge([x])) }}{{ keep(xs|slice(0, 1)) }}"
                        + "{{ keep(range(1, loop.index)) }}{{ keep(xs|filter(y => y != x)) }}{{ keep(xs|sort) }}"
                        + "{{ keep(x|upper) }}{{ keep(xs|batch(1)) }}{{ keep(xs|keys) }}{{ keep(xs|reverse) }}"
                        + "{{ keep({a: [x]}|merge({b: s})) }}{% endfor %}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(new Kept(a[0], String.valueOf(a[0])));
                    return "";
                }).params("v"))
                .build();
        for (int i = 0; i < 20; i++) {
            env.render("t", Map.of("xs", List.of("p" + i, "q" + i, "r" + i)));
        }
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                for (Kept k : kept) {
                    if (k.value() instanceof Lambda l) {
                        assertThrows(TemplateRuntimeException.class, () -> l.apply1("z"));
                    } else {
                        assertEquals(k.then(), String.valueOf(k.value()), "a kept value changed");
                    }
                }
                // while other renders run on this thread and reuse the pooled states
                env.render("t", Map.of("xs", List.of("later")));
                for (Kept k : kept) {
                    if (!(k.value() instanceof Lambda)) {
                        assertEquals(k.then(), String.valueOf(k.value()), "a kept value changed");
                    }
                }
                return null;
            }).get();
        } finally {
            other.shutdown();
        }
        for (Kept k : kept) {
            if (k.value() instanceof Lambda l) {
                assertThrows(TemplateRuntimeException.class, () -> l.apply1("z"));
            }
        }
        assertEquals(20 * 3 * 19 + 19, kept.size());
    }
}
