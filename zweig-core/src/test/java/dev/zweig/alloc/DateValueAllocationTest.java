package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
 * Dates as values: results of the date function and of date_modify compared, kept in set variables, made in a
 * macro from its argument, sorted on, given to max/min, and date_modify of a Unix time, printed and chained. Each
 * renders what real Twig renders (the oracle) and allocates at most {@link #BOUND} bytes per render after a
 * warm-up (render-private dates, ScratchDate). A kept date that reaches a user's function is an immutable
 * ZonedDateTime that no later render changes.
 */
class DateValueAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("ts", 1709647629L);
        d.put("a", "2024-03-05 14:07:09");
        d.put("b", "2024-07-05 08:00:00");
        d.put("rows", List.of(Map.of("n", "x", "d", "2024-05-01"), Map.of("n", "y", "d", "2023-01-09 10:00"),
                Map.of("n", "z", "d", "2024-02-29")));
        return d;
    }

    private static Arguments c(String what, String template, String expected) {
        return Arguments.of(what, template, expected);
    }

    /** Expected outputs are the oracle's (Twig on PHP 8.2) for the same template and data, in UTC. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("compared",
                        "{{ date(a) < date(b) ? 'lt' : 'ge' }}|{{ date(a) == date(a|date('Y-m-d H:i:s')) "
                        + "? 'eq' : 'ne' }}|{{ date(b) <=> date(a) }}|{% if date(a)|date_modify('+5 months'"
                        + ") > date(b) %}later{% else %}earlier{% endif %}",
                        "lt|eq|1|later"),
                c("kept in set",
                        "{% set x = date(a) %}{% set y = date(b)|date_modify('-1 day') %}{{ x|date('Y-m-d"
                        + "') }} {{ y|date('D d M') }} {{ x < y ? 'before' : 'after' }} {{ x|date_modify('+"
                        + "1 week')|date('Y-m-d')|upper }}",
                        "2024-03-05 Thu 04 Jul before 2024-03-12"),
                c("passed to a macro",
                        "{% macro m(d, e) %}{% set d = date(d) %}{{ d > date(e) ? 'after' : 'not after' }"
                        + "} {{ d|date('Y') }}{% endmacro %}{% import _self as h %}{{ h.m(a, b) }}|{{ h.m(b"
                        + ", a)|upper }}",
                        "not after 2024|AFTER 2024"),
                c("sorted",
                        "{{ rows|sort((p, q) => date(p.d) <=> date(q.d))|map(r => r.n)|join(',') }}|{{ ro"
                        + "ws|sort((p, q) => p.d|date('Ymd') <=> q.d|date('Ymd'))|map(r => r.n ~ r.d|date('"
                        + "y'))|join(' ') }}",
                        "y,z,x|y23 z24 x24"),
                c("max min of date strings",
                        "{{ max(a|date('Ymd'), b|date('Ymd')) }} {{ min(a|date('Y-m-d'), b|date('Y-m-d'))"
                        + "|upper }}",
                        "20240705 2024-03-05"),
                c("max min of dates",
                        "{{ max(date(a), date(b))|date('Y-m-d') }} {{ min(date(a), date(b))|date('Y-m-d') }}",
                        "2024-07-05 2024-03-05"),
                c("date_modify on a timestamp",
                        "{{ ts|date_modify('+1 day')|date('Y-m-d H:i:s T') }}|{{ ts|date_modify('midnight"
                        + "')|date('c')|upper }}|{{ ts|date_modify('+1 hour') > date(ts) ? 'later' : 'no' }"
                        + "}",
                        "2024-03-06 14:07:09 UTC|2024-03-05T00:00:00+00:00|later"),
                c("date_modify on a DateTime",
                        "{{ date(a)|date_modify('+1 month')|date('Y-m-d') }}|{{ date(a, 'Europe/Berlin')|"
                        + "date_modify('last day of this month')|date('D Y-m-d H:i T')|lower }}",
                        "2024-04-05|sun 2024-03-31 13:07 utc"),
                c("in a loop kept",
                        "{% for r in rows %}{% set d = date(r.d) %}{{ d|date('Y') }}{{ d < date(a) ? '<' "
                        + ": '>=' }}{% endfor %}",
                        "2024>=2023<2024<"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", template))).build().load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 2000, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    /** A kept (and compared) date given to a user's function: a ZonedDateTime, the same after later renders. */
    @Test
    void aUserFunctionGetsAnImmutableDateThatLaterRendersLeaveAlone() {
        List<Object> seen = new ArrayList<>();
        Environment env = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", "{% set x = date(a) %}{% set y = date(b)|date_modify('+1 day') %}"
                        + "{{ x < y ? 'lt' : 'ge' }} {{ x|date('Y') }}{{ keep(x) }}{{ keep(y) }}"
                        + "{% set x = date(b) %}{{ x|date('m') }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("value"))
                .build();
        StringBuilderOutput out = new StringBuilderOutput();
        env.load("t").render(data(), out);
        assertEquals("lt 202407", out.toString());
        List<Object> first = List.copyOf(seen);
        List<String> shown = first.stream().map(String::valueOf).toList();
        for (int i = 0; i < 3; i++) {
            out.reset();
            Map<String, Object> other = data();
            other.put("a", "1999-01-01 00:00:00");
            other.put("b", "2001-02-03 04:05:06");
            env.load("t").render(other, out);
        }
        assertEquals(2, first.size());
        assertTrue(first.get(0) instanceof ZonedDateTime, String.valueOf(first.get(0)));
        assertTrue(first.get(1) instanceof ZonedDateTime, String.valueOf(first.get(1)));
        assertEquals(ZonedDateTime.of(2024, 3, 5, 14, 7, 9, 0, ZoneId.of("UTC")).toInstant(),
                ((ZonedDateTime) first.get(0)).toInstant());
        assertEquals(ZonedDateTime.of(2024, 7, 6, 8, 0, 0, 0, ZoneId.of("UTC")).toInstant(),
                ((ZonedDateTime) first.get(1)).toInstant());
        assertEquals(shown, first.stream().map(String::valueOf).toList(), "changed by later renders");
        assertEquals(8, seen.size());
    }
    /** A kept date that an included template or _context sees is a ZonedDateTime, unchanged by later renders. */
    @Test
    void anIncludedTemplateAndContextGetImmutableDates() {
        List<Object> seen = new ArrayList<>();
        Environment env = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", "{% for r in rows %}{% set x = date(r.d) %}"
                        + "{{ x < date(a) ? '<' : '>' }}{% include 'inc' %}{{ keep(_context.x) }}{% endfor %}",
                        "inc", "{{ keep(x) }}{{ x|date('y') }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("value"))
                .build();
        StringBuilderOutput out = new StringBuilderOutput();
        env.load("t").render(data(), out);
        assertEquals(">24<23<24", out.toString());
        List<Object> first = List.copyOf(seen);
        List<String> shown = first.stream().map(String::valueOf).toList();
        Map<String, Object> other = data();
        other.put("rows", List.of(Map.of("d", "1999-01-01")));
        env.load("t").render(other, out);
        assertEquals(6, first.size());
        assertTrue(first.stream().allMatch(v -> v instanceof ZonedDateTime), shown.toString());
        assertEquals(shown, first.stream().map(String::valueOf).toList(), "changed by a later render");
        assertEquals(ZonedDateTime.of(2024, 2, 29, 0, 0, 0, 0, ZoneId.of("UTC")).toInstant(),
                ((ZonedDateTime) first.get(5)).toInstant());
    }
}
