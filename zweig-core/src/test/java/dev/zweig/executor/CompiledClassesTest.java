package dev.zweig.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Template;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.MapLoader;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the compiled executor's classes are to the JVM: a stack trace through a template shows the template's
 * frames (its name as the source file, its lines), and the classes of dropped templates unload.
 */
class CompiledClassesTest {

    private static Environment env(Map<String, String> templates) {
        return Environment.builder().executor(Executor.COMPILED).loader(new MapLoader(templates))
                .function("fail", a -> {
                    throw new IllegalStateException("failing on purpose");
                }).build();
    }

    /** The frames of template classes in a stack trace, as "file:line". */
    private static List<String> templateFrames(Throwable e) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement el : e.getStackTrace()) {
            if (el.getClassName().startsWith("dev.zweig.templates.") && el.getLineNumber() > 0) {
                out.add(el.getFileName() + ":" + el.getLineNumber());
            }
        }
        return out;
    }

    private static Throwable root(Throwable e) {
        while (e.getCause() != null && e.getCause() != e) {
            e = e.getCause();
        }
        return e;
    }

    @Test
    void aStackTraceThroughATemplateShowsItsFileAndLine() {
        Environment env = env(Map.of("page.twig", "line 1\n{% for i in [1, 2] %}\n{{ i }}\n"
                + "{% if i == 2 %}{{ fail() }}{% endif %}\n{% endfor %}"));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> env.render("page.twig", Map.of()));
        assertEquals("page.twig", e.getTemplateName());
        assertEquals(4, e.getLine());
        Throwable cause = root(e);
        assertEquals("failing on purpose", cause.getMessage());
        List<String> frames = templateFrames(cause);
        assertTrue(frames.contains("page.twig:4"), "template frames: " + frames + " in "
                + Arrays.toString(cause.getStackTrace()));
    }

    @Test
    void aLayoutsFramesShowTheLayout() {
        Environment env = env(Map.of(
                "layout.twig", "<html>\n<body>\n{% block body %}{% endblock %}\n{{ fail() }}\n</body>",
                "page.twig", "{% extends 'layout.twig' %}\n{% block body %}\n{{ 'x' }}\n{% endblock %}"));
        Throwable cause = root(assertThrows(TemplateRuntimeException.class, () -> env.render("page.twig", Map.of())));
        List<String> frames = templateFrames(cause);
        assertTrue(frames.contains("layout.twig:4"), "template frames: " + frames);
        Environment blockFails = env(Map.of(
                "layout.twig", "<html>\n{% block body %}{% endblock %}",
                "page.twig", "{% extends 'layout.twig' %}\n{% block body %}\n\n{{ fail() }}{% endblock %}"));
        Throwable inBlock = root(assertThrows(TemplateRuntimeException.class,
                () -> blockFails.render("page.twig", Map.of())));
        List<String> blockFrames = templateFrames(inBlock);
        assertTrue(blockFrames.contains("page.twig:4"), "template frames: " + blockFrames);
        assertTrue(blockFrames.contains("layout.twig:2"), "the layout's frame calling the block: " + blockFrames);
    }

    @Test
    void theClassesOfDroppedTemplatesUnload() throws InterruptedException {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long unloadedBefore = classes.getUnloadedClassCount();
        // a small cache: templates leave it as new ones come, and nothing else keeps them
        Environment env = Environment.builder().executor(Executor.COMPILED).cacheSize(16).build();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            Template t = env.createTemplate("{% for x in xs %}{{ x }}-" + i + "{% endfor %}");
            assertEquals("a-" + i + "b-" + i, t.render(Map.of("xs", List.of("a", "b"))));
        }
        long unloaded = 0;
        for (int attempt = 0; attempt < 20 && unloaded < n * 9L / 10; attempt++) {
            System.gc();
            Thread.sleep(50);
            unloaded = classes.getUnloadedClassCount() - unloadedBefore;
        }
        assertTrue(unloaded >= n * 9L / 10, "only " + unloaded + " classes unloaded after dropping " + n
                + " templates");
    }
}
