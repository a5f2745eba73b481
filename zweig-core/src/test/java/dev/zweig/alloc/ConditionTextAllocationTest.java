package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Text built by a core filter, a {@code ~} or a date filter and only tested for truth, or compared or tested where
 * a condition reads it: the condition of {@code a ? b : c} and {@code a ?: b}, of {@code if}/{@code elseif}, the
 * operands of {@code and}/{@code or}/{@code not}, tests and comparisons, in loops, arrows, macro arguments and set
 * values. The text is render-private (the conditional gives its buffer back once the condition is decided, as an
 * if does), so each case renders as real Twig (the oracle) and allocates at most {@link #BOUND} bytes per render
 * after a warm-up. A user filter or test reading such a text in a condition gets a String of its own.
 */
class ConditionTextAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("d", "2024-02-29 23:15:00");
        d.put("c", "2023-03-26 01:30:00");
        d.put("ts", 1706659200L);
        d.put("name", "Ada Lovelace");
        d.put("items", List.of("a", "b"));
        d.put("empty", "");
        d.put("zero", "0");
        d.put("rows", List.of(Map.of("date", "2024-02-29 23:15:00"), Map.of("date", 1706659200L),
                Map.of("date", "2023-12-31T22:30:00+00:00")));
        return d;
    }

    private static Arguments c(String what, String template, String expected) {
        return Arguments.of(what, template, expected);
    }

    /** Expected outputs are the oracle's (Twig on PHP 8.2) for the same template and data, in UTC. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("ternary",
                        "{{ d|date('L') ? 366 : 365 }} {{ c|date('L') ? 366 : 365 }} {{ name|upper ? 'y' : 'n' }} {{ (nam"
                        + "e ~ '!') ? 'y' : 'n' }} {{ items|join(',') ? 'j' : 'nj' }} {{ zero|trim ? 'y' : 'n' }} {{ empty|"
                        + "lower ? 'y' : 'n' }}",
                        "366 365 y y j n n"),
                c("elvis",
                        "{{ empty|upper ?: 'none' }} {{ d|date('L') ?: 'x' }} {{ c|date('L') ?: 'x' }} {{ (zero|trim ?: n"
                        + "ame|upper)|lower }}",
                        "none 1 x ada lovelace"),
                c("if",
                        "{% if d|date('L') %}leap{% endif %}{% if c|date('L') %}no{% elseif c|date('y') ~ '' %}c{% endif "
                        + "%}{% if zero|trim %}no{% else %}z{% endif %}",
                        "leapcz"),
                c("and or not",
                        "{{ (d|date('L') and name|lower) ? 1 : 0 }} {{ (c|date('L') or zero|upper) ? 1 : 0 }} {{ not (c|d"
                        + "ate('L')) ? 'n' : 'y' }} {% if not zero|trim %}z{% endif %} {{ d|date('L') or name|upper }}|{{ c"
                        + "|date('L') and name|upper }}|{{ not name|lower }}",
                        "1 0 n z 1||"),
                c("tests",
                        "{{ empty|upper is empty ? 'e' : 'ne' }} {{ d|date('Y') is same as('2024') ? 's' : 'ns' }} {% if "
                        + "name|lower is not empty %}ne{% endif %} {{ (d|date('U') is divisible by(100)) ? 'div' : 'nd' }} "
                        + "{{ d|date('d') is odd ? 'odd' : 'even' }} {{ c|date('d')|trim is null ? 'null' : 'nn' }}",
                        "e s ne div odd nn"),
                c("comparisons",
                        "{{ d|date('m') == '02' ? 'feb' : 'other' }} {{ d|date('Y') > 2023 ? 'gt' : 'le' }} {{ name|lower"
                        + " starts with 'ada' ? 'sw' : 'ns' }} {{ 'love' in name|lower ? 'in' : 'out' }} {{ c|date('D') mat"
                        + "ches '/^S/' ? 'S' : '-' }} {{ (d|date('Y') <=> c|date('Y')) ? 'ne' : 'eq' }}",
                        "feb gt sw in S ne"),
                c("in a loop",
                        "{% for r in rows %}{{ r.date|date('L') ? 366 : 365 }}{{ r.date|date('N') > 5 ? 'we' : 'wd' }}{% "
                        + "if r.date|date('m') == '12' %}dec{% endif %},{% endfor %}",
                        "366wd,366wd,365wedec,"),
                c("chained branch",
                        "{{ (d|date('L') ? 'leap' : 'common')|upper }} {{ name|upper ? name|lower : 'x' }} {{ (c|date('L'"
                        + ") ? name|upper : name|lower ~ '!')|title }} {{ d|date('L') ? d|date('Y') ~ 'L' : d|date('y') }}",
                        "LEAP ada lovelace Ada Lovelace! 2024L"),
                c("arrow",
                        "{{ rows|map(r => r.date|date('L') ? 'L' : 'C')|join }} {{ rows|filter(r => r.date|date('L') ? tr"
                        + "ue : false)|length }} {{ rows|map(r => (r.date|date('m') == '12') ? 'D' : '-')|join }}",
                        "LLC 2 --D"),
                c("set",
                        "{% set x = d|date('L') ? 'a' : 'b' %}{% set y = (c|date('L') ?: 'n')|upper %}{{ x }}{{ y }}{% se"
                        + "t z = name|lower %}{{ z ? z|upper : 'no' }}",
                        "aNADA LOVELACE"),
                c("macro",
                        "{% macro m(v) %}[{{ v }}]{% endmacro %}{% import _self as h %}{{ h.m(d|date('L') ? 'leap' : 'com"
                        + "mon') }}{{ h.m(c|date('L') ? 1 : 0) }}",
                        "[leap][0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", template))).build().load("t");
        AllocationMeter.assertRendersWithin(what, t, data(), expected, 2000, BOUND);
    }

    /**
     * Texts built in conditions and read there by a user's filter and test: each gets a String of its own, which
     * later renders (whose conditions reuse the render-private buffers) leave as it was.
     */
    @Test
    void aUserFilterAndTestInAConditionGetStringsOfTheirOwn() {
        List<Object> seen = new ArrayList<>();
        Environment env = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", "{{ (name|upper)|keep ? d|date('Y') : 'n' }}"
                        + "{% if d|date('L') is kept %}L{% endif %}{{ name|lower|keep and c|date('D')|keep ? '+' : '-'"
                        + " }}{{ d|date('m') ~ name|upper ? 'x' : 'y' }}")))
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return a[0];
                }))
                .test(TestDefinition.of("kept", (ctx, a) -> {
                    seen.add(a[0]);
                    return true;
                }))
                .build();
        StringBuilderOutput out = new StringBuilderOutput();
        env.load("t").render(data(), out);
        assertEquals("2024L+x", out.toString());
        List<Object> first = List.copyOf(seen);
        assertEquals(List.of("ADA LOVELACE", "1", "ada lovelace", "Sun"), first.stream().map(String::valueOf).toList());
        first.forEach(v -> assertInstanceOf(String.class, v, String.valueOf(v)));
        for (int i = 0; i < 3; i++) {
            Map<String, Object> other = data();
            other.put("name", "Grace Hopper, the admiral");
            other.put("d", "1999-01-01 00:00:00");
            other.put("c", "2001-02-03 04:05:06");
            out.reset();
            env.load("t").render(other, out);
        }
        assertEquals(List.of("ADA LOVELACE", "1", "ada lovelace", "Sun"), first.stream().map(String::valueOf).toList(),
                "changed by later renders");
        assertEquals(16, seen.size());
    }
}
