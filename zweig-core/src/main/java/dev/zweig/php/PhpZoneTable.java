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
    /** Per period: 0 standard time, 1 DST, 2 both (the standard offset changes within it: see splits). */
    private final byte[] dst;
    /**
     * Per period marked 2 in dst: the instants within it where the standard offset changes while the offset does
     * not (so java.time lists no transition there: Pacific/Auckland's +12:00 was DST until 1946 and standard time
     * after), and splitDst the DST flag from each of them on ([0]: from the period's start); null elsewhere.
     */
    private final long[][] splits;
    private final boolean[][] splitDst;

    /** The step at which a period's standard offset is sampled for changes (a change is then found by bisection). */
    private static final long SAMPLE = 28 * 86400L;

    private PhpZoneTable(long[] transitions, int[] offsets, ZoneRules rules) {
        this.transitions = transitions;
        this.offsets = offsets;
        this.dst = new byte[offsets.length];
        this.splits = new long[offsets.length][];
        this.splitDst = new boolean[offsets.length][];
        for (int p = 0; p < offsets.length; p++) {
            period(p, rules);
        }
    }

    /**
     * What period p knows of DST, from java.time's rules (once per zone): its flag, or where its standard offset
     * changes (sampled, then found to the second by bisection) and the flag of each part.
     */
    private void period(int p, ZoneRules rules) {
        long start = p == 0 ? START : transitions[p - 1];
        long end = p == transitions.length ? LIMIT : Math.min(transitions[p] - 1, LIMIT);
        long[] at = new long[0];
        boolean[] flags = {rules.isDaylightSavings(Instant.ofEpochSecond(start))};
        ZoneOffset from = rules.getStandardOffset(Instant.ofEpochSecond(start));
        for (long lo = start; lo < end; ) {
            long hi = Math.min(lo + SAMPLE, end);
            ZoneOffset next = rules.getStandardOffset(Instant.ofEpochSecond(hi));
            if (next.equals(from)) {
                lo = hi;
                continue;
            }
            while (hi - lo > 1) { // from holds at lo, not at hi: the first second it does not hold
                long mid = lo + (hi - lo) / 2;
                if (rules.getStandardOffset(Instant.ofEpochSecond(mid)).equals(from)) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            at = Arrays.copyOf(at, at.length + 1);
            at[at.length - 1] = hi;
            flags = Arrays.copyOf(flags, flags.length + 1);
            flags[flags.length - 1] = rules.isDaylightSavings(Instant.ofEpochSecond(hi));
            from = rules.getStandardOffset(Instant.ofEpochSecond(hi));
            lo = hi;
        }
        if (at.length == 0) {
            dst[p] = (byte) (flags[0] ? 1 : 0);
        } else {
            dst[p] = 2;
            splits[p] = at;
            splitDst[p] = flags;
        }
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
                    rules);
        }
        long[] at = new long[64];
        int[] off = new int[65];
        int n = 0;
        ZoneOffsetTransition t = rules.nextTransition(Instant.ofEpochSecond(START));
        Instant first = t == null ? Instant.EPOCH : t.getInstant().minusSeconds(1);
        off[0] = rules.getOffset(first).getTotalSeconds();
        while (t != null && t.getInstant().getEpochSecond() < LIMIT) {
            if (n + 1 == at.length) {
                at = Arrays.copyOf(at, n * 2);
                off = Arrays.copyOf(off, n * 2 + 1);
            }
            at[n] = t.getInstant().getEpochSecond();
            off[n + 1] = t.getOffsetAfter().getTotalSeconds();
            n++;
            t = rules.nextTransition(t.getInstant());
        }
        return new PhpZoneTable(Arrays.copyOf(at, n), Arrays.copyOf(off, n + 1), rules);
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
        int p = period(epochSecond);
        byte d = dst[p];
        if (d != 2) {
            return d == 1;
        }
        int i = Arrays.binarySearch(splits[p], epochSecond);
        return splitDst[p][i >= 0 ? i + 1 : -i - 1];
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
