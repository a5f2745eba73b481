package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.ScratchText;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The leading number of a text read without a String (PhpNumbers.parseLeadingNumeric with a render's boxes, used by
 * unary minus): the same value as the String path, for short decimals (one exact operation) and long ones (the
 * fallback), exponents, signs and trailing text.
 */
class NumericTextBoxedTest {
    /** Boxes only (what parseLeadingNumeric asks of a render's arena). */
    private static final ScratchArena BOXES = new ScratchArena() {
        public boolean scratch(Object[] args) {
            return false;
        }

        public List<Object> scratchList(int capacity) {
            throw new UnsupportedOperationException();
        }

        public PhpArray scratchArray(int capacity) {
            throw new UnsupportedOperationException();
        }

        public ScratchDate scratchDate() {
            throw new UnsupportedOperationException();
        }

        public PhpArray temp() {
            throw new UnsupportedOperationException();
        }

        public ScratchText textBuffer() {
            throw new UnsupportedOperationException();
        }

        public Long box(long v) {
            return v;
        }

        public Double box(double v) {
            return v;
        }
    };

    @Test
    void sameValueAsTheStringPath() {
        List<String> fixed = List.of("1.234,57", "12.75", "-40", "7 apples", "1e3", "0.1", "-0.0", "0.05", ".5", "-1.",
                "1.5e-7x", "123456789012345", "1234567890123456.7", "9007199254740993.0", "1e22", "1e23", "4.35e-22",
                "4.35e-23", " 12 ", "+3.25", "0.000000000000000000001", "00012.5000", "abc", "", "1e", "1e+");
        for (String s : fixed) {
            assertEquals(PhpNumbers.parseLeadingNumeric(s), PhpNumbers.parseLeadingNumeric(s, BOXES), s);
        }
        Random r = new Random(7);
        for (int i = 0; i < 20000; i++) {
            String s = switch (i % 3) {
                case 0 -> Double.toString(r.nextDouble() * Math.pow(10, r.nextInt(30) - 15));
                case 1 -> (r.nextInt(2000000) - 1000000) / 1000.0 + "";
                default -> r.nextInt(100000) + "." + r.nextInt(100000) + "e" + (r.nextInt(40) - 20);
            };
            assertEquals(PhpNumbers.parseLeadingNumeric(s), PhpNumbers.parseLeadingNumeric(s, BOXES), s);
        }
    }
}
