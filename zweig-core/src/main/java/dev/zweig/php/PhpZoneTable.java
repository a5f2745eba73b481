package dev.zweig.php;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A zone's offsets as plain arrays, made once per zone (from java.time's rules) so that showing a date in a zone
 * with daylight saving time, or reading a local time in it, is a binary search with no object made: the UTC
 * offset, whether it is DST and where each period starts, from year 1 to {@link #LIMIT}. Outside that range
 * {@link #covers} is false and the callers take java.time.
 *
 * <p>{@link #toEpoch} reads a local time as timelib does ({@code do_adjust_timezone}): in a gap the time moves
 * forward by the gap, in an overlap the offset found from the local time read as UTC wins, and a date that knows
 * whether it was in DST (DateTime::modify) prefers that side of an overlap.
 */
final class PhpZoneTable {
    /** 2200-01-01T00:00:00Z: the transitions are listed up to there. */
    static final long LIMIT = 7258118400L;
    /** 0001-01-01T00:00:00Z. */
    static final long START = -62135596800L;
    private static final long NONE = Long.MIN_VALUE;

    private static final Map<ZoneId, PhpZoneTable> TABLES = new ConcurrentHashMap<>();

    /** Instants (epoch seconds) at which the offset changes, ascending. */
    private final long[] transitions;
    /** offsets[k]: the offset (seconds) from transitions[k - 1] to transitions[k]. */
    private final int[] offsets;
    /** Per period: 0 standard time, 1 DST, 2 both (the standard offset changes within it: ask java.time). */
    private final byte[] dst;
    private final ZoneRules rules;

    private PhpZoneTable(long[] transitions, int[] offsets, byte[] dst, ZoneRules rules) {
        this.transitions = transitions;
        this.offsets = offsets;
        this.dst = dst;
        this.rules = rules;
    }

    /** The table of a zone (made on first use; a few hundred entries for a zone with DST). */
    static PhpZoneTable of(ZoneId zone) {
        PhpZoneTable t = TABLES.get(zone);
        if (t == null) {
            t = build(zone);
            if (TABLES.size() < 1000) {
                TABLES.put(zone, t);
            }
        }
        return t;
    }

    private static PhpZoneTable build(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        if (rules.isFixedOffset()) {
            return new PhpZoneTable(new long[0], new int[] {rules.getOffset(Instant.EPOCH).getTotalSeconds()},
                    new byte[1], rules);
        }
        long[] at = new long[64];
        int[] off = new int[65];
        byte[] saving = new byte[65];
        int n = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(START));
        Instant first = t == null ? Instant.EPOCH : t.getInstant().minusSeconds(1);
        off[0] = rules.getOffset(first).getTotalSeconds();
        saving[0] = dst(rules, Instant.ofEpochSecond(START), first);
        while (t != null && t.getInstant().getEpochSecond() < LIMIT) {
            if (n + 1 == at.length) {
                at = Arrays.copyOf(at, n * 2);
                off = Arrays.copyOf(off, n * 2 + 1);
                saving = Arrays.copyOf(saving, n * 2 + 1);
            }
            at[n] = t.getInstant().getEpochSecond();
            off[n + 1] = t.getOffsetAfter().getTotalSeconds();
            ZoneOffsetTransition next = rules.nextTransition(t.getInstant());
            Instant end = next == null || next.getInstant().getEpochSecond() >= LIMIT ? Instant.ofEpochSecond(LIMIT)
                    : next.getInstant().minusSeconds(1);
            saving[n + 1] = dst(rules, t.getInstant(), end);
            n++;
            t = next;
        }
        return new PhpZoneTable(Arrays.copyOf(at, n), Arrays.copyOf(off, n + 1), Arrays.copyOf(saving, n + 1),
                rules);
    }

    /** What a period from start to end knows of DST: 0, 1, or 2 when its standard offset changes in between. */
    private static byte dst(ZoneRules rules, Instant start, Instant end) {
        if (!rules.getStandardOffset(start).equals(rules.getStandardOffset(end))) {
            return 2;
        }
        return (byte) (rules.isDaylightSavings(start) ? 1 : 0);
    }

    /** Whether the table knows the offsets at epochSecond (and around it, for reading local times). */
    static boolean covers(long epochSecond) {
        return epochSecond > START + 2 * 86400 && epochSecond < LIMIT - 2 * 86400;
    }

    /** The period epochSecond falls in (an index into the offsets). */
    private int period(long epochSecond) {
        int i = Arrays.binarySearch(transitions, epochSecond);
        return i >= 0 ? i + 1 : -i - 1;
    }

    /** The UTC offset, in seconds, at epochSecond. */
    int offset(long epochSecond) {
        return offsets[period(epochSecond)];
    }

    /** Whether epochSecond is in daylight saving time. */
    boolean isDst(long epochSecond) {
        byte d = dst[period(epochSecond)];
        return d == 2 ? rules.isDaylightSavings(Instant.ofEpochSecond(epochSecond)) : d == 1;
    }

    /** The start of the period epochSecond falls in, or NONE. */
    private long periodStart(int period) {
        return period == 0 ? NONE : transitions[period - 1];
    }

    /**
     * The instant a local time (seconds since 1970-01-01T00:00 as wall-clock time) stands for, as timelib's
     * do_adjust_timezone finds it; dst is what the date knew of its own DST (1 or 0, DateTime::modify), or -1.
     */
    long toEpoch(long local, int dstFlag) {
        int currentPeriod = period(local);
        int current = offsets[currentPeriod];
        boolean currentDst = isDst(local);
        int afterPeriod = period(local - current);
        int actual = offsets[afterPeriod];
        long actualStart = periodStart(afterPeriod);
        if (current == actual && dstFlag >= 0) {
            if (current >= 0 && dstFlag == 1 && !currentDst) {
                int earlierPeriod = period(local - current - 7200);
                int earlier = offsets[earlierPeriod];
                if (earlier != actual && local - earlier < actualStart) {
                    actual = earlier;
                    actualStart = periodStart(earlierPeriod);
                }
            } else if (current <= 0 && currentDst && dstFlag == 0) {
                int laterPeriod = period(local - current + 7200);
                int later = offsets[laterPeriod];
                long laterStart = periodStart(laterPeriod);
                if (later != actual && local - later >= laterStart) {
                    actual = later;
                    actualStart = laterStart;
                }
            }
        }
        boolean inTransition = actualStart != NONE && local - actual >= actualStart + (current - actual)
                && local - actual < actualStart;
        return current != actual && !inTransition ? local - actual : local - current;
    }

    /** The zone's offset as java.time gives it (for the dates beyond the table). */
    static int javaOffset(ZoneId zone, long epochSecond) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds();
        }
        return zone.getRules().getOffset(Instant.ofEpochSecond(epochSecond)).getTotalSeconds();
    }
}
