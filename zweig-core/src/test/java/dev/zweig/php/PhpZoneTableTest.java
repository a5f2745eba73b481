package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The zone table gives java.time's offsets and DST flags at any instant it covers, in zones old and new. */
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
}
