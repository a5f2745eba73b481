package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Texts and dates made as values (not printed on the spot): {@code ~} as a mapping value, an arrow's result or a
 * computed key; the date filter's result kept by set, in map/sort/reduce arrows, of date texts; date() and
 * date_modify kept (a ZonedDateTime); date_modify with a concatenated modifier; split's pieces consumed by
 * filter/map; a concatenation handed to a macro that reads it only as text. Each renders what real Twig renders
 * (the oracle's outputs, in alloc-text-date-values.json with the rows) and, after a warm-up, allocates at most
 * {@link #BOUND} bytes per render on the executor the suite runs with. Strings made as values come from the
 * render's cache of recent values: immutable, so what user code receives and keeps stays as it was.
 */
class TextAndDateValueAllocationTest {
    private static final double BOUND = 16.0;

    private static final Map<String, Object> DATA = load();

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load() {
        try (InputStream in = TextAndDateValueAllocationTest.class.getResourceAsStream("/alloc-text-date-values.json")) {
            assertNotNull(in);
            return new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS).readValue(in, Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    static Stream<Arguments> cases() {
        return ((List<Map<String, String>>) DATA.get("cases")).stream()
                .map(c -> Arguments.of(c.get("what"), c.get("template"), c.get("expected")));
    }

    private static Template template(String source, Environment.Builder b) {
        return b.loader(new MapLoader(Map.of("index.twig", source))).strictVariables(true)
                .timezone(ZoneId.of("UTC")).build().load("index.twig");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String source, String expected) {
        Template t = template(source, Environment.builder());
        Map<String, Object> data = Map.of("rows", DATA.get("rows"));
        assertEquals(expected, t.render(data), what);
        AllocationMeter.assertRendersWithin(t, data, expected, BOUND, what);
    }

    /** A user's filter and function get Strings and dates they may keep: later renders leave them as they were. */
    @Test
    void userCodeKeepsWhatItReceives() {
        List<Object> kept = new ArrayList<>();
        Environment.Builder b = Environment.builder()
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }))
                .function(FunctionDefinition.of("keep_date", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("date"));
        Template t = template("{% for r in rows %}{{ (r.id ~ '-' ~ r.t)|keep }}{{ (r.d|date('Y-m'))|keep }}"
                + "{{ r.p|split('/')|keep }}{{ keep_date(r.d|date_modify('+' ~ r.id ~ ' days')) }}{% endfor %}", b);
        t.render(Map.of("rows", List.of(Map.of("id", 1L, "t", "a", "d", "2024-01-31", "p", "x/y"))));
        List<Object> first = List.copyOf(kept);
        for (int i = 0; i < 50; i++) {
            t.render(Map.of("rows", List.of(Map.of("id", 2L + i, "t", "b" + i, "d", "2025-03-01", "p", "u/v/w"))));
        }
        assertEquals("1-a", assertInstanceOf(String.class, first.get(0)));
        assertEquals("2024-01", assertInstanceOf(String.class, first.get(1)));
        assertEquals(List.of("x", "y"), first.get(2));
        assertInstanceOf(String.class, ((List<?>) first.get(2)).get(0));
        assertEquals("2024-02-01T00:00Z[UTC]", assertInstanceOf(ZonedDateTime.class, first.get(3)).toString());
        assertEquals("51-b49", kept.get(kept.size() - 4));
        assertEquals(List.of("u", "v", "w"), kept.get(kept.size() - 2));
    }
}
