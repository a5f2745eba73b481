package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateRuntimeException;
import org.junit.jupiter.api.Test;

class WithTest {
    @Test
    void withAddsVariablesToAScope() {
        assertEquals("1 2", renderStrict("{% with {a: 1} %}{{ a }} {{ b }}{% endwith %}", "b", 2));
        assertEquals("42", renderStrict("{% with %}{% set x = 42 %}{{ x }}{% endwith %}"));
    }

    @Test
    void variablesDoNotLeakOutOfWith() {
        assertEquals("inner|undefined", renderStrict("{% with %}{% set x = 'inner' %}{{ x }}{% endwith %}|{{ x is defined ? x : 'undefined' }}"));
        assertEquals("out", renderStrict("{% set y = 'out' %}{% with {y: 'in'} %}{% endwith %}{{ y }}"));
    }

    @Test
    void withOnlyHidesTheOuterContext() {
        assertEquals("1|no b", renderStrict("{% with {a: 1} only %}{{ a }}|{{ b is defined ? b : 'no b' }}{% endwith %}", "b", 2));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> renderStrict("{% with {a: 1} only %}\n{{ b }}{% endwith %}", "b", 2));
        assertEquals("Variable \"b\" does not exist in \"index.twig\" at line 2.", e.getMessage());
    }

    @Test
    void withAcceptsAnExpression() {
        assertEquals("Ann", render("{% with user %}{{ name }}{% endwith %}", "user", java.util.Map.of("name", "Ann")));
    }

    @Test
    void withRequiresAMapping() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{% with 'x' %}{% endwith %}"));
        assertEquals("Variables passed to the \"with\" tag must be a mapping in \"index.twig\" at line 1.", e.getMessage());
    }
}
