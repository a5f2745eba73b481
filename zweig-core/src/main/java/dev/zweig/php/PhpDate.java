package dev.zweig.php;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PHP's date handling as Twig exposes it, on java.time: {@code DateTime::format} ({@link #format}), Twig's
 * {@code CoreExtension::convertDate} ({@link #convert}), {@code DateTime::modify} ({@link #modify}) and
 * {@code DateInterval::format} ({@link #formatInterval}).
 *
 * <p>This file is over 800 lines because it is PHP's DateTime as one entry point (format, zones, conversion,
 * modify, DateTime's methods, intervals), whose sections share the formatter's {@link Fields} view and the zone
 * tables; formatting with {@code Fields} (about 450 lines) is the seam to split along.
 *
 * <p>A PHP DateTime maps to a {@link ZonedDateTime}. PHP distinguishes three kinds of zone; here a
 * {@link ZoneOffset} plays PHP's offset kind ({@code e} prints "+02:00", {@code T} prints "GMT+0200") and any
 * other {@link ZoneId} the identifier kind ({@code e} prints "Europe/Paris"). Zone abbreviations in input text
 * ("EST") become fixed offsets. For {@code T}, the abbreviation comes from the JDK's time-zone names where tzdata
 * has a real one (CET, EST, HKT...); other zones print tzdata's numeric form ("+03"), as PHP does.
 *
 * <p>Parse errors throw {@link TemplateRuntimeException} with {@code Failed to parse time string (text).} (PHP's
 * own message adds timelib's position and reason, e.g. {@code at position 0 (f): The timezone could not be found
 * in the database}, which is left out); an unknown zone name throws
 * {@code DateTimeZone::__construct(): Unknown or bad timezone (name)}.
 *
 * <p>The formatter scans the format once and writes straight into an {@link Output}: numbers go through
 * {@link Output#write(long)} with their zero padding written as characters, names are constant strings.
 */
public final class PhpDate {
    private PhpDate() {
    }

    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};
    private static final String[] MONTHS_SHORT = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};
    /** Indexed by ISO day of week 1..7 (Monday..Sunday), index 0 unused. */
    private static final String[] DAYS = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
        "Sunday"};
    private static final String[] DAYS_SHORT = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    // ---- formatting ------------------------------------------------------------------------------------

    /** {@code DateTime::format}: every PHP date() format character; a backslash makes the next one literal. */
    public static String format(ZonedDateTime t, String phpFormat) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(phpFormat.length() + 16));
        format(t, phpFormat, out);
        return out.toString();
    }

    /** Writes {@code DateTime::format(phpFormat)} of t into out. */
    public static void format(ZonedDateTime t, String phpFormat, Output out) {
        format(new Fields().of(t), phpFormat, out);
    }

    /** Writes {@code DateTime::format(phpFormat)} of the date whose fields f holds into out. */
    public static void format(Fields f, String phpFormat, Output out) {
        int len = phpFormat.length();
        int run = 0; // start of a run of literal characters not yet written
        for (int k = 0; k < len; k++) {
            char c = phpFormat.charAt(k);
            if (!isFormatChar(c)) {
                continue;
            }
            if (run < k) {
                out.write(phpFormat, run, k);
            }
            if (c == '\\') {
                k++;
                if (k < len) {
                    out.write(phpFormat.charAt(k));
                }
            } else {
                formatChar(f, c, out);
            }
            run = k + 1;
        }
        if (run < len) {
            out.write(phpFormat, run, len);
        }
    }

    private static boolean isFormatChar(char c) {
        switch (c) {
            case 'd': case 'D': case 'j': case 'l': case 'N': case 'S': case 'w': case 'z': case 'W': case 'F':
            case 'm': case 'M': case 'n': case 't': case 'L': case 'o': case 'X': case 'x': case 'Y': case 'y':
            case 'a': case 'A': case 'B': case 'g': case 'G': case 'h': case 'H': case 'i': case 's': case 'u':
            case 'v': case 'e': case 'I': case 'O': case 'P': case 'p': case 'T': case 'Z': case 'c': case 'r':
            case 'U': case '\\':
                return true;
            default:
                return false;
        }
    }

    private static void formatChar(Fields t, char c, Output out) {
        switch (c) {
            case 'd' -> pad2(out, t.day);
            case 'D' -> out.write(DAYS_SHORT[t.dayOfWeek]);
            case 'j' -> out.write(t.day);
            case 'l' -> out.write(DAYS[t.dayOfWeek]);
            case 'N' -> out.write(t.dayOfWeek);
            case 'S' -> out.write(englishSuffix(t.day));
            case 'w' -> out.write(t.dayOfWeek % 7);
            case 'z' -> out.write(t.dayOfYear - 1);
            case 'W' -> pad2(out, t.isoWeek(false));
            case 'o' -> out.write(t.isoWeek(true));
            case 'F' -> out.write(MONTHS[t.month - 1]);
            case 'm' -> pad2(out, t.month);
            case 'M' -> out.write(MONTHS_SHORT[t.month - 1]);
            case 'n' -> out.write(t.month);
            case 't' -> out.write(lengthOfMonth(t.year, t.month));
            case 'L' -> out.write(isLeap(t.year) ? '1' : '0');
            case 'Y' -> year(out, t.year, false, false);
            case 'x' -> year(out, t.year, t.year >= 10000, false);
            case 'X' -> year(out, t.year, true, false);
            case 'y' -> {
                int y = t.year % 100;
                if (y >= 0) {
                    pad2(out, y);
                } else {
                    out.write(y);
                }
            }
            case 'a' -> out.write(t.hour >= 12 ? "pm" : "am");
            case 'A' -> out.write(t.hour >= 12 ? "PM" : "AM");
            case 'B' -> {
                long sse = t.epochSecond;
                long beat = ((sse % 86400) + 3600) * 10;
                if (beat < 0) {
                    beat += 864000;
                }
                beat = (beat / 864) % 1000;
                padN(out, beat, 3);
            }
            case 'g' -> out.write(hour12(t.hour));
            case 'G' -> out.write(t.hour);
            case 'h' -> pad2(out, hour12(t.hour));
            case 'H' -> pad2(out, t.hour);
            case 'i' -> pad2(out, t.minute);
            case 's' -> pad2(out, t.second);
            case 'u' -> padN(out, t.nano / 1000, 6);
            case 'v' -> padN(out, t.nano / 1000000, 3);
            case 'e' -> {
                if (t.zone instanceof ZoneOffset) {
                    offset(out, t.offset, true);
                } else {
                    out.write(t.zone.getId());
                }
            }
            case 'I' -> out.write(t.dst ? '1' : '0');
            case 'O' -> offset(out, t.offset, false);
            case 'P' -> offset(out, t.offset, true);
            case 'p' -> {
                String abbr = abbreviationName(t.zone, t.offset, t.dst);
                if ("UTC".equals(abbr) || "Z".equals(abbr) || (t.zone instanceof ZoneOffset && t.offset == 0)) {
                    out.write('Z');
                } else {
                    offset(out, t.offset, true);
                }
            }
            case 'T' -> writeAbbreviation(out, t.zone, t.offset, t.dst);
            case 'Z' -> out.write(t.offset);
            case 'c' -> {
                year(out, t.year, false, true);
                out.write('-');
                pad2(out, t.month);
                out.write('-');
                pad2(out, t.day);
                out.write('T');
                time(out, t);
                offset(out, t.offset, true);
            }
            case 'r' -> {
                out.write(DAYS_SHORT[t.dayOfWeek]);
                out.write(", ");
                pad2(out, t.day);
                out.write(' ');
                out.write(MONTHS_SHORT[t.month - 1]);
                out.write(' ');
                year(out, t.year, false, true);
                out.write(' ');
                time(out, t);
                out.write(' ');
                offset(out, t.offset, false);
            }
            case 'U' -> out.write(t.epochSecond);
            default -> out.write(c);
        }
    }

    private static boolean isLeap(long year) {
        return (year & 3) == 0 && (year % 100 != 0 || year % 400 == 0);
    }

    private static final int[] DAYS_BEFORE_MONTH = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

    private static int lengthOfMonth(int year, int month) {
        return month == 2 ? (isLeap(year) ? 29 : 28) : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
    }

    /**
     * What {@code DateTime::format} reads of a date, computed once per date formatted: from a ZonedDateTime, or
     * with integer arithmetic from a Unix time (or an ISO date text) shown in a zone of fixed offset, so that
     * formatting a timestamp makes no object. A render state keeps one (core filters only) and clears it after
     * each use; the fields few formats ask for (the zone's abbreviation, DST) come from a ZonedDateTime made then.
     */
    public static final class Fields {
        int year;
        int month;
        int day;
        int hour;
        int minute;
        int second;
        int nano;
        /** ISO day of week, 1 (Monday) to 7. */
        int dayOfWeek;
        /** 1 to 366. */
        int dayOfYear;
        /** Offset from UTC, in seconds. */
        int offset;
        long epochSecond;
        ZoneId zone;
        /** Whether the zone is in daylight saving time then. */
        boolean dst;

        public Fields of(ZonedDateTime t) {
            year = t.getYear();
            month = t.getMonthValue();
            day = t.getDayOfMonth();
            hour = t.getHour();
            minute = t.getMinute();
            second = t.getSecond();
            nano = t.getNano();
            dayOfWeek = t.getDayOfWeek().getValue();
            dayOfYear = t.getDayOfYear();
            offset = t.getOffset().getTotalSeconds();
            epochSecond = t.toEpochSecond();
            zone = t.getZone();
            dst = isDst(zone, epochSecond, t);
            return this;
        }

        /**
         * The date at epochSecond (+ nano) shown in zone, when the zone's offset is fixed (UTC, "+02:00"...);
         * false, leaving the fields as they were, for a zone with rules.
         */
        public boolean ofEpoch(long epochSecond, int nano, ZoneId zone) {
            int off;
            boolean saving = false;
            if (zone instanceof ZoneOffset o) {
                off = o.getTotalSeconds();
            } else if (PhpZoneTable.covers(epochSecond)) {
                PhpZoneTable table = PhpZoneTable.of(zone);
                off = table.offset(epochSecond);
                saving = table.isDst(epochSecond);
            } else if (zone.getRules().isFixedOffset()) {
                off = zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds();
            } else {
                return false;
            }
            long local = epochSecond + off;
            long days = Math.floorDiv(local, 86400);
            int secondOfDay = (int) Math.floorMod(local, 86400);
            // days since 1970-01-01 to a civil date (H. Hinnant's algorithm)
            long z = days + 719468;
            long era = Math.floorDiv(z, 146097);
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            int d = (int) (doy - (153 * mp + 2) / 5 + 1);
            int m = (int) (mp < 10 ? mp + 3 : mp - 9);
            long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
            if (y < -999_999_999 || y > 999_999_999) {
                return false;
            }
            this.year = (int) y;
            this.month = m;
            this.day = d;
            this.hour = secondOfDay / 3600;
            this.minute = secondOfDay / 60 % 60;
            this.second = secondOfDay % 60;
            this.nano = nano;
            this.dayOfWeek = (int) Math.floorMod(days + 3, 7) + 1;
            this.dayOfYear = DAYS_BEFORE_MONTH[m - 1] + d + (m > 2 && isLeap(y) ? 1 : 0);
            this.offset = off;
            this.epochSecond = epochSecond;
            this.zone = zone;
            this.dst = saving;
            return true;
        }

        /**
         * A date written as "YYYY-MM-DD", optionally with " HH:MM[:SS]" (or "T"), optionally "Z" or an offset
         * ("+02:00", "+0200"), read as PHP's DateTime reads it (local times in zone) and shown in zone; false for
         * any other text (PHP's parser reads it) or a zone with rules.
         */
        public boolean ofIsoText(CharSequence s, ZoneId zone) {
            return ofIsoText(s, zone, zone);
        }

        /** {@link #ofIsoText(CharSequence, ZoneId)} read in parseZone, shown in zone. */
        public boolean ofIsoText(CharSequence s, ZoneId parseZone, ZoneId zone) {
            int n = s.length();
            if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
                return false;
            }
            int y = digits(s, 0, 4);
            int m = digits(s, 5, 2);
            int d = digits(s, 8, 2);
            if (y < 0 || m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) {
                return false;
            }
            int i = 10;
            int h = 0;
            int mi = 0;
            int sec = 0;
            if (i < n && (s.charAt(i) == ' ' || s.charAt(i) == 'T')) {
                if (i + 6 > n || s.charAt(i + 3) != ':') {
                    return false;
                }
                h = digits(s, i + 1, 2);
                mi = digits(s, i + 4, 2);
                i += 6;
                if (i < n && s.charAt(i) == ':') {
                    sec = i + 3 <= n ? digits(s, i + 1, 2) : -1;
                    i += 3;
                }
                if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
                    return false;
                }
            }
            int given; // the offset the text gives, or MIN_VALUE: local time in zone
            if (i == n) {
                given = Integer.MIN_VALUE;
            } else if (s.charAt(i) == 'Z' && i + 1 == n) {
                given = 0;
            } else if ((s.charAt(i) == '+' || s.charAt(i) == '-') && (n - i == 6 && s.charAt(i + 3) == ':'
                    || n - i == 5)) {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, n - 2, 2);
                if (oh < 0 || oh > 14 || om < 0 || om > 59) {
                    return false;
                }
                given = (s.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
            } else {
                return false;
            }
            long local = daysFromCivil(y, m, d) * 86400 + h * 3600L + mi * 60L + sec;
            if (given != Integer.MIN_VALUE) {
                return ofEpoch(local - given, 0, zone);
            }
            long epoch = toEpoch(local, parseZone, -1);
            return epoch != Long.MIN_VALUE && ofEpoch(epoch, 0, zone);
        }

        /**
         * A local date-time (seconds since 1970-01-01T00:00 as wall-clock time, + nano) read in readZone as
         * java.time reads a LocalDateTime ({@code atZone}), shown in zone; false, leaving the fields as they were,
         * within half a day of an offset change of readZone (java.time then: gaps and overlaps are its own).
         */
        public boolean ofLocal(long local, int nano, ZoneId readZone, ZoneId zone) {
            int off;
            if (readZone instanceof ZoneOffset o) {
                off = o.getTotalSeconds();
            } else if (PhpZoneTable.covers(local)) {
                PhpZoneTable table = PhpZoneTable.of(readZone);
                off = table.offset(local - 50400);
                if (table.offset(local + 50400) != off || table.offset(local - off) != off) {
                    return false;
                }
            } else {
                return false;
            }
            return ofEpoch(local - off, nano, zone);
        }

        /** Sets out to this date (to the microsecond, PHP's precision). */
        public void copyTo(ScratchDate out) {
            out.set(epochSecond, nano / 1000, zone);
        }

        /** The instant of the date, in seconds since 1970-01-01T00:00:00Z. */
        public long epochSecond() {
            return epochSecond;
        }

        /** The nanoseconds within the second. */
        public int nano() {
            return nano;
        }

        /** The zone the date is shown in. */
        public ZoneId zone() {
            return zone;
        }

        /** The parser this object lends (made on first use). */
        private PhpDateParser parser;

        private PhpDateParser parser() {
            if (parser == null) {
                parser = new PhpDateParser();
            }
            return parser;
        }

        /**
         * {@code new DateTime(text, parseZone)} at the instant nowEpoch (+ nowMicros), shown in zone (null: the
         * zone it was read in), with no object made for the usual texts; false when the result is beyond the zone
         * table (java.time then). Throws as PHP's parser fails.
         */
        public boolean ofText(CharSequence text, ZoneId parseZone, long nowEpoch, int nowMicros, ZoneId zone) {
            PhpDateParser p = parser();
            try {
                p.create(text, parseZone, nowEpoch, nowMicros);
                return ofEpoch(p.epochSecond, p.micros * 1000, zone == null ? p.resultZone : zone);
            } finally {
                p.clear();
            }
        }

        /** {@code DateTime::modify(modifier)} of the date at epoch (+ micros) in dateZone, into out. */
        public void modify(long epoch, int micros, ZoneId dateZone, CharSequence modifier, ScratchDate out) {
            PhpDateParser p = parser();
            try {
                p.modify(epoch, micros, dateZone, modifier);
                out.set(p.epochSecond, p.micros, p.resultZone);
            } finally {
                p.clear();
            }
        }

        /**
         * Makes this date {@code DateTime::modify(modifier)} of itself, with no object made for the usual
         * modifiers; false when the result is beyond the zone table (java.time then). Throws as PHP's parser fails.
         */
        public boolean modify(CharSequence modifier) {
            PhpDateParser p = parser();
            try {
                p.modify(epochSecond, nano / 1000, zone, modifier);
                return ofEpoch(p.epochSecond, p.micros * 1000, p.resultZone);
            } finally {
                p.clear();
            }
        }

        /** The number of days from 1970-01-01 to y-m-d (H. Hinnant's algorithm). */
        static long daysFromCivil(long y, int m, int d) {
            y -= m <= 2 ? 1 : 0;
            long era = Math.floorDiv(y, 400);
            long yoe = y - era * 400;
            long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097 + doe - 719468;
        }

        /** The value of count decimal digits at from, or -1. */
        private static int digits(CharSequence s, int from, int count) {
            int v = 0;
            for (int i = from; i < from + count; i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                v = v * 10 + (c - '0');
            }
            return v;
        }

        /** Forgets the date (the render state keeps this object, not what it formatted). */
        public void clear() {
            zone = null;
            epochSecond = 0;
        }

        /** ISO-8601 week (1 to 53), or with year set, the week-based year it belongs to. */
        int isoWeek(boolean weekBasedYear) {
            int week = (dayOfYear - dayOfWeek + 10) / 7;
            int y = year;
            if (week < 1) {
                y = year - 1;
                week = weeksInYear(y);
            } else if (week > weeksInYear(year)) {
                y = year + 1;
                week = 1;
            }
            return weekBasedYear ? y : week;
        }

        private static int weeksInYear(long y) {
            return weekdayOfDecember31(y) == 4 || weekdayOfDecember31(y - 1) == 3 ? 53 : 52;
        }

        /** Gauss: (y + y/4 - y/100 + y/400) mod 7, the weekday of December 31 of y (0 Sunday .. 6 Saturday). */
        private static long weekdayOfDecember31(long y) {
            return Math.floorMod(y + Math.floorDiv(y, 4) - Math.floorDiv(y, 100) + Math.floorDiv(y, 400), 7);
        }
    }

    private static String englishSuffix(int day) {
        if (day >= 10 && day <= 19) {
            return "th";
        }
        switch (day % 10) {
            case 1:
                return "st";
            case 2:
                return "nd";
            case 3:
                return "rd";
            default:
                return "th";
        }
    }

    private static int hour12(int hour) {
        int h = hour % 12;
        return h == 0 ? 12 : h;
    }

    private static void time(Output out, Fields t) {
        pad2(out, t.hour);
        out.write(':');
        pad2(out, t.minute);
        out.write(':');
        pad2(out, t.second);
    }

    private static void pad2(Output out, int v) {
        if (v < 10) {
            out.write('0');
        }
        out.write(v);
    }

    private static void padN(Output out, long v, int width) {
        long limit = 10;
        for (int k = 1; k < width; k++) {
            if (v < limit) {
                out.write('0');
            }
            limit *= 10;
        }
        out.write(v);
    }

    /** PHP "%04lld" with an optional sign: Y ("-" when negative), x/X ("+" when asked). C's %04 for 'c'/'r'. */
    private static void year(Output out, int year, boolean plus, boolean cStyle) {
        if (cStyle) {
            // "%04lld": the sign counts in the width
            if (year < 0) {
                out.write('-');
                padN(out, -(long) year, 3);
            } else {
                padN(out, year, 4);
            }
            return;
        }
        if (year < 0) {
            out.write('-');
        } else if (plus) {
            out.write('+');
        }
        padN(out, Math.abs((long) year), 4);
    }

    private static void offset(Output out, int seconds, boolean colon) {
        out.write(seconds < 0 ? '-' : '+');
        int abs = Math.abs(seconds);
        pad2(out, abs / 3600);
        if (colon) {
            out.write(':');
        }
        pad2(out, (abs % 3600) / 60);
    }

    private static boolean isDst(ZonedDateTime t) {
        return isDst(t.getZone(), t.toEpochSecond(), t);
    }

    /** Whether zone is in daylight saving time at epochSecond (t: the same instant, for dates beyond the table). */
    private static boolean isDst(ZoneId zone, long epochSecond, ZonedDateTime t) {
        if (zone instanceof ZoneOffset) {
            return false;
        }
        if (PhpZoneTable.covers(epochSecond)) {
            return PhpZoneTable.of(zone).isDst(epochSecond);
        }
        return !zone.getRules().isFixedOffset() && zone.getRules().isDaylightSavings(t.toInstant());
    }

    /**
     * The instant a local time (seconds since 1970-01-01T00:00, wall-clock) in zone stands for, read as timelib
     * reads it (see PhpZoneTable#toEpoch; dstFlag: the DST the date knew, or -1); Long.MIN_VALUE beyond the table.
     */
    static long toEpoch(long local, ZoneId zone, int dstFlag) {
        if (zone instanceof ZoneOffset o) {
            return local - o.getTotalSeconds();
        }
        if (!PhpZoneTable.covers(local)) {
            return Long.MIN_VALUE;
        }
        return PhpZoneTable.of(zone).toEpoch(local, dstFlag);
    }

    // ---- zones -----------------------------------------------------------------------------------------

    /** Abbreviations tzdata really uses; for other zones the JDK invents names where tzdata prints "+03". */
    private static final java.util.Set<String> TZDATA_ABBREVIATIONS = java.util.Set.of("UTC", "GMT", "BST", "IST",
            "WET", "WEST", "CET", "CEST", "MET", "MEST", "EET", "EEST", "MSK", "EST", "EDT", "CST", "CDT", "MST",
            "MDT", "PST", "PDT", "AKST", "AKDT", "HST", "HDT", "AST", "ADT", "NST", "NDT", "HKT", "JST", "KST", "PKT",
            "WIB", "WITA", "WIT", "SAST", "CAT", "EAT", "WAT", "ACST", "ACDT", "AEST", "AEDT", "AWST", "NZST",
            "NZDT", "ChST", "SST", "IDT", "CHST", "NZMT", "GMT+0000");

    private static final Map<ZoneId, String[]> ABBREVIATIONS = new ConcurrentHashMap<>();

    /** What {@code T} prints for t. */
    static String abbreviation(ZonedDateTime t) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(8));
        writeAbbreviation(out, t.getZone(), t.getOffset().getTotalSeconds(), isDst(t));
        return out.toString();
    }

    /**
     * Where tzdata's abbreviation differs from the JDK's name of the zone (CLDR's, kept for rules no longer in force):
     * zone id, the UTC offset in seconds the entry is for (Integer.MIN_VALUE: any), the standard and the daylight
     * abbreviation ("": numeric, "+03"). Arabia's "AST" and Sri Lanka's "IST" are numeric in tzdata since 2017,
     * Morocco's "WET" since 2018, Jordan's and Syria's "EET" since their move to +03 in 2022, Belarus's since 2011.
     */
    private static final Map<String, Object[]> TZDATA_NAMES = Map.ofEntries(
            Map.entry("Africa/Casablanca", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Africa/El_Aaiun", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Africa/Windhoek", new Object[] {7200, "CAT", "CAT"}),
            Map.entry("America/Adak", new Object[] {Integer.MIN_VALUE, "HST", "HDT"}),
            Map.entry("America/Atka", new Object[] {Integer.MIN_VALUE, "HST", "HDT"}),
            Map.entry("Antarctica/Casey", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Antarctica/Troll", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Aden", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Baghdad", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Bahrain", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Kuwait", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Qatar", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Riyadh", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Colombo", new Object[] {Integer.MIN_VALUE, "", ""}),
            Map.entry("Asia/Amman", new Object[] {10800, "", "EEST"}),
            Map.entry("Asia/Damascus", new Object[] {10800, "", "EEST"}),
            Map.entry("Europe/Minsk", new Object[] {10800, "", "EEST"}));

    /** The abbreviation tzdata gives zone (CET, EST...), or null: a zone of fixed offset, or a numeric one. */
    private static String abbreviationName(ZoneId zone, int offset, boolean dst) {
        if (zone instanceof ZoneOffset) {
            return null;
        }
        Object[] tzdata = TZDATA_NAMES.get(zone.getId());
        if (tzdata != null && ((int) tzdata[0] == Integer.MIN_VALUE || (int) tzdata[0] == offset)) {
            String name = (String) tzdata[dst ? 2 : 1];
            return name.isEmpty() ? null : name;
        }
        String[] names = ABBREVIATIONS.get(zone);
        if (names == null) {
            names = ABBREVIATIONS.computeIfAbsent(zone, z -> new String[] {"?", "?"});
        }
        int slot = dst ? 1 : 0;
        String name = names[slot];
        if ("?".equals(name)) {
            name = TimeZone.getTimeZone(zone).getDisplayName(dst, TimeZone.SHORT, Locale.ENGLISH);
            if (!TZDATA_ABBREVIATIONS.contains(name)) {
                name = "";
            }
            names[slot] = name;
        }
        return name.isEmpty() ? null : name;
    }

    /** Writes what {@code T} prints: "GMT+0200" for an offset, tzdata's name, or its numeric form ("+03"). */
    private static void writeAbbreviation(Output out, ZoneId zone, int offset, boolean dst) {
        int abs = Math.abs(offset);
        if (zone instanceof ZoneOffset) {
            out.write("GMT");
            out.write(offset < 0 ? '-' : '+');
            pad2(out, abs / 3600);
            pad2(out, (abs % 3600) / 60);
            return;
        }
        String name = abbreviationName(zone, offset, dst);
        if (name != null) {
            out.write(name);
            return;
        }
        out.write(offset < 0 ? '-' : '+');
        pad2(out, abs / 3600);
        if (abs % 3600 != 0) {
            pad2(out, (abs % 3600) / 60);
        }
    }

    private static final Map<String, Integer> ABBREVIATION_OFFSETS = new HashMap<>();

    static {
        String[] table = {"est", "-5:00", "edt", "-4:00", "cst", "-6:00", "cdt", "-5:00", "mst", "-7:00", "mdt",
            "-6:00", "pst", "-8:00", "pdt", "-7:00", "akst", "-9:00", "akdt", "-8:00", "hst", "-10:00", "ast", "-4:00",
            "adt", "-3:00", "nst", "-3:30", "ndt", "-2:30", "wet", "0:00", "west", "1:00", "bst", "1:00", "cet",
            "1:00", "cest", "2:00", "met", "1:00", "mest", "2:00", "eet", "2:00", "eest", "3:00", "msk", "3:00",
            "jst", "9:00", "kst", "9:00", "hkt", "8:00", "aest", "10:00", "aedt", "11:00", "acst", "9:30", "acdt",
            "10:30", "awst", "8:00", "nzst", "12:00", "nzdt", "13:00", "sast", "2:00", "cat", "2:00", "eat", "3:00",
            "wat", "1:00"};
        for (int k = 0; k < table.length; k += 2) {
            String v = table[k + 1];
            boolean negative = v.startsWith("-");
            String[] parts = (negative ? v.substring(1) : v).split(":");
            int seconds = Integer.parseInt(parts[0]) * 3600 + Integer.parseInt(parts[1]) * 60;
            ABBREVIATION_OFFSETS.put(table[k], negative ? -seconds : seconds);
        }
    }

    private static volatile Map<String, String> zoneIdsByLowerCase;

    private static Map<String, String> zoneIds() {
        Map<String, String> ids = zoneIdsByLowerCase;
        if (ids == null) {
            Map<String, String> built = new HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                built.put(id.toLowerCase(Locale.ROOT), id);
            }
            built.put("utc", "UTC");
            zoneIdsByLowerCase = ids = built;
        }
        return ids;
    }

    private static final Map<String, ZoneId> ZONE_CACHE = new ConcurrentHashMap<>();

    /**
     * A zone named in date text: "UTC", "GMT", "Z", an abbreviation ("EST", as a fixed offset) or an identifier
     * ("Europe/Paris", any case). Null when unknown.
     */
    static ZoneId zoneFromText(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ZoneNames.lookup(lower, 0, lower.length());
    }

    /** The abbreviations date text may name and their fixed offsets in seconds (lower case). */
    static Map<String, Integer> abbreviationOffsets() {
        return ABBREVIATION_OFFSETS;
    }

    /**
     * {@code new DateTimeZone(name)}: an identifier (any case), "UTC", an offset ("+02:00", "-0500") or an
     * abbreviation. Throws {@link TemplateRuntimeException} for an unknown name.
     */
    public static ZoneId zone(String name) {
        ZoneId cached = ZONE_CACHE.get(name);
        if (cached != null) {
            return cached;
        }
        ZoneId zone = null;
        if (!name.isEmpty() && (name.charAt(0) == '+' || name.charAt(0) == '-')) {
            try {
                PhpDateParser parsed = PhpDateParser.parse(name);
                zone = parsed.isZoneOnly() ? parsed.zone : null;
            } catch (TemplateRuntimeException e) {
                zone = null;
            }
        } else {
            String id = zoneIds().get(name.toLowerCase(Locale.ROOT));
            if (id != null) {
                zone = ZoneId.of(id);
            } else {
                zone = zoneFromText(name);
            }
        }
        if (zone == null) {
            throw new TemplateRuntimeException("DateTimeZone::__construct(): Unknown or bad timezone (" + name + ")");
        }
        if (ZONE_CACHE.size() < 1000) {
            ZONE_CACHE.put(name, zone);
        }
        return zone;
    }

    /**
     * A time-zone argument as Twig takes it: null → {@code defaultZone}; false → null (keep the date's own zone);
     * a ZoneId, java.util.TimeZone, or a zone name.
     */
    public static ZoneId zoneArgument(Object value, ZoneId defaultZone) {
        if (value == null) {
            return defaultZone;
        }
        if (Boolean.FALSE.equals(value)) {
            return null;
        }
        if (value instanceof ZoneId zone) {
            return zone;
        }
        if (value instanceof TimeZone tz) {
            return tz.toZoneId();
        }
        return zone(Values.toString(value));
    }

    // ---- conversion ------------------------------------------------------------------------------------

    /** Twig's {@code date(value)} in zone tz: converts, and shows the result in tz. */
    public static ZonedDateTime toDateTime(Object value, ZoneId tz) {
        return convert(value, tz, tz, Clock.system(tz));
    }

    /**
     * Twig's {@code CoreExtension::convertDate}. null and "now" give the current time; ZonedDateTime,
     * OffsetDateTime, Instant and java.util.Date keep their instant; LocalDateTime and LocalDate are read in
     * {@code defaultTz}; integers and digit strings are Unix timestamps; other strings are parsed like PHP's
     * {@code new DateTime($s)} with {@code defaultTz} as PHP's default time zone.
     *
     * @param defaultTz the Environment's time zone (PHP's default time zone)
     * @param targetTz  the zone to show the result in, or null to keep the value's own zone (Twig's {@code false})
     * @param clock     source of "now"
     */
    public static ZonedDateTime convert(Object value, ZoneId defaultTz, ZoneId targetTz, Clock clock) {
        ZonedDateTime result;
        if (value instanceof ZonedDateTime z) {
            result = z;
        } else if (value instanceof ScratchDate d) {
            result = d.toDateTime();
        } else if (value instanceof OffsetDateTime o) {
            result = o.toZonedDateTime();
        } else if (value instanceof Instant instant) {
            result = instant.atZone(ZoneOffset.UTC);
        } else if (value instanceof java.util.Date date) {
            result = Instant.ofEpochMilli(date.getTime()).atZone(ZoneOffset.UTC);
        } else if (value instanceof LocalDateTime local) {
            result = local.atZone(defaultTz);
        } else if (value instanceof LocalDate local) {
            result = local.atStartOfDay(defaultTz);
        } else if (value instanceof java.util.GregorianCalendar calendar) {
            result = calendar.toZonedDateTime();
        } else if (value == null || "now".equals(value)) {
            return now(clock, targetTz != null ? targetTz : defaultTz);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof Byte) {
            result = Instant.ofEpochSecond(((Number) value).longValue()).atZone(ZoneOffset.UTC);
        } else if (value instanceof Boolean b) {
            result = b ? Instant.ofEpochSecond(1).atZone(ZoneOffset.UTC) : now(clock, defaultTz);
        } else {
            String text = asString(value);
            if (isTimestamp(text)) {
                try {
                    result = Instant.ofEpochSecond(Long.parseLong(text)).atZone(ZoneOffset.UTC);
                    if (targetTz != null) {
                        result = result.withZoneSameInstant(targetTz);
                    }
                    return result;
                } catch (RuntimeException e) {
                    throw PhpDateParser.failure("@" + text);
                }
            } else {
                result = PhpDateParser.create(text, defaultTz, now(clock, defaultTz));
            }
        }
        return targetTz != null ? result.withZoneSameInstant(targetTz) : result;
    }

    /** {@code new DateTime(text, tz)}, "now" read from clock. */
    public static ZonedDateTime parse(String text, ZoneId tz, Clock clock) {
        return PhpDateParser.create(text, tz, now(clock, tz));
    }

    /** {@code DateTime::modify(modifier)}: relative formats ("+1 day", "last day of this month", "midnight", ...). */
    public static ZonedDateTime modify(ZonedDateTime t, String modifier) {
        return PhpDateParser.modify(t, modifier);
    }

    private static ZonedDateTime now(Clock clock, ZoneId zone) {
        Instant instant = clock.instant();
        // PHP has microsecond precision
        return Instant.ofEpochSecond(instant.getEpochSecond(), (instant.getNano() / 1000) * 1000L).atZone(zone);
    }

    private static boolean isTimestamp(String s) {
        int start = !s.isEmpty() && s.charAt(0) == '-' ? 1 : 0;
        if (s.length() == start) {
            return false;
        }
        for (int k = start; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * PHP (string) for what may reach the date functions: an object's text through Values.toString (its toString
     * is a method call the sandbox must allow, as wherever else a template reads an object's text).
     */
    private static String asString(Object value) {
        if (value instanceof CharSequence cs) {
            return cs.toString();
        }
        if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return value instanceof BigDecimal bd ? bd.toPlainString() : Values.toString(d);
        }
        if (value instanceof BigInteger big) {
            return big.toString();
        }
        if (value instanceof Map || value instanceof Collection || value.getClass().isArray()) {
            return "Array";
        }
        return Values.toString(value);
    }

    // ---- DateTime methods and properties, for attribute access in templates -----------------------------

    /** Whether {@link #callMethod} knows the PHP DateTime method (case-insensitive, like PHP). */
    public static boolean hasMethod(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "format": case "modify": case "gettimestamp": case "gettimezone": case "getoffset":
            case "settimezone": case "setdate": case "settime": case "settimestamp": case "add": case "sub":
            case "diff":
                return true;
            default:
                return false;
        }
    }

    /**
     * Calls a PHP {@code DateTimeImmutable} method on t, so that templates written for Twig work unchanged:
     * {@code date().format('r')}, {@code d.modify('+1 day')}, {@code d.getTimestamp()}, {@code a.diff(b).days}.
     * Setters return a new value (the ZonedDateTime is immutable, as DateTimeImmutable is).
     *
     * @throws IllegalArgumentException for a method {@link #hasMethod} does not know
     */
    public static Object callMethod(ZonedDateTime t, String name, Object... args) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "format":
                return format(t, Values.toString(arg(args, 0, "")));
            case "modify":
                return modify(t, Values.toString(arg(args, 0, "")));
            case "gettimestamp":
                return t.toEpochSecond();
            case "gettimezone":
                return t.getZone();
            case "getoffset":
                return (long) t.getOffset().getTotalSeconds();
            case "settimezone":
                return t.withZoneSameInstant(zoneArgument(arg(args, 0, null), t.getZone()));
            case "setdate": {
                LocalDate date = LocalDate.of(Math.toIntExact(longArg(args, 0)), 1, 1)
                        .plusMonths(longArg(args, 1) - 1).plusDays(longArg(args, 2) - 1);
                return ZonedDateTime.ofLocal(date.atTime(t.toLocalTime()), t.getZone(), t.getOffset());
            }
            case "settime": {
                LocalDateTime local = t.toLocalDate().atStartOfDay().plusHours(longArg(args, 0))
                        .plusMinutes(longArg(args, 1)).plusSeconds(longArg(args, 2)).plusNanos(longArg(args, 3) * 1000);
                return ZonedDateTime.ofLocal(local, t.getZone(), t.getOffset());
            }
            case "settimestamp":
                return Instant.ofEpochSecond(longArg(args, 0)).atZone(t.getZone());
            case "add":
            case "sub": {
                PhpDateInterval iv = PhpDateInterval.of(arg(args, 0, null));
                if (iv == null) {
                    throw new IllegalArgumentException("DateTime::" + name + "() expects a DateInterval");
                }
                boolean negate = iv.invert() != name.equalsIgnoreCase("sub");
                long sign = negate ? -1 : 1;
                LocalDateTime local = t.toLocalDateTime();
                LocalDate date = local.toLocalDate().withDayOfMonth(1)
                        .plusMonths(sign * (iv.years() * 12 + iv.months()))
                        .plusDays(local.getDayOfMonth() - 1 + sign * iv.days());
                ZonedDateTime wall = ZonedDateTime.ofLocal(date.atTime(local.toLocalTime()), t.getZone(), t.getOffset());
                return wall.plusSeconds(sign * (iv.hours() * 3600 + iv.minutes() * 60 + iv.seconds()))
                        .plusNanos(sign * iv.micros() * 1000);
            }
            case "diff": {
                Object other = arg(args, 0, null);
                if (!(other instanceof ZonedDateTime)) {
                    other = convert(other, t.getZone(), null, Clock.systemUTC());
                }
                boolean absolute = Boolean.TRUE.equals(arg(args, 1, Boolean.FALSE));
                PhpDateInterval iv = diff(t, (ZonedDateTime) other);
                if (absolute && iv.invert()) {
                    iv = new PhpDateInterval(iv.years(), iv.months(), iv.days(), iv.hours(), iv.minutes(), iv.seconds(),
                            iv.micros(), false, iv.totalDays());
                }
                return iv;
            }
            default:
                throw new IllegalArgumentException("Unknown DateTime method " + name);
        }
    }

    /**
     * PHP's readable DateTime properties: {@code date} ("2010-10-04 13:45:00.000000"), {@code timezone} (as
     * {@code e} prints it) and {@code timezone_type} (1 offset, 3 identifier); null for any other name.
     */
    public static Object property(ZonedDateTime t, String name) {
        switch (name) {
            case "date":
                return format(t, "Y-m-d H:i:s.u");
            case "timezone":
                return format(t, "e");
            case "timezone_type":
                return t.getZone() instanceof ZoneOffset ? 1L : 3L;
            default:
                return null;
        }
    }

    /**
     * {@code $a->diff($b)}: the interval from a to b, inverted when b is earlier. Computed on wall-clock time in
     * a's zone when both share it, else in UTC.
     */
    public static PhpDateInterval diff(ZonedDateTime a, ZonedDateTime b) {
        boolean invert = b.toInstant().isBefore(a.toInstant());
        ZonedDateTime from = invert ? b : a;
        ZonedDateTime to = invert ? a : b;
        if (!from.getZone().equals(to.getZone())) {
            from = from.withZoneSameInstant(ZoneOffset.UTC);
            to = to.withZoneSameInstant(ZoneOffset.UTC);
        }
        LocalDateTime start = from.toLocalDateTime();
        LocalDateTime end = to.toLocalDateTime();
        // timelib_diff: subtract field by field, then borrow (days from the months following the earlier date)
        long us = end.getNano() / 1000 - start.getNano() / 1000;
        long s = end.getSecond() - start.getSecond();
        long i = end.getMinute() - start.getMinute();
        long h = end.getHour() - start.getHour();
        long d = end.getDayOfMonth() - start.getDayOfMonth();
        long m = end.getMonthValue() - start.getMonthValue();
        long y = (long) end.getYear() - start.getYear();
        if (us < 0) {
            us += 1_000_000;
            s--;
        }
        if (s < 0) {
            s += 60;
            i--;
        }
        if (i < 0) {
            i += 60;
            h--;
        }
        if (h < 0) {
            h += 24;
            d--;
        }
        if (m < 0) {
            m += 12;
            y--;
        }
        int year = start.getYear();
        int month = start.getMonthValue();
        while (d < 0) {
            d += java.time.YearMonth.of(year, month).lengthOfMonth();
            m--;
            if (++month > 12) {
                month = 1;
                year++;
            }
        }
        if (m < 0) {
            m += 12;
            y--;
        }
        long totalDays = java.time.temporal.ChronoUnit.DAYS.between(start, end);
        return new PhpDateInterval(y, m, d, h, i, s, us, invert, totalDays);
    }

    private static Object arg(Object[] args, int index, Object fallback) {
        return args != null && index < args.length ? args[index] : fallback;
    }

    private static long longArg(Object[] args, int index) {
        Object v = arg(args, index, 0L);
        if (v instanceof Number number) {
            return number.longValue();
        }
        if (v instanceof CharSequence cs) {
            try {
                return Long.parseLong(cs.toString().trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return Boolean.TRUE.equals(v) ? 1 : 0;
    }

    // ---- intervals -------------------------------------------------------------------------------------

    /** Whether the date filter treats value as an interval (Duration, Period, PhpDateInterval). */
    public static boolean isInterval(Object value) {
        return PhpDateInterval.isInterval(value);
    }

    /**
     * {@code DateInterval::format}: %y %Y %m %M %d %D %h %H %i %I %s %S %f %F %a %R %r %%; any other "%x" is
     * printed as is.
     */
    public static String formatInterval(Object interval, String format) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(format.length() + 8));
        formatInterval(interval, format, out);
        return out.toString();
    }

    /** Writes {@link #formatInterval(Object, String)} into out. */
    public static void formatInterval(Object interval, String format, Output out) {
        PhpDateInterval iv = PhpDateInterval.of(interval);
        if (iv == null) {
            throw new IllegalArgumentException("Not an interval: " + interval);
        }
        int len = format.length();
        int run = 0;
        for (int k = 0; k < len; k++) {
            if (format.charAt(k) != '%') {
                continue;
            }
            if (run < k) {
                out.write(format, run, k);
            }
            k++;
            run = k + 1;
            if (k >= len) {
                break; // a trailing '%' prints nothing
            }
            char c = format.charAt(k);
            switch (c) {
                case 'Y' -> padN(out, iv.years(), 2);
                case 'y' -> out.write(iv.years());
                case 'M' -> padN(out, iv.months(), 2);
                case 'm' -> out.write(iv.months());
                case 'D' -> padN(out, iv.days(), 2);
                case 'd' -> out.write(iv.days());
                case 'H' -> padN(out, iv.hours(), 2);
                case 'h' -> out.write(iv.hours());
                case 'I' -> padN(out, iv.minutes(), 2);
                case 'i' -> out.write(iv.minutes());
                case 'S' -> padN(out, iv.seconds(), 2);
                case 's' -> out.write(iv.seconds());
                case 'F' -> padN(out, iv.micros(), 6);
                case 'f' -> out.write(iv.micros());
                case 'a' -> {
                    if (iv.totalDays() >= 0) {
                        out.write(iv.totalDays());
                    } else {
                        out.write("(unknown)");
                    }
                }
                case 'R' -> out.write(iv.invert() ? '-' : '+');
                case 'r' -> {
                    if (iv.invert()) {
                        out.write('-');
                    }
                }
                case '%' -> out.write('%');
                default -> {
                    out.write('%');
                    out.write(c);
                }
            }
        }
        if (run < len) {
            out.write(format, run, len);
        }
    }
}
