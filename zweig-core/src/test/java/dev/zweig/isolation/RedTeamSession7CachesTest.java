package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.Output;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Red team of session 7's caches and in-place storage: the render's caches of immutable Strings and dates (texts
 * and dates made as values), the in-place accumulations ({@code set x = x|merge(...)}, reduce carries), the box
 * caches and the render-private mappings of {@code with}/{@code include ... only}.
 *
 * <p>The holes found were in the working space core filters borrow from the render (RenderMemo.CALL): the date
 * filters' fields and replace's pairs were one object per render state, used again by a core filter that ran while
 * they were in use. Application code runs in the middle of such a call (a caller's Output written to, a value's
 * toString) and may call back into the same render through an arrow function it was handed: the inner call
 * overwrote and emptied the outer call's working space, which then printed another date or failed with a raw
 * NullPointerException. The rest are the attacks that found nothing, kept as regressions.
 */
class RedTeamSession7CachesTest {

    /** Arrows an application's filter was handed, called later by the application's own objects. */
    private final List<Lambda> kept = new ArrayList<>();
    private boolean calling;

    /** Calls every kept arrow (not again from inside one of them). */
    private void callKept() {
        if (calling) {
            return;
        }
        calling = true;
        try {
            for (Lambda l : kept) {
                l.apply1(1L);
            }
        } finally {
            calling = false;
        }
    }

    private Environment env(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).autoescape(false)
                .filter(FilterDefinition.of("keep_arrow", (ctx, a) -> {
                    kept.add((Lambda) a[1]);
                    return "";
                }).params("arrow"))
                .build();
    }

    /** An application's value whose text is computed by calling back into the render. */
    public final class CallingBack {
        private final String text;

        CallingBack(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            callKept();
            return text;
        }
    }

    /** A caller's Output that calls back into the render on every write. */
    private Output callingOutput(StringBuilder sb) {
        return new Output() {
            @Override
            public void write(String s) {
                sb.append(s);
                callKept();
            }

            @Override
            public void write(CharSequence s, int start, int end) {
                sb.append(s, start, end);
                callKept();
            }

            @Override
            public void write(char c) {
                sb.append(c);
                callKept();
            }
        };
    }

    // ---- holes (failed before the fix) -----------------------------------------------------------------------

    /**
     * The date filter writes a date field by field into the caller's Output: a write that ran an arrow formatting
     * another date (kept by the application earlier in the render) left that date in the render's date fields, and
     * the rest of the first date was printed from the second ("2020-06-15 10:00" for 2020-01-01 12:00).
     */
    @Test
    void aCallersOutputCallingBackIntoTheRenderDoesNotChangeTheDateBeingWritten() {
        String source = "{{ [0]|keep_arrow(v => '2000-06-15 10:00'|date('Y-m-d H:i')) }}"
                + "{{ [0]|keep_arrow(v => '1999-03-04 05:06'|date_modify('+1 day')|date('Y-m-d H:i')) }}"
                + "{{ '2020-01-01 12:00'|date('Y-m-d H:i') }}|{{ '2020-01-01 12:00'|date_modify('+1 day')|date('D Y-m-d') }}"
                + "|{{ date('2020-07-08 09:10', 'Asia/Tokyo')|date('H:i e', false) }}";
        Environment env = env(Map.of("t", source));
        for (int i = 0; i < 3; i++) {
            kept.clear();
            StringBuilder sb = new StringBuilder();
            env.load("t").render(Map.of(), callingOutput(sb));
            assertEquals("2020-01-01 12:00|Thu 2020-01-02|18:10 Asia/Tokyo", sb.toString());
        }
    }

    /**
     * date_modify as a value (kept by set and handed to user code): its modifier's text is read after the date's
     * fields are filled in; a modifier whose toString called back into the render emptied them
     * (NullPointerException: "key" is null).
     */
    @Test
    void aModifierCallingBackIntoTheRenderDoesNotChangeTheDateBeingModified() {
        String source = "{{ [0]|keep_arrow(v => '2000-06-15 10:00'|date_modify('+3 day')|date('Y-m-d')) }}"
                + "{% set d = '2020-01-01 12:00'|date_modify(modifier) %}{{ d|date('Y-m-d H:i') }}|{{ own(d) }}"
                + "|{{ '2021-01-01 12:00'|date_modify(modifier)|date('Y-m-d H:i') }}";
        List<Object> owned = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(Map.of("t", source))).autoescape(false)
                .filter(FilterDefinition.of("keep_arrow", (ctx, a) -> {
                    kept.add((Lambda) a[1]);
                    return "";
                }).params("arrow"))
                .function(FunctionDefinition.of("own", (ctx, a) -> {
                    owned.add(a[0]);
                    return "";
                }).params("v"))
                .build();
        for (int i = 0; i < 3; i++) {
            kept.clear();
            owned.clear();
            assertEquals("2020-01-02 12:00||2021-01-02 12:00",
                    env.render("t", Map.of("modifier", new CallingBack("+1 day"))));
            assertEquals(ZonedDateTime.parse("2020-01-02T12:00Z[UTC]"), owned.get(0));
        }
    }

    /**
     * replace with a small mapping collects its pairs into the render's working space, integer keys' digits into
     * buffers of that space: a replace run while one was under way (from a value's toString, a key's toString
     * while the pairs are collected, or a write to the caller's Output) overwrote the pairs and emptied them
     * (NullPointerException: "key" is null) or changed the digits of the outer call's keys.
     */
    @Test
    void replaceCallingBackIntoTheRenderKeepsItsOwnPairs() {
        String inner = "{% macro m() %}{{ 'x9y8z'|replace({9: 'nine', 8: 'eight', 'z': 'Z'}) }}{% endmacro %}"
                + "{{ [0]|keep_arrow(v => _self.m()) }}";
        Map<Object, Object> keyedByValue = new LinkedHashMap<>();
        keyedByValue.put(new CallingBack("b"), "B");
        keyedByValue.put("c", "C");
        Map<String, Object> data = Map.of("value", new CallingBack("one"), "keyed", keyedByValue);
        Environment env = env(Map.of("value", inner + "{{ 'a1b2a1'|replace({1: value, 2: 'two', 'a': 'A'}) }}",
                "key", inner + "{{ 'abcabc'|replace(keyed) }}",
                "set", inner + "{% set r = 'a1b2'|replace({1: value, 2: 'two'}) %}{{ r }}",
                "output", inner + "{{ 'a1b2a1'|replace({1: 'one', 2: 'two', 'a': 'A'}) }}"));
        String[][] expected = {{"value", "AonebtwoAone"}, {"key", "aBCaBC"}, {"set", "aonebtwo"},
            {"output", "AonebtwoAone"}};
        for (int i = 0; i < 3; i++) {
            for (String[] e : expected) {
                kept.clear();
                StringBuilder sb = new StringBuilder();
                env.load(e[0]).render(data, callingOutput(sb));
                assertEquals(e[1], sb.toString(), e[0]);
            }
        }
    }

    /** An application's map that keeps the action its forEach is given (and calls it, as forEach must). */
    public static final class StashingMap extends java.util.AbstractMap<Object, Object> {
        final List<java.util.function.BiConsumer<Object, Object>> stashed;
        private final Map<Object, Object> pairs = new LinkedHashMap<>();

        StashingMap(List<java.util.function.BiConsumer<Object, Object>> stashed, Object... kv) {
            this.stashed = stashed;
            for (int i = 0; i < kv.length; i += 2) {
                pairs.put(kv[i], kv[i + 1]);
            }
        }

        @Override
        public java.util.Set<Entry<Object, Object>> entrySet() {
            return pairs.entrySet();
        }

        @Override
        @SuppressWarnings("unchecked")
        public void forEach(java.util.function.BiConsumer<? super Object, ? super Object> action) {
            stashed.add((java.util.function.BiConsumer<Object, Object>) action);
            pairs.forEach(action);
        }
    }

    /** An application's map whose entries are read through code that uses what the stashing maps kept. */
    public static final class StrikingMap extends java.util.AbstractMap<Object, Object> {
        private final Runnable strike;

        StrikingMap(Runnable strike) {
            this.strike = strike;
        }

        @Override
        public java.util.Set<Entry<Object, Object>> entrySet() {
            strike.run();
            return Map.<Object, Object>of("k", "v").entrySet();
        }

    }

    /** An application's value whose text is read through code that uses what the stashing maps kept. */
    public static final class StrikingText {
        private final Runnable strike;

        StrikingText(Runnable strike) {
            this.strike = strike;
        }

        @Override
        public String toString() {
            strike.run();
            return "s";
        }
    }

    /**
     * json_encode walks a JDK map with the render's map walker (its forEach, no iterator), replace collects a JDK
     * map's pairs with the render's pair collector: a JDK wrapper of an application's map (unmodifiableMap,
     * synchronizedMap) hands them to the application's forEach, which kept them. Called later, the walker wrote
     * its pair into the JSON another render was writing ("a":"INTRUDER" in a page about other data), the
     * collector into the pairs another replace was using. Both now work only during their own walk, on its thread.
     */
    @Test
    void aWrappedMapKeepingTheActionItsForEachGetsCannotWriteIntoALaterJsonOrReplace() {
        List<java.util.function.BiConsumer<Object, Object>> stashed = new ArrayList<>();
        List<RuntimeException> refused = new ArrayList<>();
        Runnable strike = () -> {
            for (java.util.function.BiConsumer<Object, Object> c : stashed) {
                try {
                    c.accept("a", "INTRUDER");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }
        };
        Environment env = env(Map.of("json", "{{ m|json_encode }}", "nested", "{{ {k: [m]}|json_encode }}",
                "replace", "{{ 'ab'|replace(m) }}",
                "victim", "{{ j|json_encode }}|{{ 'abcab'|replace({'a': 'A', 'b': s}) }}"));
        Map<String, Object> victimJson = new LinkedHashMap<>();
        victimJson.put("x", 1L);
        victimJson.put("y", new StrikingMap(strike));
        victimJson.put("a", 2L);
        Map<String, Object> victimData = Map.of("j", victimJson, "s", new StrikingText(strike));
        String expected = "{\"x\":1,\"y\":{\"k\":\"v\"},\"a\":2}|AscAs";
        assertEquals(expected, env.render("victim", victimData));
        for (String walk : List.of("json", "nested", "replace")) {
            for (Map<Object, Object> m : List.of(
                    java.util.Collections.unmodifiableMap(new StashingMap(stashed, "a", "x", "b", "y")),
                    java.util.Collections.synchronizedMap(new StashingMap(stashed, "a", "x", "b", "y")))) {
                stashed.clear();
                refused.clear();
                String out = env.render(walk, Map.of("m", m));
                assertTrue(out.equals("{\"a\":\"x\",\"b\":\"y\"}") || out.equals("{\"k\":[{\"a\":\"x\",\"b\":\"y\"}]}")
                        || out.equals("xy"), walk + ": " + out);
                assertEquals(expected, env.render("victim", victimData), walk);
                assertTrue(!stashed.isEmpty() && !refused.isEmpty(), walk);
            }
        }
    }

    /**
     * max and min of two or more values return one of them as it is: an argument the compiler let be scratch
     * storage (a literal or a merge read by max) reached a user function as the render's pooled array, the same
     * object in every render, emptied when each one ended.
     */
    @Test
    void maxAndMinHandNoScratchArgumentToUserCode() {
        List<Object> held = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(Map.of("t",
                "{% set x = [4]|merge([5]) %}{{ hold(max([[1]|merge([2])], [[0]])) }}{{ hold(max([[5]], [[1]|merge([2])]))"
                + " }}{{ hold(min([1]|merge([2]), [9, 9, 9])) }}{{ hold(max(x, [0])) }}{{ max([0], [1]|merge([2]))|join }}"
                + "{{ max([1, 2], [3])|length }}{% set y = max([7]|merge([8]), [0]) %}{{ y|join }}")))
                .autoescape(false)
                .function(FunctionDefinition.of("hold", (ctx, a) -> {
                    held.add(a[0]);
                    return "";
                }).params("v"))
                .build();
        assertEquals("12278", env.render("t", Map.of()));
        String first = held.toString();
        assertEquals("[[[1, 2]], [[1, 2]], [1, 2], [4, 5]]", first);
        List<Object> kept = new ArrayList<>(held);
        for (int i = 0; i < 3; i++) {
            assertEquals("12278", env.render("t", Map.of()));
        }
        assertEquals(first, kept.toString());
        for (int i = 0; i < kept.size(); i++) {
            for (int j = 4; j < held.size(); j++) {
                assertTrue(kept.get(i) != held.get(j), "a later render handed out the same object");
            }
        }
    }

    // ---- what held (attacks that found nothing), kept as regressions -------------------------------------------

    /**
     * In-place accumulations: an alias taken by set, by a literal, by a merge argument, by a filter result or by a
     * user filter or function, then the variable extended again, never sees the later steps; neither does a
     * variable merged with itself, nor a loop over it, nor a reduce whose initial value is another accumulation.
     */
    @Test
    void inPlaceAccumulationsNeverChangeWhatAnotherHolderSees() {
        String[][] cases = {
            {"{% set x = [1]|merge([2]) %}{% set x = x|merge([3]) %}{% set y = x %}{% set y = y|merge([4]) %}"
                + "{% set x = x|merge([5]) %}{{ x|join }}/{{ y|join }}", "1235/1234"},
            {"{% set x = [1]|merge([2]) %}{% set x = x|merge([3]) %}{% set z = [x] %}{% set w = {a: x} %}"
                + "{% set v = []|merge(x) %}{% set s = x|slice(0) %}{% set x = x|merge([4]) %}"
                + "{{ z|json_encode }}{{ w.a|join }}{{ v|join }}{{ s|join }}{{ x|join }}", "[[1,2,3]]1231231231234"},
            {"{% set x = [1, 2] %}{% for i in 1..2 %}{% set x = x|merge(x) %}{% endfor %}{{ x|join }}", "12121212"},
            {"{% set x = [1]|merge([2]) %}{% set x = x|merge([x]) %}{{ x|json_encode }}", "[1,2,[1,2]]"},
            {"{% set x = [1]|merge([2]) %}{% for v in x %}{% set x = x|merge([v]) %}{% endfor %}{{ x|join }}",
                "1212"},
            {"{% set x = [0]|merge([0]) %}{% set x = x|merge([7]) %}{% set r = [1, 2]|reduce((a, v) => a|merge([v]),"
                + " x) %}{{ r|join }}/{{ x|join }}", "00712/007"},
            {"{% set x = [] %}{% for i in 1..3 %}{% set x = x|merge([[i]|merge([i])]) %}{% endfor %}"
                + "{{ x|json_encode }}", "[[1,1],[2,2],[3,3]]"},
            {"{{ [1, 2, 3]|reduce((acc, i) => [...acc, {a: [i]|merge([i])}], [])|json_encode }}",
                "[{\"a\":[1,1]},{\"a\":[2,2]},{\"a\":[3,3]}]"},
            {"{% set x = [1]|merge([0]) %}{% set x = x|merge([2]) %}{% include 'inc' with {x: x} %};"
                + "{% with {y: x} %}{% set y = y|merge([3]) %}{{ y|join }}{% endwith %};{{ x|join }}",
                "10256;1023;102"},
            {"{% set x = [1] %}{% block b %}{% set x = x|merge([2]) %}{% set x = x|merge([3]) %}{{ x|join }}"
                + "{% endblock %};{{ block('b') }};{{ x|join }}", "123;123;1"},
        };
        List<Object> held = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(templates(cases,
                "{% set x = x|merge([5]) %}{% set x = x|merge([6]) %}{{ x|join }}"))).autoescape(false)
                .function(FunctionDefinition.of("hold", (ctx, a) -> {
                    held.add(a[0]);
                    return "";
                }).params("v"))
                .filter(FilterDefinition.of("hold_f", (ctx, a) -> {
                    held.add(a[0]);
                    return a[0];
                }))
                .build();
        for (int i = 0; i < cases.length; i++) {
            assertEquals(cases[i][1], env.render("t" + i, Map.of()), cases[i][0]);
            assertEquals(cases[i][1], env.render("t" + i, Map.of()), cases[i][0]);
        }
        // user code handed the accumulation mid-way keeps what it was handed, whatever the render does next
        String source = "{% set x = [] %}{% for i in 1..4 %}{% set x = x|merge([i]) %}{% if i == 2 %}{{ hold(x) }}"
                + "{{ x|hold_f|length }}{{ hold(_context) }}{% endif %}{% endfor %}"
                + "{{ [1, 2, 3]|reduce((acc, v) => [...acc, v, hold(acc)], [])|length }}{{ x|join }}";
        Environment holding = Environment.builder().loader(new MapLoader(Map.of("h", source))).autoescape(false)
                .function(FunctionDefinition.of("hold", (ctx, a) -> {
                    held.add(a[0]);
                    return "";
                }).params("v"))
                .filter(FilterDefinition.of("hold_f", (ctx, a) -> {
                    held.add(a[0]);
                    return a[0];
                }))
                .build();
        assertEquals("261234", holding.render("h", Map.of()));
        String first = held.toString();
        for (int i = 0; i < 5; i++) {
            holding.render("h", Map.of());
        }
        assertEquals(first, held.subList(0, 6).toString());
        // _context in Twig's order inside a loop that does not use loop: _parent, _seq, the value, _key
        assertEquals("[[1, 2], [1, 2], {x=[1, 2], _parent={x=[]}, _seq=[1, 2, 3, 4], i=2, _key=1}, [], [1, ], "
                + "[1, , 2, ]]", first);
    }

    /** A sandbox that does not allow merge refuses the in-place accumulation as it refuses any merge. */
    @Test
    void aSandboxRefusesAnInPlaceMergeItDoesNotAllow() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("t",
                "{% set x = [] %}{% for i in 1..3 %}{% set x = x|merge([i]) %}{% endfor %}{{ x|join }}")))
                .sandbox(SecurityPolicy.builder().allowTags("for", "set").allowFilters("join").build()).build();
        TemplateException e = assertThrows(TemplateException.class, () -> env.render("t", Map.of()));
        assertTrue(e.getMessage().contains("merge"), e.getMessage());
    }

    /**
     * Boxed numbers from the render's box caches: -0.0 and 0.0, Long.MIN_VALUE, running totals past the cache's
     * cap, all print what Twig prints, render after render.
     */
    @Test
    void boxCachesGiveTheValueAskedFor() {
        String[][] cases = {
            {"{% set z = -0.0 %}{% set p = 0.0 %}{% for v in [z, p, -z, 0 * -1.0] %}{{ v }},{% endfor %}"
                + "{{ [z, p]|json_encode }}", "-0,0,0,-0,[-0,0]"},
            {"{% set m = -9223372036854775807 - 1 %}{{ m }}|{{ m - 1 }}|{{ -m }}|{% set s = m %}{% for i in 1..3 %}"
                + "{% set s = s + i %}{{ s }},{% endfor %}", "-9223372036854775808|-9.2233720368548E+18"
                + "|9.2233720368548E+18|-9223372036854775807,-9223372036854775805,-9223372036854775802,"},
            {"{% set v = [] %}{% for i in 1..40000 %}{% set v = v|merge([i * 7919 % 100003]) %}{% endfor %}"
                + "{{ v|length }}|{{ v|reduce((c, x) => c + x, 0) }}|{{ v[39999] }}|{{ v[12345] }}",
                "40000|1999984948|50499|65043"},
            {"{% set f = 0 %}{% for i in 1..3000 %}{% set f = f + i / 7 %}{% endfor %}{{ f }}", "643071.42857143"},
        };
        Environment env = Environment.builder().loader(new MapLoader(templates(cases, ""))).autoescape(false).build();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < cases.length; i++) {
                assertEquals(cases[i][1], env.render("t" + i, Map.of()), cases[i][0]);
            }
        }
    }

    /**
     * Texts made as values come from a cache keyed by content: Strings with equal hash codes ("Aa", "BB"), more
     * than the two ways of a set, texts past the cached length, each is the text asked for.
     */
    @Test
    void cachedTextsAreTheTextsAskedFor() {
        String words = "['Aa', 'BB', 'AaAa', 'AaBB', 'BBAa', 'BBBB', 'C#', 'Bb']";
        String source = "{% for s in " + words + " %}{% set v = s|lower %}{% set w = (s ~ s)|upper %}"
                + "{{ v }}:{{ w }};{% endfor %}|{{ " + words + "|map(s => s ~ '!')|json_encode }}"
                + "|{{ (" + words + "|join(','))|split(',')|map(p => p|title)|join('.') }}"
                + "|{% for n in [63, 64, 65] %}{% set t = ('x'|repeat_x(n) ~ n)|upper %}{{ t|length }}{% endfor %}";
        Environment env = Environment.builder().loader(new MapLoader(Map.of("t", source))).autoescape(false)
                .filter(FilterDefinition.of("repeat_x", (ctx, a) -> ((String) a[0]).repeat(((Long) a[1]).intValue()))
                        .params("n"))
                .build();
        String expected = "aa:AAAA;bb:BBBB;aaaa:AAAAAAAA;aabb:AABBAABB;bbaa:BBAABBAA;bbbb:BBBBBBBB;c#:C#C#;bb:BBBB;"
                + "|[\"Aa!\",\"BB!\",\"AaAa!\",\"AaBB!\",\"BBAa!\",\"BBBB!\",\"C#!\",\"Bb!\"]"
                + "|Aa.Bb.Aaaa.Aabb.Bbaa.Bbbb.C#.Bb|656667";
        for (int i = 0; i < 3; i++) {
            assertEquals(expected, env.render("t", Map.of()));
        }
    }

    private static Map<String, String> templates(String[][] cases, String inc) {
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < cases.length; i++) {
            t.put("t" + i, cases[i][0]);
        }
        t.put("inc", inc);
        return t;
    }
}
