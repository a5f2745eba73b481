package dev.zweig.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateLoaderException;
import org.junit.jupiter.api.Test;

class ClasspathLoaderTest {
    private final ClassLoader cl = ClasspathLoaderTest.class.getClassLoader();

    private static String message(Runnable r) {
        return assertThrows(TemplateLoaderException.class, r::run).getMessage();
    }

    @Test
    void loadsResourcesUnderThePrefix() {
        ClasspathLoader loader = new ClasspathLoader("loader-fixtures", cl);
        assertEquals("Hello from the classpath", loader.load("hello.twig").code());
        assertEquals("nested", loader.load("sub/nested.twig").code());
        assertEquals("hello.twig", loader.load("hello.twig").name());
        assertTrue(loader.exists("sub/nested.twig"));
    }

    @Test
    void prefixSlashesAreOptional() {
        assertEquals("nested", new ClasspathLoader("/loader-fixtures/", cl).load("sub/nested.twig").code());
        assertEquals("nested", new ClasspathLoader("", cl).load("loader-fixtures/sub/nested.twig").code());
        assertEquals("loader-fixtures", new ClasspathLoader("/loader-fixtures/", cl).prefix());
    }

    @Test
    void normalizesNames() {
        ClasspathLoader loader = new ClasspathLoader("loader-fixtures", cl);
        assertEquals("nested", loader.load("/sub//nested.twig").code());
        assertEquals("nested", loader.load("sub\\nested.twig").code());
        assertEquals("nested", loader.load("./sub/../sub/nested.twig").code());
    }

    @Test
    void missingTemplate() {
        ClasspathLoader loader = new ClasspathLoader("loader-fixtures", cl);
        assertFalse(loader.exists("nope.twig"));
        assertFalse(loader.exists("sub"));
        assertEquals("Unable to find template \"nope.twig\" (looked into: classpath:loader-fixtures).",
                message(() -> loader.load("nope.twig")));
    }

    @Test
    void refusesNamesOutsideThePrefix() {
        ClasspathLoader loader = new ClasspathLoader("loader-fixtures", cl);
        // the resource exists next to the prefix, but must not be reachable
        assertTrue(cl.getResource("loader-secret.txt") != null);
        assertEquals("Looks like you try to load a template outside configured directories (../loader-secret.txt).",
                message(() -> loader.load("../loader-secret.txt")));
        assertEquals("Looks like you try to load a template outside configured directories (sub/../../loader-secret.txt).",
                message(() -> loader.load("sub/../../loader-secret.txt")));
        assertFalse(loader.exists("../loader-secret.txt"));
        assertEquals("A template name cannot contain NUL bytes.", message(() -> loader.load("hello.twig\0")));
    }

    @Test
    void versionOfAPlainFileIsItsModificationTime() {
        ClasspathLoader loader = new ClasspathLoader("loader-fixtures", cl);
        // test resources are plain files under target/test-classes
        assertTrue(loader.version("hello.twig") > 0);
    }
}
