package dev.zweig.runtime;

import dev.zweig.engine.Engine;
import dev.zweig.semantics.Attributes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateLoaderException;
import dev.zweig.loader.ChainLoader;
import dev.zweig.loader.ClasspathLoader;
import dev.zweig.loader.FileSystemLoader;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.loader.TemplateSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing a template chooses grows a cache without bound: attribute names built at run time, case variants of a
 * member, template names built at run time, templates made from strings. Sizes are read from the caches
 * themselves, not inferred from timings.
 */
class CacheBoundsTest {

    public static class Bean {
        public String getName() {
            return "bean";
        }

        public String getAbcdefghijklmnop() {
            return "long";
        }
    }

    /** A loader that serves a template for any name (a database of pages, say). */
    private static final class AnyNameLoader implements Loader {
        @Override
        public TemplateSource load(String name) {
            return new TemplateSource(name, "[" + name + "]");
        }

        @Override
        public boolean exists(String name) {
            return name != null;
        }
    }

    private static Environment env(Loader loader) {
        return Environment.builder().loader(loader).autoescape(false).build();
    }

    @Test
    void attributeNamesBuiltAtRunTime() {
        Environment env = env(new MapLoader(Map.of()));
        String out = env.createTemplate("{% for i in 1..200000 %}{{ attribute(b, 'n' ~ i) }}{% endfor %}"
                + "{{ attribute(b, 'name') }}").render(Map.of("b", new Bean()));
        assertEquals("bean", out);
        assertTrue(Attributes.cachedNames(Bean.class) <= Attributes.MAX_CACHED_NAMES,
                "names cached: " + Attributes.cachedNames(Bean.class));
    }

    @Test
    void caseVariantsOfOneMemberShareOneHandle() {
        Environment env = env(new MapLoader(Map.of()));
        // 2^12 spellings of one getter
        String out = env.createTemplate("{% set s = 'abcdefghijkl' %}{% for i in 0..4095 %}"
                + "{% set n = '' %}{% for k in 0..11 %}{% set c = s[k:1] %}"
                + "{% set n = n ~ ((i b-and (2 ** k)) ? c|upper : c) %}{% endfor %}"
                + "{% if attribute(b, n ~ 'mnop') != 'long' %}wrong {{ n }}{% endif %}{% endfor %}ok")
                .render(Map.of("b", new Bean()));
        assertEquals("ok", out);
        assertTrue(Attributes.cachedNames(Bean.class) <= Attributes.MAX_CACHED_NAMES);
        assertTrue(Attributes.madeMembers(Bean.class) <= 2, "handles: " + Attributes.madeMembers(Bean.class));
    }

    @Test
    void templateNamesBuiltAtRunTimeStayWithinTheCacheSize() {
        assertEquals(Environment.DEFAULT_CACHE_SIZE, env(new AnyNameLoader()).cacheSize(), "bounded by default");
        Environment env = Environment.builder().loader(new AnyNameLoader()).autoescape(false).cacheSize(100).build();
        String out = env.createTemplate("{% for i in 1..3000 %}{% include 'p' ~ i ~ '.twig' %}{% endfor %}"
                + "{% include 'p1.twig' %}").render(Map.of());
        assertTrue(out.startsWith("[p1.twig][p2.twig]") && out.endsWith("[p3000.twig][p1.twig]"));
        assertTrue(env.cachedTemplateCount() <= 100, "cached: " + env.cachedTemplateCount());
    }

    @Test
    void oneTemplateIsOneCacheEntryHoweverItIsNamed(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("x"));
        Files.writeString(dir.resolve("a.twig"), "A");
        Loader[] loaders = {new FileSystemLoader(dir), new ClasspathLoader("loader-fixtures"),
            new ChainLoader(new FileSystemLoader(dir), new ClasspathLoader("loader-fixtures"))};
        String[][] names = {{"a.twig", "x/../a.twig", "./a.twig", "/a.twig", "x//..//a.twig"},
            {"hello.twig", "sub/../hello.twig", "./hello.twig", "/hello.twig"},
            {"a.twig", "x/../a.twig", "./a.twig"}};
        for (int i = 0; i < loaders.length; i++) {
            Environment env = env(loaders[i]);
            Template first = env.load(names[i][0]);
            for (String other : names[i]) {
                assertSame(first, env.load(other), other);
            }
            assertEquals(1, env.cachedTemplateCount(), loaders[i].getClass().getSimpleName());
        }
        // a map loader's names are its keys: no normalisation, as Twig's ArrayLoader
        Environment map = env(new MapLoader(Map.of("a.twig", "A")));
        map.load("a.twig");
        org.junit.jupiter.api.Assertions.assertThrows(TemplateLoaderException.class, () -> map.load("x/../a.twig"));
        assertEquals(1, map.cachedTemplateCount());
    }

    @Test
    void templatesFromStringsAddNoNames() {
        Environment env = env(new MapLoader(Map.of()));
        Engine engine = engineOf(env);
        String source = "{% import _self as m %}{% macro f(x) %}{{ x|upper }}{% endmacro %}{{ m.f(v) }}";
        Template warm = engine.createTemplate(source, null);
        assertEquals("A", warm.render(Map.of("v", "a")));
        int symbols = engine.symbols().size();
        for (int i = 0; i < 2_000; i++) {
            Template t = engine.createTemplate(source, null);
            assertEquals(warm.name(), t.name());
            assertEquals("B", t.render(Map.of("v", "b")));
        }
        assertEquals(symbols, engine.symbols().size(), "compiling the same source again added names");
    }

    @Test
    void callSiteIdsWrapAndSitesSharingAnIdStillComputeRight() {
        Environment env = env(new MapLoader(Map.of()));
        Engine engine = engineOf(env);
        int before = engine.newSite();
        Template a = engine.createTemplate("{{ [1]|map(x => x + 1)|first }}", null);
        // use up the ids until they wrap: b's call sites get exactly a's ids
        for (int id = engine.newSite(); id != before; id = engine.newSite()) {
            assertTrue(id < Engine.MAX_SITES);
        }
        Template b = engine.createTemplate("{{ [1]|map(x => x + 100)|first }}", null);
        // a and b run one after the other in the same (reused) frame: a cached arrow must not serve b
        Template both = engine.createTemplate("{{ include(a) }}{{ include(b) }}{{ include(a) }}", null);
        assertEquals("21012", both.render(Map.of("a", a, "b", b)));
        assertEquals("21012", both.render(Map.of("a", a, "b", b)));
    }

    /** A second engine with the Environment's options (the Environment's own is not reachable). */
    private static Engine engineOf(Environment env) {
        return new Engine(new dev.zweig.engine.Settings(env.loader(), env.autoescape(), env.strictVariables(),
                env.cache(), env.cacheSize(), env.autoReload(), env.debug(), env.timezone(), env.globals(),
                env.extensions(), Map.of(), env.securityPolicy(), env.sandboxed(), env.limits(), env.executor()), env);
    }
}
