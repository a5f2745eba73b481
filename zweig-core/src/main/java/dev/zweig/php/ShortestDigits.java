package dev.zweig.php;

import dev.zweig.output.Output;
import java.math.BigInteger;

/**
 * The shortest decimal digits that read back as a double (what PHP's zend_dtoa mode 0 gives for serialize_precision
 * -1: json_encode, var_export), computed without allocating: Ulf Adams' Ryū algorithm ("Ryū: fast float-to-string
 * conversion", PLDI 2018) over 64-bit arithmetic, with its tables of 125-bit powers of five made once from
 * BigInteger when the class loads. Among the shortest decimals of the rounding interval it picks the closest to the
 * exact binary value (ties to an even last digit), the interval's ends included when the significand is even: the
 * same choice as zend_dtoa in mode 0, so 0.1 + 0.2 gives 30000000000000004 × 10^-17, 2^63 gives 9223372036854776 ×
 * 10^3 and 2^-1074 gives 5 × 10^-324.
 */
final class ShortestDigits {
    private ShortestDigits() {
    }

    private static final int POW5_INV_BITCOUNT = 125;
    private static final int POW5_BITCOUNT = 125;
    /** ceil(2^(bits(5^i) - 1 + 125) / 5^i) + (exact ? 1 : 0) as Ryū has it: low and high 64 bits of entry i. */
    private static final long[] POW5_INV_SPLIT = new long[2 * 342];
    /** 5^i as its top 125 bits: low and high 64 bits of entry i. */
    private static final long[] POW5_SPLIT = new long[2 * 326];

    static {
        BigInteger five = BigInteger.valueOf(5);
        BigInteger mask = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        for (int i = 0; i < 342; i++) {
            BigInteger pow = five.pow(i);
            int len = pow.bitLength();
            if (i < 326) {
                BigInteger v = len >= POW5_BITCOUNT ? pow.shiftRight(len - POW5_BITCOUNT)
                        : pow.shiftLeft(POW5_BITCOUNT - len);
                POW5_SPLIT[2 * i] = v.and(mask).longValue();
                POW5_SPLIT[2 * i + 1] = v.shiftRight(64).longValue();
            }
            BigInteger inv = BigInteger.ONE.shiftLeft(len - 1 + POW5_INV_BITCOUNT).divide(pow).add(BigInteger.ONE);
            POW5_INV_SPLIT[2 * i] = inv.and(mask).longValue();
            POW5_INV_SPLIT[2 * i + 1] = inv.shiftRight(64).longValue();
        }
    }

    /** ceil(log2(5^e)) for 0 < e <= 3528; 1 for e = 0. */
    private static int pow5bits(int e) {
        return (int) (((e * 1217359L) >>> 19) + 1);
    }

    /** floor(log10(2^e)) for 0 <= e <= 1650. */
    private static int log10Pow2(int e) {
        return (int) ((e * 78913L) >>> 18);
    }

    /** floor(log10(5^e)) for 0 <= e <= 2620. */
    private static int log10Pow5(int e) {
        return (int) ((e * 732923L) >>> 20);
    }

    private static boolean multipleOfPowerOf5(long value, int p) {
        int count = 0;
        while (value > 0 && value % 5 == 0) {
            value /= 5;
            count++;
        }
        return count >= p;
    }

    private static boolean multipleOfPowerOf2(long value, int p) {
        return (value & ((1L << p) - 1)) == 0;
    }

    /** (m × (hi·2^64 + lo)) >> j for 0 <= m < 2^55, hi < 2^62 and 64 < j < 128. */
    private static long mulShift(long m, long lo, long hi, int j) {
        long b0hi = Math.multiplyHigh(m, lo) + ((lo >> 63) & m); // unsigned high half of m × lo
        long b2lo = m * hi;
        long b2hi = Math.multiplyHigh(m, hi);
        long sumLo = b0hi + b2lo;
        long sumHi = b2hi + (Long.compareUnsigned(sumLo, b0hi) < 0 ? 1 : 0);
        int shift = j - 64;
        return (sumHi << (64 - shift)) | (sumLo >>> shift);
    }

    /**
     * Writes |d| (finite, not zero) as php_gcvt lays out its shortest digits with ndigit 17: E-style
     * ({@code 1.0e+25}, {@code 3.0e-5}) when the decimal exponent is below -4 or above 16, else plain
     * ({@code 0.30000000000000004}, {@code 10000000000000000}). No sign. Returns whether it wrote an integer (no
     * point and no exponent).
     */
    static boolean write(double d, char expChar, Output out) {
        return write(d, 17, expChar, false, out) == INTEGER;
    }

    /**
     * Writes |d| (finite, not zero) as PHP's echo does with precision 14 ({@link PhpNumbers#formatDouble}): its
     * exact binary value rounded to 14 significant digits, from the shortest digits, which round the same way
     * unless they stop exactly half-way (a 15-digit decimal ending in 5 between the exact value and the shortest
     * digits would itself be a shorter or closer decimal reading back as d); E-style ({@code 1.0E+25}) when the
     * decimal exponent is below -4 or above 14; a minus sign for a negative d. Returns false (nothing written)
     * for NaN, infinities, zeros and subnormals (their shortest digits may be fewer than 14 digits away from the
     * exact value) and for those half-way digits.
     */
    static boolean writePrecision14(double d, Output out) {
        if (!(Math.abs(d) >= Double.MIN_NORMAL) || Double.isInfinite(d)) {
            return false;
        }
        return write(d, 14, 'E', d < 0, out) != NOT_WRITTEN;
    }

    private static final int NOT_WRITTEN = -1;
    private static final int FRACTION = 0;
    private static final int INTEGER = 1;

    /**
     * The shortest digits of |d|, rounded to ndigit (14 or 17) digits, written as php_gcvt lays them out: INTEGER
     * or FRACTION (what it wrote), NOT_WRITTEN (half-way digits, see writePrecision14).
     */
    private static int write(double d, int ndigit, char expChar, boolean negative, Output out) {
        long bits = Double.doubleToRawLongBits(d);
        long ieeeMantissa = bits & ((1L << 52) - 1);
        int ieeeExponent = (int) ((bits >>> 52) & 0x7ff);
        int e2;
        long m2;
        if (ieeeExponent == 0) {
            e2 = 1 - 1023 - 52 - 2;
            m2 = ieeeMantissa;
        } else {
            e2 = ieeeExponent - 1023 - 52 - 2;
            m2 = ieeeMantissa | (1L << 52);
        }
        boolean acceptBounds = (m2 & 1) == 0;
        long mv = 4 * m2;
        int mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1 : 0;
        long vr;
        long vp;
        long vm;
        int e10;
        boolean vmIsTrailingZeros = false;
        boolean vrIsTrailingZeros = false;
        if (e2 >= 0) {
            int q = log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = POW5_INV_BITCOUNT + pow5bits(q) - 1;
            int i = -e2 + q + k;
            long lo = POW5_INV_SPLIT[2 * q];
            long hi = POW5_INV_SPLIT[2 * q + 1];
            vr = mulShift(mv, lo, hi, i);
            vp = mulShift(mv + 2, lo, hi, i);
            vm = mulShift(mv - 1 - mmShift, lo, hi, i);
            if (q <= 21) {
                // only one of mp, mv and mm can be a multiple of 5, if any
                if (mv % 5 == 0) {
                    vrIsTrailingZeros = multipleOfPowerOf5(mv, q);
                } else if (acceptBounds) {
                    vmIsTrailingZeros = multipleOfPowerOf5(mv - 1 - mmShift, q);
                } else {
                    vp -= multipleOfPowerOf5(mv + 2, q) ? 1 : 0;
                }
            }
        } else {
            int q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = pow5bits(i) - POW5_BITCOUNT;
            int j = q - k;
            long lo = POW5_SPLIT[2 * i];
            long hi = POW5_SPLIT[2 * i + 1];
            vr = mulShift(mv, lo, hi, j);
            vp = mulShift(mv + 2, lo, hi, j);
            vm = mulShift(mv - 1 - mmShift, lo, hi, j);
            if (q <= 1) {
                // mv = 4 × m2 has at least two trailing zero bits
                vrIsTrailingZeros = true;
                if (acceptBounds) {
                    vmIsTrailingZeros = mmShift == 1; // mm = mv - 1 - mmShift
                } else {
                    vp--; // mp = mv + 2 has at least one
                }
            } else if (q < 63) {
                vrIsTrailingZeros = multipleOfPowerOf2(mv, q);
            }
        }
        int removed = 0;
        int lastRemovedDigit = 0;
        long output;
        if (vmIsTrailingZeros || vrIsTrailingZeros) {
            // the rare general case
            while (vp / 10 > vm / 10) {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int) (vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            if (vmIsTrailingZeros) {
                while (vm % 10 == 0) {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int) (vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }
            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0) {
                lastRemovedDigit = 4; // the exact value is ...50...0: round to even
            }
            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1 : 0);
        } else {
            boolean roundUp = false;
            if (vp / 100 > vm / 100) {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }
            while (vp / 10 > vm / 10) {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }
            output = vr + (vr == vm || roundUp ? 1 : 0);
        }
        int exp = e10 + removed;
        if (ndigit < 17) {
            int n = digitCount(output);
            if (n > ndigit) {
                long scale = PhpNumbers.pow10(n - ndigit);
                long rest = output % scale;
                long half = scale / 2;
                if (rest == half) {
                    return NOT_WRITTEN; // half-way: the exact value decides (see writePrecision14)
                }
                output = output / scale + (rest > half ? 1 : 0);
                exp += n - ndigit;
            }
        }
        while (output >= 10 && output % 10 == 0) {
            output /= 10;
            exp++;
        }
        if (negative) {
            out.write('-');
        }
        return layout(output, exp, ndigit, expChar, out) ? INTEGER : FRACTION;
    }

    private static int digitCount(long v) {
        int n = 1;
        while (n < 18 && v >= PhpNumbers.pow10(n)) {
            n++;
        }
        return n;
    }

    /**
     * Writes digits × 10^exp (digits without trailing zeros, at most ndigit of them) as php_gcvt with ndigit;
     * returns whether it wrote an integer.
     */
    private static boolean layout(long digits, int exp, int ndigit, char expChar, Output out) {
        int n = digitCount(digits);
        int decpt = n + exp; // the value is 0.DIGITS × 10^decpt
        if (decpt > ndigit || decpt < -3) {
            writeDigits(digits, n, 0, 1, out);
            out.write('.');
            if (n == 1) {
                out.write('0');
            } else {
                writeDigits(digits, n, 1, n, out);
            }
            int e = decpt - 1;
            out.write(expChar);
            out.write(e < 0 ? '-' : '+');
            int a = Math.abs(e);
            if (a >= 100) {
                out.write((char) ('0' + a / 100));
            }
            if (a >= 10) {
                out.write((char) ('0' + a / 10 % 10));
            }
            out.write((char) ('0' + a % 10));
            return false;
        }
        if (decpt <= 0) {
            out.write('0');
            out.write('.');
            for (int i = decpt; i < 0; i++) {
                out.write('0');
            }
            writeDigits(digits, n, 0, n, out);
            return false;
        }
        if (n <= decpt) {
            writeDigits(digits, n, 0, n, out);
            for (int i = n; i < decpt; i++) {
                out.write('0');
            }
            return true;
        }
        writeDigits(digits, n, 0, decpt, out);
        out.write('.');
        writeDigits(digits, n, decpt, n, out);
        return false;
    }

    /** Writes digits [from, to) of the n-digit number digits, the most significant first. */
    private static void writeDigits(long digits, int n, int from, int to, Output out) {
        for (int i = from; i < to; i++) {
            out.write((char) ('0' + digits / PhpNumbers.pow10(n - 1 - i) % 10));
        }
    }
}
