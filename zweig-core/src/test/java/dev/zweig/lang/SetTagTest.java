package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

class SetTagTest {
    @Test
    void simpleAssignment() {
        assertEquals("42", renderStrict("{% set a = 42 %}{{ a }}"));
        assertEquals("x-y", renderStrict("{% set s = 'x' ~ '-' ~ 'y' %}{{ s }}"));
        assertEquals("3", renderStrict("{% set l = [1, 2, 3] %}{{ l|length }}"));
        assertEquals("v", renderStrict("{% set h = {k: 'v'} %}{{ h.k }}"));
    }

    @Test
    void multipleAssignment() {
        assertEquals("12 21", renderStrict("{% set a, b = 1, 2 %}{{ a }}{{ b }} {% set a, b = b, a %}{{ a }}{{ b }}"));
    }

    @Test
    void mismatchedMultipleAssignmentIsASyntaxError() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("\n{% set a, b = 1 %}"));
        assertEquals("When using set, you must have the same number of variables and assignments in \"index.twig\" at line 2.",
                e.getMessage());
    }

    @Test
    void captureIsSafeMarkup() {
        assertEquals("<b>Ann</b>", renderStrict("{% set c %}<b>{{ name }}</b>{% endset %}{{ c }}", "name", "Ann"));
        assertEquals("<b>&lt;i&gt;</b>", renderStrict("{% set c %}<b>{{ name }}</b>{% endset %}{{ c }}", "name", "<i>"));
        assertEquals("12", renderStrict("{% set c %}{% for i in 1..2 %}{{ i }}{% endfor %}{% endset %}{{ c }}"));
        assertEquals("2", renderStrict("{% set c %}ab{% endset %}{{ c|length }}"));
    }

    @Test
    void setOverridesContextVariableWithoutMutatingIt() {
        java.util.Map<String, Object> data = new java.util.HashMap<>();
        data.put("a", "orig");
        assertEquals("new", Twig.env(Twig.templates("index.twig", "{% set a = 'new' %}{{ a }}")).render("index.twig", data));
        assertEquals("orig", data.get("a"));
    }

    @Test
    void reservedNamesCannotBeAssigned() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("\n{% set true = 1 %}"));
        assertEquals("You cannot assign a value to \"true\" in \"index.twig\" at line 2.", e.getMessage());
    }

    @Test
    void setInsideBlockIsLocalToTheBlock() {
        assertEquals("in|out", renderStrict("{% set v = 'out' %}{% block b %}{% set v = 'in' %}{{ v }}{% endblock %}|{{ v }}"));
    }
}
