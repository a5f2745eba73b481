package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
 * {@code date_modify}, {@code date} in zones with daylight saving time, on texts PHP's parser reads (zone names
 * in them too), on Unix times and java.time values, the {@code date} function read by the date filters, and the
 * case filters on text beyond Latin-1, printed and chained into another core filter: each renders exactly what
 * real Twig (PHP 8.2, the oracle) renders and allocates at most {@link #BOUND} bytes per render after a warm-up.
 * A date_modify result that reaches a user's filter or function, or {@code _context}, is a ZonedDateTime.
 */
class DateAndCaseAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("d", ZonedDateTime.of(2024, 3, 5, 14, 7, 9, 0, ZoneId.of("UTC")));
        d.put("d2", ZonedDateTime.of(2024, 7, 5, 14, 7, 9, 0, ZoneId.of("UTC")));
        d.put("g", "Καλημέρα κόσμε ß straße İstanbul ǆemal");
        d.put("text", "March 10, 2024");
        // Unix times and java.time values as user data holds them (the oracle had ints, floats and DateTimes)
        d.put("ts", 1709647629L);
        d.put("tsd", 1709647629.0);
        d.put("inst", Instant.ofEpochSecond(1709647629L, 123_456_000));
        d.put("ld", LocalDate.of(2024, 3, 5));
        d.put("ldt", LocalDateTime.of(2024, 3, 5, 14, 7, 9));
        d.put("zp", ZonedDateTime.of(2024, 7, 5, 14, 7, 9, 250_000_000, ZoneId.of("Europe/Paris")));
        d.put("odt", OffsetDateTime.of(2024, 3, 5, 14, 7, 9, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        return d;
    }

    private static Arguments c(String what, String zone, String template, String expected) {
        return Arguments.of(what, zone, template, expected);
    }

    /** Expected outputs are the oracle's (Twig on PHP 8.2) for the same template, data and time zone. */
    static Stream<Arguments> cases() {
        return Stream.of(
                c("date_modify +1 day", "UTC", "{{ d|date_modify('+1 day')|date('Y-m-d') }}", "2024-03-06"),
                c("date_modify chained", "UTC", "{{ d|date_modify('+1 day')|date('D, d M Y')|upper }}",
                        "WED, 06 MAR 2024"),
                c("date_modify of a text", "UTC", "{{ '2024-01-31'|date_modify('+1 month')|date('Y-m-d H:i') }}",
                        "2024-03-02 00:00"),
                c("date_modify +1 week 2 days", "UTC", "{{ d|date_modify('+1 week 2 days')|date('Y-m-d H:i:s') }}",
                        "2024-03-14 14:07:09"),
                c("date_modify last day of", "UTC",
                        "{{ d|date_modify('last day of next month')|date('Y-m-d H:i:s') }}", "2024-04-30 14:07:09"),
                c("date_modify midnight, noon", "UTC", "{{ d|date_modify('midnight')|date('Y-m-d H:i:s') }}|"
                        + "{{ d|date_modify('noon')|date('Y-m-d H:i:s') }}", "2024-03-05 00:00:00|2024-03-05 12:00:00"),
                c("date_modify weekdays", "UTC", "{{ d|date_modify('monday')|date('D Y-m-d H:i:s') }}|"
                        + "{{ d|date_modify('next friday')|date('D Y-m-d H:i:s') }}|"
                        + "{{ d|date_modify('last sunday')|date('D Y-m-d H:i:s') }}",
                        "Mon 2024-03-11 00:00:00|Fri 2024-03-08 00:00:00|Sun 2024-03-03 00:00:00"),
                c("date_modify twice", "UTC",
                        "{{ d|date_modify('+1 day')|date_modify('-3 hours')|date('Y-m-d H:i:s')|upper }}",
                        "2024-03-06 11:07:09"),
                c("date_modify special", "UTC", "{{ d|date_modify('first monday of next month')|date('Y-m-d H:i') }}|"
                        + "{{ d|date_modify('+2 weekdays')|date('D Y-m-d') }}|{{ d|date_modify('tomorrow')|date('c') }}",
                        "2024-04-01 00:00|Thu 2024-03-07|2024-03-06T00:00:00+00:00"),
                c("date_modify kept in a variable", "UTC", "{% set e = d|date_modify('+1 day') %}{{ e|date('Y-m-d') }}"
                        + " {{ e|date_modify('+1 day')|date('D') }} {{ e|date('H:i', 'Europe/Paris') }}",
                        "2024-03-06 Thu 15:07"),
                c("date_modify across DST", "Europe/Paris",
                        "{{ '2024-03-30 02:30'|date_modify('+1 day')|date('Y-m-d H:i:s T') }}|"
                        + "{{ '2024-03-30 12:00'|date_modify('+24 hours')|date('Y-m-d H:i:s T') }}|"
                        + "{{ '2024-10-26 02:30'|date_modify('+1 day')|date('c') }}",
                        "2024-03-31 03:30:00 CEST|2024-03-31 12:00:00 CEST|2024-10-27T02:30:00+02:00"),
                c("date_modify in the Environment's zone", "Europe/Paris",
                        "{{ d|date_modify('+1 day')|date('Y-m-d H:i T') }}|"
                        + "{{ '2024-01-31 10:00'|date_modify('last day of next month')|date('c') }}",
                        "2024-03-06 15:07 CET|2024-02-29T10:00:00+01:00"),
                c("date in a DST zone", "Europe/Paris", "{{ d|date('Y-m-d H:i T I e P') }}|{{ d2|date('Y-m-d H:i T I') }}",
                        "2024-03-05 15:07 CET 0 Europe/Paris +01:00|2024-07-05 16:07 CEST 1"),
                c("date with a zone argument", "UTC", "{{ d|date('Y-m-d H:i T I e O', 'America/New_York') }}|"
                        + "{{ d2|date('Y-m-d H:i T I e O', 'America/New_York')|upper }}",
                        "2024-03-05 09:07 EST 0 America/New_York -0500|2024-07-05 10:07 EDT 1 AMERICA/NEW_YORK -0400"),
                c("date of texts", "Europe/Paris", "{{ text|date('Y-m-d H:i T') }}|{{ '10/03/2024'|date('Y-m-d') }}|"
                        + "{{ '@1700000000'|date('Y-m-d H:i T') }}|{{ 1700000000|date('Y-m-d H:i T') }}",
                        "2024-03-10 00:00 CET|2024-10-03|2023-11-14 23:13 CET|2023-11-14 23:13 CET"),
                c("date of texts chained", "UTC", "{{ text|date('l jS F Y')|upper }}|{{ '10 March 2024'|date('Y-m-d') }}|"
                        + "{{ '10.03.2024'|date('Y-m-d') }}|{{ '2024/03/10'|date('Y-m-d')|length }}|"
                        + "{{ '10-Mar-2024 5pm'|date('Y-m-d H:i') }}|{{ 'Sat, 09 Mar 2024 10:00:00 +0100'|date('c') }}",
                        "SUNDAY 10TH MARCH 2024|2024-03-10|2024-03-10|10|2024-03-10 17:00|2024-03-09T09:00:00+00:00"),
                c("date in a DST gap and overlap", "Europe/Paris", "{{ '2024-03-31 02:30'|date('Y-m-d H:i:s T U') }}|"
                        + "{{ '2024-10-27 02:30'|date('Y-m-d H:i:s T U') }}|{{ '2024-10-27 03:30'|date('H:i:s T U') }}|"
                        + "{{ '2024-03-31 03:00'|date('H:i T U') }}|{{ '2024-03-31 01:59:59'|date('H:i:s T U') }}",
                        "2024-03-31 03:30:00 CEST 1711848600|2024-10-27 02:30:00 CET 1729992600|"
                        + "03:30:00 CET 1729996200|03:00 CEST 1711846800|01:59:59 CET 1711846799"),
                c("date in a DST gap and overlap west of UTC", "America/New_York",
                        "{{ '2024-03-10 02:30'|date('Y-m-d H:i:s T U') }}|{{ '2024-11-03 01:30'|date('Y-m-d H:i:s T U') }}|"
                        + "{{ '2024-03-10 02:30'|date('c', 'Europe/Paris') }}",
                        "2024-03-10 03:30:00 EDT 1710055800|2024-11-03 01:30:00 EDT 1730611800|"
                        + "2024-03-10T08:30:00+01:00"),
                c("date in half-hour zones", "Australia/Lord_Howe",
                        "{{ d|date('Y-m-d H:i T I P') }}|{{ d2|date('Y-m-d H:i T I P') }}",
                        "2024-03-06 01:07 +11 1 +11:00|2024-07-06 00:37 +1030 0 +10:30"),
                c("date of now and tomorrow", "Europe/Paris",
                        "{{ 'tomorrow'|date('H:i:s') }}|{{ 'now'|date('e') }}|{{ 'tomorrow'|date_modify('+1 hour')|date('H:i') }}",
                        "00:00:00|Europe/Paris|01:00"),
                c("date of Unix times as Long and Double", "Europe/Paris",
                        "{{ ts|date('Y-m-d H:i:s T') }}|{{ tsd|date('c')|upper }}|{{ tsd|date('U')"
                        + "|length }}|{{ (tsd + 0.0)|date('D', 'UTC') }}",
                        "2024-03-05 15:07:09 CET|2024-03-05T15:07:09+01:00|10|Tue"),
                c("date of java.time values from data", "Europe/Paris",
                        "{{ inst|date('Y-m-d H:i:s.u v e T') }}|{{ inst|date('c u', false) }}|{{ ld"
                        + "|date('c T') }}|{{ ldt|date('c e', 'UTC')|upper }}|{{ odt"
                        + "|date('c e T', false) }}|{{ odt|date('H:i T') }}|{{ zp|date('c u e T', false) }}",
                        "2024-03-05 15:07:09.123456 123 Europe/Paris CET|2024-03-05T14:07:09+00:00 123456"
                        + "|2024-03-05T00:00:00+01:00 CET|2024-03-05T13:07:09+00:00 UTC"
                        + "|2024-03-05T14:07:09+05:30 +05:30 GMT+0530|09:37 CET"
                        + "|2024-07-05T14:07:09+02:00 250000 Europe/Paris CEST"),
                c("date('U') and every format character", "America/New_York",
                        "{{ d|date('U') }}|{{ d|date('N S W o B u v e T P p c r') }}|{{ d2"
                        + "|date('N S W o B u v e T P p c r', 'Asia/Kolkata')|upper }}|{{ zp"
                        + "|date('B u v I', false)|length }}",
                        "1709647629"
                        + "|2 th 10 2024 629 000000 000 America/New_York EST -05:00 -05:00 2024-03-05T09:07:09-05:00"
                        + " Tue, 05 Mar 2024 09:07:09 -0500"
                        + "|5 TH 27 2024 629 000000 000 ASIA/KOLKATA IST +05:30 +05:30 2024-07-05T19:37:09+05:30"
                        + " FRI, 05 JUL 2024 19:37:09 +0530"
                        + "|16"),
                c("zone names in date text", "UTC",
                        "{{ '2024-03-05 14:07:09 Europe/Paris'|date('c e T') }}"
                        + "|{{ '2024-03-05 14:07:09 (CET)'|date('c') }}|{{ '2024-03-05 14:07 EST'"
                        + "|date('c T e')|lower }}|{{ '10:00 PST'|date('H:i T', 'UTC') }}"
                        + "|{{ 'March 10, 2024 10:00 America/New_York'|date('c', false) }}",
                        "2024-03-05T13:07:09+00:00 UTC UTC|2024-03-05T13:07:09+00:00"
                        + "|2024-03-05t19:07:00+00:00 utc utc|18:00 UTC|2024-03-10T10:00:00-04:00"),
                c("an overlap with a zone identifier in the text", "Europe/Paris",
                        "{{ '2024-10-27 02:30 Europe/Paris'|date('c T U') }}|{{ '2024-10-27 02:30'"
                        + "|date('c T U') }}|{{ '2024-10-27 01:30 Europe/London'|date('c T', false) }}"
                        + "|{{ '2024-04-07 02:30 Australia/Sydney'|date('c T', false)|upper }}",
                        "2024-10-27T02:30:00+02:00 CEST 1729989000"
                        + "|2024-10-27T02:30:00+01:00 CET 1729992600|2024-10-27T01:30:00+01:00 BST"
                        + "|2024-04-07T02:30:00+11:00 AEDT"),
                c("u and v on now and on relative text", "UTC",
                        "{{ 'now'|date('u')|length }}|{{ '+1 day'|date('Y-m-d H:i:s.u')|length }}"
                        + "|{{ date()|date('u v')|length }}|{{ 'tomorrow'|date('H:i:s.u') }}|{{ 'now'"
                        + "|date('v')|length }}",
                        "6|26|10|00:00:00.000000|3"),
                c("the date function read by the date filters", "UTC",
                        "{{ date(d)|date('Y-m-d') }}|{{ date(ts)|date('c') }}"
                        + "|{{ date('2024-03-05', 'Europe/Paris')|date('c T') }}|{{ date(zp, false)"
                        + "|date('c e')|upper }}|{{ date(ld)|date_modify('+1 day')|date('c') }}"
                        + "|{{ date(odt)|date('c e') }}",
                        "2024-03-05|2024-03-05T14:07:09+00:00|2024-03-05T00:00:00+00:00 UTC"
                        + "|2024-07-05T12:07:09+00:00 UTC|2024-03-06T00:00:00+00:00"
                        + "|2024-03-05T08:37:09+00:00 UTC"),
                c("the date function on now", "Europe/Paris",
                        "{{ date()|date('e') }}|{{ date('now')|date('e T', 'UTC') }}|{{ date()|date('Y')"
                        + "|length }}|{{ date('2024-10-27 02:30 Europe/Paris')|date('c T') }}"
                        + "|{{ date(inst, 'Asia/Tokyo')|date('Y-m-d H:i:s.u e') }}",
                        "Europe/Paris|UTC UTC|4|2024-10-27T02:30:00+02:00 CEST"
                        + "|2024-03-05 15:07:09.123456 Europe/Paris"),
                c("an Environment zone with DST west of UTC", "America/New_York",
                        "{{ ts|date('c T I') }}|{{ ld|date('c T') }}|{{ '2024-11-03 01:30'|date('c T') }}"
                        + "|{{ '2024-03-10 02:30'|date('c T') }}|{{ date('2024-11-03 01:30')|date('U') }}"
                        + "|{{ d2|date_modify('+4 months')|date('c T I') }}",
                        "2024-03-05T09:07:09-05:00 EST 0|2024-03-05T00:00:00-05:00 EST"
                        + "|2024-11-03T01:30:00-04:00 EDT|2024-03-10T03:30:00-04:00 EDT|1730611800"
                        + "|2024-11-05T09:07:09-05:00 EST 0"),
                c("upper", "UTC", "{{ g|upper }}", "ΚΑΛΗΜΈΡΑ ΚΌΣΜΕ SS STRASSE İSTANBUL ǄEMAL"),
                c("lower", "UTC", "{{ g|lower }}|{{ 'ΣΑΣ ΟΔΟΣ'|lower }}|{{ 'İI'|lower }}",
                        "καλημέρα κόσμε ß straße i̇stanbul ǆemal|σασ οδοσ|i̇i"),
                c("title", "UTC", "{{ g|title }}", "Καλημέρα Κόσμε Ss Straße İstanbul ǅemal"),
                c("capitalize", "UTC", "{{ g|capitalize }}|{{ 'ÉCOLE élève'|capitalize }}",
                        "Καλημέρα κόσμε ß straße i̇stanbul ǆemal|École élève"),
                c("case filters chained", "UTC", "{{ g|upper|length }}{{ g|title|lower }}|{{ g|lower|capitalize|upper }}",
                        "40καλημέρα κόσμε ss straße i̇stanbul ǆemal|ΚΑΛΗΜΈΡΑ ΚΌΣΜΕ SS STRASSE I\u0307STANBUL ǄEMAL"),
                c("full case mappings", "UTC", "{{ 'ǈ ǉ ﬁ ŉ ΐ'|upper }}|{{ 'ǈ ǉ ﬁ ŉ ΐ'|title }}|"
                        + "{{ 'ǈ ǉ ﬁ ŉ ΐ'|capitalize }}|{{ 'ǈ ǉ ﬁ ŉ ΐ'|lower }}|{{ 'ᾳ ᾼ'|upper }}|{{ 'ᾳ ᾼ'|title }}|"
                        + "{{ 'ᾳ ᾼ'|capitalize }}|{{ 'ıi'|upper }}|{{ 'e\u0301cole Ǆ'|title }}|{{ 'ﬀ ﬃ ẞ'|lower }}{{ 'ﬀ ﬃ ẞ'|upper }}",
                        "\u01c7 \u01c7 FI \u02bcN \u0399\u0308\u0301|\u01c8 \u01c8 Fi \u02bcN \u0399\u0308\u0301|\u01c7 \u01c9 \ufb01 \u0149 \u0390|\u01c9 \u01c9 \ufb01 \u0149 \u0390|\u0391\u0399 \u0391\u0399|\u1fbc \u1fbc|\u0391\u0399 \u1fb3|II|E\u0301cole \u01c5|\ufb00 \ufb03 \u00dfFF FFI \u1e9e"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String zone, String template, String expected) {
        Template t = Environment.builder().timezone(ZoneId.of(zone))
                .loader(new MapLoader(Map.of("t", template))).build().load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 2000, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    /**
     * What a user's filter ({@code mine}) and function ({@code keep}) were handed over three renders of template,
     * each a ZonedDateTime; the output of the last render is expected.
     */
    private static List<Object> handedToUserCode(String template, String expected) {
        List<Object> seen = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("t", template)))
                .filter(FilterDefinition.of("mine", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("value"))
                .build();
        StringBuilderOutput out = new StringBuilderOutput();
        for (int i = 0; i < 3; i++) {
            out.reset();
            env.load("t").render(data(), out);
        }
        assertEquals(expected, out.toString());
        for (Object v : seen) {
            assertEquals(ZonedDateTime.class, v.getClass(), "user code got " + v.getClass());
        }
        return seen;
    }

    @Test
    void aModifiedDateHandedToUserCodeIsAZonedDateTime() {
        List<Object> seen = handedToUserCode("{{ d|date_modify('+1 day')|mine }}"
                + "{% set e = d|date_modify('+2 days') %}{{ e|date('d') }}{{ keep(e) }}"
                + "{% set f = d|date_modify('+3 days') %}{{ f|date('d') }}{{ _context.f|mine }}"
                + "{{ keep(d|date_modify('+4 days')|date_modify('+1 day')) }}", "0708");
        assertEquals(12, seen.size());
        // what they kept is still what they were given, after later renders reused the render's storage
        assertEquals(List.of(6, 7, 8, 10), seen.subList(0, 4).stream()
                .map(v -> ((ZonedDateTime) v).getDayOfMonth()).toList());
    }

    @Test
    void aDateOfTheDateFunctionHandedToUserCodeIsAZonedDateTime() {
        List<Object> seen = handedToUserCode("{{ date(ts)|mine }}{% set e = date(d) %}{{ e|date('d') }}"
                + "{{ keep(e) }}{{ keep(date()) }}{{ date(ld)|date_modify('+1 day')|mine }}{{ date(d)|date('d') }}",
                "0505");
        assertEquals(12, seen.size());
        assertEquals(List.of(5, 5, 6), List.of(((ZonedDateTime) seen.get(0)).getDayOfMonth(),
                ((ZonedDateTime) seen.get(1)).getDayOfMonth(), ((ZonedDateTime) seen.get(3)).getDayOfMonth()));
    }
}
