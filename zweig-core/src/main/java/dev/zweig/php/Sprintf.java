package dev.zweig.php;

import dev.zweig.output.Output;
import dev.zweig.php.PhpNumbers;
import dev.zweig.php.Values;
import java.util.List;

/**
 * PHP's sprintf() for the {@code format} filter: {@code %[argnum$][flags][width][.precision]specifier} with the
 * specifiers b c d e E f F g G h H o s u x X and %%, flags - + space 0 and 'c (custom padding), * for width and
 * precision. Widths count UTF-8 bytes, as in PHP. Errors carry PHP's messages (ValueError/ArgumentCountError
 * texts), raised as IllegalArgumentException for the interpreter to wrap.
 */
public final class Sprintf {
    private static final int MAX_FLOAT_PRECISION = 53;

    private Sprintf() {
    }

    public static String format(String fmt, List<?> args) {
        CappedText out = new CappedText(fmt.length() + 16);
        format(fmt, args, out);
        return out.toString();
    }

    /** The text of a format() result: refused past the cap on one value, however many pieces add up to it. */
    private static final class CappedText implements Output {
        private final StringBuilder sb;

        CappedText(int capacity) {
            sb = new StringBuilder(capacity);
        }

        private void room(long more) {
            Values.checkLength(sb.length() + more);
        }

        @Override
        public void write(String s) {
            room(s.length());
            sb.append(s);
        }

        @Override
        public void write(CharSequence s, int start, int end) {
            room(end - start);
            sb.append(s, start, end);
        }

        @Override
        public void write(char c) {
            room(1);
            sb.append(c);
        }

        @Override
        public String toString() {
            return sb.toString();
        }
    }

    /**
     * Writes sprintf(fmt, ...args) into out, piece by piece (a failure raises after the pieces before it are
     * written: the render fails as a whole).
     */
    public static void format(CharSequence fmt, List<?> args, Output out) {
        int n = fmt.length();
        int currArg = 0;
        int maxMissing = -1;
        int i = 0;
        while (i < n) {
            char c = fmt.charAt(i);
            if (c != '%') {
                int run = i;
                while (i < n && fmt.charAt(i) != '%') {
                    i++;
                }
                out.write(fmt, run, i);
                continue;
            }
            if (i + 1 < n && fmt.charAt(i + 1) == '%') {
                out.write('%');
                i += 2;
                continue;
            }
            i++;
            boolean left = false;
            boolean alwaysSign = false;
            boolean hasPrecision = false;
            char padding = ' ';
            int width = 0;
            int precision = 0;
            int argnum = -1;
            if (i < n && !isAsciiLetter(fmt.charAt(i))) {
                int digitsEnd = i;
                while (digitsEnd < n && isDigit(fmt.charAt(digitsEnd))) {
                    digitsEnd++;
                }
                if (digitsEnd < n && fmt.charAt(digitsEnd) == '$') {
                    long num = parseNumber(fmt, i, digitsEnd);
                    if (num <= 0 || num >= Integer.MAX_VALUE) {
                        throw new IllegalArgumentException(
                                "Argument number specifier must be greater than zero and less than 2147483647");
                    }
                    argnum = (int) num - 1;
                    i = digitsEnd + 1;
                }
                for (; i < n; i++) {
                    char m = fmt.charAt(i);
                    if (m == ' ' || m == '0') {
                        padding = m;
                    } else if (m == '-') {
                        left = true;
                    } else if (m == '+') {
                        alwaysSign = true;
                    } else if (m == '\'') {
                        if (i + 1 < n) {
                            padding = fmt.charAt(++i);
                        } else {
                            throw new IllegalArgumentException("Missing padding character");
                        }
                    } else {
                        break;
                    }
                }
                if (i < n && fmt.charAt(i) == '*') {
                    i++;
                    int a = currArg++;
                    if (a >= args.size()) {
                        maxMissing = Math.max(maxMissing, a);
                    } else {
                        Object w = args.get(a);
                        if (!(w instanceof Long || w instanceof Integer)) {
                            throw new IllegalArgumentException("Width must be an integer");
                        }
                        long wl = ((Number) w).longValue();
                        if (wl < 0 || wl > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException(
                                    "Width must be greater than or equal to zero and less than 2147483647");
                        }
                        width = (int) wl;
                    }
                } else if (i < n && isDigit(fmt.charAt(i))) {
                    int t = i;
                    while (t < n && isDigit(fmt.charAt(t))) {
                        t++;
                    }
                    long num = parseNumber(fmt, i, t);
                    if (num >= Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("Width must be greater than zero and less than 2147483647");
                    }
                    width = (int) num;
                    i = t;
                }
                if (i < n && fmt.charAt(i) == '.') {
                    i++;
                    if (i < n && fmt.charAt(i) == '*') {
                        i++;
                        int a = currArg++;
                        if (a >= args.size()) {
                            maxMissing = Math.max(maxMissing, a);
                        } else {
                            Object p = args.get(a);
                            if (!(p instanceof Long || p instanceof Integer)) {
                                throw new IllegalArgumentException("Precision must be an integer");
                            }
                            long pl = ((Number) p).longValue();
                            if (pl < -1 || pl > Integer.MAX_VALUE) {
                                throw new IllegalArgumentException("Precision must be between -1 and 2147483647");
                            }
                            precision = (int) pl;
                            hasPrecision = precision >= 0;
                        }
                    } else if (i < n && isDigit(fmt.charAt(i))) {
                        int t = i;
                        while (t < n && isDigit(fmt.charAt(t))) {
                            t++;
                        }
                        long num = parseNumber(fmt, i, t);
                        if (num >= Integer.MAX_VALUE) {
                            throw new IllegalArgumentException(
                                    "Precision must be greater than zero and less than 2147483647");
                        }
                        precision = (int) num;
                        hasPrecision = true;
                        i = t;
                    }
                }
            }
            if (i < n && fmt.charAt(i) == 'l') {
                i++;
            }
            if (i >= n) {
                throw new IllegalArgumentException("Missing format specifier at end of string");
            }
            char spec = fmt.charAt(i++);
            if (argnum < 0) {
                argnum = currArg++;
            }
            if (argnum >= args.size()) {
                maxMissing = Math.max(maxMissing, argnum);
                continue;
            }
            Object arg = args.get(argnum);
            if (width > 1_000_000 || precision > 1_000_000) {
                // PHP would build it; a template engine serving untrusted templates must not
                throw new dev.zweig.TemplateLimitException("The \"format\" filter does not accept widths or "
                        + "precisions above 1000000.");
            }
            switch (spec) {
                case 's' -> {
                    if ((arg instanceof Long || arg instanceof Integer) && !hasPrecision) {
                        appendPaddedLong(out, ((Number) arg).longValue(), false, width, padding, left, false);
                        break;
                    }
                    CharSequence s = Values.text(arg);
                    appendPadded(out, s, hasPrecision ? truncateBytes(s, precision) : s.length(), width, padding,
                            left, false, false);
                }
                case 'd' -> appendInt(out, Values.toLong(arg), width, padding, left, alwaysSign);
                case 'u' -> appendUnsigned(out, Values.toLong(arg), 0, false, width, padding, left);
                case 'e', 'E', 'f', 'F', 'g', 'G', 'h', 'H' -> appendDouble(out, Values.toDouble(arg), width, padding,
                        left, hasPrecision ? precision : -1, spec, alwaysSign);
                case 'c' -> out.write((char) (Values.toLong(arg) & 0xFF));
                case 'o' -> appendUnsigned(out, Values.toLong(arg), 3, false, width, padding, left);
                case 'x' -> appendUnsigned(out, Values.toLong(arg), 4, false, width, padding, left);
                case 'X' -> appendUnsigned(out, Values.toLong(arg), 4, true, width, padding, left);
                case 'b' -> appendUnsigned(out, Values.toLong(arg), 1, false, width, padding, left);
                case '%' -> out.write('%');
                default -> throw new IllegalArgumentException("Unknown format specifier \"" + spec + "\"");
            }
        }
        if (maxMissing >= 0) {
            throw new IllegalArgumentException(
                    (maxMissing + 2) + " arguments are required, " + (args.size() + 1) + " given");
        }
    }

    private static void appendInt(Output out, long v, int width, char padding, boolean left,
            boolean alwaysSign) {
        // PHP cannot right-pad integers with zeros
        if (left && padding == '0') {
            padding = ' ';
        }
        appendPaddedLong(out, v, alwaysSign, width, padding, left, true);
    }

    /**
     * {@link #appendPadded} of v's digits (after "+" when plus is set) without making a String; signFirst: zero
     * padding goes after the sign (%d does so, %s does not).
     */
    private static void appendPaddedLong(Output out, long v, boolean plus, int width, char padding, boolean left,
            boolean signFirst) {
        if (v == Long.MIN_VALUE) {
            String s = Long.toString(v);
            appendPadded(out, s, s.length(), width, padding, left, signFirst, false);
            return;
        }
        boolean sign = v < 0 || plus;
        int len = sign ? 2 : 1;
        for (long x = Math.abs(v) / 10; x > 0; x /= 10) {
            len++;
        }
        int npad = width > len ? width - len : 0;
        checkOutput(len + npad);
        if (!left) {
            if (sign && signFirst && padding == '0') {
                out.write(v < 0 ? '-' : '+');
                sign = false;
            }
            pad(out, padding, npad);
        }
        if (sign) {
            out.write(v < 0 ? '-' : '+');
        }
        out.write(Math.abs(v));
        if (left) {
            pad(out, padding, npad);
        }
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_DIGITS = "0123456789ABCDEF".toCharArray();

    /**
     * v as an unsigned number, padded: in base 2^shift (1, 3, 4: %b, %o, %x), or in base ten when shift is 0
     * (%u), written digit by digit without a String.
     */
    private static void appendUnsigned(Output out, long v, int shift, boolean upper, int width, char padding,
            boolean left) {
        int len = 1;
        if (shift == 0) {
            for (long x = Long.divideUnsigned(v, 10); x != 0; x /= 10) {
                len++;
            }
        } else {
            for (long x = v >>> shift; x != 0; x >>>= shift) {
                len++;
            }
        }
        int npad = width > len ? width - len : 0;
        checkOutput((long) len + npad);
        if (!left) {
            pad(out, padding, npad);
        }
        if (shift == 0) {
            long q = Long.divideUnsigned(v, 10);
            if (q != 0) {
                out.write(q); // below 2^63: a plain long
            }
            out.write(DIGITS[(int) Long.remainderUnsigned(v, 10)]);
        } else {
            char[] digits = upper ? UPPER_DIGITS : DIGITS;
            int mask = (1 << shift) - 1;
            for (int i = len - 1; i >= 0; i--) {
                out.write(digits[(int) (v >>> (i * shift)) & mask]);
            }
        }
        if (left) {
            pad(out, padding, npad);
        }
    }

    private static void pad(Output out, char padding, int n) {
        for (int k = 0; k < n; k++) {
            out.write(padding);
        }
    }

    /**
     * Refuses a piece past the cap on one value before it is padded out (the pieces of one result add up in the
     * sink that builds it: CappedText, or a render-private text buffer).
     */
    private static void checkOutput(long more) {
        Values.checkLength(more);
    }

    private static void appendDouble(Output out, double d, int width, char padding, boolean left,
            int precision, char spec, boolean alwaysSign) {
        if (precision == -1) {
            precision = 6;
        } else if (precision > MAX_FLOAT_PRECISION) {
            precision = MAX_FLOAT_PRECISION;
        }
        if (Double.isInfinite(d)) {
            boolean neg = d < 0;
            String s = neg ? "-Inf" : alwaysSign ? "+Inf" : "Inf";
            appendPadded(out, s, s.length(), width, padding, left, neg, alwaysSign);
            return;
        }
        if (Double.isNaN(d)) {
            appendPadded(out, "NaN", 3, width, padding, left, false, alwaysSign);
            return;
        }
        boolean fixed = (spec == 'f' || spec == 'F') && PhpNumbers.canWriteFixed(d, precision);
        int exp = spec == 'e' || spec == 'E' ? PhpFloats.exponent(d, precision) : Integer.MIN_VALUE;
        if (fixed || exp != Integer.MIN_VALUE) {
            // the digits without a String: sign, padding and PhpNumbers' exact fixed-point digits
            boolean neg = d < 0;
            boolean sign = neg || alwaysSign;
            int len = (fixed ? PhpNumbers.fixedLength(d, precision) : PhpFloats.exponentialLength(precision, exp))
                    + (sign ? 1 : 0);
            int npad = width > len ? width - len : 0;
            checkOutput(len + npad);
            if (!left) {
                if (sign && padding == '0') {
                    out.write(neg ? '-' : '+');
                    sign = false;
                }
                pad(out, padding, npad);
            }
            if (sign) {
                out.write(neg ? '-' : '+');
            }
            if (fixed) {
                PhpNumbers.writeFixed(d, precision, out);
            } else {
                PhpFloats.writeExponential(d, precision, exp, spec, out);
            }
            if (left) {
                pad(out, padding, npad);
            }
            return;
        }
        String s;
        boolean neg;
        switch (spec) {
            case 'e', 'E', 'f', 'F' -> {
                neg = d < 0;
                String body = spec == 'f' || spec == 'F' ? PhpFloats.fixed(d, precision)
                        : PhpFloats.exponential(d, precision, spec);
                s = neg ? "-" + body : alwaysSign ? "+" + body : body;
            }
            default -> {
                if (precision == 0) {
                    precision = 1;
                }
                char expChar = spec == 'G' || spec == 'H' ? 'E' : 'e';
                s = PhpFloats.gcvt(d, precision, expChar, false);
                neg = s.startsWith("-");
                if (!neg && alwaysSign) {
                    s = "+" + s;
                }
            }
        }
        appendPadded(out, s, s.length(), width, padding, left, neg, alwaysSign);
    }

    /**
     * php_sprintf_appendstring of s[0, end): pads to width (in UTF-8 bytes); zero padding goes after the sign.
     */
    private static void appendPadded(Output out, CharSequence s, int end, int width, char padding, boolean left,
            boolean neg, boolean alwaysSign) {
        int len = utf8Length(s, end);
        int npad = width > len ? width - len : 0;
        checkOutput((long) end + npad);
        int start = 0;
        if (!left) {
            if ((neg || alwaysSign) && padding == '0' && end > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
                out.write(s.charAt(0));
                start = 1;
            }
            pad(out, padding, npad);
        }
        if (start < end) {
            out.write(s, start, end);
        }
        if (left) {
            pad(out, padding, npad);
        }
    }

    /** Where s must end to hold at most maxBytes UTF-8 bytes (whole characters). */
    private static int truncateBytes(CharSequence s, int maxBytes) {
        int n = s.length();
        if (n <= maxBytes / 3) {
            return n;
        }
        int bytes = 0;
        int i = 0;
        while (i < n) {
            int cp = Character.codePointAt(s, i);
            int b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + b > maxBytes) {
                break;
            }
            bytes += b;
            i += Character.charCount(cp);
        }
        return i;
    }

    private static int utf8Length(CharSequence s, int n) {
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    private static long parseNumber(CharSequence s, int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            v = v * 10 + (s.charAt(i) - '0');
            if (v >= Integer.MAX_VALUE) {
                return Integer.MAX_VALUE;
            }
        }
        return v;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
