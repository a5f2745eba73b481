package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ApplyTest {
    @Test
    void appliesFilterToTheBody() {
        assertEquals("HELLO ANN", render("{% apply upper %}hello {{ name }}{% endapply %}", "name", "ann"));
    }

    @Test
    void chainedFiltersWithArguments() {
        assertEquals("a-b-c", render("{% apply split(',')|join('-') %}a,b,c{% endapply %}"));
        assertEquals("Hello", render("{% apply lower|capitalize %}hELLO{% endapply %}"));
        assertEquals("x", render("{% apply trim %}   x   {% endapply %}"));
    }

    @Test
    void bodyIsEscapedBeforeTheFilterRuns() {
        assertEquals("&lt;B&gt;&amp;LT;I&amp;GT;&lt;/B&gt;", render("{% apply upper %}<b>{{ s }}</b>{% endapply %}", "s", "<i>"));
        assertEquals("\\u003Ca\\u003E\\u0026\\u0023039\\u003B", render("{% apply escape('js') %}<a>{{ s }}{% endapply %}", "s", "'"));
    }

    @Test
    void spacelessRemovesWhitespaceBetweenTags() {
        assertEquals("<div><b>x</b></div>", render("{% apply spaceless %}<div>\n  <b>x</b>\n</div>{% endapply %}"));
    }
}
