package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Markup;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Red team of session 11's changes: the compare-and-set pool, core tests of a value alone as static calls, has
 * some/every setting the render's position, a loop's end probing its scope copy, loop.x is odd unboxed, set captures
 * as Markups of the render state's recent captures, column over map rows, and short include/with texts. Each case
 * runs on both executors and must give the same output (or exception); expected values are reasoned from Twig 3.
 */
class RedTeamSession11Test {

    private static Environment env(Executor ex, Map<String, String> templates, List<Object> kept) {
        return Environment.builder().loader(new MapLoader(templates)).executor(ex)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("v"))
                .function(FunctionDefinition.of("probe", (ctx, a) -> (Lambda) args -> {
                    kept.add(ctx.variables().get("x")); // the scope of the call that runs this callable
                    kept.add(ctx.line());
                    return true;
                }))
                .build();
    }

    private static String run(Environment env, Map<String, Object> ctx) {
        try {
            return env.load("t").render(ctx);
        } catch (RuntimeException e) {
            return "!" + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** Renders t on both executors: the same output and the same kept values on each; the compiled one's. */
    private static String both(String t, Map<String, Object> ctx, List<Object> kept) {
        List<Object> keptC = new ArrayList<>();
        List<Object> keptI = new ArrayList<>();
        String c = run(env(Executor.COMPILED, Map.of("t", t), keptC), ctx);
        String i = run(env(Executor.INTERPRETED, Map.of("t", t), keptI), ctx);
        assertEquals(i, c, "compiled vs interpreted: " + t);
        assertEquals(keptI.size(), keptC.size(), "kept values: " + t);
        kept.addAll(keptC);
        return c;
    }

    // ---- set captures from the recent captures --------------------------------------------------------------

    /**
     * Twig's capture makes a new Markup each time: two captures of equal text are two objects, and {@code same as}
     * (PHP's ===) tells them apart. The recent captures handed one render the same Markup twice: true.
     */
    @Test
    void twoCapturesOfEqualTextInOneRenderAreNotTheSameObject() {
        for (Executor ex : Executor.values()) {
            List<Object> kept = new ArrayList<>();
            Environment env = env(ex, Map.of("t", "{% set a %}x{% endset %}{% set b %}x{% endset %}"
                    + "{{ keep(a) }}{{ keep(b) }}{{ a is same as(b) ? 'same' : 'distinct' }}"
                    + "{{ a is same as(a) ? '|self' : '|other' }}"
                    + "{% for i in 1..2 %}{% set c %}y{% endset %}{{ keep(c) }}"
                    + "{% if i == 1 %}{% set first = c %}{% else %}{{ first is same as(c) ? '|same' : '|distinct' }}"
                    + "{% endif %}{% endfor %}"), kept);
            Template t = env.load("t");
            for (int r = 0; r < 3; r++) { // the second and third renders meet the captures of the first
                kept.clear();
                assertEquals("distinct|self|distinct", t.render(Map.of()), ex.name());
                assertEquals(new Markup("x"), kept.get(0));
                assertNotSame(kept.get(0), kept.get(1), ex.name());
                assertNotSame(kept.get(2), kept.get(3), ex.name());
            }
        }
    }

    @Test
    void capturesKeepTheirTextAndSafety() {
        List<Object> kept = new ArrayList<>();
        String out = both("{% set a %}{{ '<b>'|lower }}{% endset %}{% set b %}&lt;b&gt;{% endset %}{{ keep(a) }}{{ keep(b) }}"
                + "{{ a }}|{{ b }}|{{ a == b ? 'eq' : 'ne' }}|{{ a|upper }}"
                + "{% autoescape 'js' %}{% set j %}{{ '<'|lower }}{% endset %}{{ keep(j) }}{{ j }}{% endautoescape %}"
                + "{% set big %}{% for i in 1..300 %}abcd{% endfor %}{% endset %}{{ keep(big) }}{{ big|length }}",
                Map.of(), kept);
        assertEquals("&lt;b&gt;|&lt;b&gt;|eq|&amp;LT;B&amp;GT;\\u003C1200", out);
        assertEquals(List.of(new Markup("&lt;b&gt;"), new Markup("&lt;b&gt;"), new Markup("\\u003C"),
                new Markup("abcd".repeat(300))), kept);
    }

    // ---- has some / has every set the render's position -----------------------------------------------------

    @Test
    void aCallableOfHasSomeSeesTheScopeAndLineItRunsIn() {
        List<Object> kept = new ArrayList<>();
        String out = both("{% set x = 'top' %}{% set p = probe() %}\n"
                + "{% macro m(p, x) %}\n{{ [1] has some p ? 'y' : 'n' }}{% endmacro %}{% import _self as s %}"
                + "{{ s.m(p, 'arg') }}\n"
                + "{% for x in ['l'] %}{{ [1, 2] has every p ? 'Y' : 'N' }}{% endfor %}", Map.of(), kept);
        assertEquals("y\nY", out);
        assertEquals(List.of("arg", 3, "l", 4, "l", 4), kept);
    }

    // ---- core tests of a value alone ------------------------------------------------------------------------

    @Test
    void valueTestsFailAsTheGeneralCallDoes() {
        Iterable<Object> broken = () -> {
            throw new IllegalStateException("no iterator");
        };
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("broken", broken);
        ctx.put("n", null);
        String out = both("{{ n is empty ? 'e' : 'f' }}{{ n is iterable ? 'i' : 'j' }}{{ n is mapping ? 'm' : 'q' }}"
                + "\n{{ broken is empty ? 'e' : 'f' }}", ctx, new ArrayList<>());
        assertEquals("!TemplateRuntimeException: An exception has been thrown during the rendering of a template"
                + " (\"no iterator\") in \"t\" at line 2.", out);
    }

    // ---- a loop's end, the context's order ------------------------------------------------------------------

    @Test
    void contextOrderAfterLoops() {
        Map<String, Object> ctx = new java.util.LinkedHashMap<>();
        ctx.put("c", "C");
        ctx.put("loop", "L");
        List<Object> kept = new ArrayList<>();
        // Twig's loop ends with unset(_seq, c, _parent, loop) and array_intersect_key($context, $_parent) +
        // $_parent: what the loop set is gone (z too), c and loop come back in their order, at the end; a loop
        // whose body never reads loop unsets it all the same (the context's loop came before c here)
        assertEquals("12C|c,loop|L", both("{% for c in [1, 2] %}{{ c }}{% set z = 1 %}{% endfor %}{{ c }}|"
                + "{{ _context|keys|join(',') }}|{{ loop }}", ctx, kept));
        assertEquals("k|c,loop|L", both("{% for k, v in {k: 1} %}{% for i in [1] %}{{ k }}{% endfor %}"
                + "{% else %}{% set e = 1 %}{% endfor %}|{{ _context|keys|join(',') }}|{{ loop }}", ctx, kept));
    }

    // ---- loop.x is odd --------------------------------------------------------------------------------------

    @Test
    void loopParityOfUnknownLengthAndShadowedLoop() {
        Iterable<Object> gen = () -> List.<Object>of("a", "b", "c").iterator();
        Map<String, Object> ctx = new HashMap<>();
        ctx.put("gen", gen);
        String out = both("{% for i in gen %}{{ loop.index is odd ? 'o' : 'e' }}{{ loop.index0 is odd ? 'o' : 'e' }}"
                + "{% for j in [1, 2] %}{{ loop.parent.loop.index is odd ? 'O' : 'E' }}{% endfor %}{% endfor %}"
                + "|{% for i in [1] %}{% set loop = {index: 2} %}{{ loop.index is odd ? 'o' : 'e' }}{% endfor %}",
                ctx, new ArrayList<>());
        assertEquals("oeOOeoEEoeOO|e", out);
    }

    // ---- the pool: renders inside renders on many threads ---------------------------------------------------

    @Test
    void rendersInsideRendersOnManyThreadsNeverShareAState() throws Exception {
        Map<String, String> templates = Map.of("outer", "{% set c %}{{ id }}:{{ inner(id) }}{% endset %}{{ c }}",
                "inner", "{% set d %}[{{ v }}]{% endset %}{{ d }}{{ d is same as(d) ? '' : '?' }}");
        Template[] inner = new Template[1];
        Environment env = Environment.builder().loader(new MapLoader(templates))
                .function(FunctionDefinition.of("inner", (ctx, a) -> {
                    Thread.yield();
                    return new Markup(inner[0].render(Map.of("v", a[0])));
                }).params("v"))
                .build();
        inner[0] = env.load("inner");
        Template outer = env.load("outer");
        AtomicInteger wrong = new AtomicInteger();
        java.util.function.IntFunction<Runnable> request = id -> () -> {
            for (int i = 0; i < 30; i++) {
                try {
                    String r = outer.render(Map.of("id", id * 100 + i));
                    if (!r.equals((id * 100 + i) + ":[" + (id * 100 + i) + "]")) {
                        wrong.incrementAndGet();
                    }
                } catch (RuntimeException e) {
                    wrong.incrementAndGet(); // (a render that throws is wrong too: a thread's death fails nothing)
                }
            }
        };
        RedTeamOpenFindingsTest.onManyThreads(request, 48, 1_000);
        assertEquals(0, wrong.get(), "renders that got another render's output");
    }
}
