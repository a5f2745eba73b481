package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the render-private (pooled, reused per render) storage added to make renders allocation-free: the
 * engine's temporaries filled by an application's collection through a callback or an array the engine hands it.
 * An application's Map, List or Set is user code: whatever it is handed (a consumer writing into a pooled array, a
 * pooled array to fill) it may keep and use later, from anywhere.
 */
class RedTeamPooledStorageTest {

    /** Consumers and arrays an application's collections were handed, to be used later. */
    private static final List<Object> STASHED = new ArrayList<>();

    /** An application's map that keeps the callbacks its forEach is given (and calls them, as forEach must). */
    public static final class StashingMap extends AbstractMap<Object, Object> {
        private final Map<Object, Object> pairs = new LinkedHashMap<>();

        StashingMap(Object... kv) {
            for (int i = 0; i < kv.length; i += 2) {
                pairs.put(kv[i], kv[i + 1]);
            }
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return pairs.entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super Object, ? super Object> action) {
            STASHED.add(action);
            pairs.forEach(action);
        }
    }

    /** An application's list that keeps the arrays and callbacks it is handed. */
    public static final class StashingList extends java.util.AbstractList<Object> {
        private final List<Object> items;

        StashingList(Object... items) {
            this.items = List.of(items);
        }

        @Override
        public Object get(int i) {
            return items.get(i);
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            STASHED.add(a);
            return items.toArray(a);
        }

        @Override
        public Object[] toArray() {
            return items.toArray();
        }

        @Override
        public void forEach(Consumer<? super Object> action) {
            STASHED.add(action);
            items.forEach(action);
        }

        @Override
        public Iterator<Object> iterator() {
            return items.iterator();
        }
    }

    /** The same as a Set (not a List: walked as an Iterable). */
    public static final class StashingSet extends java.util.AbstractSet<Object> {
        private final Set<Object> items;

        StashingSet(Object... items) {
            this.items = new java.util.LinkedHashSet<>(List.of(items));
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public Iterator<Object> iterator() {
            return items.iterator();
        }

        @Override
        public <T> T[] toArray(T[] a) {
            STASHED.add(a);
            return items.toArray(a);
        }

        @Override
        public void forEach(Consumer<? super Object> action) {
            STASHED.add(action);
            items.forEach(action);
        }
    }

    /** Uses everything stashed so far: consumers called with an intruder pair, arrays overwritten. */
    @SuppressWarnings("unchecked")
    private static void strike() {
        for (Object o : STASHED) {
            try {
                if (o instanceof BiConsumer<?, ?> c) {
                    ((BiConsumer<Object, Object>) c).accept("a", "INTRUDER"); // an existing key: overwritten
                    ((BiConsumer<Object, Object>) c).accept("intruder", "INTRUDER");
                } else if (o instanceof Consumer<?> c) {
                    ((Consumer<Object>) c).accept("INTRUDER");
                } else if (o instanceof Object[] a) {
                    java.util.Arrays.fill(a, "INTRUDER");
                }
            } catch (RuntimeException refused) {
                // a callback that refuses to work after its call is fine
            }
        }
    }

    /**
     * A map's forEach (user code) was handed the consumer that fills a pooled temporary of the render (PhpArray's
     * filler/copier, cached on the array): kept and called later, from a function of another render on the same
     * thread, it wrote its pair into whatever that render was walking through the same pooled array. Every way a
     * template walks a mapping (for, in, has some/every, map/filter/join/keys/first/last/length...) is tried; the
     * map is handed nothing that writes into the engine's storage, or what it was handed does nothing once its
     * call returned.
     */
    @Test
    void aMapKeepingWhatItsForEachGetsCannotWriteIntoALaterRender() {
        String[] walks = {
            "{% for k, v in m %}{{ k }}{{ v }}{% endfor %}", "{{ 'a' in m ? 'y' : 'n' }}",
            "{{ m has some v => v == 'x' ? 'y' : 'n' }}{{ m has every v => v ? 'y' : 'n' }}",
            "{{ m|map(v => v)|join }}", "{{ m|filter(v => v)|join }}", "{{ m|join }}", "{{ m|keys|join }}",
            "{{ m|first }}{{ m|last }}", "{{ m|sort|join }}", "{{ m|reduce((c, v) => c ~ v, '') }}",
            "{{ m|column('q')|join }}", "{{ m|slice(0, 1)|join }}", "{{ m|batch(1)|length }}",
            "{{ m|merge({z: 1})|length }}", "{{ m|url_encode }}", "{{ m|json_encode }}", "{{ m|reverse|join }}",
            "{{ m|find(v => v == 'x') }}", "{{ max(m) }}{{ min(m) }}", "{{ m|length }}",
            "{% for v in m %}{{ loop.index }}{% endfor %}", "{{ cycle(m, 1) }}", "{{ random(m) is null }}",
            "{% include 'show' with m %}", "{{ include('show', m) }}", "{% embed 'show' with m %}{% endembed %}",
            "{% include 'show' with m only %}", "{{ [1]|merge(m)|length }}", "{{ {q: 1}|merge(m)|length }}",
            "{{ 'ab'|replace(m) }}", "{{ m is iterable }}{{ m is empty }}", "{% set z = m %}{{ z|join }}"
        };
        String victim = "{% for k, v in hm %}{{ poke() }}{{ k }}={{ v }};{% endfor %}"
                + "|{{ hm|map(v => v ~ poke())|join(',') }}|{{ hm|filter(v => poke() == '')|keys|join(',') }}"
                + "|{{ (hm has every v => v != 'INTRUDER' and poke() == '') ? 'ok' : 'leak' }}"
                + "|{{ (hm has some v => v == 'INTRUDER' or poke() != '') ? 'leak' : 'ok' }}"
                + "|{% include 'show' with hmk %}";
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < walks.length; i++) {
            t.put("walk" + i, walks[i]);
        }
        t.put("victim", victim);
        t.put("show", "{{ a ?? '' }}{{ intruder ?? 'none' }}");
        Environment env = Environment.builder().loader(new MapLoader(t)).autoescape(false)
                .function(FunctionDefinition.of("poke", (ctx, a) -> {
                    strike();
                    return "";
                }))
                .build();
        Map<Object, Object> keyed = new java.util.HashMap<>(); // a key object's toString is user code too
        keyed.put(new Object() {
            @Override
            public String toString() {
                strike();
                return "k";
            }
        }, "v");
        Map<String, Object> data = Map.of("hm", new java.util.HashMap<>(Map.of("a", "1", "b", "2")), "hmk", keyed);
        String expected = "a=1;b=2;|1,2|a,b|ok|ok|none";
        STASHED.clear();
        assertEquals(expected, env.render("victim", data));
        for (String walk : t.keySet()) {
            if (walk.equals("victim")) {
                continue;
            }
            STASHED.clear();
            env.render(walk, Map.of("m", new StashingMap("a", "x", "b", "y")));
            String out = env.render("victim", data);
            assertEquals(expected, out, t.get(walk));
            assertFalse(out.contains("ntruder") || out.contains("NTRUDER"), t.get(walk));
        }
    }

    /**
     * The same for an application's list and set: a collection's toArray(T[]) given a pooled array of the render,
     * or its forEach a consumer appending to a pooled temporary, may keep them and overwrite or call them later.
     */
    @Test
    void aCollectionKeepingWhatItIsHandedCannotWriteIntoALaterRender() {
        String[] walks = {
            "{% for v in c %}{{ v }}{% endfor %}", "{{ 'a' in c ? 'y' : 'n' }}", "{{ c|map(v => v)|join }}",
            "{{ c|filter(v => v)|join }}", "{{ c|join }}", "{{ c|first }}{{ c|last }}", "{{ c|sort|join }}",
            "{{ c|length }}", "{{ c|merge([1])|length }}", "{{ c|reverse|join }}", "{{ max(c) }}",
            "{{ c has some v => v ? 'y' : 'n' }}", "{{ c|slice(1)|join }}", "{{ c|batch(2)|length }}",
            "{{ c|keys|join }}", "{{ c[1] }}", "{{ c|json_encode }}", "{{ c|reduce((x, v) => x ~ v, '') }}"
        };
        String victim = "{% for v in hs %}{{ poke() }}{{ v }};{% endfor %}|{{ hs|map(v => v ~ poke())|join(',') }}"
                + "|{{ ll|map(v => v ~ poke())|join(',') }}|{{ ll|join(',') }}{{ poke() }}|{{ hs|sort|join }}";
        Map<String, String> t = new LinkedHashMap<>();
        for (int i = 0; i < walks.length; i++) {
            t.put("walk" + i, walks[i]);
        }
        t.put("victim", victim);
        Environment env = Environment.builder().loader(new MapLoader(t)).autoescape(false)
                .function(FunctionDefinition.of("poke", (ctx, a) -> {
                    strike();
                    return "";
                }))
                .build();
        Map<String, Object> data = Map.of("hs", new java.util.LinkedHashSet<>(List.of("p", "q")),
                "ll", new java.util.LinkedList<>(List.of("r", "s")));
        String expected = "p;q;|p,q|r,s|r,s|pq";
        assertEquals(expected, env.render("victim", data));
        for (Object c : new Object[] {new StashingList("a", "b", "c"), new StashingSet("a", "b", "c")}) {
            for (String walk : t.keySet()) {
                if (walk.equals("victim")) {
                    continue;
                }
                STASHED.clear();
                env.render(walk, Map.of("c", c));
                String out = env.render("victim", data);
                assertEquals(expected, out, c.getClass().getSimpleName() + ": " + t.get(walk));
            }
        }
    }

    /** An application's map whose forEach also hands the action to another thread, which keeps what it got. */
    public static final class ThreadingMap extends AbstractMap<Object, Object> {
        final List<Object> refused = new ArrayList<>();

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Map.<Object, Object>of("a", "b").entrySet();
        }

        @Override
        public void forEach(BiConsumer<? super Object, ? super Object> action) {
            Thread t = new Thread(() -> {
                try {
                    action.accept("intruder", "INTRUDER");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            });
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            action.accept("a", "b");
        }
    }

    /** A map and a list whose reads fail. */
    public static final class FailingMap extends AbstractMap<Object, Object> {
        @Override
        public Set<Entry<Object, Object>> entrySet() {
            throw new IllegalStateException("entries failed");
        }

        @Override
        public void forEach(BiConsumer<? super Object, ? super Object> action) {
            throw new IllegalStateException("forEach failed");
        }
    }

    public static final class FailingList extends java.util.AbstractList<Object> {
        @Override
        public Object get(int i) {
            throw new IndexOutOfBoundsException("get failed");
        }

        @Override
        public int size() {
            return 2;
        }
    }

    /**
     * The engine's consumer given to another thread by a map's forEach refuses to write there (the render gets only
     * what the calling thread handed over); an application's map or list failing while a for loop copies it is a
     * TemplateRuntimeException naming the template and the for's line on both executors (the reference executor
     * named no line).
     */
    @Test
    void anApplicationsCollectionFailingOrHandingTheActionAwayIsContained() {
        Map<String, String> t = Map.of("loop", "x\n{% for k, v in m %}{{ k }}={{ v }};{% endfor %}",
                "join", "x\n{{ m|join(',') }}", "inc", "x\n{% include 'show' with m %}", "show", "{{ a ?? '-' }}"
                        + "{{ intruder ?? '-' }}");
        Environment env = Environment.builder().loader(new MapLoader(t)).autoescape(false).build();
        ThreadingMap m = new ThreadingMap();
        assertEquals("x\na=b;", env.render("loop", Map.of("m", m)));
        assertEquals("x\nb", env.render("join", Map.of("m", m)));
        assertEquals("x\nb-", env.render("inc", Map.of("m", m)));
        assertEquals(3, m.refused.size());
        for (Object bad : new Object[] {new FailingMap(), new FailingList()}) {
            for (String name : List.of("loop", "join", "inc")) {
                if (bad instanceof List<?> && name.equals("inc")) {
                    continue;
                }
                dev.zweig.TemplateRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(
                        dev.zweig.TemplateRuntimeException.class, () -> env.render(name, Map.of("m", bad)), name);
                assertTrue(e.getMessage().contains("failed") && e.getMessage().endsWith("in \"" + name
                        + "\" at line 2."), e.getMessage());
            }
        }
    }
}
