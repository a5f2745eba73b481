package dev.zweig.alloc;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The date filter on dates read from the data (java.time values, Unix times as integers and floats, date texts)
 * printed, tested for truth, compared and tested, in the Environment's zone and in zones with a history of DST
 * and standard-offset changes (Pacific/Auckland, America/New_York, Europe/Paris): each renders what real Twig
 * renders (the oracle, given the same dates as PHP values) and allocates at most {@link #BOUND} bytes per render
 * after a warm-up (no parser, ZonedDateTime or String per call: the date's fields are computed in place).
 */
class DateFormattingAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    /** Every value through a macro that prints, tests and compares it with the date filter. */
    private static final String TEMPLATE = "{% macro show(v) %}{{ v|date('Y-m-d H:i:s T') }} {{ v|date('D, d M Y', 'Pa"
            + "cific/Auckland') }} {{ v|date('c', 'America/New_York') }} {{ v|date('L') ? 'leap' : 'common' }} {{ v|"
            + "date('Y') == '2024' ? 'y24' : 'other' }} {{ v|date('N') is odd ? 'odd' : 'even' }} {% if v|date('m') > "
            + "2 and not (v|date('I', 'Europe/Paris')) %}spring{% elseif v|date('z') is divisible by(2) %}even day{% e"
            + "lse %}-{% endif %} {{ v|date('U') - 1700000000 }}|{% endmacro %}{% import _self as h %}{{ h.show(zdt) "
            + "}}{{ h.show(odt) }}{{ h.show(ldt) }}{{ h.show(ld) }}{{ h.show(inst) }}{{ h.show(ts) }}{{ h.show(dbl) }"
            + "}{{ h.show(s1) }}{{ h.show(s2) }}{{ h.show(s3) }}{{ h.show(s4) }}";

    /** The oracle's output (Twig on PHP 8.2, UTC), one line per value. */
    private static final String EXPECTED = ""
            + "2024-02-29 22:15:00 UTC Fri, 01 Mar 2024 2024-02-29T17:15:00-05:00 leap y24 even - 9244900|"
            + "2024-01-31 05:00:00 UTC Wed, 31 Jan 2024 2024-01-31T00:00:00-05:00 leap y24 odd even day 6677200|"
            + "2023-12-31 22:30:00 UTC Mon, 01 Jan 2024 2023-12-31T17:30:00-05:00 common other odd spring 4061800|"
            + "2024-03-31 00:00:00 UTC Sun, 31 Mar 2024 2024-03-30T20:00:00-04:00 leap y24 odd spring 11843200|"
            + "2024-02-29 23:59:59 UTC Fri, 01 Mar 2024 2024-02-29T18:59:59-05:00 leap y24 even - 9251199|"
            + "2024-01-31 00:00:00 UTC Wed, 31 Jan 2024 2024-01-30T19:00:00-05:00 leap y24 odd even day 6659200|"
            + "2024-01-31 00:00:00 UTC Wed, 31 Jan 2024 2024-01-30T19:00:00-05:00 leap y24 odd even day 6659200|"
            + "2024-02-29 23:15:00 UTC Fri, 01 Mar 2024 2024-02-29T18:15:00-05:00 leap y24 even - 9248500|"
            + "2024-01-31 00:00:00 UTC Wed, 31 Jan 2024 2024-01-30T19:00:00-05:00 leap y24 odd even day 6659200|"
            + "2023-03-26 01:30:00 UTC Sun, 26 Mar 2023 2023-03-25T21:30:00-04:00 common other odd even day -20205800|"
            + "2024-03-05 14:07:00 UTC Wed, 06 Mar 2024 2024-03-05T09:07:00-05:00 leap y24 even spring 9647620|";

    /** The oracle's data: texts and numbers as JSON gives them to PHP. */
    private static Map<String, Object> asTexts() {
        Map<String, Object> d = new HashMap<>();
        d.put("zdt", "2024-02-29 23:15:00 Europe/Berlin");
        d.put("odt", "2024-01-31T10:00:00+05:00");
        d.put("ldt", "2023-12-31 22:30:00");
        d.put("ld", "2024-03-31");
        d.put("inst", 1709251199L);
        d.put("ts", 1706659200L);
        d.put("dbl", 1706659200.0);
        d.put("s1", "2024-02-29 23:15:00");
        d.put("s2", "2024-01-31");
        d.put("s3", "2023-03-26T01:30:00+00:00");
        d.put("s4", "March 5, 2024 14:07");
        return d;
    }

    /** The same dates as a Java caller has them: java.time values in place of the first five. */
    private static Map<String, Object> asJavaTime() {
        Map<String, Object> d = asTexts();
        d.put("zdt", ZonedDateTime.of(2024, 2, 29, 23, 15, 0, 0, ZoneId.of("Europe/Berlin")));
        d.put("odt", OffsetDateTime.of(2024, 1, 31, 10, 0, 0, 0, ZoneOffset.ofHours(5)));
        d.put("ldt", LocalDateTime.of(2023, 12, 31, 22, 30));
        d.put("ld", LocalDate.of(2024, 3, 31));
        d.put("inst", Instant.ofEpochSecond(1709251199L));
        return d;
    }

    static Stream<Arguments> data() {
        return Stream.of(Arguments.of("texts and numbers", asTexts()), Arguments.of("java.time values", asJavaTime()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("data")
    void rendersAsTwigWithoutAllocating(String what, Map<String, Object> data) {
        Template t = Environment.builder().timezone(ZoneId.of("UTC"))
                .loader(new MapLoader(Map.of("t", TEMPLATE))).build().load("t");
        AllocationMeter.assertRendersWithin(what, t, data, EXPECTED, 2000, BOUND);
    }
}
