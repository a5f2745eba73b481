package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Numbers from Java data are often Integer, Short, Byte or Float, which Twig's value model reads as PHP ints and
 * floats: arithmetic, comparisons, tests and number filters on them render exactly as on Long and Double data, and
 * allocate no more per render (their results come from the render's box caches, not from Long.valueOf).
 */
class JavaNumberAllocationTest {
    private static final double BOUND = 16.0;

    private static final String PAGE = "{% for r in rows %}[{{ r.i * 2 }}|{{ r.i + 200 }}|{{ r.i - 300 }}|{{ r.i / 7 }}"
            + "|{{ r.i // 7 }}|{{ r.i % 7 }}|{{ r.i ** 2 }}|{{ -r.i }}|{{ r.s * r.b }}|{{ r.f * 4 }}|{{ r.f + r.i }}"
            + "|{{ r.i > 10 and r.i < 30 ? 'mid' }}|{{ r.i is odd ? 'odd' }}|{{ r.i is divisible by(3) ? 'three' }}"
            + "|{{ (r.i * 20)|number_format }}|{{ r.i|number_format(2) }}|{{ (r.i * -3)|abs }}|{{ r.f|round(1) }}"
            + "|{{ max(r.i, 300) }}|{{ min([r.i, r.s]) }}|{{ r.i ?: 'none' }}|{{ r.i in [3, 6, 9] ? 'in' }}"
            + "|{{ r.f < r.i ? 'lt' }}|{{ max(r.f, r.i) }}|{{ r.i <=> r.s }}|{% set t = r.i * 20 %}{{ t + 1 }}|{{ \"%05d\"|format(r.i * 50) }}]\n{% endfor %}";

    private static List<Map<String, Object>> rows(IntFunction<Map<String, Object>> row) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            rows.add(row.apply(i));
        }
        return rows;
    }

    @Test
    void integersShortsBytesAndFloatsRenderAsLongsAndDoublesWithoutAllocating() {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", PAGE))).build().load("t");
        Map<String, Object> java = Map.of("rows", rows(i -> Map.of("i", i * 3, "s", (short) (i * 7), "b",
                (byte) (i - 20), "f", (float) (i * 0.25))));
        Map<String, Object> php = Map.of("rows", rows(i -> Map.of("i", (long) (i * 3), "s", (long) (short) (i * 7), "b",
                (long) (byte) (i - 20), "f", (double) (float) (i * 0.25))));
        String expected = t.render(php);
        assertEquals(expected, t.render(java));
        assertTrue(expected.contains("[6|203|-297|0.42857142857143|0|3|9|-3|-133|1|3.25||odd|three|60|3.00|9|0.3|300|3|3|in|lt|3|-1|61|00150]"), expected.substring(0, 200));
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1 << 16));
        double perRender = AllocationMeter.bytesPerRender(t, java, out, 2000, BOUND);
        assertEquals(expected, out.builder().toString());
        assertTrue(perRender <= BOUND, perRender + " bytes per render on Integer/Short/Byte/Float data on "
                + System.getProperty("zweig.executor", "the default executor"));
    }
}
