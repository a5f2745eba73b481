package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
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
 * A split whose result is iterated or kept in a variable, with pieces only the core reads (printed, compared,
 * tested, fed to core filters; the list only iterated, indexed, measured, joined), allocates at most {@link #BOUND}
 * bytes per render after a warm-up, and prints what Twig prints (expected outputs from the Twig oracle). Wherever
 * the pieces or the list may reach user code, they are a fresh list of fresh Strings that stay intact.
 */
class SplitAllocationTest {
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("csv", "a,b,c");
        d.put("nums", "10,1e1,abc, 10,2.5,");
        d.put("html", "<b>,&amp;,O'Neil");
        d.put("rows", List.of(Map.of("csv", "x,y"), Map.of("csv", "p,q,r")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        m.put("b", 2L);
        m.put("c", 3L);
        d.put("m", m);
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("printed", "{{ csv|split(',')|join('-') }}{{ csv|split(',')|length }}", "a-b-c3"),
                Arguments.of("iterated", "{% for p in csv|split(',') %}{{ p }}{{ p == 'b' ? '!' }}{{ p|upper }}"
                        + "{{ loop.index }}{% endfor %}", "aA1b!B2cC3"),
                Arguments.of("indexed on the spot", "{{ (csv|split(','))[1] }}", "b"),
                Arguments.of("read by the core", "{% for p in nums|split(',') %}[{{ p }}|{{ p == 'abc' ? 'eq' }}{{ p is same as('10') ? 'same' }}{{ p is empty ? 'empty' }}{{ p in '110abc' ? 'in' }}{{ 'b' in p ? 'has' }}{{ p starts with '1' ? 'sw' }}{{ p ends with '0' ? 'ew' }}{{ p matches '/^\\\\d+$/' ? 'm' }}{{ p|length }}{{ p|upper }}{{ p|capitalize }}{{ p|trim }}{{ p|json_encode }}{{ p|slice(1) }}{{ p|split('')|join('.') }}{{ '%s-%s'|format(p, p) }}{{ p|escape('js') }}]{% endfor %}",
                        "[10|sameinswewm2101010&quot;10&quot;01.010-1010][1e1|sw31E11e11e1&quot;1e1&quot;e11.e.11e1-1e11e1][abc|eqinhas3ABCAbcabc&quot;abc&quot;bca.b.cabc-abcabc][ 10|ew3 10 1010&quot; 10&quot;10 .1.0 10- 10\\u002010][2.5|32.52.52.5&quot;2.5&quot;.52...52.5-2.52.5][|emptyin0&quot;&quot;-]"),
                Arguments.of("kept", "{% set parts = csv|split(',') %}{{ parts|length }}{{ parts[0] }}{{ parts[2] }}{% for p in parts %}{{ p }}{{ loop.index }}{% endfor %}{{ parts|last }}{{ parts|first }}{{ parts|join('+') }}{{ 'b' in parts ? 'in' }}{{ 'z' in parts ? 'in' : 'out' }}{{ parts|json_encode }}{{ parts == ['a','b','c'] ? 'eq' }}{{ parts is empty ? 'e' : 'ne' }}",
                        "3aca1b2c3caa+b+cinout[&quot;a&quot;,&quot;b&quot;,&quot;c&quot;]eqne"),
                Arguments.of("nested", "{% for row in rows %}{% for c in row.csv|split(',') %}{{ c }}{% if not loop.last %},{% endif %}{% endfor %};{% set parts = row.csv|split(',') %}{{ parts|length }}{{ parts|last|upper }}{% for c in parts %}<{{ c }}>{% endfor %}{% endfor %}",
                        "x,y;2Y<x><y>p,q,r;3R<p><q><r>"),
                Arguments.of("escaped", "{% for p in html|split(',') %}{{ p }}|{{ p|raw }}|{{ p|e('html_attr') }}|{{ p|striptags }}|{{ p|title }}|{{ p|lower }}|{{ p|nl2br }};{% endfor %}",
                        "&lt;b&gt;|<b>|&lt;b&gt;||&lt;B&gt;|&lt;b&gt;|&lt;b&gt;;&amp;amp;|&amp;|&amp;amp&#x3B;|&amp;amp;|&amp;Amp;|&amp;amp;|&amp;amp;;O&#039;Neil|O'Neil|O&#x27;Neil|O&#039;Neil|O&#039;neil|o&#039;neil|O&#039;Neil;"),
                Arguments.of("limits", "{% for p in csv|split(',', 2) %}{{ p }};{% endfor %}{% for p in csv|split(',', -1) %}{{ p }};{% endfor %}{% for p in 'abcde'|split('', 2) %}{{ p }};{% endfor %}{% for p in ''|split(',') %}[{{ p }}]{% endfor %}{% for p in ''|split('') %}[{{ p }}]{% endfor %}{% for k, p in csv|split(',') %}{{ k }}={{ p }};{% else %}none{% endfor %}",
                        "a;b,c;a;b;ab;cd;e;[][]0=a;1=b;2=c;"),
                Arguments.of("iterated in a macro", "{% macro m(s) %}{% for p in s|split(',') %}{{ p }};{% endfor %}"
                        + "{% set parts = s|split(',') %}{{ parts|last }}{% endmacro %}{{ _self.m(csv) }}", "a;b;c;c"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = template(template);
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 500, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    @Test
    void everyCoreOperationOnPiecesPrintsWhatTwigPrintsWithoutAllocating() {
        Template t = template("{% for p in nums|split(',') %}[{{ p }}|{{ p == '10' ? 'eq' }}|{{ p != '10' ? 'ne' }}|{{ p < 'b' ? 'lt' }}|{{ p <=> '5' }}|{{ p is same as('10') ? 'same' }}|{{ p is empty ? 'empty' }}|{{ p in '110abc' ? 'in' }}|{{ 'b' in p ? 'has' }}|{{ p starts with '1' ? 'sw' }}|{{ p ends with '0' ? 'ew' }}|{{ p matches '/^\\\\d+$/' ? 'm' }}|{{ p|length }}|{{ p|upper }}|{{ p|capitalize }}|{{ p|trim }}|{{ p|json_encode }}|{{ p|url_encode }}|{{ p|replace({'1': 'one'}) }}|{{ p ~ '!' }}|{{ p|first }}|{{ p|last }}|{{ p|slice(1) }}|{{ p|split('')|join('.') }}|{{ p|reverse }}|{{ (p ?: 'none') }}|{{ p|default('d') }}|{{ '%s-%s'|format(p, p) }}|{{ p|escape('js') }}|{{ p is not empty and p matches '/^[0-9. ]+$/' and p + 0 > 5 ? 'big' }}]{% endfor %}");
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        Map<String, Object> data = data();
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 300, BOUND);
        assertTrue(bytes <= BOUND, bytes + " bytes per render (bound " + BOUND + ")");
        for (int i = 0; i < 3; i++) {
            out.reset();
            t.render(data, out);
            assertEquals("[10|eq||lt|1|same||in||sw|ew|m|2|10|10|10|&quot;10&quot;|10|one0|10!|1|0|0|1.0|01|10|10|10-10|10|big][1e1|eq||lt|1|||||sw|||3|1E1|1e1|1e1|&quot;1e1&quot;|1e1|oneeone|1e1!|1|1|e1|1.e.1|1e1|1e1|1e1|1e1-1e1|1e1|][abc||ne|lt|1|||in|has||||3|ABC|Abc|abc|&quot;abc&quot;|abc|abc|abc!|a|c|bc|a.b.c|cba|abc|abc|abc-abc|abc|][ 10|eq||lt|1||||||ew||3| 10| 10|10|&quot; 10&quot;|%2010| one0| 10!| |0|10| .1.0|01 | 10| 10| 10- 10|\\u002010|big][2.5||ne|lt|-1||||||||3|2.5|2.5|2.5|&quot;2.5&quot;|2.5|2.5|2.5!|2|5|.5|2...5|5.2|2.5|2.5|2.5-2.5|2.5|][||ne|lt|-1||empty|in|||||0||||&quot;&quot;|||!||||||none|d|-||]", out.toString());
        }
    }

    @Test
    void piecesUsedAsKeysSortedMappedOrSlicedPrintWhatTwigPrints() {
        // these uses keep pieces (a mapping key, a sorted or sliced list): fresh Strings there, same output
        String template = "{% for p in csv|split(',') %}{{ m[p] }}{{ {(p): loop.index}|keys|join }}{{ [p, 'b']|sort|join }}{{ m[p] is defined ? 'd' }}{% endfor %}{% set parts = csv|split(',') %}{{ parts|sort|reverse|join }}{{ parts|map(x => x|upper)|join }}{{ parts|filter(x => x != 'b')|join }}{{ parts|slice(1)|join }}{{ (csv|split(','))[1] }}{{ csv|split(',')|slice(1)|join('') }}";
        Template t = template(template);
        StringBuilderOutput out = new StringBuilderOutput();
        for (int i = 0; i < 3; i++) {
            out.reset();
            t.render(data(), out);
            assertEquals("1aabd2bbbd3cbcdcbaABCacbcbbc", out.toString());
        }
    }

    @Test
    void aSliceOfASplitKeptInAVariableKeepsItsPieces() {
        Template t = template("{% set x = csv|split(',')|slice(1) %}{{ 'qq'|upper }}{{ (csv ~ csv)|upper }}"
                + "{{ x|join('-') }}{% for p in x %}{{ p }}{% endfor %}");
        StringBuilderOutput out = new StringBuilderOutput();
        t.render(data(), out);
        assertEquals("QQA,B,CA,B,Cb-cbc", out.toString());
    }

    // ---- wherever pieces may escape, user code gets a fresh list of fresh Strings ----------------------------

    /** Each escape route: the template, and what the user's callable is given (joined with "|"). */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("user filter on the list", "{% set parts = csv|split(',') %}{{ parts|mine }}"
                        + "{{ parts|length }}"),
                Arguments.of("user filter on a piece", "{% for p in csv|split(',') %}{{ p|mine }}{% endfor %}"),
                Arguments.of("user function", "{% set parts = csv|split(',') %}{{ parts|join }}{{ keep(parts) }}"),
                Arguments.of("user function on a piece", "{% for p in csv|split(',') %}{{ keep(p) }}{% endfor %}"),
                Arguments.of("user test", "{% for p in csv|split(',') %}{{ p is kept ? '' }}{% endfor %}"),
                Arguments.of("user test on the list", "{{ csv|split(',') is kept ? '' }}"),
                Arguments.of("macro", "{% macro m(v) %}{{ keep(v) }}{% endmacro %}{% set parts = csv|split(',') %}"
                        + "{{ parts|length }}{{ _self.m(parts) }}"),
                Arguments.of("macro, a piece", "{% macro m(v) %}{{ keep(v) }}{% endmacro %}"
                        + "{% for p in csv|split(',') %}{{ _self.m(p) }}{% endfor %}"),
                Arguments.of("_context", "{% set parts = csv|split(',') %}{{ parts|length }}"
                        + "{{ keep(_context.parts) }}"),
                Arguments.of("_context in a loop", "{% for p in csv|split(',') %}{{ keep(_context.p) }}{% endfor %}"),
                Arguments.of("include with", "{% set parts = csv|split(',') %}{{ parts|length }}"
                        + "{% include 'inc' with {v: parts} %}"),
                Arguments.of("include with a piece", "{% for p in csv|split(',') %}{% include 'inc' with {v: p} %}"
                        + "{% endfor %}"),
                Arguments.of("include of the context", "{% for v in csv|split(',') %}{% include 'inc' %}{% endfor %}"),
                Arguments.of("collection literal", "{% set parts = csv|split(',') %}{% set all = [parts] %}"
                        + "{{ parts|length }}{{ keep(all[0]) }}"),
                Arguments.of("collection literal of pieces", "{% set all = [] %}{% for p in csv|split(',') %}"
                        + "{% set all = all|merge([p]) %}{% endfor %}{% for v in all %}{{ keep(v) }}{% endfor %}"),
                Arguments.of("arrow", "{% set f = null %}{% for p in csv|split(',') %}{% set f = x => p %}"
                        + "{{ keep(['x']|map(f)|first) }}{% endfor %}"),
                Arguments.of("arrow kept after the loop", "{% set f = null %}{% for p in csv|split(',') %}"
                        + "{% set f = x => p ~ '' %}{% endfor %}"
                        + "{{ 'zz'|upper }}{{ keep(['x']|map(f)|first) }}"),
                Arguments.of("arrow over the list", "{% set parts = csv|split(',') %}{{ parts|length }}"
                        + "{{ keep(['x']|map(x => parts)|first) }}"),
                Arguments.of("loop exposed", "{% set parts = csv|split(',') %}{{ parts|length }}{% for i in [1] %}"
                        + "{{ keep(loop.parent.parts) }}{% endfor %}"),
                Arguments.of("loop to a macro", "{% macro m(l) %}{{ keep(l.parent.parts) }}{% endmacro %}"
                        + "{% set parts = csv|split(',') %}{{ parts|length }}{% for i in [1] %}{{ _self.m(loop) }}"
                        + "{% endfor %}"),
                Arguments.of("kept after the loop", "{% set q = '' %}{% for p in csv|split(',') %}{% set q = p %}"
                        + "{% endfor %}{{ 'zz'|upper }}{{ keep(q) }}"),
                Arguments.of("kept trimmed after the loop", "{% set q = '' %}{% for p in csv|split(',') %}"
                        + "{% set q = p|trim %}{% endfor %}{{ 'zz'|upper }}{{ keep(q) }}"),
                Arguments.of("a slice kept", "{% set x = csv|split(',')|slice(0) %}{{ 'zz'|upper }}{{ keep(x) }}"),
                Arguments.of("first kept", "{% set parts = csv|split(',') %}{% set x = parts|first %}"
                        + "{{ parts|length }}{{ keep(x) }}"),
                Arguments.of("escaped list kept", "{% set parts = csv|split(',') %}{% set x = parts|e %}"
                        + "{{ parts|length }}{{ keep(x) }}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void userCodeGetsFreshStringsThatStayIntact(String what, String template) {
        List<Object> seen = new ArrayList<>();
        dev.zweig.ext.Invocable keep = (ctx, a) -> {
            seen.add(a[0]);
            return "";
        };
        Environment env = Environment.builder().autoescape(false)
                .loader(new MapLoader(Map.of("t", template, "inc", "{{ keep(v) }}")))
                .filter(FilterDefinition.of("mine", keep))
                .function(FunctionDefinition.of("keep", keep).params("value"))
                .test(TestDefinition.of("kept", (ctx, a) -> {
                    seen.add(a[0]);
                    return true;
                }))
                .build();
        Template t = env.load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput();
        t.render(data, out);
        List<String> first = describe(seen, what);
        assertTrue(!first.isEmpty(), what + ": the user's callable was called");
        int once = seen.size();
        // later renders (and other text) reuse the engine's buffers: what was handed out must not change
        data.put("csv", "u,v,w");
        for (int i = 0; i < 5; i++) {
            out.reset();
            t.render(data, out);
        }
        assertEquals(first, describe(seen.subList(0, once), what), what + ": changed after later renders");
        assertTrue(String.join("|", first).contains("a") || String.join("|", first).contains("c"),
                what + ": " + first);
    }

    /** What user code was given, as text; asserting every value is a String or a List of Strings. */
    private static List<String> describe(List<Object> seen, String what) {
        List<String> out = new ArrayList<>();
        for (Object v : seen) {
            if (v instanceof List<?> l) {
                for (Object e : l) {
                    assertEquals(String.class, e.getClass(), what + ": an element given to user code");
                }
                out.add(l.toString());
            } else if (v instanceof Map<?, ?> mp) { // a loop: its parent scope holds parts
                Object scope = mp.containsKey("parts") ? mp : mp.get("parent");
                out.addAll(describe(java.util.Collections.singletonList(((Map<?, ?>) scope).get("parts")), what));
            } else {
                assertEquals(String.class, v == null ? String.class : v.getClass(), what + ": given to user code");
                out.add(String.valueOf(v));
            }
        }
        return out;
    }

    private static Template template(String source) {
        return Environment.builder().loader(new MapLoader(Map.of("t", source))).build().load("t");
    }
}
