package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.zweig.Environment;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code _context|keys} and {@code _context|length} (the core filters) read the names of the scope where they run,
 * in the order of the scope's snapshot, without making one (a frame copy, a map of its frozen values and a keys
 * array: some 3 KB per render on the heldout7 digest page, which prints {@code _context|keys|join} per item).
 * Each check compares the names read in place with the same filter on a snapshot kept by {@code set}, which lists
 * the scope the old way, in every place a scope's order is made of: with's variables, the render context, macro
 * arguments and varargs, globals, loop variables moved to the end, include variables (by name and not), embed.
 */
class ContextNamesTest {
    private static final String PROBE = "[{{ _context|keys|join(',') }}#{{ _context|length }}]"
            + "{% set snap = _context %}({{ snap|keys|join(',') }}#{{ snap|length }})";

    private static Environment env(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).global("g1", "G").global("g2", 2L).build();
    }

    /** A context of names in a known order, one integer-like ("7"), shared with RedTeamSession14Test. */
    static Map<String, Object> data() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("b", 1L);
        d.put("a", "x");
        d.put("items", List.of("p", "q"));
        d.put("7", "seven");
        return d;
    }

    /** Each [in place] in the output equals the (snapshot) after it, and is not empty. */
    private static void assertSameListing(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)").matcher(out);
        int n = 0;
        while (m.find()) {
            assertEquals(m.group(2), m.group(1), "names in place vs a snapshot's, in " + out);
            assertNotEquals("#0", m.group(1));
            n++;
        }
        assertNotEquals(0, n, out);
    }

    @Test
    void namesReadInPlaceAreTheSnapshotsInEveryKindOfScope() {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("main", "{% import _self as m %}" + PROBE
                + "{% set z = 1 %}{% for a in items %}{% set inner = a %}" + PROBE + "{% endfor %}" + PROBE
                + "{% for k, g1 in {x: 1} %}" + PROBE + "{% endfor %}"
                + "{% with {w1: 1, b: 2} %}" + PROBE + "{% endwith %}"
                + "{% with {w2: 3} only %}{% set y = 2 %}" + PROBE + "{% endwith %}"
                + "{{ m.mac(1, 2, 3, 4) }}{{ m.mac(1) }}"
                + "{% include 'inc' with {i1: 1, a: 'over'} %}{% include 'inc' with {i2: 2} only %}"
                + "{{ include('inc', {i3: 3}, with_context = false) }}"
                + "{% embed 'emb' with {e1: 1} %}{% block b %}" + PROBE + "{% endblock %}{% endembed %}"
                + "{% macro mac(p, q = 5) %}" + PROBE + "{% set r = varargs|length %}" + PROBE + "{% endmacro %}");
        t.put("inc", PROBE + "{% for x in [1] %}{% set late = x %}" + PROBE + "{% endfor %}" + PROBE);
        t.put("emb", "{% set before = 1 %}{% block b %}{% endblock %}");
        Environment env = env(t);
        String out = env.render("main", data());
        assertSameListing(out);
        // the names are Twig's: the context's in its order, then the globals, then what the templates set
        assertEquals("[b,a,items,7,g1,g2#6]", out.substring(0, out.indexOf(']') + 1));
        assertEquals(out, env.render("main", data()), "the same names the second time (pooled frames)");
    }

    @Test
    void aKeptListOfNamesIsTheReceiversOwn() {
        List<Object> kept = new ArrayList<>();
        Environment env = Environment.builder().loader(new MapLoader(Map.of("main",
                "{% set k = _context|keys %}{{ keep(k) }}{{ keep(_context|keys) }}{{ k|join }}"
                + "{% for i in 1..2 %}{% set v = i %}{{ keep(_context|keys) }}{% endfor %}")))
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("v")).build();
        env.render("main", Map.of("a", 1L));
        List<Object> first = new ArrayList<>(kept);
        List<List<Object>> copies = new ArrayList<>();
        for (Object o : first) {
            copies.add(List.copyOf((java.util.Collection<Object>) o));
        }
        assertEquals(List.of("a"), copies.get(0)); // (k is set once its value is made)
        assertEquals(List.of("a", "k"), copies.get(1));
        assertEquals(List.of("a", "k"), copies.get(3).subList(0, 2));
        assertEquals("v", copies.get(3).get(copies.get(3).size() - 1));
        kept.clear();
        env.render("main", Map.of("zz", 1L, "yy", 2L, "xx", 3L));
        for (int i = 0; i < first.size(); i++) {
            assertEquals(copies.get(i), List.copyOf((java.util.Collection<?>) first.get(i)),
                    "a list user code kept is not changed by the next render");
        }
    }

    @Test
    void aUsersOwnKeysOrLengthFilterGetsTheSnapshot() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("main",
                "{{ _context|keys }}|{{ _context|length }}")))
                .filter(FilterDefinition.of("keys", (ctx, a) -> a[0] instanceof Map<?, ?> m
                        ? "map:" + String.join(",", m.keySet().stream().map(String::valueOf).toList()) : "other"))
                .filter(FilterDefinition.of("length", (ctx, a) -> a[0] instanceof Map<?, ?> m ? "n" + m.size()
                        : "other"))
                .build();
        assertEquals("map:a,b|n2", env.render("main", new LinkedHashMap<>(Map.of("a", 1L)) {
            {
                put("b", 2L);
            }
        }));
    }

    @Test
    void anIntegerKeyReadsTheVariableTheListingShows() {
        Map<String, Object> d = data();
        d.put("0", "zero");
        Environment env = env(Map.of("main", "{{ _context[0] }}|{{ _context[7] }}|{{ _context['7'] }}|"
                + "{{ _context[0] is defined ? 'y' : 'n' }}{{ _context[8] is defined ? 'y' : 'n' }}|"
                + "{{ _context|keys|join(',') }}"));
        assertEquals("zero|seven|seven|yn|b,a,items,7,0,g1,g2", env.render("main", d));
    }

    @Test
    void theDigestShapeAllocatesNothing() {
        Map<String, String> t = Map.of("main", "{% for item in items %}{{ include('item', {item: item, n: loop.index},"
                + " with_context = false) }}{% endfor %}{{ _context|length }}",
                "item", "{{ n }}:{{ _context|keys|join(',') starts with 'item,n' ? 'ok' : 'leak' }}"
                        + "{{ _context|keys|length }}{{ _context|length }};");
        // (a context map's names are taken with its forEach: a HashMap's or a LinkedHashMap's makes nothing, an
        // immutable Map.of's default forEach an entry iterator, some 40-70 B per listing of the top scope)
        Map<String, Object> d = new java.util.HashMap<>(Map.of("items", List.of("a", "b", "c")));
        AllocationMeter.assertRendersWithin(env(t).load("main"), d, "1:ok44;2:ok44;3:ok44;3", 16.0,
                "_context|keys and _context|length");
    }
}
