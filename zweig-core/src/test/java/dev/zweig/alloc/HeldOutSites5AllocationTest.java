package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.Template;
import dev.zweig.ext.Extension;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine sites the fifth set of held-out pages (HeldOutPages5Test) found allocating, at most {@link #BOUND}
 * bytes per render after a warm-up, on the executor the suite runs with: column over map rows some of which lack
 * the column (the lookup walked the row's entries with an iterator: filetree's directories have no size); a short
 * computed text handed by a with (or an include) to code that may keep it (a new String per render: settings' {@code
 * {% with {label: 'Save ' ~ section} %}{{ block('submit') }}}); a set capture in a scope that hands its variables on
 * afterwards (a new String and Markup per render: settings' intro before the block('field_row') calls).
 */
class HeldOutSites5AllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    /** A mapping as JSON data has it (a LinkedHashMap: walked without an iterator). */
    static Map<String, Object> row(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("rows", List.of(row("name", "a", "size", 10L), row("name", "dir"), row("name", "b", "size", 5L),
                row("name", "dir2"), row("name", "dir3")));
        d.put("section", "profile");
        d.put("name", "Ada");
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("column of map rows lacking the column",
                        Map.of("t", "{{ rows|column('size')|join(',') }}|{{ rows|column('size')|reduce((s, n) => s + n,"
                                + " 0) }}|{{ rows|column('size', 'name')|keys|join(',') }}"),
                        "10,5|15|a,b"),
                Arguments.of("a with's short text handed to block()",
                        Map.of("t", "{% block b %}[{{ label ?? '-' }}]{% endblock %}|{% with {label: 'Save ' ~ section} %}"
                                + "{{ block('b') }}{% endwith %}"),
                        "[-]|[Save profile]"),
                Arguments.of("an include's short text the included template hands on",
                        Map.of("t", "{% include 'inc' with {label: 'Save ' ~ section, n: name|upper} %}",
                                "inc", "{% block b %}<{{ label }}>{% endblock %}{{ block('b') }}{{ n }}"),
                        "<Save profile><Save profile>ADA"),
                Arguments.of("a set capture read after block()",
                        Map.of("t", "{% block b %}({{ intro ?? '' }}){% endblock %}{% set intro %}Hi <b>{{ name }}</b>"
                                + "{% endset %}{{ block('b') }}{{ intro }}|{% set nothing %}{% endset %}"
                                + "{{ nothing is same as '' ? 'empty' }}{{ block('b') }}"),
                        "()(Hi <b>Ada</b>)Hi <b>Ada</b>|empty(Hi <b>Ada</b>)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, Map<String, String> templates, String expected) {
        Template t = Environment.builder().loader(new MapLoader(templates)).strictVariables(true).build().load("t");
        AllocationMeter.assertRendersWithin(t, data(), expected, BOUND, what);
    }

    /** column finds a Java map row's entry as row.name does: an Integer key, digits as a String key, a Long key. */
    @Test
    void columnReadsJavaMapRowsAsAttributesDo() {
        Map<Object, Object> integers = new LinkedHashMap<>();
        integers.put(1, "int");
        Map<Object, Object> digits = new LinkedHashMap<>();
        digits.put("1", "digits");
        Map<Object, Object> longs = new LinkedHashMap<>();
        longs.put(1L, "long");
        Map<Object, Object> none = new LinkedHashMap<>();
        none.put(2, "two");
        Template t = Environment.builder().loader(new MapLoader(Map.of("t",
                "{{ rows|column(1)|join(',') }}|{{ rows|column('1')|join(',') }}|{% for r in rows %}"
                        + "{{ r[1] ?? '-' }},{% endfor %}"))).build().load("t");
        assertEquals("int,digits,long|int,digits,long|int,digits,long,-,",
                t.render(Map.of("rows", List.of(integers, digits, longs, none))));
    }

    /**
     * A capture kept by a scope that hands it on is a Markup equal to what the capture wrote, whatever the render
     * before it wrote (the render state's recent captures are found by their text), and one a user function may keep:
     * it is immutable, and the next render with the same text gives the same one.
     */
    @Test
    void aCaptureHandedOnIsTheTextItWroteAndMayBeKept() {
        List<Object> kept = new ArrayList<>();
        Extension keep = HeldOutSites6AllocationTest.keeping(kept);
        Template t = Environment.builder().extension(keep).loader(new MapLoader(Map.of("t",
                "{% set c %}<i>{{ name }}</i>{% endset %}{{ keep(c) }}{{ c }}"))).build().load("t");
        String[] names = {"Ada", "Bo", "Ada", "Ada", "Cy", "Bo"};
        for (String n : names) {
            assertEquals("<i>" + n + "</i>", t.render(Map.of("name", n)));
        }
        for (int i = 0; i < names.length; i++) {
            assertEquals(new Markup("<i>" + names[i] + "</i>"), kept.get(i), "kept capture " + i);
        }
        assertSame(kept.get(2), kept.get(3), "the same text's capture comes from the recent captures");
        String big = "x".repeat(2000);
        assertEquals("<i>" + big + "</i>", t.render(Map.of("name", big)));
        assertEquals(new Markup("<i>" + big + "</i>"), kept.get(names.length));
    }
}
