package dev.zweig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonDataTest {
    private static Map<String, Object> read(String json) {
        return JsonData.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
    }

    @Test
    void mapsJsonToTheValueModel() {
        Map<String, Object> d = read("{\"i\": 42, \"neg\": -7, \"max\": 9223372036854775807,"
                + " \"big\": 9223372036854775808, \"f\": 1.0, \"e\": 1e3, \"s\": \"é\", \"t\": true, \"n\": null,"
                + " \"l\": [1, \"a\"], \"m\": {\"z\": 1, \"a\": 2}}");
        assertInstanceOf(LinkedHashMap.class, d);
        assertEquals(42L, d.get("i"));
        assertEquals(-7L, d.get("neg"));
        assertEquals(Long.MAX_VALUE, d.get("max"));
        assertEquals(new BigInteger("9223372036854775808"), d.get("big"));
        assertEquals(1.0d, d.get("f"));
        assertEquals(1000.0d, d.get("e"));
        assertEquals("é", d.get("s"));
        assertEquals(Boolean.TRUE, d.get("t"));
        assertNull(d.get("n"));
        assertInstanceOf(ArrayList.class, d.get("l"));
        assertEquals(List.of(1L, "a"), d.get("l"));
        assertInstanceOf(LinkedHashMap.class, d.get("m"));
        assertEquals(List.of("z", "a"), new ArrayList<>(((Map<?, ?>) d.get("m")).keySet()));
        assertEquals(List.of("i", "neg", "max", "big", "f", "e", "s", "t", "n", "l", "m"), new ArrayList<>(d.keySet()));
    }

    @Test
    void emptyArrayIsAnEmptyContext() {
        assertEquals(Map.of(), read("[]"));
        assertEquals(Map.of(), read("{}"));
    }

    @Test
    void errorsAreOneLine() {
        CliException e = assertThrows(CliException.class, () -> read("{\"a\": tru}"));
        assertEquals(Main.INPUT_ERROR, e.exitCode());
        assertEquals(-1, e.getMessage().indexOf('\n'), e.getMessage());
        assertEquals("data in test.json must be a JSON object, not string",
                assertThrows(CliException.class, () -> read("\"x\"")).getMessage());
    }
}
