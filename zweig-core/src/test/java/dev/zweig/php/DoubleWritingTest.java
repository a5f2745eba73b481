package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.output.StringBuilderOutput;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The allocation-free float printer ({@link PhpNumbers#writeDouble}, with its fast paths for integral values and
 * short decimals) writes exactly what the general rule ({@link PhpNumbers#formatDouble}, PHP's precision 14)
 * gives, for prices, random decimals, random bit patterns and the edges.
 */
class DoubleWritingTest {
    private static String written(double d) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        PhpNumbers.writeDouble(d, out);
        return out.toString();
    }

    /** Through an Output other than StringBuilderOutput (which has a path of its own for short decimals). */
    private static String writtenElsewhere(double d) {
        StringBuilder sb = new StringBuilder();
        PhpNumbers.writeDouble(d, new dev.zweig.output.AppendableOutput(sb));
        return sb.toString();
    }

    private static void same(double d) {
        assertEquals(PhpNumbers.formatDouble(d), written(d), () -> "bits " + Double.doubleToRawLongBits(d));
        assertEquals(PhpNumbers.formatDouble(d), writtenElsewhere(d), () -> "bits " + Double.doubleToRawLongBits(d));
    }

    @Test
    void edgesAsTheGeneralRule() {
        double[] edges = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 0.1 + 0.2, 1e-4, 9.9999e-5, 1e-5, 1e14, 1e14 - 1,
            99999999999999.9, 1e15, 123456789012345.0, 0.30000000000000004, 2.675, 1.005, 0.045, 1e-3, 0.001, 0.0001,
            1234.5678, 39.26, -6.91, -0.03, 492.63, 1 / 3.0, 2 / 3.0, Math.PI, Math.E, Double.MIN_VALUE,
            Double.MIN_NORMAL, Double.MAX_VALUE, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            4.35, 0.07, 9007199254740991.0, 9007199254740993.0, 4503599627370495.5, 0.49999999999999994};
        for (double d : edges) {
            same(d);
            same(-d);
        }
    }

    @Test
    void pricesAndRandomDecimalsAsTheGeneralRule() {
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            int decimals = r.nextInt(0, 9);
            long units = r.nextLong(0, 10_000_000_000L);
            double d = units / Math.pow(10, decimals);
            same(d);
            same(-d);
            same(r.nextDouble() * Math.pow(10, r.nextInt(-6, 16)));
        }
    }

    @Test
    void randomBitPatternsAsTheGeneralRule() {
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            same(Double.longBitsToDouble(r.nextLong()));
        }
    }
}
