package dev.zweig.php;

import dev.zweig.Markup;
import dev.zweig.php.PhpNumbers;
import dev.zweig.php.Values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.output.StringBuilderOutput;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** PHP 8 value semantics; expected values are what PHP 8 / Twig 3 print. */
class ValuesTest {

    private static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    // ---- float to string -------------------------------------------------------------------------------

    @Test
    void formatsFloatsLikeEcho() {
        assertEquals("1", Values.formatDouble(1.0));
        assertEquals("0.3", Values.formatDouble(0.1 + 0.2));
        assertEquals("3.5", Values.formatDouble(3.5));
        assertEquals("-3.5", Values.formatDouble(-3.5));
        assertEquals("0.1", Values.formatDouble(0.1));
        assertEquals("2.5", Values.formatDouble(10 / 4.0));
        assertEquals("0.33333333333333", Values.formatDouble(1 / 3.0));
        assertEquals("0.66666666666667", Values.formatDouble(2 / 3.0));
        assertEquals("1.4142135623731", Values.formatDouble(Math.sqrt(2)));
        assertEquals("3.1415926535898", Values.formatDouble(Math.PI));
        assertEquals("1990", Values.formatDouble(1.99E+3));
    }

    @Test
    void formatsExponentsLikeEcho() {
        assertEquals("1.0E+20", Values.formatDouble(1e20));
        assertEquals("1.0E+15", Values.formatDouble(1e15));
        assertEquals("1.0E+14", Values.formatDouble(100000000000000.0));
        assertEquals("10000000000000", Values.formatDouble(1e13));
        assertEquals("99999999999999", Values.formatDouble(99999999999999.0));
        assertEquals("1.5E-7", Values.formatDouble(1.5e-7));
        assertEquals("0.0001", Values.formatDouble(0.0001));
        assertEquals("1.0E-5", Values.formatDouble(0.00001));
        assertEquals("1.2345E-5", Values.formatDouble(0.000012345));
        assertEquals("9.2233720368548E+18", Values.formatDouble(9.223372036854775807E18));
        assertEquals("-9.2233720368548E+18", Values.formatDouble(-9.223372036854775807E18));
        assertEquals("1.844674407371E+19", Values.formatDouble(1.8446744073709552E19));
        assertEquals("1.0E+100", Values.formatDouble(1e100));
        assertEquals("1.7976931348623E+308", Values.formatDouble(Double.MAX_VALUE));
        assertEquals("4.9406564584125E-324", Values.formatDouble(Double.MIN_VALUE));
        assertEquals("123456789012.35", Values.formatDouble(123456789012.345678));
        assertEquals("1.2345678901235E+14", Values.formatDouble(123456789012345.678));
    }

    @Test
    void shortPathAgreesWithExactRounding() {
        java.util.Random random = new java.util.Random(42);
        java.math.MathContext mc = new java.math.MathContext(14, java.math.RoundingMode.HALF_EVEN);
        for (int i = 0; i < 200_000; i++) {
            double d = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 2 -> Math.round(random.nextDouble() * 1e6) / 1000.0;
                default -> random.nextInt(100000) / 100.0 + random.nextInt(1000);
            };
            if (!Double.isFinite(d)) {
                continue;
            }
            String text = Values.formatDouble(d);
            BigDecimal printed = new BigDecimal(text.replace("E+", "E"));
            BigDecimal expected = new BigDecimal(d).round(mc);
            assertEquals(0, printed.compareTo(expected), () -> d + " printed as " + text);
            assertTrue(printed.precision() <= 15, text);
        }
    }

    @Test
    void formatsSpecialFloats() {
        assertEquals("INF", Values.formatDouble(Double.POSITIVE_INFINITY));
        assertEquals("-INF", Values.formatDouble(Double.NEGATIVE_INFINITY));
        assertEquals("NAN", Values.formatDouble(Double.NaN));
        assertEquals("-0", Values.formatDouble(-0.0));
        assertEquals("0", Values.formatDouble(0.0));
    }

    // ---- toString / write ------------------------------------------------------------------------------

    @Test
    void convertsToString() {
        assertEquals("", Values.toString(null));
        assertEquals("1", Values.toString(true));
        assertEquals("", Values.toString(false));
        assertEquals("42", Values.toString(42L));
        assertEquals("42", Values.toString(42));
        assertEquals("-7", Values.toString((short) -7));
        assertEquals("1.5", Values.toString(1.5));
        assertEquals("1.5", Values.toString(1.5f));
        assertEquals("1.50", Values.toString(new BigDecimal("1.50")));
        assertEquals("100", Values.toString(new BigDecimal("1E+2")));
        assertEquals("123", Values.toString(BigInteger.valueOf(123)));
        assertEquals("1.0E+20", Values.toString(new BigInteger("100000000000000000000")));
        assertEquals("abc", Values.toString("abc"));
        assertEquals("<b>", Values.toString(new Markup("<b>")));
        assertEquals("Array", Values.toString(List.of(1)));
        assertEquals("Array", Values.toString(Map.of("a", 1)));
    }

    @Test
    void writesWithoutChangingText() {
        StringBuilderOutput out = new StringBuilderOutput();
        Object[] values = {null, true, false, 42L, -9, 1.5, 2.0, -0.0, 1e20, 0.1 + 0.2, new BigDecimal("1.50"), "s",
            new StringBuilder("sb"), new Markup("<m>"), Long.MIN_VALUE, 99999999999999.0, 1e14};
        StringBuilder expected = new StringBuilder();
        for (Object v : values) {
            Values.write(v, out);
            out.write('|');
            expected.append(Values.toString(v)).append('|');
        }
        assertEquals(expected.toString(), out.toString());
        assertEquals("|1||42|-9|1.5|2|-0|1.0E+20|0.3|1.50|s|sb|<m>|-9223372036854775808|99999999999999|1.0E+14|",
                out.toString());
    }

    // ---- truthiness --------------------------------------------------------------------------------------

    @Test
    void truthinessFollowsPhp() {
        for (Object v : new Object[] {null, false, 0L, 0, 0.0, -0.0, "", "0", List.of(), Map.of(), new Object[0],
            new Markup(""), BigDecimal.ZERO, new BigDecimal("0.00"), new StringBuilder()}) {
            assertFalse(Values.isTrue(v), () -> "falsy: " + v);
        }
        for (Object v : new Object[] {true, 1L, -1L, 0.1, Double.NaN, "0.0", " ", "00", "a", "false", List.of(0),
            Map.of("a", 0), new int[] {0}, new Markup("0"), new Markup("x"), new Object(), new BigDecimal("0.01")}) {
            assertTrue(Values.isTrue(v), () -> "truthy: " + v);
        }
    }

    // ---- numeric strings -----------------------------------------------------------------------------------

    @Test
    void numericStrings() {
        for (String s : new String[] {"12", " 1.5", "1.5 ", " 1 ", "1e3", "-1e-3", "+1", ".5", "1.", "-.5e+2",
            "007", "\t\n12\r\f", "1E5", "9223372036854775808"}) {
            assertTrue(Values.isNumeric(s), () -> "numeric: '" + s + "'");
        }
        for (String s : new String[] {"", " ", "abc", "0x1A", "1e", "1 2", "5 apples", ".", "-", "e3", "inf",
            "NAN", "1_000", "1..2", "--1", "0b11"}) {
            assertFalse(Values.isNumeric(s), () -> "not numeric: '" + s + "'");
        }
        assertTrue(Values.isNumeric(3L));
        assertTrue(Values.isNumeric(1.5));
        assertFalse(Values.isNumeric(null));
        assertFalse(Values.isNumeric(true));
        assertFalse(Values.isNumeric(List.of()));
    }

    @Test
    void parsesNumbersAsPhpDoes() {
        assertEquals(12L, PhpNumbers.parseNumeric(" 12 "));
        assertEquals(1000.0, PhpNumbers.parseNumeric("1e3"));
        assertEquals(-0.5, PhpNumbers.parseNumeric("-.5"));
        assertEquals(1.0, PhpNumbers.parseNumeric("1."));
        assertEquals(Long.MIN_VALUE, PhpNumbers.parseNumeric("-9223372036854775808"));
        assertEquals(Long.MAX_VALUE, PhpNumbers.parseNumeric("9223372036854775807"));
        assertEquals(9.223372036854775808E18, PhpNumbers.parseNumeric("9223372036854775808"));
        assertEquals(5L, PhpNumbers.parseLeadingNumeric("5 apples"));
        assertEquals(1500.0, PhpNumbers.parseLeadingNumeric("1.5e3x"));
        assertEquals(0L, PhpNumbers.parseLeadingNumeric("0x1A"));
        assertEquals(1L, PhpNumbers.parseLeadingNumeric("1e"));
        assertEquals(null, PhpNumbers.parseLeadingNumeric("abc"));
        assertEquals(null, PhpNumbers.parseLeadingNumeric(""));
    }

    @Test
    void toNumber() {
        assertEquals(0L, Values.toNumber(null));
        assertEquals(1L, Values.toNumber(true));
        assertEquals(0L, Values.toNumber(false));
        assertEquals(5L, Values.toNumber(5));
        assertEquals(5L, Values.toNumber("5"));
        assertEquals(1.5, Values.toNumber("1.5"));
        assertEquals(5L, Values.toNumber("5 apples"));
        assertEquals(2.5, Values.toNumber(2.5f));
        assertEquals(new BigDecimal("1.50"), Values.toNumber(new BigDecimal("1.50")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Values.toNumber("abc"));
        assertEquals("Unsupported operand types: string + int", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Values.toNumber(List.of()));
        assertEquals("Unsupported operand types: array + int", e.getMessage());
    }

    @Test
    void casts() {
        assertEquals(0, Values.toLong(null));
        assertEquals(1, Values.toLong(true));
        assertEquals(3, Values.toLong(3.99));
        assertEquals(-3, Values.toLong(-3.99));
        assertEquals(12, Values.toLong("12abc"));
        assertEquals(0, Values.toLong("abc"));
        assertEquals(1000, Values.toLong("1e3"));
        assertEquals(Long.MAX_VALUE, Values.toLong("1e30"));
        assertEquals(0, Values.toLong(Double.NaN));
        assertEquals(0, Values.toLong(Double.POSITIVE_INFINITY));
        assertEquals(7766279631452241920L, Values.toLong(1e20));
        assertEquals(1, Values.toLong(List.of(0)));
        assertEquals(0, Values.toLong(List.of()));
        assertEquals(2, Values.toLong(new BigDecimal("2.7")));
        assertEquals(1.5, Values.toDouble("1.5xyz"));
        assertEquals(0.0, Values.toDouble("x"));
        assertEquals(1.0, Values.toDouble(true));
        assertEquals(7.0, Values.toDouble(7L));
    }

    // ---- arithmetic --------------------------------------------------------------------------------------

    @Test
    void addsWithOverflowToFloat() {
        assertEquals(3L, Values.add(1L, 2L));
        assertEquals(3L, Values.add(1, 2));
        assertEquals(9.223372036854775808E18, Values.add(Long.MAX_VALUE, 1L));
        assertEquals("9.2233720368548E+18", Values.toString(Values.add(Long.MAX_VALUE, 1L)));
        assertEquals(-9.223372036854775808E18 - 1, Values.add(Long.MIN_VALUE, -1L));
        assertEquals(15L, Values.add("5", "10"));
        assertEquals(2.5, Values.add("1.5", 1L));
        assertEquals(6L, Values.add("5 apples", 1L));
        assertEquals(1L, Values.add(null, true));
        assertEquals(0.30000000000000004, Values.add(0.1, 0.2));
        assertEquals(new BigDecimal("0.3"), Values.add(new BigDecimal("0.1"), 0.2));
        assertEquals(new BigDecimal("2.50"), Values.add(new BigDecimal("1.50"), 1L));
        assertEquals(Double.POSITIVE_INFINITY, Values.add(new BigDecimal("1"), Double.POSITIVE_INFINITY));
    }

    @Test
    void arithmeticErrorsUsePhpMessages() {
        assertEquals("Unsupported operand types: string + int",
                assertThrows(IllegalArgumentException.class, () -> Values.add("abc", 1L)).getMessage());
        assertEquals("Unsupported operand types: int - string",
                assertThrows(IllegalArgumentException.class, () -> Values.subtract(1L, "")).getMessage());
        assertEquals("Unsupported operand types: array * int",
                assertThrows(IllegalArgumentException.class, () -> Values.multiply(List.of(), 2L)).getMessage());
        assertEquals("Unsupported operand types: array + null",
                assertThrows(IllegalArgumentException.class, () -> Values.add(List.of(), null)).getMessage());
        assertEquals("Unsupported operand types: string * int",
                assertThrows(IllegalArgumentException.class, () -> Values.negate("x")).getMessage());
        assertEquals("Unsupported operand types: array - array",
                assertThrows(IllegalArgumentException.class, () -> Values.subtract(List.of(), List.of()))
                        .getMessage());
    }

    @Test
    void arrayUnion() {
        assertEquals(List.of(1L, 2L, 30L), Values.add(list(1L, 2L), list(10L, 20L, 30L)));
        assertEquals(map("a", 1L, "b", 2L, "c", 3L), Values.add(map("a", 1L, "b", 2L), map("b", 9L, "c", 3L)));
        Object r = Values.add(list("x"), map(0L, "y", "k", "v"));
        assertEquals(map(0L, "x", "k", "v"), r);
        // a union whose keys are 0..n-1 is a list
        assertEquals(List.of("x", "y"), Values.add(map(0L, "x"), map(1L, "y")));
        List<Object> left = list(1L);
        Values.add(left, list(5L, 6L));
        assertEquals(List.of(1L), left, "inputs are not modified");
    }

    @Test
    void subtractsAndMultiplies() {
        assertEquals(4L, Values.subtract(5L, 1L));
        assertEquals(999.0, Values.subtract("1e3", 1L));
        assertEquals(-9.223372036854775808E18 - 2, Values.subtract(-Long.MAX_VALUE, 2L));
        assertEquals(10L, Values.multiply("5", 2L));
        assertEquals(1.8446744073709552E19, Values.multiply(Long.MAX_VALUE, 2L));
        assertEquals(Long.MIN_VALUE, Values.multiply(Long.MIN_VALUE, 1L));
        assertEquals(new BigDecimal("3.00"), Values.multiply(new BigDecimal("1.50"), 2L));
        assertEquals(7.5, Values.multiply(2.5, 3L));
    }

    @Test
    void divides() {
        assertEquals(2.5, Values.divide(10L, 4L));
        assertEquals(2L, Values.divide(10L, 5L));
        assertEquals("0.33333333333333", Values.toString(Values.divide(1L, 3L)));
        assertEquals(-2L, Values.divide(4L, -2L));
        assertEquals(9.223372036854775808E18, Values.divide(Long.MIN_VALUE, -1L));
        assertEquals(new BigDecimal("0.5"), Values.divide(new BigDecimal("1"), 2L));
        assertEquals("Division by zero",
                assertThrows(ArithmeticException.class, () -> Values.divide(1L, 0L)).getMessage());
        assertEquals("Division by zero",
                assertThrows(ArithmeticException.class, () -> Values.divide(1.5, 0.0)).getMessage());
        assertEquals("Division by zero",
                assertThrows(ArithmeticException.class, () -> Values.divide(1L, null)).getMessage());
    }

    @Test
    void floorDivides() {
        assertEquals(3L, Values.floorDivide(7L, 2L));
        assertEquals(-4L, Values.floorDivide(-7L, 2L));
        assertEquals(-4L, Values.floorDivide(7L, -2L));
        assertEquals(2L, Values.floorDivide(7.5, 3L));
        assertEquals(4L, Values.floorDivide(9L, 2L));
        assertEquals("Division by zero",
                assertThrows(ArithmeticException.class, () -> Values.floorDivide(1L, 0L)).getMessage());
    }

    @Test
    void modulo() {
        assertEquals(1L, Values.modulo(7L, 3L));
        assertEquals(-1L, Values.modulo(-7L, 3L));
        assertEquals(1L, Values.modulo(7L, -3L));
        assertEquals(1L, Values.modulo(7.9, 3L));
        assertEquals(0L, Values.modulo(Long.MIN_VALUE, -1L));
        assertEquals(2L, Values.modulo("17", "5"));
        assertEquals("Modulo by zero",
                assertThrows(ArithmeticException.class, () -> Values.modulo(1L, 0L)).getMessage());
        assertEquals("Modulo by zero",
                assertThrows(ArithmeticException.class, () -> Values.modulo(1L, 0.5)).getMessage());
    }

    @Test
    void power() {
        assertEquals(4L, Values.power(-2L, 2L));
        assertEquals(0.5, Values.power(2L, -1L));
        assertEquals(1.4142135623730951, Values.power(2L, 0.5));
        assertEquals(1L, Values.power(0L, 0L));
        assertEquals(64L, Values.power(Values.power(2L, 3L), 2L));
        assertEquals(4611686018427387904L, Values.power(2L, 62L));
        assertEquals("9.2233720368548E+18", Values.toString(Values.power(2L, 63L)));
        assertEquals("1.844674407371E+19", Values.toString(Values.power(2L, 64L)));
        assertEquals(Long.MIN_VALUE, Values.power(-2L, 63L));
        assertEquals(0L, Values.power(0L, 5L));
        assertEquals(new BigDecimal("2.25"), Values.power(new BigDecimal("1.5"), 2L));
    }

    @Test
    void negates() {
        assertEquals(-5L, Values.negate(5L));
        assertEquals(9.223372036854775808E18, Values.negate(Long.MIN_VALUE));
        assertEquals("-0", Values.toString(Values.negate(0.0)));
        assertEquals(0L, Values.negate(0L));
        assertEquals(0L, Values.negate(null));
        assertEquals(-1L, Values.negate(true));
        assertEquals(-3L, Values.negate("3"));
        assertEquals(-1.5, Values.negate("1.5"));
        assertEquals(new BigDecimal("-1.50"), Values.negate(new BigDecimal("1.50")));
    }

    // ---- comparison --------------------------------------------------------------------------------------

    @Test
    void looseEqualityOfPhp8() {
        assertFalse(Values.looseEquals("abc", 0L));
        assertFalse(Values.looseEquals(0L, "abc"));
        assertTrue(Values.looseEquals(0L, "0"));
        assertTrue(Values.looseEquals(0L, ""  + "0.0"));
        assertFalse(Values.looseEquals(0L, ""));
        assertFalse(Values.looseEquals("1", "01x"));
        assertTrue(Values.looseEquals("1", "01"));
        assertTrue(Values.looseEquals("10", "1e1"));
        assertTrue(Values.looseEquals("1e3", "1000"));
        assertTrue(Values.looseEquals(100L, "1e2"));
        assertTrue(Values.looseEquals("abc", "abc"));
        assertFalse(Values.looseEquals("abc", "ABC"));
        assertTrue(Values.looseEquals(1L, " 1"));
        assertTrue(Values.looseEquals(1L, "1 "));
        assertFalse(Values.looseEquals(1L, "1 a"));
        assertTrue(Values.looseEquals(1L, 1.0));
        assertTrue(Values.looseEquals(1, 1L));
        assertTrue(Values.looseEquals(new BigDecimal("1.50"), 1.5));
        assertTrue(Values.looseEquals(new BigDecimal("1.50"), "1.5"));
        assertFalse(Values.looseEquals(Double.NaN, Double.NaN));
        assertTrue(Values.looseEquals(0.1, 0.1));
        assertFalse(Values.looseEquals(0.1, 0.3));
        assertFalse(Values.looseEquals("9223372036854775808", "9223372036854775809"));
        assertTrue(Values.looseEquals("9223372036854775808", "9223372036854775808.0"));
        assertEquals(-1, Values.compare("9223372036854775807", "9223372036854775808"));
        assertEquals(-1, Values.compare("1e1000", "2e1000"));
        assertFalse(Values.looseEquals("abc", "1"));
    }

    @Test
    void looseEqualityOfNullBoolAndArrays() {
        assertTrue(Values.looseEquals(null, false));
        assertTrue(Values.looseEquals(null, ""));
        assertTrue(Values.looseEquals(null, List.of()));
        assertTrue(Values.looseEquals(false, ""));
        assertTrue(Values.looseEquals(false, List.of()));
        assertTrue(Values.looseEquals(null, 0L));
        assertFalse(Values.looseEquals(null, "0"));
        assertTrue(Values.looseEquals(false, "0"));
        assertTrue(Values.looseEquals(true, "abc"));
        assertTrue(Values.looseEquals(true, List.of(0)));
        assertFalse(Values.looseEquals("", List.of()));
        assertFalse(Values.looseEquals(0L, List.of()));
        assertTrue(Values.looseEquals(List.of(1L, 2L), List.of(1L, 2L)));
        assertTrue(Values.looseEquals(List.of("1", 2L), List.of(1L, "2")));
        assertFalse(Values.looseEquals(List.of(1L, 2L), List.of(2L, 1L)));
        assertTrue(Values.looseEquals(map("a", 1L, "b", 2L), map("b", 2L, "a", 1L)));
        assertTrue(Values.looseEquals(List.of("x"), map(0L, "x")));
        assertTrue(Values.looseEquals(List.of("x"), map("0", "x")));
        assertFalse(Values.looseEquals(map("a", 1L), map("b", 1L)));
        assertTrue(Values.looseEquals(List.of(1L), new long[] {1}));
        assertTrue(Values.looseEquals(new Markup("a"), "a"));
        assertTrue(Values.looseEquals("a", new StringBuilder("a")));
    }

    @Test
    void strictEquality() {
        assertTrue(Values.strictEquals(1L, 1L));
        assertTrue(Values.strictEquals(1, 1L));
        assertFalse(Values.strictEquals(1L, "1"));
        assertFalse(Values.strictEquals(1L, 1.0));
        assertFalse(Values.strictEquals(null, false));
        assertTrue(Values.strictEquals(null, null));
        assertTrue(Values.strictEquals(List.of(1L), List.of(1L)));
        assertFalse(Values.strictEquals(List.of(1L), List.of("1")));
        assertTrue(Values.strictEquals(List.of("x"), map(0L, "x")));
        assertFalse(Values.strictEquals(map("a", 1L, "b", 2L), map("b", 2L, "a", 1L)));
        assertTrue(Values.strictEquals("x", new StringBuilder("x")));
        assertFalse(Values.strictEquals(Double.NaN, Double.NaN));
        assertTrue(Values.strictEquals(0.0, -0.0));
        assertTrue(Values.strictEquals(1.5, new BigDecimal("1.50")));
        Markup m = new Markup("a");
        assertTrue(Values.strictEquals(m, m));
        assertFalse(Values.strictEquals(m, new Markup("a")));
        assertFalse(Values.strictEquals(m, "a"));
    }

    @Test
    void spaceship() {
        assertEquals(-1, Values.compare(1L, 2L));
        assertEquals(0, Values.compare(2L, 2.0));
        assertEquals(1, Values.compare(2.5, 2L));
        assertEquals(-1, Values.compare("a", "b"));
        assertEquals(1, Values.compare("b", "a"));
        assertEquals(-1, Values.compare("Banana", "apple"));
        assertEquals(-1, Values.compare("abc", "abcd"));
        assertEquals(1, Values.compare("10", "9"));
        assertEquals(-1, Values.compare("10", "9a"));
        assertEquals(1, Values.compare("abc", 0L), "0 is compared as \"0\"");
        assertEquals(-1, Values.compare(0L, "abc"));
        assertEquals(-1, Values.compare("1e1", "11"));
        assertEquals(0, Values.compare("1e1", 10L));
        assertEquals(-1, Values.compare(9L, "10"));
        assertEquals(1, Values.compare(10L, "9 "));
        assertEquals(-1, Values.compare(null, 1L));
        assertEquals(0, Values.compare(null, 0L));
        assertEquals(-1, Values.compare(null, -1L), "null is compared as false");
        assertEquals(-1, Values.compare(null, "a"));
        assertEquals(0, Values.compare(null, ""));
        assertEquals(-1, Values.compare(null, "0"));
        assertEquals(-1, Values.compare(false, true));
        assertEquals(0, Values.compare(true, 5L));
        assertEquals(1, Values.compare(true, 0L));
        assertEquals(1, Values.compare(List.of(1L, 2L), List.of(5L)));
        assertEquals(-1, Values.compare(List.of(1L, 2L), List.of(1L, 3L)));
        assertEquals(1, Values.compare(List.of(), 5L), "arrays are greater");
        assertEquals(-1, Values.compare("zzz", List.of()));
        assertEquals(1, Values.compare(map("a", 1L), map("b", 1L)), "uncomparable");
        assertEquals(1, Values.compare(map("b", 1L), map("a", 1L)), "uncomparable");
        assertEquals(1, Values.compare(Double.NaN, 1L));
        assertEquals(1, Values.compare(1L, Double.NaN));
        assertEquals(1, Values.compare("1", Double.NaN));
        assertEquals(1, Values.compare(Double.NaN, "1"));
        assertEquals(-1, Values.compare(new BigDecimal("0.1"), 0.2));
        assertEquals(0, Values.compare(new BigDecimal("2"), 2L));
    }

    @Test
    void stringsCompareByUtf8Bytes() {
        List<Object> words = list("z", "é", "e", "É", "Ａ", "😀");
        words.sort(Values::compareForSort);
        assertEquals(List.of("e", "z", "É", "é", "Ａ", "😀"), words);
        List<Object> mixed = list(true, false);
        mixed.sort(Values::compareForSort);
        assertEquals(List.of(false, true), mixed);
        List<Object> nums = list(-1L, -10L, 0L, 5L);
        nums.sort(Values::compareForSort);
        assertEquals(List.of(-10L, -1L, 0L, 5L), nums);
    }

    @Test
    void containsIsTwigIn() {
        assertTrue(Values.contains("abc", "b"));
        assertTrue(Values.contains("abc", ""));
        assertFalse(Values.contains("abc", "z"));
        assertTrue(Values.contains("a1b", 1L));
        assertTrue(Values.contains("a1.5b", 1.5));
        assertFalse(Values.contains("a1b", true));
        assertFalse(Values.contains("abc", null));
        assertTrue(Values.contains(new Markup("<b>"), "<"));
        assertTrue(Values.contains("<b>", new Markup("b")));
        assertTrue(Values.contains(List.of(1L, 2L), 2L));
        assertTrue(Values.contains(List.of(1L, 2L), "2"));
        assertFalse(Values.contains(List.of(1L, 2L), 3L));
        assertTrue(Values.contains(List.of(List.of(1L), List.of(2L)), List.of(1L)));
        assertFalse(Values.contains(List.of("0"), "abc"));
        assertFalse(Values.contains(List.of("abc"), 0L));
        assertTrue(Values.contains(List.of(0L), null));
        assertTrue(Values.contains(map("a", "x", "b", "y"), "y"));
        assertFalse(Values.contains(map("a", "x"), "a"), "keys are not searched");
        assertTrue(Values.contains(new String[] {"p", "q"}, "q"));
        assertTrue(Values.contains(Set.of("s"), "s"));
        assertFalse(Values.contains(5L, 5L));
        assertFalse(Values.contains(null, null));
        Object o = new Object();
        assertTrue(Values.contains(List.of(o), o));
        assertFalse(Values.contains(List.of(new StringBuilder("x")), new Object()));
    }

    // ---- arrays ------------------------------------------------------------------------------------------

    @Test
    void normalizesKeys() {
        assertEquals(12L, Values.normalizeKey("12"));
        assertEquals(-5L, Values.normalizeKey("-5"));
        assertEquals("012", Values.normalizeKey("012"));
        assertEquals("-0", Values.normalizeKey("-0"));
        assertEquals(0L, Values.normalizeKey("0"));
        assertEquals("1.5", Values.normalizeKey("1.5"));
        assertEquals(" 1", Values.normalizeKey(" 1"));
        assertEquals("2e2", Values.normalizeKey("2e2"));
        assertEquals("9223372036854775808", Values.normalizeKey("9223372036854775808"));
        assertEquals(Long.MAX_VALUE, Values.normalizeKey("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Values.normalizeKey("-9223372036854775808"));
        assertEquals(3L, Values.normalizeKey(3));
        assertEquals(1L, Values.normalizeKey(true));
        assertEquals(0L, Values.normalizeKey(false));
        assertEquals("", Values.normalizeKey(null));
        assertEquals(1L, Values.normalizeKey(1.9));
        assertEquals(-1L, Values.normalizeKey(-1.9));
        assertEquals("a", Values.normalizeKey("a"));
        assertEquals(7L, Values.normalizeKey(new Markup("7")));
    }

    @Test
    void convertsCollections() {
        assertEquals(map(0L, "a", 1L, "b"), Values.toMap(List.of("a", "b")));
        assertEquals(map(1L, "a", "x", "b"), Values.toMap(map("1", "a", "x", "b")));
        assertEquals(map(0L, 1, 1L, 2), Values.toMap(new int[] {1, 2}));
        assertEquals(List.of("a", "b"), Values.toList(map("x", "a", "y", "b")));
        assertEquals(List.of(1L, 2L), Values.toList(new Long[] {1L, 2L}));
        assertEquals(List.of(1.5, 2.5), Values.toList(new double[] {1.5, 2.5}));
        assertEquals(List.of("s"), Values.toList(Set.of("s")));
        assertEquals(List.of(), Values.toList(null));
        assertEquals(List.of("x"), Values.toList("x"));
        List<Object> src = list(1L);
        List<Object> copy = Values.toList(src);
        copy.add(2L);
        assertEquals(List.of(1L), src);
        assertTrue(Values.isIterable(List.of()));
        assertTrue(Values.isIterable(Map.of()));
        assertTrue(Values.isIterable(new int[0]));
        assertTrue(Values.isIterable(Set.of()));
        assertFalse(Values.isIterable("abc"));
        assertFalse(Values.isIterable(null));
        assertTrue(Values.isList(map(0L, "a", 1L, "b")));
        assertTrue(Values.isList(map(0, "a", "1", "b")));
        assertTrue(Values.isList(map()));
        assertFalse(Values.isList(map(1L, "a", 0L, "b")));
        assertFalse(Values.isList(map("a", 1L)));
    }

    @Test
    void lengthIsTwigLength() {
        assertEquals(0, Values.length(null));
        assertEquals(3, Values.length("abc"));
        assertEquals(3, Values.length("é-2"));
        assertEquals(1, Values.length("😀"));
        assertEquals(1, Values.length(true));
        assertEquals(0, Values.length(false));
        assertEquals(4, Values.length(3.14));
        assertEquals(3, Values.length(-10L));
        assertEquals(2, Values.length(List.of(1, List.of(2, 3))));
        assertEquals(2, Values.length(map("a", 1, "b", map())));
        assertEquals(3, Values.length(new int[3]));
        assertEquals(2, Values.length(Set.of(1, 2)));
        assertEquals(2, Values.length(new Markup("<b")));
        assertEquals(1, Values.length(new Object()));
        assertEquals(5, Values.length(new Object() {
            @Override
            public String toString() {
                return "hello";
            }
        }));
    }

    @Test
    void emptyIsTwigEmpty() {
        for (Object v : new Object[] {null, false, "", List.of(), Map.of(), new int[0], new Markup("")}) {
            assertTrue(Values.isEmpty(v), () -> "empty: " + v);
        }
        for (Object v : new Object[] {" ", "0", 0L, 0.0, true, "a", List.of(0), new Markup("x"), new Object()}) {
            assertFalse(Values.isEmpty(v), () -> "not empty: " + v);
        }
    }

    @Test
    void typeNames() {
        assertEquals("null", Values.typeName(null));
        assertEquals("bool", Values.typeName(true));
        assertEquals("int", Values.typeName(1L));
        assertEquals("int", Values.typeName(1));
        assertEquals("float", Values.typeName(1.0));
        assertEquals("float", Values.typeName(BigDecimal.ONE));
        assertEquals("string", Values.typeName("s"));
        assertEquals("Twig\\Markup", Values.typeName(new Markup("s")));
        assertEquals("array", Values.typeName(List.of()));
        assertEquals("array", Values.typeName(Map.of()));
        assertEquals("java.lang.Object", Values.typeName(new Object()));
    }
}
