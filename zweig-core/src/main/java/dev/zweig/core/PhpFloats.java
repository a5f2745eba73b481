package dev.zweig.core;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * PHP's float-to-text conversions that the core filters need beyond plain echo (which lives in Values):
 * printf's fixed and exponential forms (zend_dtoa modes 3 and 2: the exact binary value correctly rounded, ties
 * to even), the "%g"-style form that json_encode uses with the shortest round-trip digits, and round()'s
 * half-away-from-zero rounding. Exactness comes from BigDecimal; these are not hot paths.
 */
final class PhpFloats {
    private PhpFloats() {
    }

    /** Digits of |d| with exactly {@code precision} decimals: (3.14159, 2) gives "3.14". d must be finite. */
    static String fixed(double d, int precision) {
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
     * PHP's php_gcvt: {@code ndigit} significant digits (or, when {@code shortest}, the shortest digits that read back
     * as d, with ndigit 17 deciding the notation), trailing zeros dropped, E-style when the exponent is below -4
     * or not below ndigit: json_encode(1e25) is "1.0e+25", json_encode(0.1) is "0.1".
     */
    static String gcvt(double value, int ndigit, char expChar, boolean shortest) {
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
            BigDecimal bd = shortest ? new BigDecimal(Double.toString(Math.abs(value)))
                    : new BigDecimal(Math.abs(value)).round(new MathContext(ndigit, RoundingMode.HALF_EVEN));
            bd = bd.stripTrailingZeros();
            digits = bd.unscaledValue().toString();
            decpt = digits.length() - bd.scale();
        }
        if (shortest) {
            ndigit = 17;
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
     * PHP round($value, $places): half away from zero, judged on the shortest decimal form of the value (so
     * round(1.005, 2) is 1.01, as in PHP, although the binary value lies just below 1.005).
     */
    static double round(double value, long places) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        if (places > 400) {
            return value;
        }
        if (places < -400) {
            return value > 0 ? 0.0 : -0.0;
        }
        BigDecimal rounded = new BigDecimal(Double.toString(value)).setScale((int) places, RoundingMode.HALF_UP);
        double r = rounded.doubleValue();
        return r == 0 && value < 0 ? -0.0 : r;
    }
}
