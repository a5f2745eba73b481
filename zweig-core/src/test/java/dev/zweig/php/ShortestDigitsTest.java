package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.output.StringBuilderOutput;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * PHP's shortest float text (serialize_precision -1: json_encode, var_export) written without allocating by
 * {@link PhpFloats#writeShortest} ({@link ShortestDigits}, Ryū): the same text as PHP 8.2 for 400 doubles (edges,
 * subnormals, powers of two, random bit patterns, prices; outputs recorded from php in php/shortest-floats.txt), and
 * for random doubles the shortest digits that read back, the closest of their length to the exact binary value.
 * Rounded to 14 digits ({@link ShortestDigits#writePrecision14}, PHP's echo) they give what the exact rounding gives.
 */
class ShortestDigitsTest {
    private static String shortest(double d, char expChar) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        PhpFloats.writeShortest(d, expChar, out);
        return out.toString();
    }

    @Test
    void writesWhatPhpWritesForRecordedValues() throws IOException {
        int n = 0;
        try (InputStream in = ShortestDigitsTest.class.getResourceAsStream("/php/shortest-floats.txt")) {
            assertNotNull(in);
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                double d = Double.longBitsToDouble(Long.parseUnsignedLong(f[0], 16));
                assertEquals(f[1], shortest(d, 'e'), "json_encode of " + f[0]);
                // var_export: 'E', and ".0" after an integer (JSON_PRESERVE_ZERO_FRACTION's rule)
                StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
                if (PhpFloats.writeShortest(d, 'E', out)) {
                    out.write(".0");
                }
                assertEquals(f[2], out.toString(), "var_export of " + f[0]);
                assertEquals(f[1], PhpFloats.gcvt(d, 17, 'e', true));
                n++;
            }
        }
        assertTrue(n >= 400, n + " values");
    }

    @Test
    void theEdgesOfTheNotation() {
        assertEquals("0.30000000000000004", shortest(0.1 + 0.2, 'e'));
        assertEquals("9.223372036854776e+18", shortest(0x1p63, 'e'));
        assertEquals("1.0e+20", shortest(1e20, 'e'));
        assertEquals("10000000000000000", shortest(1e16, 'e')); // 17 digits before the point: still plain
        assertEquals("1.0e+17", shortest(1e17, 'e'));
        assertEquals("0.0001", shortest(1e-4, 'e'));
        assertEquals("1.0e-5", shortest(1e-5, 'e'));
        assertEquals("5.0e-324", shortest(Double.MIN_VALUE, 'e'));
        assertEquals("1.7976931348623157E+308", shortest(Double.MAX_VALUE, 'E'));
        assertEquals("-0", shortest(-0.0, 'e'));
        assertEquals("0", shortest(0.0, 'e'));
        assertEquals("NAN", shortest(Double.NaN, 'e'));
        assertEquals("-INF", shortest(Double.NEGATIVE_INFINITY, 'e'));
    }

    @Test
    void precision14FromTheShortestDigitsAsTheExactRounding() {
        SplittableRandom r = new SplittableRandom(14);
        int written = 0;
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(-30, 30));
                default -> (r.nextLong(1, 1L << 53) + 0.5) * Math.pow(10, r.nextInt(-25, 5)); // near ties
            };
            StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
            if (ShortestDigits.writePrecision14(d, out)) {
                assertEquals(PhpNumbers.formatDouble(d), out.toString(), () -> "bits " + Double.doubleToRawLongBits(d));
                written++;
            } else {
                assertEquals("", out.toString());
            }
        }
        assertTrue(written > 190_000, written + " written"); // NaN, infinities, subnormals and exact ties excepted
    }

    @Test
    void randomDoublesGetTheShortestClosestDigitsThatReadBack() {
        SplittableRandom r = new SplittableRandom(2026);
        for (int i = 0; i < 20_000; i++) {
            double d = Math.abs(i % 2 == 0 ? Double.longBitsToDouble(r.nextLong())
                    : r.nextDouble() * Math.pow(10, r.nextInt(-20, 25)));
            if (!Double.isFinite(d) || d == 0) {
                continue;
            }
            String s = shortest(d, 'e');
            assertEquals(d, Double.parseDouble(s), s);
            BigDecimal written = new BigDecimal(s.replace("e+", "e")).stripTrailingZeros();
            int digits = written.precision();
            BigDecimal exact = new BigDecimal(d);
            // the closest decimal of that length is what was written
            assertEquals(0, exact.round(new MathContext(digits, RoundingMode.HALF_EVEN)).compareTo(written), s);
            if (digits > 1) {
                // and one digit fewer never reads back
                double shorter = exact.round(new MathContext(digits - 1, RoundingMode.HALF_EVEN)).doubleValue();
                assertNotEquals(d, shorter, s);
            }
        }
    }
}
