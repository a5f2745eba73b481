package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An arrow function is PHP's Closure to a template: the Java object the engine makes for it exposes no member
 * (calling its apply() from a template used to leak an internal "Cannot cast" error), and errors name Closure.
 */
class ArrowMembersTest {

    private static String render(boolean strict, String source) {
        return Environment.builder().strictVariables(strict).build().createTemplate(source).render(Map.of());
    }

    @Test
    void anArrowHasNoMembers() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> render(true, "{% set f = x => x * 2 %}{{ f.apply(3) }}"));
        assertTrue(e.getMessage().contains("in class \"Closure\""), e.getMessage());
        assertFalse(e.getMessage().contains("Cannot cast"), e.getMessage());
        assertEquals("|", render(false, "{% set f = x => x * 2 %}{{ f.apply(3) }}|{{ f.apply }}"));
        assertEquals("no", render(true, "{% set f = x => x %}{{ f.apply is defined ? 'yes' : 'no' }}"));
        // still callable where Twig calls it
        assertEquals("2,4", render(true, "{{ [1, 2]|map(x => x * 2)|join(',') }}"));
    }
}
