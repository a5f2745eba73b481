package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.time.Period;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The defaults of the date and number_format filters set on the builder, as Twig's
 * {@code CoreExtension::setDateFormat()} and {@code setNumberFormat()} set them (Twig's date_default_format and
 * number_format_default fixtures): a template that gives a format or an argument still has its way.
 */
class CoreFormatsTest {
    @Test
    void dateFormats() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of())).dateFormat("Y-m-d", "%d days %h hours")
                .build();
        assertEquals("2010-10-04 04/10/2010 2 days 0 hours 2 days", env.createTemplate("{{ t|date }} "
                + "{{ t|date('d/m/Y') }} {{ i|date }} {{ i|date('%d days') }}").render(Map.of("t", 1286199900L, "i",
                        Period.ofDays(2))));
    }

    @Test
    void numberFormats() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of())).numberFormat(2, "!", "=").build();
        assertEquals("20!00 20!3 1=020,25 1.020,25 1=020!25", env.createTemplate("{{ 20|number_format }} "
                + "{{ 20.25|number_format(1) }} {{ 1020.25|number_format(2, ',') }} "
                + "{{ 1020.25|number_format(2, ',', '.') }} {% set x = 1020.25|number_format %}{{ x }}")
                .render(Map.of()));
        // Twig's defaults otherwise
        assertEquals("1,020", Environment.builder().loader(new MapLoader(Map.of())).build()
                .createTemplate("{{ 1020.25|number_format }}").render(Map.of()));
    }
}
