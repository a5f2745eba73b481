package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A ZonedDateTime read as Twig reads PHP's DateTime (the expectations are real Twig's, on PHP 8.2, for the same
 * dates): its properties {@code date}, {@code timezone_type}, {@code timezone}, its methods {@code format()},
 * {@code getTimestamp()}, {@code getOffset()}, {@code getTimezone()} (whose {@code name} is the zone's) and
 * {@code modify()}, with PHP's argument count; its Java members after them.
 */
class DateMembersTest {
    private static final ZonedDateTime PARIS = ZonedDateTime.of(2010, 10, 4, 15, 45, 6, 0,
            ZoneId.of("Europe/Paris"));

    @Test
    void phpPropertiesAndMethods() {
        assertEquals("2010-10-04 15:45:06.000000|3|Europe/Paris|1286199906|7200|2010|05|Europe/Paris|y|y|n",
                renderStrict("{{ d.date }}|{{ d.timezone_type }}|{{ d.timezone }}|{{ d.timestamp }}|{{ d.offset }}|"
                        + "{{ d.format('Y') }}|{{ d.modify('+1 day').format('d') }}|{{ d.getTimezone().getName() }}|"
                        + "{{ d.timezone is defined ? 'y' : 'n' }}|{{ d.format is defined ? 'y' : 'n' }}|"
                        + "{{ d.nothing is defined ? 'y' : 'n' }}", "d", PARIS));
        // the date function's result, as in Twig's functions/date fixture
        assertEquals("OK", renderStrict("{{ date().format('r') == date('now').format('r') ? 'OK' : 'KO' }}"));
        // a fixed offset: PHP's type 1 zone, named by its offset
        ZonedDateTime fixed = PARIS.withZoneSameInstant(ZoneOffset.ofHours(-5));
        assertEquals("1|-05:00|-18000|-05:00", renderStrict("{{ d.timezone_type }}|{{ d.timezone }}|{{ d.offset }}|"
                + "{{ d.getTimezone().name }}", "d", fixed));
    }

    @Test
    void modifyMakesANewDate() {
        assertEquals("05 04", renderStrict("{{ d.modify('+1 day').format('d') }} {{ d.format('d') }}", "d", PARIS));
    }

    @Test
    void phpInternalMethodsTakeTheirArgumentsExactly() {
        failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a template "
                + "(\"DateTime::getTimestamp() expects exactly 0 arguments, 1 given\") in \"index.twig\" at line 1.",
                "{{ d.getTimestamp('x') }}", "d", PARIS);
        failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a template "
                + "(\"DateTime::format() expects exactly 1 argument, 0 given\") in \"index.twig\" at line 1.",
                "{{ d.format() }}", "d", PARIS);
    }

    @Test
    void javaMembersStillRead() {
        assertEquals("2010 OCTOBER", renderStrict("{{ d.year }} {{ d.month }}", "d", PARIS));
    }

    @Test
    void aSandboxChecksThemByTheirPhpNames() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of()))
                .sandbox(SecurityPolicy.builder().allowMethods(ZonedDateTime.class, "format").build()).build();
        assertEquals("2010", env.createTemplate("{{ d.format('Y') }}").render(Map.of("d", PARIS)));
        assertThrows(TemplateException.class, () -> env.createTemplate("{{ d.timestamp }}").render(Map.of("d",
                PARIS)));
        assertThrows(TemplateException.class, () -> env.createTemplate("{{ d.timezone }}").render(Map.of("d",
                PARIS)));
    }
}
