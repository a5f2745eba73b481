package dev.zweig.isolation;

import static dev.zweig.isolation.RedTeamSession12Test.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Red team of session 13's changes: kept results of core collection filters shared by renders that make the same
 * pairs (RecentArrays: one unmodifiable collection for all holders), a variable read through {@code _context} in the
 * scope itself (Semantics#scopeAttr, #contextHas, Snapshots#readInPlace), explicit variadic macro arguments and the
 * in-place extension {@code set s = c ? s|merge(...) : s}. Every case runs on both executors, renders with data
 * that alternates, checks that what user code kept still reads as it did when kept, that both executors agree, and
 * that a read through {@code _context} gives what the same read on a snapshot of the scope gives.
 */
class RedTeamSession13Test {

    /** What user code kept: the object and how it read (deep) when it was kept. */
    private record Kept(Object value, String then) {
    }

    /** A user's mutable list and map put in the data, changed by the test between renders. */
    private static final class Boxes {
        final List<Object> list = new ArrayList<>(List.of("l0"));
        final Map<String, Object> map = new LinkedHashMap<>(Map.of("m0", "v0"));
    }

    private static Environment env(Executor ex, Map<String, String> templates, List<Kept> kept, boolean strict,
            dev.zweig.sandbox.SecurityPolicy policy) {
        Environment[] self = new Environment[1];
        java.util.function.UnaryOperator<Object> keeper = v -> {
            kept.add(new Kept(v, snap(v)));
            return v;
        };
        Environment.Builder b = Environment.builder().loader(new MapLoader(templates)).executor(ex)
                .strictVariables(strict).global("g", "global-" + "G".repeat(70))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    keeper.apply(a[0]);
                    return "";
                }).params("v"))
                .filter(FilterDefinition.of("keepf", (ctx, a) -> keeper.apply(a[0])))
                .function(FunctionDefinition.of("dump", (ctx, a) -> snap(a[0])).params("v"))
                // the same value read two ways: through _context in place, on a snapshot of the scope
                .function(FunctionDefinition.of("agree", (ctx, a) -> snap(a[0]).equals(snap(a[1])) ? "="
                        : "DIFF(" + snap(a[0]) + " vs " + snap(a[1]) + ")").params("x", "y"))
                // a user's code trying to change what it was given, as the JDK lets it try
                .function(FunctionDefinition.of("mutate", (ctx, a) -> {
                    Object v = a[0];
                    try {
                        if (v instanceof List<?> l) {
                            @SuppressWarnings("unchecked")
                            List<Object> ll = (List<Object>) l;
                            ll.add("INTRUDER");
                        } else if (v instanceof Map<?, ?> m) {
                            @SuppressWarnings("unchecked")
                            Map<Object, Object> mm = (Map<Object, Object>) m;
                            mm.put("intruder", "INTRUDER");
                        }
                        return "changed";
                    } catch (UnsupportedOperationException e) {
                        return "refused";
                    }
                }).params("v"))
                .function(FunctionDefinition.of("sortInPlace", (ctx, a) -> {
                    @SuppressWarnings("unchecked")
                    List<Object> l = (List<Object>) a[0];
                    Collections.reverse(l); // not caught: the JDK's exception ends the render
                    return "";
                }).params("v"))
                .function(FunctionDefinition.of("inner", (ctx, a) -> self[0].load((String) a[0])
                        .render(new LinkedHashMap<>(ctx.variables()))).params("name"));
        if (policy != null) {
            b.sandbox(policy);
        }
        self[0] = b.build();
        return self[0];
    }

    private static String run(Environment env, String name, Map<String, Object> ctx) {
        try {
            return env.load(name).render(ctx);
        } catch (RuntimeException e) {
            return "!" + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static final String A1 = "https://first.example.org/" + "x".repeat(70);
    private static final String A2 = "https://second.example.org/" + "y".repeat(70);

    private static Map<String, Object> data(int r, Boxes boxes) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("a", r % 2 == 0 ? A1 : A2);
        d.put("b", "#" + r);
        d.put("n", (long) (r % 2 + 1));
        d.put("xs", List.of("p", "q" + r % 2));
        d.put("ys", List.of("p", "q" + r % 2));
        d.put("items", List.of(Map.of("k", "one", "v", 1L), Map.of("k", "two" + r % 2, "v", 2L)));
        d.put("box", boxes.list);
        d.put("boxm", boxes.map);
        d.put("5", "five" + r % 2);
        d.put("cls", String.class);
        d.put("loader", RedTeamSession13Test.class.getClassLoader());
        try {
            d.put("meth", String.class.getMethod("length"));
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        d.put("obj", new RedTeamSession12Test.Taker());
        return d;
    }

    /**
     * Renders main on both executors six times (data alternating, the user's boxes changed between renders);
     * every kept value still reads as it did, the executors agree, no read through _context disagrees with the
     * snapshot's. Returns the compiled outputs.
     */
    private static List<String> renders(Map<String, String> templates, boolean strict,
            dev.zweig.sandbox.SecurityPolicy policy) {
        List<List<String>> outs = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            List<Kept> kept = new ArrayList<>();
            Environment env = env(ex, templates, kept, strict, policy);
            Boxes boxes = new Boxes();
            List<String> out = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                out.add(run(env, "main", data(r % 3 == 2 ? 0 : r, boxes)));
                if (templates.get("main").contains("box")) { // (a kept scope holds them: it changes with them)
                    boxes.list.add("l" + (r + 1));
                    boxes.map.put("m" + (r + 1), "v" + (r + 1));
                }
            }
            for (Kept k : kept) {
                assertEquals(k.then(), snap(k.value()), ex + ": a kept value changed after later renders: "
                        + templates);
            }
            for (String o : out) {
                assertFalse(o.contains("DIFF") || o.contains("INTRUDER") || o.contains("changed"), ex + ": " + o
                        + " for " + templates);
            }
            outs.add(out);
            outs.add(List.of("kept " + kept.size()));
        }
        assertEquals(outs.get(2), outs.get(0), "compiled vs interpreted: " + templates);
        assertEquals(outs.get(3), outs.get(1), "kept values, compiled vs interpreted: " + templates);
        return outs.get(0);
    }

    private static Map<String, String> templates(String main, String... more) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("main", main);
        for (int i = 0; i < more.length; i += 2) {
            t.put(more[i], more[i + 1]);
        }
        return t;
    }

    /** A case: what, the main template, one more template (name, body; "none", "" when there is none). */
    private static Arguments c(String what, String main, String... more) {
        return Arguments.of(what, main, more.length > 0 ? more[0] : "none", more.length > 0 ? more[1] : "");
    }

    // ---- 1. kept collections of core filters shared by renders (RecentArrays) ----------------------------------

    static Stream<Arguments> sharedResults() {
        String s = "{% set s = xs|merge(ys) %}";
        return Stream.of(
                c("kept merge", s + "{{ keep(s) }}{{ s|join(',') }}{{ keep(xs|merge(ys)) }}"),
                c("kept map of merges", "{% set m = items|map(i => i|merge({x: n})) %}{{ keep(m) }}"
                        + "{{ keep(m|first) }}{% for i in m %}{{ i.k }}{{ i.x }};{% endfor %}"),
                c("a user function changing it", s + "{{ mutate(s) }}{{ mutate(xs|merge(ys)) }}"
                        + "{{ mutate(items|map(i => i|merge({x: 1}))|first) }}{{ s|join(',') }}"
                        + "{{ keep(xs|merge(ys)) }}"),
                c("a user function failing on it", s + "{{ keep(s) }}{{ s|join }}{{ sortInPlace(s) }}"),
                c("core sort, reverse, shuffle-free readers of it", s + "{{ s|sort|join }}"
                        + "{{ s|reverse|join }}{{ s|keepf|sort|join }}{{ s|join }}{{ keep(s) }}"),
                c("set s = s|merge in a loop", s + "{{ keep(s) }}{% for x in 1..3 %}"
                        + "{% set s = s|merge([x ~ b]) %}{% endfor %}{{ keep(s) }}{{ s|join(',') }}"
                        + "{{ keep(xs|merge(ys)) }}"),
                c("set s = c ? s|merge : s", "{% set s = {k: a}|merge({b: b}) %}{{ keep(s) }}"
                        + "{% for x in 1..4 %}{% set s = x is odd ? s|merge({(x ~ ''): x ~ b}) : s %}{% endfor %}"
                        + "{{ keep(s) }}{{ s|join(',') }}{{ keep({k: a}|merge({b: b})) }}"),
                c("an alias before extending", s + "{% set t = s %}{% for x in s %}"
                        + "{% set s = s|length < 6 ? s|merge([x ~ '!']) : s %}{% endfor %}{{ keep(t) }}{{ keep(s) }}"
                        + "{{ t|join }}/{{ s|join }}{% include 'inc' %}", "inc", "{{ keep(s) }}{{ s|join }}"),
                c("a reduce carrying a shared result", s + "{{ keep(s) }}{% set r = [1, 2]|reduce("
                        + "(c, x) => c|merge([x ~ b]), s) %}{{ keep(r) }}{{ r|join }}{{ s|join }}"),
                c("the user's mutable list and map in it", "{% set s = {l: box, m: boxm}|merge({x: 1})"
                        + " %}{{ s.l|join }}/{{ s.m|join }}/{{ box|merge([1])|join }}/{{ boxm|merge({z: 1})|join }}"
                        + "{{ (box|merge([]))|length }}"),
                c("same as, shared or not", s + "{% set t = xs|merge(ys) %}"
                        + "{{ s is same as t ? 'y' : 'n' }}{{ (xs|merge(ys)) is same as ['p', 'q0', 'p', 'q0'] ? 'y'"
                        + " : 'n' }}{{ s is same as (ys|merge(xs)) ? 'y' : 'n' }}{{ (range(1, 40)|merge([])) is same as"
                        + " (range(1, 40)|merge([])) ? 'y' : 'n' }}{{ ([a ~ b]|merge([])) is same as ([a ~ b]|merge([]))"
                        + " ? 'y' : 'n' }}{{ s == t ? 'y' : 'n' }}"),
                c("a nested render keeps", s + "{{ keep(s) }}{{ inner('sub') }}{{ keep(xs|merge(ys)) }}"
                        + "{{ s|join }}", "sub", "{% set q = xs|merge(ys) %}{{ keep(q) }}{{ mutate(q) }}{{ q|join }}"),
                c("dates and loops in a merge", "{% set d = date('2020-01-0' ~ n)|date_modify('+1 day')"
                        + " %}{% set s = [d]|merge([1]) %}{{ keep(s) }}{{ s[0]|date('Y-m-d') }}{% for i in xs %}"
                        + "{{ keep([loop.index, i]|merge([])) }}{% endfor %}"),
                c("split pieces in a merge", "{% set p = (a ~ '/' ~ b)|split('/') %}"
                        + "{{ keep(p|merge(['z'])) }}{{ keep([p]|merge([])) }}{{ keep(p|map(x => x)) }}{{ p|join }}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedResults")
    void sharedResultsStayTheirOwn(String what, String main, String name, String body) {
        List<String> out = renders(templates(main, name, body), false, null);
        assertFalse(out.get(0).isEmpty(), what);
    }

    @Test
    void userCodeCannotChangeASharedResult() {
        List<String> out = renders(templates("{% set s = xs|merge(ys) %}{{ mutate(s) }}|{{ s|join(',') }}"), false,
                null);
        assertEquals("refused|p,q0,p,q0", out.get(0));
        assertEquals("refused|p,q1,p,q1", out.get(1));
        List<String> failing = renders(templates("{{ (xs|merge(ys))|join }}{{ sortInPlace(xs|merge(ys)) }}"), false,
                null);
        assertTrue(failing.get(0).contains("UnsupportedOperationException") || failing.get(0).startsWith("!"),
                failing.get(0));
    }

    @Test
    void sameAsComparesArraysByValue() {
        // Twig: === on arrays is true for the same pairs in the same order and types, whoever made them
        List<String> out = renders(templates("{% set s = xs|merge(ys) %}{% set t = xs|merge(ys) %}"
                + "{{ s is same as t ? 'y' : 'n' }}{{ s is same as (xs|merge(ys)) ? 'y' : 'n' }}"
                + "{{ (range(1, 40)|merge([])) is same as (range(1, 40)|merge([])) ? 'y' : 'n' }}"
                + "{{ ([a ~ b]|merge([])) is same as ([a ~ b]|merge([])) ? 'y' : 'n' }}"
                + "{{ s is same as (ys|merge(xs|merge(['x']))) ? 'y' : 'n' }}"), false, null);
        assertEquals("yyyyn", out.get(0));
    }

    @Test
    void theUsersMutableValuesReadAsTheyAreNow() {
        List<String> out = renders(templates("{% set s = {l: box, m: boxm}|merge({x: 1}) %}{{ s.l|join }}/"
                + "{{ s.m|join }}/{{ box|merge([])|join }}"), false, null);
        assertEquals("l0/v0/l0", out.get(0));
        assertEquals("l0l1/v0v1/l0l1", out.get(1));
        assertEquals("l0l1l2l3l4l5/v0v1v2v3v4v5/l0l1l2l3l4l5", out.get(5));
    }

    @Test
    void sharedResultsInTheSandbox() {
        dev.zweig.sandbox.SecurityPolicy p = dev.zweig.sandbox.SecurityPolicy.builder().allowTags("set", "for")
                .allowFilters("merge", "map", "join", "keepf").allowFunctions("keep", "mutate").build();
        List<String> out = renders(templates("{% set s = xs|merge(ys) %}{{ keep(s) }}{{ mutate(s) }}{% for i in"
                + " items|map(i => i|merge({x: n})) %}{{ keep(i) }}{{ i.k }}{% endfor %}{{ s|keepf|join }}"), false, p);
        assertEquals("refusedonetwo0pq0pq0", out.get(0));
        List<String> denied = renders(templates("{% set s = [obj]|merge([obj]) %}{{ s[0].take(1) }}"), false, p);
        assertTrue(denied.get(0).startsWith("!Security"), denied.get(0));
    }

    /** 16 platform threads and (Java 21+) 1,000 virtual ones make and keep the same and other collections. */
    @Test
    void manyThreadsShareOnlyEqualResults() throws Exception {
        for (Executor ex : Executor.values()) {
            List<Kept> kept = Collections.synchronizedList(new ArrayList<>());
            Environment env = env(ex, templates("{% set s = xs|merge(ys) %}{% for x in 1..2 %}"
                    + "{% set s = s|merge([x ~ b]) %}{% endfor %}{{ keep(s) }}{{ keep(xs|merge(ys)) }}"
                    + "{{ keep(items|map(i => i|merge({x: b}))) }}{{ s|join(',') }}"), kept, false, null);
            AtomicInteger wrong = new AtomicInteger();
            java.util.function.IntFunction<Runnable> request = t -> () -> {
                Boxes boxes = new Boxes();
                for (int i = 0; i < 20; i++) {
                    int r = (t + i) % 4;
                    String q = "q" + r % 2;
                    String expect = "p," + q + ",p," + q + ",1#" + r + ",2#" + r;
                    if (!expect.equals(run(env, "main", data(r, boxes)))) {
                        wrong.incrementAndGet();
                    }
                }
            };
            RedTeamOpenFindingsTest.onManyThreads(request, 16, 1_000);
            assertEquals(0, wrong.get(), ex.name());
            int threads = 16 + (Runtime.version().feature() >= 21 ? 1_000 : 0);
            assertEquals(threads * 20 * 3, kept.size(), ex.name());
            synchronized (kept) {
                for (Kept k : kept) {
                    assertEquals(k.then(), snap(k.value()), ex.name());
                }
            }
        }
    }

    // ---- 2. _context read in place ------------------------------------------------------------------------------

    /** Each name read through _context four ways, each compared with the read on a snapshot c of the scope. */
    private static String reads(String... names) {
        StringBuilder b = new StringBuilder("{% set c = _context %}");
        for (String n : names) {
            String k = "'" + n + "'";
            String dot = n.matches("[A-Za-z_]\\w*") ? n : "x_missing_";
            b.append("{{ agree(_context.").append(dot).append(" ?? 'U', c.").append(dot).append(" ?? 'U') }}")
                    .append("{{ agree(_context[").append(k).append("] ?? 'U', c[").append(k).append("] ?? 'U') }}")
                    .append("{{ agree(attribute(_context, ").append(k).append(") ?? 'U', attribute(c, ").append(k)
                    .append(") ?? 'U') }}")
                    .append("{{ agree(_context[").append(k).append("] is defined, c[").append(k)
                    .append("] is defined) }}")
                    .append("{{ keep(_context[").append(k).append("] ?? null) }}")
                    .append("{{ dump(_context[").append(k).append("] ?? 'U') }};");
        }
        return b.toString();
    }

    static Stream<Arguments> contextReads() {
        return Stream.of(
                c("a render-private text", "{% set s = a ~ b %}" + reads("s", "a", "nope")),
                c("split pieces", "{% set p = (a ~ '/' ~ b)|split('/') %}" + reads("p")
                        + "{{ p|join }}"),
                c("a date kept in a variable", "{% set d = date('2020-01-0' ~ n)|date_modify('+1 day') %}"
                        + "{{ d|date('Y-m-d') }}" + reads("d") + "{{ _context.d|date('Y-m-d') }}"),
                c("an include's literals", "{% include 'inc' with {x: a ~ b, l: [a ~ '/', {q: b ~ a}]} %}"
                        + "{% include 'inc' with {x: 'lit', l: ['lit']} only %}", "inc", reads("x", "l", "a")),
                c("an embed's literals", "{% embed 'e' with {x: a ~ b, l: [b]} %}{% block k %}"
                        + reads("x", "l") + "{% endblock %}{% endembed %}", "e", "[{% block k %}{% endblock %}]"),
                c("with", "{% with {x: a ~ b, l: [a ~ b]} %}" + reads("x", "l") + "{% endwith %}"
                        + "{% with {x: b} only %}" + reads("x", "a") + "{% endwith %}"),
                c("macro arguments and varargs", "{% macro m(x, y) %}" + reads("x", "y", "varargs", "a")
                        + "{% endmacro %}{{ _self.m(a ~ b, [b ~ a], 3, a ~ 'z') }}{{ _self.m('lit', ['lit']) }}"),
                c("loop, _parent, _seq, _key", "{% set s = a ~ b %}{% for k, v in {x: a ~ b, y: [b]} %}"
                        + reads("loop", "_parent", "_seq", "_key", "k", "v", "s") + "{% endfor %}"),
                c("a global and integer-like names", reads("g", "5", "05", "-1", "1.5")),
                c("forbidden Java objects", reads("cls", "loader", "meth") + "{{ dump(_context.cls) }}"
                        + "{{ dump(_context['loader']) }}{{ dump(attribute(_context, 'meth')) }}"),
                c("a set in a loop of a render-private text", "{% for i in 1..2 %}{% set s = a ~ i %}"
                        + reads("s", "i") + "{% endfor %}" + reads("s")),
                c("reads through _context kept in variables, their sources set again", "{% for i in 1..2 %}"
                        + "{% set s = a ~ i %}{% set p = (a ~ '/' ~ i)|split('/') %}{% set l = [a ~ i, [i ~ b]] %}"
                        + "{% set d = date('2020-01-0' ~ i)|date_modify('+1 day') %}{% if i == 1 %}"
                        + "{% set t = _context.s %}{% set tp = _context['p'] %}{% set tl = _context.l ?? 0 %}"
                        + "{% set td = attribute(_context, 'd') %}{% set ts = _context['s'] ?? 0 %}"
                        + "{% set c = _context %}{% set u = c.s %}{% set up = c.p %}{% set ul = c.l %}"
                        + "{% set ud = c.d %}{% endif %}{% endfor %}{{ agree(t, u) }}{{ agree(ts, u) }}"
                        + "{{ agree(tp, up) }}{{ agree(tl, ul) }}{{ agree(td|date('Y-m-d'), ud|date('Y-m-d')) }}"
                        + "{{ t }}{{ tp|join }}{{ tl|json_encode }}{{ td|date('Y-m-d') }}{{ d|date('Y-m-d') }}"),
                c("an include's literal read through _context, kept, the include repeated", "{% for i in 1..2 %}"
                        + "{% include 'inc' with {x: a ~ i, l: [b ~ i]} %}{% endfor %}{{ t1 ?? '' }}", "inc",
                        "{% set t = _context.x %}{% set tl = _context['l'] %}{{ keep(t) }}{{ keep(tl) }}"
                        + "{{ keep([t, tl]) }}{{ t }}{{ tl|join }}"),
                c("dynamic names", "{% set v1 = a ~ 1 %}{% set v2 = [b ~ 2] %}{% for i in 1..3 %}"
                        + "{{ keep(_context['v' ~ i] ?? 'none') }}{{ _context['v' ~ i] is defined ? 'd' : 'u' }}"
                        + "{{ dump(_context['v' ~ i] ?? 'U') }}{% endfor %}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contextReads")
    void contextReadsAsItsSnapshot(String what, String main, String name, String body) {
        renders(templates(main, name, body), false, null);
        renders(templates(main, name, body), true, null);
    }

    @Test
    void forbiddenObjectsReadAsNull() {
        List<String> out = renders(templates("{{ dump(_context.cls) }}{{ dump(_context['loader']) }}"
                + "{{ dump(attribute(_context, 'meth')) }}{{ _context.cls is null ? 'n' }}"), false, null);
        assertEquals("nullnullnulln", out.get(0));
    }

    @Test
    void strictErrorsAsOnTheSnapshot() {
        for (String read : new String[] {"_context.nope", "_context['nope']", "attribute(_context, 'nope')",
            "_context['5x']", "_context[7]"}) {
            List<String> direct = renders(templates("{% set s = a ~ b %}{{ " + read + " }}"), true, null);
            List<String> snap = renders(templates("{% set s = a ~ b %}{% set c = _context %}{{ "
                    + read.replace("_context", "c") + " }}"), true, null);
            assertTrue(direct.get(0).startsWith("!"), direct.get(0));
            assertEquals(snap.get(0).replace("\"c\"", "\"_context\""), direct.get(0), read);
        }
    }

    @Test
    void theSandboxChecksWhatIsReadThroughContext() {
        dev.zweig.sandbox.SecurityPolicy p = dev.zweig.sandbox.SecurityPolicy.builder().allowFunctions("keep")
                .build();
        for (String read : new String[] {"_context.obj.take(1)", "_context['obj'].take(1)",
            "attribute(_context, 'obj').take(1)", "attribute(_context.obj, 'take', [1])", "_context.obj.toString"}) {
            List<String> out = renders(templates("{{ " + read + " }}"), false, p);
            assertTrue(out.get(0).startsWith("!Security"), read + ": " + out.get(0));
        }
        List<String> ok = renders(templates("{{ keep(_context.b) }}{{ _context.b }}"), false, p);
        assertEquals("#0", ok.get(0));
    }

    static Stream<String> keptScopes() {
        String f = "{% for k, v in {x: a ~ b, y: [b]} %}";
        return Stream.of(f + "{{ keep(_context.loop) }}{% endfor %}", f + "{{ keep(_context['loop']) }}{% endfor %}",
                f + "{{ keep(_context.loop ?? null) }}{% endfor %}", f + "{{ keep(_context['loop'] ?? null) }}{% endfor %}",
                f + "{{ keep(_context._parent ?? null) }}{% endfor %}", f + "{{ keep(_context.v ?? null) }}{% endfor %}",
                f + "{{ keep(_context._seq ?? null) }}{% endfor %}", f + "{{ keep(loop ?? null) }}{% endfor %}",
                f + "{{ keep(attribute(_context, 'loop')) }}{% endfor %}",
                f + "{{ keep(_context.loop.parent ?? null) }}{% endfor %}",
                f + "{{ keep(_parent.loop ?? null) }}{% endfor %}",
                f + "{% set c = _context %}{{ keep(c.loop ?? null) }}{% endfor %}");
    }

    @ParameterizedTest
    @MethodSource("keptScopes")
    void loopAndScopesKeptThroughContextOrDefault(String main) {
        renders(templates(main), false, null);
    }

    // ---- 3. explicit variadic macro arguments --------------------------------------------------------------------

    @Test
    void variadicMacroArguments() {
        String m = "{% macro m(x, ...rest) %}{{ x }}:{{ keep(rest) }}{{ rest|json_encode }}{{ rest|keys|join(',') }}"
                + "{% if x > 0 %}[{{ _self.m(x - 1, a ~ b, rest, k: b) }}]{% endif %}{% endmacro %}";
        List<String> out = renders(templates(m + "{{ _self.m(1, a ~ b, [b], named: b ~ 'n') }}|{{ _self.m(0) }}"),
                false, null);
        assertFalse(out.get(0).startsWith("!"), out.get(0));
        assertTrue(out.get(0).endsWith("|0:[]"), out.get(0));
    }
}
