package dev.zweig.php;

import dev.zweig.php.PhpDate;
import dev.zweig.php.PhpDateInterval;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.StringBuilderOutput;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PHP date()/DateTime semantics: expected values are what PHP 8 prints for the same input. */
class PhpDateTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** "now" of the parser tests: Wednesday 2024-03-13 10:20:30.123456 UTC. */
    static final Clock NOW = Clock.fixed(Instant.parse("2024-03-13T10:20:30.123456Z"), UTC);

    static ZonedDateTime utc(String iso) {
        return LocalDateTime.parse(iso).atZone(UTC);
    }

    static String fmt(ZonedDateTime t, String format) {
        return PhpDate.format(t, format);
    }

    @Nested
    class Format {
        final ZonedDateTime leapDay = utc("2024-02-29T13:05:09");

        @Test
        void dayWeekMonthYearCharacters() {
            assertEquals("4 4 59 29 1 09", fmt(leapDay, "N w z t L W"));
            assertEquals("29 Thu 29 Thursday th", fmt(leapDay, "d D j l S"));
            assertEquals("February 02 Feb 2", fmt(leapDay, "F m M n"));
            assertEquals("2024 24 2024 +2024 2024", fmt(leapDay, "Y y x X o"));
            assertEquals("February 29, 2024 13:05", fmt(leapDay, "F j, Y H:i"));
        }

        @Test
        void fullDateTimeCharacters() {
            assertEquals("2024-02-29T13:05:09+00:00 | Thu, 29 Feb 2024 13:05:09 +0000 | 1709211909",
                    fmt(leapDay, "c | r | U"));
        }

        @Test
        void zoneCharactersForAnIdentifierZone() {
            assertEquals("2024-02-29 14:05 CET +01:00 +0100 Europe/Paris 3600 0",
                    fmt(leapDay.withZoneSameInstant(PARIS), "Y-m-d H:i T P O e Z I"));
            ZonedDateTime summer = utc("2024-07-01T12:00:00").withZoneSameInstant(PARIS);
            assertEquals("14:00 CEST +02:00 7200 1", fmt(summer, "H:i T P Z I"));
            ZonedDateTime ny = utc("2024-01-15T12:00:00").withZoneSameInstant(ZoneId.of("America/New_York"));
            assertEquals("07:00 EST -05:00 -18000 America/New_York", fmt(ny, "H:i T P Z e"));
            assertEquals("22:30 ACDT +10:30",
                    fmt(utc("2024-01-15T12:00:00").withZoneSameInstant(ZoneId.of("Australia/Adelaide")), "H:i T P"));
            // tzdata has no letters for Istanbul: PHP prints "+03"
            assertEquals("+03", fmt(leapDay.withZoneSameInstant(ZoneId.of("Europe/Istanbul")), "T"));
            assertEquals("UTC Z UTC +00:00", fmt(leapDay, "T p e P"));
        }

        @Test
        void zoneCharactersForAnOffsetZone() {
            ZonedDateTime t = leapDay.withZoneSameInstant(ZoneOffset.ofHours(2));
            assertEquals("15:05 +02:00 GMT+0200 +02:00 +0200 7200 0", fmt(t, "H:i e T P O Z I"));
            ZonedDateTime zero = leapDay.withZoneSameInstant(ZoneOffset.UTC);
            assertEquals("+00:00 GMT+0000 Z", fmt(zero, "e T p"));
            ZonedDateTime negative = leapDay.withZoneSameInstant(ZoneOffset.ofHoursMinutes(-3, -30));
            assertEquals("-03:30 -0330 -12600", fmt(negative, "P O Z"));
        }

        @ParameterizedTest
        @CsvSource({
            "00:00:00, 12 12 am AM 0 00",
            "00:30:00, 12 12 am AM 0 00",
            "01:05:00, 1 01 am AM 1 01",
            "11:59:59, 11 11 am AM 11 11",
            "12:00:00, 12 12 pm PM 12 12",
            "13:00:00, 1 01 pm PM 13 13",
            "23:59:59, 11 11 pm PM 23 23",
        })
        void twelveHourClock(String time, String expected) {
            assertEquals(expected, fmt(utc("2024-02-29T" + time), "g h a A G H"));
        }

        @ParameterizedTest
        @CsvSource({"1, 1st", "2, 2nd", "3, 3rd", "4, 4th", "11, 11th", "12, 12th", "13, 13th", "21, 21st",
            "22, 22nd", "23, 23rd", "24, 24th", "30, 30th", "31, 31st"})
        void englishOrdinalSuffix(int day, String expected) {
            assertEquals(expected, fmt(utc(String.format("2024-01-%02dT00:00:00", day)), "jS"));
        }

        @ParameterizedTest
        @CsvSource({
            "2021-01-03, 53 2020 7 0 2",
            "2021-01-04, 01 2021 1 1 3",
            "2024-12-30, 01 2025 1 1 364",
            "2026-01-01, 01 2026 4 4 0",
            "2020-12-31, 53 2020 4 4 365",
            "2023-12-31, 52 2023 7 0 364",
        })
        void isoWeekNumbers(String date, String expected) {
            assertEquals(expected, fmt(utc(date + "T12:00:00"), "W o N w z"));
        }

        @Test
        void leapYears() {
            assertEquals("1 29", fmt(utc("2000-02-01T00:00:00"), "L t"));
            assertEquals("0 28", fmt(utc("1900-02-01T00:00:00"), "L t"));
            assertEquals("0 28", fmt(utc("2023-02-01T00:00:00"), "L t"));
            assertEquals("1 29", fmt(utc("2024-02-01T00:00:00"), "L t"));
            assertEquals("365", fmt(utc("2024-12-31T00:00:00"), "z"));
        }

        @Test
        void fractionsAndSwatch() {
            ZonedDateTime t = utc("2024-01-31T13:45:00.123456");
            assertEquals("123456 123", fmt(t, "u v"));
            assertEquals("000000 000", fmt(utc("2024-01-31T13:45:00"), "u v"));
            assertEquals("041", fmt(utc("1970-01-01T00:00:00"), "B"));
            assertEquals("000", fmt(utc("2024-01-01T23:00:00"), "B"));
            assertEquals("614", fmt(utc("2024-01-31T13:45:00"), "B"));
        }

        @Test
        void backslashEscapesAndLiterals() {
            ZonedDateTime t = utc("2024-02-29T13:05:09");
            assertEquals("Today is Thursday", fmt(t, "\\T\\o\\d\\a\\y \\i\\s l"));
            assertEquals("Y=2024/29.02 at 13h05", fmt(t, "\\Y=Y/d.m \\a\\t H\\hi"));
            assertEquals("", fmt(t, ""));
            assertEquals("-- ## ++", fmt(t, "-- ## ++"));
        }

        @Test
        void yearsOutsideFourDigits() {
            ZonedDateTime small = LocalDateTime.of(33, 1, 1, 0, 0).atZone(UTC);
            assertEquals("0033 33 0033 +0033", fmt(small, "Y y x X"));
            ZonedDateTime big = LocalDateTime.of(12345, 1, 1, 0, 0).atZone(UTC);
            assertEquals("12345 +12345 +12345", fmt(big, "Y x X"));
        }

        @Test
        void writesIntoAnOutput() {
            StringBuilderOutput out = new StringBuilderOutput();
            out.write('[');
            PhpDate.format(utc("2010-10-04T13:45:00"), "d/m/Y H:i:s", out);
            out.write(']');
            assertEquals("[04/10/2010 13:45:00]", out.toString());
        }
    }

    @Nested
    class Parse {
        String parse(String text, String format) {
            return fmt(PhpDate.parse(text, UTC, NOW), format);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "now|2024-03-13 10:20:30.123456",
            "today|2024-03-13 00:00:00.000000",
            "midnight|2024-03-13 00:00:00.000000",
            "noon|2024-03-13 12:00:00.000000",
            "tomorrow|2024-03-14 00:00:00.000000",
            "yesterday|2024-03-12 00:00:00.000000",
            "yesterday noon|2024-03-12 12:00:00.000000",
            "tomorrow 13:00|2024-03-14 13:00:00.000000",
            "13:00 tomorrow|2024-03-14 00:00:00.000000",
            "2024-01-31|2024-01-31 00:00:00.000000",
            "2024-1-5|2024-01-05 00:00:00.000000",
            "2024/01/31|2024-01-31 00:00:00.000000",
            "20240131|2024-01-31 00:00:00.000000",
            "2024-01|2024-01-01 00:00:00.000000",
            "2024-01-31 13:45|2024-01-31 13:45:00.000000",
            "2024-01-31 13:45:00|2024-01-31 13:45:00.000000",
            "2024-01-31 13:45:00.5|2024-01-31 13:45:00.500000",
            "2024-01-31T13:45:00|2024-01-31 13:45:00.000000",
            "2024-01-31 1:45pm|2024-01-31 13:45:00.000000",
            "13:45|2024-03-13 13:45:00.000000",
            "13:45:10|2024-03-13 13:45:10.000000",
            "1pm|2024-03-13 13:00:00.000000",
            "12am|2024-03-13 00:00:00.000000",
            "12pm|2024-03-13 12:00:00.000000",
            "12:30 a.m.|2024-03-13 00:30:00.000000",
            "11:15 PM|2024-03-13 23:15:00.000000",
            "12/25/2024|2024-12-25 00:00:00.000000",
            "12/25|2024-12-25 00:00:00.000000",
            "25.12.2024|2024-12-25 00:00:00.000000",
            "25-12-2024|2024-12-25 00:00:00.000000",
            "January 31, 2024|2024-01-31 00:00:00.000000",
            "January 31st, 2024|2024-01-31 00:00:00.000000",
            "Jan 31 2024|2024-01-31 00:00:00.000000",
            "31 January 2024|2024-01-31 00:00:00.000000",
            "31-Jan-2024|2024-01-31 00:00:00.000000",
            "1st March|2024-03-01 00:00:00.000000",
            "March 2025|2025-03-01 00:00:00.000000",
            "Feb 29|2024-02-29 00:00:00.000000",
            "Jan 31 2024 1:30pm|2024-01-31 13:30:00.000000",
            "Thursday, February 29, 2024|2024-02-29 00:00:00.000000",
        })
        void absoluteFormats(String text, String expected) {
            assertEquals(expected, parse(text, "Y-m-d H:i:s.u"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "+1 day|2024-03-14 10:20:30",
            "-2 hours|2024-03-13 08:20:30",
            "+1 week 2 days|2024-03-22 10:20:30",
            "+1 week +2 days -1 hour|2024-03-22 09:20:30",
            "3 days ago|2024-03-10 10:20:30",
            "1 year 2 months ago|2023-01-13 10:20:30",
            "-1day|2024-03-12 10:20:30",
            "+90 minutes|2024-03-13 11:50:30",
            "+1 fortnight|2024-03-27 10:20:30",
            "next month|2024-04-13 10:20:30",
            "last year|2023-03-13 10:20:30",
            "next day|2024-03-14 10:20:30",
            "monday|2024-03-18 00:00:00",
            "wednesday|2024-03-13 00:00:00",
            "next monday|2024-03-18 00:00:00",
            "next wednesday|2024-03-20 00:00:00",
            "last monday|2024-03-11 00:00:00",
            "last wednesday|2024-03-06 00:00:00",
            "this friday|2024-03-15 00:00:00",
            "monday next week|2024-03-18 00:00:00",
            "sunday last week|2024-03-10 00:00:00",
            "first day of this month|2024-03-01 10:20:30",
            "last day of this month|2024-03-31 10:20:30",
            "last day of next month|2024-04-30 10:20:30",
            "first day of next month midnight|2024-04-01 00:00:00",
            "last day of february|2024-02-29 00:00:00",
            "first monday of january 2025|2025-01-06 00:00:00",
            "last friday of next month|2024-04-26 00:00:00",
            "second tuesday of this month|2024-03-12 00:00:00",
            "2024-01-31 +1 month|2024-03-02 00:00:00",
            "+1 month 2024-01-31|2024-03-02 00:00:00",
            "tomorrow +2 hours|2024-03-14 02:00:00",
            "@1700000000|2023-11-14 22:13:20",
            "@-86400|1969-12-31 00:00:00",
            "@0 +1 day|1970-01-02 00:00:00",
        })
        void relativeFormats(String text, String expected) {
            assertEquals(expected, parse(text, "Y-m-d H:i:s"));
        }

        @Test
        void weekdaysSkipTheWeekend() {
            assertEquals("2024-03-15", parse("+2 weekdays", "Y-m-d"));
            assertEquals("2024-03-19", parse("+4 weekdays", "Y-m-d"));
            assertEquals("2024-03-11", parse("-2 weekdays", "Y-m-d"));
        }

        @Test
        void zonesInTheText() {
            assertEquals("2024-01-31T13:45:00+02:00 +02:00", parse("2024-01-31T13:45:00+02:00", "c e"));
            assertEquals("2024-01-31T13:45:00+00:00", parse("2024-01-31T13:45:00Z", "c"));
            assertEquals("2024-01-31T13:45:00-05:30", parse("2024-01-31 13:45:00 -0530", "c"));
            assertEquals("2024-01-31T13:45:00+01:00 Europe/Paris", parse("2024-01-31 13:45 Europe/Paris", "c e"));
            assertEquals("2024-01-31T13:45:00-05:00", parse("2024-01-31 13:45 EST", "c"));
            assertEquals("2024-01-31T13:45:00+00:00 UTC", parse("2024-01-31 13:45 UTC", "c e"));
            assertEquals("2024-02-29T13:05:09+00:00", parse("Thu, 29 Feb 2024 13:05:09 +0000", "c"));
            assertEquals("2023-11-14T22:13:20+00:00 +00:00", parse("@1700000000", "c e"));
            assertEquals("2024-01-31T13:45:00+02:00", parse("2024-01-31 13:45 GMT+2", "c"));
        }

        @Test
        void defaultZoneAppliesWithoutOne() {
            ZonedDateTime t = PhpDate.parse("2010-10-04 13:45", PARIS, NOW);
            assertEquals("2010-10-04T13:45:00+02:00 Europe/Paris", fmt(t, "c e"));
            assertEquals("2024-03-13 11:20:30", fmt(PhpDate.parse("now", PARIS, NOW), "Y-m-d H:i:s"));
            assertEquals("2024-03-13 00:00:00 +01:00", fmt(PhpDate.parse("today", PARIS, NOW), "Y-m-d H:i:s P"));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {"foo", "2024-13-01", "25:00", "next", "+1 dayz", "1.5", "2024-01-31 13:45 Mars/Olympus",
            "tomorrow tomorrow 13:00 14:00", "+999999999999 years", "2024-01-31 2024-02-01"})
        void unparseableTextThrows(String text) {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> PhpDate.parse(text, UTC, NOW));
            assertEquals("Failed to parse time string (" + text + ").", e.getRawMessage());
        }
    }

    @Nested
    class Modify {
        final ZonedDateTime base = utc("2024-01-31T13:45:00");

        String modify(ZonedDateTime t, String modifier) {
            return fmt(PhpDate.modify(t, modifier), "Y-m-d H:i:s P");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "+1 day|2024-02-01 13:45:00 +00:00",
            "-1day|2024-01-30 13:45:00 +00:00",
            "+1 month|2024-03-02 13:45:00 +00:00",
            "-3 months|2023-10-31 13:45:00 +00:00",
            "+2 weeks|2024-02-14 13:45:00 +00:00",
            "+1 hour|2024-01-31 14:45:00 +00:00",
            "-90 minutes|2024-01-31 12:15:00 +00:00",
            "+30 seconds|2024-01-31 13:45:30 +00:00",
            "next friday|2024-02-02 00:00:00 +00:00",
            "last day of this month|2024-01-31 13:45:00 +00:00",
            "last day of next month|2024-02-29 13:45:00 +00:00",
            "first day of next month|2024-02-01 13:45:00 +00:00",
            "first day of last month|2023-12-01 13:45:00 +00:00",
            "midnight|2024-01-31 00:00:00 +00:00",
            "noon|2024-01-31 12:00:00 +00:00",
            "today|2024-01-31 00:00:00 +00:00",
            "tomorrow|2024-02-01 00:00:00 +00:00",
            "2024-05-05|2024-05-05 13:45:00 +00:00",
            "10:00|2024-01-31 10:00:00 +00:00",
            "now|2024-01-31 13:45:00 +00:00",
            "@0|1970-01-01 00:00:00 +00:00",
            "+1 year|2025-01-31 13:45:00 +00:00",
            // a month name with first/last day of: the day is set before February 31 overflows (values from PHP)
            "last day of february|2024-02-29 13:45:00 +00:00",
            "first day of february|2024-02-01 13:45:00 +00:00",
            "february last day of|2024-02-29 13:45:00 +00:00",
            "february|2024-03-02 13:45:00 +00:00",
            "last day of april|2024-04-30 13:45:00 +00:00",
        })
        void relativeModifiers(String modifier, String expected) {
            assertEquals(expected, modify(base, modifier));
        }

        @Test
        void leapDayPlusOneYearOverflows() {
            assertEquals("2025-03-01", fmt(PhpDate.modify(utc("2024-02-29T00:00:00"), "+1 year"), "Y-m-d"));
        }

        @Test
        void lastDayOfThisMonth() {
            assertEquals("Sun 31", fmt(PhpDate.modify(utc("2024-03-10T12:00:00"), "last day of this month"), "D d"));
        }

        @Test
        void keepsTheZoneAndFollowsDaylightSaving() {
            ZonedDateTime paris = LocalDateTime.parse("2024-03-30T12:00:00").atZone(PARIS);
            assertEquals("2024-03-31 12:00:00 +02:00", modify(paris, "+1 day"));
            // PHP 8.2 adds hours to the wall-clock time as well (the oracle: 12:00 CEST), then reads it in the zone
            assertEquals("2024-03-31 12:00:00 +02:00", modify(paris, "+24 hours"));
            ZonedDateTime summer = LocalDateTime.parse("2024-10-27T01:30:00").atZone(PARIS);
            assertEquals("2024-10-27 02:30:00 +02:00", modify(summer, "+1 hour")); // the overlap: its own side
            assertEquals("2024-10-27 03:00:00 +01:00", modify(summer, "+90 minutes"));
            ZonedDateTime winter = LocalDateTime.parse("2024-10-27T12:00:00").atZone(PARIS);
            assertEquals("2024-10-27 00:00:00 +02:00", modify(winter, "-12 hours"));
            ZonedDateTime offset = LocalDateTime.parse("2024-03-30T12:00:00").atZone(ZoneOffset.ofHours(4));
            assertEquals("2024-03-31 12:00:00 +04:00", modify(offset, "+1 day"));
        }

        @Test
        void invalidModifierThrows() {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> PhpDate.modify(base, "+1 bananas"));
            assertEquals("Failed to parse time string (+1 bananas).", e.getRawMessage());
        }
    }

    @Nested
    class Convert {
        ZonedDateTime convert(Object value, ZoneId target) {
            return PhpDate.convert(value, PARIS, target, NOW);
        }

        @Test
        void timestampsAreUtcInstants() {
            assertEquals("2010-10-04 15:45", fmt(convert(1286199900L, PARIS), "Y-m-d H:i"));
            assertEquals("1964-01-02 04:04", fmt(convert(-189291360, PARIS), "Y-m-d H:i"));
            assertEquals("2010-10-04 15:45", fmt(convert("1286199900", PARIS), "Y-m-d H:i"));
            assertEquals("1964-01-02 04:04", fmt(convert("-189291360", PARIS), "Y-m-d H:i"));
            assertEquals("2010-10-04 13:45 +00:00", fmt(convert(1286199900L, null), "Y-m-d H:i e"));
            assertEquals("2010-10-04 15:45", fmt(convert(1286199900.0, PARIS), "Y-m-d H:i"));
        }

        @Test
        void stringsAreReadInTheDefaultZone() {
            assertEquals("2010-10-04 13:45 Europe/Paris", fmt(convert("2010-10-04 13:45", PARIS), "Y-m-d H:i e"));
            assertEquals("2010-10-04 19:45",
                    fmt(convert("2010-10-04 13:45", ZoneId.of("Asia/Hong_Kong")), "Y-m-d H:i"));
            assertEquals("15:00 +04:00", fmt(convert("2010-01-28T15:00:00+04:00", null), "H:i e"));
            assertEquals("12:00", fmt(convert("2010-01-28T15:00:00+04:00", PARIS), "H:i"));
        }

        @Test
        void nullAndNowAreTheCurrentTime() {
            assertEquals("2024-03-13 11:20:30.123456 Europe/Paris", fmt(convert(null, PARIS), "Y-m-d H:i:s.u e"));
            assertEquals("2024-03-13 10:20:30 UTC", fmt(convert("now", UTC), "Y-m-d H:i:s e"));
            assertEquals("2024-03-13 11:20:30 Europe/Paris", fmt(convert(null, null), "Y-m-d H:i:s e"));
        }

        @Test
        void javaTimeValues() {
            ZonedDateTime ny = LocalDateTime.parse("2010-10-04T13:45").atZone(ZoneId.of("America/New_York"));
            assertEquals("04/10/2010 19:45:00 +02:00", fmt(convert(ny, PARIS), "d/m/Y H:i:s P"));
            assertEquals("05/10/2010 01:45:00 +08:00",
                    fmt(convert(ny, ZoneId.of("Asia/Hong_Kong")), "d/m/Y H:i:s P"));
            assertEquals("04/10/2010 13:45:00 -04:00 America/New_York", fmt(convert(ny, null), "d/m/Y H:i:s P e"));
            assertEquals("2010-10-04 13:45 +02:00",
                    fmt(convert(LocalDateTime.parse("2010-10-04T13:45"), PARIS), "Y-m-d H:i P"));
            assertEquals("2010-10-04 00:00 +02:00", fmt(convert(LocalDate.parse("2010-10-04"), PARIS), "Y-m-d H:i P"));
            assertEquals("2010-10-04 13:45 +02:00",
                    fmt(convert(Instant.parse("2010-10-04T11:45:00Z"), PARIS), "Y-m-d H:i P"));
            assertEquals("2010-10-04 13:45 +02:00",
                    fmt(convert(OffsetDateTime.parse("2010-10-04T11:45:00Z"), PARIS), "Y-m-d H:i P"));
            assertEquals("2010-10-04 13:45 +02:00",
                    fmt(convert(java.util.Date.from(Instant.parse("2010-10-04T11:45:00Z")), PARIS), "Y-m-d H:i P"));
        }

        @Test
        void toDateTimeUsesOneZone() {
            assertEquals("2023-11-14 22:13", fmt(PhpDate.toDateTime(1700000000L, UTC), "Y-m-d H:i"));
            assertEquals("1970-01-02", fmt(PhpDate.toDateTime("@86400", UTC), "Y-m-d"));
        }

        @Test
        void zoneNames() {
            assertEquals(PARIS, PhpDate.zone("Europe/Paris"));
            assertEquals(PARIS, PhpDate.zone("europe/paris"));
            assertEquals(UTC, PhpDate.zone("UTC"));
            assertEquals(UTC, PhpDate.zone("utc"));
            assertEquals(ZoneOffset.ofHours(2), PhpDate.zone("+02:00"));
            assertEquals(ZoneOffset.ofHoursMinutes(-5, -30), PhpDate.zone("-0530"));
            assertThrows(TemplateRuntimeException.class, () -> PhpDate.zone("+1 day"));
            assertThrows(TemplateRuntimeException.class, () -> PhpDate.zone("2024-01-01"));
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> PhpDate.zone("Foo/Bar"));
            assertEquals("DateTimeZone::__construct(): Unknown or bad timezone (Foo/Bar)", e.getRawMessage());
            assertEquals(null, PhpDate.zoneArgument(false, UTC));
            assertEquals(UTC, PhpDate.zoneArgument(null, UTC));
            assertEquals(PARIS, PhpDate.zoneArgument(java.util.TimeZone.getTimeZone("Europe/Paris"), UTC));
        }
    }

    @Nested
    class Methods {
        final ZonedDateTime base = utc("2024-01-31T13:45:00");

        @Test
        void dateTimeMethods() {
            assertEquals("2024", PhpDate.callMethod(base, "format", "Y"));
            assertEquals(1706708700L, PhpDate.callMethod(base, "getTimestamp"));
            assertEquals(UTC, PhpDate.callMethod(base, "getTimezone"));
            assertEquals(3600L, PhpDate.callMethod(base.withZoneSameInstant(PARIS), "getOffset"));
            assertEquals("2024-02-01 13:45", fmt((ZonedDateTime) PhpDate.callMethod(base, "modify", "+1 day"), "Y-m-d H:i"));
            assertEquals("2024-01-31 14:45 +01:00",
                    fmt((ZonedDateTime) PhpDate.callMethod(base, "setTimezone", "Europe/Paris"), "Y-m-d H:i P"));
            assertEquals("2024-03-01 13:45", fmt((ZonedDateTime) PhpDate.callMethod(base, "setDate", 2024L, 2L, 30L), "Y-m-d H:i"));
            assertEquals("2024-02-01 01:00:00", fmt((ZonedDateTime) PhpDate.callMethod(base, "setTime", 25L, 0L), "Y-m-d H:i:s"));
            assertEquals("1970-01-02 00:00", fmt((ZonedDateTime) PhpDate.callMethod(base, "setTimestamp", 86400L), "Y-m-d H:i"));
            assertEquals("2024-03-02 13:45", fmt((ZonedDateTime) PhpDate.callMethod(base, "add", Period.ofMonths(1)), "Y-m-d H:i"));
            assertEquals("2024-01-30 11:45", fmt((ZonedDateTime) PhpDate.callMethod(base, "sub", Duration.ofHours(26)), "Y-m-d H:i"));
            assertEquals(true, PhpDate.hasMethod("getTimestamp"));
            assertEquals(false, PhpDate.hasMethod("getFoo"));
        }

        @Test
        void diff() {
            ZonedDateTime later = utc("2024-03-01T12:00:00");
            PhpDateInterval forward = (PhpDateInterval) PhpDate.callMethod(base, "diff", later);
            assertEquals("+0 1 0 22:15 29", PhpDate.formatInterval(forward, "%R%y %m %d %H:%I %a"));
            PhpDateInterval backward = PhpDate.diff(later, base);
            assertEquals("-0 1 0 22:15 29", PhpDate.formatInterval(backward, "%R%y %m %d %H:%I %a"));
            assertEquals(29L, backward.property("days"));
            assertEquals(1L, backward.property("invert"));
            PhpDateInterval absolute = (PhpDateInterval) PhpDate.callMethod(later, "diff", base, true);
            assertEquals(0L, absolute.property("invert"));
            assertEquals("1 year 0 days", PhpDate.formatInterval(PhpDate.diff(utc("2023-05-01T00:00:00"),
                    utc("2024-05-01T00:00:00")), "%y year %d days"));
            assertEquals("0 1 1 29", PhpDate.formatInterval(PhpDate.diff(utc("2010-01-31T00:00:00"),
                    utc("2010-03-01T00:00:00")), "%y %m %d %a"));
            assertEquals(366L, PhpDate.diff(utc("2023-05-01T00:00:00"), utc("2024-05-01T00:00:00")).totalDays());
        }

        @Test
        void properties() {
            ZonedDateTime paris = LocalDateTime.parse("2010-10-04T13:45").atZone(PARIS);
            assertEquals("Europe/Paris", PhpDate.property(paris, "timezone"));
            assertEquals(3L, PhpDate.property(paris, "timezone_type"));
            assertEquals("2010-10-04 13:45:00.000000", PhpDate.property(paris, "date"));
            assertEquals(1L, PhpDate.property(paris.withZoneSameInstant(ZoneOffset.ofHours(2)), "timezone_type"));
            assertEquals(Boolean.FALSE, PhpDateInterval.of(Period.ofDays(1)).property("days"));
        }
    }

    @Nested
    class Intervals {
        @Test
        void durations() {
            assertEquals("2 days", PhpDate.formatInterval(Duration.ofDays(2), "%d days"));
            assertEquals("2 days 0 hours", PhpDate.formatInterval(Duration.ofDays(2), "%d days %h hours"));
            Duration d = Duration.ofHours(-26).minusMinutes(5).minusSeconds(7);
            assertEquals("-1 02:05:07 - 1", PhpDate.formatInterval(d, "%R%a %H:%I:%S %r %d"));
            assertEquals("+ 3 days", PhpDate.formatInterval(Duration.ofDays(3), "%R %a days"));
            assertEquals("000250 250", PhpDate.formatInterval(Duration.ofNanos(250_000), "%F %f"));
        }

        @Test
        void periods() {
            assertEquals("1-2-3 (unknown)", PhpDate.formatInterval(Period.of(1, 2, 3), "%y-%m-%d %a"));
            assertEquals("01 02 03", PhpDate.formatInterval(Period.of(1, 2, 3), "%Y %M %D"));
            assertEquals("-1 year", PhpDate.formatInterval(Period.ofYears(-1), "%r%y year"));
        }

        @Test
        void percentEscapesAndUnknownSpecifiers() {
            PhpDateInterval iv = new PhpDateInterval(0, 0, 2, 0, 0, 0, 0, false, 2);
            assertEquals("100% 2", PhpDate.formatInterval(iv, "100%% %d"));
            assertEquals("%x %q 2", PhpDate.formatInterval(iv, "%x %q %d"));
            assertEquals("2 ", PhpDate.formatInterval(iv, "%d %"));
            assertEquals("no specifiers", PhpDate.formatInterval(iv, "no specifiers"));
        }
    }
}
