package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import dev.zweig.TemplateException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                "arrow", "{% set s = a ~ b %}{{ [w]|filter(p => p == s)|length }}{{ [w]|map(p => p == s ? 1 : 0)|join }}");
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
        java.util.concurrent.atomic.AtomicReference<String> other = new java.util.concurrent.atomic.AtomicReference<>();
        Thread th = new Thread(() -> other.set(env.render("t", ctx)));
        th.start();
        th.join();
        assertEquals(expected, other.get());
    }
}
