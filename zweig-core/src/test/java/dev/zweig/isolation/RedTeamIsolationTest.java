package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLimitException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Attacks on render isolation from outside, through the public API only (Environment, Template, the extension API,
 * loaders): values kept by user code and used later or elsewhere, failures and limit errors in the middle of a
 * construct, request data left reachable, and scratch storage reused across renders. Each test is one way a user
 * (or an attacker writing templates) hit a hole.
 */
class RedTeamIsolationTest {
    /** What user callables kept, in call order. */
    private final List<Object> kept = new ArrayList<>();

    private Environment.Builder builder(Map<String, String> templates) {
        return Environment.builder()
                .loader(new MapLoader(templates))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value"));
    }

    private Environment env(Map<String, String> templates) {
        return builder(templates).build();
    }

    private static Map<String, String> templates(String... nameSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSource.length; i += 2) {
            m.put(nameSource[i], nameSource[i + 1]);
        }
        return m;
    }

    // ---- arrows handed back by a core filter -------------------------------------------------------------

    /**
     * An arrow written as a core filter's argument was taken for the filter's private one (one object per site,
     * rebound by the next render), even where the filter hands the argument back: reduce's initial value, batch's
     * fill, invoke's arguments. User code keeping it then read the next render's data through it.
     */
    @Test
    void anArrowACoreFilterHandsBackIsNeverReboundToALaterRender() {
        AtomicReference<Object> fromLater = new AtomicReference<>();
        Environment env = builder(templates(
                "reduce", "{{ keep([]|reduce((c, v) => c, y => 'secret of ' ~ user)) }}{{ call_first() }}",
                "batch", "{{ keep((['a']|batch(2, y => 'secret of ' ~ user)|first)|last) }}{{ call_first() }}",
                "invoke", "{{ keep((f => f)|invoke(y => 'secret of ' ~ user)) }}{{ call_first() }}"))
                .function(FunctionDefinition.of("call_first", (ctx, a) -> {
                    if (kept.size() == 2) {
                        // the second render calls the first render's arrow
                        try {
                            fromLater.set(((Lambda) kept.get(0)).apply1(null));
                        } catch (TemplateRuntimeException refused) {
                            fromLater.set("refused");
                        }
                    }
                    return "";
                }))
                .build();
        for (String t : List.of("reduce", "batch", "invoke")) {
            kept.clear();
            fromLater.set(null);
            env.render(t, Map.of("user", "alice"));
            env.render(t, Map.of("user", "bob"));
            assertNotSame(kept.get(0), kept.get(1), t + ": one arrow object served two renders");
            assertEquals("refused", fromLater.get(), t + ": alice's arrow ran in bob's render");
        }
    }

    /** The same arrows still work during their own render, and the filters' own arrows still run. */
    @Test
    void arrowsHandedBackByCoreFiltersStillWorkInTheirRender() {
        Environment env = env(templates("t", "{{ ([]|reduce((c, v) => c, y => 'r' ~ y))|invoke('!') }}"
                + "{{ [1, 2]|map(v => v * 2)|join(',') }}{{ [3, 1]|sort((a, b) => a <=> b)|join }}"));
        assertEquals("r!2,413", env.render("t", Map.of()));
        assertEquals("r!2,413", env.render("t", Map.of()));
    }

    // ---- limit errors and failures inside constructs ------------------------------------------------------

    /** parent() used as a value ({% set p = parent() %}, parent()|upper) swallowed every error: return in finally. */
    @Test
    void parentAsAValueLetsLimitErrorsThrough() {
        Map<String, String> t = templates(
                "layout", "{% block b %}{% for i in 1..100 %}{{ i }}{% endfor %}{% endblock %}",
                "upper", "{% extends 'layout' %}{% block b %}[{{ parent()|upper }}]{% endblock %}",
                "set", "{% extends 'layout' %}{% block b %}{% set p = parent() %}{{ p|length }}{% endblock %}");
        Environment env = builder(t).limits(RenderLimits.builder().maxLoopIterations(50).build()).build();
        assertThrows(TemplateLimitException.class, () -> env.render("upper", Map.of()));
        assertThrows(TemplateLimitException.class, () -> env.render("set", Map.of()));

        Map<String, String> rec = templates(
                "layout", "{% macro m() %}{{ _self.m() }}{% endmacro %}{% block b %}{{ _self.m() }}{% endblock %}",
                "child", "{% extends 'layout' %}{% block b %}{% set v = parent() %}{{ v }}{% endblock %}");
        Environment deep = builder(rec).limits(RenderLimits.builder().maxDepth(8).build()).build();
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> deep.render("child", Map.of()));
        assertTrue(e.getMessage().contains("Maximum nesting level of 8"), e.getMessage());
    }

    @Test
    void parentAsAValueLetsFailuresThrough() {
        Environment env = builder(templates(
                "layout", "{% block b %}A{{ fail() }}B{% endblock %}",
                "child", "{% extends 'layout' %}{% block b %}[{{ parent()|upper }}]{% endblock %}"))
                .function(FunctionDefinition.of("fail", (ctx, a) -> {
                    throw new IllegalStateException("boom");
                }))
                .build();
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> env.render("child", Map.of()));
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    /**
     * A macro whose body fails left its capture open: when the failure was caught (here by a user filter that
     * tries an arrow), everything the template printed afterwards went into the dead macro's buffer.
     */
    @Test
    void aFailingMacroCaughtByUserCodeLeavesTheOutputIntact() {
        Environment env = builder(templates("t", "{% macro boom() %}x{{ fail() }}{% endmacro %}"
                + "A{{ 1|attempt(v => _self.boom()) }}B{% for i in [1, 2] %}{{ i }}{% endfor %}C"))
                .function(FunctionDefinition.of("fail", (ctx, a) -> {
                    throw new IllegalStateException("boom");
                }))
                .filter(FilterDefinition.of("attempt", (ctx, a) -> {
                    try {
                        return ctx.call(a[1], a[0]);
                    } catch (TemplateException e) {
                        return "(caught)";
                    }
                }).params("arrow"))
                .build();
        assertEquals("A(caught)B12C", env.render("t", Map.of()));
        // and the next render on the pooled state is clean too
        assertEquals("A(caught)B12C", env.render("t", Map.of()));
    }

    /** An object whose getter must not run for {@code x.secret is defined}. */
    public static final class Account {
        public int calls;

        public String getSecret() {
            calls++;
            throw new IllegalStateException("the getter ran");
        }
    }

    /**
     * {@code is defined} turned every TemplateRuntimeException into false: a failing function in the tested
     * expression was hidden. Twig evaluates the object as usual (failures propagate) and only looks the last
     * member up: it neither calls it nor asks the sandbox.
     */
    @Test
    void isDefinedHidesNoFailureAndCallsNoMember() {
        Environment env = builder(templates(
                "call", "A{{ (fail()).x is defined ? 'yes' : 'no' }}B",
                "macro", "{% macro m() %}{{ fail() }}{% endmacro %}A{{ (_self.m()).x is defined ? 'yes' : 'no' }}B",
                "member", "{{ a.secret is defined ? 'yes' : 'no' }}{{ a.nothing is defined ? 'yes' : 'no' }}"
                        + "{{ a.getSecret() is defined ? 'yes' : 'no' }}{{ m.k is defined }}"
                        + "{{ m.z is defined ? 1 : 0 }}"))
                .function(FunctionDefinition.of("fail", (ctx, a) -> {
                    throw new IllegalStateException("boom");
                }))
                .build();
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> env.render("call", Map.of()));
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
        assertThrows(TemplateRuntimeException.class, () -> env.render("macro", Map.of()));
        Account a = new Account();
        assertEquals("yesnoyes10", env.render("member", Map.of("a", a, "m", Map.of("k", 1))));
        assertEquals(0, a.calls);
        // under a sandbox that allows nothing: defined answers, reading is refused
        Environment sandboxed = Environment.builder()
                .loader(new MapLoader(templates("t", "{{ a.secret is defined ? 'yes' : 'no' }}",
                        "r", "{{ a.secret }}")))
                .sandbox(dev.zweig.sandbox.SecurityPolicy.builder().build())
                .build();
        assertEquals("yes", sandboxed.render("t", Map.of("a", a)));
        assertThrows(dev.zweig.sandbox.TemplateSecurityException.class, () -> sandboxed.render("r", Map.of("a", a)));
        assertEquals(0, a.calls);
    }

    // ---- macro lookups --------------------------------------------------------------------------------------

    /**
     * Twig looks an inherited macro up through getParent($context): the parent expression is evaluated in the
     * caller's context. The lookup evaluated it with the globals only, so {% extends layout %} with layout from
     * the context failed with "Macro ... is not defined".
     */
    @Test
    void anInheritedMacroIsFoundThroughAnExtendsThatReadsTheContext() {
        Environment env = env(templates(
                "layout", "{% macro hello(n) %}Hi {{ n }}{% endmacro %}[{% block b %}{% endblock %}]",
                "self", "{% extends layout %}{% block b %}{{ _self.hello('x') }}{% endblock %}",
                "defined", "{% extends layout %}{% block b %}{{ _self.hello is defined ? 'def' : 'undef' }}"
                        + "{% endblock %}",
                "imported", "{% extends layout %}{% import _self as me %}{% block b %}{{ me.hello('y') }}"
                        + "{% endblock %}",
                "list", "{% extends ['nope', layout] %}{% block b %}{{ _self.hello('z') }}{% endblock %}"));
        Map<String, Object> ctx = Map.of("layout", "layout");
        assertEquals("[Hi x]", env.render("self", ctx));
        assertEquals("[def]", env.render("defined", ctx));
        assertEquals("[Hi y]", env.render("imported", ctx));
        assertEquals("[Hi z]", env.render("list", ctx));
    }

    /**
     * The lookup ran on a render state of its own (fresh limits) and turned any TemplateException into "not
     * defined": a loop-limit error while evaluating the parent expression came out as "Macro ... is not defined".
     */
    @Test
    void aLimitErrorDuringAMacroLookupPropagates() {
        Environment env = macroLookup("{% set x = _self.hello('a') %}{% block b %}{{ x }}{% endblock %}", 100);
        assertThrows(TemplateLimitException.class, () -> env.render("t", Map.of()));
        // under the limit the lookup and the render count against one budget
        Environment roomy = macroLookup("{% block b %}{{ _self.hello('a') }}{% endblock %}", 30);
        assertThrows(TemplateLimitException.class, () -> roomy.render("t", Map.of()));
    }

    /** A child whose parent expression runs n arrow iterations, under a limit of 50. */
    private Environment macroLookup(String childBody, int n) {
        return builder(templates(
                "ml", "{% macro hello(n) %}Hi {{ n }}{% endmacro %}[{% block b %}{% endblock %}]",
                "t", "{% extends (range(1, n)|filter(v => true)|length) > 0 ? 'ml' : 'ml' %}" + childBody))
                .global("n", n)
                .limits(RenderLimits.builder().maxLoopIterations(50).build())
                .build();
    }

    // ---- failures in the middle of a render: the pooled state comes back clean -------------------------------

    /**
     * A render failing deep inside a construct (an escaping writer, apply, a capture in a loop in a block of a
     * child, an include in a with, a scratch map's arrow, an embed, a failing sink) and the next render on the
     * same pooled state: same output, same kept values, whatever failed before.
     */
    @Test
    void afterAFailureAnywhereTheNextRenderIsClean() {
        Map<String, String> t = templates(
                "layout", "<{% block body %}{% endblock %}>",
                "row", "({{ x }}{{ fail_if(x == 'boom') }})",
                "card", "[{% block c %}{% endblock %}]",
                "writer", "{{ v|shout }}{{ fail_if(v == 'boom') }}",
                "apply", "{% apply upper %}a{{ fail_if(v == 'boom') }}{% endapply %}",
                "child", "{% extends 'layout' %}{% block body %}{% for x in [1, v] %}{% set c %}{{ x }}"
                        + "{{ fail_if(x == 'boom') }}{% endset %}{{ c }}{% endfor %}{% endblock %}",
                "with", "{% with {x: v} %}{% include 'row' %}{% endwith %}",
                "scratch", "{{ [1, v]|map(x => fail_if(x == 'boom') ~ x)|join }}{{ [v, 'a']|sort|join }}",
                "embed", "{% embed 'card' %}{% block c %}{{ fail_if(v == 'boom') }}{% endblock %}{% endembed %}",
                "clean", "{% extends 'layout' %}{% block body %}{% for x in xs %}{% set c %}{{ x|shout }}"
                        + "{% endset %}{{ c }}{% apply lower %}{{ loop.index }}X{% endapply %}{% endfor %}"
                        + "{{ keep(xs|map(x => x ~ '!')) }}{{ keep(xs|sort) }}{{ xs|map(x => x)|join(',') }}"
                        + "{% embed 'card' %}{% block c %}{{ xs|length }}{% endblock %}{% endembed %}{% endblock %}");
        Environment env = builder(t)
                .function(FunctionDefinition.of("fail_if", (ctx, a) -> {
                    if (Boolean.TRUE.equals(a[0])) {
                        throw new IllegalStateException("failed on purpose");
                    }
                    return "";
                }).params("cond"))
                .filter(FilterDefinition.of("shout", (ctx, a) -> a[0] + "!").writer((ctx, a, out) -> {
                    out.write("<" + a[0] + ">");
                    if ("boom".equals(a[0])) {
                        throw new IllegalStateException("failed in a writer");
                    }
                }))
                .build();
        Map<String, Object> clean = Map.of("xs", List.of("b", "a"));
        String expected = env.render("clean", clean);
        assertEquals("<&lt;b&gt;1x&lt;a&gt;2xb,a[2]>", expected);
        for (String failing : List.of("writer", "apply", "child", "with", "scratch", "embed")) {
            assertThrows(TemplateRuntimeException.class, () -> env.render(failing, Map.of("v", "boom")), failing);
            kept.clear();
            assertEquals(expected, env.render("clean", clean), "after " + failing);
            assertEquals(List.of("b!", "a!"), kept.get(0), "after " + failing);
            assertEquals(List.of("a", "b"), new ArrayList<>(((Map<?, ?>) kept.get(1)).values()), "after " + failing);
        }
        // a sink failing in the middle
        dev.zweig.output.Output broken = new dev.zweig.output.Output() {
            private int writes;

            private void count() {
                if (++writes == 3) {
                    throw new IllegalStateException("client went away");
                }
            }

            @Override
            public void write(String s) {
                count();
            }

            @Override
            public void write(CharSequence s, int start, int end) {
                count();
            }

            @Override
            public void write(char c) {
                count();
            }
        };
        assertThrows(RuntimeException.class, () -> env.load("clean").render(clean, broken));
        assertEquals(expected, env.render("clean", clean));
    }

    /** A render inside a render inside a render, the innermost failing and caught halfway: the outer is intact. */
    @Test
    void nestedRendersFailingAndCaughtLeaveTheOuterRenderIntact() {
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment env = builder(templates("t", "{% for i in [n] %}[{{ n }}:{{ nested(n - 1) }}:{{ xs|map(x => x ~ n)"
                + "|join }}]{% endfor %}"))
                .function(FunctionDefinition.of("nested", (ctx, a) -> {
                    long n = (Long) a[0];
                    if (n < 0) {
                        throw new IllegalStateException("bottom");
                    }
                    try {
                        return self.get().render("t", Map.of("n", n, "xs", List.of("x")));
                    } catch (TemplateRuntimeException e) {
                        return "caught(" + n + ")"; // only the innermost render fails
                    }
                }).params("n"))
                .build();
        self.set(env);
        String once = env.render("t", Map.of("n", 3L, "xs", List.of("a", "b")));
        assertEquals("[3:[2:[1:caught(0):x1]:x2]:a3b3]", once);
        assertEquals(once, env.render("t", Map.of("n", 3L, "xs", List.of("a", "b"))));
    }

    // ---- the CallContext lent to user code ---------------------------------------------------------------

    /**
     * The CallContext a user function gets was the pooled render state itself: kept (an async audit log, say) and
     * read while another render used that state, it showed the other render's variables. It now refuses.
     */
    @Test
    void aKeptCallContextNeverShowsAnotherRendersVariables() throws Exception {
        List<CallContext> contexts = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch inSecond = new CountDownLatch(1);
        CountDownLatch peeked = new CountDownLatch(1);
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ audit() }}{{ user }}")))
                .function(FunctionDefinition.of("audit", (ctx, a) -> {
                    assertEquals("t", ctx.templateName()); // during the call: as before
                    contexts.add(ctx);
                    if (contexts.size() == 2) {
                        inSecond.countDown();
                        peeked.await();
                    }
                    return ctx.variables().get("user");
                }))
                .build();
        assertEquals("alicealice", env.render("t", Map.of("user", "alice")));
        AtomicReference<String> second = new AtomicReference<>();
        Thread bob = new Thread(() -> second.set(env.render("t", Map.of("user", "bob", "card", "4111"))));
        bob.start();
        inSecond.await();
        CallContext alices = contexts.get(0);
        CallContext bobs = contexts.get(1);
        try {
            // from this thread, during bob's render: neither context may show bob's data
            assertThrows(TemplateRuntimeException.class, alices::variables);
            assertThrows(TemplateRuntimeException.class, bobs::variables);
            assertThrows(TemplateRuntimeException.class, alices::templateName);
        } finally {
            peeked.countDown();
            bob.join();
        }
        assertEquals("bobbob", second.get());
        assertThrows(TemplateRuntimeException.class, alices::variables);
        // what needs no render stays usable
        assertEquals("UTC", alices.timezone().getId());
        assertEquals(List.of(), alices.newList(2));
    }

    // ---- virtual threads under load -------------------------------------------------------------------------

    /**
     * 20,000 requests, one virtual thread each (Java 21+; .ci/run runs the suite on JDK 25): each keeps an arrow
     * and calls the arrow another request kept, renders a template inside its render, keeps a map result and
     * reads its context; every page must be its own request's, and no arrow may answer for another request.
     */
    @Test
    void virtualThreadPerRequestUnderLoad() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need Java 21+ (run by .ci/run on JDK 25)");
        java.util.concurrent.ConcurrentLinkedQueue<Lambda> arrows = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicInteger foreign = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger wrongPages = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger wrongLists = new java.util.concurrent.atomic.AtomicInteger();
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(templates(
                        "page", "{% for c in cards %}{{ c }}{% endfor %}|{{ stash(x => user) }}{{ try_other() }}"
                                + "|{{ inner(user) }}|{{ check(cards|map(c => c ~ '!'), user) }}|{{ _context|length }}",
                        "in", "{% for y in [v, v] %}{{ y }}{% endfor %}")))
                .function(FunctionDefinition.of("stash", (ctx, a) -> {
                    arrows.add((Lambda) a[0]);
                    return "";
                }).params("f"))
                .function(FunctionDefinition.of("try_other", (ctx, a) -> {
                    Object me = ctx.variables().get("user");
                    Lambda l = arrows.poll();
                    if (l != null) {
                        try {
                            if (!me.equals(l.apply1(null))) {
                                foreign.incrementAndGet();
                            }
                        } catch (TemplateRuntimeException e) {
                            refused.incrementAndGet();
                        }
                    }
                    Thread.yield();
                    return "";
                }))
                .function(FunctionDefinition.of("inner", (ctx, a) -> self.get().render("in", Map.of("v", a[0])))
                        .params("v"))
                .function(FunctionDefinition.of("check", (ctx, a) -> {
                    List<?> l = (List<?>) a[0];
                    Thread.yield();
                    if (!l.equals(List.of(a[1] + "a!", a[1] + "b!"))) {
                        wrongLists.incrementAndGet();
                    }
                    return "";
                }).params("list", "user"))
                .build();
        self.set(env);
        java.util.concurrent.ExecutorService ex = (java.util.concurrent.ExecutorService)
                java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 20_000; i++) {
                String u = "u" + i;
                done.add(ex.submit(() -> {
                    String page = env.render("page", Map.of("cards", List.of(u + "a", u + "b"), "user", u));
                    if (!page.equals(u + "a" + u + "b||" + u + u + "||2")) {
                        wrongPages.incrementAndGet();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            ex.shutdown();
        }
        assertEquals(0, wrongPages.get());
        assertEquals(0, wrongLists.get());
        assertEquals(0, foreign.get(), "an arrow answered with another request's data (" + refused.get()
                + " refused)");
    }

    // ---- request data left reachable ---------------------------------------------------------------------

    /** sort's merge buffers in the pooled result array kept copies of every sorted value after the render. */
    @Test
    void sortedRequestDataIsUnreachableAfterTheRender() {
        Environment env = env(templates("t", "{{ xs|sort|join(',')|length }}"));
        env.render("t", Map.of("xs", List.of("b", "a")));
        List<WeakReference<Object>> refs = sortAndForget(env);
        for (int i = 0; i < 20 && refs.stream().anyMatch(r -> r.get() != null); i++) {
            System.gc();
        }
        assertEquals(0, refs.stream().filter(r -> r.get() != null).count(), "sorted values still reachable");
    }

    private static List<WeakReference<Object>> sortAndForget(Environment env) {
        List<Object> xs = new ArrayList<>();
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String s = new String("card-" + (4000 + (i * 7919) % 1000));
            xs.add(s);
            refs.add(new WeakReference<>(s));
        }
        assertEquals("399", env.render("t", Map.of("xs", xs)));
        return refs;
    }

    /** A render mapping or sorting a huge list left its grown scratch collections pinned in the pool. */
    @Test
    void scratchCollectionsGrownByAHugeRenderAreReleased() {
        Environment env = env(templates("t", "{{ xs|map(v => v)|length }}/{{ xs|sort|length }}"));
        assertEquals("1/1", env.render("t", Map.of("xs", List.of("s"))));
        long before = usedHeap();
        assertEquals("2000000/2000000", renderHuge(env));
        long retained = usedHeap() - before;
        assertTrue(retained < 24_000_000L, (retained / 1_000_000) + " MB still pinned by the pool");
    }

    private static String renderHuge(Environment env) {
        List<Object> big = new ArrayList<>(2_000_000);
        for (int i = 0; i < 2_000_000; i++) {
            big.add((i * 31) % 1000 == 0 ? "a" : "b");
        }
        return env.render("t", Map.of("xs", big));
    }

    /** Heap in use after full collections (the least of a few readings). */
    static long usedHeap() {
        return dev.zweig.alloc.AllocationMeter.usedHeap();
    }

    // ---- scratch storage: attacks that must keep holding -----------------------------------------------------

    /**
     * Templates that feed map/sort results (scratch candidates) through loops, recursion, macros, blocks, with,
     * apply, captures and conditionals: rendered with one data set, then interleaved with others, then on other
     * threads, each must print what its first render printed.
     */
    @Test
    void scratchResultsNeverChangeWhatATemplatePrints() throws Exception {
        Map<String, String> t = templates(
                "loops", "{% for i in 1..3 %}{% set ys = xs|map(x => x ~ i) %}{% for y in ys|sort %}{{ y }}"
                        + "{% endfor %}{{ ys|join(',') }};{% endfor %}",
                "rec", "{% macro r(xs, n) %}{% set s = xs|sort %}{{ s|join }}{% if n > 0 %}"
                        + "{{ _self.r(xs|map(x => x ~ n), n - 1) }}{% endif %}{{ s|first }}{% endmacro %}"
                        + "{{ _self.r(xs, 3) }}",
                "blocks", "{% set ys = xs|sort %}{% block a %}{{ ys|join }}{% for y in xs|map(x => x|upper) %}"
                        + "{{ y }}{% endfor %}{% endblock %}{{ block('a') }}{{ ys|last }}",
                "with", "{% set ys = xs|map(x => x ~ '!') %}{% with {zs: ys} %}{{ zs|join }}{% endwith %}"
                        + "{% apply upper %}{{ xs|sort|join('-') }}{% endapply %}"
                        + "{% set c %}{{ xs|map(x => x ~ '?')|join }}{% endset %}{{ c }}{{ c }}",
                "cond", "{{ (xs|length > 1 ? xs|sort : xs|map(x => x))|join }}{{ (xs|sort|first) ?: 'none' }}"
                        + "{{ 'b' in xs|map(x => x) ? 'in' : 'out' }}{{ xs|sort|map(x => x ~ x)|filter(x => x)|join }}",
                "ctx", "{% set ys = xs|sort %}{{ ys|join }}{% for k, v in _context %}{{ k }}{% endfor %}"
                        + "{% for y in ys %}{{ loop.parent.ys|join }}{% endfor %}");
        Environment env = env(t);
        List<Map<String, Object>> data = List.of(
                Map.of("xs", List.of("c", "a", "b")),
                Map.of("xs", List.of("z", "y")),
                Map.of("xs", List.of("m")));
        Map<String, String> expected = new HashMap<>();
        for (String name : t.keySet()) {
            for (int d = 0; d < data.size(); d++) {
                expected.put(name + d, env.render(name, data.get(d)));
            }
        }
        // interleaved on one thread, in another order
        for (int round = 0; round < 3; round++) {
            for (int d = data.size() - 1; d >= 0; d--) {
                for (String name : t.keySet()) {
                    assertEquals(expected.get(name + d), env.render(name, data.get(d)), name + " with data " + d);
                }
            }
        }
        // and from several threads at once
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());
        for (int th = 0; th < 4; th++) {
            int d = th % data.size();
            Thread w = new Thread(() -> {
                for (int i = 0; i < 300; i++) {
                    for (String name : t.keySet()) {
                        if (!expected.get(name + d).equals(env.render(name, data.get(d)))) {
                            wrong.add(name + d);
                        }
                    }
                }
            });
            threads.add(w);
            w.start();
        }
        for (Thread w : threads) {
            w.join();
        }
        assertEquals(List.of(), wrong);
    }

    /** A sort result is still a new collection whenever user code or a variable can see it. */
    @Test
    void sortAndMapResultsKeptByUserCodeOrTemplatesStayTheirs() {
        Environment env = env(templates("t", "{% set ys = xs|sort %}{{ keep(ys) }}{{ keep(xs|map(x => x)) }}"
                + "{% for y in xs|sort %}{{ keep(loop) }}{% endfor %}"));
        env.render("t", Map.of("xs", List.of("b", "a")));
        env.render("t", Map.of("xs", List.of("y", "z", "x")));
        assertEquals(List.of("a", "b"), new ArrayList<>(((Map<?, ?>) kept.get(0)).values()));
        assertEquals(List.of("b", "a"), kept.get(1));
        assertEquals(2L, ((Map<?, ?>) kept.get(3)).get("length"));
        assertEquals(List.of("x", "y", "z"), new ArrayList<>(((Map<?, ?>) kept.get(4)).values()));
    }
}
