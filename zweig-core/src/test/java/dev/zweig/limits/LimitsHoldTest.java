package dev.zweig.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateLimitException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Limits that hold (issue 8): one budget per top-level render, spent by everything it reaches; captures count as
 * output; the deadline is looked at on every iteration and inside long work; no single value can grow without
 * bound, limits or not.
 */
class LimitsHoldTest {
    private static Environment limited(RenderLimits limits, Map<String, String> templates) {
        AtomicReference<Environment> self = new AtomicReference<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(templates))
                .limits(limits)
                .function(FunctionDefinition.of("nested", (ctx, a) -> self.get().render((String) a[0], Map.of()))
                        .params("name"))
                .build();
        self.set(env);
        return env;
    }

    @Test
    void aRenderNestedInARenderSpendsTheSameIterations() {
        Environment env = limited(RenderLimits.builder().maxLoopIterations(100).build(), Map.of(
                "outer", "{% for i in 1..40 %}{% endfor %}{{ nested('inner') }}{{ nested('inner') }}",
                "inner", "{% for i in 1..40 %}.{% endfor %}"));
        assertEquals(40, env.render("inner", Map.of()).length()); // each alone fits
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> env.render("outer", Map.of()));
        assertTrue(e.getMessage().contains("100 loop iterations"), e.getMessage());
        // and the thread is clean afterwards: a new top-level render has its whole budget
        assertEquals(40, env.render("inner", Map.of()).length());
    }

    @Test
    void aRenderNestedInARenderAddsToTheDepth() {
        Environment env = limited(RenderLimits.builder().maxDepth(2).build(), Map.of(
                "outer", "{% include 'mid' %}",
                "mid", "{% include 'leaf' %}{{ nested('deep') }}",
                "leaf", "x",
                "deep", "{% include 'leaf' %}{% include 'mid2' %}",
                "mid2", "{% include 'leaf' %}"));
        assertEquals("xx", env.render("deep", Map.of()));
        assertThrows(TemplateLimitException.class, () -> env.render("outer", Map.of()));
    }

    @Test
    void capturesCountTowardTheOutputLimit() {
        Environment env = limited(RenderLimits.builder().maxOutputChars(100).build(), Map.of(
                "set", "{% set x %}{% for i in 1..50 %}aaaa{% endfor %}{% endset %}ok",
                "apply", "{% apply lower %}{% for i in 1..50 %}AAAA{% endfor %}{% endapply %}",
                "macro", "{% macro m() %}{% for i in 1..50 %}aaaa{% endfor %}{% endmacro %}{% set y = _self.m() %}ok",
                "include", "{% set z = include('big') %}ok",
                "big", "{% for i in 1..50 %}aaaa{% endfor %}",
                "small", "{% set x %}{% for i in 1..5 %}aaaa{% endfor %}{% endset %}{{ x }}"));
        for (String t : List.of("set", "apply", "macro", "include")) {
            assertThrows(TemplateLimitException.class, () -> env.render(t, Map.of()), t);
        }
        assertEquals("a".repeat(20), env.render("small", Map.of()));
    }

    @Test
    void theDeadlineIsCheckedOnEveryIteration() {
        AtomicInteger calls = new AtomicInteger();
        Environment env = Environment.builder()
                .limits(RenderLimits.builder().deadline(Duration.ofMillis(60)).build())
                .function(FunctionDefinition.of("slow", (ctx, a) -> {
                    calls.incrementAndGet();
                    Thread.sleep(10);
                    return "";
                }))
                .build();
        assertThrows(TemplateLimitException.class,
                () -> env.createTemplate("{% for i in 1..500 %}{{ slow() }}{% endfor %}").render(Map.of()));
        assertTrue(calls.get() < 50, calls.get() + " iterations ran past a 60 ms deadline");
    }

    @Test
    void aHostileRegexStopsAtTheDeadline() {
        Environment env = Environment.builder()
                .limits(RenderLimits.builder().deadline(Duration.ofMillis(200)).build())
                .build();
        long start = System.nanoTime();
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{{ s matches re ? 'y' : 'n' }}").render(Map.of("s", "a".repeat(40) + "!", "re", "/^(a+)+\\1$/")));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "the match went on long past the deadline");
    }

    @Test
    void numericStringsInRangeObeyTheRangeLimit() {
        Environment env = Environment.builder().limits(RenderLimits.builder().maxRangeLength(1000).build()).build();
        assertThrows(TemplateLimitException.class,
                () -> env.createTemplate("{{ range('1', '100000000')|length }}").render(Map.of()));
        assertThrows(TemplateLimitException.class,
                () -> env.createTemplate("{{ range(' 1', '5e8', '1')|length }}").render(Map.of()));
        assertEquals("10", env.createTemplate("{{ range('1', '10')|length }}").render(Map.of()));
    }

    /** Found by the limited fuzz target: non-numeric strings are range bounds too (PHP reads "0abc" as 0). */
    @Test
    void nonNumericStringBoundsObeyTheRangeLimit() {
        Environment env = Environment.builder().limits(RenderLimits.builder().maxRangeLength(1000).build()).build();
        for (String t : List.of("{{ ('0abc'..'99999999')|length }}", "{{ range('a', 99999999)|length }}",
                "{{ range(' 1x', '1e8')|length }}")) {
            assertThrows(TemplateLimitException.class, () -> env.createTemplate(t).render(Map.of()), t);
        }
        // within the limit, the same bounds: characters, or numbers from 0 ("ab" is 0)
        assertEquals("a,b,c 13", env.createTemplate("{{ ('a'..'c')|join(',') }} {{ ('ab'..'12')|length }}")
                .render(Map.of()));
    }

    /** Compiling is render time too: a template made from a huge string stops at the render's deadline. */
    @Test
    void theDeadlineHoldsWhileARenderCompilesATemplate() {
        Environment env = Environment.builder()
                .limits(RenderLimits.builder().deadline(Duration.ofMillis(200)).build()).build();
        long start = System.nanoTime();
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set s = '{{ 1 }}' %}{% for i in 1..21 %}{% set s = s ~ s %}{% endfor %}"
                        + "{{ include(template_from_string(s))|length }}").render(Map.of()));
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, "the compile went on long past the deadline");
        // the same template, compiled outside any render, has no deadline to keep
        assertEquals(1 << 10, env.createTemplate("{{ 1 }}".repeat(1 << 10)).render(Map.of()).length());
    }

    /** Found by the limited fuzz target: splitting into millions of pieces stops at the deadline. */
    @Test
    void theDeadlineHoldsWhileSplitMakesMillionsOfPieces() {
        Environment env = Environment.builder()
                .limits(RenderLimits.builder().deadline(Duration.ofMillis(200)).build()).build();
        Map<String, Object> data = Map.of("s", "a".repeat(1 << 24), "csv", "a,".repeat(1 << 23));
        for (String t : List.of("{{ s|split('')|length }}", "{{ s|split('', 2)|length }}",
                "{{ csv|split(',')|length }}")) {
            long start = System.nanoTime();
            assertThrows(TemplateLimitException.class, () -> env.createTemplate(t).render(data), t);
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2_000, t + " went on long past the deadline");
        }
    }

    /** The caps of batch's padding and format's widths are limits like the others, and nothing catches them. */
    @Test
    void theBatchAndFormatCapsAreLimitErrors() {
        Environment env = Environment.builder().build();
        assertThrows(TemplateLimitException.class,
                () -> env.createTemplate("{{ [1]|batch(50000000, 'x')|length }}").render(Map.of()));
        assertThrows(TemplateLimitException.class,
                () -> env.createTemplate("{{ ('%999999999s'|format('x'))|default('') }}").render(Map.of()));
        assertEquals("1", env.createTemplate("{{ [1]|batch(50000000)|length }}").render(Map.of()));
    }

    @Test
    void noSingleValueGrowsWithoutBoundEvenWithoutLimits() {
        Environment env = Environment.builder().build();
        // string doubling
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set s = 'ab' %}{% for i in 1..40 %}{% set s = s ~ s %}{% endfor %}{{ s|length }}").render(Map.of()));
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set s = 'ab' %}{% for i in 1..40 %}{% set s = \"#{s}#{s}\" %}{% endfor %}").render(Map.of()));
        // merge doubling
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set a = [1, 2] %}{% for i in 1..40 %}{% set a = a|merge(a) %}{% endfor %}").render(Map.of()));
        // join doubling
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set s = 'ab' %}{% for i in 1..40 %}{% set s = [s, s]|join %}{% endfor %}").render(Map.of()));
        // format widths adding up
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{{ ('%1000000s'|repeatFormat)|length }}".replace("'%1000000s'|repeatFormat",
                        "('" + "%1000000s".repeat(40) + "')|format(" + "'x', ".repeat(39) + "'x')"))
                .render(Map.of()));
        // big-number powers and products
        assertThrows(TemplateLimitException.class, () -> env.createTemplate("{{ (big ** 9999)|length }}")
                .render(Map.of("big", new BigDecimal("1234567890.123456789"))));
        assertThrows(TemplateLimitException.class, () -> env.createTemplate(
                "{% set x = big %}{% for i in 1..40 %}{% set x = x * x %}{% endfor %}")
                .render(Map.of("big", new BigDecimal("1234567890.123456789"))));
        // replace with a big map still finishes, capped
        assertEquals("b".repeat(1000), env.createTemplate("{{ s|replace(m) }}").render(Map.of("s", "a".repeat(1000),
                "m", bigMap())));
    }

    private static Map<String, String> bigMap() {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < 50_000; i++) {
            m.put("a" + i, "x");
        }
        m.put("a", "b");
        return m;
    }
}
