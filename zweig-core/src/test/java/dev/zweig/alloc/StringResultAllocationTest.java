package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a render to a String allocates the String and at most 64 bytes more (the pooled page buffer is the
 * engine's; only the copy handed to the caller is new). Measured with ThreadMXBean after a warm-up, on the executor
 * the suite runs with.
 */
class StringResultAllocationTest {
    /** What a Latin-1 String of n chars takes on the heap: the object and its byte array, 8-byte aligned. */
    private static long stringBytes(int n) {
        return 24 + ((16 + n + 7) & ~7L);
    }

    private static void assertStringPlusAtMost64(String source, Map<String, Object> data) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", source))).build().load("t");
        String first = t.render(data);
        int n = first.length();
        double perRender = AllocationMeter.bytesPerRun(() -> {
            if (t.render(data).length() != n) {
                throw new AssertionError("the page changed");
            }
        }, 3000, 500);
        long bound = stringBytes(n) + 64;
        assertTrue(perRender <= bound, perRender + " bytes per render for a String of " + n + " chars (bound " + bound
                + ") on " + System.getProperty("zweig.executor", "the default executor"));
    }

    @Test
    void greeting() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", "Ada & Bob");
        data.put("city", "Zurich");
        data.put("count", 7);
        assertStringPlusAtMost64("<p>Hello {{ name }} from {{ city }}, you have {{ count }} new messages.</p>\n", data);
    }

    @Test
    void aTableOfSomeKilobytes() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(Map.of("name", "Item <" + i + ">", "price", 10.25 + i, "qty", i * 3));
        }
        Map<String, Object> data = Map.of("rows", rows);
        String page = "<table>{% for r in rows %}<tr class=\"{{ cycle(['odd', 'even'], loop.index0) }}\"><td>"
                + "{{ loop.index }}</td><td>{{ r.name }}</td><td>{{ r.price }}</td><td>{{ r.qty * 2 }}</td></tr>\n"
                + "{% endfor %}</table>";
        assertStringPlusAtMost64(page, data);
        assertEquals(40, Environment.builder().loader(new MapLoader(Map.of("t", page))).build().load("t")
                .render(data).split("<tr ").length - 1);
    }
}
