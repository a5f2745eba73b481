package dev.zweig.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.MapLoader;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Limits for untrusted templates: each one stops a render with a TemplateRuntimeException naming it. */
class RenderLimitsTest {
    private static Environment env(String source, RenderLimits limits) {
        return Environment.builder().loader(new MapLoader(Map.of("t.twig", source))).limits(limits).build();
    }

    private static TemplateRuntimeException fails(String source, RenderLimits limits) {
        return assertThrows(TemplateRuntimeException.class, () -> env(source, limits).render("t.twig", Map.of()));
    }

    @Test
    void outputSize() {
        RenderLimits l = RenderLimits.builder().maxOutputChars(100).build();
        assertEquals("x".repeat(100), env("{% for i in 1..100 %}x{% endfor %}", l).render("t.twig", Map.of()));
        TemplateRuntimeException e = fails("{% for i in 1..101 %}x{% endfor %}", l);
        assertTrue(e.getMessage().contains("100 output characters"), e.getMessage());
    }

    @Test
    void loopIterations() {
        RenderLimits l = RenderLimits.builder().maxLoopIterations(50).build();
        assertEquals("50", env("{% set n = 0 %}{% for i in 1..50 %}{% set n = n + 1 %}{% endfor %}{{ n }}", l)
                .render("t.twig", Map.of()));
        TemplateRuntimeException e = fails("{% for i in 1..10 %}{% for j in 1..10 %}{% endfor %}{% endfor %}", l);
        assertTrue(e.getMessage().contains("50 loop iterations"), e.getMessage());
        assertEquals("t.twig", e.getTemplateName());
        assertEquals(1, e.getLine());
        // arrow functions count too
        fails("{{ (1..60)|map(x => x)|length }}", l);
    }

    @Test
    void recursionDepth() {
        RenderLimits l = RenderLimits.builder().maxDepth(10).build();
        String recursive = "{% macro r(n) %}{{ n }}{{ _self.r(n + 1) }}{% endmacro %}{{ _self.r(1) }}";
        TemplateRuntimeException e = fails(recursive, l);
        assertTrue(e.getMessage().contains("nesting level of 10"), e.getMessage());
        // without any limit, endless recursion still ends with a TemplateRuntimeException, not a StackOverflowError
        TemplateRuntimeException none = fails(recursive, RenderLimits.NONE);
        assertTrue(none.getMessage().contains("nesting level"), none.getMessage());
        Environment self = Environment.builder().loader(new MapLoader(Map.of("t.twig", "{% include 't.twig' %}")))
                .build();
        assertThrows(TemplateRuntimeException.class, () -> self.render("t.twig", Map.of()));
    }

    @Test
    void rangeLength() {
        RenderLimits l = RenderLimits.builder().maxRangeLength(1000).build();
        assertEquals("1000", env("{{ range(1, 1000)|length }}", l).render("t.twig", Map.of()));
        TemplateRuntimeException e = fails("{{ (1..1001)|length }}", l);
        assertTrue(e.getMessage().contains("range()"), e.getMessage());
        // a hard limit stands even without configuration
        fails("{{ (0..100000000000)|length }}", RenderLimits.NONE);
    }

    @Test
    void deadline() {
        RenderLimits l = RenderLimits.builder().deadline(Duration.ofMillis(50)).build();
        long t0 = System.nanoTime();
        TemplateRuntimeException e = fails("{% for i in 1..5000000 %}{% for j in 1..1 %}{% endfor %}{% endfor %}", l);
        assertTrue(e.getMessage().contains("deadline"), e.getMessage());
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos());
    }
}
