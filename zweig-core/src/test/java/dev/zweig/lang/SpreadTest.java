package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.TemplateRuntimeException;
import java.util.LinkedHashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ...v} is PHP's unpacking (Twig compiles it to PHP's): an array or a Traversable spreads, anything else (a
 * number, a string, a boolean, null, an object) fails as PHP 8 fails, "Only arrays and Traversables can be
 * unpacked", wherever the spread is written (the literal cases with real Twig's output are in conf8-cases.jsonl).
 */
class SpreadTest {
    private static final String MESSAGE = "An exception has been thrown during the rendering of a template (\"Only "
            + "arrays and Traversables can be unpacked\") in \"index.twig\" at line %d.";

    /** An application object with a method of variable arity. */
    public static final class Shelf {
        public int count(Object... xs) {
            return xs.length;
        }
    }

    @Test
    void aScalarCannotBeUnpackedAnywhere() {
        for (String source : new String[] {"{{ [...v]|length }}", "{{ {...v}|length }}", "{{ [1, ...v, 2]|length }}",
            "{{ max(1, ...v) }}", "{{ o.count(...v) }}", "{{ 'a'|format(...v) }}",
            "{% macro m() %}{% endmacro %}{{ _self.m(...v) }}",
            "{{ [[1]]|reduce((c, x) => [...v, ...c], [])|length }}"}) {
            for (Object v : new Object[] {1L, "ab", true, null, new Shelf(), 2.5}) {
                failsWith(TemplateRuntimeException.class, String.format(MESSAGE, 2), "\n" + source, "v", v,
                        "o", new Shelf());
            }
        }
    }

    @Test
    void arraysAndTraversablesSpread() {
        Object[] values = {List.of(1L, 2L), new LinkedHashSet<>(List.of(1L, 2L)), new int[] {1, 2},
            new Object[] {1L, 2L}};
        for (Object v : values) {
            assertEquals("2|4|2|2|2", render("{{ [...v]|length }}|{{ [...v, ...v]|length }}|{{ max(...v) }}"
                    + "|{{ o.count(...v) }}|{{ {...v}|length }}", "v", v, "o", new Shelf()));
        }
    }
}
