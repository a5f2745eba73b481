package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.TemplateException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Red team of session 8's work: template_from_string's per-Environment cache of templates by source, the
 * {@code _context} and loop stand-ins handed to user code, the date members and class constants under the sandbox,
 * Java methods of variable arity, and what a stranger does (a render inside a render, values kept past the render).
 */
class RedTeamSession8Test {

    /** What user code kept, in the order it was handed. */
    private final List<Object> kept = new ArrayList<>();

    private Environment.Builder builder(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).autoescape(false)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("v"))
                .function(FunctionDefinition.of("keep_context", (ctx, a) -> {
                    kept.add(ctx.variables());
                    return "";
                }));
    }

    /** An application object handed values by the template. */
    public final class Sink {
        public String take(Object... xs) {
            kept.add(xs);
            return String.valueOf(xs.length);
        }

        public String takeOne(Object x) {
            kept.add(x);
            return "";
        }

        public long sum(int... xs) {
            long s = 0;
            for (int x : xs) {
                s += x;
            }
            return s;
        }

        public String join(String sep, String... xs) {
            kept.add(xs);
            return String.join(sep, xs);
        }

        public String dates(ZonedDateTime... ds) {
            return String.valueOf(ds.length);
        }
    }

    /** Application data: only getTitle is allowed by the policies below. */
    public static final class Article {
        public static final String KIND = "article";
        public static final Object HIDDEN_LOADER = Article.class.getClassLoader();

        public String getTitle() {
            return "T";
        }

        public String getSecret() {
            return "s3cret";
        }
    }

    // ---- 1. template_from_string's cache ---------------------------------------------------------------------

    @Test
    void aStringTemplateCompiledWithoutTheSandboxIsCheckedWhenIncludedSandboxed() {
        String inner = "{{ a.secret }}";
        Environment env = builder(Map.of(
                "open", "{{ include(template_from_string(src)) }}",
                "closed", "{{ include(template_from_string(src), sandboxed = true) }}"))
                .securityPolicy(SecurityPolicy.builder().allowMethods(Article.class, "getTitle").build())
                .build();
        Map<String, Object> vars = Map.of("src", inner, "a", new Article());
        for (int i = 0; i < 3; i++) {
            assertEquals("s3cret", env.render("open", vars));
            TemplateException e = assertThrows(TemplateException.class, () -> env.render("closed", vars));
            assertTrue(e.getMessage().contains("getSecret") || e.getMessage().contains("secret"), e.getMessage());
        }
        // a filter the policy does not allow, in a string template first rendered unsandboxed
        Map<String, Object> upper = Map.of("src", "{{ 'x'|upper }}", "a", new Article());
        assertEquals("X", env.render("open", upper));
        assertThrows(TemplateException.class, () -> env.render("closed", upper));
        assertEquals("X", env.render("open", upper));
    }

    @Test
    void aStringTemplateIsNeverSharedBetweenEnvironments() {
        String page = "{{ include(template_from_string(src)) }}";
        Environment shout = builder(Map.of("p", page))
                .filter(FilterDefinition.of("f", (ctx, a) -> a[0] + "!")).build();
        Environment whisper = builder(Map.of("p", page))
                .filter(FilterDefinition.of("f", (ctx, a) -> a[0] + "...")).build();
        Environment escaping = Environment.builder().loader(new MapLoader(Map.of("p", page)))
                .filter(FilterDefinition.of("f", (ctx, a) -> a[0] + "?")).build();
        Environment other = builder(Map.of("p", page))
                .executor(Environment.builder().build().executor() == Executor.COMPILED ? Executor.INTERPRETED
                        : Executor.COMPILED)
                .filter(FilterDefinition.of("f", (ctx, a) -> a[0] + "#")).build();
        Environment sandboxed = builder(Map.of("p", page))
                .filter(FilterDefinition.of("f", (ctx, a) -> a[0] + "!"))
                .sandbox(SecurityPolicy.builder().allowFunctions("include", "template_from_string").build()).build();
        Map<String, Object> vars = Map.of("src", "{{ v|f }}", "v", "<b>");
        Map<Environment, String> expected = Map.of(shout, "<b>!", whisper, "<b>...", escaping, "&lt;b&gt;?",
                other, "<b>#");
        for (int i = 0; i < 2; i++) {
            expected.forEach((env, out) -> assertEquals(out, env.render("p", vars)));
            assertThrows(TemplateException.class, () -> sandboxed.render("p", vars));
        }
    }

    @Test
    void aStringTemplateNameDoesNotCollideWithALoadersTemplate() {
        // the name Twig gives the string template: read through _self, then used as a loader's name
        Environment probe = builder(Map.of("p", "{{ include(template_from_string('{{ _self }}')) }}")).build();
        String name = probe.render("p", Map.of());
        assertTrue(name.startsWith("__string_template__"), name);
        Map<String, String> templates = new HashMap<>();
        templates.put(name, "loader's {{ _self }}{% import _self as m %}{% macro who() %}L{% endmacro %}{{ m.who() }}");
        templates.put("p", "{{ include(template_from_string('{{ _self }}{% import _self as m %}{% macro who() %}S"
                + "{% endmacro %}{{ m.who() }}')) }}|{{ include('" + name + "') }}|{{ include(template_from_string("
                + "'{{ _self }}{% import _self as m %}{% macro who() %}S{% endmacro %}{{ m.who() }}')) }}");
        Environment env = builder(templates).build();
        for (int i = 0; i < 2; i++) {
            String out = env.render("p", Map.of());
            String[] parts = out.split("\\|");
            assertEquals(3, parts.length, out);
            assertTrue(parts[0].endsWith("S"), out);
            assertEquals("loader's " + name + "L", parts[1]);
            assertEquals(parts[0], parts[2]);
        }
    }

    @Test
    void manyThreadsRenderingDistinctStringTemplatesWhileTheCacheEvicts() throws Exception {
        Environment env = builder(Map.of("p", "{{ include(template_from_string(src)) }}|{{ n }}")).build();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        // 6 x 150 distinct sources: far more than the cache keeps; half shared between threads
                        int n = (i % 2 == 0) ? i : thread * 1000 + i;
                        String src = "{% for x in [" + n + ", v] %}{{ x }};{% endfor %}{{ v * 2 }}";
                        String out = env.render("p", Map.of("src", src, "v", (long) n, "n", (long) i));
                        String want = n + ";" + n + ";" + (2L * n) + "|" + i;
                        if (!out.equals(want)) {
                            return "thread " + thread + ": " + out + " for " + want;
                        }
                    }
                    return "";
                }));
            }
            for (Future<String> f : futures) {
                assertEquals("", f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- 2. _context and the loop stand-ins handed to user code ----------------------------------------------

    @Test
    void contextAndLoopStandInsKeptByUserCodeNeverChange() {
        String src = "{% set a = 1 %}{{ keep(_context) }}{{ keep_context() }}"
                + "{% for x in items %}{{ keep(loop) }}{{ keep(_parent) }}{{ keep(_context) }}{{ keep_context() }}"
                + "{% for y in [x, x] %}{{ keep(_seq) }}{{ keep(_key) }}{{ keep(_parent) }}{{ keep(loop.parent) }}"
                + "{% endfor %}{% endfor %}{% set b = a %}{{ keep(_context) }}";
        Environment env = single(src);
        env.render("t", Map.of("items", List.of("p", "q")));
        List<String> firstText = keptTexts();
        env.render("t", Map.of("items", List.of("r", "s")));
        env.render("t", Map.of("items", List.of("u", "v", "w")));
        assertKeptUnchanged(firstText, "loop stand-ins");
        // the loops kept in turn are each their own iteration's
        assertEquals("{items=[p, q], a=1}", firstText.get(0));
        assertTrue(firstText.get(2).contains("index=1") || firstText.get(2).contains("index0=0"), firstText.get(2));
        assertFalse(firstText.get(2).equals(firstText.get(2 + 3 + 4 * 2)), "two iterations' loops");
        // a map handed out cannot be written through
        @SuppressWarnings("unchecked")
        Map<String, Object> ctx = (Map<String, Object>) kept.get(0);
        assertThrows(UnsupportedOperationException.class, () -> ctx.put("a", 2));
    }

    @Test
    void aContextKeptBySetIsAValueNotAView() {
        Sink sink = new Sink();
        String src = "{% set a = 1 %}{% set c = _context %}{% set a = 2 %}{% set z = 3 %}{{ keep(c) }}"
                + "{{ c.a }}{{ c.z is defined ? 'leak' : '' }}"
                + "{% macro m(x) %}{{ keep(x) }}{{ x.a }}{% endmacro %}{% import _self as s %}{{ s.m(_context) }}"
                + "{{ o.takeOne(_context) }}";
        Environment env = single(src);
        assertEquals("12", env.render("t", Map.of("o", sink)));
        List<String> texts = keptTexts();
        env.render("t", Map.of("o", sink, "extra", "E"));
        assertKeptUnchanged(texts, "context");
        assertFalse(texts.get(0).contains("z="), texts.get(0));
    }

    // ---- 3. dates and constants under the sandbox ------------------------------------------------------------

    @Test
    void aSandboxedTemplateReachesNoMemberOfADateItWasNotAllowed() {
        SecurityPolicy policy = SecurityPolicy.builder().allowFunctions("date", "constant", "enum", "attribute")
                .allowFilters("date", "escape", "json_encode").allowTags("set").build();
        Environment env = builder(Map.of()).registerClass(Article.class).sandbox(policy).build();
        ZonedDateTime d = ZonedDateTime.parse("2020-01-02T03:04:05Z");
        String[] attacks = {"{{ date('2020-01-01').timezone.name }}", "{{ d.zone }}", "{{ d.getZone().rules }}",
            "{{ d.chronology }}", "{{ d.offset }}",
            "{{ attribute(d, 'zone') }}", "{{ constant('HIDDEN_LOADER', a) }}",
            "{{ a.KIND }}", "{{ constant('class', d) }}|{{ constant('MAX', d.toLocalDate()) }}",
            "{{ constant('java.lang.Thread::MAX_PRIORITY') }}", "{{ enum('java.time.DayOfWeek') }}",
            "{{ d.dayOfWeek.declaringClass }}"};
        for (String attack : attacks) {
            assertThrows(TemplateException.class, () -> env.createTemplate(attack).render(Map.of("d", d,
                    "a", new Article())), attack);
        }
        // getClass and class are no members of a Java object (as PHP's DateTime has none): nothing, as in Twig
        for (String attack : new String[] {"{{ date('2020-01-01').getClass() }}", "{{ d.class }}",
            "{{ attribute(d, 'getClass') }}"}) {
            assertEquals("", env.createTemplate(attack).render(Map.of("d", d)), attack);
        }
        // what the policy does allow still works
        assertEquals("2020-01-02", env.createTemplate("{{ d|date('Y-m-d') }}").render(Map.of("d", d)));
        assertEquals("article", env.createTemplate("{{ constant('" + Article.class.getName().replace("\\", "\\\\")
                + "::KIND') }}").render(Map.of()));
    }

    /** An application object whose text a sandboxed template may not read (its toString is not allowed). */
    public static final class Secretive {
        int read;

        @Override
        public String toString() {
            read++;
            return "@1577836800";
        }
    }

    /**
     * The date filters and functions, and constant(...) is defined, read a hostile object's text with toString
     * without asking the sandbox (the date filter printed its text in "Failed to parse time string (...)"); an
     * object's text is a toString call the policy must allow, as everywhere else.
     */
    @Test
    void aDateOrConstantOfAnObjectAsksTheSandboxForItsText() {
        SecurityPolicy policy = SecurityPolicy.builder().allowFunctions("date", "constant")
                .allowFilters("date", "date_modify", "escape").allowTags("if").build();
        Environment env = builder(Map.of()).sandbox(policy).build();
        Secretive o = new Secretive();
        for (String attack : new String[] {"{{ o|date('Y') }}", "{{ date(o)|date('Y') }}",
            "{{ o|date_modify('+1 day')|date('Y') }}", "{{ '2020-01-01'|date_modify(o)|date('Y') }}",
            "{% if constant(o) is defined %}yes{% endif %}", "{{ date('2020-01-01', o)|date('Y') }}",
            "{{ '2020-01-01'|date(o) }}", "{{ '2020-01-01'|date('Y', o) }}"}) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> env.createTemplate(attack, "s.twig").render(Map.of("o", o)), attack);
            assertInstanceOf(dev.zweig.sandbox.TemplateSecurityException.class, e, attack + ": " + e);
            assertFalse(e.getMessage().contains("@1577836800"), e.getMessage());
        }
        assertEquals(0, o.read);
        // unsandboxed, the text is read as PHP's (string) reads it
        Environment open = builder(Map.of()).build();
        assertEquals("2020", open.createTemplate("{{ o|date('Y') }}").render(Map.of("o", o)));
    }

    @Test
    void unsandboxedDatesAndConstantsExposeNoClassOrLoader() {
        Environment env = builder(Map.of()).registerClass(Article.class).build();
        ZonedDateTime d = ZonedDateTime.parse("2020-01-02T03:04:05Z");
        String[] attacks = {"{{ d.getClass() }}", "{{ d.zone.class }}", "{{ d.zone.rules.class.classLoader }}",
            "{{ constant('HIDDEN_LOADER', a) }}", "{{ a.HIDDEN_LOADER.parent }}", "{{ d.dayOfWeek.declaringClass }}",
            "{{ d.chronology.class }}", "{{ d|date('Y')|first.class }}"};
        for (String attack : attacks) {
            try {
                String out = env.createTemplate(attack).render(Map.of("d", d, "a", new Article()));
                assertFalse(out.contains("class ") || out.contains("Loader") || out.contains("java."), attack + ": "
                        + out);
            } catch (TemplateException expected) {
                // refused: fine
            }
        }
    }

    // ---- 4. varargs -------------------------------------------------------------------------------------------

    @Test
    void varargsArgumentsUserCodeKeepsAreItsOwn() {
        String src = "{% set s = p|split(',') %}{{ o.take(p ~ '!', s, s|merge([v]), [...s, v], {k: p ~ v}) }}"
                + "{{ o.join('-', p ~ 'x', v ~ '') }}{% for i in s %}{{ o.take(i ~ loop.index) }}{% endfor %}";
        Environment env = single(src);
        Sink sink = new Sink();
        kept.clear();
        String out = env.render("t", Map.of("o", sink, "p", "a,b", "v", "y"));
        assertEquals("5a,bx-y11", out);
        List<String> texts = keptTexts();
        assertFalse(texts.toString().contains("<private "), "render-private text: " + texts);
        env.render("t", Map.of("o", sink, "p", "c,d,e", "v", "z"));
        env.render("t", Map.of("o", sink, "p", "f", "v", "w"));
        assertKeptUnchanged(texts, "varargs");
        assertEquals("[a,b!, [a, b], [a, b, y], [a, b, y], {k=a,by}]", texts.get(0));
    }

    @Test
    void varargsOfTheWrongTypeFailClearly() {
        Environment env = builder(Map.of()).build();
        Sink sink = new Sink();
        assertEquals("6", env.createTemplate("{{ o.sum(1, 2, '3') }}").render(Map.of("o", sink)));
        for (String attack : new String[] {"{{ o.dates('2020-01-01') }}", "{{ o.dates(1, 2) }}",
            "{{ o.join() }}"}) {
            TemplateException e = assertThrows(TemplateException.class,
                    () -> env.createTemplate(attack, "v.twig").render(Map.of("o", sink)), attack);
            assertTrue(e.getMessage().contains("\"v.twig\" at line 1"), attack + ": " + e.getMessage());
        }
    }

    // ---- 5. a stranger ----------------------------------------------------------------------------------------

    @Test
    void aRenderInsideARenderOfTheSameTemplateKeepsBothRendersApart() {
        java.util.concurrent.atomic.AtomicReference<Environment> self = new java.util.concurrent.atomic.AtomicReference<>();
        Environment env = builder(Map.of("t", "{% set parts = s|split(',') %}{% for p in parts %}[{{ p }}"
                + "{{ depth > 0 ? again(depth - 1, p ~ ',' ~ p) : '' }}{{ loop.index }}]{% endfor %}"
                + "{{ keep(parts) }}{{ parts|join('+') }}"))
                .function(FunctionDefinition.of("again", (ctx, a) -> self.get().render("t",
                        Map.of("depth", a[0], "s", a[1]))).params("d", "s"))
                .build();
        self.set(env);
        assertEquals(expected(2, "a,b"), env.render("t", Map.of("depth", 2L, "s", "a,b")));
        List<String> texts = keptTexts();
        assertEquals(7, texts.size());
        env.render("t", Map.of("depth", 1L, "s", "x,y,z"));
        assertKeptUnchanged(texts, "render in a render");
    }

    /**
     * An arrow of the outer render handed by user code to a render inside it and invoked there (the invoke filter,
     * in a loop and in a map arrow of the inner render): it reads the outer render's split while the inner render
     * splits and loops in the same thread's storage.
     */
    @Test
    void anOuterArrowInvokedInsideAnInnerRenderReadsTheOuterRender() {
        java.util.concurrent.atomic.AtomicReference<Environment> self = new java.util.concurrent.atomic.AtomicReference<>();
        Environment env = builder(Map.of(
                "outer", "{% set parts = s|split(',') %}{% for p in parts %}[{{ nest(x => parts|join('-') ~ p ~ x) }}]"
                        + "{% endfor %}{{ parts|join('+') }}",
                "inner", "{% set q = 'a,b,c'|split(',') %}{% for i in q %}{{ f|invoke(i) }};{% endfor %}|{{ q|join }}"
                        + "|{{ [1, 2]|map(v => f|invoke(v))|join(',') }}"))
                .function(FunctionDefinition.of("nest", (ctx, a) -> self.get().render("inner", Map.of("f", a[0])))
                        .params("f"))
                .build();
        self.set(env);
        for (int i = 0; i < 3; i++) {
            assertEquals("[x-yxa;x-yxb;x-yxc;|abc|x-yx1,x-yx2][x-yya;x-yyb;x-yyc;|abc|x-yy1,x-yy2]x+y",
                    env.render("outer", Map.of("s", "x,y")));
        }
    }

    /** A value whose text is a render of the same Environment (set by the test that uses it). */
    private static final class RenderingValue {
        private final Environment env;

        RenderingValue(Environment env) {
            this.env = env;
        }

        @Override
        public String toString() {
            return env.render("inner", Map.of("s", "ab"));
        }
    }

    /**
     * Renders inside a render from places the engine does not expect: a printed value's toString and a caller's
     * Output writing (each write renders a template that splits and loops): the outer render's split, join and
     * loop come out whole.
     */
    @Test
    void rendersFromAValuesTextAndFromTheCallersOutputLeaveTheOuterRenderWhole() {
        Map<String, String> templates = Map.of(
                "outer", "{% set parts = s|split(',') %}{% for p in parts %}<{{ n }}|{{ p }}|{{ parts|join('+') }}"
                        + "|{{ n ~ p }}>{% endfor %}{{ [n, n]|join('/') }}{{ parts|map(x => x ~ n)|join }}",
                "inner", "{% set q = s|split('') %}{% for c in q %}{{ c|upper }}{% endfor %}{{ q|reverse|join }}");
        Environment env = builder(templates).build();
        for (int i = 0; i < 2; i++) {
            assertEquals("<ABba|x|x+y|ABbax><ABba|y|x+y|ABbay>ABba/ABbaxABbayABba",
                    env.render("outer", Map.of("s", "x,y", "n", new RenderingValue(env))));
            StringBuilder sb = new StringBuilder();
            env.load("outer").render(Map.of("s", "x,y", "n", "N"), new dev.zweig.output.Output() {
                @Override
                public void write(String s) {
                    sb.append(s).append(env.render("inner", Map.of("s", "zq")));
                }

                @Override
                public void write(CharSequence s, int start, int end) {
                    sb.append(s, start, end).append(env.render("inner", Map.of("s", "zq")));
                }

                @Override
                public void write(char c) {
                    sb.append(c);
                }
            });
            assertEquals("<N|x|x+y|Nx><N|y|x+y|Ny>N/NxNyN", sb.toString().replace("ZQqz", ""));
            assertTrue(sb.indexOf("ZQqz") >= 0, sb.toString());
        }
    }

    /** What template t of the test above renders, worked out in Java. */
    private static String expected(long depth, String s) {
        String[] parts = s.split(",");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            sb.append('[').append(parts[i]).append(depth > 0 ? expected(depth - 1, parts[i] + "," + parts[i]) : "")
                    .append(i + 1).append(']');
        }
        return sb.append(String.join("+", parts)).toString();
    }

    @Test
    void aResultKeptByUserCodeIsNotWrittenByTheNextRender() {
        String src = "{% set acc = [] %}{% for i in items %}{% set acc = acc|merge([i ~ '']) %}{% endfor %}"
                + "{{ keep(acc) }}{{ keep(items|slice(0.5, 2)) }}{{ keep({('1'): items|first, (k): 2}) }}"
                + "{{ keep(items|reduce((c, i) => c|merge([i]), [])) }}"
                + "{% macro m() %}{{ keep(varargs) }}{% endmacro %}{% import _self as s %}{{ s.m(items|first, k) }}"
                + "{{ keep(items|map(i => i ~ k)) }}{{ keep([...items, k]) }}";
        Environment env = single(src);
        env.render("t", Map.of("items", List.of("a", "b", "c"), "k", "5"));
        List<String> texts = keptTexts();
        for (int r = 0; r < 3; r++) {
            env.render("t", Map.of("items", List.of("x" + r, "y", "z", "w"), "k", "k" + r));
        }
        assertKeptUnchanged(texts, "results");
        assertEquals("[[a, b, c], [a, b], {1=a, 5=2}, [a, b, c], [a, 5], [a5, b5, c5], [a, b, c, 5]]",
                texts.toString());
        assertInstanceOf(Map.class, kept.get(2));
    }

    /**
     * Session 8's render storage (splits kept by set, grouping merges in place, spread and carry literals, macro
     * varargs, integer-like keys, float slices) reaching user code by every way a stranger would write: each kept
     * value must read the same after later renders of other data.
     */
    @Test
    void renderStorageNeverReachesUserCodeByAnyPath() {
        String pre = "{% set parts = s|split(',') %}{% set g = {} %}{% for i in items %}"
                + "{% set g = g|merge({(i.k): (g[i.k] ?? [])|merge([i.v])}) %}{% endfor %}"
                + "{% set sp = [...parts, ...parts] %}{% set half = parts|slice(0.5, 9) %}"
                + "{% set keyed = {(parts|first): parts, '7': s} %}";
        String[] uses = {"keep(parts)", "keep_context()", "keep(_context)", "keep(_context.parts)",
            "keep(attribute(_context, 'parts'))", "keep([parts])", "keep({p: parts})", "keep(parts ?: [])",
            "keep(parts ?? [])", "keep(parts|default([]))", "keep(parts|filter(p => true))", "keep(parts|slice(0))",
            "keep(parts|merge([]))", "keep(parts|sort)", "keep(parts|reverse)", "keep(parts|batch(1))",
            "keep(g)", "keep(g|first)", "keep(sp)", "keep(half)", "keep(keyed)", "keep(keyed|keys)",
            "keep(...[parts])", "o.take(...parts)", "o.take(parts, g, sp)", "o.takeOne(g)",
            "keep(parts|reduce((c, p) => c|merge([p ~ c|length]), []))",
            "keep(parts|map(p => [p]))", "keep(items|column('v'))",
            "keep(parts|merge(parts)|first)", "keep(s|split(',', 2))", "keep(s|split(''))",
            "keep(parts|join(','))", "keep(parts|last ~ '')", "keep(g|keys)", "keep(parts[0:1])"};
        String[] wrappers = {"{{ %s }}", "{% set other = parts %}{% set parts = other %}{{ %s }}",
            "{% for p in parts %}{% if loop.first %}{{ %s }}{{ keep(_seq) }}{{ keep(_parent) }}{% endif %}"
                    + "{% endfor %}",
            "{% with {q: parts} %}{{ %s }}{{ keep(q) }}{% endwith %}",
            "{% block b %}{{ %s }}{% endblock %}",
            "{% macro m(x) %}{{ keep(x) }}{{ keep(varargs) }}{% endmacro %}{% import _self as s2 %}"
                    + "{{ s2.m(parts, g, sp) }}{{ %s }}",
            "{% set first, second = parts, g %}{{ keep(first) }}{{ keep(second) }}{{ %s }}",
            "{% apply upper %}{{ %s }}{% endapply %}"};
        Map<String, String> templates = new LinkedHashMap<>();
        for (int w = 0; w < wrappers.length; w++) {
            for (int u = 0; u < uses.length; u++) {
                templates.put(w + ":" + u, pre + wrappers[w].replace("%s", uses[u]));
            }
        }
        Environment env = builder(templates).build();
        Sink sink = new Sink();
        for (String name : templates.keySet()) {
            kept.clear();
            env.render(name, vars(sink, "a,b", 1));
            List<String> texts = keptTexts();
            env.render(name, vars(sink, "c,d,e", 2));
            env.render(name, vars(sink, "f", 3));
            assertKeptUnchanged(texts, name + ": " + templates.get(name));
        }
    }

    private static Map<String, Object> vars(Sink sink, String s, int n) {
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("k", "k" + (i % 2));
            item.put("v", n * 10L + i);
            items.add(item);
        }
        return Map.of("s", s, "items", items, "o", sink);
    }

    /** An Environment of one template, t. */
    private Environment single(String source) {
        return builder(Map.of("t", source)).build();
    }

    /** What user code kept, each as its deep text (see deep). */
    private List<String> keptTexts() {
        List<String> texts = new ArrayList<>();
        for (Object o : kept) {
            texts.add(deep(o));
        }
        return texts;
    }

    /** Asserts that the first values kept still read as they did. */
    private void assertKeptUnchanged(List<String> texts, String what) {
        for (int i = 0; i < texts.size(); i++) {
            assertEquals(texts.get(i), deep(kept.get(i)), what + ", kept " + i);
        }
    }

    /** A value's text, arrays and nested collections included; a text that is not a String shows its type. */
    private static String deep(Object o) {
        java.util.StringJoiner j;
        if (o instanceof Object[] a) {
            j = new java.util.StringJoiner(", ", "[", "]");
            for (Object x : a) {
                j.add(deep(x));
            }
        } else if (o instanceof Iterable<?> l) {
            j = new java.util.StringJoiner(", ", "[", "]");
            for (Object x : l) {
                j.add(deep(x));
            }
        } else if (o instanceof Map<?, ?> m) {
            j = new java.util.StringJoiner(", ", "{", "}");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                j.add(deep(e.getKey()) + "=" + deep(e.getValue()));
            }
        } else if (o instanceof CharSequence && !(o instanceof String)) {
            return "<private " + o.getClass().getName() + ":" + o + ">";
        } else {
            return String.valueOf(o);
        }
        return j.toString();
    }
}
