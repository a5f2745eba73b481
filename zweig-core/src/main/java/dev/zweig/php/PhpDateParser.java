package dev.zweig.php;

import dev.zweig.TemplateRuntimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
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
 * <p>Not thread-confined state: one instance per parse; instances are cheap.
 */
final class PhpDateParser {
    static final long UNSET = Long.MIN_VALUE;

    // absolute fields
    long y = UNSET, m = UNSET, d = UNSET, h = UNSET, i = UNSET, s = UNSET, us = UNSET;
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

    private final String text;
    private final String lower;
    private final int n;
    private int p;

    private PhpDateParser(String text) {
        this.text = text;
        this.lower = text.toLowerCase(java.util.Locale.ROOT);
        this.n = text.length();
    }

    static PhpDateParser parse(String text) {
        PhpDateParser parser = new PhpDateParser(text);
        parser.run();
        return parser;
    }

    static TemplateRuntimeException failure(String text) {
        return new TemplateRuntimeException("Failed to parse time string (" + text + ").");
    }

    private TemplateRuntimeException fail() {
        return failure(text);
    }

    // ---- resolution ------------------------------------------------------------------------------------

    /** {@code new DateTime(text, tz)} at the instant {@code now}. */
    static ZonedDateTime create(String text, ZoneId tz, ZonedDateTime now) {
        PhpDateParser t = parse(text);
        ZoneId zone = t.zone != null ? t.zone : tz;
        ZonedDateTime base = now.withZoneSameInstant(zone);
        if (t.haveDate && !t.haveTime) {
            t.h = 0;
            t.i = 0;
            t.s = 0;
            t.us = 0;
        }
        if (t.y != UNSET || t.m != UNSET || t.d != UNSET || t.h != UNSET || t.i != UNSET || t.s != UNSET) {
            if (t.us == UNSET) {
                t.us = 0;
            }
        } else if (t.us == UNSET) {
            t.us = base.getNano() / 1000;
        }
        if (t.y == UNSET) {
            t.y = base.getYear();
        }
        if (t.m == UNSET) {
            t.m = base.getMonthValue();
        }
        if (t.d == UNSET) {
            t.d = base.getDayOfMonth();
        }
        if (t.h == UNSET) {
            t.h = base.getHour();
        }
        if (t.i == UNSET) {
            t.i = base.getMinute();
        }
        if (t.s == UNSET) {
            t.s = base.getSecond();
        }
        return t.resolve(zone);
    }

    /** {@code DateTime::modify(text)} applied to {@code date}. */
    static ZonedDateTime modify(ZonedDateTime date, String text) {
        PhpDateParser t = parse(text);
        long y = date.getYear(), m = date.getMonthValue(), d = date.getDayOfMonth();
        long h = date.getHour(), i = date.getMinute(), s = date.getSecond(), us = date.getNano() / 1000;
        if (t.y != UNSET) {
            y = t.y;
        }
        if (t.m != UNSET) {
            m = t.m;
        }
        if (t.d != UNSET) {
            d = t.d;
        }
        if (t.h != UNSET) {
            h = t.h;
            if (t.i != UNSET) {
                i = t.i;
                s = t.s != UNSET ? t.s : 0;
            } else {
                i = 0;
                s = 0;
            }
        }
        if (t.us != UNSET) {
            us = t.us;
        }
        t.y = y;
        t.m = m;
        t.d = d;
        t.h = h;
        t.i = i;
        t.s = s;
        t.us = us;
        ZoneId zone = t.timestamp ? ZoneOffset.UTC : date.getZone();
        return t.resolve(zone);
    }

    /** timelib_update_ts: applies the relative part to the (complete) absolute fields. */
    private ZonedDateTime resolve(ZoneId zone) {
        try {
            return resolveFields(zone);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            // beyond java.time's range (year ±999999999)
            throw fail();
        }
    }

    private ZonedDateTime resolveFields(ZoneId zone) {
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
        LocalDate date = normalize(yy, mm, dd);
        // do_adjust_relative
        if (haveWeekdayRelative) {
            date = adjustForWeekday(date);
        }
        yy = date.getYear() + ry;
        mm = date.getMonthValue() + rm;
        dd = date.getDayOfMonth() + rd;
        if (firstLastDayOf == FIRST_DAY_OF) {
            dd = 1;
        } else if (firstLastDayOf == LAST_DAY_OF) {
            dd = 0;
            mm++;
        }
        date = normalize(yy, mm, dd);
        // do_adjust_special
        if (specialType == SPECIAL_WEEKDAY && specialAmount != 0) {
            date = addWeekdays(date, specialAmount);
        }
        LocalDateTime local = date.atStartOfDay().plusHours(h).plusMinutes(i).plusSeconds(s).plusNanos(us * 1000L);
        ZonedDateTime result = ZonedDateTime.ofLocal(local, zone, null);
        // hours, minutes and seconds count elapsed time (PHP 8.1+), not wall-clock time
        long seconds = rh * 3600L + ri * 60L + rs;
        if (seconds != 0 || rus != 0) {
            result = result.plusSeconds(seconds).plusNanos(rus * 1000L);
        }
        return result;
    }

    private static LocalDate normalize(long y, long m, long d) {
        long m0 = m - 1;
        long year = y + Math.floorDiv(m0, 12);
        int month = (int) Math.floorMod(m0, 12) + 1;
        return LocalDate.of(Math.toIntExact(year), month, 1).plusDays(d - 1);
    }

    /** timelib's do_adjust_for_weekday. */
    private LocalDate adjustForWeekday(LocalDate date) {
        int currentDow = date.getDayOfWeek().getValue() % 7;
        int wd = weekday;
        if (weekdayBehavior == 2) {
            if (currentDow == 0 && wd != 0) {
                wd -= 7;
            }
            if (wd == 0 && currentDow != 0) {
                wd = 7;
            }
            return date.plusDays(wd - currentDow);
        }
        long difference = wd - currentDow;
        if ((rd < 0 && difference < 0) || (rd >= 0 && difference <= -weekdayBehavior)) {
            difference += 7;
        }
        if (wd >= 0) {
            return date.plusDays(difference);
        }
        return date.minusDays(7 - (Math.abs(wd) - currentDow));
    }

    /** "+N weekdays": business days, skipping Saturdays and Sundays. */
    private static LocalDate addWeekdays(LocalDate date, long amount) {
        int step = amount > 0 ? 1 : -1;
        long left = Math.abs(amount);
        LocalDate result = date;
        while (left > 0) {
            result = result.plusDays(step);
            DayOfWeek dow = result.getDayOfWeek();
            if (dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY) {
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
            int month = we > w ? monthNumber(lower.substring(w, we)) : 0;
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
        if (ue > afterSpaces && unitLookup(lower.substring(afterSpaces, ue)) != null) {
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
            String suf = lower.substring(q, q + 2);
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
        return ue > sp && unitLookup(lower.substring(sp, ue)) != null;
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
            if (ue > sp && unitLookup(lower.substring(sp, ue)) != null) {
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
        Unit unit = unitLookup(lower.substring(p, ue));
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

    private static Unit unitLookup(String w) {
        switch (w) {
            case "ms": case "msec": case "msecs": case "millisecond": case "milliseconds":
                return new Unit(UnitKind.MICROSECOND, 1000);
            case "µs": case "usec": case "usecs": case "µsec": case "µsecs": case "microsecond": case "microseconds":
                return new Unit(UnitKind.MICROSECOND, 1);
            case "sec": case "secs": case "second": case "seconds":
                return new Unit(UnitKind.SECOND, 1);
            case "min": case "mins": case "minute": case "minutes":
                return new Unit(UnitKind.MINUTE, 1);
            case "hour": case "hours":
                return new Unit(UnitKind.HOUR, 1);
            case "day": case "days":
                return new Unit(UnitKind.DAY, 1);
            case "week": case "weeks":
                return new Unit(UnitKind.DAY, 7);
            case "fortnight": case "fortnights": case "forthnight": case "forthnights":
                return new Unit(UnitKind.DAY, 14);
            case "month": case "months":
                return new Unit(UnitKind.MONTH, 1);
            case "year": case "years":
                return new Unit(UnitKind.YEAR, 1);
            case "weekday": case "weekdays":
                return new Unit(UnitKind.SPECIAL_WEEKDAY, 1);
            default:
                int wd = dayNumber(w);
                return wd >= 0 ? new Unit(UnitKind.WEEKDAY, wd) : null;
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

    private ZoneOffset offset(int seconds) {
        try {
            return ZoneOffset.ofTotalSeconds(seconds);
        } catch (java.time.DateTimeException e) {
            throw fail();
        }
    }

    /** timelib_parse_tz_cor: "H", "HH", "H:M", "HHMM", "HH:MM" → seconds, -1 if malformed. */
    private int zoneCorrection(int from, int to) {
        int len = to - from;
        String part = lower.substring(from, to);
        try {
            switch (len) {
                case 1:
                case 2:
                    if (part.indexOf(':') >= 0) {
                        return -1;
                    }
                    return Integer.parseInt(part) * 3600;
                case 3:
                case 4:
                    if (part.charAt(1) == ':') {
                        return Integer.parseInt(part.substring(0, 1)) * 3600 + Integer.parseInt(part.substring(2)) * 60;
                    }
                    if (part.charAt(2) == ':') {
                        return Integer.parseInt(part.substring(0, 2)) * 3600 + Integer.parseInt(part.substring(3)) * 60;
                    }
                    int v = Integer.parseInt(part);
                    return (v / 100) * 3600 + (v % 100) * 60;
                case 5:
                    if (part.charAt(2) != ':') {
                        return -1;
                    }
                    return Integer.parseInt(part.substring(0, 2)) * 3600 + Integer.parseInt(part.substring(3)) * 60;
                default:
                    return -1;
            }
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void scanWord() {
        if (at(p) == '(') {
            // "(CET)"
            int close = lower.indexOf(')', p);
            if (close < 0) {
                throw fail();
            }
            String inner = text.substring(p + 1, close).trim();
            ZoneId z = PhpDate.zoneFromText(inner);
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
            ZoneId z = PhpDate.zoneFromText(text.substring(start, e));
            if (z == null) {
                throw fail();
            }
            setZone(z);
            p = e;
            return;
        }
        String w = lower.substring(start, we);
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
                String unitWord = lower.substring(sp, ue);
                boolean relText = w.equals("next") || w.equals("last") || w.equals("previous") || w.equals("this");
                int dow = dayNumber(unitWord);
                if (dow >= 0 && matchesWords(ue, "of")) {
                    // weekdayof: "first monday of", "last friday of"
                    haveRelative = true;
                    if (rel > 0) {
                        specialType = SPECIAL_DAY_OF_WEEK_IN_MONTH;
                        setRelative(rel, 1, new Unit(UnitKind.WEEKDAY, dow));
                    } else {
                        specialType = SPECIAL_LAST_DAY_OF_WEEK_IN_MONTH;
                        setRelative(rel, behavior, new Unit(UnitKind.WEEKDAY, dow));
                    }
                    p = afterWords(ue, 1);
                    return;
                }
                if (relText && unitWord.equals("week") && !isLetter(at(ue))) {
                    // relativetextweek: "next week", "monday next week"
                    haveRelative = true;
                    setRelative(rel, behavior, new Unit(UnitKind.DAY, 7));
                    weekdayBehavior = 2;
                    if (!haveWeekdayRelative) {
                        haveWeekdayRelative = true;
                        weekday = 1;
                    }
                    p = ue;
                    return;
                }
                int ue2 = unitEnd(sp);
                Unit unit = unitLookup(lower.substring(sp, ue2));
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
        ZoneId z = PhpDate.zoneFromText(text.substring(start, we));
        if (z != null) {
            setZone(z);
            p = we;
            return;
        }
        throw fail();
    }

    /** Whether, after spaces, the given words follow (each ended by a non-letter). */
    private boolean matchesWords(int from, String... words) {
        int q = from;
        for (String word : words) {
            int sp = spacesEnd(q);
            if (sp == q) {
                return false;
            }
            int e = lettersEnd(sp);
            if (!lower.substring(sp, e).equals(word)) {
                return false;
            }
            q = e;
        }
        return true;
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
