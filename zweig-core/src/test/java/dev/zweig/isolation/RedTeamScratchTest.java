package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the render-private storage that took renders to 0 bytes (issue 10): texts built by {@code ~}, string
 * filters and interpolation, split pieces and dates kept in {@code set} variables, arena collections, per-site
 * argument arrays, cached arrows, the page buffer of a render to String, capture buffers and escaping outputs.
 * Each test is one way a stranger (user code registered through the public API, or a template nobody tuned) tried
 * to make that storage reach user code or another render, keep data after a render, or print the wrong thing.
 */
class RedTeamScratchTest {
    /** What user callables kept, in call order. */
    private final List<Object> kept = new ArrayList<>();

    private Environment.Builder builder(Map<String, String> templates) {
        return Environment.builder()
                .loader(new MapLoader(templates))
                .autoescape(false)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value"))
                .function(FunctionDefinition.of("call_kept", (ctx, a) -> ((Lambda) kept.get(kept.size() - 1))
                        .apply1(null)));
    }

    private static Map<String, String> templates(String... nameSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSource.length; i += 2) {
            m.put(nameSource[i], nameSource[i + 1]);
        }
        return m;
    }

    /**
     * The same template with a trailing read of {@code _context}: the analysis then proves nothing, so every value
     * is a plain String or a fresh collection. What the tuned template prints must be what this one prints.
     */
    private static String untuned(String source) {
        return source + "{{ _context|length < 0 ? 'never' }}";
    }

    // ---- arrows kept as values ----------------------------------------------------------------------------

    /**
     * Twig's arrow sees its scope as it was when it was made. An arrow kept in a variable read a text variable
     * (the scope's own buffer, rewritten by the next set of it) through its snapshot: after {@code set s} again,
     * the arrow printed the new text.
     */
    @Test
    void anArrowKeptInAVariableSeesTheTextAsItWasWhenMade() {
        Map<String, String> t = templates(
                "concat", "{% set s = a ~ b %}{% set f = v => s ~ '' %}{% set s = 'new' ~ b %}[{{ [0]|map(f)|join }}]",
                "filter", "{% set s = a ~ b %}{% set f = v => s|upper %}{% set s = 'new' ~ b %}"
                        + "[{{ [0]|map(f)|join }}]",
                "param", "{% set s = a|upper %}{% set f = v => v ~ s %}{% set s = 'new' ~ b %}[{{ [0]|map(f)|join }}]",
                "reduce", "{% set s = a ~ b %}{% set f = [1]|reduce((c, v) => c, v => s ~ '') %}"
                        + "{% set s = 'new' ~ b %}[{{ [0]|map(f)|join }}]");
        Map<String, String> reference = new LinkedHashMap<>();
        t.forEach((k, v) -> reference.put(k, untuned(v)));
        Environment env = builder(t).build();
        Environment plain = builder(reference).build();
        Map<String, Object> ctx = Map.of("a", " ab", "b", "Cd ");
        assertEquals("[ abCd ]", env.render("concat", ctx));
        assertEquals("[ ABCD ]", env.render("filter", ctx));
        assertEquals("[0 AB]", env.render("param", ctx));
        for (String name : t.keySet()) {
            assertEquals(plain.render(name, ctx), env.render(name, ctx), name);
        }
    }

    /**
     * An arrow kept as a value (handed to a macro that hands it to user code) captured a date, a sorted list or a
     * mapped list living in the render's arena: when its macro returned, the arena slots were given back and the
     * next producer reused them, so user code calling the arrow later in the render read another value.
     */
    @Test
    void anArrowKeptPastItsMacroReadsWhatItCaptured() {
        String macros = "{% macro stash(f) %}{{ keep(f) }}{% endmacro %}"
                + "{% macro show() %}[{{ call_kept() }}]{% endmacro %}";
        Map<String, String> t = templates(
                "date", macros + "{% macro mk(x) %}{% set d = x|date_modify('+1 day') %}"
                        + "{% set f = v => d|date('Y-m-d') %}{{ _self.stash(f) }}{% endmacro %}"
                        + "{{ _self.mk(x) }}{% set e = '2030-05-05'|date_modify('+1 day') %}{{ e|date('Y') }}"
                        + "{{ _self.show() }}",
                "sort", macros + "{% macro mk(xs) %}{% set ys = xs|sort %}{% set f = v => ys|join(',') %}"
                        + "{{ _self.stash(f) }}{% endmacro %}{{ _self.mk(xs) }}"
                        + "{% set zs = ['q', 'r', 's', 't']|map(v => v) %}{{ zs|join }}{{ _self.show() }}",
                "map", macros + "{% macro mk(xs) %}{% set ys = xs|map(v => v ~ '!') %}{% set f = v => ys|first %}"
                        + "{{ _self.stash(f) }}{% endmacro %}{{ _self.mk(xs) }}"
                        + "{% set zs = ['q', 'r', 's', 't']|map(v => v) %}{{ zs|join }}{{ _self.show() }}",
                "text", macros + "{% macro mk(s) %}{% set t = s|upper %}{% set f = v => t ~ '' %}"
                        + "{{ _self.stash(f) }}{% endmacro %}{{ _self.mk(s) }}{% set u = 'zzzzz'|upper %}{{ u }}"
                        + "{{ _self.show() }}",
                "split", macros + "{% macro mk(s) %}{% set p = s|split(',') %}{% set f = v => p|join('+') %}"
                        + "{{ _self.stash(f) }}{% endmacro %}{{ _self.mk(s) }}{% set u = 'zzzzz'|upper %}{{ u }}"
                        + "{{ _self.show() }}");
        Environment env = builder(t).build();
        Map<String, Object> ctx = Map.of("x", "2021-02-01", "xs", List.of("b", "c", "a"), "s", "a,b,c");
        for (int round = 0; round < 2; round++) {
            assertEquals("2030[2021-02-02]", env.render("date", ctx));
            assertEquals("qrst[a,b,c]", env.render("sort", ctx));
            assertEquals("qrst[b!]", env.render("map", ctx));
            assertEquals("ZZZZZ[A,B,C]", env.render("text", ctx));
            assertEquals("ZZZZZ[a+b+c]", env.render("split", ctx));
        }
    }

    // ---- loops over a variable's own name -------------------------------------------------------------------

    /**
     * A for loop binds its variable in the slot of the variable of the same name and puts the old value back when
     * it ends; Twig gives the variable its value from before the loop back. A text (or split) kept in that
     * variable's own buffer was rewritten by a set of the loop variable inside the loop, so after the loop the
     * variable showed the loop's last value (as Twig prints: verified with the PHP oracle).
     */
    @Test
    void aLoopVariableOfTheSameNameLeavesAKeptTextAlone() {
        Map<String, String> t = templates(
                "value", "{% set s = a ~ '!' %}{% for s in ['x', 'y'] %}{% set s = s ~ '?' %}{{ s }}{% endfor %}"
                        + "[{{ s }}]",
                "key", "{% set s = a|upper %}{% for s, v in {q: 'x'} %}{% set s = s|upper ~ v %}{{ s }}{% endfor %}"
                        + "[{{ s }}]",
                "both", "{% set s = a|upper %}{% for k, s in {q: 'x'} %}{% set s = s|upper ~ k %}{{ s }}{% endfor %}"
                        + "[{{ s }}]",
                "split", "{% set p = csv|split(',') %}{% for p in ['x'] %}{% set p = 'q,r'|split(',') %}{{ p|join }}"
                        + "{% endfor %}[{{ p|join('+') }}]");
        Environment env = builder(t).build();
        Map<String, Object> ctx = Map.of("a", "Hello world", "csv", "1,2,3");
        for (int round = 0; round < 2; round++) {
            assertEquals("x?y?[Hello world!]", env.render("value", ctx));
            assertEquals("Qx[HELLO WORLD]", env.render("key", ctx));
            assertEquals("Xq[HELLO WORLD]", env.render("both", ctx));
            assertEquals("qr[1+2+3]", env.render("split", ctx));
        }
    }

    // ---- comparisons run user code --------------------------------------------------------------------------

    /** A user object whose equals keeps what it is compared with. */
    public static final class Witness {
        final List<Object> seen = new ArrayList<>();

        @Override
        public boolean equals(Object o) {
            seen.add(o);
            return false;
        }

        @Override
        public int hashCode() {
            return 1;
        }

        @Override
        public String toString() {
            return "witness";
        }
    }

    /**
     * Comparing a user object with a text ({@code ==}, {@code !=}, {@code <}, {@code <=>}, an arrow's comparison)
     * calls the object's equals: it was handed the render-private buffer itself, which it may keep and which the
     * next render rewrites.
     */
    @Test
    void aUserObjectComparedWithATextNeverGetsTheBuffer() {
        Map<String, String> t = templates(
                "set", "{% set s = a ~ b %}{{ w == s ? 'y' : 'n' }}",
                "spot", "{{ w == a ~ b ? 'y' : 'n' }}{{ w != (a|upper) ? 'y' : 'n' }}{{ w < (a|upper) ? 'y' : 'n' }}",
                "spaceship", "{% set s = a ~ b %}{{ w <=> s }}",
                "arrow", "{% set s = a ~ b %}{{ [w]|filter(p => p == s)|length }}"
                        + "{{ [w]|map(p => p == s ? 1 : 0)|join }}");
        Environment env = builder(t).build();
        for (String name : t.keySet()) {
            Witness w = new Witness();
            env.render(name, Map.of("a", " ab", "b", "Cd ", "w", w));
            assertFalse(w.seen.isEmpty(), name + ": equals was not called");
            List<Object> seen = new ArrayList<>(w.seen);
            env.render(name, Map.of("a", "other", "b", "render", "w", new Witness()));
            for (Object o : seen) {
                assertTrue(o instanceof String, name + ": equals got a " + o.getClass().getName());
            }
            assertTrue(seen.stream().allMatch(o -> o.equals(" abCd ") || o.equals(" AB")), name + ": " + seen);
        }
    }

    // ---- failures: what a failing render used stays with nobody -------------------------------------------

    /**
     * The matcher a {@code matches} site keeps in the pooled render state was reset to "" only when the match
     * returned: a match failing on a huge input (the stack exhausted by backtracking) left the failed render's
     * text reachable from the pool for good.
     */
    @Test
    void aFailingMatchLeavesNoInputInThePool() {
        Environment env = builder(templates("t", "{{ s matches '/^(a|b)*c$/' ? 'y' : 'n' }}")).build();
        assertEquals("y", env.render("t", Map.of("s", "abc")));
        WeakReference<Object> input = failOnHugeInput(env);
        for (int i = 0; i < 20 && input.get() != null; i++) {
            System.gc();
        }
        assertTrue(input.get() == null, "the failed render's input is still reachable from the pooled state");
        assertEquals("n", env.render("t", Map.of("s", "ab")));
    }

    private static WeakReference<Object> failOnHugeInput(Environment env) {
        String huge = new String("ab".repeat(200_000));
        assertThrows(TemplateException.class, () -> env.render("t", Map.of("s", huge)));
        return new WeakReference<>(huge);
    }

    /**
     * Templates that hold every kind of render-private value (texts kept in set, split pieces, dates, arena
     * lists, cached arrows, captures, escaping outputs, per-site arguments) failing at many points (a user
     * function throwing, a strict missing variable, the loop and output limits): the next render, on this thread
     * and on another, prints what it printed before any failure, and a render to a String never shows a failed
     * render's text.
     */
    @Test
    void failuresAnywhereLeaveThePooledStateClean() throws Exception {
        String body = "{% set s = a ~ '-' ~ b %}{% set p = csv|split(',') %}{% set d = day|date_modify('+1 day') %}"
                + "{% set ys = xs|sort %}{% set u = s|upper %}"
                + "{% for x in p %}<{{ x }}|{{ u|lower }}{{ fail_at(x) }}>{% endfor %}"
                + "{{ xs|map(v => v ~ s ~ fail_at(v))|join(',') }}"
                + "{% set c %}{% for y in ys %}{{ y ~ fail_at(y ~ '!') }}{% endfor %}{% endset %}{{ c|e('js') }}"
                + "{{ d|date('Y-m-d') }}{{ fail_at(d|date('d')) }}{{ ys|join }}{{ strict ?? '' }}"
                + "{% apply upper %}{{ s }}{{ fail_at('apply') }}{% endapply %}{{ (s ~ u)|e('url') }}";
        Map<String, String> t = templates("t", body, "missing", body + "{{ nope }}");
        List<String> failAt = new ArrayList<>();
        Environment env = builder(t).strictVariables(true)
                .limits(dev.zweig.RenderLimits.builder().maxLoopIterations(40).maxOutputChars(400).build())
                .function(FunctionDefinition.of("fail_at", (ctx, a) -> {
                    if (failAt.contains(String.valueOf(a[0]))) {
                        throw new IllegalStateException("failed at " + a[0]);
                    }
                    return "";
                }).params("where"))
                .build();
        Map<String, Object> ctx = Map.of("a", "Ab", "b", "cD", "csv", "x,y,z", "day", "2024-02-28",
                "xs", List.of("q", "p"));
        String expected = env.render("t", ctx);
        assertEquals("<x|ab-cd><y|ab-cd><z|ab-cd>qAb-cD,pAb-cDpq2024-02-29pqAB-CDAb-cDAB-CD", expected);
        List<String> points = List.of("x", "z", "q", "p!", "29", "apply");
        Map<String, Object> big = new java.util.HashMap<>(ctx);
        big.put("csv", "1,".repeat(60) + "2"); // over the loop limit
        Map<String, Object> wide = new java.util.HashMap<>(ctx);
        wide.put("a", "w".repeat(500)); // over the output limit
        for (String point : points) {
            failAt.clear();
            failAt.add(point);
            TemplateException e = assertThrows(TemplateException.class, () -> env.render("t", ctx), point);
            assertTrue(e.getMessage().contains("failed at " + point), e.getMessage());
            failAt.clear();
            assertEquals(expected, env.render("t", ctx), "after a failure at " + point);
        }
        assertThrows(TemplateException.class, () -> env.render("missing", ctx));
        assertThrows(dev.zweig.TemplateLimitException.class, () -> env.render("t", big));
        assertThrows(dev.zweig.TemplateLimitException.class, () -> env.render("t", wide));
        assertEquals(expected, env.render("t", ctx));
        AtomicReference<String> other = new AtomicReference<>();
        Thread th = new Thread(() -> other.set(env.render("t", ctx)));
        th.start();
        th.join();
        assertEquals(expected, other.get());
    }

    // ---- user code keeping what the engine built ----------------------------------------------------------

    /** A deep description of a value, to tell whether it changed after it was handed over. */
    private static String describe(Object v, int depth) {
        if (depth > 5) {
            return "...";
        }
        if (v == null) {
            return "null";
        }
        if (v instanceof CharSequence) {
            return "\"" + v + "\"(" + v.getClass().getName() + ")";
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(e.getKey()).append('=').append(describe(e.getValue(), depth + 1)).append(',');
            }
            return b.append('}').toString();
        }
        if (v instanceof Iterable<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object o : l) {
                b.append(describe(o, depth + 1)).append(',');
            }
            return b.append(']').toString();
        }
        return v instanceof Lambda ? "lambda" : v.getClass().getName() + ":" + v;
    }

    /**
     * A user function keeping every value the engine builds (a concatenation kept in set, split pieces and lists,
     * sorted, merged, mapped and batched lists, dates, a macro's result, a capture, an arrow and its result,
     * {@code _context}, {@code loop}): what it was given stays what it was, as a later render on this thread
     * and renders on other threads run with other data, and none of it is engine storage.
     */
    @Test
    void valuesHandedToUserCodeStayTheirs() throws Exception {
        String[] sources = {
            "{% set s = a ~ b %}{{ s }}{{ keep(s) }}{{ keep(s|upper) }}{{ keep((a ~ b)|split('r')) }}",
            "{{ keep(xs|sort) }}{{ keep(xs|merge(xs)) }}{{ keep(xs|map(v => v ~ a)) }}{{ keep(xs|batch(2)) }}"
                    + "{{ keep(xs|slice(1)) }}{{ keep(xs|reverse) }}{{ keep(xs|keys) }}{{ keep(range(1, 3)) }}",
            "{% set ys = xs|sort %}{{ ys|join }}{{ keep(ys) }}{{ keep(date('2024-01-01')) }}"
                    + "{{ keep('2024-01-01'|date_modify('+1 day')) }}",
            "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ keep(_self.m(a ~ b)) }}{% set c %}{{ a }}{{ b|upper }}"
                    + "{% endset %}{{ keep(c) }}",
            "{{ keep([1]|map(v => a ~ b)|first) }}{{ keep(_context) }}{% for x in xs %}{{ keep(loop) }}{% endfor %}",
            "{% set s = a ~ b %}{% for x in xs %}{% set t = x ~ s %}{{ keep(_context) }}{% endfor %}",
            "{% set s = a ~ b %}{% set f = v => s ~ v %}{{ keep([1]|map(f)) }}{{ keep({k: a ~ b, l: xs|sort}) }}",
            "{{ keep(a ~ b ~ (a|upper)) }}{{ keep(\"#{a}-#{b}\") }}{{ keep(xs|join(',')) }}{{ keep(a|e) }}"
                    + "{{ keep(a|url_encode) }}{{ keep(a|json_encode) }}",
            "{% for p in a|split('') %}{{ keep(p) }}{% endfor %}{% set q = b|split('') %}{% for p in q %}"
                    + "{{ keep(p) }}{% endfor %}",
            "{% set s = a|upper %}{{ keep(s ?: 'x') }}{{ keep(s ?? 'x') }}{{ keep(s|default('x')) }}{{ keep(s|raw) }}"
                    + "{{ keep(s|first) }}{{ keep(max(s, 'A')) }}{{ keep(xs|sort|first) }}{{ keep(xs|filter(v => v)) }}"
        };
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            t.put("t" + i, sources[i]);
        }
        Environment env = builder(t).build();
        for (String name : t.keySet()) {
            env.render(name, Map.of("a", "Secret", "b", "Card", "xs", List.of("b", "a", "c")));
        }
        List<Object> given = new ArrayList<>(kept);
        List<String> then = new ArrayList<>();
        for (Object v : given) {
            then.add(describe(v, 0));
        }
        Runnable others = () -> {
            for (int round = 0; round < 3; round++) {
                for (String name : t.keySet()) {
                    env.render(name, Map.of("a", "other", "b", "guy", "xs", List.of("z", "y")));
                }
            }
        };
        others.run();
        Thread th = new Thread(others);
        th.start();
        th.join();
        assertTrue(given.size() > 40, given.size() + " values kept");
        for (int i = 0; i < given.size(); i++) {
            String now = describe(given.get(i), 0);
            assertEquals(then.get(i), now, "value " + i);
            assertFalse(now.contains("dev.zweig.runtime.") || now.contains("ScratchDate"), now);
        }
    }

    // ---- renders inside renders ---------------------------------------------------------------------------------

    /**
     * A user function (called from a macro, so the outer scope keeps its texts, split pieces, sorted list and date
     * render-private) and a user object's getter render the same template and another Environment's while the
     * outer render holds those values; inside text pipelines too. Every level prints what the untuned template
     * prints, and a second render the same.
     */
    @Test
    void rendersInsideARenderLeaveItsPrivateValuesAlone() {
        String macro = "{% macro nest(n) %}{{ nested(n) }}{% endmacro %}";
        String[] sources = {
            macro + "{% set s = (a ~ n)|upper %}{% set p = (a ~ ',' ~ n)|split(',') %}{% set ys = xs|sort %}"
                    + "{% set d = '2024-01-01'|date_modify('+' ~ n ~ ' day') %}{{ s }}{{ _self.nest(n) }}{{ s }}"
                    + "{{ p|join('+') }}{{ ys|join }}{{ d|date('d') }}{{ obj.page }}{{ s|lower }}{{ p|join('-') }}"
                    + "{{ ys|join }}{{ d|date('d') }}",
            "{% set s = (a ~ n)|upper %}{{ (s ~ '[' ~ nested(n) ~ ']' ~ s|lower)|title }}{{ s }}",
            "{% set p = (a ~ ',' ~ n)|split(',') %}{{ p|join(nested(n)) }}{% for x in p %}{{ x }}{% endfor %}",
            "{{ xs|map(v => (v ~ n)|upper ~ nested(n))|join(',') }}|{{ (a ~ n)|replace({(a): nested(n)}) }}",
            "{% set c %}{{ a }}{{ nested(n) }}{{ n }}{% endset %}{{ c|upper }}{% apply lower %}X{{ nested(n) }}Y"
                    + "{% endapply %}{{ \"#{a}:#{nested(n)}:#{n}\"|e('js') }}"
        };
        for (String source : sources) {
            String tuned = nestedRender(source);
            assertEquals(nestedRender(untuned(source)), tuned, source);
            assertTrue(tuned.contains("O3!") || tuned.contains("o3!"), tuned); // the other Environment's page
        }
        assertTrue(nestedRender(sources[0]).startsWith("AB3N32N21N100N10n1+0x101_n10n1-0x101O1!"),
                nestedRender(sources[0]));
    }

    /** A page of source rendering itself three levels deep (and another Environment's page at each level). */
    private static String nestedRender(String source) {
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment other = Environment.builder().loader(new MapLoader(Map.of("o", "{{ (a ~ '!')|upper }}"))).build();
        Environment env = Environment.builder().loader(new MapLoader(Map.of("t", source)))
                .function(FunctionDefinition.of("nested", (ctx, a) -> {
                    long n = (Long) a[0];
                    return n <= 0 ? "0" : self.get().render("t", Map.of("a", "n" + n, "n", n - 1,
                            "xs", List.of("x" + n), "obj", new Nested(self, n - 1)))
                            + other.render("o", Map.of("a", "o" + n));
                }).params("n"))
                .build();
        self.set(env);
        Map<String, Object> ctx = Map.of("a", "ab", "n", 3L, "xs", List.of("q", "p"), "obj", new Nested(self, 3));
        String first = env.render("t", ctx);
        assertEquals(first, env.render("t", ctx));
        return first;
    }

    /** A user object whose getter renders the page again, a level down. */
    public static final class Nested {
        private final AtomicReference<Environment> env;
        private final long n;

        Nested(AtomicReference<Environment> env, long n) {
            this.env = env;
            this.n = n;
        }

        public String getPage() {
            return n <= 0 ? "_" : env.get().render("t", Map.of("a", "g" + n, "n", n - 1, "xs", List.of("y" + n),
                    "obj", new Nested(env, n - 1)));
        }
    }

    // ---- templates nobody tuned for ---------------------------------------------------------------------------

    /**
     * Random templates chaining core filters (string filters, split, sort, map, merge, batch, join...),
     * concatenations and interpolations, kept in set variables, reassigned, read in loops, conditions and
     * arrows (a fixed seed: the same templates every run).
     */
    static final class Pipelines {
        private static final String[] TEXT_FILTERS = {"upper", "lower", "trim", "title", "capitalize", "striptags",
            "spaceless", "nl2br", "url_encode", "json_encode", "escape", "e('js')", "e('url')",
            "replace({'a': 'A', 'b': 'x'})", "format", "slice(1, 3)", "slice(-2)", "reverse", "default('dflt')", "raw",
            "first", "last", "trim('a')", "length", "round", "number_format(1)"};
        private static final String[] LIST_FILTERS = {"sort", "reverse", "keys", "map(v => v ~ '!')", "filter(v => v)",
            "merge(['m'])", "slice(1)", "batch(2)|first", "map((v, k) => k)", "sort((a, b) => b <=> a)",
            "filter(v => v != 'b')"};
        private final java.util.Random r;
        private int vars;
        private final List<String> textVars = new ArrayList<>();
        private final List<String> listVars = new ArrayList<>();

        Pipelines(long seed) {
            r = new java.util.Random(seed);
        }

        private String pick(String[] a) {
            return a[r.nextInt(a.length)];
        }

        private String pick(List<String> vars, String... plain) {
            return !vars.isEmpty() && r.nextInt(3) == 0 ? vars.get(r.nextInt(vars.size())) : pick(plain);
        }

        private String text(int depth) {
            if (depth <= 0) {
                return r.nextBoolean() ? pick(textVars, "a", "b", "n", "csv", "html", "d")
                        : "'" + pick(new String[] {"x", "ab c", "<b>z</b>", "a,b", "", "3"}) + "'";
            }
            switch (r.nextInt(9)) {
                case 0: case 1: return text(depth - 1) + "|" + pick(TEXT_FILTERS);
                case 2: return "(" + text(depth - 1) + " ~ " + text(depth - 1) + ")";
                case 3: return "\"#{" + text(depth - 1) + "}-#{" + text(depth - 1) + "}\"";
                case 4: return "(" + list(depth - 1) + ")|join(" + (r.nextBoolean() ? "','" : "', ', ' and '") + ")";
                case 5: return "(" + text(depth - 1) + " ?: " + text(depth - 1) + ")";
                case 6: return "(" + list(depth - 1) + ")|" + pick(new String[] {"first", "last", "json_encode"});
                case 7: return "(" + text(depth - 1) + ")|split(',')|" + pick(new String[] {"first", "join('|')"});
                default: return "max(" + text(depth - 1) + ", " + text(depth - 1) + ")";
            }
        }

        private String list(int depth) {
            if (depth <= 0) {
                return r.nextBoolean() ? pick(listVars, "xs", "words", "m") : "[" + text(0) + ", " + text(0) + "]";
            }
            switch (r.nextInt(4)) {
                case 0: case 1: return list(depth - 1) + "|" + pick(LIST_FILTERS);
                case 2: return "(" + text(depth - 1) + ")|split(',')";
                default: return "range(1, 3)|map(i => " + text(depth - 1) + " ~ i)";
            }
        }

        private String statement(int depth) {
            switch (r.nextInt(depth > 0 ? 8 : 5)) {
                case 0: case 1: {
                    boolean isList = r.nextInt(4) == 0;
                    List<String> pool = isList ? listVars : textVars;
                    String v = !pool.isEmpty() && r.nextInt(3) == 0 ? pool.get(r.nextInt(pool.size())) : "s" + vars++;
                    String set = "{% set " + v + " = " + (isList ? list(2) : text(2)) + " %}";
                    if (!pool.contains(v)) {
                        pool.add(v);
                    }
                    return set;
                }
                case 2: case 3: return "{{ " + text(2) + " }}";
                case 4: return "[{{ " + list(2) + "|join(',') }}]";
                case 5: return "{% for x in " + list(1) + " %}{% set t" + vars++ + " = x ~ loop.index %}"
                        + statement(depth - 1) + "{{ x }}{% endfor %}";
                case 6: return "{% if " + text(1) + " starts with " + text(0) + " %}" + statement(depth - 1)
                        + "{% else %}" + statement(depth - 1) + "{% endif %}";
                default: return "{% for p in " + text(1) + "|split(',') %}{{ p }}" + statement(depth - 1)
                        + "{% endfor %}";
            }
        }

        String template() {
            vars = 0;
            textVars.clear();
            listVars.clear();
            StringBuilder sb = new StringBuilder();
            for (int i = 3 + r.nextInt(6); i > 0; i--) {
                sb.append(statement(2));
            }
            for (String v : textVars) {
                sb.append("{{ ").append(v).append(" ?? '' }}|");
            }
            for (String v : listVars) {
                sb.append("{{ ").append(v).append("|join(',') }}|");
            }
            return sb.toString();
        }

        static Map<String, Object> data(String a, List<String> xs) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("a", a);
            d.put("b", "b,a,c");
            d.put("n", 42L);
            d.put("xs", xs);
            d.put("words", List.of("one", "two", "three", "four"));
            d.put("csv", "1,2,3");
            d.put("html", "<p>x & y</p>");
            d.put("d", "2024-02-29");
            d.put("m", Map.of("k", "v"));
            return d;
        }
    }

    /** What a render gives: its output, or its exception's class and message. */
    private static String outcome(java.util.function.Supplier<String> render) {
        try {
            return render.get();
        } catch (TemplateException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** A user Output and Appendable that keep every CharSequence they are given, with its text at the time. */
    private static final class KeepingSink implements dev.zweig.output.Output, Appendable {
        final StringBuilder text = new StringBuilder();
        final List<CharSequence> given = new ArrayList<>();
        final List<String> then = new ArrayList<>();

        private void keep(CharSequence s) {
            if (!(s instanceof String)) {
                given.add(s);
                then.add(s.toString());
            }
        }

        @Override
        public void write(String s) {
            text.append(s);
        }

        @Override
        public void write(CharSequence s, int start, int end) {
            keep(s);
            text.append(s, start, end);
        }

        @Override
        public void write(char c) {
            text.append(c);
        }

        @Override
        public Appendable append(CharSequence s) {
            keep(s);
            text.append(s);
            return this;
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) {
            keep(s);
            text.append(s, start, end);
            return this;
        }

        @Override
        public Appendable append(char c) {
            text.append(c);
            return this;
        }

        /** Whether every CharSequence kept still holds the text it held when it was given. */
        void assertUnchanged() {
            for (int i = 0; i < given.size(); i++) {
                assertEquals(then.get(i), given.get(i).toString(), "a " + given.get(i).getClass().getName()
                        + " given to the caller's sink changed after it was written");
            }
        }
    }

    /**
     * 200 random templates of core filters: each prints what the same template with a trailing {@code _context}
     * read prints (every optimisation off), again after a render with other data, the same into a caller's
     * Output, Appendable and OutputStream that keep what they are given (and what they kept never changes),
     * and the same from four threads at once.
     */
    @Test
    void randomCoreFilterTemplatesPrintWhatUntunedOnesPrint() throws Exception {
        Pipelines gen = new Pipelines(20261130L);
        Map<String, Object> data = Pipelines.data("Hello world", List.of("b", "a", "c"));
        Map<String, Object> otherData = Pipelines.data("zz top", List.of("q"));
        Map<String, String> tuned = new LinkedHashMap<>();
        Map<String, String> plain = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            String source = gen.template();
            tuned.put("t" + i, source);
            plain.put("t" + i, untuned(source));
        }
        Environment env = Environment.builder().loader(new MapLoader(tuned)).build();
        Environment reference = Environment.builder().loader(new MapLoader(plain)).build();
        KeepingSink sink = new KeepingSink();
        Map<String, String> expected = new LinkedHashMap<>();
        int printed = 0;
        for (String name : tuned.keySet()) {
            String want = outcome(() -> reference.render(name, data));
            expected.put(name, want);
            assertEquals(want, outcome(() -> env.render(name, data)), tuned.get(name));
            outcome(() -> env.render(name, otherData));
            assertEquals(want, outcome(() -> env.render(name, data)), "after other data: " + tuned.get(name));
            if (!want.startsWith("Template")) {
                printed++;
                sink.text.setLength(0);
                env.load(name).render(data, (dev.zweig.output.Output) sink);
                assertEquals(want, sink.text.toString(), "into an Output: " + tuned.get(name));
                sink.text.setLength(0);
                env.load(name).render(data, (Appendable) sink);
                assertEquals(want, sink.text.toString(), "into an Appendable: " + tuned.get(name));
                java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                env.load(name).render(data, bytes);
                assertEquals(want, bytes.toString(java.nio.charset.StandardCharsets.UTF_8), tuned.get(name));
            }
        }
        assertTrue(printed > 170, printed + " of 200 templates rendered without an error");
        sink.assertUnchanged();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int th = 0; th < 4; th++) {
            Thread w = new Thread(() -> {
                for (String name : tuned.keySet()) {
                    if (!expected.get(name).equals(outcome(() -> env.render(name, data)))) {
                        wrong.add(name);
                    }
                    outcome(() -> env.render(name, otherData));
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

    // ---- virtual threads ----------------------------------------------------------------------------------------

    /**
     * 6,000 renders, one virtual thread each (Java 21+; .ci/run runs the suite on JDK 25), of random core-filter
     * templates and of pages keeping texts, split pieces, dates, sorted lists and arrows in variables, each
     * rendering another page inside itself and with its own request's data: every page is what one thread
     * rendering alone printed for that request.
     */
    @Test
    void virtualThreadsPrintWhatOneThreadPrints() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 21,
                "virtual threads need Java 21+ (run by .ci/run on JDK 25)");
        Pipelines gen = new Pipelines(7L);
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            t.put("t" + i, gen.template());
        }
        t.put("kept", "{% macro nest(u) %}{{ inner(u) }}{% endmacro %}{% set s = (a ~ '/' ~ u)|upper %}"
                + "{% set p = (u ~ ',' ~ a)|split(',') %}{% set ys = xs|sort %}{% set d = d|date_modify('+1 day') %}"
                + "{% set f = v => s ~ v %}{{ s }}{{ _self.nest(u) }}{{ p|join('+') }}{{ ys|join }}"
                + "{{ d|date('Y-m-d') }}{{ [1]|map(f)|join }}{{ xs|map(x => x ~ s)|join(',') }}{{ s|lower }}");
        t.put("in", "{% set v = (u ~ '!')|upper %}<{{ v }}{{ v|lower }}>");
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment env = Environment.builder().loader(new MapLoader(t))
                .function(FunctionDefinition.of("inner", (ctx, a) -> self.get().render("in", Map.of("u", a[0])))
                        .params("u"))
                .build();
        self.set(env);
        int users = 30;
        Map<String, String> expected = new java.util.HashMap<>();
        for (int u = 0; u < users; u++) {
            for (String name : t.keySet()) {
                int user = u;
                expected.put(name + "/" + u, outcome(() -> env.render(name, request(user))));
            }
        }
        String kept3 = expected.get("kept/3");
        assertTrue(kept3.startsWith("A3/U3&lt;U3!u3!&gt;u3+a3a3b3c2024-02-14"), kept3);
        java.util.concurrent.ExecutorService ex = (java.util.concurrent.ExecutorService)
                java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        List<String> firstWrong = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> names = new ArrayList<>(t.keySet());
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try {
            for (int i = 0; i < 6_000; i++) {
                int user = i % users;
                String name = names.get(i % names.size());
                done.add(ex.submit(() -> {
                    String page = outcome(() -> env.render(name, request(user)));
                    if (!page.equals(expected.get(name + "/" + user))) {
                        wrong.incrementAndGet();
                        firstWrong.add(name + "/" + user + ": " + page);
                    }
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } finally {
            ex.shutdown();
        }
        assertEquals(0, wrong.get(), firstWrong.isEmpty() ? "" : firstWrong.get(0));
    }

    /** A request's data: its user, a list and a date of its own. */
    private static Map<String, Object> request(int user) {
        Map<String, Object> d = Pipelines.data("a" + user, List.of("b" + user, "a" + user, "c"));
        d.put("u", "u" + user);
        d.put("d", "2024-02-" + (10 + user % 18));
        return d;
    }

    // ---- what stays in memory after a render ------------------------------------------------------------------

    /**
     * Renders templates that put a secret through every kind of render-private storage (texts kept in set and
     * reassigned shorter, split pieces kept and reassigned, strip_tags' tag buffer, captures, escapers, the page
     * buffer, arena lists, include variables), then renders them with public data, then looks through every
     * object reachable from the Environment (its pooled render states included) for the secret's characters. A
     * buffer given a shorter text by set() forgot how long a text it had held, and its wipe left the rest.
     */
    @Test
    void noPooledBufferKeepsARendersTextAfterwards() {
        String[] sources = {
            "{% set s = a ~ '' %}{% set s = b ~ '' %}{{ s }}",
            "{{ (a ~ '<b>')|striptags }}{{ ('<' ~ a ~ '>x')|striptags }}",
            "{% set p = (a ~ ',b')|split(',') %}{% set p = 'x,y'|split(',') %}{{ p|join }}",
            "{% set p = (a ~ ',b')|split(',') %}{% for x in p %}{{ x }}{% endfor %}{% set p = b|split(',') %}"
                    + "{{ p|join }}",
            "{{ a|upper }}{{ a ~ 'x' }}{% set s = a|lower %}{{ s }}{% set s = b|lower %}{{ s }}",
            "{{ [a, 'b']|sort|join }}{{ [a]|map(v => v ~ '!')|join }}{% set ys = [a, 'q']|sort %}{{ ys|first }}",
            "{% set c %}{{ a }}{% endset %}{{ c|upper }}{% apply upper %}{{ a }}{% endapply %}",
            "{{ a|e('js') }}{{ a|e('url') }}{{ a|json_encode }}{{ a|replace({'S': 'x'}) }}{{ a|title }}",
            "{% for x in [a, 'q'] %}{{ x }}{{ loop.index }}{% endfor %}{{ a matches '/SEC/' ? 'y' }}",
            "{% macro m(x) %}<{{ x }}>{% endmacro %}{{ _self.m(a) }}{{ _self.m(a ~ '!')|upper }}",
            "{{ (a ~ ' x')|split(' ')|join('-') }}{% for p in (a ~ ',q')|split(',') %}{{ p|upper }}{% endfor %}",
            "{{ a|nl2br }}{{ a|capitalize }}{{ '%s'|format(a) }}{{ a|slice(1) }}{{ a|trim('S') }}",
            "{{ include('inc', {v: a ~ '!'}) }}{% include 'inc' with {v: a|upper} %}"
        };
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < sources.length; i++) {
            t.put("t" + i, sources[i]);
        }
        t.put("inc", "[{{ v }}{{ v|lower }}]");
        String secret = "SECRET-7391-" + "abcdefghij".repeat(3);
        for (int i = 0; i < sources.length; i++) {
            Environment env = Environment.builder().loader(new MapLoader(t)).build();
            Map<String, Object> request = Map.of("a", secret, "b", "q");
            String name = "t" + i;
            env.render(name, request);
            env.load(name).render(request, new StringBuilder());
            env.load(name).render(request, new java.io.ByteArrayOutputStream());
            env.render(name, Map.of("a", "public", "b", "q"));
            // the secret's middle: a wipe that misses a buffer's first chars still leaves this
            assertEquals(List.of(), holding(env, "7391-abcdefghij"), sources[i]);
        }
    }

    /**
     * Where, among the objects reachable from root, a char[], byte[] or String (or a JDK CharSequence) holds
     * marker: engine objects are walked field by field, JDK collections and maps through their public API.
     */
    private static List<String> holding(Object root, String marker) {
        List<String> hits = new ArrayList<>();
        java.util.IdentityHashMap<Object, Boolean> seen = new java.util.IdentityHashMap<>();
        java.util.ArrayDeque<Object[]> todo = new java.util.ArrayDeque<>();
        todo.add(new Object[] {root, "environment"});
        byte[] utf8 = marker.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        while (!todo.isEmpty()) {
            Object[] next = todo.poll();
            Object o = next[0];
            String path = (String) next[1];
            if (o == null || seen.put(o, Boolean.TRUE) != null || o instanceof Class || o instanceof ClassLoader
                    || o instanceof Thread || o instanceof java.lang.invoke.MethodHandle || o instanceof Module) {
                continue;
            }
            if (o instanceof char[] chars) {
                if (new String(chars).contains(marker)) {
                    hits.add(path);
                }
            } else if (o instanceof byte[] bytes) {
                if (new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                        .contains(new String(utf8, java.nio.charset.StandardCharsets.ISO_8859_1))) {
                    hits.add(path);
                }
            } else if (o instanceof Object[] array) {
                for (int i = 0; i < array.length; i++) {
                    todo.add(new Object[] {array[i], path + "[" + i + "]"});
                }
            } else if (o.getClass().isArray()) {
                continue; // other primitive arrays hold no text
            } else if (o.getClass().getName().startsWith("dev.zweig.") && !(o instanceof Enum)) {
                for (Class<?> k = o.getClass(); k != null && k.getName().startsWith("dev.zweig.");
                        k = k.getSuperclass()) {
                    for (java.lang.reflect.Field f : k.getDeclaredFields()) {
                        if (!java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                            try {
                                f.setAccessible(true);
                                todo.add(new Object[] {f.get(o), path + "." + f.getName()});
                            } catch (ReflectiveOperationException | RuntimeException e) {
                                hits.add(path + "." + f.getName() + " (unreadable: " + e + ")");
                            }
                        }
                    }
                }
            } else if (o instanceof CharSequence cs) {
                if (cs.toString().contains(marker)) {
                    hits.add(path);
                }
            } else if (o instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    todo.add(new Object[] {e.getKey(), path + ".key"});
                    todo.add(new Object[] {e.getValue(), path + "{" + e.getKey() + "}"});
                }
            } else if (o instanceof Iterable<?> it && !(o instanceof java.nio.file.Path)) {
                int i = 0;
                for (Object x : it) {
                    todo.add(new Object[] {x, path + "<" + i++ + ">"});
                }
            } else if (o instanceof java.util.concurrent.atomic.AtomicReferenceArray<?> a) {
                for (int i = 0; i < a.length(); i++) {
                    todo.add(new Object[] {a.get(i), path + "[" + i + "]"});
                }
            } else if (o instanceof java.util.concurrent.atomic.AtomicReference<?> r) {
                todo.add(new Object[] {r.get(), path + ".get"});
            }
        }
        return hits;
    }
}
