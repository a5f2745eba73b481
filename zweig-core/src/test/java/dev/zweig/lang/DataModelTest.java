package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DataModelTest {
    public record User(String name, int age, Optional<String> nickname) {
    }

    public static class Bean {
        public final String label = "public field";
        private final boolean active;

        public Bean(boolean active) {
            this.active = active;
        }

        public String getTitle() {
            return "Title";
        }

        public boolean isActive() {
            return active;
        }

        public boolean hasChildren() {
            return true;
        }

        public String greet(String who) {
            return "hi " + who;
        }

        public long add(long a, long b) {
            return a + b;
        }

        public List<String> getTags() {
            return List.of("x", "y");
        }
    }

    public enum Color {
        RED("warm"), BLUE("cold");

        private final String mood;

        Color(String mood) {
            this.mood = mood;
        }

        public String getMood() {
            return mood;
        }
    }

    @Test
    void records() {
        User u = new User("Ann", 31, Optional.of("annie"));
        assertEquals("Ann 31 annie", renderStrict("{{ u.name }} {{ u.age }} {{ u.nickname }}", "u", u));
        assertEquals("none", renderStrict("{{ u.nickname ?? 'none' }}", "u", new User("Bo", 2, Optional.empty())));
        // [] on an object is array access, which a record does not offer (as for a PHP object without ArrayAccess)
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ u['name'] }}", "u", u));
        assertEquals("Bo,Ann", renderStrict("{{ users|sort((a, b) => a.age <=> b.age)|map(u => u.name)|join(',') }}",
                "users", List.of(u, new User("Bo", 2, Optional.empty()))));
    }

    @Test
    void javaBeans() {
        Bean b = new Bean(true);
        assertEquals("Title|yes|yes|public field|hi you|5|x-y",
                renderStrict("{{ b.title }}|{{ b.active ? 'yes' }}|{{ b.children ? 'yes' }}|{{ b.label }}|{{ b.greet('you') }}|{{ b.add(2, 3) }}|{{ b.tags|join('-') }}",
                        "b", b));
        assertEquals("Title", renderStrict("{{ b.getTitle() }}", "b", b));
        assertEquals("", renderStrict("{{ b.active ? 'yes' }}", "b", new Bean(false)));
        assertEquals("TF", renderStrict("{{ b.title is defined ? 'T' : 'F' }}{{ b.nope is defined ? 'T' : 'F' }}", "b", b));
    }

    @Test
    void missingMemberInStrictModeNamesTheLookup() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ b.nope }}", "b", new Bean(true)));
        assertTrue(e.getMessage().startsWith("Neither the property \"nope\" nor one of the methods \"nope()\", \"getnope()\"/\"isnope()\"/\"hasnope()\""),
                e.getMessage());
        assertEquals(1, e.getLine());
        assertEquals("[]", render("[{{ b.nope }}]", "b", new Bean(true)));
    }

    @Test
    void enums() {
        assertEquals("RED warm 0|BLUE", renderStrict("{{ c.name }} {{ c.mood }} {{ c.ordinal }}|{{ other.name() }}", "c", Color.RED, "other", Color.BLUE));
        assertEquals("same", renderStrict("{{ c == d ? 'same' : 'diff' }}", "c", Color.RED, "d", Color.RED));
    }

    @Test
    void optionalValues() {
        assertEquals("annie|none", renderStrict("{{ a.nickname }}|{{ b.nickname ?? 'none' }}",
                "a", new User("A", 1, Optional.of("annie")), "b", new User("B", 1, Optional.empty())));
    }

    @Test
    void bigDecimalArithmeticIsExact() {
        assertEquals("0.3", render("{{ a + b }}", "a", new BigDecimal("0.1"), "b", new BigDecimal("0.2")));
        assertEquals("3.30", render("{{ p * 3 }}", "p", new BigDecimal("1.10")));
        assertEquals("20.99", render("{{ p + 1 }}", "p", new BigDecimal("19.99")));
        assertEquals("12345678901234567891.12", render("{{ p + 1 }}", "p", new BigDecimal("12345678901234567890.12")));
        assertEquals("T", render("{{ p > 19 ? 'T' : 'F' }}", "p", new BigDecimal("19.99")));
        assertEquals("T", render("{{ a + b == c ? 'T' : 'F' }}", "a", new BigDecimal("0.1"), "b", new BigDecimal("0.2"), "c", new BigDecimal("0.3")));
    }

    @Test
    void otherNumberTypes() {
        assertEquals("8|3|4|1.5|101", render("{{ i + 1 }}|{{ s + 1 }}|{{ by + 1 }}|{{ f }}|{{ bi + 1 }}",
                "i", 7, "s", (short) 2, "by", (byte) 3, "f", 1.5f, "bi", BigInteger.valueOf(100)));
        assertEquals("9223372036854775807", render("{{ l }}", "l", Long.MAX_VALUE));
    }

    @Test
    void mapOrderIsPreserved() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("zeta", 1);
        m.put("alpha", 2);
        m.put("mid", 3);
        assertEquals("zeta,alpha,mid|1,2,3", render("{{ m|keys|join(',') }}|{{ m|join(',') }}", "m", m));
        assertEquals("a,b,c", render("{{ m|keys|join(',') }}", "m", new TreeMap<>(Map.of("c", 1, "a", 2, "b", 3))));
    }

    @Test
    void integerKeysAreNormalized() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put(1, "one");
        m.put("two", 2);
        assertEquals("one|one|2", render("{{ m[1] }}|{{ m['1'] }}|{{ m.two }}", "m", m));
    }

    @Test
    void arraysReadAsSequences() {
        assertEquals("3|1|b|b|a-b-c", render("{{ arr|length }}|{{ ints|first }}|{{ arr[1] }}|{{ arr.1 }}|{{ arr|join('-') }}",
                "arr", new String[] {"a", "b", "c"}, "ints", new int[] {1, 2, 3}));
        assertEquals("1.5,2", render("{{ d|join(',') }}", "d", new double[] {1.5, 2.0}));
        assertEquals("2", render("{{ o|length }}", "o", new Object[] {null, "x"}));
    }

    @Test
    void iterablesReadAsSequences() {
        Iterable<String> it = () -> List.of("p", "q", "r").iterator();
        assertEquals("3|p|r|p,q,r|T", render("{{ it|length }}|{{ it|first }}|{{ it|last }}|{{ it|join(',') }}|{{ 'q' in it ? 'T' : 'F' }}", "it", it));
        assertEquals("b,a", render("{{ s|join(',') }}", "s", new LinkedHashSet<>(List.of("b", "a"))));
    }

    @Test
    void charSequencesAreStrings() {
        assertEquals("ABC|3", render("{{ sb|upper }}|{{ sb|length }}", "sb", new StringBuilder("abc")));
    }

    @Test
    void dataIsNeverMutated() {
        List<Object> list = new ArrayList<>(List.of(1, 2));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("k", "v"));
        render("{% set list = list|merge([3]) %}{% set map = map|merge({x: 1}) %}{% do list|sort %}{{ list|join }}", "list", list, "map", map);
        assertEquals(List.of(1, 2), list);
        assertEquals(Map.of("k", "v"), map);
    }

    @Test
    void columnReadsObjectRowsAsTheirAttributes() {
        // PHP's array_column reads object rows' properties; a Java row's are what row.name reads (field, record
        // component, getter); rows without the member, and scalars, are skipped
        List<Object> rows = List.of(new User("Ann", 31, Optional.empty()), Map.of("name", "Map", "age", 9),
                new Bean(true), "scalar", new User("Bob", 42, Optional.of("bobby")));
        assertEquals("Ann,Map,Bob|31,9,42|Ann=31,Map=9,Bob=42|public field|Title|1", renderStrict(
                "{{ rows|column('name')|join(',') }}|{{ rows|column('age')|join(',') }}|"
                        + "{% for k, v in rows|column('age', 'name') %}{{ k }}={{ v }}{{ loop.last ? '' : ',' }}"
                        + "{% endfor %}|{{ rows|column('label')|join }}|{{ rows|column('title')|join }}|"
                        + "{{ rows|column('active')|join }}", "rows", rows));
    }
}
