package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Java data as a Java team passes it: arrays of primitives and of objects, a map with Integer keys, a bean whose
 * method takes arguments (also spread from a list or an array by attribute()), sets, linked lists and deques. Each
 * renders as the same data in PHP's shapes (lists of Longs and Doubles, maps with Long keys) renders, and loops,
 * filters, {@code in}, subscripts and method calls over it allocate less than {@link #BOUND} byte per render after
 * a warm-up.
 */
class JavaDataAllocationTest {
    private static final double BOUND = 1.0;

    private static final String PAGE = "{% for i in ints %}{{ i }}:{{ loop.index }}{{ i * 2 }},{% endfor %}"
            + "|{% for k, v in longs %}{{ k }}={{ v }},{% endfor %}|{% for d in dbls %}{{ d }}{{ loop.last ? '.' }}"
            + "{% endfor %}|{% for s in strs %}{{ s|upper }}{% else %}none{% endfor %}|{{ ints|first }}"
            + "{{ ints|last }}{{ max(ints) }}{{ ints|join(',') }}{{ ints|length }}{{ ints|sort|first }}"
            + "|{{ 300 in ints ? 'in' }}{{ 301 in ints ? 'in' }}{{ 2.5 in dbls ? 'in' }}{{ 'b' in strs ? 'in' }}"
            + "|{{ imap[500] }}{{ imap[7] }}|{{ bean.label('x') }}{{ bean.twice('ab', 2) }}"
            + "|{% for n in linked %}{{ n }}{% endfor %}{% for s in set %}{{ s }}{% endfor %}"
            + "|{% for s in hset %}{{ s }}{% endfor %}{{ deque|join(',') }}{{ linked|first }}{{ set|last }}"
            + "|{{ attribute(bean, 'twice', pair) }}{{ attribute(bean, 'twice', ['cd', 2]) }}"
            + "{{ attribute(bean, 'middle', strs) }}{{ attribute(bean, 'twice', pair)|length }}"
            + "|{% for k, v in imap %}{{ k is divisible by(5) ? k }}{{ k % 3 }}{% endfor %}{{ imap[9999] ?? 'none' }}"
            + "{{ imap['7'] }}{{ imap[500] is defined ? 'd' }}{{ ints[4] }}{{ dbls[2] }}{{ longs[1] * 2 }}"
            + "|{% for s in own %}{{ s }}{% endfor %}{{ own|length }}{{ attribute(bean, 'twice', linkedPair) }}";

    /**
     * A LinkedList of the application's own (a subclass): walked with its iterator, never handed an array of the
     * render's (its toArray could keep it), which its toArray here would show by failing.
     */
    public static final class OwnList extends LinkedList<Object> {
        private static final long serialVersionUID = 1L;

        OwnList(List<?> items) {
            super(items);
        }

        @Override
        public <T> T[] toArray(T[] a) {
            throw new AssertionError("an application's collection was handed an array of the render's");
        }
    }

    /** A bean with methods taking arguments (called with the template's values, coerced to its types). */
    public static final class Bean {
        public String label(String x) {
            return x;
        }

        public String twice(String s, int n) {
            return n == 2 ? s : "?";
        }

        public String middle(String x, String y, String z) {
            return y;
        }
    }

    private static Map<String, Object> data(boolean java) {
        Map<String, Object> d = new HashMap<>();
        d.put("ints", java ? new int[] {100, 200, 300, 400, 500} : List.of(100L, 200L, 300L, 400L, 500L));
        d.put("longs", java ? new long[] {1000, 2000} : List.of(1000L, 2000L));
        d.put("dbls", java ? new double[] {1.5, 2.5, 1000.25} : List.of(1.5, 2.5, 1000.25));
        d.put("strs", java ? new String[] {"a", "b", "c"} : List.of("a", "b", "c"));
        Map<Object, Object> imap = new LinkedHashMap<>();
        imap.put(java ? (Object) 500 : (Object) 500L, "five hundred");
        imap.put(java ? (Object) 7 : (Object) 7L, "seven");
        d.put("imap", imap);
        d.put("bean", new Bean());
        d.put("linked", java ? new LinkedList<>(List.of(1000L, 2000L)) : List.of(1000L, 2000L));
        d.put("set", java ? new LinkedHashSet<>(List.of("x", "y")) : List.of("x", "y"));
        d.put("hset", java ? new HashSet<>(List.of("z")) : List.of("z"));
        d.put("deque", java ? new ArrayDeque<>(List.of(3L, 4L)) : List.of(3L, 4L));
        d.put("own", java ? new OwnList(List.of("o", "p")) : List.of("o", "p"));
        d.put("pair", List.of("ab", 2L));
        d.put("linkedPair", java ? new LinkedList<>(List.of("ij", 2L)) : List.of("ij", 2L));
        return d;
    }

    @Test
    void javaShapesRenderAsPhpShapes() {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", PAGE))).build().load("t");
        String expected = t.render(data(false));
        assertEquals("100:1200,200:2400,300:3600,400:4800,500:51000,|0=1000,1=2000,|1.52.51000.25.|ABC"
                + "|100500500100,200,300,400,5005100|ininin|five hundredseven|xab|10002000xy|z3,41000y"
                + "|abcdb2|50021nonesevend5001000.254000|op2ij",
                expected);
        assertEquals(expected, t.render(data(true)));
    }

    @Test
    void javaShapesAllocateNothingPerRender() {
        // the JDK's sets, linked lists and deques are copied by their own toArray into the render's storage (no
        // iterator); an application's collection (own) is walked with its iterator, a collection's allocation
        String page = PAGE.substring(0, PAGE.lastIndexOf("|{% for s in own"));
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", page))).build().load("t");
        Map<String, Object> data = data(true);
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        double perRender = AllocationMeter.bytesPerRender(t, data, out, 2000, BOUND);
        assertEquals(t.render(data(false)), out.builder().toString());
        assertTrue(perRender < BOUND, perRender + " bytes per render over Java arrays, maps and beans on "
                + System.getProperty("zweig.executor", "the default executor"));
    }
}
