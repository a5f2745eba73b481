package dev.zweig.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateLimitException;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The output-character limit names the template and line where it was exceeded, like every other error: static text
 * (in a loop, a capture, a macro, a block, an included or a parent template) as well as printed values. Static text
 * was written with no location known (Budget.output knows neither), so the exception named none.
 */
class OutputLimitLocationTest {
    private static final Map<String, String> TEMPLATES = Map.of(
            "loop", "ab\n{% for i in 1..100 %}\nxxxxxxxxxx{% endfor %}",
            "after_print", "ab\n{% for i in 1..100 %}{{ i }}\nyyyyyyyy{% endfor %}",
            "capture", "ab\n{% set x %}\n\n{% for i in 1..100 %}zzzzzzzzzz{% endfor %}{% endset %}{{ x|length }}",
            "macro", "ab\n{{ _self.m() }}{% macro m() %}\n{% for i in 1..100 %}mmmmmmmmmm{% endfor %}{% endmacro %}",
            "block", "ab\n{% block b %}\n{% for i in 1..100 %}bbbbbbbbbb{% endfor %}{% endblock %}",
            "apply", "ab\n{% apply upper %}\n{% for i in 1..100 %}aaaaaaaaaa{% endfor %}{% endapply %}",
            "include", "ab\n\n{% include 'included' %}",
            "included", "x\n{% for i in 1..100 %}iiiiiiiiii{% endfor %}",
            "child", "{% extends 'parent' %}{% block b %}\n\n{% for i in 1..100 %}cccccccccc{% endfor %}{% endblock %}",
            "parent", "p\n{% block b %}{% endblock %}");

    @ParameterizedTest
    @CsvSource({"loop, loop, 3", "after_print, after_print, 2", "capture, capture, 4", "macro, macro, 3",
        "block, block, 3", "apply, apply, 3", "include, included, 2", "child, child, 3"})
    void theLimitNamesTheTemplateAndLineOfTheTextThatExceededIt(String main, String template, int line) {
        Environment env = Environment.builder().loader(new MapLoader(TEMPLATES))
                .limits(RenderLimits.builder().maxOutputChars(500).build()).build();
        TemplateLimitException e = assertThrows(TemplateLimitException.class, () -> env.render(main, Map.of()));
        assertTrue(e.getMessage().startsWith("The render limit of 500 output characters was exceeded"),
                e.getMessage());
        assertEquals(template, e.getTemplateName(), e.getMessage());
        assertEquals(line, e.getLine(), e.getMessage());
        // within the limit: the same templates render
        Environment roomy = Environment.builder().loader(new MapLoader(TEMPLATES))
                .limits(RenderLimits.builder().maxOutputChars(5_000).build()).build();
        assertTrue(roomy.render(main, Map.of()).length() > 3);
    }
}
