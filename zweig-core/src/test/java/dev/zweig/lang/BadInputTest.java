package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLoaderException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.ChainLoader;
import dev.zweig.loader.ClasspathLoader;
import dev.zweig.loader.FileSystemLoader;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.Output;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every public entry point turns bad input into a TemplateException naming what it can, never a raw
 * NullPointerException or IllegalArgumentException. Before, {@code createTemplate(null)} and rendering into a
 * null Appendable, OutputStream or StringBuilder threw NullPointerExceptions.
 */
class BadInputTest {
    private final Environment env = Environment.builder()
            .loader(new MapLoader(Map.of("page.twig", "{% block body %}B{% endblock %}"))).build();

    private static <T extends TemplateException> T refused(Class<T> type, Executable call) {
        return assertThrows(type, call);
    }

    @Test
    void templateNames() {
        refused(TemplateLoaderException.class, () -> env.load(null));
        refused(TemplateLoaderException.class, () -> env.load(""));
        refused(TemplateLoaderException.class, () -> env.load("   "));
        refused(TemplateLoaderException.class, () -> env.render(null, Map.of()));
        refused(TemplateLoaderException.class, () -> env.render("", Map.of()));
        refused(TemplateLoaderException.class, () -> env.render("missing.twig", Map.of()));
    }

    @Test
    void sources() {
        TemplateLoaderException e = refused(TemplateLoaderException.class, () -> env.createTemplate(null));
        assertEquals("The source of a template cannot be null.", e.getRawMessage());
        refused(TemplateLoaderException.class, () -> env.createTemplate(null, "named.twig"));
        // a blank display name is no name: the template gets a generated one
        assertEquals("x", env.createTemplate("x", " ").render(Map.of()));
    }

    @Test
    void contexts() {
        Template t = env.load("page.twig");
        assertEquals("B", t.render(null));
        assertEquals("B", env.render("page.twig", null));
        assertEquals("B", t.renderBlock("body", null));
    }

    @Test
    void blockNames() {
        Template t = env.load("page.twig");
        TemplateRuntimeException nul = refused(TemplateRuntimeException.class, () -> t.renderBlock(null, Map.of()));
        assertEquals("A block name cannot be null in \"page.twig\".", nul.getMessage());
        refused(TemplateRuntimeException.class, () -> t.renderBlock("", Map.of()));
        refused(TemplateRuntimeException.class, () -> t.renderBlock("nope", Map.of()));
        refused(TemplateRuntimeException.class, () -> t.renderBlock("not a name!", Map.of()));
        refused(TemplateRuntimeException.class, () -> t.hasBlock(null));
        refused(TemplateRuntimeException.class, () -> t.hasBlock(""));
        assertFalse(t.hasBlock("nope"));
    }

    @Test
    void outputs() {
        Template t = env.load("page.twig");
        refused(TemplateRuntimeException.class, () -> t.render(Map.of(), (Appendable) null));
        refused(TemplateRuntimeException.class, () -> t.render(Map.of(), (StringBuilder) null));
        refused(TemplateRuntimeException.class, () -> t.render(Map.of(), (OutputStream) null));
        refused(TemplateRuntimeException.class, () -> t.render(Map.of(), (Output) null));
    }

    @Test
    void hasBlockOfATemplateWhoseParentIsMissing() {
        Environment broken = Environment.builder().loader(new MapLoader(Map.of("child.twig",
                "{% extends 'gone.twig' %}"))).build();
        Template t = broken.load("child.twig");
        refused(TemplateLoaderException.class, () -> t.hasBlock("body"));
    }

    @Test
    void loaders(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.twig"), "a");
        Loader[] loaders = {new MapLoader(Map.of("a.twig", "a")), new FileSystemLoader(dir),
            new ClasspathLoader("templates"), new ChainLoader(new MapLoader(Map.of()), new FileSystemLoader(dir))};
        for (Loader l : loaders) {
            refused(TemplateLoaderException.class, () -> l.load(null));
            refused(TemplateLoaderException.class, () -> l.load(""));
            refused(TemplateLoaderException.class, () -> l.load("../x.twig"));
            assertFalse(l.exists(null), l.getClass().getSimpleName());
            Environment e = Environment.builder().loader(l).build();
            refused(TemplateLoaderException.class, () -> e.load(null));
            refused(TemplateLoaderException.class, () -> e.load("a\0.twig"));
            refused(TemplateLoaderException.class, () -> e.render("../../etc/passwd", Map.of()));
        }
        refused(TemplateLoaderException.class, () -> new FileSystemLoader(dir.resolve("missing")));
    }
}
