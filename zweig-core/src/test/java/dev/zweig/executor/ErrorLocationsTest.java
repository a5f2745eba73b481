package dev.zweig.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Errors raised in compiled templates name the template and line the interpreter names, wherever they happen: in
 * an include, a macro, a parent's block, an embed, a with, a loop, a filter's or function's own code, and inside
 * statements whose code runs in a try region of its own (a render-private release, a capture, a loop's scope).
 */
class ErrorLocationsTest {
    /** A user function that fails, as application code does. */
    private static Environment env(Executor executor, Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).executor(executor).strictVariables(true)
                .function(FunctionDefinition.of("boom", (ctx, a) -> {
                    throw new IllegalStateException("boom " + (a.length > 0 ? a[0] : ""));
                }).params(dev.zweig.ext.Param.optional("x", null)))
                .build();
    }

    private static Map<String, String> templates(String... nameSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSource.length; i += 2) {
            m.put(nameSource[i], nameSource[i + 1]);
        }
        return m;
    }

    /** Renders index on an executor; the failure it raises (it must raise one). */
    private static TemplateException failure(Executor executor, Map<String, String> templates) {
        return assertThrows(TemplateException.class, () -> env(executor, templates).render("index",
                Map.of("list", List.of(1L, 2L), "map", Map.of("a", 1L), "s", "text")));
    }

    /** Both executors raise the same failure, at the template and line given. */
    private static void raisesAt(String template, int line, String... nameSource) {
        Map<String, String> t = templates(nameSource);
        TemplateException interpreted = failure(Executor.INTERPRETED, t);
        TemplateException compiled = failure(Executor.COMPILED, t);
        assertEquals(template + ":" + line, interpreted.getTemplateName() + ":" + interpreted.getLine(),
                interpreted.getMessage());
        assertEquals(interpreted.getClass(), compiled.getClass(), compiled.getMessage());
        assertEquals(interpreted.getMessage(), compiled.getMessage());
        assertEquals(interpreted.getTemplateName(), compiled.getTemplateName());
        assertEquals(interpreted.getLine(), compiled.getLine());
    }

    @Test
    void anErrorInsideAStatementThatGivesScratchBackIsLocated() {
        // the hash of an embed's variables is evaluated inside the region that gives render-private storage
        // back: its error left that region unlocated (line 0) while the exception table listed it first
        raisesAt("index", 2, "index", "x\n{% embed 'e' with {(+list): 1} %}{% endembed %}", "e", "e");
        raisesAt("index", 3, "index", "{% extends 'e' %}\n{% block b %}\n{% embed 'e' with {(+list): 1} %}"
                + "{% endembed %}{% endblock %}", "e", "{% block b %}{% endblock %}");
        raisesAt("index", 2, "index", "a\n{% for x in list %}{% include 'p' with {(+map): 1} %}{% endfor %}", "p",
                "p");
    }

    @Test
    void anErrorOfADoIsLocatedAtTheDo() {
        // a do statement's expression failed unlocated (line 0) on both executors, or at an enclosing loop's line
        raisesAt("index", 2, "index", "a\n{% do list + 1 %}");
        raisesAt("index", 3, "index", "a\n{% for x in list %}\n{% do tmp = list + x %}{% endfor %}");
        raisesAt("index", 3, "index", "{% extends 'e' %}{% block b %}\n{% for x in list %}\n{% do boom(x) %}"
                + "{% endfor %}{% endblock %}", "e", "{% block b %}{% endblock %}");
    }

    @Test
    void errorsInsideCapturesLoopsAndWithsAreLocated() {
        raisesAt("index", 3, "index", "{% set c %}\n{% for x in list %}\n{{ boom(x) }}{% endfor %}{% endset %}");
        raisesAt("index", 2, "index", "{% with {a: 1} %}\n{{ a + list }}{% endwith %}");
        raisesAt("index", 4, "index", "{% apply upper %}{% for x in list %}\n{% if x > 1 %}\n\n{{ x.nope }}"
                + "{% endif %}{% endfor %}{% endapply %}");
        raisesAt("index", 2, "index", "{% for x in list %}{% for y in list %}{% for z in list %}\n{{ z ~ boom() }}"
                + "{% endfor %}{% endfor %}{% endfor %}");
    }

    @Test
    void errorsInIncludesMacrosBlocksAndEmbedsNameTheirTemplate() {
        raisesAt("part", 2, "index", "{% include 'part' %}", "part", "ok\n{{ missing }}");
        raisesAt("part", 3, "index", "{{ include('part') }}", "part", "\n\n{{ boom() }}");
        raisesAt("macros", 2, "index", "{% import 'macros' as m %}\n{{ m.row(1) }}", "macros",
                "{% macro row(x) %}\n{{ x.nope }}{% endmacro %}");
        raisesAt("index", 1, "index", "{% import 'macros' as m %}{{ m.nope(1) }}", "macros", "");
        raisesAt("layout", 3, "index", "{% extends 'layout' %}{% block b %}{{ parent() }}{% endblock %}", "layout",
                "{% block b %}\n\n{{ boom() }}{% endblock %}");
        raisesAt("index", 2, "index", "{% extends 'layout' %}{% block b %}\n{{ map.nope }}{% endblock %}", "layout",
                "{% block b %}{% endblock %}");
        raisesAt("box", 2, "index", "{% embed 'box' %}{% block b %}x{% endblock %}{% endembed %}", "box",
                "{% block b %}{% endblock %}\n{{ boom() }}");
        raisesAt("index", 3, "index", "{% embed 'box' %}{% block b %}\n\n{{ s.nope }}{% endblock %}{% endembed %}",
                "box", "{% block b %}{% endblock %}");
        raisesAt("index", 2, "index", "{{ block('b') }}\n{% block b %}{{ list|join(boom()) }}{% endblock %}");
    }

    @Test
    void syntaxErrorsInsideAnEmbedInABlockAreReportedAsSuch() {
        // the parser left an embed's state in place when its body failed: the block around it then failed with a
        // raw NoSuchElementException instead of the syntax error
        for (Executor executor : Executor.values()) {
            TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> env(executor, templates(
                    "index", "{% block a %}\n{% embed 'e' %}{% block b %}{{ 1 + }}{% endblock %}{% endembed %}"
                            + "{% endblock %}", "e", "")).load("index"));
            assertEquals("index", e.getTemplateName());
            assertEquals(2, e.getLine());
        }
    }

    @Test
    void printingAnArrowRaisesPhpsClosureError() {
        // it printed the arrow's identity hash, different on every run
        for (Executor executor : Executor.values()) {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> env(executor,
                    templates("index", "x\n{{ (x => x) }}")).render("index", Map.of()));
            assertEquals("An exception has been thrown during the rendering of a template (\"Object of class "
                    + "Closure could not be converted to string\") in \"index\" at line 2.", e.getMessage());
        }
    }

    /** A Java stack trace through compiled templates shows their frames as template name and line. */
    @ParameterizedTest
    @EnumSource(value = Executor.class, names = "COMPILED")
    void javaStackTracesShowTheTemplatesFrames(Executor executor) {
        List<StackTraceElement> seen = new ArrayList<>();
        Environment env = Environment.builder().executor(executor).loader(new MapLoader(templates(
                "page.twig", "{% extends 'layout.twig' %}\n{% block body %}\n\n{{ where() }}{% endblock %}",
                "layout.twig", "<html>\n{% block body %}{% endblock %}")))
                .function(FunctionDefinition.of("where", (ctx, a) -> {
                    for (StackTraceElement e : new Throwable().getStackTrace()) {
                        if (e.getFileName() != null && e.getFileName().endsWith(".twig")) {
                            seen.add(e);
                        }
                    }
                    return "";
                }))
                .build();
        assertEquals("<html>\n\n", env.render("page.twig", Map.of()));
        List<String> frames = seen.stream().map(e -> e.getFileName() + ":" + e.getLineNumber()).toList();
        assertTrue(frames.contains("page.twig:4"), frames.toString());
        assertTrue(frames.contains("layout.twig:2"), frames.toString());
    }
}
