package dev.zweig.core;

import static dev.zweig.core.TestCalls.list;
import static dev.zweig.core.TestCalls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.Markup;
import dev.zweig.php.Values;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFiltersTest {
    private static final List<FilterDefinition> DEFS = StringFilters.definitions();

    private static Object f(String name, Object... args) {
        return TestCalls.invoke(DEFS, name, true, args);
    }

    /** The filter's result as the template prints it. */
    private static String p(String name, Object... args) {
        return Values.toString(f(name, args));
    }

    @Test
    void caseConversion() {
        assertEquals("Hello world", p("capitalize", "hELLO wORLD"));
        assertEquals("École été", p("capitalize", "éCOLE ÉTÉ"));
        assertEquals("", p("capitalize", ""));
        assertEquals("", p("capitalize", (Object) null));
        assertEquals("123abc def", p("capitalize", "123abc DEF"));
        assertEquals(" lead", p("capitalize", " lead"));
        assertEquals("STRASSE ÜBER FIX", p("upper", "straße über ﬁx"));
        assertEquals("12.5", p("upper", 12.5));
        assertEquals("abc", p("lower", "ABC"));
        assertEquals("", p("upper", (Object) null));
    }

    @Test
    void title() {
        assertEquals("Hello World Foo-Bar", p("title", "hello wORLD foo-bar"));
        assertEquals("Élan Ñandú École", p("title", "élan ñandú ÉCOLE"));
        assertEquals("I Like Twig.", p("title", "I like Twig."));
        // apostrophes and dots do not start a new word, digits do
        assertEquals("It's A.b 2Nd", p("title", "it's a.b 2nd"));
        assertEquals("", p("title", (Object) null));
    }

    /** Case mapping as PHP 8.2's mbstring does it (values from Twig on PHP 8.2). */
    @Test
    void caseMappingAsPhpMbstring() {
        // no final-sigma rule before PHP 8.3
        assertEquals("σοφοσ σοφός|Οδοσ|Σοφοσ", String.join("|", p("lower", "ΣΟΦΟΣ σοφός"), p("capitalize", "ΟΔΟΣ"),
                p("title", "ΣΟΦΟΣ")));
        // title-case letters stay, Georgian has no title case of its own, full mappings up to the first cased letter
        assertEquals("ǅ ǅungla|ა ბ|ʼN|ᾈᾀ|Ss", String.join("|", p("title", "ǅ ǆungla"), p("title", "ა ბ"),
                p("title", "ŉ"), p("title", "ᾈᾈ"), p("title", "ß")));
    }

    @Test
    void trim() {
        assertEquals("x", p("trim", "  x  "));
        assertEquals("x", p("trim", "--x--", "-"));
        assertEquals("x--", p("trim", "--x--", "-", "left"));
        assertEquals("--x", p("trim", "--x--", "-", "right"));
        assertEquals("hi", p("trim", "xxhixx", "x"));
        assertEquals("c", p("trim", "abcba", "ab"));
        assertEquals("x  ", p("trim", "  x  ", null, "left"));
        assertEquals("m", p("trim", "abmyz", "a..cx..z"));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("trim", "x", null, "up"));
        assertEquals("Trimming side must be \"left\", \"right\" or \"both\".", e.getRawMessage());
        // safe markup trimmed with the default mask stays safe
        assertInstanceOf(Markup.class, f("trim", new Markup(" <b> ")));
        assertEquals("<b>", f("trim", new Markup(" <b> ")).toString());
        assertInstanceOf(String.class, f("trim", new Markup("-<b>-"), "-"));
    }

    @Test
    void striptags() {
        assertEquals("Hello Worldx()", p("striptags", "<p>Hello <b>World</b></p><br/><!-- c --><script>x()</script>"));
        assertEquals("Hello, World!", p("striptags", "<p>Hello, <strong>World</strong>!</p>"));
        assertEquals("Hello, <strong>World</strong>!", p("striptags", "<p>Hello, <strong>World</strong>!</p>", "<strong>"));
        assertEquals("<b>a</b> <i>b</i>", p("striptags", "<p><b>a</b> <i>b</i></p>", list("b", "i")));
        assertEquals("a < b and c", p("striptags", "a < b and <em>c</em>"));
        assertEquals("x", p("striptags", "<a title=\"1 > 0\">x</a>"));
        assertEquals("ab", p("striptags", "a<?php echo 1; ?>b"));
        assertEquals("", p("striptags", (Object) null));
    }

    @Test
    void nl2brAndSpaceless() {
        assertEquals("a<br />\nb<br />\r\nc<br />\rd", p("nl2br", "a\nb\r\nc\rd"));
        assertEquals("I like Twig.<br />\n<br />\nX", p("nl2br", "I like Twig.\n\nX"));
        assertEquals("", p("nl2br", (Object) null));
        FilterDefinition nl2br = def("nl2br");
        assertEquals("html", nl2br.preEscape());
        assertTrue(nl2br.safe().contains("html"));
        assertEquals("<div><strong>foo</strong></div>", p("spaceless", "  <div>\n   <strong>foo</strong>\n</div> "));
        assertEquals("<b> a </b>", p("spaceless", "<b> a </b>"));
        FilterDefinition spaceless = def("spaceless");
        // since 3.26 the input is escaped before whitespace is removed
        assertEquals("html", spaceless.preEscape());
        assertTrue(spaceless.safe().contains("html"));
    }

    private static FilterDefinition def(String name) {
        return DEFS.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void replace() {
        assertEquals("yc", p("replace", "abc", map("a", "x", "ab", "y")));
        assertEquals("aaaaaa", p("replace", "aaa", map("a", "aa")));
        assertEquals("heL0", p("replace", "hello", map("l", "L", "lo", "0")));
        assertEquals("Hello <World>", p("replace", "Hello NAME", map("NAME", "<World>")));
        assertEquals("a-b", p("replace", "0-1", list("a", "b")));
        assertEquals("I like Twig.", p("replace", "I like %this%.", map("%this%", "Twig")));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("replace", "x", "y"));
        assertEquals("The \"replace\" filter expects a sequence or a mapping, got \"string\".", e.getRawMessage());
    }

    @Test
    void format() {
        assertEquals("a-42-03.14", p("format", "%s-%d-%05.2f", "a", 42L, 3.14159));
        assertEquals("ff FF 10 101", p("format", "%x %X %o %b", 255L, 255L, 8L, 5L));
        assertEquals("+5 -5 3 Hi %", p("format", "%+d %+d %u %c%c %%", 5L, -5L, 3L, 72L, 105L));
        assertEquals("b a b", p("format", "%2$s %1$s %2$s", "a", "b"));
        assertEquals("01", p("format", "%02d", 1L));
        assertEquals("-0003|-3   |   -3|**ab", p("format", "%05d|%-05d|%5d|%'*4s", -3L, -3L, -3L, "ab"));
        assertEquals("1.234500e+3 1.2E+3 1.2e-5", p("format", "%e %.1E %.1e", 1234.5, 1234.5, 0.000012));
        assertEquals("0.1 1.0e+20 1234.5", p("format", "%g %g %g", 0.1, 1e20, 1234.5));
        assertEquals("1.12 1.13 2", p("format", "%.2f %.2f %.0f", 1.125, 1.1251, 1.5));
        assertEquals("ab  |abc", p("format", "%-4.2s|%.5s", "abc", "abc"));
        assertEquals("3 apples", p("format", "%d apples", "3.9"));
        assertEquals("", p("format", (Object) null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f("format", "%s %s", "a"));
        assertEquals("3 arguments are required, 2 given", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> f("format", "%y", "a"));
        assertEquals("Unknown format specifier \"y\"", e.getMessage());
    }

    @Test
    void split() {
        assertEquals(list("one", "two", "three"), f("split", "one,two,three", ","));
        assertEquals(list("one", "two", "three,four,five"), f("split", "one,two,three,four,five", ",", 3L));
        assertEquals(list("one", "two", "three"), f("split", "one,two,three,four,five", ",", -2L));
        assertEquals(list("a,b,c"), f("split", "a,b,c", ",", 1L));
        assertEquals(list("a,b,c"), f("split", "a,b,c", ",", 0L));
        assertEquals(list("1", "2", "3", "4", "5"), f("split", "12345", ""));
        assertEquals(list("12", "34", "5"), f("split", "12345", "", 2L));
        assertEquals(list("é"), f("split", "é", "", 10L));
        assertEquals(list("éÄ", "ßご", "a"), f("split", "éÄßごa", "", 2L));
        assertEquals(list(""), f("split", "", ","));
        assertEquals(list(""), f("split", null, ","));
        assertEquals(list(), f("split", "", ",", -1L));
    }

    @Test
    void urlEncode() {
        assertEquals("a%20b%26c%3Dd%2F%C3%A9~_.-%2B%21%2A%27%28%29", p("url_encode", "a b&c=d/é~_.-+!*'()"));
        assertEquals("a=x%20y&b=%C3%A9&c=3", p("url_encode", map("a", "x y", "b", "é", "c", 3L)));
        assertEquals("a%5Bb%5D=1&a%5Bc%5D%5B0%5D=1&a%5Bc%5D%5B1%5D=2",
                p("url_encode", map("a", map("b", 1L, "c", list(1L, 2L)))));
        assertEquals("0=x&1=y", p("url_encode", list("x", "y")));
        assertEquals("b=1&c=0&d=", p("url_encode", map("a", null, "b", true, "c", false, "d", "")));
        assertEquals("😀", java.net.URLDecoder.decode(p("url_encode", "😀"), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("", p("url_encode", (Object) null));
    }

    @Test
    void convertEncoding() {
        assertEquals("Ã©", p("convert_encoding", "é", "UTF-8", "ISO-8859-1"));
        assertEquals("é", p("convert_encoding", "é", "UTF-8", "UTF-8"));
    }

    @Test
    void numberFormat() {
        assertEquals("1 2 3 -3 1.13", String.join(" ", p("number_format", 0.5), p("number_format", 1.5),
                p("number_format", 2.5), p("number_format", -2.5), p("number_format", 1.125, 2L)));
        assertEquals("0", p("number_format", -0.4));
        assertEquals("0.00", p("number_format", -0.001, 2L));
        assertEquals("-98765432", p("number_format", -98765.4321, 3L, "", ""));
        assertEquals("-98765", p("number_format", -98765.4321, 0L, ".", ""));
        assertEquals("1’234’567·00", p("number_format", 1234567L, 2L, "·", "’"));
        assertEquals("1,234,567.89", p("number_format", "1234567.891", 2L));
        assertEquals("1.01", p("number_format", 1.005, 2L));
        assertEquals("0", p("number_format", (Object) null));
    }

    @Test
    void abs() {
        assertEquals(5L, f("abs", -5L));
        assertEquals(3.5, f("abs", -3.5));
        assertEquals(7L, f("abs", "-7"));
        assertEquals(7L, f("abs", "007"));
        assertEquals(0L, f("abs", "-0"));
        assertEquals(9223372036854775807L, f("abs", -9223372036854775807L));
        assertEquals(5L, f("abs", " -5 "));
        // PHP 8's int|float parameter: a leading-numeric string is a TypeError like any non-numeric one
        for (String s : new String[] {"abc", "-5 apples"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f("abs", s));
            assertEquals("abs(): Argument #1 ($num) must be of type int|float, string given", e.getMessage());
        }
    }

    @Test
    void round() {
        assertEquals("3 2 2.123 3", String.join(" ", p("round", 2.7), p("round", 2.1), p("round", 2.1234, 3L, "floor"),
                p("round", 2.1, 0L, "ceil")));
        assertEquals("20 30 20 20", String.join(" ", p("round", 21.3, -1L), p("round", 21.3, -1L, "ceil"),
                p("round", 21.3, -1L, "floor"), p("round", "21.3", -1L, "floor")));
        assertEquals("0 0 0 0", String.join(" ", p("round", "", -1L, "floor"), p("round", null, -1L, "floor"),
                p("round", (Object) null), p("round", null, 2L, "ceil")));
        assertEquals("3.14 3.14 3.15", String.join(" ", p("round", 3.14159, 2L), p("round", 3.14159, 2L, "floor"),
                p("round", 3.141, 2L, "ceil")));
    }

    /** PHP 8.2 pre-rounds to 15 significant digits before rounding half away from zero (values checked with PHP). */
    @Test
    void roundAndNumberFormatPreRoundLikePhp() {
        assertEquals("101 1 0 1234567890.124 5930166658.7536", String.join(" ", p("round", 1.005 * 100),
                p("round", 0.49999999999999994), p("round", -0.02, -25L), p("round", 1234567890.1235, 3L),
                p("round", 5930166658.75355, 4L)));
        assertEquals("630,483,847.19 1,234,567,890.124 42,052,041,883.01", String.join(" ",
                p("number_format", 630483847.185, 2L), p("number_format", 1234567890.1235, 3L),
                p("number_format", 42052041883.005, 2L)));
        assertEquals("-1.3 -1.2 -1.3", String.join(" ", p("round", -1.25, 1L, "floor"), p("round", -1.25, 1L, "ceil"),
                p("round", -1.25, 1L)));
        assertInstanceOf(Double.class, f("round", 3L));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> f("round", 1L, 0L, "bankers"));
        assertEquals("The \"round\" filter only supports the \"common\", \"ceil\", and \"floor\" methods.",
                e.getRawMessage());
    }

    @Test
    void jsonEncode() {
        Object v = map("a", 1L, "b", list(1L, 2L), "c", null, "d", true, "e", "é/<>&'\"", "f", map("g", list()));
        assertEquals("{\"a\":1,\"b\":[1,2],\"c\":null,\"d\":true,\"e\":\"\\u00e9\\/<>&'\\\"\",\"f\":{\"g\":[]}}",
                f("json_encode", v));
        assertEquals("[\"a\",\"b\"]", f("json_encode", map(0L, "a", 1L, "b")));
        assertEquals("{\"1\":\"a\",\"2\":\"b\"}", f("json_encode", map(1L, "a", 2L, "b")));
        assertEquals("[1,0.5,-2.25,100]", f("json_encode", list(1.0, 0.5, -2.25, 100.0)));
        assertEquals("0.30000000000000004", f("json_encode", 0.1 + 0.2));
        assertEquals("1.0e+25 1.0e-5 -0", f("json_encode", 1e25) + " " + f("json_encode", 0.00001) + " "
                + f("json_encode", -0.0));
        assertEquals("\"\\ud83d\\ude00\"", f("json_encode", "😀"));
        // JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE
        assertEquals("\"é/\"", f("json_encode", "é/", 64L | 256L));
        // JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT
        assertEquals("\"\\u003C\\u003E\\u0026\\u0027\\u0022\"", f("json_encode", "<>&'\"", 15L));
        // JSON_PRETTY_PRINT
        assertEquals("{\n    \"a\": [\n        1\n    ],\n    \"b\": []\n}",
                f("json_encode", map("a", list(1L), "b", map()), 128L));
        // JSON_FORCE_OBJECT, JSON_PRESERVE_ZERO_FRACTION
        assertEquals("{\"0\":1.0}", f("json_encode", list(1.0), 16L | 1024L));
        assertEquals(Boolean.FALSE, f("json_encode", Double.NaN));
        assertEquals("\"x\"", f("json_encode", new Markup("x")));
    }
}
