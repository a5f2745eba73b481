package dev.zweig.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateLoaderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainLoaderTest {
    private final MapLoader first = new MapLoader(Map.of("a.twig", "first a", "only-first.twig", "1"));
    private final MapLoader second = new MapLoader(Map.of("a.twig", "second a", "b.twig", "second b"));

    @Test
    void firstLoaderThatHasTheTemplateWins() {
        ChainLoader chain = new ChainLoader(first, second);
        assertEquals("first a", chain.load("a.twig").code());
        assertEquals("second b", chain.load("b.twig").code());
        assertEquals("1", chain.load("only-first.twig").code());
        assertTrue(chain.exists("b.twig"));
        assertFalse(chain.exists("c.twig"));
    }

    @Test
    void errorListsEveryLoader(@TempDir Path dir) {
        ChainLoader chain = new ChainLoader(first, new FileSystemLoader(dir));
        TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> chain.load("c.twig"));
        assertEquals("Template \"c.twig\" is not defined (Template \"c.twig\" is not defined., "
                + "Unable to find template \"c.twig\" (looked into: " + dir + ").).", e.getMessage());
    }

    @Test
    void emptyChain() {
        ChainLoader chain = new ChainLoader();
        assertFalse(chain.exists("a.twig"));
        assertEquals("Template \"a.twig\" is not defined.",
                assertThrows(TemplateLoaderException.class, () -> chain.load("a.twig")).getMessage());
    }

    @Test
    void versionComesFromTheProvidingLoader(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.twig"), "file b");
        Files.setLastModifiedTime(dir.resolve("b.twig"), FileTime.fromMillis(1_234_567_000L));
        ChainLoader chain = new ChainLoader(first, new FileSystemLoader(dir), second);
        assertEquals(0L, chain.version("a.twig"));
        assertEquals(1_234_567_000L, chain.version("b.twig"));
        assertEquals("file b", chain.load("b.twig").code());
        assertThrows(TemplateLoaderException.class, () -> chain.version("zzz.twig"));
    }
}
