package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The core tests of a value alone (empty, iterable, sequence, mapping), which the compiled executor calls
 * directly rather than through an argument array: the same answers as the interpreter's, and a failure of a user's
 * object inside one reported with the template and line.
 */
class ValueTestsTest {
    private static final String TABLE = "{% for v in values %}"
            + "{{ v is empty ? 'E' : 'e' }}{{ v is iterable ? 'I' : 'i' }}{{ v is sequence ? 'S' : 's' }}"
            + "{{ v is mapping ? 'M' : 'm' }}{{ v is not empty ? '+' : '-' }}|{% endfor %}";

    @Test
    void answersForEachKindOfValue() {
        java.util.List<Object> values = new java.util.ArrayList<>(List.of("", "0", 0, 0.0, false, true, List.of(),
                List.of(1), Map.of(), Map.of("a", 1), Map.of(0, "x"), new int[0], new int[] {1}));
        values.add(null);
        assertEquals("Eism-|eism+|eism+|eism+|Eism-|eism+|EISm-|eISm+|EISm-|eIsM+|eISm+|EISm-|eISm+|Eism-|",
                Twig.render(TABLE, "values", values));
    }

    @Test
    void aUserIterableFailingInsideEmptyNamesTemplateAndLine() {
        Iterable<Object> broken = () -> new Iterator<>() {
            @Override
            public boolean hasNext() {
                throw new IllegalStateException("cursor closed");
            }

            @Override
            public Object next() {
                throw new IllegalStateException("cursor closed");
            }
        };
        TemplateRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateRuntimeException.class,
                () -> Twig.render("a\n{{ rows is empty ? 'none' : 'some' }}", "rows", broken));
        assertTrue(e.getMessage().contains("cursor closed"), e.getMessage());
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(2, e.getLine());
    }

    /** The position a refused callable names is the operator's own, whatever ran before it on that line. */
    @Test
    void hasSomeWithANonCallableNamesItsOwnLine() {
        // a user's function on the line before sets the render's position (a call does); the operator sets its own
        dev.zweig.Environment env = Twig.env(Twig.templates("index.twig", "{{ f() }}\n{{ m has some l }}"),
                b -> b.function(dev.zweig.ext.FunctionDefinition.of("f", (ctx, a) -> "ok")));
        TemplateRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateRuntimeException.class,
                () -> env.render("index.twig", Twig.vars("l", List.of(1), "m", List.of(2))));
        assertTrue(e.getMessage().contains("The callback must be an arrow function, got \"array\""), e.getMessage());
        assertEquals(2, e.getLine());
    }

    /**
     * odd and even of a loop's counters (which the compiled executor tests unboxed), of its booleans (true is 1),
     * of a variable named loop that is no loop, and of loop outside any loop (null: even).
     */
    @Test
    void parityOfLoopAttributes() {
        assertEquals("[OeOeO|eOeOe|eOeOe|OeOeO|OOOOO|OeeeO]"
                        + "[1O|]" + "e",
                Twig.render("[{% for x in 1..5 %}{{ loop.index is odd ? 'O' : 'e' }}{% endfor %}|"
                        + "{% for x in 1..5 %}{{ loop.index0 is odd ? 'O' : 'e' }}{% endfor %}|"
                        + "{% for x in 1..5 %}{{ loop.revindex is even ? 'O' : 'e' }}{% endfor %}|"
                        + "{% for x in 1..5 %}{{ loop.revindex0 is even ? 'O' : 'e' }}{% endfor %}|"
                        + "{% for x in 1..5 %}{{ loop.length is odd ? 'O' : 'e' }}{% endfor %}|"
                        + "{% for x in 1..5 %}{{ loop.first is odd or loop.last is odd ? 'O' : 'e' }}{% endfor %}]"
                        + "[{% for x in [1] %}{% set loop = {index: 1} %}{{ loop.index }}{{ loop.index is odd ? 'O'"
                        + " : 'e' }}{% endfor %}|]"
                        + "{{ loop.index is odd ? 'O' : 'e' }}"));
    }
}
