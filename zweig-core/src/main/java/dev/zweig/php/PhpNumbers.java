package dev.zweig.php;

import dev.zweig.output.Output;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PHP 8's number text: numeric strings (what {@code is_numeric} accepts, and the leading-numeric prefix that
 * arithmetic and casts read) and float to string with {@code precision = 14} (what {@code echo} prints).
 *
 * <p>Both are hand-written scanners, not regular expressions: they run for every comparison of a string with a
 * number and for every float a template prints.
 */
public final class PhpNumbers {
    private PhpNumbers() {
    }

    private static final MathContext PRECISION_14 = new MathContext(14, RoundingMode.HALF_EVEN);

    // ---- numeric strings ----------------------------------------------------------------------------------

    /** PHP's whitespace for numeric strings: space, \t, \n, \r, \v, \f (leading, and trailing since PHP 8). */
    static boolean isNumericWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /** {@link #numericKind}: not a number. */
    public static final int NOT_NUMERIC = 0;
    /** {@link #numericKind}: an integer that fits a long ({@link #integerValue}). */
    public static final int INTEGER = 1;
    /** {@link #numericKind}: a float, or an integer too large for a long ({@link #floatValue}). */
    public static final int FLOAT = 2;

    /**
     * The value of a numeric string ({@code "12"}, {@code " 1.5 "}, {@code "1e3"}, {@code ".5"}, {@code "-1."}):
     * a Long when it is an integer that fits, else a Double; null when s is not numeric (hex, "inf", "", "1 a").
     */
    public static Number parseNumeric(CharSequence s) {
        return parse(s, false);
    }

    /**
     * The value of the numeric prefix of s, as PHP arithmetic and casts read it ("5 apples" → 5, "1.5e3x" →
     * 1500.0, "0x1A" → 0); null when s does not start with a number ("abc", "", " ").
     */
    public static Number parseLeadingNumeric(CharSequence s) {
        return parse(s, true);
    }

    /**
     * {@link #parseLeadingNumeric(CharSequence)} read in place, its number boxed by the render's box cache (no String,
     * no new box for common values).
     */
    public static Number parseLeadingNumeric(CharSequence s, dev.zweig.runtime.ScratchArena boxes) {
        long scanned = scan(s, true);
        int kind = (int) (scanned & 3);
        if (kind == INTEGER) {
            return boxes.box(integerValue(s)); // (not a conditional expression: it would widen the Long to double)
        }
        return kind == FLOAT ? boxes.box(floatValue(s, scanned)) : null; // s scanned once
    }

    /** Whether s is a PHP numeric string (is_numeric). */
    public static boolean isNumeric(CharSequence s) {
        return numericKind(s, false) != NOT_NUMERIC;
    }

    /**
     * What s holds as a number, without building anything: {@link #NOT_NUMERIC}, {@link #INTEGER} or
     * {@link #FLOAT}; the whole of s (a numeric string), or its numeric prefix when leading (as arithmetic reads
     * it). Its value is then {@link #integerValue} or {@link #floatValue}.
     */
    public static int numericKind(CharSequence s, boolean leading) {
        return (int) (scan(s, leading) & 3);
    }

    /** The value of s, whose {@link #numericKind} is {@link #INTEGER} (its leading integer). */
    public static long integerValue(CharSequence s) {
        int n = s.length();
        int i = 0;
        while (i < n && isNumericWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        long v = 0;
        for (; i < n && isDigit(s.charAt(i)); i++) {
            v = v * 10 - (s.charAt(i) - '0'); // negatively, so that Long.MIN_VALUE fits
        }
        return negative ? v : -v;
    }

    /**
     * The value of the number s holds (or starts with), as a double, whatever its {@link #numericKind} (0 when
     * none). Decimals of up to 18 significant digits and a power of ten up to 22, and integers below 2^64 (a
     * 19- or 20-digit string beyond a long, which PHP reads as a float), are read exactly with no String (one
     * correctly rounded conversion, multiplication or division, as {@link Double#parseDouble} would round); the
     * rest go through Double.parseDouble.
     */
    public static double floatValue(CharSequence s) {
        return floatValue(s, scan(s, true));
    }

    /** {@link #floatValue(CharSequence)} of s once {@link #scan} (leading) has told what it holds. */
    private static double floatValue(CharSequence s, long scanned) {
        if ((scanned & 3) == NOT_NUMERIC) {
            return 0;
        }
        int end = (int) (scanned >>> 2);
        int i = 0;
        while (isNumericWhitespace(s.charAt(i))) {
            i++;
        }
        int start = i;
        boolean negative = s.charAt(i) == '-';
        if (negative || s.charAt(i) == '+') {
            i++;
        }
        long m = 0;
        int significant = 0;
        int scale = 0; // digits after the point
        boolean point = false;
        for (; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                point = true;
                continue;
            }
            if (!isDigit(c)) {
                break;
            }
            if (point) {
                scale++;
            }
            if (m != 0 || c != '0') {
                // up to 20 digits as an unsigned long (below 2^64), more through Double.parseDouble
                if (++significant > 20 || significant > 18 && (point || Long.compareUnsigned(m, MAX_TENTH) > 0
                        || Long.compareUnsigned(m * 10, -1L - (c - '0')) > 0)) {
                    return Double.parseDouble(s.subSequence(start, end).toString());
                }
                m = m * 10 + (c - '0');
            }
        }
        int exp = 0;
        if (i < end) { // e or E, a sign, digits: scan saw them
            i++;
            boolean negExp = s.charAt(i) == '-';
            if (negExp || s.charAt(i) == '+') {
                i++;
            }
            for (; i < end && exp < 100_000; i++) {
                exp = exp * 10 + (s.charAt(i) - '0');
            }
            exp = negExp ? -exp : exp;
        }
        int e10 = exp - scale;
        double v;
        if (m == 0) {
            v = 0;
        } else if (e10 == 0 && (m < 0 || m >= (1L << 53))) {
            // an integer beyond 2^53 (below 2^64, unsigned): converted with one rounding to nearest (an unsigned
            // one halved, its lowest bit kept as a sticky bit so that the rounding stays right, then doubled)
            v = m >= 0 ? (double) m : (double) ((m >>> 1) | (m & 1)) * 2.0;
        } else if (m < 0) {
            return Double.parseDouble(s.subSequence(start, end).toString());
        } else if (m < (1L << 53) && e10 >= 0 && e10 < EXACT_POW10.length) {
            v = m * EXACT_POW10[e10];
        } else if (m < (1L << 53) && e10 < 0 && -e10 < EXACT_POW10.length) {
            v = m / EXACT_POW10[-e10];
        } else if (e10 + significant > 310) {
            v = Double.POSITIVE_INFINITY; // at least 10^310
        } else if (e10 + significant < -325) {
            v = 0; // below 10^-325, under half the least double
        } else {
            return Double.parseDouble(s.subSequence(start, end).toString());
        }
        return negative ? -v : v;
    }

    /** The largest unsigned long that can be multiplied by ten without overflowing (2^64 - 1) / 10. */
    private static final long MAX_TENTH = Long.divideUnsigned(-1L, 10);

    /** The powers of ten a double holds exactly. */
    private static final double[] EXACT_POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private static Number parse(CharSequence s, boolean allowTrailing) {
        int kind = numericKind(s, allowTrailing);
        if (kind == NOT_NUMERIC) {
            return null;
        }
        return kind == INTEGER ? (Number) integerValue(s) : (Number) floatValue(s);
    }

    /**
     * Scans s for a numeric string (or its numeric prefix when allowTrailing): the kind in the low two bits, the
     * end of the number (before trailing whitespace) above them.
     */
    private static long scan(CharSequence s, boolean allowTrailing) {
        int n = s.length();
        int i = 0;
        while (i < n && isNumericWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int intStart = i;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        int intEnd = i;
        boolean isDouble = false;
        if (i < n && s.charAt(i) == '.') {
            int j = i + 1;
            while (j < n && isDigit(s.charAt(j))) {
                j++;
            }
            if (intEnd > intStart || j > i + 1) {
                isDouble = true;
                i = j;
            }
        }
        if (intEnd == intStart && !isDouble) {
            return NOT_NUMERIC; // no digits at all
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < n && (s.charAt(j) == '-' || s.charAt(j) == '+')) {
                j++;
            }
            if (j < n && isDigit(s.charAt(j))) {
                while (j < n && isDigit(s.charAt(j))) {
                    j++;
                }
                isDouble = true;
                i = j;
            }
        }
        int end = i;
        while (i < n && isNumericWhitespace(s.charAt(i))) {
            i++;
        }
        if (i < n && !allowTrailing) {
            return NOT_NUMERIC;
        }
        if (!isDouble) {
            long v = 0;
            for (int k = intStart; k < intEnd; k++) {
                int d = s.charAt(k) - '0';
                // accumulate negatively so that Long.MIN_VALUE fits
                if (v < (Long.MIN_VALUE + d) / 10) {
                    return ((long) end << 2) | FLOAT; // beyond a long: a float
                }
                v = v * 10 - d;
            }
            if (!negative && v == Long.MIN_VALUE) {
                return ((long) end << 2) | FLOAT;
            }
            return ((long) end << 2) | INTEGER;
        }
        return ((long) end << 2) | FLOAT;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- float to string --------------------------------------------------------------------------------------

    /**
     * PHP's float to string with precision 14 (echo, string casts, concatenation): at most 14 significant digits,
     * trailing zeros dropped; exponent form {@code d.dddE+X} when the decimal exponent is below -4 or at least 15
     * ({@code 1.0E+15}, {@code 1.5E-7}); "INF", "-INF", "NAN"; negative zero prints "-0".
     */
    public static String formatDouble(double d) {
        if (d != d) {
            return "NAN";
        }
        if (d == Double.POSITIVE_INFINITY) {
            return "INF";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-INF";
        }
        if (d == 0) {
            return (Double.doubleToRawLongBits(d) < 0) ? "-0" : "0";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e14) {
            return Long.toString((long) d);
        }
        double abs = Math.abs(d);
        String digits;
        int decpt; // the value is 0.DIGITS × 10^decpt
        String shortest = Double.toString(abs);
        int ePos = shortest.indexOf('E');
        String mantissa = ePos < 0 ? shortest : shortest.substring(0, ePos);
        int exp = ePos < 0 ? 0 : Integer.parseInt(shortest.substring(ePos + 1));
        int dot = mantissa.indexOf('.');
        String allDigits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int lead = 0;
        while (lead < allDigits.length() - 1 && allDigits.charAt(lead) == '0') {
            lead++;
        }
        int trail = allDigits.length();
        while (trail > lead + 1 && allDigits.charAt(trail - 1) == '0') {
            trail--;
        }
        if (trail - lead <= 14 && abs >= Double.MIN_NORMAL) {
            // Any decimal that reads back as a normal d is within half an ulp (2^-53, relative) of it, far closer
            // than the 14-digit grid: rounding the exact binary value to 14 digits gives this same short decimal.
            // Subnormals have fewer bits, so they take the exact path.
            digits = allDigits.substring(lead, trail);
            decpt = dot - lead + exp;
        } else {
            BigDecimal rounded = new BigDecimal(abs).round(PRECISION_14).stripTrailingZeros();
            digits = rounded.unscaledValue().toString();
            decpt = digits.length() - rounded.scale();
        }
        StringBuilder sb = new StringBuilder(24);
        if (d < 0) {
            sb.append('-');
        }
        if (decpt < -3 || decpt > 14) {
            sb.append(digits.charAt(0)).append('.');
            if (digits.length() == 1) {
                sb.append('0');
            } else {
                sb.append(digits, 1, digits.length());
            }
            int e = decpt - 1;
            sb.append('E').append(e < 0 ? '-' : '+').append(Math.abs(e));
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int k = decpt; k < 0; k++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (digits.length() <= decpt) {
            sb.append(digits);
            for (int k = digits.length(); k < decpt; k++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /** Writes {@link #formatDouble(double)} of d; integral values below 1e14 go out as digits with no String. */
    public static void writeDouble(double d, Output out) {
        // (an integral test by a cast: Math.rint is no intrinsic on Java 17 and cost a fifth of a table of prices)
        if (Math.abs(d) < 1e14 && d == (double) (long) d && (d != 0 || Double.doubleToRawLongBits(d) == 0)) {
            out.write((long) d);
        } else if (!writeShortDecimal(d, out) && !writeFourteenDigits(d, out) && !writeExponent(d, out)
                && !ShortestDigits.writePrecision14(d, out)) {
            out.write(formatDouble(d));
        }
    }

    /**
     * Allocation-free form of {@link #formatDouble} for the exponent form ({@code 1.5E+20}, {@code 9.2233720368548E+18},
     * {@code 1.5E-7}): the 14 significant digits of d, from its shortest decimal when that has at most 14 digits
     * and reads back exactly with one multiplication or division by a power of ten, or by exact integer division
     * when |d| is below 2^64. Returns false (nothing written) when d is not in exponent form or needs the general
     * path.
     */
    static boolean writeExponent(double d, Output out) {
        double abs = Math.abs(d);
        if (!(abs < 1e-4 && abs > 0 || abs >= 1e14 && abs < Double.POSITIVE_INFINITY)) {
            return false;
        }
        int decpt = (int) Math.floor(Math.log10(abs)) + 1; // abs = 0.DIGITS × 10^decpt, adjusted exactly below
        if (decpt > 0 && decpt <= EXACT_POW10.length) {
            while (decpt > 1 && abs < EXACT_POW10[decpt - 1]) {
                decpt--;
            }
            while (decpt < EXACT_POW10.length && abs >= EXACT_POW10[decpt]) {
                decpt++;
            }
        }
        long n = -1;
        for (int k = 1; k <= 14 && n < 0; k++) {
            int p = decpt - k; // abs ≈ D × 10^p with D of k digits
            // beyond 10^22, D × 10^(p - 22) is still exact while below 2^53: then one multiplication by 10^22
            int q = p > 22 ? p - 22 : 0;
            if (p < -22 || q + k > 15) {
                continue;
            }
            double scaled = p >= 0 ? abs / EXACT_POW10[p - q] / EXACT_POW10[q] : abs * EXACT_POW10[-p];
            long m = (long) Math.rint(scaled);
            if (m >= LPOW10[k - 1] && m < LPOW10[k] && (m * LPOW10[q]) < (1L << 53)
                    && (p >= 0 ? (m * LPOW10[q]) * EXACT_POW10[p - q] : m / EXACT_POW10[-p]) == abs) {
                if (k > 1 && m % 10 == 0) {
                    return false; // would have been found with fewer digits: the general path, to be safe
                }
                n = m;
            }
        }
        if (n < 0 && abs < 0x1p64 && decpt >= 15 && decpt <= 20) {
            n = divideRounded(abs, LPOW10[decpt - 14 <= 14 ? decpt - 14 : 0], decpt - 14);
            if (n >= LPOW10[14]) {
                n /= 10; // rounded up to 10^14: one digit more (its last one a zero)
                decpt++;
            }
        }
        if (n <= 0) {
            return false;
        }
        while (n % 10 == 0 && n >= 10) {
            n /= 10;
        }
        int digits = 1;
        for (long x = n / 10; x > 0; x /= 10) {
            digits++;
        }
        if (d < 0) {
            out.write('-');
        }
        long scale = LPOW10[digits - 1];
        out.write(n / scale);
        out.write('.');
        if (digits == 1) {
            out.write('0');
        } else {
            long frac = n % scale;
            for (long q = scale / 10; q > frac && q > 1; q /= 10) {
                out.write('0');
            }
            out.write(frac);
        }
        int e = decpt - 1;
        out.write('E');
        out.write(e < 0 ? '-' : '+');
        out.write(Math.abs(e));
        return true;
    }

    /**
     * abs / 10^j rounded half to even, exactly, for 1e14 <= abs < 2^64 and 1 <= j <= 6 (t = 10^j): abs is m × 2^e
     * with e >= -6 there, an integer below 2^64 or m over a small power of two.
     */
    private static long divideRounded(double abs, long t, int j) {
        if (j < 1 || j > 6) {
            return -1;
        }
        long bits = Double.doubleToRawLongBits(abs);
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int e = (int) (bits >>> 52) - 1075; // abs = m × 2^e
        long num;
        long den;
        if (e >= 0) {
            num = m << e; // below 2^64: unsigned
            den = t;
        } else {
            num = m;
            den = t << -e;
        }
        long q = Long.divideUnsigned(num, den);
        long r = Long.remainderUnsigned(num, den);
        long twice = r << 1; // r < den <= 10^6 × 2^6: no overflow
        if (twice > den || twice == den && (q & 1) != 0) {
            q++;
        }
        return q;
    }

    /**
     * Allocation-free form of {@link #formatDouble} for a plain decimal that needs rounding to 14 significant
     * digits (1/7, 0.1 + 0.2): the exact binary value m·2^-s times 10^k, in 128-bit integer arithmetic, rounded
     * half to even as the BigDecimal path does. Returns false (nothing written) outside 1e-4 ≤ |d| < 1e14.
     */
    static boolean writeFourteenDigits(double d, Output out) {
        double abs = Math.abs(d);
        if (!(abs >= 1e-4 && abs < 1e14)) {
            return false;
        }
        int decpt = 0; // abs = 0.DIGITS × 10^decpt
        if (abs >= 1) {
            while (abs >= POW10[decpt]) {
                decpt++;
            }
        } else {
            while (decpt > -3 && abs < NEG_POW10[1 - decpt]) {
                decpt--;
            }
        }
        long n = roundScaled(abs, 14 - decpt);
        if (n < 0) {
            return false;
        }
        if (n >= LPOW10[14]) {
            n /= 10;
            decpt++;
        }
        if (decpt > 14) {
            return false;
        }
        int digits = 14;
        while (n % 10 == 0) {
            n /= 10;
            digits--;
        }
        if (d < 0) {
            out.write('-');
        }
        if (decpt <= 0) {
            out.write('0');
            out.write('.');
            for (int z = decpt; z < 0; z++) {
                out.write('0');
            }
            out.write(n);
        } else if (digits <= decpt) {
            out.write(n);
            for (int z = digits; z < decpt; z++) {
                out.write('0');
            }
        } else {
            writeScaled(n, LPOW10[digits - decpt], out);
        }
        return true;
    }

    /** Writes n / scale (scale a power of ten): the integer part, then the fraction with its leading zeros. */
    static void writeScaled(long n, long scale, Output out) {
        out.write(n / scale);
        if (scale > 1) {
            out.write('.');
            long frac = n % scale;
            for (long p = scale / 10; p > frac && p > 1; p /= 10) {
                out.write('0');
            }
            out.write(frac);
        }
    }

    /** 10^k for 0 <= k <= 18. */
    static long pow10(int k) {
        return k <= 14 ? LPOW10[k] : LPOW10[14] * LPOW10[k - 14];
    }

    private static final double[] NEG_POW10 = {1, 1e-1, 1e-2, 1e-3};

    /**
     * abs × 10^k rounded half to even, computed exactly from abs's binary value (as BigDecimal would), for
     * 0 <= k <= 18 and 2^-60 <= abs: -1 when the result would not fit a long or abs is outside that range.
     */
    static long roundScaled(double abs, int k) {
        if (!(abs >= 0x1p-60) || k < 0 || k > 18) {
            return -1;
        }
        long bits = Double.doubleToRawLongBits(abs);
        long m = (bits & ((1L << 52) - 1)) | (1L << 52);
        int s = 1075 - (int) (bits >>> 52); // abs = m × 2^-s
        long t = pow10(k);
        if (s <= 0) {
            // an integer: exact when it and the product fit
            if (s < -10 || abs >= 0x1p62) {
                return -1;
            }
            long v = m << -s;
            long hi = Math.multiplyHigh(v, t);
            long lo = v * t;
            return hi != 0 || lo < 0 ? -1 : lo;
        }
        long hi = Math.multiplyHigh(m, t);
        long lo = m * t;
        long n;
        int cmp; // the dropped bits against one half
        if (s < 64) {
            if ((hi >>> s) != 0 || ((hi << (64 - s)) < 0)) {
                return -1; // the quotient needs 64 bits or more
            }
            n = (hi << (64 - s)) | (lo >>> s);
            long rem = lo & ((1L << s) - 1);
            cmp = Long.compare(rem, 1L << (s - 1));
        } else if (s == 64) {
            n = hi;
            cmp = Long.compareUnsigned(lo, 1L << 63);
        } else if (s < 128) {
            n = hi >>> (s - 64);
            long remHi = hi & ((1L << (s - 64)) - 1);
            long halfHi = 1L << (s - 65);
            cmp = remHi != halfHi ? Long.compare(remHi, halfHi) : (lo == 0 ? 0 : 1);
        } else {
            return -1;
        }
        if (cmp > 0 || (cmp == 0 && (n & 1) != 0)) {
            n++;
        }
        return n < 0 ? -1 : n;
    }

    /**
     * Writes |d| with exactly {@code decimals} decimals, the exact binary value rounded half to even (printf's
     * "%.Nf" digits, no sign): false (nothing written) when that needs the general path (huge, tiny, many
     * decimals).
     */
    public static boolean writeFixed(double d, int decimals, Output out) {
        double abs = Math.abs(d);
        long n = abs == 0 ? 0 : roundScaled(abs, decimals);
        if (n < 0) {
            return false;
        }
        writeScaled(n, pow10(decimals), out);
        return true;
    }

    /** Whether {@link #writeFixed} writes d with that many decimals (d finite). */
    public static boolean canWriteFixed(double d, int decimals) {
        return decimals >= 0 && decimals <= 18 && (d == 0 || roundScaled(Math.abs(d), decimals) >= 0);
    }

    /** The number of characters {@link #writeFixed} writes for |d| (call only when it returns true). */
    public static int fixedLength(double d, int decimals) {
        double abs = Math.abs(d);
        long n = abs == 0 ? 0 : roundScaled(abs, decimals);
        int digits = 1;
        for (long x = n / pow10(decimals) / 10; x > 0; x /= 10) {
            digits++;
        }
        return decimals > 0 ? digits + 1 + decimals : digits;
    }

    private static final double[] POW10 = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13,
        1e14};
    private static final long[] LPOW10 = {1L, 10L, 100L, 1000L, 10000L, 100000L, 1000000L, 10000000L, 100000000L,
        1000000000L, 10000000000L, 100000000000L, 1000000000000L, 10000000000000L, 100000000000000L};

    /**
     * Allocation-free form of {@link #formatDouble} for the common case, a plain decimal: finds the fewest fraction
     * digits k whose decimal reads back as d (the shortest representation) and writes it when it has at most 14
     * significant digits. Returns false (nothing written) when d needs the general path.
     */
    public static boolean writeShortDecimal(double d, Output out) {
        double abs = Math.abs(d);
        if (!(abs >= 1e-4 && abs < 1e14)) {
            return false;
        }
        int intDigits = 0;
        while (intDigits < 15 && abs >= POW10[intDigits]) {
            intDigits++;
        }
        for (int k = 1; k <= 14 && k + intDigits <= 15; k++) {
            double scaled = abs * POW10[k];
            if (scaled >= 9.007199254740992E15) {
                return false;
            }
            long m = (long) (scaled + 0.5);
            // a k whose decimal reads back as abs has scaled within a few ulps of m (relative error below
            // 3e-16): every other k is passed over here, without the division of the exact test below
            if (Math.abs(scaled - m) > scaled * 1e-12 || (double) m / POW10[k] != abs) {
                continue;
            }
            if (m % 10 == 0) {
                return false; // would have been found at a smaller k; be safe
            }
            if (m >= 100000000000000L) { // more than 14 significant digits

                return false;
            }
            if (out instanceof dev.zweig.output.StringBuilderOutput sb) {
                // the characters put together in the sink's buffer, then one append (rather than sign, integral
                // part and fraction each appended: a third of the time of a price)
                char[] c = sb.numberBuffer();
                int n = c.length;
                long v = m;
                for (int j = 0; j < k; j++) {
                    c[--n] = (char) ('0' + v % 10);
                    v /= 10;
                }
                c[--n] = '.';
                do {
                    c[--n] = (char) ('0' + v % 10);
                    v /= 10;
                } while (v > 0);
                if (d < 0) {
                    c[--n] = '-';
                }
                sb.builder().append(c, n, c.length - n);
                return true;
            }
            if (d < 0) {
                out.write('-');
            }
            // m / 10^k reads back as abs exactly and m is no multiple of 10, so its integral part is abs's: no
            // 64-bit division (the guard only ever fails if that reasoning did)
            long ip = (long) abs;
            long fp = m - ip * LPOW10[k];
            if (fp < 0 || fp >= LPOW10[k]) {
                ip = m / LPOW10[k];
                fp = m % LPOW10[k];
            }
            if (ip < 10) {
                out.write((char) ('0' + ip));
            } else {
                out.write(ip);
            }
            if (k < FRACTIONS.length) {
                out.write(FRACTIONS[k][(int) fp]); // prices: '.' and the digits in one write
                return true;
            }
            writeFraction(fp, k, out);
            return true;
        }
        return false;
    }

    /**
     * Writes bd as {@link java.math.BigDecimal#toPlainString()} does, without its String, when its unscaled value
     * has at most 15 digits and its scale is 0 to 14 (money, quantities): that value is read back from
     * doubleValue() (exact for such numbers: below 2^51, the quotient and the product by 10^scale each round by
     * at most half an ulp) and printed with the point inserted. Returns false (nothing written) otherwise.
     */
    public static boolean writePlain(java.math.BigDecimal bd, Output out) {
        int scale = bd.scale();
        if (scale < 0 || scale > 14 || bd.precision() > 15) {
            return false;
        }
        long m = Math.round(bd.doubleValue() * POW10[scale]);
        if (m < 0) {
            out.write('-');
            m = -m;
        }
        if (scale == 0) {
            out.write(m);
            return true;
        }
        out.write(m / LPOW10[scale]);
        writeFraction(m % LPOW10[scale], scale, out);
        return true;
    }

    /** '.' and the k fraction digits of f (0 <= f < 10^k), leading zeros included. */
    private static void writeFraction(long f, int k, Output out) {
        out.write('.');
        for (long z = LPOW10[k - 1]; z > f && z > 1; z /= 10) {
            out.write('0');
        }
        out.write(f);
    }

    /** ".d" and ".dd" by fraction digits k and their value: the fraction of a short decimal as one constant. */
    private static final String[][] FRACTIONS = {{}, fractions(1), fractions(2)};

    private static String[] fractions(int k) {
        String[] f = new String[(int) LPOW10[k]];
        for (int i = 0; i < f.length; i++) {
            String digits = Integer.toString(i);
            f[i] = "." + "0".repeat(k - digits.length()) + digits;
        }
        return f;
    }

    // ---- casts ------------------------------------------------------------------------------------------------

    /**
     * PHP's float to int cast on 64-bit platforms: NaN and infinities give 0, values out of range wrap modulo
     * 2^64 ({@code (int) 1e20 === 7766279631452241920}).
     */
    public static long doubleToLong(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        if (d >= -9.223372036854775808E18 && d < 9.223372036854775808E18) {
            return (long) d;
        }
        double twoPow64 = 18446744073709551616.0;
        double dmod = d % twoPow64;
        if (dmod < 0) {
            // make it positive, then map the upper half to negatives
            dmod += twoPow64;
        }
        if (dmod >= 9.223372036854775808E18) {
            dmod -= twoPow64;
        }
        return (long) dmod;
    }

    /** PHP's saturating float to int used for numeric strings ({@code (int) "1e30"} is PHP_INT_MAX); NaN/INF give 0. */
    public static long doubleToLongCapped(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        if (d >= 9.223372036854775808E18) {
            return Long.MAX_VALUE;
        }
        if (d < -9.223372036854775808E18) {
            return Long.MIN_VALUE;
        }
        return (long) d;
    }
}
