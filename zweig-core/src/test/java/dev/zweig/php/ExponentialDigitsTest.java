package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * printf's "%e" written digit by digit (PhpFloats.exponent/writeExponential, 128-bit integer rounding) gives the
 * same text as the exact BigDecimal path (PhpFloats.exponential) for values of every magnitude, ties and
 * precisions, and falls back to it where it cannot.
 */
class ExponentialDigitsTest {
    private static String bigDecimalPath(double d, int precision) {
        String body = PhpFloats.exponential(d, precision, 'e');
        return d < 0 ? "-" + body : body;
    }

    @Test
    void sameDigitsAsTheExactPath() {
        Random r = new Random(42);
        double[] fixedCases = {0.0, 1.0, 9.5, 0.5, 2.5, 9.9995, 9.96, 99999999.5, 123456789012.0, 1e-5, 1e-300, 1e300,
            0.000123456, 12345.678, -5.5, 0.1, 0.3, 1.0 / 3, 2.675, 1.955, 999999.5, 9.999999999999999e22,
            Math.pow(2, 62), Math.pow(2, 62) - 512, 4.35, 0.125, 1.5e-7, 7e21};
        for (double d : fixedCases) {
            for (int p = 0; p <= 20; p++) {
                assertEquals(bigDecimalPath(d, p), Sprintf.format("%." + p + "e", List.of(d)), d + " %." + p + "e");
            }
        }
        for (int i = 0; i < 20000; i++) {
            double d = switch (i % 4) {
                case 0 -> r.nextDouble() * Math.pow(10, r.nextInt(40) - 20);
                case 1 -> Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL);
                case 2 -> (r.nextInt(2000000) - 1000000) / Math.pow(10, r.nextInt(8)); // decimal ties
                default -> (r.nextInt(1000) + 0.5) * Math.pow(10, r.nextInt(10) - 5);
            };
            int p = r.nextInt(18);
            assertEquals(bigDecimalPath(d, p), Sprintf.format("%." + p + "e", List.of(d)), d + " %." + p + "e");
        }
    }
}
