package dev.zweig.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zweig.TemplateLoaderException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemLoaderTest {
    @TempDir
    Path tmp;
    Path root;
    Path admin;
    Path outside;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("templates"));
        admin = Files.createDirectories(tmp.resolve("admin"));
        outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(root.resolve("index.twig"), "Hello {{ name }}");
        Files.createDirectories(root.resolve("partials"));
        Files.writeString(root.resolve("partials/menu.twig"), "menu");
        Files.writeString(admin.resolve("index.twig"), "admin index");
        Files.writeString(outside.resolve("secret.twig"), "secret");
    }

    private static String message(Runnable r) {
        return assertThrows(TemplateLoaderException.class, r::run).getMessage();
    }

    @Test
    void loadsFromRootAndSubdirectory() {
        FileSystemLoader loader = new FileSystemLoader(root);
        TemplateSource src = loader.load("index.twig");
        assertEquals("index.twig", src.name());
        assertEquals("Hello {{ name }}", src.code());
        assertEquals("menu", loader.load("partials/menu.twig").code());
        assertTrue(loader.exists("partials/menu.twig"));
    }

    @Test
    void normalizesSlashesAndDotsLikeTwig() {
        FileSystemLoader loader = new FileSystemLoader(root);
        assertEquals("menu", loader.load("partials//menu.twig").code());
        assertEquals("menu", loader.load("partials\\menu.twig").code());
        assertEquals("menu", loader.load("./partials/../partials/menu.twig").code());
        // a leading slash is relative to the root, as in Twig: never the file-system root
        assertEquals("Hello {{ name }}", loader.load("/index.twig").code());
    }

    @Test
    void readsUtf8() throws IOException {
        Files.writeString(root.resolve("utf8.twig"), "Grüße – ✓");
        assertEquals("Grüße – ✓", new FileSystemLoader(root).load("utf8.twig").code());
    }

    @Test
    void missingTemplateListsTheDirectories() {
        FileSystemLoader loader = new FileSystemLoader(root, admin);
        assertFalse(loader.exists("nope.twig"));
        assertEquals("Unable to find template \"nope.twig\" (looked into: " + root + ", " + admin + ").",
                message(() -> loader.load("nope.twig")));
        // a directory is not a template
        assertFalse(loader.exists("partials"));
    }

    @Test
    void firstRootWins() throws IOException {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Files.writeString(other.resolve("index.twig"), "other");
        Files.writeString(other.resolve("only-other.twig"), "only other");
        FileSystemLoader loader = new FileSystemLoader(root, other);
        assertEquals("Hello {{ name }}", loader.load("index.twig").code());
        assertEquals("only other", loader.load("only-other.twig").code());
        loader.prependPath(other, FileSystemLoader.MAIN_NAMESPACE);
        assertEquals("other", loader.load("index.twig").code());
        assertEquals(List.of(other, root, other), loader.paths(FileSystemLoader.MAIN_NAMESPACE));
    }

    @Test
    void namespaces() {
        FileSystemLoader loader = new FileSystemLoader(root).addPath(admin, "admin");
        assertEquals("admin index", loader.load("@admin/index.twig").code());
        assertEquals("Hello {{ name }}", loader.load("index.twig").code());
        assertTrue(loader.exists("@admin/index.twig"));
        assertFalse(loader.exists("@admin/partials/menu.twig"));
        assertEquals("Unable to find template \"@admin/menu.twig\" (looked into: " + admin + ").",
                message(() -> loader.load("@admin/menu.twig")));
        assertEquals("There are no registered paths for namespace \"shop\".",
                message(() -> loader.load("@shop/index.twig")));
        assertEquals("Malformed namespaced template name \"@admin\" (expecting \"@namespace/template_name\").",
                message(() -> loader.load("@admin")));
        assertTrue(loader.namespaces().contains("admin"));
    }

    @Test
    void namespaceMapConstructor() {
        FileSystemLoader loader = new FileSystemLoader(
                Map.of(FileSystemLoader.MAIN_NAMESPACE, List.of(root), "admin", List.of(admin)));
        assertEquals("admin index", loader.load("@admin/index.twig").code());
        assertEquals("menu", loader.load("partials/menu.twig").code());
    }

    @Test
    void refusesDotDotThatLeavesTheRoot() {
        FileSystemLoader loader = new FileSystemLoader(root).addPath(admin, "admin");
        assertEquals("Looks like you try to load a template outside configured directories (../outside/secret.twig).",
                message(() -> loader.load("../outside/secret.twig")));
        assertEquals("Looks like you try to load a template outside configured directories (partials/../../x.twig).",
                message(() -> loader.load("partials/../../x.twig")));
        // a namespace is its own root: climbing out of it is refused too
        assertEquals("Looks like you try to load a template outside configured directories (../templates/index.twig).",
                message(() -> loader.load("@admin/../templates/index.twig")));
        assertEquals("Looks like you try to load a template outside configured directories (../outside/secret.twig).",
                message(() -> loader.load("/../outside/secret.twig")));
        assertFalse(loader.exists("../outside/secret.twig"));
    }

    @Test
    void absolutePathsOutsideTheRootsAreRefused() {
        FileSystemLoader loader = new FileSystemLoader(root);
        String abs = outside.resolve("secret.twig").toString();
        assertTrue(Files.exists(Path.of(abs)));
        assertFalse(loader.exists(abs));
        assertEquals("Looks like you try to load a template outside configured directories (" + abs + ").",
                message(() -> loader.load(abs)));
    }

    @Test
    void refusesNulBytes() {
        FileSystemLoader loader = new FileSystemLoader(root);
        assertEquals("A template name cannot contain NUL bytes.", message(() -> loader.load("index.twig\0.txt")));
        assertFalse(loader.exists("index.twig\0"));
    }

    @Test
    void refusesSymlinkThatResolvesOutside() throws IOException {
        Path link = root.resolve("escape.twig");
        Path dirLink = root.resolve("escape-dir");
        try {
            Files.createSymbolicLink(link, outside.resolve("secret.twig"));
            Files.createSymbolicLink(dirLink, outside);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        FileSystemLoader loader = new FileSystemLoader(root);
        assertEquals("Looks like you try to load a template outside configured directories (escape.twig).",
                message(() -> loader.load("escape.twig")));
        assertEquals("Looks like you try to load a template outside configured directories (escape-dir/secret.twig).",
                message(() -> loader.load("escape-dir/secret.twig")));
        assertFalse(loader.exists("escape.twig"));
    }

    @Test
    void allowsSymlinkThatStaysInside() throws IOException {
        Path link = root.resolve("alias.twig");
        try {
            Files.createSymbolicLink(link, root.resolve("partials/menu.twig"));
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        assertEquals("menu", new FileSystemLoader(root).load("alias.twig").code());
    }

    @Test
    void rootThatIsItselfASymlinkWorks() throws IOException {
        Path linkedRoot = tmp.resolve("linked-root");
        try {
            Files.createSymbolicLink(linkedRoot, root);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        assertEquals("menu", new FileSystemLoader(linkedRoot).load("partials/menu.twig").code());
    }

    @Test
    void missingDirectoryIsRefusedAtConstruction() {
        Path missing = tmp.resolve("missing");
        assertEquals("The \"" + missing + "\" directory does not exist (\"" + missing.toAbsolutePath() + "\").",
                message(() -> new FileSystemLoader(missing)));
    }

    @Test
    void versionIsLastModifiedMillis() throws IOException {
        FileSystemLoader loader = new FileSystemLoader(root);
        Files.setLastModifiedTime(root.resolve("index.twig"), FileTime.fromMillis(1_600_000_000_000L));
        assertEquals(1_600_000_000_000L, loader.version("index.twig"));
        Files.setLastModifiedTime(root.resolve("index.twig"), FileTime.fromMillis(1_700_000_000_000L));
        assertEquals(1_700_000_000_000L, loader.version("index.twig"));
    }

    @Test
    void noticesDeletedAndNewFiles() throws IOException {
        FileSystemLoader loader = new FileSystemLoader(root);
        assertTrue(loader.exists("partials/menu.twig"));
        Files.delete(root.resolve("partials/menu.twig"));
        assertFalse(loader.exists("partials/menu.twig"));
        Files.writeString(root.resolve("late.twig"), "late");
        assertEquals("late", loader.load("late.twig").code());
    }

    // ---- a loaded file later swapped for a symbolic link leading out of the root ----------------------------

    private static void link(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
    }

    /** Renders through an Environment (cache on, auto-reload as given) and the loader itself after the swap. */
    private void assertSwapRefused(String name, Runnable swap, boolean autoReload) {
        FileSystemLoader loader = new FileSystemLoader(root);
        dev.zweig.Environment env = dev.zweig.Environment.builder().loader(loader).autoReload(autoReload).build();
        String before = env.render(name, Map.of());
        assertFalse(before.contains("secret"));
        swap.run();
        // the loader the file was first found with refuses it from now on (before: its remembered path was used)
        assertEquals("Looks like you try to load a template outside configured directories (" + name + ").",
                message(() -> loader.load(name)));
        assertThrows(TemplateLoaderException.class, () -> loader.version(name));
        assertFalse(loader.exists(name));
        // an Environment checking for changes refuses it; one that does not keeps serving what it compiled before
        // the swap, and never reads the file again
        if (autoReload) {
            assertThrows(TemplateLoaderException.class, () -> env.render(name, Map.of()));
        } else {
            assertEquals(before, env.render(name, Map.of()));
        }
        // any other Environment over the same loader refuses it
        dev.zweig.Environment other = dev.zweig.Environment.builder().loader(loader).autoReload(autoReload).build();
        assertThrows(TemplateLoaderException.class, () -> other.render(name, Map.of()));
        dev.zweig.Environment uncached = dev.zweig.Environment.builder().loader(loader).cache(false).build();
        assertThrows(TemplateLoaderException.class, () -> uncached.render(name, Map.of()));
    }

    @Test
    void aFileSwappedForALinkOutOfTheRootIsRefusedOnEveryLaterLoad() throws IOException {
        link(tmp.resolve("probe-link"), outside);
        for (boolean autoReload : new boolean[] {true, false}) {
            Files.writeString(root.resolve("page.twig"), "page");
            assertSwapRefused("page.twig", () -> {
                try {
                    Files.delete(root.resolve("page.twig"));
                    Files.createSymbolicLink(root.resolve("page.twig"), outside.resolve("secret.twig"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, autoReload);
            Files.delete(root.resolve("page.twig"));
        }
    }

    @Test
    void aDirectorySwappedForALinkOutOfTheRootIsRefusedOnEveryLaterLoad() throws IOException {
        link(tmp.resolve("probe-link"), outside);
        for (boolean autoReload : new boolean[] {true, false}) {
            Path dir = Files.createDirectories(root.resolve("mail"));
            Files.writeString(dir.resolve("secret.twig"), "mail");
            assertSwapRefused("mail/secret.twig", () -> {
                try {
                    Files.delete(dir.resolve("secret.twig"));
                    Files.delete(dir);
                    Files.createSymbolicLink(dir, outside);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, autoReload);
            Files.delete(dir);
        }
    }

    @Test
    void namesOfOneFileShareOneCacheKeyAndTheLoaderRemembersBoundedlyMany() throws IOException {
        FileSystemLoader loader = new FileSystemLoader(root);
        for (String n : List.of("partials/menu.twig", "./partials/menu.twig", "x/../partials/menu.twig",
                "/partials/menu.twig", "partials//menu.twig", "partials\\menu.twig", "@__main__/partials/menu.twig")) {
            assertEquals("partials/menu.twig", loader.cacheKey(n), n);
        }
        assertEquals("@admin/index.twig", loader.cacheKey("@admin/x/../index.twig"));
        assertThrows(TemplateLoaderException.class, () -> loader.cacheKey("../index.twig"));
        for (int i = 0; i < FileSystemLoader.MAX_FOUND * 3; i++) {
            loader.load("d" + i + "/../index.twig");
        }
        assertTrue(loader.rememberedNames() <= FileSystemLoader.MAX_FOUND, "remembered " + loader.rememberedNames());
        assertEquals(1, loader.rememberedNames()); // all those names are one file
    }
}
