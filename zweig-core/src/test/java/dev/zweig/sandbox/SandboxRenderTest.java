package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox wired into rendering: global policy, the sandbox tag, sandboxed includes, members, printing. */
class SandboxRenderTest {
    public static class Article {
        public String slug = "a-1";

        public String getTitle() {
            return "Hello";
        }

        public String getSecret() {
            return "s3cret";
        }

        @Override
        public String toString() {
            return "Article";
        }
    }

    private static Environment env(Map<String, String> t, SecurityPolicy p, boolean global) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(t)).strictVariables(true);
        return (global ? b.sandbox(p) : b.securityPolicy(p)).build();
    }

    @Test
    void aGlobalPolicyRefusesTagsFiltersAndFunctionsAtCompileTimeWithTheLine() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("if").allowFilters("upper").build();
        Environment env = env(Map.of("ok.twig", "{% if true %}{{ 'a'|upper }}{% endif %}",
                "bad.twig", "line1\n{{ 'a'|upper }}\n{{ 'b'|lower }}",
                "tag.twig", "x\n\n{% for i in [1] %}{% endfor %}",
                "fn.twig", "{{ range(1, 2)|length }}"), p, true);
        assertEquals("A", env.render("ok.twig", Map.of()));
        SecurityNotAllowedFilterException f = assertThrows(SecurityNotAllowedFilterException.class,
                () -> env.load("bad.twig"));
        assertEquals("Filter \"lower\" is not allowed in \"bad.twig\" at line 3.", f.getMessage());
        SecurityNotAllowedTagException t = assertThrows(SecurityNotAllowedTagException.class,
                () -> env.load("tag.twig"));
        assertEquals(3, t.getLine());
        assertThrows(TemplateSecurityException.class, () -> env.load("fn.twig"));
    }

    @Test
    void methodsAndPropertiesAreCheckedWhenReached() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Article.class, "getTitle")
                .allowProperties(Article.class, "slug").build();
        Environment env = env(Map.of("ok.twig", "{{ a.title }} {{ a.slug }}",
                "secret.twig", "{{ a.title }}\n{{ a.secret }}",
                "print.twig", "{{ a }}"), p, true);
        Article a = new Article();
        assertEquals("Hello a-1", env.render("ok.twig", Map.of("a", a)));
        SecurityNotAllowedMethodException m = assertThrows(SecurityNotAllowedMethodException.class,
                () -> env.render("secret.twig", Map.of("a", a)));
        assertEquals("secret.twig", m.getTemplateName());
        assertEquals(2, m.getLine());
        // printing an object calls its toString: that needs allowing too
        assertThrows(SecurityNotAllowedMethodException.class, () -> env.render("print.twig", Map.of("a", a)));
        Environment withToString = env(Map.of("print.twig", "{{ a }}"),
                SecurityPolicy.builder().allowMethods(Article.class, "toString").build(), true);
        assertEquals("Article", withToString.render("print.twig", Map.of("a", a)));
    }

    @Test
    void columnReadsObjectRowsUnderThePolicy() {
        SecurityPolicy p = SecurityPolicy.builder().allowFilters("column", "join").allowMethods(Article.class,
                "getTitle").build();
        Environment env = env(Map.of("ok.twig", "{{ rows|column('title')|join(',') }}",
                "secret.twig", "\n{{ rows|column('secret')|join(',') }}"), p, true);
        List<Article> rows = List.of(new Article(), new Article());
        assertEquals("Hello,Hello", env.render("ok.twig", Map.of("rows", rows)));
        SecurityNotAllowedMethodException m = assertThrows(SecurityNotAllowedMethodException.class,
                () -> env.render("secret.twig", Map.of("rows", rows)));
        assertEquals(2, m.getLine());
    }

    @Test
    void theSandboxTagAndSandboxedIncludesApplyThePolicyToIncludedTemplatesOnly() {
        SecurityPolicy p = SecurityPolicy.builder().allowFilters("upper").build();
        Map<String, String> t = Map.of(
                "index.twig", "{{ 'x'|lower }}{% sandbox %}{% include 'user.twig' %}{% endsandbox %}",
                "user.twig", "{{ 'u'|upper }}",
                "evil.twig", "{{ 'e'|lower }}",
                "tag.twig", "{% sandbox %}{% include 'evil.twig' %}{% endsandbox %}",
                "fn.twig", "{{ include('evil.twig', sandboxed = true) }}",
                "fnok.twig", "{{ include('evil.twig') }}");
        Environment env = env(t, p, false);
        assertEquals("xU", env.render("index.twig", Map.of()));
        SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                () -> env.render("tag.twig", Map.of()));
        assertEquals("evil.twig", e.getTemplateName());
        assertThrows(SecurityNotAllowedFilterException.class, () -> env.render("fn.twig", Map.of()));
        assertEquals("e", env.render("fnok.twig", Map.of()));
    }

    @Test
    void withoutAPolicyTheSandboxDeniesEverything() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("i.twig",
                "{% sandbox %}{% include 'p.twig' %}{% endsandbox %}", "p.twig", "{{ 1 }}{% if true %}{% endif %}")))
                .build();
        assertThrows(SecurityNotAllowedTagException.class, () -> env.render("i.twig", Map.of()));
    }
}
