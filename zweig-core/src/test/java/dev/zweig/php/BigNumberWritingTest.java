package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.alloc.AllocationMeter;
import dev.zweig.output.StringBuilderOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * BigDecimal prints as its toPlainString and BigInteger as its digits (Values' value model); {@link Values#write}
 * writes both from their digits, without a String, and exactly as the String would read.
 */
class BigNumberWritingTest {
    private static String written(Object v) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        Values.write(v, out);
        return out.toString();
    }

    @Test
    void bigDecimalsAsToPlainString() {
        String[] edges = {"0", "0.00", "-0.00", "1.50", "-1.50", "0.05", "-0.05", "12.5", "100", "1E+3", "1E-20",
            "999999999999999", "-999999999999999", "0.00000000000001", "1234567890.12345", "9999999999999999",
            "0.000000000000001", "123.4500", "-7", "3.14159265358979"};
        for (String e : edges) {
            BigDecimal bd = new BigDecimal(e);
            assertEquals(bd.toPlainString(), written(bd), e);
        }
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 100_000; i++) {
            long unscaled = r.nextLong(-1_000_000_000_000_000L, 1_000_000_000_000_000L) / (long) Math.pow(10, r.nextInt(16));
            BigDecimal bd = BigDecimal.valueOf(unscaled, r.nextInt(-3, 18));
            assertEquals(bd.toPlainString(), written(bd), () -> unscaled + " scale " + bd.scale());
        }
    }

    @Test
    void bigIntegersAsTheirDigits() {
        for (String e : new String[] {"0", "-1", "9223372036854775807", "-9223372036854775808", "123456789"}) {
            assertEquals(e, written(new BigInteger(e)));
        }
        assertEquals("9.2233720368548E+18", written(new BigInteger("9223372036854775808")));
    }

    /** Short decimals compare with ints, floats and each other as the exact BigDecimal comparison does. */
    @Test
    void shortDecimalsCompareExactly() {
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            BigDecimal a = BigDecimal.valueOf(r.nextLong(-99_999_999_999L, 99_999_999_999L), r.nextInt(-3, 12));
            Number b = switch (r.nextInt(4)) {
                case 0 -> r.nextLong(-99_999_999_999L, 99_999_999_999L);
                case 1 -> BigDecimal.valueOf(r.nextLong(-99_999_999_999L, 99_999_999_999L), r.nextInt(-3, 12));
                case 2 -> a.doubleValue() + (r.nextBoolean() ? 0 : Math.ulp(a.doubleValue()) * (r.nextInt(5) - 2));
                default -> a.longValue();
            };
            int expected = Integer.signum(PhpArithmetic.big(a).compareTo(PhpArithmetic.big(b)));
            assertEquals(expected, Integer.signum(PhpComparison.compare(a, b)), () -> a + " <=> " + b);
            assertEquals(-expected, Integer.signum(PhpComparison.compare(b, a)), () -> b + " <=> " + a);
        }
    }

    @Test
    void moneyPrintsWithoutAllocating() {
        BigDecimal[] prices = new BigDecimal[64];
        for (int i = 0; i < prices.length; i++) {
            prices[i] = BigDecimal.valueOf(i * 1234 + 99, 2);
        }
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(4096));
        double perRun = AllocationMeter.bytesPerRun(() -> {
            out.reset();
            for (BigDecimal p : prices) {
                Values.write(p, out);
            }
        }, 20_000, 2_000);
        assertEquals(prices[63].toPlainString(), out.toString().substring(out.toString().length() - 6));
        assertTrue(perRun < 16, perRun + " bytes per 64 prices");
    }
}
