package dev.zweig.alloc;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Templates chosen while rendering: a template made from a string and rendered on the spot reuses the template
 * compiled for its source (Engine#templateFromString), and an include's list of names built with {@code ~} is read
 * in place, its names Strings of the render's key cache (Engine#resolveTemplate): nothing allocated per render once
 * warm, on either executor. The expected outputs are real Twig's (oracle).
 */
class RenderTimeTemplatesAllocationTest {
    private static final double BOUND = 16.0;

    private static Template load(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).strictVariables(true).build()
                .load("index.twig");
    }

    @Test
    void aTemplateFromStringRenderedOnTheSpotIsCompiledOnce() {
        Template t = load(Map.of("index.twig", "{% set snippet = '{% for i in 1..n %}{{ i }}{{ loop.last ? \"\" :"
                + " \",\" }}{% endfor %} = {{ (1..n)|reduce((s, i) => s + i) }}' %}"
                + "{{ include(template_from_string(snippet), {n: 5}) }}|"
                + "{% include template_from_string('<b>{{ x }}</b>') with {x: 'y'} %}|"
                + "{{ include(n > 1 ? template_from_string('{{ 1 + 1 }}') : 'other.twig') }}"));
        AllocationMeter.assertRendersWithin(t, Map.of("n", 2L), "1,2,3,4,5 = 15|<b>y</b>|2", BOUND,
                "template_from_string");
    }

    @Test
    void anIncludesListOfComputedNamesIsReadInPlace() {
        Template t = load(Map.of("index.twig", "{% for v in versions %}{% include ['feedback_' ~ v ~ '.twig',"
                + " 'f.twig'] ignore missing %}{% endfor %}", "f.twig", "[f]", "feedback_2.9.twig", "[old {{ v }}]"));
        AllocationMeter.assertRendersWithin(t, Map.of("versions", List.of("3.0", "2.9")), "[f][old 2.9]", BOUND,
                "include list");
    }
}
