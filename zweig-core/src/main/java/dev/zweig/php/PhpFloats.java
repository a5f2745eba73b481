package dev.zweig.php;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PHP's float-to-text conversions that the core filters need beyond plain echo (which lives in Values):
 * printf's fixed and exponential forms (zend_dtoa modes 3 and 2: the exact binary value correctly rounded, ties
 * to even), the "%g"-style form that json_encode uses with the shortest round-trip digits, and round()'s
 * half-away-from-zero rounding. Exactness comes from BigDecimal; these are not hot paths.
 */
public final class PhpFloats {
    private PhpFloats() {
    }

    /** Digits of |d| with exactly {@code precision} decimals: (3.14159, 2) gives "3.14". d must be finite. */
    public static String fixed(double d, int precision) {
        if (d == 0) {
            return precision > 0 ? "0." + "0".repeat(precision) : "0";
        }
        return new BigDecimal(Math.abs(d)).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * printf's "%e": |d| as one digit, {@code precision} decimals and an exponent without zero padding, as PHP
     * writes it: 1234.5 with precision 2 gives "1.23e+3". d must be finite.
     */
    static String exponential(double d, int precision, char expChar) {
        String digits;
        int exp;
        if (d == 0) {
            digits = "0".repeat(precision + 1);
            exp = 0;
        } else {
            BigDecimal bd = new BigDecimal(Math.abs(d)).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
            digits = bd.unscaledValue().toString();
            // unscaled may carry trailing zeros or be shorter than precision + 1 digits: normalize to exactly that many
            exp = digits.length() - 1 - bd.scale();
            if (digits.length() < precision + 1) {
                digits = digits + "0".repeat(precision + 1 - digits.length());
            } else if (digits.length() > precision + 1) {
                digits = digits.substring(0, precision + 1);
            }
        }
        StringBuilder sb = new StringBuilder(precision + 8);
        sb.append(digits.charAt(0));
        if (precision > 0) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append(expChar);
        if (exp != 0) {
            sb.append(exp < 0 ? '-' : '+').append(Math.abs(exp));
        } else {
            sb.append("+0");
        }
        return sb.toString();
    }

    /**
     * The decimal exponent printf's "%e" writes for d with precision decimals, when {@link #writeExponential} can
     * write its digits exactly without BigDecimal (at most 18 digits, |d| from 2^-60 to below 2^62),
     * else Integer.MIN_VALUE. d must be finite.
     */
    static int exponent(double d, int precision) {
        double abs = Math.abs(d);
        if (precision > 17) {
            return Integer.MIN_VALUE;
        }
        if (abs == 0) {
            return 0;
        }
        int e = (int) Math.floor(Math.log10(abs)); // an estimate: the rounded digits decide
        for (int tries = 0; tries < 4; tries++) {
            long n = scaled(abs, precision - e);
            if (n < 0) {
                return Integer.MIN_VALUE;
            }
            if (n >= PhpNumbers.pow10(precision + 1)) {
                e++;
            } else if (n < PhpNumbers.pow10(precision)) {
                e--;
            } else {
                return e;
            }
        }
        return Integer.MIN_VALUE;
    }

    /**
     * abs × 10^k rounded half to even from abs's exact binary value, for -18 <= k <= 18 (below 2^62 when k is
     * negative), else -1.
     */
    private static long scaled(double abs, int k) {
        if (k >= 0) {
            return PhpNumbers.roundScaled(abs, k);
        }
        if (k < -18 || !(abs < 0x1p62)) {
            return -1;
        }
        long ip = (long) abs;
        double frac = abs - ip; // exact: the fraction bits of abs
        long p = PhpNumbers.pow10(-k);
        long q = ip / p;
        long rem = ip % p;
        long half = p / 2;
        if (rem > half || (rem == half && (frac > 0 || (q & 1) != 0))) {
            q++;
        }
        return q;
    }

    /** The length of what {@link #writeExponential} writes (no sign). */
    static int exponentialLength(int precision, int exp) {
        int len = 1 + (precision > 0 ? 1 + precision : 0) + 2;
        for (int a = Math.abs(exp); a >= 10; a /= 10) {
            len++;
        }
        return len + 1;
    }

    /**
     * Writes |d| as printf's "%e" does ({@link #exponential}'s text) for an exponent {@link #exponent} gave: the
     * exact binary value rounded half to even to precision + 1 digits, from 128-bit integer arithmetic.
     */
    static void writeExponential(double d, int precision, int exp, char expChar, dev.zweig.output.Output out) {
        double abs = Math.abs(d);
        long n = abs == 0 ? 0 : scaled(abs, precision - exp);
        PhpNumbers.writeScaled(n, PhpNumbers.pow10(precision), out);
        out.write(expChar);
        out.write(exp < 0 ? '-' : '+');
        out.write((long) Math.abs(exp));
    }

    /**
     * PHP's php_gcvt: {@code ndigit} significant digits (or, when {@code shortest}, the shortest digits that read back
     * as d, with ndigit 17 deciding the notation), trailing zeros dropped, E-style when the exponent is below -4
     * or not below ndigit: json_encode(1e25) is "1.0e+25", json_encode(0.1) is "0.1".
     */
    public static String gcvt(double value, int ndigit, char expChar, boolean shortest) {
        if (shortest) {
            dev.zweig.output.StringBuilderOutput out = new dev.zweig.output.StringBuilderOutput(new StringBuilder(24));
            writeShortest(value, expChar, out);
            return out.toString();
        }
        if (Double.isNaN(value)) {
            return "NAN";
        }
        if (Double.isInfinite(value)) {
            return value < 0 ? "-INF" : "INF";
        }
        boolean negative = value < 0 || (value == 0 && 1 / value < 0);
        String digits;
        int decpt;
        if (value == 0) {
            digits = "0";
            decpt = 1;
        } else {
            BigDecimal bd = new BigDecimal(Math.abs(value)).round(new MathContext(ndigit, RoundingMode.HALF_EVEN));
            bd = bd.stripTrailingZeros();
            digits = bd.unscaledValue().toString();
            decpt = digits.length() - bd.scale();
        }
        StringBuilder sb = new StringBuilder(24);
        if (negative) {
            sb.append('-');
        }
        if ((decpt >= 0 && decpt > ndigit) || decpt < -3) {
            int e = decpt - 1;
            sb.append(digits.charAt(0)).append('.');
            if (digits.length() == 1) {
                sb.append('0');
            } else {
                sb.append(digits, 1, digits.length());
            }
            sb.append(expChar).append(e < 0 ? '-' : '+').append(Math.abs(e));
        } else if (decpt < 0) {
            sb.append("0.");
            for (int i = decpt; i < 0; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else {
            for (int i = 0; i < decpt; i++) {
                sb.append(i < digits.length() ? digits.charAt(i) : '0');
            }
            if (digits.length() > decpt) {
                if (decpt == 0) {
                    sb.append('0');
                }
                sb.append('.').append(digits, decpt, digits.length());
            }
        }
        return sb.toString();
    }

    /**
     * Writes {@link #gcvt gcvt(value, 17, expChar, true)} (PHP's serialize_precision -1: json_encode, var_export)
     * without allocating: the shortest digits from {@link ShortestDigits}. Returns whether the text is an integer
     * (no point, no exponent, not INF or NAN), to which json_encode's JSON_PRESERVE_ZERO_FRACTION adds ".0".
     */
    public static boolean writeShortest(double value, char expChar, dev.zweig.output.Output out) {
        if (Double.isNaN(value)) {
            out.write("NAN");
            return false;
        }
        if (Double.isInfinite(value)) {
            out.write(value < 0 ? "-INF" : "INF");
            return false;
        }
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            out.write('-');
        }
        if (value == 0) {
            out.write('0');
            return true;
        }
        return ShortestDigits.write(value, expChar, out);
    }

    /**
     * PHP 8.2's number_format(d, places, point, sep) for a finite d and places up to 18, written without
     * allocating: d rounded as PHP's _php_math_round does ({@link #round}) to max(0, places) decimals (PHP 8.2
     * clamps negative places to 0 before it rounds), then printf's "%.*F" of it (the exact binary value rounded
     * half to even), the integer digits grouped by three with sep, no minus sign when every digit is zero. Returns
     * false (nothing written) where that needs the general path: more decimals, or an integer part of 2^127 or
     * more.
     */
    public static boolean writeNumberFormat(double d, long places, CharSequence point, CharSequence sep,
            dev.zweig.output.Output out) {
        if (places > 18 || !Double.isFinite(d)) {
            return false;
        }
        int decimals = (int) Math.max(0, places);
        double r = round(d, decimals);
        double abs = Math.abs(r);
        if (abs < 0x1p63) {
            long ip = (long) abs;
            double f = abs - ip; // exact: the fraction bits of abs, 0 or at least 2^-60 here (see below)
            // after PHP's rounding to at most 18 places, abs below 1 is 0 or at least about 10^-18 > 2^-60; from 1
            // up, f is 0 or a multiple of abs's ulp, at least 2^-52
            // (with no decimals a tie goes to the even integer part)
            long n = f == 0 ? 0 : decimals == 0 ? (f > 0.5 || f == 0.5 && (ip & 1) != 0 ? 1 : 0)
                    : PhpNumbers.roundScaled(f, decimals);
            if (n < 0) {
                return false;
            }
            long scale = PhpNumbers.pow10(decimals);
            if (n >= scale) {
                ip++; // the fraction rounded up to one
                n -= scale;
            }
            if (r < 0 && (ip != 0 || n != 0)) {
                out.write('-');
            }
            writeGrouped(0, ip, sep, out);
            if (decimals > 0) {
                out.write(point, 0, point.length());
                for (long z = scale / 10; z > n && z > 1; z /= 10) {
                    out.write('0');
                }
                out.write(n);
            }
            return true;
        }
        if (!(abs < 0x1p127)) {
            return false;
        }
        // an integer (every double from 2^53 up is one): m × 2^e as 128 bits, its decimal digits exact
        long bits = Double.doubleToRawLongBits(abs);
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int e = (int) (bits >>> 52) - 1075; // 11 <= e <= 74
        long hi = e >= 64 ? m << (e - 64) : m >>> (64 - e);
        long lo = e >= 64 ? 0 : m << e;
        if (r < 0) {
            out.write('-');
        }
        writeGrouped(hi, lo, sep, out);
        if (decimals > 0) {
            out.write(point, 0, point.length());
            for (int i = 0; i < decimals; i++) {
                out.write('0');
            }
        }
        return true;
    }

    private static final long BILLION = 1_000_000_000L;

    /**
     * The decimal digits of the unsigned 128-bit hi·2^64 + lo, grouped by three with sep, from its base-10^9 digits
     * (at most five, 2^128 < 10^39) worked out in 32-bit limbs.
     */
    private static void writeGrouped(long hi, long lo, CharSequence sep, dev.zweig.output.Output out) {
        long l3 = hi >>> 32;
        long l2 = hi & 0xFFFFFFFFL;
        long l1 = lo >>> 32;
        long l0 = lo & 0xFFFFFFFFL;
        long c0 = 0;
        long c1 = 0;
        long c2 = 0;
        long c3 = 0;
        long c4 = 0;
        for (int k = 0; k < 5; k++) {
            // (l3 l2 l1 l0) / 10^9, limb by limb: each partial dividend is below 10^9 × 2^32 < 2^62
            long x = l3;
            l3 = x / BILLION;
            x = ((x % BILLION) << 32) | l2;
            l2 = x / BILLION;
            x = ((x % BILLION) << 32) | l1;
            l1 = x / BILLION;
            x = ((x % BILLION) << 32) | l0;
            l0 = x / BILLION;
            long rem = x % BILLION;
            switch (k) {
                case 0 -> c0 = rem;
                case 1 -> c1 = rem;
                case 2 -> c2 = rem;
                case 3 -> c3 = rem;
                default -> c4 = rem;
            }
        }
        int top = c4 != 0 ? 4 : c3 != 0 ? 3 : c2 != 0 ? 2 : c1 != 0 ? 1 : 0;
        int len = 1;
        for (long t = top == 4 ? c4 : top == 3 ? c3 : top == 2 ? c2 : top == 1 ? c1 : c0; t >= 10; t /= 10) {
            len++;
        }
        int digits = len + 9 * top; // how many digits are left to write
        for (int k = top; k >= 0; k--) {
            long c = k == 4 ? c4 : k == 3 ? c3 : k == 2 ? c2 : k == 1 ? c1 : c0;
            for (long p = k == top ? PhpNumbers.pow10(len - 1) : BILLION / 10; p > 0; p /= 10) {
                out.write((char) ('0' + c / p % 10));
                digits--;
                if (digits > 0 && digits % 3 == 0 && sep.length() > 0) {
                    out.write(sep, 0, sep.length());
                }
            }
        }
    }

    /**
     * PHP round($value, $places) (and number_format's rounding), as PHP 8.2's _php_math_round computes it: half
     * away from zero after pre-rounding the value to the 15 significant digits a double guarantees, so
     * round(1.005, 2) is 1.01 and round(100.49999999999999) (1.005 * 100) is 101, although both binary values lie
     * just below the half.
     */
    public static double round(double value, long places) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        int p = (int) Math.max(Integer.MIN_VALUE + 1, Math.min(Integer.MAX_VALUE, places));
        int precisionPlaces = 14 - (int) Math.floor(Math.log10(Math.abs(value)));
        double f1 = intpow10(Math.abs(p));
        double tmp;
        if (precisionPlaces > p && precisionPlaces - 15 < p) {
            int usePrecision = Math.max(precisionPlaces, -4 * 15);
            // pre-round to the precision (something * 1e14, never beyond 1e15), then scale to the places asked
            tmp = roundHelper(usePrecision >= 0 ? value * intpow10(usePrecision) : value / intpow10(-usePrecision));
            int back = Math.max(-4 * 15, p - usePrecision);
            tmp = tmp / intpow10(Math.abs(back));
        } else {
            tmp = p >= 0 ? value * f1 : value / f1;
            if (Math.abs(tmp) >= 1e15) {
                return value; // beyond the precision: rounding is pointless
            }
        }
        tmp = roundHelper(tmp);
        if (Math.abs(p) < 23) {
            tmp = p > 0 ? tmp / f1 : tmp * f1;
        } else {
            // PHP goes through snprintf("%15fe%d", tmp, -places) and strtod here (its printf writes -0.0 as "0")
            double r = Double.parseDouble(new BigDecimal(tmp).setScale(6, RoundingMode.HALF_EVEN).toPlainString()
                    + "e" + (-(long) p));
            tmp = Double.isFinite(r) ? r : value;
        }
        return tmp;
    }

    /** php_round_helper for PHP_ROUND_HALF_UP. */
    private static double roundHelper(double v) {
        return v >= 0.0 ? Math.floor(v + 0.5) : Math.ceil(v - 0.5);
    }

    private static final double[] POWERS = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    /** php_intpow10: exact powers of ten from the table, pow() beyond it. */
    private static double intpow10(int power) {
        return power < 0 || power > 22 ? Math.pow(10.0, power) : POWERS[power];
    }
}
