package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/**
 * PHP's DATE_* format constants through {@code constant()}, as feeds and headers use them
 * ({@code date(constant('DATE_RFC7231'))}): every one PHP 8.2 defines, with the output of real Twig 3.15 on PHP 8.2.
 */
class DateFormatConstantsTest {
    private static final String[] EXPECTED = {
        "DATE_ATOM=2024-03-10T11:45:09-04:00",
        "DATE_COOKIE=Sunday, 10-Mar-2024 11:45:09 EDT",
        "DATE_ISO8601=2024-03-10T11:45:09-0400",
        "DATE_ISO8601_EXPANDED=+2024-03-10T11:45:09-04:00",
        "DATE_RFC822=Sun, 10 Mar 24 11:45:09 -0400",
        "DATE_RFC850=Sunday, 10-Mar-24 11:45:09 EDT",
        "DATE_RFC1036=Sun, 10 Mar 24 11:45:09 -0400",
        "DATE_RFC1123=Sun, 10 Mar 2024 11:45:09 -0400",
        "DATE_RFC7231=Sun, 10 Mar 2024 11:45:09 GMT", // PHP's format writes "GMT" whatever the zone
        "DATE_RFC2822=Sun, 10 Mar 2024 11:45:09 -0400",
        "DATE_RFC3339=2024-03-10T11:45:09-04:00",
        "DATE_RFC3339_EXTENDED=2024-03-10T11:45:09.250-04:00",
        "DATE_RSS=Sun, 10 Mar 2024 11:45:09 -0400",
        "DATE_W3C=2024-03-10T11:45:09-04:00",
    };

    @Test
    void everyDateConstantFormatsAsPhp() {
        StringBuilder names = new StringBuilder();
        StringBuilder want = new StringBuilder();
        for (String e : EXPECTED) {
            String name = e.substring(0, e.indexOf('='));
            names.append(names.length() == 0 ? "" : ", ").append('\'').append(name).append('\'');
            want.append(e).append('\n');
        }
        String template = "{% for c in [" + names + "] %}{{ c }}={{ '2024-03-10 15:45:09.25'|date(constant(c),"
                + " 'America/New_York') }}\n{% endfor %}";
        String out = Twig.env(Twig.templates("index.twig", template), b -> b.strictVariables(true)
                .timezone(ZoneId.of("UTC"))).render("index.twig", Twig.vars());
        assertEquals(want.toString(), out);
    }
}
