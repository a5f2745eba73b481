package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.output.StringBuilderOutput;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * number_format's digits written without allocating ({@link PhpFloats#writeNumberFormat}): PHP's pre-rounding, then
 * the exact binary value's digits, grouped. The same text as PHP 8.2 for 350 doubles and decimals (ties, values
 * beyond 2^53, 2^63 and 10^20, tiny values at 18 decimals, negative decimals (0 in PHP 8.2); recorded from php in
 * php/number-format.txt), and for random values the same as the exact rounding with BigDecimal.
 */
class NumberFormatDigitsTest {
    private static String written(double d, long places, String point, String sep) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        assertTrue(PhpFloats.writeNumberFormat(d, places, point, sep, out), () -> d + " " + places);
        return out.toString();
    }

    @Test
    void writesWhatPhpWritesForRecordedValues() throws IOException {
        int n = 0;
        try (InputStream in = NumberFormatDigitsTest.class.getResourceAsStream("/php/number-format.txt")) {
            assertNotNull(in);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
                long places = Long.parseLong(f[1]);
                assertEquals(f[2], written(d, places, ".", ","), line);
                assertEquals(f[3], written(d, places, ",", "."), line);
                n++;
            }
        }
        assertTrue(n >= 350, n + " values");
    }

    /** PHP's algorithm with BigDecimal: round() as PHP, then the exact digits half to even, then the groups. */
    private static String reference(double d, int decimals) {
        double r = PhpFloats.round(d, decimals);
        String digits = new BigDecimal(Math.abs(r)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        int dot = digits.indexOf('.');
        String ip = dot < 0 ? digits : digits.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        if (r < 0 && !digits.replace("0", "").replace(".", "").isEmpty()) {
            sb.append('-');
        }
        for (int i = 0; i < ip.length(); i++) {
            sb.append(ip.charAt(i));
            int left = ip.length() - 1 - i;
            if (left > 0 && left % 3 == 0) {
                sb.append(' ');
            }
        }
        return dot < 0 ? sb.toString() : sb.append(',').append(digits, dot + 1, digits.length()).toString();
    }

    @Test
    void randomValuesAsTheExactRounding() {
        SplittableRandom r = new SplittableRandom(99);
        for (int i = 0; i < 30_000; i++) {
            int decimals = r.nextInt(0, 19);
            double d = switch (i % 3) {
                case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(-18, 38));
                case 1 -> Math.round(r.nextDouble() * 1e9) / Math.pow(10, r.nextInt(0, 9))
                        + 0.5 / Math.pow(10, decimals); // near ties
                default -> (r.nextBoolean() ? -1 : 1) * (double) r.nextLong(1, Long.MAX_VALUE)
                        * Math.scalb(1.0, r.nextInt(-70, 64));
            };
            if (Math.abs(PhpFloats.round(d, decimals)) >= 0x1p127) {
                continue;
            }
            assertEquals(reference(d, decimals), written(d, decimals, ",", " "), d + " " + decimals);
        }
    }

    @Test
    void theGeneralPathBeyondItsRange() {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        assertFalse(PhpFloats.writeNumberFormat(1.5, 19, ".", ",", out));
        assertFalse(PhpFloats.writeNumberFormat(1e40, 2, ".", ",", out));
        assertFalse(PhpFloats.writeNumberFormat(Double.NaN, 2, ".", ",", out));
        assertEquals("", out.toString());
        assertEquals("170,141,183,460,469,212,842,221,372,237,303,250,944", written(0x1p127 - 0x1p74, 0, ".", ","));
        assertEquals("1 234", written(1234, 0, ".", " "));
        assertEquals("1234567,5", written(1234567.5, 1, ",", "")); // no separator
        assertEquals("1&lt;234", written(1234, 0, ".", "&lt;")); // a separator of several characters
    }
}
