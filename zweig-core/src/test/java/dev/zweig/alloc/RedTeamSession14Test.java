package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Red team, session 14: {@code _context|keys} and {@code _context|length} listed in place (Snapshots#names) against
 * the same filters on a snapshot ({@code ([_context]|first)}: the old path), PHP's key types, user code's view of
 * the listing, threads and allocation. Orders are Twig's (ForNode: _parent, _seq, _iterated, loop, then the value
 * target before the key target, as PHP's foreach assigns them; after the loop array_intersect_key($context,
 * $_parent) + $_parent; macros: arguments, varargs, then globals; with: its variables, the context, the globals).
 */
class RedTeamSession14Test {
    private static final String P = "[{{ _context|keys|join(',') }}#{{ _context|length }}]"
            + "({{ ([_context]|first)|keys|join(',') }}#{{ ([_context]|first)|length }})";

    private static Environment.Builder builder(Map<String, String> t) {
        return Environment.builder().loader(new MapLoader(t)).global("g1", "G").global("g2", 2L);
    }

    /** Each [in place] equals the (snapshot) after it; returns the in-place listings joined by '|'. */
    private static String inPlace(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[([^\\]]*)\\]\\(([^)]*)\\)").matcher(out);
        List<String> got = new ArrayList<>();
        while (m.find()) {
            assertEquals(m.group(2), m.group(1), "in place vs snapshot in " + out);
            got.add(m.group(1));
        }
        assertFalse(got.isEmpty(), out);
        return String.join("|", got);
    }

    private static String render(String main, String... others) {
        Map<String, String> t = new HashMap<>();
        t.put("main", main);
        for (int i = 0; i < others.length; i += 2) {
            t.put(others[i], others[i + 1]);
        }
        return builder(t).build().render("main", ContextNamesTest.data());
    }

    @Test
    void loopsListTheirVariablesAsTwigsForNodeSetsThem() {
        String c = "b,a,items,7,g1,g2";
        assertEquals(c + ",_parent,_seq,_key#9|" + c + ",_parent,_seq,_key#9",
                inPlace(render("{% for a in items %}" + P + "{% endfor %}")));
        assertEquals(c + ",_parent,_seq,_iterated,v,k#11|" + c + ",_parent,_seq,_iterated#9",
                inPlace(render("{% for k, v in {x: 1} %}" + P + "{% else %}-{% endfor %}"
                        + "{% for k, v in [] %}-{% else %}" + P + "{% endfor %}")));
        // a target shadowing a global; an inner loop; after each loop: intersect with _parent, then _parent's
        assertEquals(c + ",_parent,_seq,_key,inner#10|" + c + ",_parent,_seq,_key,inner,deep#11|"
                + "a,items,7,g1,g2,inner,b,_parent,_seq,_key#10|a,items,7,g2,b,g1#6",
                inPlace(render("{% for g1 in [1] %}{% set inner = 3 %}" + P + "{% for b in [2] %}{% set deep = 1 %}"
                        + P + "{% endfor %}" + P + "{% endfor %}" + P)));
        // loop is set when the body uses it, includes with the context, or reaches a block
        assertEquals(c + ",_parent,_seq,loop,k#10|b,items,7,g1,g2,a#6",
                inPlace(render("{% for k, a in {q: 1} %}{{ loop.index }}" + P + "{% endfor %}" + P)));
        assertEquals(c + ",_parent,_seq,loop,i,_key|" + c + ",_parent,_seq,i,_key",
                inPlace(render("{% for i in [1] %}{% block b %}" + P + "{% endblock %}{% endfor %}"
                        + "{% for i in [1] %}{{ include('inc', with_context = false) }}" + P + "{% endfor %}",
                        "inc", "")).replaceAll("#\\d+", ""));
    }

    @Test
    void macrosWithIncludesBlocksArrowsAndCapturesListTheSameInPlace() {
        assertEquals("p,q,varargs,g1,g2#5|p,q,varargs,g1,g2#5|p,varargs,g1,g2,_parent,_seq,_key#7|varargs,g1,g2,p#4",
                inPlace(render("{% macro m(p, q = 5) %}" + P + "{% endmacro %}{% macro n(p) %}{% for p in [1] %}"
                        + P + "{% endfor %}" + P + "{% endmacro %}{% import _self as x %}{{ x.m(1) }}{{ x.m(q = 3, p = 1) }}"
                        + "{{ x.n(4, 5) }}")));
        assertEquals("w,g1,b,a,items,7,g2#7|w,g1,g2#3", inPlace(render(
                "{% with {w: 1, g1: 2} %}" + P + "{% endwith %}{% with {w: 1} only %}" + P + "{% endwith %}")));
        assertEquals("b,a,items,7,g1,g2#6|i,g1,g2#3|0,1,x,g1,g2#5", inPlace(render(
                "{% include 'inc' %}{% include 'inc' with {i: 1} only %}{% include 'inc' with {...[5, 6], x: 1} only %}",
                "inc", P)));
        assertEquals("b,a,items,7,g1,g2,before,inb#8|b,a,items,7,g1,g2,before,inb#8", inPlace(render(
                "{% extends 'base' %}{% block b %}{% set inb = 1 %}" + P + "{{ parent() }}{% endblock %}",
                "base", "{% set before = 1 %}{% block b %}" + P + "{% endblock %}")));
        assertEquals("b,a,items,7,g1,g2#6|b,a,items,7,g1,g2,x#7|B,A,ITEMS,7,G1,G2,X#7", inPlace(render(
                "{% set x %}" + P + "{% endset %}{{ x }}" + P + "{% apply upper %}" + P + "{% endapply %}")));
        assertEquals("b,a,items,7,g1,g2,k;b,a,items,7,g1,g2,k|b,a,items,7,g1,g2,c,k;|2", render(
                "{{ items|map(k => _context|keys|join(','))|join(';') }}|{{ [1]|reduce((c, k) => c ~ "
                + "(_context|keys|join(',')) ~ ';', '') }}|{{ items|filter(k => _context|length > 6)|length }}"));
        assertEquals("b,a,items,7,g1,g2#6", inPlace(render("{{ include(template_from_string('"
                + P.replace("'", "\"") + "')) }}")));
    }

    @Test
    void anIntegerLikeNameIsAnIntegerKeyAsInPhpsArrayKeys() {
        // array_keys($context) gives the variable "7" as int 7: so did the snapshot, not the listing in place
        assertEquals("[\"b\",\"a\",\"items\",7,\"g1\",\"g2\"]|[\"b\",\"a\",\"items\",7,\"g1\",\"g2\"]|int|int|6", render(
                "{% autoescape false %}{{ _context|keys|json_encode }}|{{ ([_context]|first)|keys|json_encode }}|"
                + "{{ (_context|keys)[3] is same as(7) ? 'int' : 'string' }}|{% for k in _context|keys %}"
                + "{{ k is same as(7) ? 'int' }}{% endfor %}|{{ _context|length }}{% endautoescape %}"));
    }

    @Test
    void userCodeNeverGetsTheFrameOrTheTemporary() {
        List<Object> seen = new ArrayList<>();
        Environment env = builder(Map.of("main", "{{ _context|keys|uf }}{{ uf(_context|keys) }}{{ uf(_context|length) }}"
                + "{{ _context|keys|map(k => uf(k))|join }}{% for i in 1..2 %}{{ uf(_context|keys) }}{% set v = i %}"
                + "{% endfor %}{% set k = _context|keys %}{{ uf(k) }}"))
                .filter(FilterDefinition.of("uf", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }))
                .function(FunctionDefinition.of("uf", (ctx, a) -> {
                    seen.add(a[0]);
                    return "";
                }).params("v")).build();
        env.render("main", Map.of("a", 1L));
        List<String> copies = new ArrayList<>();
        for (Object o : seen) {
            assertFalse(o instanceof dev.zweig.runtime.Frame || o instanceof dev.zweig.php.PhpArray, String.valueOf(o));
            copies.add(String.valueOf(o instanceof java.util.Collection<?> c ? List.copyOf(c) : o));
        }
        assertEquals("[a, g1, g2]", copies.get(0));
        assertEquals("3", copies.get(2));
        assertEquals("[a, g1, g2, _parent, _seq, i, _key]", copies.get(copies.size() - 3), "the first iteration's");
        assertEquals("[a, g1, g2, _parent, _seq, i, _key, v]", copies.get(copies.size() - 2));
        env.render("main", Map.of("zz", 1L, "yy", 2L));
        for (int i = 0; i < copies.size(); i++) {
            Object o = seen.get(i);
            assertEquals(copies.get(i), String.valueOf(o instanceof java.util.Collection<?> c ? List.copyOf(c) : o),
                    "kept by user code, unchanged by the next render");
        }
    }

    /** A context map whose forEach keeps the action it gets (the caller's code may). */
    private static final class Keeper extends LinkedHashMap<String, Object> {
        final AtomicReference<BiConsumer<Object, Object>> kept;

        Keeper(Map<String, Object> m, AtomicReference<BiConsumer<Object, Object>> kept) {
            super(m);
            this.kept = kept;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void forEach(BiConsumer<? super String, ? super Object> action) {
            kept.compareAndSet(null, (BiConsumer<Object, Object>) action);
            super.forEach(action);
        }
    }

    @Test
    void anActionAContextMapKeptWritesIntoNoLaterListing() throws Exception {
        AtomicReference<BiConsumer<Object, Object>> kept = new AtomicReference<>();
        Environment env = builder(Map.of("main", "{{ _context|keys|join(',') }}")).build();
        assertEquals("a,g1,g2", env.render("main", new Keeper(Map.of("a", 1L), kept)));
        assertTrue(kept.get() != null);
        kept.get().accept("late", 1L); // (after its call: does nothing, no engine NullPointerException)
        // the next render on this thread: another thread calls the kept action while this listing is under way
        Map<String, Object> pausing = new LinkedHashMap<>(Map.of("b", 2L)) {
            @Override
            public void forEach(BiConsumer<? super String, ? super Object> action) {
                Thread t = new Thread(() -> kept.get().accept("injected", 1L));
                t.start();
                try {
                    t.join();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                super.forEach(action);
            }
        };
        assertEquals("b,g1,g2", env.render("main", pausing));
    }

    @Test
    void aContextMapThatRendersDuringItsListingAndUsersOwnKeys() {
        Environment[] env = new Environment[1];
        Map<String, String> t = Map.of("main", "{% for i in [1, 2] %}" + P + "{% endfor %}|" + P,
                "other", "{% for j in [1] %}{{ _context|keys|join(',') }}{% endfor %}");
        env[0] = builder(t).build();
        Map<String, Object> reentrant = new LinkedHashMap<>(Map.of("a", 1L)) {
            @Override
            public void forEach(BiConsumer<? super String, ? super Object> action) {
                assertEquals("zz,g1,g2,_parent,_seq,j,_key", env[0].render("other", Map.of("zz", 1L)));
                super.forEach(action);
            }
        };
        assertEquals("a,g1,g2,_parent,_seq,i,_key#7|a,g1,g2,_parent,_seq,i,_key#7|a,g1,g2#3",
                inPlace(env[0].render("main", reentrant)));
        Environment own = builder(Map.of("main", "{{ _context|keys }}{% for i in [1] %}{{ _context|length }}{% endfor %}"))
                .filter(FilterDefinition.of("keys", (ctx, a) -> a[0] instanceof Map<?, ?> m ? "M" + m.keySet() : "X"))
                .filter(FilterDefinition.of("length", (ctx, a) -> a[0] instanceof Map<?, ?> m ? "n" + m.size() : "X"))
                .build();
        assertEquals("M[a, g1, g2]n7", own.render("main", Map.of("a", 1L)));
    }

    @Test
    void manyVariablesAndSixteenThreads() throws Exception {
        StringBuilder sets = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sets.append("{% set s").append(i).append(" = 1 %}");
        }
        Environment env = builder(Map.of("main", sets + "{{ _context|length }}{{ _context|keys|last }}{% for i in [1] %}"
                + "{% set z = 1 %}{{ _context|length }}{{ _context|keys|last }}{% endfor %}"
                + "{{ _context|keys|slice(-2)|join(',') }}", "t", "{% for i in items %}{% set v = i %}"
                + "{{ _context|keys|join(',') }};{% endfor %}{{ _context|length }}")).build();
        assertEquals("1003s9991008zs998,s999", env.render("main", Map.of("a", 1L)));
        Thread[] threads = new Thread[16];
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int n = 0; n < threads.length; n++) {
            String name = "v" + n;
            threads[n] = new Thread(() -> {
                try {
                    for (int r = 0; r < 200; r++) {
                        Map<String, Object> d = new HashMap<>(Map.of(name, 1L));
                        d.put("items", List.of(1L, 2L));
                        String row = "items," + name + ",g1,g2,_parent,_seq,i,_key";
                        String out = env.render("t", d);
                        String swapped = row.replace("items," + name, name + ",items"); // (a HashMap's order)
                        if (!out.equals(row + ",v;" + row + ",v;4") && !out.equals(swapped + ",v;" + swapped + ",v;4")) {
                            throw new AssertionError(out);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads[n].start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void namesReadInLoopsIncludesMacrosAndBlocksAllocateNothing() {
        Map<String, String> t = new HashMap<>();
        t.put("main", "{% import _self as m %}{% macro f(p, q = 2) %}{{ _context|keys|join(',') }}{{ _context|length }}"
                + "{% endmacro %}{% for i in items %}{% set q = i %}{{ _context|keys|join(',') }}{{ _context|length > 3 }}"
                + "{{ m.f(1) }}{% endfor %}{% include 'inc' with {x: 1} %}{% with {w: 1} %}{{ _context|keys|last }}"
                + "{% endwith %}{% block b %}{{ (_context|keys)[0] }}{% endblock %}{{ _context|keys|sort|first }}");
        t.put("inc", "{{ _context|keys|join(',') }}{{ _context|length }}");
        Map<String, Object> d = new HashMap<>(Map.of("items", List.of("a", "b")));
        d.put("70000", 1L);
        String row = "items,70000,g1,g2,_parent,_seq,i,_key,q1p,q,varargs,g1,g25";
        AllocationMeter.assertRendersWithin(builder(t).build().load("main"), d,
                row + row + "items,70000,g1,g2,x5g2items70000", 16.0, "_context names in place");
    }
}
