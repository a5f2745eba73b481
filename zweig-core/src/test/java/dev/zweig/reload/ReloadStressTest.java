package dev.zweig.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.FileSystemLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** autoReload under load, the bounded cache, and templates broken by an edit. */
class ReloadStressTest {
    @TempDir
    Path dir;

    /** Strictly increasing modification times, whatever the file system's timestamp granularity. */
    private long clock = System.currentTimeMillis() - 3_600_000L;

    private void write(String name, String content) throws IOException {
        Path tmp = dir.resolve(name + ".tmp");
        Files.writeString(tmp, content);
        clock += 2000;
        Files.setLastModifiedTime(tmp, java.nio.file.attribute.FileTime.fromMillis(clock));
        // atomic replace: a reader sees the old file or the new one, never half of one
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Test
    void sixteenThreadsSeeOldOrNewOutputWholeWhileTemplatesChange() throws Exception {
        write("page.twig", version(0));
        Environment env = Environment.builder().loader(new FileSystemLoader(dir)).autoReload(true).build();
        int versions = 20;
        Set<String> valid = ConcurrentHashMap.newKeySet();
        for (int v = 0; v < versions; v++) {
            valid.add(expected(v));
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch started = new CountDownLatch(16);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<Future<Integer>> results = new java.util.ArrayList<>();
        for (int t = 0; t < 16; t++) {
            results.add(pool.submit(() -> {
                started.countDown();
                int renders = 0;
                while (!stop.get()) {
                    String out = env.render("page.twig", Map.of("items", List.of(1, 2, 3)));
                    if (!valid.contains(out)) {
                        throw new AssertionError("mixed or broken output: " + out);
                    }
                    seen.add(out);
                    renders++;
                }
                return renders;
            }));
        }
        started.await();
        for (int v = 1; v < versions; v++) {
            Thread.sleep(15);
            write("page.twig", version(v));
        }
        Thread.sleep(50);
        stop.set(true);
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue(total > 16, "renders happened: " + total);
        assertTrue(seen.contains(expected(versions - 1)), "the last version was picked up");
        assertTrue(seen.size() > 1, "several versions were seen: " + seen.size());
    }

    private static String version(int v) {
        return "{% for i in items %}v" + v + ":{{ i }};{% endfor %}{{ 'end" + v + "' }}";
    }

    private static String expected(int v) {
        return "v" + v + ":1;v" + v + ":2;v" + v + ":3;end" + v;
    }

    @Test
    void aTemplateBrokenByAnEditKeepsFailingAndDoesNotPoisonOthers() throws Exception {
        write("a.twig", "A{{ 1 }}");
        write("b.twig", "B{{ 2 }}");
        Environment env = Environment.builder().loader(new FileSystemLoader(dir)).autoReload(true).build();
        assertEquals("A1", env.render("a.twig", Map.of()));
        assertEquals("B2", env.render("b.twig", Map.of()));
        Thread.sleep(20);
        write("a.twig", "A{{ 1 +  }}");
        for (int i = 0; i < 3; i++) {
            TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                    () -> env.render("a.twig", Map.of()));
            assertEquals("a.twig", e.getTemplateName());
            assertEquals(1, e.getLine());
        }
        assertEquals("B2", env.render("b.twig", Map.of()));
        Thread.sleep(20);
        write("a.twig", "A{{ 3 }}");
        assertEquals("A3", env.render("a.twig", Map.of()));
    }

    @Test
    void withoutAutoReloadTheCompiledTemplateStays() throws Exception {
        write("a.twig", "one");
        Environment env = Environment.builder().loader(new FileSystemLoader(dir)).build();
        assertEquals("one", env.render("a.twig", Map.of()));
        Thread.sleep(20);
        write("a.twig", "two");
        assertEquals("one", env.render("a.twig", Map.of()));
    }

    @Test
    void theCacheIsBounded() throws Exception {
        for (int i = 0; i < 50; i++) {
            write("t" + i + ".twig", "T" + i);
        }
        Environment env = Environment.builder().loader(new FileSystemLoader(dir)).cacheSize(10).build();
        for (int i = 0; i < 50; i++) {
            assertEquals("T" + i, env.render("t" + i + ".twig", Map.of()));
            assertTrue(env.cachedTemplateCount() <= 10, "cache size " + env.cachedTemplateCount());
        }
        // recently used ones stay, evicted ones compile again on demand
        assertEquals("T49", env.render("t49.twig", Map.of()));
        assertEquals("T0", env.render("t0.twig", Map.of()));
        assertEquals(10, env.cachedTemplateCount());
    }
}
