package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * template_from_string: Twig 3's names for the templates it makes ({@code __string_template__} and the xxh128 hash
 * of the source, or {@code name (string template <hash>)}), so that messages name them as Twig does; the template
 * compiled for a source is reused by the calls whose template is rendered on the spot (include, extends, embed,
 * block), bounded, and still checked under a sandbox at every render; a template object kept or compared is one of
 * its own per call, as Twig's TemplateWrapper is. Expected outputs and messages are real Twig's (oracle).
 */
class TemplateFromStringTest {
    private static Template load(String source) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", source))).strictVariables(true)
                .build().load("index.twig");
    }

    private static String message(String source) {
        Template t = load(source);
        return assertThrows(TemplateException.class, () -> t.render(Map.of())).getMessage();
    }

    @Test
    void aTemplateMadeFromAStringIsNamedAsTwigNamesIt() {
        assertEquals("Variable \"x\" does not exist in \"__string_template__c145ecd2804ae00fd8cf7eb0ee0ac2be\" at "
                + "line 1.", message("{{ include(template_from_string('{{ x }}')) }}"));
        assertEquals("Variable \"x\" does not exist in \"foo.twig (string template c145ecd2804ae00fd8cf7eb0ee0ac2be)"
                + "\" at line 1.", message("{% include template_from_string('{{ x }}', 'foo.twig') %}"));
        assertEquals("Variable \"x\" does not exist in \" (string template c145ecd2804ae00fd8cf7eb0ee0ac2be)\" at "
                + "line 1.", message("{% include template_from_string('{{ x }}', '') %}"));
        Template broken = load("\n{% include template_from_string(\"{{ not a Twig template \", \"foo.twig\") %}");
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> broken.render(Map.of()));
        assertEquals("Unclosed \"variable\" in \"foo.twig (string template 85e7b092afbbcd36f11981c2ef8f1569)\" at "
                + "line 1.", e.getMessage());
    }

    @Test
    void aSourceRenderedOnTheSpotRendersTheSameEveryTime() {
        Template t = load("{% set snippet = '{% for i in 1..n %}{{ i }}{{ loop.last ? \"\" : \",\" }}{% endfor %} = "
                + "{{ (1..n)|reduce((s, i) => s + i) }}' %}{{ include(template_from_string(snippet), {n: 5}) }}|"
                + "{% include template_from_string('<b>{{ x }}</b>') with {x: 'y'} %}|"
                + "{{ include(n > 1 ? template_from_string('{{ 1 + 1 }}') : 'other.twig') }}");
        for (int i = 0; i < 3; i++) {
            assertEquals("1,2,3,4,5 = 15|<b>y</b>|2", t.render(Map.of("n", 2L)));
        }
    }

    /** Twig gives each call a TemplateWrapper of its own: two calls are not the same object, one kept is. */
    @Test
    void aTemplateKeptOrComparedIsOneOfItsOwn() {
        Template t = load("{{ template_from_string('a') is same as(template_from_string('a')) ? 'y' : 'n' }}"
                + "{% set t = template_from_string('a') %}{{ t is same as(t) ? 'y' : 'n' }}"
                + "{{ template_from_string('a') in [template_from_string('a')] ? 'y' : 'n' }}{{ include(t) }}");
        for (int i = 0; i < 2; i++) {
            assertEquals("nyna", t.render(Map.of()));
        }
    }

    /** More sources than the cache keeps: each still renders its own (the cache is bounded, not a name table). */
    @Test
    void manySourcesEachRenderTheirOwn() {
        Template t = load("{% for i in 1..300 %}{{ include(template_from_string('{{ ' ~ i ~ ' * 2 }}')) }},"
                + "{% endfor %}");
        StringBuilder expected = new StringBuilder();
        for (int i = 1; i <= 300; i++) {
            expected.append(i * 2).append(',');
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(expected.toString(), t.render(Map.of()));
        }
    }

    /** A reused template is checked against the policy at every sandboxed render, as any included template is. */
    @Test
    void aReusedTemplateIsStillSandboxed() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "sandbox")
                .allowFunctions("template_from_string", "include").build();
        Map<String, String> templates = new HashMap<>();
        templates.put("index.twig", "{% if boxed %}{% sandbox %}{% include 'user.twig' %}{% endsandbox %}"
                + "{% else %}{% include 'user.twig' %}{% endif %}");
        templates.put("user.twig", "{{ include(template_from_string('{{ \"a\"|upper }}')) }}");
        Template t = Environment.builder().loader(new MapLoader(templates)).securityPolicy(p).build()
                .load("index.twig");
        for (int i = 0; i < 2; i++) {
            assertEquals("A", t.render(Map.of("boxed", false)));
            assertThrows(SecurityNotAllowedFilterException.class, () -> t.render(Map.of("boxed", true)));
        }
    }
}
