package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateLoaderException;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.loader.TemplateSource;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Templates looked up by a computed name (issue 10): {@code include} (the tag and the function, with and without
 * ignore missing, in a ternary), {@code source()}, {@code block(name, template)} and {@code extends} of a name built
 * by {@code ~}, a string filter or a macro. The name is render-private text that the lookup reads as the equal
 * String of the render's key cache (made once, on a miss), so nothing is allocated per render in steady state; the
 * loader and the template cache still see a String. Each renders as Twig (expected outputs from the Twig oracle)
 * and allocates less than {@link #BOUND} bytes per render after a warm-up.
 */
class TemplateNameAllocationTest {
    private static final double BOUND = 1.0;
    private static final String HELP_A = "A{{ n ?? '-' }}";
    private static final String HELP_B = "B{{ n ?? '-' }}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("include statement", "{% for k in kinds %}{% include 'help_' ~ k ~ '.twig' with"
                        + " {n: loop.index} %}{% endfor %}", "A1B2"),
                Arguments.of("include in a ternary", "{% for k in kinds %}{% include (compact ? 'help_b.twig'"
                        + " : 'help_' ~ k ~ '.twig') with {n: 2} only %}{% endfor %}", "A2B2"),
                Arguments.of("include of a filtered name", "{% for k in kinds %}{% include ('HELP_' ~ k|upper"
                        + " ~ '.twig')|lower %}{% endfor %}", "A-B-"),
                Arguments.of("include ignore missing", "{% for k in kinds %}[{% include 'nope_' ~ k ~ '.twig'"
                        + " ignore missing %}]{% include 'help_' ~ k ~ '.twig' ignore missing %}{% endfor %}",
                        "[]A-[]B-"),
                Arguments.of("include function", "{% for k in kinds %}{{ include('help_' ~ k ~ '.twig', {n: 7}) }}"
                        + "{{ include(template = 'help_' ~ k ~ '.twig', with_context = false) }}"
                        + "{{ include('x_' ~ k, ignore_missing = true) }}{% endfor %}", "A7A-B7B-"),
                Arguments.of("source", "{% for k in kinds %}{{ source('help_' ~ k ~ '.twig') }}|{{ source(name ="
                        + " 'help_' ~ k ~ '.twig')|length }}|{{ source('none_' ~ k, ignore_missing = true) }};"
                        + "{% endfor %}", HELP_A + "|15|;" + HELP_B + "|15|;"),
                Arguments.of("source of a kept name", "{% for k in kinds %}{% set file = 'help_' ~ k ~ '.twig' %}"
                        + "{{ source(file) }}{{ file }};{% endfor %}", HELP_A + "help_a.twig;" + HELP_B
                        + "help_b.twig;"),
                Arguments.of("block of a computed template", "{% for k in kinds %}{{ block('x', 'blocks_' ~ k"
                        + " ~ '.twig') }}{{ block('x', 'blocks_' ~ k ~ '.twig') is defined ? 'd' : 'u' }}"
                        + "{% endfor %}", "xaadxbbd"),
                Arguments.of("extends computed", "{% extends 'layout_' ~ (wide ? 'wide' : 'narrow') ~ '.twig' %}"
                        + "{% block body %}[{{ parent() }}{{ kinds|join }}]{% endblock %}", "<w>[Wab]</w>"),
                Arguments.of("macro as a name", "{% macro file(k) %}help_{{ k }}.twig{% endmacro %}"
                        + "{% for k in kinds %}{{ source(_self.file(k)) }}{% endfor %}", HELP_A + HELP_B));
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("kinds", List.of("a", "b"));
        d.put("compact", false);
        d.put("wide", true);
        return d;
    }

    private static Template template(String index) {
        return Environment.builder().loader(new MapLoader(templates(index))).strictVariables(true).build()
                .load("index.twig");
    }

    private static Map<String, String> templates(String index) {
        Map<String, String> templates = new HashMap<>();
        templates.put("index.twig", index);
        templates.put("help_a.twig", HELP_A);
        templates.put("help_b.twig", HELP_B);
        templates.put("layout_wide.twig", "<w>{% block body %}W{% endblock %}</w>");
        templates.put("layout_narrow.twig", "<n>{% block body %}N{% endblock %}</n>");
        templates.put("blocks_a.twig", "{% block x %}xa{{ k }}{% endblock %}");
        templates.put("blocks_b.twig", "{% block x %}xb{{ k }}{% endblock %}");
        return templates;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        AllocationMeter.assertRendersWithin(template(template), data(), expected, BOUND, what);
    }

    /** A name no template has: Twig's loader error, naming the computed name, the template and the line. */
    static Stream<Arguments> missing() {
        return Stream.of(
                Arguments.of("x\n{% for k in kinds %}{% include 'nope_' ~ k ~ '.twig' %}{% endfor %}",
                        "Template \"nope_a.twig\" is not defined in \"index.twig\" at line 2."),
                Arguments.of("x\n\n{{ source('nope_' ~ kinds[0]) }}",
                        "Template \"nope_a\" is not defined in \"index.twig\" at line 3."),
                Arguments.of("{{ include('nope_' ~ kinds[1] ~ '.twig') }}",
                        "Template \"nope_b.twig\" is not defined in \"index.twig\" at line 1."),
                Arguments.of("{% extends 'base_' ~ kinds[0] %}",
                        "Template \"base_a\" is not defined in \"index.twig\" at line 1."),
                Arguments.of("{{ block('x', 'b_' ~ kinds[0]) }}",
                        "Template \"b_a\" is not defined in \"index.twig\" at line 1."));
    }

    @ParameterizedTest
    @MethodSource("missing")
    void aMissingComputedNameFailsAsTwig(String index, String message) {
        Template t = template(index);
        for (int i = 0; i < 3; i++) {
            TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> t.render(data()));
            assertEquals(message, e.getMessage());
        }
    }

    /** The names change with the data: each render looks up the names it built, not the last render's. */
    @Test
    void eachRenderLooksUpTheNamesItBuilt() {
        Template t = template("{% for k in kinds %}{% include 'help_' ~ k ~ '.twig' %}{{ source('help_' ~ k"
                + " ~ '.twig')|length }}{{ block('x', 'blocks_' ~ k ~ '.twig') }}{% endfor %}");
        Map<String, Object> ab = data();
        Map<String, Object> ba = data();
        ba.put("kinds", List.of("b", "a", "b"));
        for (int i = 0; i < 200; i++) {
            assertEquals("A-15xaaB-15xbb", t.render(ab));
            assertEquals("B-15xbbA-15xaaB-15xbb", t.render(ba));
        }
    }

    /** A loader that remembers the class of every name it is given. */
    private static final class RecordingLoader implements Loader {
        private final MapLoader map;
        final Set<Class<?>> nameClasses = ConcurrentHashMap.newKeySet();
        final Set<String> names = ConcurrentHashMap.newKeySet();

        RecordingLoader(Map<String, String> templates) {
            map = new MapLoader(templates);
        }

        private String seen(String name) {
            nameClasses.add(name.getClass());
            names.add(name);
            return name;
        }

        @Override
        public TemplateSource load(String name) {
            return map.load(seen(name));
        }

        @Override
        public boolean exists(String name) {
            return map.exists(seen(name));
        }

        @Override
        public long version(String name) {
            seen(name);
            return 0L;
        }

        @Override
        public String cacheKey(String name) {
            return seen(name);
        }
    }

    /** The loader gets each computed name as a String (never the render's own buffer), also with auto-reload. */
    @Test
    void theLoaderGetsStrings() {
        RecordingLoader loader = new RecordingLoader(templates("{% for k in kinds %}{% include 'help_' ~ k"
                + " ~ '.twig' ignore missing %}{{ include('help_' ~ k ~ '.twig') }}{{ source('help_' ~ k ~ '.twig')"
                + "|length }}{% include 'none_' ~ k ignore missing %}{% endfor %}"));
        Template t = Environment.builder().loader(loader).autoReload(true).strictVariables(true).build()
                .load("index.twig");
        for (int i = 0; i < 50; i++) {
            assertEquals("A-A-15B-B-15", t.render(data()));
        }
        assertEquals(Set.of(String.class), loader.nameClasses);
        assertEquals(Set.of("index.twig", "help_a.twig", "help_b.twig", "none_a", "none_b"), loader.names);
    }

    /** Under the sandbox, a template of a computed name is checked against the policy as any other. */
    @Test
    void theSandboxChecksATemplateOfAComputedName() {
        Map<String, String> templates = templates("{% for k in kinds %}{% sandbox %}{% include 'user_' ~ k"
                + " ~ '.twig' %}{% endsandbox %}{% endfor %}");
        templates.put("fn.twig", "{% for k in kinds %}{{ include('user_' ~ k ~ '.twig', sandboxed = true) }}"
                + "{% endfor %}");
        templates.put("user_a.twig", "{{ 'a'|upper }}");
        templates.put("user_b.twig", "{{ 'b'|lower }}");
        Environment env = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .securityPolicy(SecurityPolicy.builder().allowTags("if").allowFilters("upper").build()).build();
        for (String name : List.of("index.twig", "fn.twig")) {
            for (int i = 0; i < 3; i++) {
                SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                        () -> env.render(name, data()));
                assertEquals("Filter \"lower\" is not allowed in \"user_b.twig\" at line 1.", e.getMessage());
            }
        }
    }
}
