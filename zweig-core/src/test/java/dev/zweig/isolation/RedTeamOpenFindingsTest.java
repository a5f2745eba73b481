package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.Template;
import dev.zweig.TemplateLimitException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red-team findings of issue 7 after the first fixes: snapshots that cost what the caller's context holds, arrows
 * reading the live frame, state growing with compiles, frames sized to the name table, a kept FilterWriter Output,
 * captures not counted, renders beyond the pool size building a state each (fixed, these run). A finding still open
 * stays here {@code @Disabled} with the reason.
 */
class RedTeamOpenFindingsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static double bytesPerRender(Template t, Map<String, ?> ctx, String expected) {
        StringBuilderOutput out = new StringBuilderOutput();
        for (int i = 0; i < 5_000; i++) {
            out.reset();
            t.render(ctx, out);
        }
        assertEquals(expected, out.toString());
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2_000; i++) {
                out.reset();
                t.render(ctx, out);
            }
            best = Math.min(best, (THREADS.getCurrentThreadAllocatedBytes() - before) / 2_000.0);
        }
        return best;
    }

    /** A context like a decoded JSON payload: what the template reads, plus 1,000 keys it never reads. */
    private static Map<String, Object> wideContext() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("xs", List.of("a", "b", "c"));
        ctx.put("title", "T");
        for (int i = 1; i <= 3; i++) {
            ctx.put("f" + i, "v" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            ctx.put("unused" + i, i);
        }
        return ctx;
    }

    /** Renders source with the wide context and asserts the steady state allocates at most 2 KB per render. */
    private static void assertCostsWhatItReads(String source, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", source)))
                .function(FunctionDefinition.of("title_of_context", (ctx, a) -> ctx.variables().get("title")))
                .build().load("t");
        double bytes = bytesPerRender(t, wideContext(), expected);
        assertTrue(bytes <= 2048, bytes + " bytes per render");
    }

    // ---- snapshots cost what the context holds, per access -------------------------------------------------

    /**
     * Passing {@code loop} to a macro (the usual row macro) snapshots the loop, whose {@code parent} is a copy of
     * the whole scope, context keys included: 6.6 KB per render with a 27-key context, 3.2 MB and 5 ms per render
     * with 20,000 keys.
     */
    @Test
    void passingLoopToAMacroCostsWhatTheTemplateReads() {
        assertCostsWhatItReads("{% macro row(x, loop) %}<tr class=\"{{ loop.index is odd ? 'odd' }}\">{{ x }}</tr>"
                + "{% endmacro %}{% for x in xs %}{{ _self.row(x, loop) }}{% endfor %}",
                "<tr class=\"odd\">a</tr><tr class=\"\">b</tr><tr class=\"odd\">c</tr>");
    }

    /** {@code loop.parent.loop.index}, the nested-loop idiom of Twig's documentation: 53 KB per render. */
    @Test
    void theNestedLoopIdiomCostsWhatTheTemplateReads() {
        assertCostsWhatItReads("{% for x in xs %}{% for y in xs %}{{ loop.parent.loop.index }}{{ y }}{% endfor %}"
                + "{% endfor %}", "1a1b1c2a2b2c3a3b3c");
    }

    /** {@code _context[name]} (dynamic names, form themes): 17 KB per render with 27 keys, 7.6 ms with 20,000. */
    @Test
    void aDynamicContextLookupCostsWhatTheTemplateReads() {
        assertCostsWhatItReads("{% for i in 1..3 %}{{ _context['f' ~ i] }}{% endfor %}", "v1v2v3");
    }

    /** {@code _parent.title} inside a loop copies the scope per access. */
    @Test
    void readingParentInALoopCostsWhatTheTemplateReads() {
        assertCostsWhatItReads("{% for x in xs %}{{ _parent.title }}{{ x }}{% endfor %}", "TaTbTc");
    }

    /** A needs-context function reading one variable gets a copy of every context key. */
    @Test
    void aNeedsContextCallCostsWhatItReads() {
        assertCostsWhatItReads("{% for x in xs %}{{ title_of_context() }}{% endfor %}", "TTT");
    }

    // ---- arrows read the live, pooled frame ---------------------------------------------------------------

    /**
     * Twig compiles an arrow to {@code function (...) use ($context)}: it sees the scope as it was when the arrow
     * was made. Here the arrow reads the frame live: a later set shows through, and once the arrow's scope ended
     * (a macro), a kept arrow reads (and writes its parameters into) whatever scope reuses that pooled frame.
     */
    @Test
    void anArrowSeesItsScopeAsItWasWhenMade() {
        List<Object> kept = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of(
                        "late", "{% set a = 1 %}{% set f = v => a %}{% set a = 2 %}{{ [0]|map(f)|join }}",
                        "popped", "{% macro mk(s) %}{{ keep(v => s) }}{% endmacro %}{{ _self.mk('macro-arg') }}"
                                + "{% include 'p' with {s: 'include-var'} %}",
                        "p", "{{ call_kept() }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value"))
                .function(FunctionDefinition.of("call_kept", (ctx, a) -> ((Lambda) kept.get(0)).apply1(null)))
                .build();
        assertEquals("1", env.render("late", Map.of()));
        assertEquals("macro-arg", env.render("popped", Map.of()));
    }

    // ---- frames sized to every name any template ever used --------------------------------------------------

    /**
     * Frames used to be sized and filled to the Environment's whole symbol table: one template with 200,000
     * distinct names (a generated e-mail, a CMS user's template through template_from_string) made every later
     * render of every template about 600 times slower, for good. Frames now keep a bounded dense part and a hash
     * table for the rest, so a small page's frames stay small: measured by what its renders allocate after the
     * big template compiled (each pooled frame growing to the symbol table would allocate 800 KB once).
     */
    @Test
    void oneTemplateWithManyNamesDoesNotSlowEveryRender() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("p", "{% macro item(x) %}<i>{{ x }}"
                + "</i>{% endmacro %}<ul>{% for x in xs %}<li>{{ _self.item(x) }}</li>{% endfor %}</ul>"))).build();
        Template p = env.load("p");
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b", "c"));
        StringBuilderOutput out = new StringBuilderOutput();
        p.render(ctx, out);
        StringBuilder src = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            src.append("{{ v").append(i).append(" }}");
        }
        env.createTemplate(src.toString()).render(Map.of());
        Template q = env.createTemplate("{% for y in xs %}{{ w1 }}{{ w2 }}{{ y }}{% endfor %}"); // names past them
        long before = THREADS.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20; i++) {
            out.reset();
            p.render(ctx, out);
            q.render(ctx, out);
        }
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - before;
        assertTrue(bytes < 200_000, bytes + " bytes for 40 renders after a template with 200,000 names");
        assertEquals("<ul><li><i>a</i></li><li><i>b</i></li><li><i>c</i></li></ul>abc", out.toString());
    }

    // ---- per-call-site state that grows with every compile ------------------------------------------------

    /**
     * Call-site ids are global and never reused; every pooled render state keeps an argument array (and, for
     * arrows, a function object holding the compiled body) per site id. Templates compiled again and again
     * (template_from_string, createTemplate, a bounded cache evicting, autoReload) grow every pooled state for
     * good: about 80 MB after 200,000 recompiles of a one-line template.
     */
    @Test
    void renderStateDoesNotGrowWithEveryCompile() {
        Environment env = Environment.builder().build();
        Map<String, Object> ctx = Map.of("xs", List.of("a"));
        String src = "{% for x in xs %}{{ x|upper }}{{ x|lower }}{{ x|trim }}{{ xs|map(v => v)|join }}{% endfor %}";
        // call-site ids wrap (at 65,536), caches are bounded and cached arrows sit in a fixed table: after the
        // first 14,000 compiles (70,000 sites) the state is as big as it gets, and 10,000 more keep nothing (an
        // arrow per site, holding its whole compiled template, was kept before: about 120 bytes per compile)
        for (int i = 0; i < 14_000; i++) {
            env.createTemplate(src).render(ctx);
        }
        long before = RedTeamIsolationTest.usedHeap();
        for (int i = 0; i < 10_000; i++) {
            env.createTemplate(src).render(ctx);
        }
        long grown = RedTeamIsolationTest.usedHeap() - before;
        assertTrue(grown < 600_000L, (grown / 1_000) + " KB retained by 10,000 more compiles");
    }

    // ---- renders that park: more at once than the pool holds -----------------------------------------------

    /**
     * The pool keeps max(16, 8 x CPUs) idle states. Renders that block inside (a user function doing I/O, a slow
     * socket sink), one request per thread as on a virtual-thread-per-request server, are many at once: each
     * render beyond the pool builds a whole RenderState (arrays, frames sized to the symbol table, loop states,
     * escapers, argument arrays) and drops it when the pool is full. Measured with a new platform thread per
     * request, all held inside their renders by a barrier: 4 at once against 32 at once. 20,000 virtual threads
     * parking in their renders showed about 1.7 KB per render. The pool now grows to the peak of renders at once
     * (up to a cap, see Engine#idle).
     */
    @Test
    void rendersThatParkBeyondThePoolStayCheap() throws Exception {
        double few = bytesPerParkedRequest(4, PAGE);
        double many = bytesPerParkedRequest(32, PAGE);
        assertTrue(many - few <= 128, few + " bytes per render with 4 at once, " + many + " with 32");
    }

    private static final String PAGE = "{{ io() }}<ul>{% for x in xs %}<li>{{ loop.index }}:{{ x|upper }}</li>"
            + "{% endfor %}</ul>";

    /**
     * What a burst leaves behind stays bounded: 400 renders at once (more than the pool's cap on a small machine),
     * each of a 25 KB page captured on the way, leave the pool at most its capped number of states, those beyond
     * the first slots lean (RenderState#lean: no big buffers, box caches or recent Strings). Kept with all they
     * grew, the states of such a burst held 40 MB.
     */
    @Test
    void aBurstOfConcurrentRendersRetainsABoundedPool() throws Exception {
        java.util.concurrent.atomic.AtomicReference<java.util.concurrent.CyclicBarrier> inside =
                new java.util.concurrent.atomic.AtomicReference<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("p", "{% set big %}{% for i in 1..2000 %}<p>{{ i }}:{{ xs|first }}</p>"
                        + "{% endfor %}{% endset %}{{ io() }}{{ (xs|sort)|length }}{{ big }}")))
                .function(FunctionDefinition.of("io", (ctx, a) -> {
                    inside.get().await();
                    return "";
                }))
                .build();
        Template p = env.load("p");
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        inside.set(new java.util.concurrent.CyclicBarrier(1));
        int length = p.render(ctx).length();
        assertTrue(length > 20_000, length + " chars");
        long before = RedTeamIsolationTest.usedHeap();
        int atOnce = 400;
        inside.set(new java.util.concurrent.CyclicBarrier(atOnce));
        List<Thread> ts = new ArrayList<>();
        java.util.concurrent.atomic.AtomicInteger rendered = new java.util.concurrent.atomic.AtomicInteger();
        for (int t = 0; t < atOnce; t++) {
            Thread th = new Thread(() -> {
                if (p.render(ctx).length() == length) {
                    rendered.incrementAndGet();
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join();
        }
        assertEquals(atOnce, rendered.get());
        ts.clear();
        long retained = RedTeamIsolationTest.usedHeap() - before;
        // the first max(16, 8 x CPUs) states keep their buffers and caches for steady renders (about 200 KB each
        // for this page), the others of the grown pool are lean (under 8 KB each): 4 MB measured on 2 CPUs
        int fat = Math.min(atOnce, Math.max(16, Runtime.getRuntime().availableProcessors() * 8));
        long bound = fat * 200_000L + (atOnce - fat) * 8_000L;
        assertTrue(retained < bound, (retained / 1_000) + " KB retained after a burst of 400 renders, bound "
                + (bound / 1_000) + " KB");
        inside.set(new java.util.concurrent.CyclicBarrier(1));
        assertEquals(length, p.render(ctx).length()); // the Environment (its pool) stays reachable to here
    }

    /**
     * The pool grows while renders take and give back states on many threads at once (platform threads, and on
     * Java 21+ thousands of virtual threads parked inside their renders): no state ever serves two renders at
     * once, which would mix their captures, loops and output.
     */
    @Test
    void aGrowingPoolNeverHandsOneStateToTwoRenders() throws Exception {
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("p", "{% set c %}{% for x in xs %}{{ x }}{{ pause() }}-{% endfor %}"
                        + "{% endset %}{{ c }}|{{ xs|sort|join }}|{{ id }}")))
                .function(FunctionDefinition.of("pause", (ctx, a) -> {
                    Thread.yield();
                    return "";
                }))
                .build();
        Template p = env.load("p");
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntFunction<Runnable> request = id -> () -> {
            for (int i = 0; i < 40; i++) {
                String a = "t" + id;
                String b = "r" + i;
                String r = p.render(Map.of("xs", List.of(b, a), "id", id));
                if (!r.equals(b + "-" + a + "-|" + b + a + "|" + id)) {
                    wrong.incrementAndGet();
                }
            }
        };
        onManyThreads(request, 96, 2_000);
        assertEquals(0, wrong.get(), "renders that got another render's output");
    }

    /**
     * Runs request(0..platform-1) on platform threads and, on Java 21 and later, request(1000..) on virtual threads
     * (virtual ones found reflectively: the tests compile for Java 17); returns when all have ended.
     */
    static void onManyThreads(java.util.function.IntFunction<Runnable> request, int platform, int virtual)
            throws Exception {
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < platform; t++) {
            Thread th = new Thread(request.apply(t));
            ts.add(th);
            th.start();
        }
        if (Runtime.version().feature() >= 21) {
            java.lang.reflect.Method ofVirtual = Thread.class.getMethod("ofVirtual");
            java.lang.reflect.Method start = Class.forName("java.lang.Thread$Builder").getMethod("start",
                    Runnable.class);
            Object builder = ofVirtual.invoke(null);
            for (int t = 0; t < virtual; t++) {
                ts.add((Thread) start.invoke(builder, request.apply(1_000 + t)));
            }
        }
        for (Thread th : ts) {
            th.join();
        }
    }

    private static double bytesPerParkedRequest(int atOnce, String page) throws Exception {
        int batches = 60;
        java.util.concurrent.CyclicBarrier inside = new java.util.concurrent.CyclicBarrier(atOnce);
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("p", page)))
                .function(FunctionDefinition.of("io", (ctx, a) -> {
                    inside.await(); // every request of the batch is inside its render now
                    return "";
                }))
                .build();
        Template p = env.load("p");
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
        for (int b = 0; b < batches; b++) {
            boolean measured = b >= batches / 2; // the first half warms up
            List<Thread> ts = new ArrayList<>();
            for (int t = 0; t < atOnce; t++) {
                Thread th = new Thread(() -> {
                    StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
                    long before = THREADS.getCurrentThreadAllocatedBytes();
                    p.render(ctx, out);
                    if (measured) {
                        bytes.addAndGet(THREADS.getCurrentThreadAllocatedBytes() - before);
                    }
                });
                ts.add(th);
                th.start();
            }
            for (Thread th : ts) {
                th.join();
            }
        }
        return bytes.get() / (double) (atOnce * (batches - batches / 2));
    }

    // ---- the Output lent to a user's FilterWriter ----------------------------------------------------------

    /**
     * The Output a user's FilterWriter gets is the engine's own sink (here a pooled capture buffer). The contract
     * says "lent for the call, do not keep it", but nothing enforces it: kept and written later, it writes into
     * whatever render reuses that buffer.
     */
    @Test
    void aKeptFilterWriterOutputCannotWriteIntoAnotherRender() {
        List<Output> outs = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of(
                        "a", "{% set c %}{{ v|grab }}{% endset %}[{{ c }}]",
                        "b", "{% set c %}{{ poke() }}{{ v }}{% endset %}[{{ c }}]")))
                .filter(FilterDefinition.of("grab", (ctx, a) -> a[0]).safe("html").writer((ctx, a, out) -> {
                    outs.add(out);
                    out.write(String.valueOf(a[0]));
                }))
                .function(FunctionDefinition.of("poke", (ctx, a) -> {
                    try {
                        outs.get(0).write("INJECTED-BY-ALICE");
                    } catch (RuntimeException refused) {
                        // refusing is fine
                    }
                    return "";
                }))
                .build();
        assertEquals("[alice]", env.render("a", Map.of("v", "alice")));
        assertEquals("[bob]", env.render("b", Map.of("v", "bob")));
    }

    // ---- the output limit and captured text ---------------------------------------------------------------

    /**
     * maxOutputChars ("most characters one render may write") counts only what reaches the sink: text captured
     * by set/endset (or apply, macros, include()) and never printed grows without bound under a 100-char limit.
     * A design question as much as a finding: the limit does not bound a render's memory.
     */
    @Test
    void capturedTextCountsAgainstTheOutputLimit() {
        Environment env = Environment.builder().limits(RenderLimits.builder().maxOutputChars(100).build()).build();
        assertThrows(TemplateLimitException.class, () -> env.createTemplate("{% set s %}{% for i in 1..100000 %}"
                + "xxxxxxxxxx{% endfor %}{% endset %}{{ s|length }}").render(Map.of()));
    }
}
