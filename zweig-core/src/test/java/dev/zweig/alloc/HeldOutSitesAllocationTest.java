package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sites the held-out pages (HeldOutPagesTest) found allocating, each printed and chained into another core
 * filter or operator, at most {@link #BOUND} bytes per render after a warm-up, with real Twig's output (PHP
 * oracle): unary minus of a numeric string, {@code keys} on the right of {@code not in}, printf's {@code %e},
 * {@code url_encode} of a mapping and {@code striptags} with allowed tags. The escape routes: a user's function
 * given each of these values keeps it intact through later renders.
 */
class HeldOutSitesAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("s", "12.75");
        d.put("n", "-40");
        d.put("bad", "7 apples");
        d.put("f", 12345.678);
        d.put("tiny", 0.000123456);
        d.put("neg", -5.5);
        Map<String, Object> regions = new LinkedHashMap<>();
        regions.put("eu-west", 1L);
        regions.put("us-east", 2L);
        d.put("regions", regions);
        d.put("region", "ap-south");
        d.put("reg2", "us-east");
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("title", "Zweig & Twig");
        share.put("tags", List.of("a b", "ü"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("n", 5L);
        meta.put("ok", true);
        meta.put("no", false);
        meta.put("skip", null);
        share.put("meta", meta);
        share.put("7", 2.5);
        d.put("share", share);
        d.put("html", "<p>Hello <b>bold</B> <I>it</i> <a href='x'>link</a></p> <br/>");
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("unary minus of a numeric string, printed",
                        "{{ -(1234.567|number_format(2, ',', '.')) }}|{{ -s }}|{{ -n }}|{{ -bad }}|{{ -('1e3') }}"
                                + "|{{ -('0.1') }}",
                        "-1.234|-12.75|40|-7|-1000|-0.1"),
                Arguments.of("unary minus of a numeric string, chained",
                        "{{ (-s)|abs }}|{{ -(f|number_format(2)) * 2 }}|{{ (-n + 1) ~ '' }}", "12.75|-24|41"),
                Arguments.of("keys in not in, printed",
                        "{{ region not in regions|keys ? 'no' : 'yes' }}{{ reg2 not in regions|keys ? 'no' : 'yes' }}",
                        "noyes"),
                Arguments.of("keys in not in, chained",
                        "{{ (region not in regions|keys) and true ? 'A' : 'B' }}|{{ regions|keys|join(',') }}",
                        "A|eu-west,us-east"),
                Arguments.of("format %e, printed",
                        "{{ '%e'|format(f) }}|{{ '%.2e|%E|%10.3e|%-12e|%e|%.0e|%e'|format(f, tiny, neg, 0, 1.0e-5,"
                                + " 9.96, 99999999.5) }}",
                        "1.234568e+4|1.23e+4|1.234560E-4| -5.500e+0|0.000000e+0 |1.000000e-5|1e+1|1.000000e+8"),
                Arguments.of("format %e, chained",
                        "{{ '%e'|format(f)|upper }}|{{ '%+e'|format(tiny)|length }}|{{ '%e'|format(0.1) }}"
                                + "|{{ '%.3e'|format(9.9995) }}|{{ '%e'|format(123456789012.0) }}",
                        "1.234568E+4|12|1.000000e-1|9.999e+0|1.234568e+11"),
                Arguments.of("url_encode of a mapping, printed", "{{ share|url_encode }}",
                        "title=Zweig%20%26%20Twig&amp;tags%5B0%5D=a%20b&amp;tags%5B1%5D=%C3%BC&amp;meta%5Bn%5D=5"
                                + "&amp;meta%5Bok%5D=1&amp;meta%5Bno%5D=0&amp;7=2.5"),
                Arguments.of("url_encode of a mapping, chained",
                        "{{ share|url_encode|length }}|{{ {a: 1, b: [1, 2]}|url_encode|upper }}",
                        "111|A=1&amp;B%5B0%5D=1&amp;B%5B1%5D=2"),
                Arguments.of("striptags with allowed tags, printed",
                        "{{ html|striptags('<b><i>')|raw }}|{{ html|striptags('<a>')|raw }}"
                                + "|{{ html|striptags('<BR><p>')|raw }}",
                        "Hello <b>bold</B> <I>it</i> link |Hello bold it <a href='x'>link</a> "
                                + "|<p>Hello bold it link</p> <br/>"),
                Arguments.of("striptags with allowed tags, chained",
                        "{{ html|striptags('<b>')|upper }}|{{ html|striptags('<b><i>')|length }}",
                        "HELLO &lt;B&gt;BOLD&lt;/B&gt; IT LINK |33"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = template(template);
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 500, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    @Test
    void striptagsWithAListOfAllowedTags() {
        Template t = template("{{ html|striptags(['br', 'P'])|raw }}");
        assertEquals("<p>Hello bold it link</p> <br/>", t.render(data()));
    }

    @Test
    void aUsersFunctionKeepsWhatItIsGivenIntact() {
        List<Object> seen = new ArrayList<>();
        Template t = Environment.builder()
                .loader(new MapLoader(Map.of("t", "{{ keep(-(f|number_format(2))) }}{{ keep(-s) }}"
                        + "{{ keep(share|url_encode) }}{{ keep(html|striptags('<b>')) }}{{ keep('%e'|format(f)) }}"
                        + "{{ keep(regions|keys) is empty ? '' : '' }}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return a[0];
                }).params("value"))
                .build().load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput();
        t.render(data, out);
        List<Object> first = List.copyOf(seen);
        String printed = out.toString();
        Map<String, Object> other = data();
        other.put("f", 0.5);
        other.put("s", "99");
        other.put("html", "<b>x</b><i>y</i>");
        Map<String, Object> share = new LinkedHashMap<>();
        share.put("q", "other value");
        other.put("share", share);
        other.put("regions", Map.of("x", 1L));
        for (int i = 0; i < 50; i++) {
            out.reset();
            t.render(i % 2 == 0 ? other : data, out);
        }
        assertEquals(List.of(-12L, -12.75,
                "title=Zweig%20%26%20Twig&tags%5B0%5D=a%20b&tags%5B1%5D=%C3%BC&meta%5Bn%5D=5&meta%5Bok%5D=1"
                        + "&meta%5Bno%5D=0&7=2.5",
                "Hello <b>bold</B> it link ", "1.234568e+4", List.of("eu-west", "us-east")), first);
        assertEquals(first.toString(), seen.subList(0, 6).toString(), "a kept value changed in later renders");
        for (Object v : seen) {
            // a list comes as a read-only view of its own (see HandOver), never the render's pooled storage
            assertTrue(v instanceof String || v instanceof Long || v instanceof Double || v instanceof List<?>,
                    "a user's function got " + v.getClass());
        }
        assertTrue(printed.startsWith("-12-12.75title="), printed);
    }

    /** Templates included with a {@code ~} in their variables (the newsletter and escaping pages). */
    private static Map<String, String> includes(String index) {
        Map<String, String> m = new HashMap<>();
        m.put("index.twig", index);
        m.put("box.twig", "<div>{% block box %}{{ text|default('(empty)') }}{% endblock %}</div>");
        m.put("w.twig", "[{{ label }}|{{ label|e('html_attr') }}|{{ label|upper|length }}]");
        m.put("btn.twig", "<a href=\"{{ href }}\">{{ label }}</a>");
        m.put("keeps.twig", "{{ keep(text) }}{% set t = text %}({{ t }})");
        m.put("context.twig", "{{ _context.text|length }}");
        return m;
    }

    @Test
    void concatenationsPassedToIncludesAsTwigWithoutAllocating() {
        Map<String, Object> data = new HashMap<>();
        data.put("list", List.of("a", "b"));
        data.put("n", 5L);
        data.put("name", "Tom & Jerry");
        data.put("url", "https://x.org/p");
        Template t = Environment.builder().loader(new MapLoader(includes(
                "{% for s in list %}{% include 'box.twig' with {text: s ~ ' (' ~ n ~ ' min)'} %}{% endfor %}"
                        + "|{{ include('w.twig', {label: name ~ ' <w>'}) }}"
                        + "|{% include 'btn.twig' with {href: url ~ '?a=' ~ ('x y'|url_encode), label: 'Go'} only %}")))
                .build().load("index.twig");
        String expected = "<div>a (5 min)</div><div>b (5 min)</div>|[Tom &amp; Jerry &lt;w&gt;"
                + "|Tom&#x20;&amp;&#x20;Jerry&#x20;&lt;w&gt;|15]|<a href=\"https://x.org/p?a=x%20y\">Go</a>";
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString());
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 500, BOUND);
        assertTrue(bytes <= BOUND, bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString());
    }

    @Test
    void anIncludedTemplateHandingTheTextOnGetsAString() {
        List<Object> seen = new ArrayList<>();
        Template t = Environment.builder().loader(new MapLoader(includes(
                "{% for s in list %}{% include 'keeps.twig' with {text: s ~ '!'} %}"
                        + "{{ include('keeps.twig', {text: s ~ '?'}) }}{% include 'context.twig' with {text: s ~ s} %}"
                        + "{% endfor %}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    seen.add(a[0]);
                    return a[0];
                }).params("value"))
                .build().load("index.twig");
        Map<String, Object> data = new HashMap<>();
        data.put("list", List.of("a", "bc"));
        assertEquals("a!(a!)a?(a?)2bc!(bc!)bc?(bc?)4", t.render(data));
        assertEquals(List.of("a!", "a?", "bc!", "bc?"), seen);
        for (Object v : seen) {
            assertEquals(String.class, v.getClass(), "a user's function got " + v.getClass());
        }
        data.put("list", List.of("xyz", "w"));
        for (int i = 0; i < 20; i++) {
            t.render(data);
        }
        assertEquals(List.of("a!", "a?", "bc!", "bc?"), seen.subList(0, 4), "a kept value changed");
    }

    private static Template template(String source) {
        return Environment.builder().loader(new MapLoader(Map.of("t", source))).build().load("t");
    }
}
