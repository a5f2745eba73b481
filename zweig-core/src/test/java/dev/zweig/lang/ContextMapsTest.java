package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Whatever map the caller hands over renders: raw keys, null keys, immutable maps, none at all. */
class ContextMapsTest {
    private final Environment env = Environment.builder().build();

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void rawMapsWithNullOrNonStringKeys() {
        Map m = new HashMap();
        m.put(null, 1);
        m.put(5, "five");
        m.put("x", "X");
        assertEquals("X", env.createTemplate("{{ x }}").render(m));
        Map t = new TreeMap();
        t.put(7, "seven");
        assertEquals("[none]", env.createTemplate("[{{ x ?? 'none' }}]").render(t));
    }

    @Test
    void immutableMapsAndNoContext() {
        assertEquals("1-2", env.createTemplate("{{ a }}-{{ b }}").render(Map.of("a", 1L, "b", 2L)));
        // the same keys again (remembered slots) and then different keys
        assertEquals("3-4", env.createTemplate("{{ a }}-{{ b }}").render(Map.of("a", 3L, "b", 4L)));
        assertEquals("-5", env.createTemplate("{{ a }}-{{ c }}").render(Map.of("c", 5L)));
        assertEquals("ok", env.createTemplate("ok{{ nothing }}").render(null));
    }
}
