package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.AppendableOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Held-out pages (issue 10, "Verification"), shared by HeldOutPagesTest and HeldOutPages2Test: each page lives in
 * {@code <folder>/<page>/} (its templates, data.json and expected.html, real Twig's output written by
 * scripts/heldout/gen.py); {@code <folder>/pages.txt} lists the pages and their templates. Every page must render
 * exactly as Twig and, into a reused Appendable after a warm-up, allocate less than one byte per render, on the
 * executor the build runs the suite with, unless the subclass lists it, with what allocates, as still allocating.
 */
abstract class HeldOutPages {
    /** Bytes per render tolerated: under one (a single stray object over the measured renders stays below it). */
    private static final double BOUND = 1.0;

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    /** One page: its templates, its data and what Twig renders. */
    record Page(String name, Map<String, String> templates, Map<String, Object> data, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final String folder;
    private final int minPages;
    private final Map<String, String> stillAllocating;

    /**
     * @param folder the resource folder of the pages
     * @param minPages how many pages the folder holds at least (a lost pages.txt line fails)
     * @param stillAllocating the pages left out of the allocation bound, each with what allocates (not skipped:
     *     whoever removes a site removes the page from the list and the bound applies)
     */
    HeldOutPages(String folder, int minPages, Map<String, String> stillAllocating) {
        this.folder = folder;
        this.minPages = minPages;
        this.stillAllocating = stillAllocating;
    }

    /** Where a page's data holds Java objects instead of the maps and lists read from data.json. */
    abstract Map<String, Object> javaObjects(String page, Map<String, Object> data);

    final Stream<Page> pages() {
        List<Page> pages = new ArrayList<>();
        for (String line : resource("pages.txt").split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.trim().split(" ");
            Map<String, String> templates = new LinkedHashMap<>();
            for (int i = 1; i < parts.length; i++) {
                templates.put(parts[i], resource(parts[0] + "/" + parts[i]));
            }
            pages.add(new Page(parts[0], templates, javaObjects(parts[0], data(resource(parts[0] + "/data.json"))),
                    resource(parts[0] + "/expected.html")));
        }
        assertTrue(pages.size() >= minPages, pages.size() + " pages in " + folder);
        return pages.stream();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(String json) {
        try {
            return JSON.readValue(json, LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String resource(String name) {
        String path = folder + "/" + name;
        try (InputStream in = HeldOutPages.class.getResourceAsStream("/" + path)) {
            assertNotNull(in, path + " is not on the test class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Template load(Page page) {
        return Environment.builder().loader(new MapLoader(page.templates())).strictVariables(true)
                .timezone(ZoneId.of("UTC")).global("global", "global").build().load("index.twig");
    }

    @TestFactory
    Stream<DynamicTest> rendersAsTwig() {
        return pages().map(p -> DynamicTest.dynamicTest(p.name(), () -> assertRendersAsTwig(p)));
    }

    private static void assertRendersAsTwig(Page page) {
        Template t = load(page);
        assertEquals(page.expected(), t.render(page.data()));
        StringBuilder sb = new StringBuilder();
        t.render(page.data(), new AppendableOutput(sb));
        assertEquals(page.expected(), sb.toString(), "into an Appendable");
    }

    @Test
    void everyPageIsMeasuredOrListedWithItsAllocations() {
        List<String> names = pages().map(Page::name).toList();
        assertTrue(names.containsAll(stillAllocating.keySet()), "a listed page does not exist: " + names);
    }

    @TestFactory
    Stream<DynamicTest> allocatesNothingPerRenderIntoAReusedAppendable() {
        return pages().filter(p -> !stillAllocating.containsKey(p.name()))
                .map(p -> DynamicTest.dynamicTest(p.name(), () -> assertAllocatesNothing(p)));
    }

    private static void assertAllocatesNothing(Page page) {
        Template t = load(page);
        StringBuilder sb = new StringBuilder(1 << 16);
        AppendableOutput out = new AppendableOutput(sb);
        double perRender = AllocationMeter.bytesPerRun(() -> {
            sb.setLength(0);
            t.render(page.data(), out);
        }, 2000, 500);
        assertEquals(page.expected(), sb.toString());
        assertTrue(perRender < BOUND, page + ": " + perRender + " bytes per render on "
                + System.getProperty("zweig.executor", "the default executor"));
    }
}
