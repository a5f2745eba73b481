package dev.zweig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.php.PhpDate;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The date filter, date_modify filter and date function, with the expectations of Twig's fixtures
 * (filters/date*.test, functions/date.test) and of the zweig-diff conformance cases.
 */
class DateDefinitionsTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    record Ctx(ZoneId timezone) implements CallContext {
        @Override
        public Environment environment() {
            return null;
        }

        @Override
        public Object call(Object callable, Object... args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Object> variables() {
            return Map.of();
        }

        @Override
        public String templateName() {
            return "index.twig";
        }

        @Override
        public int line() {
            return 1;
        }
    }

    static final Ctx IN_UTC = new Ctx(UTC);
    static final Ctx IN_PARIS = new Ctx(PARIS);

    static <T extends CallableDefinition> T find(List<T> definitions, String name) {
        return definitions.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    static Object invoke(CallableDefinition def, CallContext ctx, Object... args) {
        try {
            return def.body().invoke(ctx, args);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** {@code value|date(format, timezone)}. */
    static String date(CallContext ctx, Object value, Object format, Object timezone) {
        return (String) invoke(find(DateDefinitions.filters(), "date"), ctx, value, format, timezone);
    }

    static String date(CallContext ctx, Object value, Object format) {
        return date(ctx, value, format, null);
    }

    static ZonedDateTime dateModify(CallContext ctx, Object value, String modifier) {
        return (ZonedDateTime) invoke(find(DateDefinitions.filters(), "date_modify"), ctx, value, modifier);
    }

    static ZonedDateTime dateFunction(CallContext ctx, Object value, Object timezone) {
        return (ZonedDateTime) invoke(find(DateDefinitions.functions(), "date"), ctx, value, timezone);
    }

    @Test
    void declarations() {
        FilterDefinition date = find(DateDefinitions.filters(), "date");
        assertEquals(List.of(Param.optional("format", null), Param.optional("timezone", null)), date.params());
        FilterDefinition modify = find(DateDefinitions.filters(), "date_modify");
        assertEquals(List.of(Param.required("modifier")), modify.params());
        FunctionDefinition function = find(DateDefinitions.functions(), "date");
        assertEquals(List.of(Param.optional("date", null), Param.optional("timezone", null)), function.params());
    }

    /** filters/date.test: default zone Europe/Paris. */
    @Test
    void twigFixtureDate() {
        long date1 = 1286192700L; // mktime(13, 45, 0, 10, 4, 2010) in Europe/Paris
        assertEquals("October 4, 2010 13:45", date(IN_PARIS, date1, null));
        assertEquals("04/10/2010", date(IN_PARIS, date1, "d/m/Y"));
        assertEquals("04/10/2010 19:45:00", date(IN_PARIS, date1, "d/m/Y H:i:s", "Asia/Hong_Kong"));
        assertEquals("04/10/2010 19:45:00 +08:00", date(IN_PARIS, date1, "d/m/Y H:i:s P", "Asia/Hong_Kong"));
        assertEquals("04/10/2010 06:45:00 -05:00", date(IN_PARIS, date1, "d/m/Y H:i:s P", "America/Chicago"));
        assertEquals("Europe/Paris", date(IN_PARIS, date1, "e"));
        assertEquals("04/10/2010 13:45:00", date(IN_PARIS, date1, "d/m/Y H:i:s"));

        ZonedDateTime date2 = LocalDateTime.parse("2010-10-04T13:45").atZone(PARIS);
        assertEquals("October 4, 2010 13:45", date(IN_PARIS, date2, null));
        assertEquals("04/10/2010 19:45:00", date(IN_PARIS, date2, "d/m/Y H:i:s", "Asia/Hong_Kong"));
        assertEquals("04/10/2010 07:45:00", date(IN_PARIS, date2, "d/m/Y H:i:s", NEW_YORK));
        assertEquals("04/10/2010 13:45:00", date(IN_PARIS, date2, "d/m/Y H:i:s"));

        assertEquals("October 4, 2010 13:45", date(IN_PARIS, "2010-10-04 13:45", null));
        assertEquals("04/10/2010", date(IN_PARIS, "2010-10-04 13:45", "d/m/Y"));
        assertEquals("October 4, 2010 15:45", date(IN_PARIS, 1286199900L, null));
        assertEquals("January 2, 1964 04:04", date(IN_PARIS, -189291360L, null));
        assertEquals("02/01/1964", date(IN_PARIS, -189291360L, "d/m/Y"));

        ZonedDateTime date6 = LocalDateTime.parse("2010-10-04T13:45").atZone(NEW_YORK);
        assertEquals("04/10/2010 19:45:00 +02:00", date(IN_PARIS, date6, "d/m/Y H:i:s P", "Europe/Paris"));
        assertEquals("05/10/2010 01:45:00 +08:00", date(IN_PARIS, date6, "d/m/Y H:i:s P", "Asia/Hong_Kong"));
        assertEquals("04/10/2010 13:45:00 -04:00", date(IN_PARIS, date6, "d/m/Y H:i:s P", false));
        assertEquals("Europe/Paris", date(IN_PARIS, date6, "e", "Europe/Paris"));
        assertEquals("America/New_York", date(IN_PARIS, date6, "e", false));

        String date7 = "2010-01-28T15:00:00+04:00";
        assertEquals("January 28, 2010 12:00", date(IN_PARIS, date7, null));
        assertEquals("January 28, 2010 12:00", date(IN_PARIS, date7, null, "Europe/Paris"));
        assertEquals("January 28, 2010 19:00", date(IN_PARIS, date7, null, "Asia/Hong_Kong"));
        assertEquals("January 28, 2010 15:00", date(IN_PARIS, date7, null, false));
        assertEquals("January 28, 2010 15:00", date(IN_PARIS, date7, null, "Indian/Mauritius"));

        assertEquals("January 28, 2010 15:00", date(IN_PARIS, "2010-01-28 15:00:00", null, "Europe/Paris"));
        assertEquals("January 28, 2010 22:00", date(IN_PARIS, "2010-01-28 15:00:00", null, "Asia/Hong_Kong"));
    }

    /** filters/date_immutable.test (the ZonedDateTime plays DateTimeImmutable) and date_modify on it. */
    @Test
    void twigFixtureDateImmutable() {
        ZonedDateTime date1 = LocalDateTime.parse("2010-10-04T13:45").atZone(PARIS);
        assertEquals("04/10/2010 07:45:00", date(IN_PARIS, date1, "d/m/Y H:i:s", NEW_YORK));
        assertEquals("04/10/2010 14:45:00", date(IN_PARIS, dateModify(IN_PARIS, date1, "+1 hour"), "d/m/Y H:i:s"));
        assertEquals("2010-10-04T13:45+02:00[Europe/Paris]", date1.toString(), "the input is not changed");
    }

    /** filters/date_modify.test. */
    @Test
    void twigFixtureDateModify() {
        assertEquals("2010-10-03 13:45:00",
                date(IN_UTC, dateModify(IN_UTC, "2010-10-04 13:45", "-1day"), "Y-m-d H:i:s"));
        ZonedDateTime date2 = LocalDateTime.parse("2010-10-04T13:45").atZone(UTC);
        assertEquals("2010-10-03 13:45:00", date(IN_UTC, dateModify(IN_UTC, date2, "-1day"), "Y-m-d H:i:s"));
    }

    /** filters/date_interval.test: a DateInterval ignores the time zone; default format "%d days". */
    @Test
    void twigFixtureDateInterval() {
        Duration p2d = Duration.ofDays(2);
        assertEquals("2 days", date(IN_UTC, p2d, null));
        assertEquals("2 days 0 hours", date(IN_UTC, p2d, "%d days %h hours"));
        assertEquals("2 days 0 hours", date(IN_UTC, p2d, "%d days %h hours", NEW_YORK));
        assertEquals("2 days", date(IN_UTC, java.time.Period.ofDays(2), null));
    }

    /** filters/date_default_format.test and date_default_format_interval.test (setDateFormat). */
    @Test
    void twigFixtureDefaultFormats() {
        FilterDefinition date = find(DateDefinitions.filters("Y-m-d", "%d days %h hours"), "date");
        assertEquals("2010-10-04", invoke(date, IN_UTC, 1286199900L, null, null));
        assertEquals("04/10/2010", invoke(date, IN_UTC, 1286199900L, "d/m/Y", null));
        assertEquals("2 days 0 hours", invoke(date, IN_UTC, Duration.ofDays(2), null, null));
        assertEquals("2 days", invoke(date, IN_UTC, Duration.ofDays(2), "%d days", null));
    }

    /** filters/date_namedargs.test. */
    @Test
    void twigFixtureNamedArgs() {
        assertEquals("04/10/2010 08:45:00 -05:00", date(IN_UTC, 1286199900L, "d/m/Y H:i:s P", "America/Chicago"));
    }

    /** functions/date.test. */
    @Test
    void twigFixtureDateFunction() {
        ZonedDateTime expected = dateFunction(IN_UTC, "2010-10-04 13:45", null);
        assertEquals(expected.toInstant(), dateFunction(IN_UTC, 1286199900L, null).toInstant());
        assertEquals(expected.toInstant(),
                dateFunction(IN_UTC, LocalDateTime.parse("2010-10-04T13:45").atZone(UTC), null).toInstant());
        assertEquals(expected.toInstant(), dateFunction(IN_UTC, "1286199900", null).toInstant());
        assertEquals(dateFunction(IN_UTC, "1964-01-02 03:04", null).toInstant(),
                dateFunction(IN_UTC, -189291360L, null).toInstant());
        ZonedDateTime now = dateFunction(IN_UTC, null, null);
        assertTrue(now.isAfter(dateFunction(IN_UTC, "-1day", null)));
        assertEquals(UTC, now.getZone());
        assertEquals(PhpDate.format(now, "Y-m-d"), PhpDate.format(dateFunction(IN_UTC, "now", null), "Y-m-d"));
        assertEquals(ZoneId.of("Asia/Tokyo"), dateFunction(IN_UTC, "now", "Asia/Tokyo").getZone());
    }

    /** zweig-diff.jsonl: diff/filters/date#N and diff/filters/date_modify#N, diff/functions/date#N. */
    @Test
    void diffCases() {
        String d = "2024-02-29 13:05:09";
        assertEquals("4 4 59 29 1 09", date(IN_UTC, d, "N w z t L W")); // #2
        assertEquals("2024-02-29T13:05:09+00:00 | Thu, 29 Feb 2024 13:05:09 +0000 | 1709211909",
                date(IN_UTC, d, "c") + " | " + date(IN_UTC, d, "r") + " | " + date(IN_UTC, d, "U")); // #4
        assertEquals("2024-02-29 14:05 CET +01:00 +0100 Europe/Paris 3600 0",
                date(IN_UTC, d, "Y-m-d H:i T P O e Z I", "Europe/Paris")); // #5
        assertEquals("1970-01-01 00:00:00", date(IN_UTC, 0L, "Y-m-d H:i:s")); // #8
        assertEquals("1969-12-31", date(IN_UTC, -86400L, "Y-m-d"));
        assertEquals("2023-11-14T22:13:20+00:00", date(IN_UTC, 1700000000L, "c"));
        StringBuilder suffixes = new StringBuilder(); // #10
        for (int day : new int[] {1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31}) {
            suffixes.append(date(IN_UTC, String.format("2024-01-%02d", day), "jS")).append(' ');
        }
        assertEquals("1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 23rd 31st ", suffixes.toString());
        assertEquals("Today is Thursday", date(IN_UTC, d, "\\T\\o\\d\\a\\y \\i\\s l")); // #11
        String withOffset = "2024-02-29T13:05:09+02:00"; // #14
        assertEquals("13:05 +02:00 11:05 +00:00",
                date(IN_UTC, withOffset, "H:i P", false) + " " + date(IN_UTC, withOffset, "H:i P"));
        assertEquals("February 29, 2024 13:05", date(IN_UTC, d, null)); // #15
        assertEquals("2024-01-15 22:30", date(IN_UTC, "2024-01-15 12:00:00", "Y-m-d H:i", "Australia/Adelaide")); // #17
        assertEquals("10 October", date(IN_UTC, "2023-10-01T00:00:00Z", "m") + " "
                + date(IN_UTC, "2023-10-01T00:00:00Z", "F")); // #18

        assertEquals("2025-03-01", date(IN_UTC, dateModify(IN_UTC, "2024-02-29", "+1 year"), "Y-m-d")); // modify#2
        assertEquals("Sun 31",
                date(IN_UTC, dateModify(IN_UTC, "2024-03-10 12:00:00", "last day of this month"), "D d")); // modify#3

        assertEquals("1709211909 2024-02-29", date(IN_UTC, dateFunction(IN_UTC, d, null), "U") + " "
                + date(IN_UTC, dateFunction(IN_UTC, d, null), "Y-m-d")); // functions/date#0
        assertEquals("2023-11-14 22:13 1970-01-02",
                date(IN_UTC, dateFunction(IN_UTC, 1700000000L, null), "Y-m-d H:i") + " "
                        + date(IN_UTC, dateFunction(IN_UTC, "@86400", null), "Y-m-d")); // functions/date#3
    }

    @Test
    void dateModifyKeepsTheValuesOwnZone() {
        ZonedDateTime modified = dateModify(IN_UTC, "2010-01-28T15:00:00+04:00", "+1 day");
        assertEquals("2010-01-29 15:00 +04:00", PhpDate.format(modified, "Y-m-d H:i P"));
        assertInstanceOf(ZonedDateTime.class, dateModify(IN_UTC, 0L, "midnight"));
    }

    @Test
    void errors() {
        TemplateRuntimeException bad = assertThrows(TemplateRuntimeException.class,
                () -> date(IN_UTC, "not a date", "Y"));
        assertEquals("Failed to parse time string (not a date).", bad.getRawMessage());
        TemplateRuntimeException zone = assertThrows(TemplateRuntimeException.class,
                () -> date(IN_UTC, 0L, "Y", "Mars/Olympus"));
        assertEquals("DateTimeZone::__construct(): Unknown or bad timezone (Mars/Olympus)", zone.getRawMessage());
        assertThrows(TemplateRuntimeException.class, () -> dateModify(IN_UTC, 0L, "+1 fortnite"));
    }
}
