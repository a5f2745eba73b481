package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The date format {@code T} writes tzdata's abbreviation, as PHP does, where the JDK's name of the zone (CLDR's)
 * is another: numeric where tzdata has no letters ("+03" in Riyadh, not "AST"; "+01" in Casablanca, not "WEST"),
 * the current names where the zone's rules changed (Windhoek's "CAT", Adak's "HST"/"HDT"). Expected: real Twig's
 * output (3.15 on PHP 8.2), winter and summer 2024.
 */
class ZoneAbbreviationsTest {
    @Test
    void abbreviationsAreTzdatas() {
        List<String> zones = List.of("Africa/Casablanca", "Africa/Windhoek", "America/Adak", "Antarctica/Casey",
                "Antarctica/Troll", "Asia/Riyadh", "Asia/Baghdad", "Asia/Colombo", "Asia/Amman", "Asia/Damascus",
                "Europe/Minsk", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Asia/Dubai");
        String template = "{% for z in zones %}{{ z }}={% for d in ['2024-01-15 12:00', '2024-07-15 12:00'] %}"
                + "{{ d|date('T', z) }}{{ loop.last ? '' : '/' }}{% endfor %} {% endfor %}";
        String out = Twig.env(Twig.templates("index.twig", template), b -> b.strictVariables(true)
                .timezone(ZoneId.of("UTC"))).render("index.twig", Twig.vars("zones", zones));
        assertEquals("Africa/Casablanca=+01/+01 Africa/Windhoek=CAT/CAT America/Adak=HST/HDT Antarctica/Casey=+08/+08"
                + " Antarctica/Troll=+00/+02 Asia/Riyadh=+03/+03 Asia/Baghdad=+03/+03 Asia/Colombo=+0530/+0530"
                + " Asia/Amman=+03/+03 Asia/Damascus=+03/+03 Europe/Minsk=+03/+03 Europe/Berlin=CET/CEST"
                + " America/New_York=EST/EDT Asia/Kolkata=IST/IST Asia/Dubai=+04/+04 ", out);
    }
}
