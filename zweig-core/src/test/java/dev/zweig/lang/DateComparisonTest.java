package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** Dates compare as PHP compares DateTime objects: by the instant, whatever their zones (real Twig's output). */
class DateComparisonTest {
    private static final String CMP = "{{ a == b ? 'eq' : 'ne' }} {{ a > b ? 'gt' : 'ngt' }} {{ a < b ? 'lt' : 'nlt' }}"
            + " {{ a <=> b }}";

    @Test
    void theSameInstantInTwoZonesIsEqual() {
        // Twig: date(ts, 'Europe/Paris') == date(ts) is true, and neither is greater
        assertEquals("eq ngt nlt 0", render("{% set a = date(1700000000, 'Europe/Paris') %}{% set b = date(1700000000) %}"
                + CMP));
        ZonedDateTime paris = ZonedDateTime.ofInstant(Instant.ofEpochSecond(1_700_000_000L), ZoneId.of("Europe/Paris"));
        OffsetDateTime utc = OffsetDateTime.ofInstant(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);
        assertEquals("eq ngt nlt 0", render(CMP, "a", paris, "b", utc));
    }

    @Test
    void laterInstantsAreGreaterEvenWhenTheirLocalTimeIsEarlier() {
        // 10:00 in New York is later than 12:00 in Paris the same day
        ZonedDateTime ny = ZonedDateTime.of(2024, 3, 1, 10, 0, 0, 0, ZoneId.of("America/New_York"));
        ZonedDateTime paris = ZonedDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris"));
        assertEquals("ne gt nlt 1", render(CMP, "a", ny, "b", paris));
        assertEquals("ne ngt lt -1", render(CMP, "a", paris, "b", Instant.from(ny)));
        // nanoseconds count
        assertEquals("ne ngt lt -1", render(CMP, "a", paris, "b", paris.plusNanos(1)));
    }
}
