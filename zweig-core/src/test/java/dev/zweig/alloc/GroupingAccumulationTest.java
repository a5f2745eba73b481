package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reduces that group by key, {@code acc|merge({(k): (acc[k] ?? [])|merge([x])})}: the carry and each of its groups
 * extended in place (Semantics#IN_PLACE_ELEMENT, Semantics#elementPut) where the groups stay where the reduce's
 * result is read (a for loop, a sort into a for loop, a sealed consumer): nothing allocated per render once warm, on
 * either executor. Where a step would not put a group back under the key it read it from (another key, an integer
 * key a merge renumbers, a mapping merged into it, the group read elsewhere) it is copied, and the output is still
 * Twig's. The expected outputs are real Twig's (oracle).
 */
class GroupingAccumulationTest {
    private static final double BOUND = 16.0;

    static Map<String, Object> data() {
        return json("{\"rows\": [{\"g\": \"a\", \"v\": 1}, {\"g\": \"b\", \"v\": 2}, {\"g\": \"a\", \"v\": 3},"
                + " {\"g\": \"c\", \"v\": 4}, {\"g\": \"a\", \"v\": 5}, {\"g\": \"b\", \"v\": 6}],"
                + " \"mixed\": [{\"g\": \"a\", \"h\": \"b\", \"n\": \"5\", \"v\": 1}, {\"g\": \"b\", \"h\": \"a\","
                + " \"n\": \"7\", \"v\": 2}, {\"g\": \"a\", \"h\": \"a\", \"n\": \"5\", \"v\": 3}, {\"g\": \"a\","
                + " \"h\": \"c\", \"n\": \"5\", \"v\": 4}, {\"g\": \"b\", \"h\": \"b\", \"n\": \"7\", \"v\": \"x\"}]}");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String s) {
        try {
            return new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS).readValue(s,
                    LinkedHashMap.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String[]> grouped() {
        return Stream.of(
                new String[] {"groups iterated", "{% for g, items in rows|reduce((acc, r) => acc|merge({(r.g):"
                        + " (acc[r.g] ?? [])|merge([r.v])}), {}) %}{{ g }}={{ items|join(',') }};{% endfor %}",
                        "a=1,3,5;b=2,6;c=4;"},
                new String[] {"groups sorted and iterated", "{% for g, items in rows|reduce((acc, r) => acc|merge("
                        + "{(r.g): (acc[r.g] ?? [])|merge([r])}), {})|sort((x, y) => y|length <=> x|length) %}"
                        + "{{ g }}:{{ items|length }}{% for r in items %} {{ r.v }}{% endfor %};{% endfor %}",
                        "a:3 1 3 5;b:2 2 6;c:1 4;"},
                new String[] {"groups encoded", "{{ rows|reduce((acc, r) => acc|merge({(r.g): (acc[r.g] ?? [])"
                        + "|merge([r.v])}), {})|json_encode }}",
                        "{&quot;a&quot;:[1,3,5],&quot;b&quot;:[2,6],&quot;c&quot;:[4]}"},
                new String[] {"grouped again in a loop", "{% for i in 1..2 %}{% for g, l in rows|reduce((acc, r) =>"
                        + " acc|merge({(r.g): (acc[r.g] ?? [])|merge([r.v * i])}), {}) %}{{ g }}{{ l|join('') }} "
                        + "{% endfor %}|{% endfor %}", "a135 b26 c4 |a2610 b412 c8 |"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("grouped")
    void groupsAreExtendedInPlace(String name, String template, String expected) {
        AllocationMeter.assertRendersWithin(load(template), data(), expected, BOUND, name);
    }

    static Stream<String[]> copied() {
        return Stream.of(
                // a group read under one key and put under another: the step's appends taken back, a copy put
                new String[] {"put under another key", "{% for k, l in mixed|reduce((acc, x) => acc|merge({(x.h):"
                        + " (acc[x.g] ?? [])|merge([x.v])}), {}) %}{{ k }}={{ l|join(',') }};{% endfor %}",
                        "b=1,x;a=1,2,3;c=1,2,3,4;"},
                new String[] {"integer keys renumbered", "{% for k, l in mixed|reduce((acc, x) => acc|merge({(x.n):"
                        + " (acc[x.n] ?? [])|merge([x.v])}), {}) %}{{ k }}={{ l|join(',') }};{% endfor %}",
                        "0=1;1=2;2=3;3=4;4=x;"},
                new String[] {"a mapping merged into a group", "{{ mixed|reduce((acc, x) => acc|merge({(x.g):"
                        + " (acc[x.g] ?? [])|merge({(x.v): 1})}), {})|json_encode }}",
                        "{&quot;a&quot;:[1,1,1],&quot;b&quot;:{&quot;0&quot;:1,&quot;x&quot;:1}}"},
                new String[] {"a group read elsewhere", "{% for g, l in rows|reduce((acc, r) => acc|merge({(r.g):"
                        + " (acc[r.g] ?? [])|merge([r.v]), last: acc[r.g] ?? []}), {}) %}{{ g }}={{ l|join(',') }};"
                        + "{% endfor %}", "a=1,3,5;last=2;b=2,6;c=4;"},
                new String[] {"groups kept by set", "{% set by = rows|reduce((acc, r) => acc|merge({(r.g):"
                        + " (acc[r.g] ?? [])|merge([r.v])}), {}) %}{% set a = by.a %}{{ a|join(',') }}"
                        + "{% for g, l in by %}{{ g }}{{ l|length }}{% endfor %}{{ a|join(',') }}", "1,3,5a3b2c11,3,5"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copied")
    void groupsPutElsewhereAreCopies(String name, String template, String expected) {
        Template t = load(template);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, t.render(data()), name);
        }
    }

    private static Template load(String template) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", template))).strictVariables(true)
                .build().load("index.twig");
    }
}
