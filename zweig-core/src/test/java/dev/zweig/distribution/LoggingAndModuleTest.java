package dev.zweig.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Zweig as a library: it logs through System.Logger (here its default backend, java.util.logging) and its module
 * descriptor exports the public packages only.
 */
class LoggingAndModuleTest {
    @Test
    void compilationsAreLoggedAtDebugThroughSystemLogger() {
        Logger jul = Logger.getLogger("dev.zweig");
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Level previous = jul.getLevel();
        jul.setLevel(Level.FINE);
        jul.addHandler(handler);
        try {
            Environment env = Environment.builder().loader(new MapLoader(Map.of("logged.twig", "hi"))).build();
            assertEquals("hi", env.render("logged.twig", Map.of()));
            assertEquals("hi", env.render("logged.twig", Map.of())); // cached: not compiled again
        } finally {
            jul.removeHandler(handler);
            jul.setLevel(previous);
        }
        assertEquals(1, records.size(), records.toString());
        assertEquals(Level.FINE, records.get(0).getLevel());
        assertTrue(records.get(0).getMessage().startsWith("Compiled template \"logged.twig\" in "),
                records.get(0).getMessage());
    }

    @Test
    void bothExecutorsRenderWhenZweigIsANamedModule() throws Exception {
        // the compiled template classes live in loaders of their own: on the module path they reach the engine only
        // through the package the module opens to them when it defines them
        Path asm = Path.of(org.objectweb.asm.ClassWriter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path launcher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(launcher.toString(), "--module-path",
                Path.of("target", "classes") + java.io.File.pathSeparator + asm, "--add-modules", "dev.zweig",
                "-cp", Path.of("target", "test-classes").toString(), ModulePathMain.class.getName())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("COMPILED true <[Ann]12XX(3,6A3)>\nINTERPRETED true <[Ann]12XX(3,6A3)>\n", out.replace("\r\n", "\n"));
    }

    @Test
    void theModuleExportsThePublicPackagesOnly() {
        Path classes = Path.of("target", "classes");
        ModuleReference ref = ModuleFinder.of(classes).findAll().iterator().next();
        ModuleDescriptor d = ref.descriptor();
        assertEquals("dev.zweig", d.name());
        assertTrue(!d.isAutomatic() && !d.isOpen());
        Set<String> exported = new TreeSet<>();
        d.exports().forEach(e -> {
            assertTrue(e.targets().isEmpty(), "qualified export " + e);
            exported.add(e.source());
        });
        assertEquals(new TreeSet<>(Set.of("dev.zweig", "dev.zweig.ext", "dev.zweig.loader", "dev.zweig.output",
                "dev.zweig.sandbox")), exported);
        // one package per stage, none of them exported (custom tags and passes see the tree through dev.zweig.ext)
        assertTrue(d.packages().containsAll(Set.of("dev.zweig.lexer", "dev.zweig.parser", "dev.zweig.ast",
                "dev.zweig.core", "dev.zweig.pass", "dev.zweig.parser.tags",
                "dev.zweig.semantics", "dev.zweig.interpreter", "dev.zweig.bytecode", "dev.zweig.runtime",
                "dev.zweig.php", "dev.zweig.engine")));
        // nothing but the JDK's base module and ASM (the compiled executor writes classes with it)
        d.requires().forEach(r -> assertTrue(Set.of("java.base", "org.objectweb.asm").contains(r.name()), r.name()));
    }
}
