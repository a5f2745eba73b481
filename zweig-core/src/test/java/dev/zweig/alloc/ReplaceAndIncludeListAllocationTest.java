package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two sites of the held-out pages (issue 10): {@code replace} with a mapping literal of computed values (the mapping
 * is read by strtr and dropped: render-private storage, a fresh map wherever it is kept) and {@code include} of a
 * list literal of names (walked in place, not copied). Each renders as Twig (expected outputs from the Twig oracle)
 * and allocates at most {@link #BOUND} bytes per render after a warm-up.
 */
class ReplaceAndIncludeListAllocationTest {
    private static final double BOUND = 16.0;
    private static final String EXPECTED_BLOCKS = "A2du<2>Bdu<1>A2B";

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("msg", "Hi %name%, %count% new");
        d.put("bye", "Bye {name}");
        d.put("user", Map.of("name", "Ana", "count", 3L));
        d.put("names", List.of("Bo", "Cy", "Di"));
        d.put("kinds", List.of("a", "b"));
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("replace computed", "{{ msg|replace({'%name%': user.name, '%count%': user.count}) }}",
                        "Hi Ana, 3 new"),
                Arguments.of("replace in a loop", "{% for n in names %}{{ msg|replace({'%name%': n, '%count%':"
                        + " loop.index}) }};{% endfor %}", "Hi Bo, 1 new;Hi Cy, 2 new;Hi Di, 3 new;"),
                Arguments.of("include list", "{% include ['missing.twig', 'help.twig'] with {n: 3} only %}"
                        + "{% for n in names %}{% include ['nope.twig', 'help.twig'] %}{% endfor %}", "H3HBoHCyHDi"),
                Arguments.of("block of a computed name", "{% for k in kinds %}{{ block('w_' ~ k) }}"
                        + "{{ block('w_' ~ k) is defined ? 'd' : 'u' }}{% endfor %}"
                        + "{% block w_a %}A{{ kinds|length }}{% endblock %}{% block w_b %}B{% endblock %}",
                        "A2dBdA2B"),
                Arguments.of("include list ignore missing", "{% include ['a.twig', 'b.twig'] ignore missing %}"
                        + "[{% include ['a.twig', 'help.twig'] with {n: 1} %}]", "[H1]"));
    }

    /** Where a value built from the mapping is kept or read as a value: the same output, render after render. */
    static Stream<Arguments> keptCases() {
        return Stream.of(
                Arguments.of("replace nested", "{{ msg|replace({'%name%': bye|replace({'{name}': user.name}),"
                        + " '%count%': user.count * 2}) }}", "Hi Bye Ana, 6 new"),
                Arguments.of("replace kept", "{% set r = msg|replace({'%name%': user.name, '%count%': user.count}) %}"
                        + "{% set m = {'%name%': user.name} %}{{ r }}|{{ msg|replace(m) }}|{{ m|keys|join }}",
                        "Hi Ana, 3 new|Hi Ana, %count% new|%name%"),
                Arguments.of("block of a computed name read as a value", "{% for k in kinds %}{{ block('w_' ~ k) }}"
                        + "{{ block('w_' ~ k) is defined ? 'd' : 'u' }}{{ block('x_' ~ k) is defined ? 'd' : 'u' }}"
                        + "<{{ block('w_' ~ k)|length }}>{% endfor %}"
                        + "{% block w_a %}A{{ kinds|length }}{% endblock %}{% block w_b %}B{% endblock %}",
                        EXPECTED_BLOCKS),
                Arguments.of("replace then kept in a loop", "{% set all = [] %}{% for n in names %}{% set all = all"
                        + "|merge([msg|replace({'%name%': n, '%count%': loop.index})]) %}{% endfor %}"
                        + "{{ all|join(';') }}", "Hi Bo, 1 new;Hi Cy, 2 new;Hi Di, 3 new"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptCases")
    void rendersAsTwigWhereResultsAreKept(String what, String template, String expected) {
        Template t = template(template);
        for (int i = 0; i < 300; i++) {
            assertEquals(expected, t.render(data()), what + " (render " + i + ")");
        }
    }

    private static Template template(String template) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", template, "help.twig",
                "H{{ n }}"))).strictVariables(true).build().load("index.twig");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = template(template);
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 500, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }
}
