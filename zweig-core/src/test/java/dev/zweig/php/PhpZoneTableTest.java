package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.alloc.AllocationMeter;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The zone table gives java.time's offsets and DST flags at any instant it covers, in zones old and new, with no
 * object made per look-up (also where the standard offset changes while the offset does not).
 */
class PhpZoneTableTest {
    @Test
    void offsetsAndDstAsJavaTime() {
        Random r = new Random(10);
        for (String id : new String[] {"Europe/Paris", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
            "Africa/Casablanca", "Europe/Dublin", "Pacific/Apia", "America/Sao_Paulo", "UTC", "Europe/Moscow"}) {
            ZoneId zone = ZoneId.of(id);
            PhpZoneTable table = PhpZoneTable.of(zone);
            for (int k = 0; k < 20_000; k++) {
                long t = PhpZoneTable.START + 3 * 86400
                        + (long) (r.nextDouble() * (PhpZoneTable.LIMIT - PhpZoneTable.START - 6 * 86400));
                if (k % 2 == 0) {
                    t = 1_700_000_000L + r.nextInt(1_000_000_000) - 500_000_000; // around now: dense in rules
                }
                Instant i = Instant.ofEpochSecond(t);
                assertEquals(zone.getRules().getOffset(i).getTotalSeconds(), table.offset(t), id + " at " + i);
                assertEquals(zone.getRules().isDaylightSavings(i), table.isDst(t), id + " at " + i);
            }
        }
    }

    /**
     * Every zone: the DST flag where the standard offset changes with no change of offset (Pacific/Auckland's +12:00,
     * DST until 1946; America/Indiana/Petersburg's -05:00 from 1977 to 2006, first DST, then standard time, then DST
     * again), as java.time has it.
     */
    @Test
    void dstFlagsOfEveryZoneAsJavaTime() {
        Random r = new Random(12);
        for (String id : ZoneId.getAvailableZoneIds()) {
            ZoneId zone = ZoneId.of(id);
            PhpZoneTable table = PhpZoneTable.of(zone);
            for (int k = 0; k < 2_000; k++) {
                long t = k % 2 == 0 ? -2_500_000_000L + (long) (r.nextDouble() * 5_000_000_000L)
                        : PhpZoneTable.START + 3 * 86400
                                + (long) (r.nextDouble() * (PhpZoneTable.LIMIT - PhpZoneTable.START - 6 * 86400));
                Instant i = Instant.ofEpochSecond(t);
                assertEquals(zone.getRules().isDaylightSavings(i), table.isDst(t), id + " at " + i);
            }
        }
        PhpZoneTable petersburg = PhpZoneTable.of(ZoneId.of("America/Indiana/Petersburg"));
        assertTrue(petersburg.isDst(Instant.parse("1977-07-01T00:00:00Z").getEpochSecond()));
        assertEquals(false, petersburg.isDst(Instant.parse("1988-07-19T16:29:09Z").getEpochSecond()));
        assertTrue(petersburg.isDst(Instant.parse("2006-07-01T00:00:00Z").getEpochSecond()));
    }

    /** A look-up in a period whose standard offset changes makes no object (no Instant for java.time). */
    @Test
    void aDstLookUpAllocatesNothing() {
        PhpZoneTable auckland = PhpZoneTable.of(ZoneId.of("Pacific/Auckland"));
        long[] at = {-86400, 86399, -800_000_000L, 951782400};
        boolean[] sink = new boolean[1];
        double bytes = AllocationMeter.bytesPerRun(() -> {
            for (long t : at) {
                sink[0] ^= auckland.isDst(t) ^ auckland.offset(t) > 0;
            }
        }, 20_000, 10_000);
        assertTrue(bytes < 1, bytes + " bytes per look-up");
    }
}
