package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Markup;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.sandbox.SecurityPolicy;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team of session 10's performance changes: the in-line slot test of a variable read (Frame#peekDense), a
 * linked getter's String printed with html, prints and if conditions that note the text stack's top only when the
 * analysis says so, a short decimal put together in StringBuilderOutput's number buffer, and html escaping of a
 * String after its first special character. Each case is rendered by both executors (and a fresh Environment) and
 * must give the same output or the same exception.
 */
class RedTeamSession10Test {

    /** An application object: getters of every kind of value. */
    public static final class Bean {
        private final Object v;

        public Bean(Object v) {
            this.v = v;
        }

        public Object getV() {
            return v;
        }

        public String getS() {
            return v == null ? null : String.valueOf(v);
        }

        /** Fails for some values only: a site linked on a good one meets a bad one. */
        public Object getCheck() throws Exception {
            if ("runtime".equals(v)) {
                throw new IllegalStateException("bad " + v);
            }
            if ("checked".equals(v)) {
                throw new java.io.IOException("bad " + v);
            }
            if ("error".equals(v)) {
                throw new StackOverflowError();
            }
            return v;
        }

        public String getBoom() {
            throw new IllegalStateException("boom");
        }
    }

    /** toString of an object not allowed by the sandbox. */
    public static final class Secret {
        @Override
        public String toString() {
            return "<secret>";
        }
    }

    private static Environment env(Executor ex, Map<String, String> templates, boolean strict) {
        return Environment.builder().loader(new MapLoader(templates)).executor(ex).strictVariables(strict)
                .global("g", "<glob>").build();
    }

    /** Output, or the exception's class and message. */
    private static String run(Environment env, String name, Map<String, ?> ctx) {
        try {
            return env.load(name).render(ctx);
        } catch (RuntimeException e) {
            return "!" + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    private static String both(Map<String, String> templates, Map<String, ?> ctx, boolean strict) {
        String c = run(env(Executor.COMPILED, templates, strict), "t", ctx);
        String c2 = run(env(Executor.COMPILED, templates, strict), "t", ctx);
        String i = run(env(Executor.INTERPRETED, templates, strict), "t", ctx);
        assertEquals(i, c, "compiled vs interpreted: " + templates.get("t"));
        assertEquals(c, c2, "fresh environment");
        return c;
    }

    private static String both(String t, Map<String, ?> ctx) {
        return both(Map.of("t", t), ctx, false);
    }

    @Test
    void probeVariables() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("n", null);
        ctx.put("a", "A");
        ctx.put("b", new Bean(null));
        List<String> failures = new ArrayList<>();
        String[] ts = {
            "{{ n }}|{{ n is null }}|{{ n is defined }}|{{ u is defined }}|{{ u ?? 'd' }}|{{ n ?? 'd' }}",
            "{{ a }}{% set a = 'B' %}{{ a }}{% set z = 1 %}{{ z }}",
            "{% for i in 1..3 %}{{ x ?? '-' }}{% set x = i %}{% endfor %}{{ x ?? 'out' }}",
            "{% for i in 1..3 %}{% if i > 1 %}{{ y }}{% endif %}{% set y = i %}{% endfor %}",
            "{{ _context|keys|join(',') }}",
            "{{ g }}{% set g = 'x' %}{{ g }}",
            "{% with {a: 'W'} %}{{ a }}{% endwith %}{{ a }}",
            "{% with {q: 1} only %}{{ a ?? 'none' }}{% endwith %}",
            "{{ include('i') }}{% include 'i' %}{% include 'i' with {a: 'I'} only %}",
            "{% macro m(x) %}{{ x }}{{ a ?? 'na' }}{{ _context|length }}{% endmacro %}{% import _self as s %}{{ s.m(a) }}",
            "{% block bl %}{{ a }}{{ u ?? '' }}{% endblock %}",
            "{{ b.s }}|{{ b.v }}|{{ b.v ?? 'nv' }}|{{ b.s is null }}",
        };
        for (String t : ts) {
            try {
                both(Map.of("t", t, "i", "[{{ a ?? 'ia' }}]"), ctx, false);
                both(Map.of("t", t, "i", "[{{ a ?? 'ia' }}]"), ctx, true);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void probeManyVariables() {
        StringBuilder t = new StringBuilder();
        Map<String, Object> ctx = new HashMap<>();
        for (int i = 0; i < 2100; i++) {
            t.append("{{ v").append(i).append(" ?? '.' }}");
            if (i % 3 == 0) {
                ctx.put("v" + i, i % 2);
            }
        }
        t.append("{% set v2099 = 'late' %}{{ v2099 }}{% set w2200 = 'w' %}{{ w2200 }}{% for k in 1..2 %}{{ v2050 ?? 'x' }}{% set v2050 = k %}{% endfor %}");
        both(t.toString(), ctx);
        both(Map.of("t", t.toString()), ctx, true);
    }

    @Test
    void probeGetters() {
        Map<String, Object> ctx = new HashMap<>();
        List<Bean> beans = List.of(new Bean("<a&'\">"), new Bean(null), new Bean(new Markup("<i>")), new Bean(1.5),
                new Bean(new StringBuilder("<sb>")), new Bean(new Secret()), new Bean(7L), new Bean(true),
                new Bean(List.of(1, 2)));
        ctx.put("bs", beans);
        ctx.put("one", beans.get(0));
        String r = both("{% for b in bs %}[{{ b.v }}|{{ b.s }}|{{ b.v|raw }}]{% endfor %}{{ one.s }}{{ one.v }}", ctx);
        assertTrue(r.startsWith("[&lt;a&amp;&#039;&quot;&gt;|"), r);
        both("{{ one.boom }}", ctx);
        both("{% for b in bs %}{{ b.boom ?? 'x' }}{% endfor %}", ctx);
    }

    @Test
    void gettersOfOddValuesPrintAlikeOnceLinked() {
        List<Bean> beans = new ArrayList<>();
        for (Object v : new Object[] {"<s>", java.util.Optional.of("<o>"), java.util.Optional.empty(), 'c', '<',
            java.time.DayOfWeek.MONDAY, String.class, new char[] {'<'}, -0.0, 1e-4, Float.NaN, (byte) 3,
            new java.math.BigDecimal("1.50"), Map.of("k", "<v>"), new Markup("<m>"), new StringBuilder("<b>")}) {
            beans.add(new Bean(v));
        }
        Map<String, Object> ctx = Map.of("bs", beans);
        String r = both("{% for b in bs %}[{{ b.v }}|{{ b.s }}|{{ b.v|raw }}|{{ b.v ~ '' }}]{% endfor %}", ctx);
        String again = both("{% for i in 1..3 %}{% for b in bs %}[{{ b.v }}|{{ b.s }}|{{ b.v|raw }}|{{ b.v ~ '' }}]"
                + "{% endfor %}{% endfor %}", ctx);
        assertEquals(r + r + r, again);
    }

    @Test
    void probeSandboxedGetterAfterUnsandboxedRender() {
        Map<String, Object> ctx = Map.of("bs", List.of(new Bean(new Secret()), new Bean("s")));
        String t = "{% for b in bs %}{{ b.v }}{{ b.s }}{% endfor %}";
        for (Executor ex : Executor.values()) {
            Environment open = Environment.builder().loader(new MapLoader(Map.of("t", t))).executor(ex).build();
            assertEquals("&lt;secret&gt;&lt;secret&gt;ss", open.load("t").render(ctx));
            SecurityPolicy p = SecurityPolicy.builder().allowMethods(Bean.class, "getV", "getS").build();
            Environment box = Environment.builder().loader(new MapLoader(Map.of("t", t))).executor(ex)
                    .sandbox(p).build();
            String out = run(box, "t", ctx);
            assertTrue(out.startsWith("!"), ex + ": " + out);
        }
    }

    @Test
    void probeTextStack() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("s", " Ab<c ");
        ctx.put("xs", List.of("a", "<b>", "c"));
        ctx.put("m", Map.of("k", "v"));
        List<String> failures = new ArrayList<>();
        String mac = "{% macro t(x) %}<{{ x }}>{% endmacro %}{% import _self as h %}";
        String[] ts = {
            "{{ s ~ s|upper }}{{ \"#{s|trim}!\" }}{{ s|replace({'A': 'z'})|slice(1, 3) }}{{ xs|join('-') }}",
            mac + "{{ h.t(s) ~ h.t(s|upper) }}{% if h.t(s)|length > 3 %}L{% elseif (s ~ 'x') matches '/x$/' %}M{% endif %}",
            "{% if (s ~ u ?? 'q')|trim == 'Ab<c q' %}Y{% else %}N{% endif %}{{ (s|trim) ?: 'e' }}{{ u|default(s|upper) }}",
            "{% for x in xs %}{{ x ~ loop.index }}{% if (x|upper ~ 'x') starts with '<' %}T{% endif %}{{ xs|map(v => v|upper ~ x)|join }}{% endfor %}",
            "{{ attribute(m, 'k' ~ '') }}{{ (s|upper) in ['X', ' AB<C '] }}{{ include('i') ~ block('bl') }}{% block bl %}{{ s|lower }}{% endblock %}",
            "{% include 'missing' ignore missing %}{{ (s ~ x|default('d'))|upper }}{{ (u.v ~ 'z') is defined ? 1 : 0 }}",
            "{% set c %}{{ s|upper }}{% endset %}{{ c ~ c|lower }}{% apply upper %}{{ s ~ 'a' }}{% endapply %}",
            "{{ xs|filter(v => (v ~ 'x')|length > 2)|join }}{{ xs|reduce((c, v) => c ~ v|upper, '')|lower }}",
            "{% for i in 1..3 %}{{ i is odd ? (s ~ i)|upper : (s|lower ~ i) }}{% endfor %}",
        };
        for (String t : ts) {
            try {
                both(Map.of("t", t, "i", "[{{ s|trim }}]"), ctx, false);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void probeDecimals() {
        double[] ds = {1e-4, -1e-4, 0.00012345678901234, 99999999999999.9, 9999999999999.99, -0.0, 0.1, 0.3,
            1.0 / 3, -2.5, 1e14, 1e14 - 0.5, 123456789012.345, 0.1 + 0.2, 1e15, 9.999999999999999, 10.000000000001,
            99.99, 0.000099999, -99999999999999.9, 5e-324, Double.MAX_VALUE, 1.5e-5};
        Map<String, Object> ctx = new HashMap<>();
        List<Object> list = new ArrayList<>();
        for (double d : ds) {
            list.add(d);
        }
        ctx.put("ds", list);
        String t = "{% for d in ds %}{{ d }};{{ d ~ '' }};{% set c %}{{ d }}{% endset %}{{ c }};{{ d|upper }};{% endfor %}";
        String a = both(t, ctx);
        Environment e = env(Executor.COMPILED, Map.of("t", t), false);
        StringBuilderOutput o = new StringBuilderOutput();
        e.load("t").render(ctx, o);
        assertEquals(a, o.toString());
        StringBuilder sb = new StringBuilder();
        e.load("t").render(ctx, sb);
        assertEquals(a, sb.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.load("t").render(ctx, bytes);
        assertEquals(a, bytes.toString(StandardCharsets.UTF_8));
        assertTrue(a.startsWith("0.0001;0.0001;0.0001;0.0001;-0.0001;"), a);
    }

    @Test
    void probeHtml() {
        String[] ss = {"", "plain", "&<>\"'", "a&b", "\uD83D\uDE00", "<\uD83D\uDE00>", "\uD83D", "\uDE00",
            "x\uD83D", "\uDE00x", "&\uD83D<", "\uDE00\uD83D", "\uD83D\uD83D\uDE00", "é<é", "a\u0000b<"};
        Map<String, Object> ctx = new HashMap<>();
        List<Object> list = new ArrayList<>();
        for (String s : ss) {
            list.add(s);
            list.add(new StringBuilder(s));
        }
        ctx.put("ss", list);
        String r = both("{% for s in ss %}[{{ s }}|{{ s|e('html') }}|{{ s ~ '' }}|{{ true ? s : 1 }}|<a title=\"{{ s }}\">]{% endfor %}", ctx);
        assertTrue(r.contains("[&amp;&lt;&gt;&quot;&#039;|&amp;&lt;&gt;&quot;&#039;|"), r);
        assertTrue(r.contains("[\uD83D\uDE00|\uD83D\uDE00|"), r);
        assertTrue(r.contains("[\uFFFD|\uFFFD|"), r);
        assertTrue(r.contains("[x\uFFFD|"), r);
        assertTrue(r.contains("[\uFFFD\uFFFD|"), r);
        assertTrue(r.contains("[\uFFFD\uD83D\uDE00|"), r);
        String attr = both("{{ s|e('html_attr') }}|{{ s|e }}", Map.of("s", "a<\uD83D\uDE00 &\"'"));
        assertEquals("a&lt;&#x1F600;&#x20;&amp;&quot;&#x27;|a&lt;\uD83D\uDE00 &amp;&quot;&#039;", attr);
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            big.append("ab<\uD83D\uDE00&\"'");
        }
        String b = both("{{ s }}", Map.of("s", big.toString()));
        assertEquals(big.toString().replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;")
                .replace("'", "&#039;"), b);
    }

    private static final String LOOP = String.join("",
            "{% import _self as h %}{% macro t(x) %}<{{ x }}>{% endmacro %}",
            "{% for r in rows %}",
            "{{ h.t(r) ? 'a' : 'b' }}{% if h.t(r) %}M{% endif %}{% if h.t(r) == '<x>' %}E{% endif %}",
            "{{ block('bl') ? 1 : 0 }}{% if block('bl') %}B{% endif %}{% if include('i') %}I{% endif %}",
            "{{ xs|map(v => h.t(v))|join }}{% if xs|map(v => v ~ r)|join == '' %}J{% endif %}",
            "{% if (r ~ 'x') in xs %}N{% endif %}{{ [r ~ 'x']|first }}{{ {a: r ~ 'x'}|length }}",
            "{{ max(r ~ 'a', 'b') }}{{ cycle([r ~ 'a', 'b'], loop.index) }}{% if r|upper %}U{% endif %}",
            "{% set c %}{{ r|upper }}{% endset %}{% if c %}C{% endif %}{{ c }}{{ c ? c : '' }}",
            "{% apply upper %}{{ r }}{% endapply %}{{ '%s'|format(r ~ 'x') }}{{ (u ?? r ~ 'x') }}",
            "{{ u.v|default(r ~ 'x') }}{{ h.t(r) ~ '' }}{% if h.t(r)|length %}L{% endif %}{{ h.t(h.t(r)) }}",
            "{% if h.t(r) is same as(h.t(r)) %}S{% endif %}{{ h.t(r) is empty ? 'e' : 'f' }}",
            "{% endfor %}{% block bl %}{{ xs|length }}{% endblock %}");

    /** Code run in a frame of its own inside a print (macros, blocks, includes) that keeps text in its variables. */
    private static final String KEEPING = String.join("",
            "{% import _self as h %}{% macro k(x) %}{% set c = x ~ 'y' %}{% set d %}{{ x|upper }}{% endset %}",
            "{% set e = x|upper %}{{ c }}{{ d }}{{ e }}{% endmacro %}",
            "{% for r in rows %}{{ h.k(r) }}{% if h.k(r) %}K{% endif %}{{ block('bl') }}{{ include('i') }}",
            "{% if block('bl') == '' %}E{% endif %}{{ h.k(r) is empty ? 'e' : 'f' }}{% endfor %}",
            "{% block bl %}{% set c = r ~ 'z' %}{% set e = r|lower %}{{ c }}{{ e }}{% endblock %}");

    @Test
    void aLongLoopOfFramesKeepingTextKeepsNoMemory() {
        keepsNoMemory(KEEPING, "{% set c = r ~ 'i' %}{% set e = r|title %}{{ c ~ e }}");
    }

    /**
     * Conditions that take scratch collections (an if takes an arena mark only where it releases one). Note: this
     * still passes when the if never releases (the loop gives its iteration's storage back too); it guards the whole
     * chain, not the if's mark alone.
     */
    private static final String COLLECTING = String.join("",
            "{% for r in rows %}{% if xs|sort|first == r %}F{% elseif (xs|map(v => v ~ r))|length > 5 %}M",
            "{% elseif r in xs|filter(v => v != r)|keys %}K{% elseif range(1, 3)|reverse|last == 9 %}R",
            "{% elseif (xs|merge([r]))|length is odd %}O{% endif %}{% if [r, r]|join == '' %}J{% endif %}",
            "{% if {(r): 1}|keys|first == r and (xs|slice(0, 1))[0] %}S{% endif %}",
            "{{ xs|sort|first == r ? 'f' : (xs|merge([r])|length) }}{% endfor %}");

    @Test
    void aLongLoopOfConditionsTakingCollectionsKeepsNoMemory() {
        keepsNoMemory(COLLECTING, "");
    }

    @Test
    void aLongLoopOfTextValuesKeepsNoMemory() {
        keepsNoMemory(LOOP, "{{ xs|first }}");
    }

    private static void keepsNoMemory(String page, String included) {
        for (Executor ex : Executor.values()) {
            Environment e = Environment.builder().loader(new MapLoader(Map.of("t", page, "i", included)))
                    .executor(ex).build();
            List<String> small = new ArrayList<>();
            List<String> large = new ArrayList<>();
            for (int i = 0; i < 100_000; i++) {
                (i < 200 ? small : large).add(i % 3 == 0 ? "x" : "ab" + (i % 7));
            }
            StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1 << 22));
            e.load("t").render(Map.of("rows", small, "xs", List.of("x", "y")), out);
            String first = out.toString();
            long before = dev.zweig.alloc.AllocationMeter.usedHeap();
            out.reset();
            e.load("t").render(Map.of("rows", large, "xs", List.of("x", "y")), out);
            out = null;
            long grown = dev.zweig.alloc.AllocationMeter.usedHeap() - before;
            assertTrue(grown < 4_000_000L, ex + ": " + (grown / 1000) + " KB kept after a loop of 100,000");
            StringBuilderOutput again = new StringBuilderOutput();
            e.load("t").render(Map.of("rows", small, "xs", List.of("x", "y")), again);
            assertEquals(first, again.toString());
        }
        both(Map.of("t", page, "i", included), Map.of("rows", List.of("x", "ab1", "<"), "xs", List.of("x")), false);
    }

    @Test
    void aSandboxTagAfterTheSameTemplateRanOpenStillChecksEveryGetter() {
        Map<String, String> ts = Map.of("inc", "{% for b in bs %}{{ b.s }}{{ b.v }}{% endfor %}",
                "outer", "{% sandbox %}{% include 'inc' %}{% endsandbox %}", "after", "{% include 'inc' %}");
        Map<String, Object> ctx = Map.of("bs", List.of(new Bean("<s>"), new Bean(new Secret())));
        for (Executor ex : Executor.values()) {
            Environment e = Environment.builder().loader(new MapLoader(ts)).executor(ex)
                    .securityPolicy(SecurityPolicy.builder().allowTags("for", "include").build()).build();
            assertEquals("&lt;s&gt;&lt;s&gt;&lt;secret&gt;&lt;secret&gt;", e.load("inc").render(ctx));
            String out = run(e, "outer", ctx);
            assertTrue(out.startsWith("!") && out.contains("gets"), ex + ": " + out);
            assertEquals("&lt;s&gt;&lt;s&gt;&lt;secret&gt;&lt;secret&gt;", e.load("after").render(ctx));
        }
    }

    @Test
    void aGetterThatFailsAfterItsSiteLinkedFailsAsOnItsFirstCall() {
        for (String bad : List.of("runtime", "checked", "error")) {
            for (String t : List.of("{% for b in bs %}\n{{ b.check }}{% endfor %}",
                    "{% for b in bs %}\n{{ b.check|raw }}{% endfor %}",
                    "{% autoescape false %}{% for b in bs %}\n{{ b.check }}{% endfor %}{% endautoescape %}",
                    "{% for b in bs %}\n{% set x = b.check %}{{ x }}{% endfor %}")) {
                String linked = both(t, Map.of("bs", List.of(new Bean("ok"), new Bean("ok"), new Bean(bad))));
                String first = both(t, Map.of("bs", List.of(new Bean(bad))));
                assertTrue(linked.startsWith("!"), linked);
                assertEquals(first, linked, t);
            }
        }
    }

    @Test
    void aPooledFrameForgetsEverySlotOfTheRenderBefore() {
        StringBuilder t = new StringBuilder();
        for (int i = 0; i < 2100; i++) {
            t.append("{{ v").append(i).append(" ?? '.' }}");
        }
        t.append("{% for k in 1..2 %}{{ v2090 ?? 'x' }}{{ v10 ?? 'y' }}{% set v2090 = k %}{% set v10 = k %}{% endfor %}");
        Map<String, Object> full = new HashMap<>();
        for (int i = 0; i < 2100; i += 7) {
            full.put("v" + i, "<" + i + ">");
        }
        full.put("v2090", "set");
        for (Executor ex : Executor.values()) {
            Environment e = env(ex, Map.of("t", t.toString()), false);
            String a = e.load("t").render(full);
            String b = e.load("t").render(Map.of());
            assertEquals(env(ex, Map.of("t", t.toString()), false).load("t").render(Map.of()), b, ex.toString());
            assertEquals(a, e.load("t").render(full), ex.toString());
            assertTrue(b.endsWith("xy11"), b.substring(b.length() - 10));
        }
    }

    /** A context whose lookups fail for one name, with keys that are not all Strings. */
    @Test
    void anOddContextMapFailsOrReadsAlikeInBothExecutors() {
        Map<Object, Object> odd = new LinkedHashMap<>() {
            @Override
            public Object get(Object key) {
                if ("bad".equals(key)) {
                    throw new IllegalStateException("no bad");
                }
                return super.get(key);
            }

            @Override
            public boolean containsKey(Object key) {
                if ("bad".equals(key)) {
                    throw new IllegalStateException("no bad");
                }
                return super.containsKey(key);
            }
        };
        odd.put(1, "one");
        odd.put(null, "nul");
        odd.put("a", "A");
        @SuppressWarnings("unchecked")
        Map<String, ?> ctx = (Map<String, ?>) (Map<?, ?>) odd;
        for (String t : List.of("{{ a }}", "{{ bad }}", "{{ bad ?? 'd' }}", "{{ bad is defined }}",
                "{{ _context|length }}", "{% for k, v in _context %}{{ k }}={{ v }};{% endfor %}",
                "{% for i in 1..2 %}{{ a }}{{ bad ?? 'x' }}{% endfor %}")) {
            String r = both(t, ctx);
            if (t.contains("bad")) {
                assertTrue(r.startsWith("!") && r.contains("\"t\" at line 1"), t + " -> " + r);
            }
        }
    }

    /** PHP's mb_substr counts code points: a slice never cuts a pair, and what it prints is escaped as a whole. */
    @Test
    void slicesOfTextWithPairsEscapeLikeTwig() {
        String e = "\uD83D\uDE00";
        Map<String, Object> ctx = Map.of("s", "a" + e + "<" + e + "&", "sb", new StringBuilder("a" + e + "<" + e + "&"));
        String r = both("{{ s|slice(1, 2) }}|{{ s|slice(2, 3) }}|{{ (s ~ '')|slice(3) }}|{{ sb|slice(1, 3) }}|"
                + "{{ s|slice(-2) }}|{{ s|slice(1, 1)|length }}|{{ (s|upper)|slice(0, 2) }}", ctx);
        assertEquals(e + "&lt;|&lt;" + e + "&amp;|" + e + "&amp;|" + e + "&lt;" + e + "|" + e + "&amp;|1|A" + e, r);
    }

    @Test
    void strictReadsBeforeASetFailAlikeWithTheirLine() {
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("n", null);
        ctx.put("xs", List.of(1, 2));
        List<String> failures = new ArrayList<>();
        for (String t : List.of("{% for i in 1..2 %}\n{{ x }}{% set x = i %}{% endfor %}",
                "{% for i in xs %}{% if i > 1 %}\n{{ x }}{% endif %}{% set x = i %}{% endfor %}{{ x }}",
                "{% for i in xs %}{% set x = i %}{% endfor %}\n{{ x }}",
                "{{ n }}{% set n = 'b' %}{{ n }}\n{{ m }}",
                "{% for i in [] %}{% set y = 1 %}{% else %}\n{{ y ?? 'e' }}{{ y }}{% endfor %}",
                "{% macro m() %}\n{{ xs|length }}{{ n }}{% endmacro %}{% import _self as h %}{{ h.m() }}",
                "{% with {z: 1} %}{{ z }}{% set w = 2 %}{% endwith %}\n{{ w }}",
                "{% set u = u ?? 'first' %}{{ u }}{% for i in xs %}{% set u = u ~ i %}{% endfor %}{{ u }}\n{{ v }}")) {
            for (boolean strict : new boolean[] {false, true}) {
                try {
                    String r = both(Map.of("t", t), ctx, strict);
                    if (strict) {
                        assertTrue(r.startsWith("!") && r.contains("at line 2"), t + " -> " + r);
                    }
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Renders on several threads at once (pooled states, their sinks' number buffers) print what one thread does. */
    @Test
    void concurrentRendersOfDecimalsAndEscapesPrintAsOne() throws Exception {
        String t = "{% for d in ds %}{{ d }}{{ d * 3 }}{{ s }}{{ b.s }}{{ (s ~ d)|upper }}{% endfor %}";
        for (Executor ex : Executor.values()) {
            Environment e = env(ex, Map.of("t", t), false);
            List<java.util.concurrent.Callable<Boolean>> jobs = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                final int seed = k;
                jobs.add(() -> {
                    Environment ref = env(ex, Map.of("t", t), false); // this thread's alone
                    for (int i = 0; i < 300; i++) {
                        List<Object> ds = List.of(seed + i / 7.0, -0.0001 * (i + 1), 99999999999999.9 - seed);
                        Map<String, Object> ctx = Map.of("ds", ds, "s", "<\uD83D\uDE00" + seed + "&",
                                "b", new Bean("'" + i + "\""));
                        String one = ref.load("t").render(ctx);
                        StringBuilder sb = new StringBuilder();
                        e.load("t").render(ctx, sb);
                        if (!one.equals(e.load("t").render(ctx)) || !one.equals(sb.toString())) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                for (java.util.concurrent.Future<Boolean> f : pool.invokeAll(jobs)) {
                    assertTrue(f.get(), ex.toString());
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Deep expressions in a print and an if condition: an output, or a TemplateException, never a raw error. */
    @Test
    void deepExpressionsInPrintsAndConditionsCompileOrFailCleanly() {
        for (int depth : new int[] {500, 3000, 20000}) {
            StringBuilder sum = new StringBuilder("1");
            StringBuilder nest = new StringBuilder();
            for (int i = 0; i < depth; i++) {
                sum.append(" + 1");
                nest.append("(");
            }
            nest.append("x");
            for (int i = 0; i < depth; i++) {
                nest.append(" ~ 'y')");
            }
            for (String t : List.of("{{ " + sum + " }}", "{% if " + sum + " %}T{% endif %}", "{{ " + nest + " }}",
                    "{% if " + nest + " %}T{% endif %}", "{{ [" + sum + "]|first }}")) {
                String r = both(t, Map.of("x", "<"));
                assertTrue(!r.startsWith("!") || r.contains("\"t\""), depth + ": " + r.substring(0, Math.min(300, r.length())));
            }
        }
    }
}
