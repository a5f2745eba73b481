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
                "dev.zweig.sandbox", "dev.zweig.runtime", "dev.zweig.parser", "dev.zweig.ast", "dev.zweig.lexer")),
                exported);
        assertTrue(d.packages().containsAll(Set.of("dev.zweig.core", "dev.zweig.pass", "dev.zweig.parser.tags")));
        // nothing but the JDK's base module and ASM (the compiled executor writes classes with it)
        d.requires().forEach(r -> assertTrue(Set.of("java.base", "org.objectweb.asm").contains(r.name()), r.name()));
    }
}
