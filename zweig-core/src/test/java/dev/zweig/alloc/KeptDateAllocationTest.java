package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Render-private dates that live beyond the expression that made them: a date_modify or date() result passed as
 * a macro argument (kept render-private for a parameter the macro reads only as a date), and one kept by a
 * {@code set} in a loop (copied into the scope's own date for the variable, so a loop of a thousand rows takes no
 * scratch storage per row and the render's scratch arena is not exhausted). Each renders what real Twig renders
 * (the oracle) and allocates at most {@link #BOUND} bytes per render after a warm-up. A macro that may keep its
 * argument, and user code, get an immutable ZonedDateTime that later renders leave alone.
 */
class KeptDateAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    /** A thousand rows: r0..r999, dates as Unix times three days (and 37 seconds) apart. */
    private static final List<Map<String, Object>> ROWS = rows();

    private static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            rows.add(Map.of("n", "r" + i, "d", 1700000000L + i * 86400L * 3 + i * 37L));
        }
        return List.copyOf(rows);
    }

    /** Four rows with dates of every kind. */
    private static final List<Map<String, Object>> FEW = List.of(Map.of("n", "a", "d", "2024-02-29 23:15:00"),
            Map.of("n", "b", "d", 1706659200L), Map.of("n", "c", "d", "2023-12-31T22:30:00+00:00"),
            Map.of("n", "d", "d", "2024-03-31"));

    private static Arguments c(String what, String template, String expected, List<Map<String, Object>> rows) {
        return Arguments.of(what, template, expected, rows);
    }

    /** Expected outputs are the oracle's (Twig on PHP 8.2) for the same template and rows, in UTC. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("macro arguments",
                        "{% macro show(d, label) %}{{ label }}: {{ d|date('Y-m-d') }} {{ d > date('2024-03-01') ? 'after'"
                        + " : 'before' }}{% endmacro %}{% macro plain(d) %}{{ d|date('D') }}{% endmacro %}{% import _self a"
                        + "s h %}{% for r in rows %}{{ h.show(r.d|date_modify('+1 day'), r.n) }} {{ h.plain(date(r.d)) }} {"
                        + "{ h.show(date(r.d, 'Asia/Tokyo')|date_modify('monday this week'), label = 'mon') }}|{% endfor %}",
                        "a: 2024-03-01 after Thu mon: 2024-02-25 before|b: 2024-02-01 before Wed mon: 2024-01-28 befor"
                        + "e|c: 2024-01-01 before Sun mon: 2023-12-31 before|d: 2024-04-01 after Sun mon: 2024-03-24 after|",
                        FEW),
                c("kept in a loop of a thousand rows",
                        "{% set n = 0 %}{% set d = date('2000-01-01') %}{% for r in rows %}{% set d = r.d|date_modify('+1"
                        + " month') %}{% set e = date(r.d) %}{% if d > e and d|date('d') == e|date('d') %}{% set n = n + 1 "
                        + "%}{% endif %}{% endfor %}{{ n }} {{ d|date('Y-m-d H:i:s') }} {{ rows|map(r => r.n)|join(',')|len"
                        + "gth }} {{ rows|filter(r => r.d > 1800000000)|length }}",
                        "981 2032-02-29 08:29:23 4889 614", ROWS),
                c("modified from itself a thousand times",
                        "{% set d = date('2024-01-31') %}{% for r in rows %}{% set d = d|date_modify('+1 day') %}{% endfo"
                        + "r %}{{ d|date('Y-m-d D') }}",
                        "2026-10-27 Tue", ROWS),
                c("a macro's own date, called a thousand times",
                        "{% macro m(d) %}{% set d = d|date_modify('+1 day') %}{{ d|date('j') }}{% endmacro %}{% import _s"
                        + "elf as h %}{% for r in rows %}{% if h.m(date(r.d)) == '1' %}{{ r.n }} {% endif %}{% endfor %}",
                        "r26 r46 r56 r97 r107 r148 r208 r259 r289 r299 r340 r350 r391 r431 r441 r482 r492 r553 r563 r604 "
                        + "r614 r644 r695 r746 r776 r786 r827 r837 r878 r918 r928 r969 r979 ", ROWS));
    }

    private static Template template(String source) {
        return Environment.builder().timezone(ZoneId.of("UTC")).loader(new MapLoader(Map.of("t", source))).build()
                .load("t");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String source, String expected, List<Map<String, Object>> rows) {
        AllocationMeter.assertRendersWithin(what, template(source), Map.of("rows", rows), expected,
                rows.size() > 100 ? 200 : 2000, BOUND);
    }

    /**
     * A macro that keeps its argument in a variable, and one that gets it among its varargs: each sees the date as
     * real Twig does (the value of a ZonedDateTime, made at the call).
     */
    @Test
    void aMacroThatMayKeepItsDateGetsAnImmutableOne() {
        Template t = template("{% macro keepit(d) %}{% set x = d %}{{ x|date('Y') }}{% endmacro %}{% macro extra() %}"
                + "{{ varargs|length }}{{ varargs[0]|date('y') }}{% endmacro %}{% import _self as h %}{% for r in rows %}"
                + "{{ h.keepit(r.d|date_modify('+1 year')) }}{{ h.extra(date(r.d)) }}{% endfor %}");
        assertEquals("2025124202512420241232025124", t.render(Map.of("rows", FEW)));
    }

    /**
     * Dates made render-private (a macro's argument, a set in a loop) reach a user's function only as immutable
     * ZonedDateTimes that later renders, reusing the render-private storage, leave as they were.
     */
    @Test
    void userCodeGetsImmutableDatesThatLaterRendersLeaveAlone() {
        List<Object> seen = new ArrayList<>();
        Environment env = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", "{% macro m(d, e) %}{{ d|date('md') }}{{ keep(e) }}{% endmacro %}"
                        + "{% import _self as h %}{% set d = date('2000-01-01') %}{% for r in rows %}"
                        + "{% set d = r.d|date_modify('+1 day') %}"
                        + "{{ h.m(date(r.d), r.d|date_modify('-1 day')) }}{{ d|date('d') }},{% endfor %}"
                        + "{{ keep(d) }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("value"))
                .build();
        StringBuilderOutput out = new StringBuilderOutput();
        env.load("t").render(Map.of("rows", FEW), out);
        assertEquals("022901,013101,123101,033101,", out.toString());
        List<Object> first = List.copyOf(seen);
        List<String> shown = first.stream().map(String::valueOf).toList();
        for (int i = 0; i < 3; i++) {
            out.reset();
            env.load("t").render(Map.of("rows", ROWS.subList(0, 20)), out);
        }
        assertEquals(5, first.size());
        first.forEach(v -> assertInstanceOf(ZonedDateTime.class, v, String.valueOf(v)));
        assertEquals(shown, first.stream().map(String::valueOf).toList(), "changed by later renders");
        assertEquals(Instant.parse("2024-02-28T23:15:00Z"), ((ZonedDateTime) first.get(0)).toInstant());
        assertEquals(Instant.parse("2024-04-01T00:00:00Z"), ((ZonedDateTime) first.get(4)).toInstant());
        assertEquals(5 + 3 * 21, seen.size());
    }
}
