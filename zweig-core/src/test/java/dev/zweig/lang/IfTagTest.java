package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IfTagTest {
    private static final String CHAIN = "{% if n < 0 %}neg{% elseif n == 0 %}zero{% elseif n < 10 %}small{% else %}big{% endif %}";

    @Test
    void ifElseifElseChain() {
        assertEquals("neg", render(CHAIN, "n", -3));
        assertEquals("zero", render(CHAIN, "n", 0));
        assertEquals("small", render(CHAIN, "n", 7));
        assertEquals("big", render(CHAIN, "n", 10));
    }

    @Test
    void conditionsUseTwigTruthiness() {
        String t = "{% if v %}T{% else %}F{% endif %}";
        assertEquals("F", render(t, "v", "0"));
        assertEquals("F", render(t, "v", ""));
        assertEquals("T", render(t, "v", "0.0"));
        assertEquals("F", render(t, "v", List.of()));
        assertEquals("T", render(t, "v", List.of("")));
        assertEquals("F", render(t, "v", Map.of()));
        assertEquals("F", render(t, "v", 0.0));
        assertEquals("T", render(t, "v", -1));
        assertEquals("F", render(t, "v", null));
        assertEquals("F", render(t));
    }

    @Test
    void nestedIfsAndComplexConditions() {
        assertEquals("ab", render("{% if a %}a{% if b and not c %}b{% endif %}{% endif %}", "a", true, "b", 1, "c", false));
        assertEquals("in", render("{% if 'x' in list and list|length > 1 %}in{% endif %}", "list", List.of("x", "y")));
        assertEquals("def", render("{% if u is defined and u.name is defined %}{{ u.name }}{% else %}def{% endif %}"));
    }

    @Test
    void variablesSetInsideIfAreVisibleAfterward() {
        assertEquals("b if", renderStrict("{% set x = 'a' %}{% if true %}{% set x = 'b' %}{% set y = 'if' %}{% endif %}{{ x }} {{ y }}"));
    }

    @Test
    void endifIsRequired() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("{% if true %}\nyes"));
        assertEquals("index.twig", e.getTemplateName());
        TemplateSyntaxException elseAfterElse = assertThrows(TemplateSyntaxException.class,
                () -> render("{% if true %}{% else %}{% else %}{% endif %}"));
        assertEquals("Unexpected \"else\" tag (expecting closing tag for the \"if\" tag defined near line 1) in \"index.twig\" at line 1.",
                elseAfterElse.getMessage());
    }
}
