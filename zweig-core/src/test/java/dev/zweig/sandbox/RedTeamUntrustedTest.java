package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateLimitException;
import dev.zweig.loader.MapLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 8 red team (red8): hostile templates through the public API only. */
class RedTeamUntrustedTest {

    public static class Article {
        public String secretField = "s3cret-field";

        public String getTitle() {
            return "Title";
        }

        public String getSecret() {
            return "s3cret";
        }
    }

    private static Environment limited(String source) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", source)))
                .limits(RenderLimits.builder().deadline(Duration.ofMillis(500)).build()).build();
    }

    /** [a, a] doubled 40 times shares its halves: 2^40 leaves reachable from a few hundred bytes. */
    private static final String SHARED = "{% set a = 'x' %}{% for i in 1..40 %}{% set a = [a, a] %}{% endfor %}";

    @Test
    void sharedStructureWalksThatAreBoundedStayBounded() {
        // json_encode of the 2^40-leaf value hits the 32 Mi character cap
        assertThrows(TemplateLimitException.class,
                () -> limited(SHARED + "{{ a|json_encode|length }}").render("index.twig", Map.of()));
        // identity and a one-level join do not walk the structure
        assertEquals("y", limited(SHARED + "{{ a is same as(a) ? 'y' }}").render("index.twig", Map.of()));
        assertEquals("5", limited(SHARED + "{{ [a]|join|length }}").render("index.twig", Map.of()));
    }

    @Test
    void equalityOfASharedStructureHonoursTheDeadline() {
        for (String attack : new String[] {SHARED + "{{ a == a ? 'y' }}", SHARED + "{{ a in [a] ? 'y' }}"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), () -> assertThrows(TemplateLimitException.class,
                    () -> limited(attack).render("index.twig", Map.of())), attack);
        }
    }

    @Test
    void objectsReadByColumnOrJsonEncodeLeakNothingUnderTheSandbox() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "sandbox")
                .allowFilters("column", "join", "json_encode").allowMethods(Article.class, "getTitle").build();
        for (String attack : new String[] {
            "{{ as|column('secret')|join }}", "{{ as|column('secretField')|join }}", "{{ as|json_encode }}",
        }) {
            Environment env = Environment.builder().loader(new MapLoader(Map.of(
                    "index.twig", "{% sandbox %}{% include 'u.twig' %}{% endsandbox %}", "u.twig", attack)))
                    .securityPolicy(p).autoescape(false).build();
            String out;
            try {
                out = env.render("index.twig", Map.of("as", List.of(new Article(), new Article())));
            } catch (TemplateSecurityException refused) {
                // column reads an object row's member as row.secret does: the policy refuses it the same way
                assertEquals("u.twig", refused.getTemplateName(), attack);
                continue;
            }
            assertEquals(-1, out.indexOf("s3cret"), attack + " -> " + out);
        }
    }

    /** A template object has no text (Twig's TemplateWrapper has no __toString): printing it is an error. */
    @org.junit.jupiter.api.Test
    void aTemplateObjectIsNotPrintedAsItsInternalName() {
        dev.zweig.Environment env = dev.zweig.Environment.builder().build();
        for (String src : new String[] {"{{ template_from_string('x') }}", "{{ template_from_string('x') ~ 'y' }}",
            "{{ template_from_string('x')|upper }}"}) {
            dev.zweig.TemplateRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.zweig.TemplateRuntimeException.class, () -> env.createTemplate(src).render(java.util.Map.of()));
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("An exception has been thrown during "
                    + "the rendering of a template (\"Object of class Twig\\TemplateWrapper could not be converted to "
                    + "string\")"), e.getMessage());
        }
        org.junit.jupiter.api.Assertions.assertEquals("ok1",
                env.createTemplate("{{ include(template_from_string('ok{{ 1 }}')) }}").render(java.util.Map.of()));
    }
}
