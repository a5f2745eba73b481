package dev.zweig.php;

import dev.zweig.TemplateRuntimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * PHP's date/time string parser (timelib's {@code strtotime} grammar) rewritten as a hand-written scanner, plus
 * the arithmetic that turns a parse into a date ({@code timelib_fill_holes} + {@code timelib_update_ts}).
 *
 * <p>This file is over 800 lines because it is one scanner: every scan method reads and advances the same
 * position and sets the same timelib_time fields of one instance, which classes split by construct would share.
 *
 * <p>A parse yields absolute fields (each possibly unset), relative offsets and an optional zone, exactly like a
 * timelib_time. {@link #create} fills the unset fields from "now" ({@code new DateTime($s, $tz)}); {@link #modify}
 * fills them from an existing date ({@code DateTime::modify}). Covered: keywords (now, today, midnight, noon,
 * tomorrow, yesterday), ISO / American / pointed / textual dates, 12- and 24-hour times with fractions, ISO 8601
 * with {@code T} and zones, {@code @timestamp}, relative offsets ({@code +1 day}, {@code 3 weeks ago}, {@code next
 * month}, {@code last monday}, {@code monday next week}, {@code +2 weekdays}), {@code first/last day of} and
 * {@code first/last <weekday> of}, and zones (offsets, {@code Z}, UTC/GMT, common abbreviations, identifiers).
 * Not covered: ISO week dates, day-of-year, Roman-numeral months, {@code back of}/{@code front of}.
 *
 * <p>An instance is reused parse after parse ({@link #reset}) by one render at a time: the usual texts are read
 * and resolved with no object made (words are matched against constants, dates computed as day numbers and
 * epoch seconds, zones through {@link PhpZoneTable}).
 */
final class PhpDateParser {
    static final long UNSET = Long.MIN_VALUE;

    // absolute fields
    long y, m, d, h, i, s, us;
    boolean haveDate, haveTime, haveZone, haveRelative;
    ZoneId zone;
    /** Whether the text was an "@timestamp" (modify() then switches the date to UTC). */
    boolean timestamp;

    // relative part
    long ry, rm, rd, rh, ri, rs, rus;
    boolean haveWeekdayRelative;
    int weekday; // 0 = sunday .. 6; negative after "ago"
    int weekdayBehavior;
    static final int SPECIAL_NONE = 0, SPECIAL_WEEKDAY = 1, SPECIAL_DAY_OF_WEEK_IN_MONTH = 2,
            SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH = 3;
    int specialType;
    long specialAmount;
    static final int FIRST_DAY_OF = 1, LAST_DAY_OF = 2;
    int firstLastDayOf;

    private CharSequence text;
    /** The text lower-cased character by character (ASCII letters; the positions are the text's). */
    private final StringBuilder lower = new StringBuilder(32);
    private int n;
    private int p;

    // the result of create/modify: an instant and the zone to show it in
    long epochSecond;
    int micros;
    ZoneId resultZone;

    /** The fields of the date a parse starts from (the current time, or the date modified). */
    private final PhpDate.Fields base = new PhpDate.Fields();

    /** A parser to reuse: {@link #reset} before each parse (one per render state; not thread-safe). */
    PhpDateParser() {
    }

    /** Starts a new parse of text: every field unset. */
    PhpDateParser reset(CharSequence text) {
        this.text = text;
        this.n = text.length();
        lower.setLength(0);
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            lower.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c < 0x80 ? c : Character.toLowerCase(c));
        }
        p = 0;
        y = m = d = h = i = s = us = UNSET;
        haveDate = haveTime = haveZone = haveRelative = false;
        zone = null;
        timestamp = false;
        ry = rm = rd = rh = ri = rs = rus = 0;
        haveWeekdayRelative = false;
        weekday = 0;
        weekdayBehavior = 0;
        specialType = SPECIAL_NONE;
        specialAmount = 0;
        firstLastDayOf = 0;
        resultZone = null;
        return this;
    }

    /** Forgets the text and the date (the render state keeps the parser, not what it read). */
    void clear() {
        text = null;
        lower.setLength(0);
        zone = null;
        resultZone = null;
        base.clear();
    }

    static PhpDateParser parse(String text) {
        PhpDateParser parser = new PhpDateParser().reset(text);
        parser.run();
        return parser;
    }

    static TemplateRuntimeException failure(String text) {
        return new TemplateRuntimeException("Failed to parse time string (" + text + ").");
    }

    private TemplateRuntimeException fail() {
        return failure(text.toString());
    }

    // ---- resolution ------------------------------------------------------------------------------------

    /** {@code new DateTime(text, tz)} at the instant {@code now}. */
    static ZonedDateTime create(String text, ZoneId tz, ZonedDateTime now) {
        PhpDateParser t = new PhpDateParser();
        t.create(text, tz, now.toEpochSecond(), now.getNano() / 1000);
        return t.result();
    }

    /** {@code DateTime::modify(text)} applied to {@code date}. */
    static ZonedDateTime modify(ZonedDateTime date, String text) {
        PhpDateParser t = new PhpDateParser();
        t.modify(date.toEpochSecond(), date.getNano() / 1000, date.getZone(), text);
        return t.result();
    }

    /** The result as a ZonedDateTime. */
    ZonedDateTime result() {
        try {
            return Instant.ofEpochSecond(epochSecond, micros * 1000L).atZone(resultZone);
        } catch (java.time.DateTimeException e) {
            throw fail(); // beyond java.time's range (year ±999999999)
        }
    }

    /**
     * {@code new DateTime(text, tz)} at the instant nowEpoch (+ nowMicros): the result in {@link #epochSecond},
     * {@link #micros} and {@link #resultZone}, nothing allocated for the usual texts.
     */
    void create(CharSequence text, ZoneId tz, long nowEpoch, int nowMicros) {
        reset(text);
        run();
        ZoneId z = zone != null ? zone : tz;
        PhpDate.Fields b = at(nowEpoch, z);
        if (haveDate && !haveTime) {
            h = 0;
            i = 0;
            s = 0;
            us = 0;
        }
        if (y != UNSET || m != UNSET || d != UNSET || h != UNSET || i != UNSET || s != UNSET) {
            if (us == UNSET) {
                us = 0;
            }
        } else if (us == UNSET) {
            us = nowMicros;
        }
        if (y == UNSET) {
            y = b.year;
        }
        if (m == UNSET) {
            m = b.month;
        }
        if (d == UNSET) {
            d = b.day;
        }
        if (h == UNSET) {
            h = b.hour;
        }
        if (i == UNSET) {
            i = b.minute;
        }
        if (s == UNSET) {
            s = b.second;
        }
        // a zone identifier in the text reads an overlap's local time on its DST side (timelib: "2024-10-27 02:30
        // Europe/Paris" is CEST, the same text read in the default zone Europe/Paris is CET)
        resolve(z, zone != null && !(zone instanceof ZoneOffset) ? 1 : -1);
    }

    /** {@code DateTime::modify(text)} of the date at epoch (+ micro) in zone: the result as {@link #create}'s. */
    void modify(long epoch, int micro, ZoneId dateZone, CharSequence text) {
        reset(text);
        run();
        PhpDate.Fields b = at(epoch, dateZone);
        long yy = b.year, mm = b.month, dd = b.day;
        long hh = b.hour, ii = b.minute, ss = b.second, uu = micro;
        int dstFlag = b.dst ? 1 : 0;
        if (y != UNSET) {
            yy = y;
        }
        if (m != UNSET) {
            mm = m;
        }
        if (d != UNSET) {
            dd = d;
        }
        if (h != UNSET) {
            hh = h;
            if (i != UNSET) {
                ii = i;
                ss = s != UNSET ? s : 0;
            } else {
                ii = 0;
                ss = 0;
            }
        }
        if (us != UNSET) {
            uu = us;
        }
        y = yy;
        m = mm;
        d = dd;
        h = hh;
        i = ii;
        s = ss;
        us = uu;
        resolve(timestamp ? ZoneOffset.UTC : dateZone, timestamp ? -1 : dstFlag);
    }

    /** The fields of epoch shown in z (java.time's for dates beyond the zone table). */
    private PhpDate.Fields at(long epoch, ZoneId z) {
        if (!base.ofEpoch(epoch, 0, z)) {
            try {
                base.of(Instant.ofEpochSecond(epoch).atZone(z));
            } catch (java.time.DateTimeException e) {
                throw fail();
            }
        }
        return base;
    }

    /** timelib_update_ts: applies the relative part to the (complete) absolute fields, into the result. */
    private void resolve(ZoneId z, int dstFlag) {
        long yy = y, mm = m, dd = d;
        // do_adjust_special_early
        if (specialType == SPECIAL_DAY_OF_WEEK_IN_MONTH) {
            dd = 1;
            mm += rm;
            rm = 0;
        } else if (specialType == SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH) {
            dd = 1;
            mm += rm + 1;
            rm = 0;
        }
        // timelib applies first/last day of here too, before normalising: "last day of february" from January 31
        // is February 29, not the last day of March (February 31 = March 2)
        if (firstLastDayOf == FIRST_DAY_OF) {
            dd = 1;
        } else if (firstLastDayOf == LAST_DAY_OF) {
            dd = 0;
            mm++;
        }
        long days = normalize(yy, mm, dd);
        // do_adjust_relative
        if (haveWeekdayRelative) {
            days = adjustForWeekday(days);
        }
        long civil = civil(days);
        yy = (civil >> 9) + ry;
        mm = ((civil >> 5) & 15) + rm;
        dd = (civil & 31) + rd;
        if (firstLastDayOf == FIRST_DAY_OF) {
            dd = 1;
        } else if (firstLastDayOf == LAST_DAY_OF) {
            dd = 0;
            mm++;
        }
        days = normalize(yy, mm, dd);
        // do_adjust_special
        if (specialType == SPECIAL_WEEKDAY && specialAmount != 0) {
            days = addWeekdays(days, specialAmount);
        }
        // hours, minutes and seconds are added to the wall-clock time too (timelib's do_adjust_relative); the
        // zone then reads that local time, preferring the date's own side of an overlap (do_adjust_timezone)
        long totalMicros = us + rus;
        long local;
        try {
            local = Math.addExact(Math.multiplyExact(days, 86400L), h * 3600L + i * 60L + s
                    + Math.addExact(Math.addExact(Math.multiplyExact(rh, 3600L), Math.multiplyExact(ri, 60L)), rs)
                    + Math.floorDiv(totalMicros, 1_000_000L));
        } catch (ArithmeticException e) {
            throw fail();
        }
        long epoch = PhpDate.toEpoch(local, z, dstFlag);
        if (epoch == Long.MIN_VALUE) {
            try {
                epoch = ZonedDateTime.ofLocal(LocalDateTime.ofEpochSecond(local, 0, ZoneOffset.UTC), z, null)
                        .toEpochSecond();
            } catch (java.time.DateTimeException e) {
                throw fail(); // beyond java.time's range (year ±999999999)
            }
        }
        epochSecond = epoch;
        micros = (int) Math.floorMod(totalMicros, 1_000_000L);
        resultZone = z;
    }

    /** Days since 1970-01-01 of y-m-d, months and days beyond their range carried over (d may be 0 or less). */
    private long normalize(long y, long m, long d) {
        long m0 = m - 1;
        long year = y + Math.floorDiv(m0, 12);
        int month = (int) Math.floorMod(m0, 12) + 1;
        if (year < -999_999_999L || year > 999_999_999L) {
            throw fail();
        }
        return PhpDate.Fields.daysFromCivil(year, month, 1) + d - 1;
    }

    /** The civil date of a day number, packed: year << 9 | month << 5 | day (H. Hinnant's algorithm). */
    private static long civil(long days) {
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return (year << 9) | (month << 5) | day;
    }

    /** Day of week of a day number: 0 = Sunday .. 6 (1970-01-01 was a Thursday). */
    private static int dayOfWeek(long days) {
        return (int) Math.floorMod(days + 4, 7);
    }

    /** timelib's do_adjust_for_weekday. */
    private long adjustForWeekday(long date) {
        int currentDow = dayOfWeek(date);
        int wd = weekday;
        if (weekdayBehavior == 2) {
            if (currentDow == 0 && wd != 0) {
                wd -= 7;
            }
            if (wd == 0 && currentDow != 0) {
                wd = 7;
            }
            return date + wd - currentDow;
        }
        long difference = wd - currentDow;
        if ((rd < 0 && difference < 0) || (rd >= 0 && difference <= -weekdayBehavior)) {
            difference += 7;
        }
        if (wd >= 0) {
            return date + difference;
        }
        return date - (7 - (Math.abs(wd) - currentDow));
    }

    /** "+N weekdays": business days, skipping Saturdays and Sundays. */
    private static long addWeekdays(long date, long amount) {
        int step = amount > 0 ? 1 : -1;
        long left = Math.abs(amount);
        long result = date;
        while (left > 0) {
            result += step;
            int dow = dayOfWeek(result);
            if (dow != 6 && dow != 0) {
                left--;
            }
        }
        return result;
    }

    // ---- scanning --------------------------------------------------------------------------------------

    private void run() {
        while (p < n) {
            char c = lower.charAt(p);
            if (c == ' ' || c == '\t' || c == ',' || c == '.' || c == '\n') {
                p++;
            } else if (c == '@') {
                scanTimestamp();
            } else if (isDigit(c)) {
                scanNumber();
            } else if (c == '+' || c == '-') {
                scanSigned();
            } else if (isLetter(c) || c == '(') {
                scanWord();
            } else {
                throw fail();
            }
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private char at(int pos) {
        return pos < n ? lower.charAt(pos) : '\0';
    }

    private int digitsEnd(int from) {
        int q = from;
        while (q < n && isDigit(lower.charAt(q))) {
            q++;
        }
        return q;
    }

    private int lettersEnd(int from) {
        int q = from;
        while (q < n && isLetter(lower.charAt(q))) {
            q++;
        }
        return q;
    }

    private int spacesEnd(int from) {
        int q = from;
        while (q < n && (lower.charAt(q) == ' ' || lower.charAt(q) == '\t')) {
            q++;
        }
        return q;
    }

    private long number(int from, int to) {
        if (to - from > 18) {
            throw fail();
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            v = v * 10 + (lower.charAt(k) - '0');
        }
        return v;
    }

    /** The text was only a zone ("+02:00", "-0530", "EST"): what {@code new DateTimeZone($s)} accepts. */
    boolean isZoneOnly() {
        return haveZone && !haveDate && !haveTime && !haveRelative && y == UNSET && h == UNSET;
    }

    private void haveDate() {
        if (haveDate) {
            throw fail();
        }
        haveDate = true;
    }

    private void haveTime() {
        if (haveTime) {
            throw fail();
        }
        haveTime = true;
        h = 0;
        i = 0;
        s = 0;
        us = 0;
    }

    private void unhaveTime() {
        haveTime = false;
        h = 0;
        i = 0;
        s = 0;
        us = 0;
    }

    private void setZone(ZoneId z) {
        if (haveZone) {
            throw fail();
        }
        haveZone = true;
        zone = z;
    }

    private static long processYear(long year, int length) {
        if (length >= 4) {
            return year;
        }
        if (year < 100) {
            return year < 70 ? year + 2000 : year + 1900;
        }
        return year;
    }

    private void scanTimestamp() {
        int q = p + 1;
        boolean negative = false;
        if (at(q) == '-') {
            negative = true;
            q++;
        }
        int end = digitsEnd(q);
        if (end == q) {
            throw fail();
        }
        long v = number(q, end);
        long micros = 0;
        if (at(end) == '.' && digitsEnd(end + 1) == end + 7) {
            micros = number(end + 1, end + 7);
            end += 7;
        }
        haveRelative = true;
        haveDate = false;
        unhaveTime();
        setZone(ZoneOffset.UTC);
        timestamp = true;
        y = 1970;
        m = 1;
        d = 1;
        rs += negative ? -v : v;
        rus = negative ? -micros : micros;
        p = end;
    }

    private void scanNumber() {
        int start = p;
        int end = digitsEnd(start);
        int len = end - start;
        char next = at(end);
        if (len == 4 && (next == '-' || next == '/') && isDigit(at(end + 1))) {
            scanIsoDate(start, end, next);
            return;
        }
        if (len == 8 && !isDigit(next) && next != ':') {
            haveDate();
            y = number(start, start + 4);
            m = number(start + 4, start + 6);
            d = number(start + 6, start + 8);
            p = end;
            scanIsoTimeSuffix();
            return;
        }
        if (len <= 2 && (next == ':' || (next == '.' && isDigit(at(end + 1)) && looksLikeDottedTime(end)))) {
            scanTime(start, end);
            return;
        }
        if (len <= 2 && next == '/' && isDigit(at(end + 1))) {
            scanAmerican(start, end);
            return;
        }
        if (len <= 2 && (next == '-' || next == '.') && isDigit(at(end + 1))) {
            scanPointed(start, end);
            return;
        }
        // number followed by a month name: "31 January 2024", "31-Jan-2024", "1st of"? (no)
        int q = end;
        if (len <= 2) {
            int suffixEnd = daySuffixEnd(q);
            int w = q;
            w = skip(suffixEnd, " \t.-");
            int we = lettersEnd(w);
            int month = we > w ? monthNumber(word(w, we)) : 0;
            if (month > 0) {
                scanDayMonth(start, end, w, we, month);
                return;
            }
        }
        int afterSpaces = spacesEnd(end);
        // "1pm", "11 a.m."
        if (len <= 2 && meridianEnd(afterSpaces) > 0) {
            long hour = number(start, end);
            if (hour < 1 || hour > 12) {
                throw fail();
            }
            haveTime();
            int me = meridianEnd(afterSpaces);
            h = applyMeridian(hour, lower.charAt(afterSpaces));
            p = me;
            return;
        }
        // "3 days", "1 year ago"
        int ue = unitEnd(afterSpaces);
        if (ue > afterSpaces && unitLookup(word(afterSpaces, ue)) != null) {
            p = start;
            scanRelative();
            return;
        }
        if (len == 4) {
            // gnunocolon: "2024" alone is a time (20:24) unless a time was already given, then a year
            long hh = number(start, start + 2), mi = number(start + 2, end);
            if (!haveTime && hh <= 24 && mi <= 59) {
                haveTime = true;
                h = hh;
                i = mi;
                s = 0;
            } else {
                y = number(start, end);
            }
            p = end;
            return;
        }
        if (len == 6) {
            // iso8601nocolon: HHMMSS
            haveTime();
            h = number(start, start + 2);
            i = number(start + 2, start + 4);
            s = number(start + 4, start + 6);
            if (h > 24 || i > 59 || s > 60) {
                throw fail();
            }
            p = end;
            return;
        }
        throw fail();
    }

    private boolean looksLikeDottedTime(int dot) {
        // "13.45" is a time only when not a pointed date ("31.01.2024")
        int e = digitsEnd(dot + 1);
        return e - (dot + 1) == 2 && at(e) != '.';
    }

    private int skip(int from, String chars) {
        int q = from;
        while (q < n && chars.indexOf(lower.charAt(q)) >= 0) {
            q++;
        }
        return q;
    }

    private int daySuffixEnd(int q) {
        if (q + 1 < n) {
            String suf = word(q, q + 2);
            if (suf.equals("st") || suf.equals("nd") || suf.equals("rd") || suf.equals("th")) {
                if (!isLetter(at(q + 2))) {
                    return q + 2;
                }
            }
        }
        return q;
    }

    private void scanIsoDate(int start, int end, char sep) {
        haveDate();
        y = number(start, end);
        int q = end + 1;
        int me = digitsEnd(q);
        if (me - q < 1 || me - q > 2) {
            throw fail();
        }
        m = number(q, me);
        if (at(me) == sep && isDigit(at(me + 1))) {
            int de = digitsEnd(me + 1);
            if (de - (me + 1) > 2) {
                throw fail();
            }
            d = number(me + 1, de);
            p = de;
        } else if (sep == '-') {
            d = 1; // gnudateshorter "2024-01"
            p = me;
        } else {
            throw fail();
        }
        if (m < 1 || m > 12 || d < 0 || d > 31) {
            throw fail();
        }
        scanIsoTimeSuffix();
    }

    /** After a date: an ISO "T13:45:00" part (the T glued to the date). */
    private void scanIsoTimeSuffix() {
        if (at(p) == 't' && isDigit(at(p + 1))) {
            int hs = p + 1;
            int he = digitsEnd(hs);
            if (he - hs <= 2 && at(he) == ':') {
                scanTime(hs, he);
            } else if (he - hs == 6) {
                haveTime();
                h = number(hs, hs + 2);
                i = number(hs + 2, hs + 4);
                s = number(hs + 4, hs + 6);
                p = he;
            } else if (he - hs == 4) {
                haveTime();
                h = number(hs, hs + 2);
                i = number(hs + 2, hs + 4);
                p = he;
            } else {
                throw fail();
            }
        }
    }

    private void scanTime(int start, int end) {
        long hour = number(start, end);
        char sep = at(end);
        int q = end + 1;
        int me = digitsEnd(q);
        if (me - q < 1 || me - q > 2) {
            throw fail();
        }
        long minute = number(q, me);
        long second = 0;
        long micros = 0;
        boolean haveSeconds = false;
        q = me;
        if ((at(q) == ':' || at(q) == sep) && isDigit(at(q + 1))) {
            int se = digitsEnd(q + 1);
            if (se - (q + 1) > 2) {
                throw fail();
            }
            second = number(q + 1, se);
            haveSeconds = true;
            q = se;
            if ((at(q) == '.' || at(q) == ',') && isDigit(at(q + 1))) {
                int fe = digitsEnd(q + 1);
                micros = fraction(q + 1, fe);
                q = fe;
            }
        }
        if (minute > 59 || second > 60) {
            throw fail();
        }
        haveTime();
        int sp = spacesEnd(q);
        int mer = meridianEnd(sp);
        if (mer > 0) {
            if (hour < 1 || hour > 12) {
                throw fail();
            }
            hour = applyMeridian(hour, lower.charAt(sp));
            q = mer;
        } else if (hour > 24) {
            throw fail();
        }
        h = hour;
        i = minute;
        s = haveSeconds ? second : 0;
        us = micros;
        p = q;
    }

    private long fraction(int from, int to) {
        long v = 0;
        int digits = 0;
        for (int k = from; k < to && digits < 6; k++, digits++) {
            v = v * 10 + (lower.charAt(k) - '0');
        }
        while (digits < 6) {
            v *= 10;
            digits++;
        }
        return v;
    }

    /** End of an "am"/"pm"/"a.m."/"p.m." at q (followed by a non-letter), or -1. */
    private int meridianEnd(int q) {
        char c = at(q);
        if (c != 'a' && c != 'p') {
            return -1;
        }
        int k = q + 1;
        if (at(k) == '.') {
            k++;
        }
        if (at(k) != 'm') {
            return -1;
        }
        k++;
        if (at(k) == '.') {
            k++;
        }
        if (isLetter(at(k)) || isDigit(at(k))) {
            return -1;
        }
        return k;
    }

    private static long applyMeridian(long hour, char ap) {
        if (ap == 'a') {
            return hour == 12 ? 0 : hour;
        }
        return hour == 12 ? 12 : hour + 12;
    }

    private void scanAmerican(int start, int end) {
        haveDate();
        m = number(start, end);
        int q = end + 1;
        int de = digitsEnd(q);
        if (de - q > 2) {
            throw fail();
        }
        d = number(q, de);
        p = de;
        if (at(de) == '/' && isDigit(at(de + 1))) {
            int ye = digitsEnd(de + 1);
            if (ye - (de + 1) > 4) {
                throw fail();
            }
            y = processYear(number(de + 1, ye), ye - (de + 1));
            p = ye;
        }
        if (m < 1 || m > 12 || d > 31) {
            throw fail();
        }
    }

    private void scanPointed(int start, int end) {
        char sep = at(end);
        int q = end + 1;
        int me = digitsEnd(q);
        if (me - q > 2 || (at(me) != '.' && at(me) != '-') || !isDigit(at(me + 1))) {
            // "2-3" is not a date; "1.5" neither
            throw fail();
        }
        int ys = me + 1;
        int ye = digitsEnd(ys);
        int ylen = ye - ys;
        if (!(ylen == 4 || (ylen == 2 && sep == '.' && at(me) == '.'))) {
            throw fail();
        }
        haveDate();
        d = number(start, end);
        m = number(q, me);
        y = processYear(number(ys, ye), ylen);
        if (m < 1 || m > 12 || d > 31) {
            throw fail();
        }
        p = ye;
    }

    /** "31 January 2024", "31-Jan-2024", "1st March", "31 Jan". */
    private void scanDayMonth(int start, int end, int w, int we, int month) {
        haveDate();
        d = number(start, end);
        m = month;
        int q = skip(we, " \t.-");
        int ye = digitsEnd(q);
        if (ye > q && ye - q <= 4 && at(ye) != ':' && !startsUnit(ye)) {
            y = processYear(number(q, ye), ye - q);
            p = ye;
        } else {
            p = we;
        }
        if (d > 31) {
            throw fail();
        }
    }

    private boolean startsUnit(int q) {
        int sp = spacesEnd(q);
        int ue = unitEnd(sp);
        return ue > sp && unitLookup(word(sp, ue)) != null;
    }

    /** "January 31, 2024", "Jan 31st 2024", "January 2024", "Feb 29", "March". */
    private void scanMonthFirst(int month, int we) {
        haveDate();
        m = month;
        int q = skip(we, " \t.-");
        int de = digitsEnd(q);
        int len = de - q;
        if (len == 4 && at(de) != ':') {
            y = number(q, de);
            d = 1;
            p = de;
            return;
        }
        if (len >= 1 && len <= 2 && at(de) != ':' && !startsUnit(de)) {
            d = number(q, de);
            int r = daySuffixEnd(de);
            int ys = skip(r, ",. \t");
            int ye = digitsEnd(ys);
            if (ys > r || r > de) {
                // separator present: maybe a year
                if (ye > ys && ye - ys <= 4 && at(ye) != ':' && !startsUnit(ye)) {
                    y = processYear(number(ys, ye), ye - ys);
                    p = ye;
                    return;
                }
            }
            p = r;
            return;
        }
        p = we;
    }

    private void scanSigned() {
        // relative "+1 day" / "-2 hours" / "+1 week 2 days", else a zone correction "+02:00"
        int q = p;
        while (at(q) == '+' || at(q) == '-') {
            q++;
        }
        q = spacesEnd(q);
        int de = digitsEnd(q);
        if (de > q) {
            int sp = spacesEnd(de);
            int ue = unitEnd(sp);
            if (ue > sp && unitLookup(word(sp, ue)) != null) {
                scanRelative();
                return;
            }
        }
        scanZoneCorrection();
    }

    /** relnumber space? unit. */
    private void scanRelative() {
        long sign = 1;
        while (at(p) == '+' || at(p) == '-') {
            if (at(p) == '-') {
                sign = -sign;
            }
            p++;
        }
        p = spacesEnd(p);
        int de = digitsEnd(p);
        long amount = sign * number(p, de);
        p = spacesEnd(de);
        int ue = unitEnd(p);
        Unit unit = unitLookup(word(p, ue));
        p = ue;
        haveRelative = true;
        setRelative(amount, 1, unit, true);
    }

    private int unitEnd(int q) {
        int k = q;
        while (k < n) {
            char c = lower.charAt(k);
            if (c == ' ' || c == ',' || c == '\t' || c == ';' || c == ':' || c == '/' || c == '.' || c == '-'
                    || c == '(' || c == ')' || c == '+' || isDigit(c)) {
                break;
            }
            k++;
        }
        return k;
    }

    private enum UnitKind { MICROSECOND, SECOND, MINUTE, HOUR, DAY, MONTH, YEAR, WEEKDAY, SPECIAL_WEEKDAY }

    private record Unit(UnitKind kind, int multiplier) {
    }

    private static final Unit MICROSECOND = new Unit(UnitKind.MICROSECOND, 1);
    private static final Unit MILLISECOND = new Unit(UnitKind.MICROSECOND, 1000);
    private static final Unit SECOND = new Unit(UnitKind.SECOND, 1);
    private static final Unit MINUTE = new Unit(UnitKind.MINUTE, 1);
    private static final Unit HOUR = new Unit(UnitKind.HOUR, 1);
    private static final Unit DAY = new Unit(UnitKind.DAY, 1);
    private static final Unit WEEK = new Unit(UnitKind.DAY, 7);
    private static final Unit FORTNIGHT = new Unit(UnitKind.DAY, 14);
    private static final Unit MONTH = new Unit(UnitKind.MONTH, 1);
    private static final Unit YEAR = new Unit(UnitKind.YEAR, 1);
    private static final Unit WEEKDAY = new Unit(UnitKind.SPECIAL_WEEKDAY, 1);
    /** Indexed by day of week, 0 = Sunday. */
    private static final Unit[] WEEKDAYS = new Unit[7];

    static {
        for (int k = 0; k < 7; k++) {
            WEEKDAYS[k] = new Unit(UnitKind.WEEKDAY, k);
        }
    }

    private static Unit unitLookup(String w) {
        switch (w) {
            case "ms": case "msec": case "msecs": case "millisecond": case "milliseconds":
                return MILLISECOND;
            case "µs": case "usec": case "usecs": case "µsec": case "µsecs": case "microsecond": case "microseconds":
                return MICROSECOND;
            case "sec": case "secs": case "second": case "seconds":
                return SECOND;
            case "min": case "mins": case "minute": case "minutes":
                return MINUTE;
            case "hour": case "hours":
                return HOUR;
            case "day": case "days":
                return DAY;
            case "week": case "weeks":
                return WEEK;
            case "fortnight": case "fortnights": case "forthnight": case "forthnights":
                return FORTNIGHT;
            case "month": case "months":
                return MONTH;
            case "year": case "years":
                return YEAR;
            case "weekday": case "weekdays":
                return WEEKDAY;
            default:
                int wd = dayNumber(w);
                return wd >= 0 ? WEEKDAYS[wd] : null;
        }
    }

    private void setRelative(long amount, int behavior, Unit unit) {
        setRelative(amount, behavior, unit, false);
    }

    /** timelib_set_relative; keepTime is timelib's TIMELIB_TIME_PART_KEEP (numeric relatives: "+1 monday"). */
    private void setRelative(long amount, int behavior, Unit unit, boolean keepTime) {
        if (unit == null) {
            throw fail();
        }
        long v = amount * unit.multiplier();
        switch (unit.kind()) {
            case MICROSECOND -> rus += v;
            case SECOND -> rs += v;
            case MINUTE -> ri += v;
            case HOUR -> rh += v;
            case DAY -> rd += v;
            case MONTH -> rm += v;
            case YEAR -> ry += v;
            case WEEKDAY -> {
                haveRelative = true;
                haveWeekdayRelative = true;
                if (!keepTime) {
                    unhaveTime();
                }
                rd += (amount > 0 ? amount - 1 : amount) * 7;
                weekday = unit.multiplier();
                weekdayBehavior = behavior;
            }
            case SPECIAL_WEEKDAY -> {
                haveRelative = true;
                if (!keepTime) {
                    unhaveTime();
                }
                specialType = SPECIAL_WEEKDAY;
                specialAmount += amount;
            }
        }
    }

    private void scanZoneCorrection() {
        int q = p;
        char sign = at(q);
        q++;
        int de = q;
        while (de < n && (isDigit(lower.charAt(de)) || lower.charAt(de) == ':')) {
            de++;
        }
        int seconds = zoneCorrection(q, de);
        if (seconds < 0) {
            throw fail();
        }
        setZone(offset(sign == '-' ? -seconds : seconds));
        p = de;
    }

    /** The offsets of whole quarter hours, -18:00 to +18:00 (java.time boxes the seconds to look them up). */
    private static final ZoneOffset[] QUARTERS = new ZoneOffset[145];

    static {
        for (int k = 0; k < QUARTERS.length; k++) {
            QUARTERS[k] = ZoneOffset.ofTotalSeconds((k - 72) * 900);
        }
    }

    private ZoneOffset offset(int seconds) {
        if (seconds % 900 == 0 && Math.abs(seconds) <= 18 * 3600) {
            return QUARTERS[seconds / 900 + 72];
        }
        try {
            return ZoneOffset.ofTotalSeconds(seconds);
        } catch (java.time.DateTimeException e) {
            throw fail();
        }
    }

    /** timelib_parse_tz_cor: "H", "HH", "H:M", "HHMM", "HH:MM" → seconds, -1 if malformed. */
    private int zoneCorrection(int from, int to) {
        int len = to - from;
        int colon = -1;
        for (int k = from; k < to; k++) {
            if (lower.charAt(k) == ':') {
                if (colon >= 0) {
                    return -1;
                }
                colon = k - from;
            }
        }
        switch (len) {
            case 1:
            case 2:
                return colon >= 0 ? -1 : (int) number(from, to) * 3600;
            case 3:
            case 4:
                if (colon == 1 || colon == 2) {
                    return part(from, from + colon) * 3600 + part(from + colon + 1, to) * 60;
                }
                if (colon >= 0) {
                    return -1;
                }
                int v = (int) number(from, to);
                return (v / 100) * 3600 + (v % 100) * 60;
            case 5:
                return colon != 2 ? -1 : part(from, from + 2) * 3600 + part(from + 3, to) * 60;
            default:
                return -1;
        }
    }

    /** The digits in [from, to) as a number (0 when empty, as Integer.parseInt of "" would fail: -1 total). */
    private int part(int from, int to) {
        return to > from ? (int) number(from, to) : -100_000;
    }

    private void scanWord() {
        if (at(p) == '(') {
            // "(CET)"
            int close = lower.indexOf(")", p);
            if (close < 0) {
                throw fail();
            }
            int from = p + 1;
            int to = close;
            while (from < to && lower.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && lower.charAt(to - 1) <= ' ') {
                to--;
            }
            ZoneId z = ZoneNames.lookup(lower, from, to);
            if (z == null) {
                throw fail();
            }
            setZone(z);
            p = close + 1;
            return;
        }
        int start = p;
        int we = lettersEnd(start);
        char after = at(we);
        if ((after == '/' || after == '_') && isLetter(at(we + 1))) {
            // a zone identifier "Europe/Paris", "America/Argentina/Buenos_Aires"
            int e = we;
            while (e < n && (isLetter(lower.charAt(e)) || "/_-+".indexOf(lower.charAt(e)) >= 0
                    || isDigit(lower.charAt(e)))) {
                e++;
            }
            ZoneId z = ZoneNames.lookup(lower, start, e);
            if (z == null) {
                throw fail();
            }
            setZone(z);
            p = e;
            return;
        }
        String w = word(start, we);
        switch (w) {
            case "now":
                p = we;
                return;
            case "today":
            case "midnight":
                unhaveTime();
                p = we;
                return;
            case "noon":
                unhaveTime();
                haveTime();
                h = 12;
                p = we;
                return;
            case "tomorrow":
                haveRelative = true;
                unhaveTime();
                rd = 1;
                p = we;
                return;
            case "yesterday":
                haveRelative = true;
                unhaveTime();
                rd = -1;
                p = we;
                return;
            case "ago":
                ry = -ry;
                rm = -rm;
                rd = -rd;
                rh = -rh;
                ri = -ri;
                rs = -rs;
                rus = -rus;
                weekday = -weekday;
                if (weekday == 0) {
                    weekday = -7;
                }
                if (specialType == SPECIAL_WEEKDAY) {
                    specialAmount = -specialAmount;
                }
                p = we;
                return;
            case "t":
                if (isDigit(at(we))) {
                    p = start; // scanIsoTimeSuffix starts on the 't'
                    scanIsoTimeSuffix();
                    return;
                }
                break;
            case "gmt":
            case "utc":
                if (at(we) == '+' || at(we) == '-') {
                    p = we;
                    scanZoneCorrection();
                    return;
                }
                break;
            default:
                break;
        }
        // "first day of" / "last day of"
        if ((w.equals("first") || w.equals("last")) && matchesWords(we, "day", "of")) {
            haveRelative = true;
            firstLastDayOf = w.equals("first") ? FIRST_DAY_OF : LAST_DAY_OF;
            p = afterWords(we, 2);
            return;
        }
        int rel = relativeTextValue(w);
        if (rel != Integer.MIN_VALUE) {
            int behavior = w.equals("this") ? 1 : 0;
            int sp = spacesEnd(we);
            if (sp > we) {
                int ue = lettersEnd(sp);
                String unitWord = word(sp, ue);
                boolean relText = w.equals("next") || w.equals("last") || w.equals("previous") || w.equals("this");
                int dow = dayNumber(unitWord);
                if (dow >= 0 && matchesWords(ue, "of", null)) {
                    // weekdayof: "first monday of", "last friday of"
                    haveRelative = true;
                    if (rel > 0) {
                        specialType = SPECIAL_DAY_OF_WEEK_IN_MONTH;
                        setRelative(rel, 1, WEEKDAYS[dow]);
                    } else {
                        specialType = SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH;
                        setRelative(rel, behavior, WEEKDAYS[dow]);
                    }
                    p = afterWords(ue, 1);
                    return;
                }
                if (relText && unitWord.equals("week") && !isLetter(at(ue))) {
                    // relativetextweek: "next week", "monday next week"
                    haveRelative = true;
                    setRelative(rel, behavior, WEEK);
                    weekdayBehavior = 2;
                    if (!haveWeekdayRelative) {
                        haveWeekdayRelative = true;
                        weekday = 1;
                    }
                    p = ue;
                    return;
                }
                int ue2 = unitEnd(sp);
                Unit unit = unitLookup(word(sp, ue2));
                if (unit != null && !(unitWord.equals("week"))) {
                    haveRelative = true;
                    setRelative(rel, behavior, unit);
                    p = ue2;
                    return;
                }
            }
            if (!w.equals("second")) {
                throw fail();
            }
        }
        int month = monthNumber(w);
        if (month > 0) {
            scanMonthFirst(month, we);
            return;
        }
        int dow = dayNumber(w);
        if (dow >= 0) {
            haveRelative = true;
            haveWeekdayRelative = true;
            unhaveTime();
            weekday = dow;
            if (weekdayBehavior != 2) {
                weekdayBehavior = 1;
            }
            p = we;
            return;
        }
        ZoneId z = ZoneNames.lookup(lower, start, we);
        if (z != null) {
            setZone(z);
            p = we;
            return;
        }
        throw fail();
    }

    /** Whether, after spaces, the given words follow (each ended by a non-letter). */
    private boolean matchesWords(int from, String first, String second) {
        int q = from;
        for (int k = 0; k < 2; k++) {
            String word = k == 0 ? first : second;
            if (word == null) {
                break;
            }
            int sp = spacesEnd(q);
            if (sp == q) {
                return false;
            }
            int e = lettersEnd(sp);
            if (!regionIs(sp, e, word)) {
                return false;
            }
            q = e;
        }
        return true;
    }

    private boolean regionIs(int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (lower.charAt(k) != word.charAt(k - from)) {
                return false;
            }
        }
        return true;
    }

    /** Every word the grammar knows, by length: {@link #word} gives these very strings back. */
    private static final String[][] WORDS = byLength("now", "today", "midnight", "noon", "tomorrow", "yesterday",
            "ago", "t", "gmt", "utc", "first", "last", "next", "previous", "this", "second", "third", "fourth",
            "fifth", "sixth", "seventh", "eight", "eighth", "ninth", "tenth", "eleventh", "twelfth", "day", "of",
            "week", "st", "nd", "rd", "th", "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may",
            "jun", "june", "jul", "july", "aug", "august", "sep", "sept", "september", "oct", "october", "nov",
            "november", "dec", "december", "sun", "sunday", "mon", "monday", "tue", "tues", "tuesday", "wed",
            "wednes", "wednesday", "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "ms",
            "msec", "msecs", "millisecond", "milliseconds", "\u00b5s", "usec", "usecs", "\u00b5sec", "\u00b5secs",
            "microsecond", "microseconds", "sec", "secs", "seconds", "min", "mins", "minute", "minutes", "hour",
            "hours", "days", "weeks", "fortnight", "fortnights", "forthnight", "forthnights", "month", "months",
            "year", "years", "weekday", "weekdays");

    private static String[][] byLength(String... words) {
        int max = 0;
        for (String w : words) {
            max = Math.max(max, w.length());
        }
        String[][] table = new String[max + 1][];
        for (int len = 0; len <= max; len++) {
            final int l = len;
            table[len] = java.util.Arrays.stream(words).filter(w -> w.length() == l).toArray(String[]::new);
        }
        return table;
    }

    /**
     * The lower-cased text in [from, to) as one of {@link #WORDS} when it is one (no new string), else "" (a word
     * the grammar does not know: every use of a word compares it with these).
     */
    private String word(int from, int to) {
        int len = to - from;
        if (len < WORDS.length) {
            for (String w : WORDS[len]) {
                if (regionIs(from, to, w)) {
                    return w;
                }
            }
        }
        return "";
    }

    private int afterWords(int from, int count) {
        int q = from;
        for (int k = 0; k < count; k++) {
            q = lettersEnd(spacesEnd(q));
        }
        return q;
    }

    private static int relativeTextValue(String w) {
        switch (w) {
            case "first": case "next": return 1;
            case "second": return 2;
            case "third": return 3;
            case "fourth": return 4;
            case "fifth": return 5;
            case "sixth": return 6;
            case "seventh": return 7;
            case "eight": case "eighth": return 8;
            case "ninth": return 9;
            case "tenth": return 10;
            case "eleventh": return 11;
            case "twelfth": return 12;
            case "last": case "previous": return -1;
            case "this": return 0;
            default: return Integer.MIN_VALUE;
        }
    }

    static int monthNumber(String w) {
        switch (w) {
            case "jan": case "january": return 1;
            case "feb": case "february": return 2;
            case "mar": case "march": return 3;
            case "apr": case "april": return 4;
            case "may": return 5;
            case "jun": case "june": return 6;
            case "jul": case "july": return 7;
            case "aug": case "august": return 8;
            case "sep": case "sept": case "september": return 9;
            case "oct": case "october": return 10;
            case "nov": case "november": return 11;
            case "dec": case "december": return 12;
            default: return 0;
        }
    }

    static int dayNumber(String w) {
        switch (w) {
            case "sun": case "sunday": return 0;
            case "mon": case "monday": return 1;
            case "tue": case "tues": case "tuesday": return 2;
            case "wed": case "wednes": case "wednesday": return 3;
            case "thu": case "thur": case "thurs": case "thursday": return 4;
            case "fri": case "friday": return 5;
            case "sat": case "saturday": return 6;
            default: return -1;
        }
    }
}
