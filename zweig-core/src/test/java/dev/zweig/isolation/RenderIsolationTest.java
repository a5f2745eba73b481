package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.Template;
import dev.zweig.TemplateLimitException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Every render isolated, tried the way a user hits it: user functions and filters that keep what they are given
 * (results of core filters, {@code _context}, {@code loop}, arrow functions), the next render changing nothing of
 * it, and no render reading another's data on any thread.
 */
class RenderIsolationTest {
    /** What user callables kept, in call order. */
    private final List<Object> kept = new ArrayList<>();

    private Environment env(Map<String, String> templates) {
        return Environment.builder()
                .loader(new MapLoader(templates))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value"))
                .build();
    }

    @Test
    void aKeptMapResultStaysItsRendersValue() {
        Environment env = env(Map.of("t", "{{ keep(cards|map(c => c ~ '!')) }}{{ cards|map(c => c)|join }}"));
        env.render("t", Map.of("cards", List.of("1111", "2222")));
        env.render("t", Map.of("cards", List.of("9999")));
        assertEquals(List.of("1111!", "2222!"), kept.get(0));
        assertEquals(List.of("9999!"), kept.get(1));
    }

    @Test
    void aSortResultCachedByAUserFilterIsNotTheNextRendersObject() {
        List<Object> cache = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ (xs|sort)|remember|join(',') }}")))
                .filter("remember", v -> {
                    cache.add(v);
                    return v;
                })
                .build();
        assertEquals("1,2,3", env.render("t", Map.of("xs", List.of(3L, 1L, 2L))));
        assertEquals("7,8", env.render("t", Map.of("xs", List.of(8L, 7L))));
        assertNotSame(cache.get(0), cache.get(1));
        assertEquals("1,2,3", String.join(",", ((Map<?, ?>) cache.get(0)).values().stream()
                .map(String::valueOf).toList()));
    }

    @Test
    void keptContextAndLoopAreSnapshots() {
        Environment env = env(Map.of("t", "{{ keep(_context) }}{% for x in xs %}{{ keep(loop) }}{% endfor %}"));
        env.render("t", Map.of("user", "alice", "xs", List.of("a", "b")));
        env.render("t", Map.of("user", "bob", "xs", List.of("c")));
        Map<?, ?> ctx1 = (Map<?, ?>) kept.get(0);
        Map<?, ?> loop1 = (Map<?, ?>) kept.get(1);
        Map<?, ?> loop2 = (Map<?, ?>) kept.get(2);
        assertEquals("alice", ctx1.get("user"));
        assertEquals(1L, loop1.get("index"));
        assertEquals(2L, loop2.get("index"));
        assertEquals(true, loop2.get("last"));
        assertEquals("alice", ((Map<?, ?>) loop1.get("parent")).get("user"));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<Object, Object>) ctx1).put("user", "x"));
        Map<?, ?> ctx2 = (Map<?, ?>) kept.get(3);
        assertEquals("bob", ctx2.get("user"));
    }

    @Test
    void aContextSeenByANeedsContextFunctionIsASnapshot() {
        AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{% set a = 1 %}{{ peek() }}{% set a = 2 %}{{ a }}")))
                .function(FunctionDefinition.of("peek", (ctx, args) -> {
                    seen.set(ctx.variables());
                    return "";
                }))
                .build();
        assertEquals("2", env.render("t", Map.of()));
        assertEquals(1L, seen.get().get("a"));
    }

    @Test
    void aKeptArrowRefusesToRunAfterItsRender() {
        Environment env = env(Map.of("t", "{{ keep(x => secret ~ x) }}"));
        env.render("t", Map.of("secret", "s1"));
        env.render("t", Map.of("secret", "s2"));
        Lambda first = (Lambda) kept.get(0);
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> first.apply1("!"));
        assertEquals("t", e.getTemplateName());
        assertNotSame(kept.get(0), kept.get(1));
    }

    @Test
    void anArrowCalledFromAnotherThreadDuringItsRenderFailsAndNeverSeesOtherData() throws Exception {
        int threads = 4;
        int renders = 3000;
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ handoff(x => secret) }}{{ secret }}")))
                .function(FunctionDefinition.of("handoff", (ctx, a) -> {
                    Lambda fn = (Lambda) a[0];
                    Thread other = new Thread(() -> {
                        try {
                            Object v = fn.apply1(null);
                            wrong.incrementAndGet(); // any value read from another thread is a failure
                        } catch (TemplateRuntimeException expected) {
                            refused.incrementAndGet();
                        }
                    });
                    other.start();
                    other.join();
                    return fn.apply1(null); // on its own thread, during its own render: its own value
                }).params("fn"))
                .build();
        List<Thread> workers = new ArrayList<>();
        AtomicInteger mismatches = new AtomicInteger();
        for (int t = 0; t < threads; t++) {
            String secret = "s" + t;
            Thread w = new Thread(() -> {
                for (int i = 0; i < renders / threads; i++) {
                    if (!env.render("t", Map.of("secret", secret)).equals(secret + secret)) {
                        mismatches.incrementAndGet();
                    }
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertEquals(0, wrong.get());
        assertEquals(0, mismatches.get());
        assertEquals(renders, refused.get());
    }

    @Test
    void aDepthErrorCannotBeSwallowedAndTheCounterStaysRight() {
        String tpl = "{% macro r(n) %}<{{ n }}>{{ _self.r(n + 1) }}{% endmacro %}"
                + "{{ (_self.r(1)).x is defined ? 'swallowed' : 'no' }}";
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", tpl, "ok", "{% macro r(n) %}{{ n }}{% if n < 4 %}"
                        + "{{ _self.r(n + 1) }}{% endif %}{% endmacro %}{{ _self.r(1) }}")))
                .limits(RenderLimits.builder().maxDepth(5).build())
                .build();
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> env.render("t", Map.of()));
        assertTrue(e.getMessage().contains("Maximum nesting level of 5"), e.getMessage());
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(tpl.replace("(_self.r(1)).x is defined",
                "_self.r(1) ?? 'x'")).render(Map.of()));
        // four levels fit in five, after the failures as before them
        assertEquals("1234", env.render("ok", Map.of()));
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% macro r(n) %}{{ _self.r(n + 1) }}{% endmacro %}{{ _self.r(1)|default('d') }}").render(Map.of()));
    }

    @Test
    void anIterationLimitCannotBeTestedAway() {
        Environment env = Environment.builder()
                .limits(RenderLimits.builder().maxLoopIterations(10).build())
                .build();
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% macro spin() %}{% for i in 1..50 %}{% endfor %}{% endmacro %}{{ (_self.spin()).x is defined }}")
                .render(Map.of()));
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{{ (range(1, 50)|map(x => x)|join).length ?? 'swallowed' }}").render(Map.of()));
    }

    @Test
    void aPartialIncludedFromALoopSeesParent() {
        Environment env = env(Map.of(
                "page", "{% for x in [1] %}{% include 'partial' %}{% endfor %}",
                "partial", "[{{ _parent.title }}]"));
        assertEquals("[Outer]", env.render("page", Map.of("title", "Outer")));
    }

    @Test
    void parentInLoopsWithoutTheWordInTheTemplate() {
        // the loop's _parent is there whatever the source says; listing it through a partial's _context
        Environment env = env(Map.of(
                "page", "{% set v = 'outer' %}{% for x in [1] %}{% set v = 'inner' %}{{ include('p') }}{% endfor %}",
                "p", "{{ v }}/{{ attribute(_context, '_parent').v }}"));
        assertEquals("inner/outer", env.render("page", Map.of()));
    }

    @Test
    void requestDataIsUnreachableAfterTheRender() {
        Environment env = env(Map.of("t", "{% set c %}{{ big }}{% endset %}{{ c|length }}{% for x in items %}"
                + "{{ x.name }}{% endfor %}{{ items|map(i => i.name)|join }}"));
        // warm up the pooled states with ordinary renders first
        for (int i = 0; i < 5; i++) {
            env.render("t", Map.of("big", "x", "items", List.of(Map.of("name", "n"))));
        }
        List<WeakReference<Object>> refs = renderAndForget(env);
        WeakReference<Object> big = refs.get(0);
        WeakReference<Object> item = refs.get(1);
        for (int i = 0; i < 20 && (big.get() != null || item.get() != null); i++) {
            System.gc();
        }
        assertNull(big.get(), "the captured string is still reachable");
        assertNull(item.get(), "a context value is still reachable");
    }

    /** Renders with request data that only this method's frame references, and returns weak references to it. */
    private static List<WeakReference<Object>> renderAndForget(Environment env) {
        String s = "y".repeat(5_000_000);
        Map<String, Object> it = new HashMap<>(Map.of("name", "secret"));
        assertTrue(env.render("t", Map.of("big", s, "items", List.of(it))).startsWith("5000000"));
        return List.of(new WeakReference<>(s), new WeakReference<>(it));
    }

    @Test
    void aRenderInsideARenderGetsItsOwnState() {
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of(
                        "outer", "{% for x in xs %}{{ x }}:{{ inner(x) }};{% endfor %}{{ xs|map(v => v)|join }}",
                        "in", "{% for y in [v, v] %}{{ y }}{% endfor %}")))
                .function(FunctionDefinition.of("inner", (ctx, a) -> self.get().render("in", Map.of("v", a[0])))
                        .params("v"))
                .build();
        self.set(env);
        assertEquals("a:aa;b:bb;ab", env.render("outer", Map.of("xs", List.of("a", "b"))));
    }

    @Test
    void callContextCollectionsAreTheReceiversOutsideScratch() {
        List<Object> made = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ mk() }}")))
                .function(FunctionDefinition.of("mk", (CallContext ctx, Object[] a) -> {
                    List<Object> l = ctx.newList(2);
                    l.add(made.size());
                    made.add(l);
                    return "";
                }))
                .build();
        env.render("t", Map.of());
        env.render("t", Map.of());
        assertEquals(List.of(0), made.get(0));
        assertEquals(List.of(1), made.get(1));
    }

    @Test
    void userCallablesOwnTheirArgumentArrays() {
        List<Object[]> arrays = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ grab(a) }}")))
                .function(FunctionDefinition.of("grab", (ctx, a) -> {
                    arrays.add(a);
                    return "";
                }).params("x"))
                .build();
        env.render("t", Map.of("a", "first"));
        env.render("t", Map.of("a", "second"));
        assertEquals("first", arrays.get(0)[0]);
        assertEquals("second", arrays.get(1)[0]);
    }

    @Test
    void sameTemplateManyThreadsEachSeeTheirOwnData() throws Exception {
        Environment env = env(Map.of("t", "{% for c in cards %}{{ c }}{% endfor %}|{{ cards|map(c => c)|join }}"
                + "|{{ _context|keys|length }}"));
        int threads = 8;
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger bad = new AtomicInteger();
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String card = "c" + t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 2000; i++) {
                    if (!env.render("t", Map.of("cards", List.of(card))).equals(card + "|" + card + "|1")) {
                        bad.incrementAndGet();
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) {
            th.join();
        }
        assertEquals(0, bad.get());
    }

    @Test
    void loopVariablesAsValuesAreImmutable() {
        Environment env = env(Map.of("t", "{% for x in [1, 2] %}{% set l = loop %}{{ l.index }}{% endfor %}"));
        assertEquals("12", env.render("t", Map.of()));
    }

    @Test
    void aTemplateKeptByUserCodeStillRendersAfterManyOthers() {
        Environment env = env(Map.of("t", "{{ v }}"));
        Template t = env.load("t");
        for (int i = 0; i < 100; i++) {
            env.createTemplate("{{ w }}" + i).render(Map.of("w", i));
        }
        assertEquals("ok", t.render(Map.of("v", "ok")));
    }
}
