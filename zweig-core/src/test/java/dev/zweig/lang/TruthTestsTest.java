package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The true and false tests follow PHP truthiness ("0", empty arrays and empty strings are false). */
class TruthTestsTest {
    @Test
    void trueAndFalse() {
        assertEquals("TFFFFTT", Twig.render("{{ 1 is true ? 'T' : 'F' }}{{ 0 is true ? 'T' : 'F' }}"
                + "{{ '0' is true ? 'T' : 'F' }}{{ e is true ? 'T' : 'F' }}{{ '' is true ? 'T' : 'F' }}"
                + "{{ m is true ? 'T' : 'F' }}{{ 'a' is true ? 'T' : 'F' }}", "e", List.of(), "m", Map.of("k", 1)));
        assertEquals("TTFT", Twig.render("{{ null is false ? 'T' : 'F' }}{{ '0' is false ? 'T' : 'F' }}"
                + "{{ 2 is false ? 'T' : 'F' }}{{ 2 is not false ? 'T' : 'F' }}"));
    }
}
