package dev.zweig.php;

import java.time.Duration;
import java.time.Period;

/**
 * A PHP {@code DateInterval} as Twig's {@code date} filter formats it: unsigned fields plus an {@code invert} flag,
 * and the total day count when known ({@code %a}). Java has no single type with these fields, so
 * {@link Duration} (days and time, total days known) and {@link Period} (years, months, days; total unknown) are
 * converted with {@link #of(Object)}; applications may also pass instances of this class directly.
 *
 * @param years   years ({@code %y})
 * @param months  months ({@code %m})
 * @param days    days ({@code %d})
 * @param hours   hours ({@code %h})
 * @param minutes minutes ({@code %i})
 * @param seconds seconds ({@code %s})
 * @param micros  microseconds ({@code %f})
 * @param invert  whether the interval is negative ({@code %R} gives "-")
 * @param totalDays total days ({@code %a}), or -1 when unknown ("(unknown)")
 */
public record PhpDateInterval(long years, long months, long days, long hours, long minutes, long seconds, long micros,
        boolean invert, long totalDays) {

    /** Converts a Duration, Period or PhpDateInterval; returns null for anything else. */
    public static PhpDateInterval of(Object value) {
        if (value instanceof PhpDateInterval interval) {
            return interval;
        }
        if (value instanceof Duration duration) {
            boolean negative = duration.isNegative();
            Duration abs = duration.abs();
            long days = abs.toDays();
            return new PhpDateInterval(0, 0, days, abs.toHoursPart(), abs.toMinutesPart(), abs.toSecondsPart(),
                    abs.toNanosPart() / 1000, negative, days);
        }
        if (value instanceof Period period) {
            boolean negative = period.isNegative();
            Period abs = negative ? period.negated() : period;
            return new PhpDateInterval(Math.abs(abs.getYears()), Math.abs(abs.getMonths()), Math.abs(abs.getDays()),
                    0, 0, 0, 0, negative, -1);
        }
        return null;
    }

    /**
     * PHP's readable DateInterval properties: y, m, d, h, i, s, f (fraction of a second, a Double), invert (0/1)
     * and days (false when unknown); null for any other name.
     */
    public Object property(String name) {
        switch (name) {
            case "y": return years;
            case "m": return months;
            case "d": return days;
            case "h": return hours;
            case "i": return minutes;
            case "s": return seconds;
            case "f": return micros / 1_000_000.0;
            case "invert": return invert ? 1L : 0L;
            case "days": return totalDays >= 0 ? (Object) totalDays : Boolean.FALSE;
            default: return null;
        }
    }

    /** Whether {@link #of(Object)} accepts the value. */
    public static boolean isInterval(Object value) {
        return value instanceof PhpDateInterval || value instanceof Duration || value instanceof Period;
    }
}
