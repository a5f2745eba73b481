package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code {{ obj.name }}} printed straight from its getter (the compiled executor writes a number getter's value
 * unboxed): every kind of getter prints as the value read and then printed would, escaped or raw, at a site that
 * sees several classes, undefined and null objects, and a getter that fails. Rendered several times, so that the
 * sites link; both executors give these texts.
 */
class PrintedAttributesTest {
    public static final class Quote {
        private final Object value;

        Quote(Object value) {
            this.value = value;
        }

        public double getPrice() {
            return value instanceof Double d ? d : 0.5;
        }

        public long getCount() {
            return value instanceof Long l ? l : 3;
        }

        public int getSmall() {
            return -7;
        }

        public boolean isUp() {
            return value != null;
        }

        public String getName() {
            return value == null ? null : "A&B <" + value + ">";
        }

        public Object getValue() {
            return value;
        }

        public String getBoom() {
            throw new IllegalStateException("no quote");
        }
    }

    /** Another class with members of the same names but other types, for a site that sees both. */
    public static final class Other {
        public String getPrice() {
            return "n/a & more";
        }

        public double getCount() {
            return 2.5;
        }
    }

    private static String render(Environment env, Object... kv) {
        String first = env.render("index.twig", vars(kv));
        for (int i = 0; i < 3; i++) {
            assertEquals(first, env.render("index.twig", vars(kv)), "render " + (i + 2));
        }
        return first;
    }

    private static Environment page(String source, boolean escaping) {
        return env(templates("index.twig", source), b -> b.autoescape(escaping));
    }

    @Test
    void numbersBooleansAndTextPrintAsTheirValues() {
        String src = "{{ q.price }}|{{ q.count }}|{{ q.small }}|{{ q.up }}|{{ q.name }}|{{ q.value }}";
        assertEquals("39.26|3|-7|1|A&amp;B &lt;39.26&gt;|39.26", render(page(src, true), "q", new Quote(39.26)));
        assertEquals("39.26|3|-7|1|A&B <39.26>|39.26", render(page(src, false), "q", new Quote(39.26)));
        assertEquals("0.5|42|-7|1|A&amp;B &lt;42&gt;|42", render(page(src, true), "q", new Quote(42L)));
        assertEquals("0.5|3|-7|||", render(page(src, true), "q", new Quote(null)));
        assertEquals("-0|3|-7|1|A&amp;B &lt;-0.0&gt;|-0", render(page(src, true), "q", new Quote(-0.0)));
        assertEquals("1|3|-7|1|A&amp;B &lt;1.0&gt;|1", render(page(src, true), "q", new Quote(1.0)));
        assertEquals("NAN|3|-7|1|A&amp;B &lt;NaN&gt;|NAN", render(page(src, true), "q", new Quote(Double.NaN)));
    }

    @Test
    void oneSiteSeesSeveralClasses() {
        String src = "{% for q in qs %}[{{ q.price }} {{ q.count }}]{% endfor %}";
        List<Object> qs = Arrays.asList(new Quote(1.25), new Other(), new Quote(9L), Map.of("price", "m&m",
                "count", 4), new Other(), new Quote(null));
        assertEquals("[1.25 3][n/a &amp; more 2.5][0.5 9][m&amp;m 4][n/a &amp; more 2.5][0.5 3]",
                render(page(src, true), "qs", qs));
        assertEquals("[1.25 3][n/a & more 2.5][0.5 9][m&m 4][n/a & more 2.5][0.5 3]",
                render(page(src, false), "qs", qs));
    }

    @Test
    void loopAttributesPrintAsTheirValues() {
        String src = "{% for x in xs %}{{ loop.index }},{{ loop.index0 }},{{ loop.revindex }},{{ loop.revindex0 }},"
                + "{{ loop.first }},{{ loop.last }},{{ loop.length }};{% endfor %}{{ loop.index }}";
        assertEquals("1,0,3,2,1,,3;2,1,2,1,,,3;3,2,1,0,,1,3;a&amp;b", render(page(src, true), "xs", List.of(7, 8, 9),
                "loop", Map.of("index", "a&b")));
        assertEquals("1,0,1,0,1,1,1;a&b", render(page(src, false), "xs", List.of(7), "loop", Map.of("index", "a&b")));
    }

    @Test
    void undefinedAndNullObjectsPrintNothing() {
        String src = "<{{ missing.price }}|{{ nothing.price }}|{{ nothing?.price }}|{{ q?.price }}>";
        assertEquals("<|||2.5>", render(page(src, true), "nothing", null, "q", new Quote(2.5)));
    }

    @Test
    void aFailingGetterFailsAsAReadDoes() {
        Environment env = page("line one\n{{ q.boom }}", true);
        TemplateRuntimeException printed = assertThrows(TemplateRuntimeException.class,
                () -> env.render("index.twig", vars("q", new Quote(1.0))));
        Environment read = page("line one\n{{ q.boom ~ '' }}", true);
        TemplateRuntimeException concatenated = assertThrows(TemplateRuntimeException.class,
                () -> read.render("index.twig", vars("q", new Quote(1.0))));
        assertEquals(concatenated.getMessage(), printed.getMessage());
        assertEquals(2, printed.getLine());
        assertEquals("index.twig", printed.getTemplateName());
        // and again once the site is linked for Quote
        assertEquals("1", render(page("{{ q.price }}", true), "q", new Quote(1.0)));
        assertThrows(TemplateRuntimeException.class, () -> env.render("index.twig", vars("q", new Quote(1.0))));
    }
}
