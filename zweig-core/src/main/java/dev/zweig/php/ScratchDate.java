package dev.zweig.php;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A render-private date: the result of a core {@code date_modify} or {@code date()} that ScratchAnalysis proved is
 * read only by the core date readers (the date filters, the date function, comparisons) on the spot, passed to a
 * macro parameter read only so, or kept in a variable read only so. It lives in the render's scratch storage (see
 * {@link dev.zweig.runtime.ScratchArena#scratchDate}) and is reused once its reader is done; a variable's is
 * copied into the scope's own date for it (see {@link dev.zweig.runtime.Frame#date}), rewritten by the next set.
 * It never reaches user code (anything else gets a ZonedDateTime: {@link #toDateTime}). Internal: core only.
 */
public final class ScratchDate {
    long epochSecond;
    int micros;
    ZoneId zone;

    /** Seconds since 1970-01-01T00:00:00Z. */
    public long epochSecond() {
        return epochSecond;
    }

    /** The microseconds within the second (PHP's precision). */
    public int micros() {
        return micros;
    }

    /** The zone the date is shown in. */
    public ZoneId zone() {
        return zone;
    }

    /** Makes this the same date as d. */
    public void set(ScratchDate d) {
        set(d.epochSecond, d.micros, d.zone);
    }

    void set(long epochSecond, int micros, ZoneId zone) {
        this.epochSecond = epochSecond;
        this.micros = micros;
        this.zone = zone;
    }

    /** Forgets the date (the render keeps the object, not what it held). */
    public void clear() {
        epochSecond = 0;
        micros = 0;
        zone = null;
    }

    /** The date as the immutable value everything else sees. */
    public ZonedDateTime toDateTime() {
        return Instant.ofEpochSecond(epochSecond, micros * 1000L).atZone(zone);
    }

    @Override
    public String toString() {
        return String.valueOf(toDateTime());
    }
}
