package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ForTagTest {
    @Test
    void iteratesSequences() {
        assertEquals("a,b,c,", render("{% for x in list %}{{ x }},{% endfor %}", "list", List.of("a", "b", "c")));
        assertEquals("123", render("{% for i in 1..3 %}{{ i }}{% endfor %}"));
        assertEquals("0:a 1:b ", render("{% for k, v in ['a', 'b'] %}{{ k }}:{{ v }} {% endfor %}"));
    }

    @Test
    void iteratesMappingsInInsertionOrder() {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("b", 1);
        h.put("a", 2);
        h.put("c", 3);
        assertEquals("b=1 a=2 c=3 ", render("{% for k, v in h %}{{ k }}={{ v }} {% endfor %}", "h", h));
        assertEquals("bac", render("{% for k in h|keys %}{{ k }}{% endfor %}", "h", h));
    }

    @Test
    void elseBranchForEmptyOrNonIterable() {
        assertEquals("empty", render("{% for x in [] %}{{ x }}{% else %}empty{% endfor %}"));
        assertEquals("empty", render("{% for x in list %}{{ x }}{% else %}empty{% endfor %}", "list", List.of()));
        assertEquals("not iterable", renderStrict("{% for c in 'abc' %}{{ c }}{% else %}not iterable{% endfor %}"));
        assertEquals("none", render("{% for c in nothing %}{{ c }}{% else %}none{% endfor %}"));
        assertEquals("a", render("{% for x in ['a'] %}{{ x }}{% else %}empty{% endfor %}"));
    }

    /** Twig sets `loop` up before iterating: in a nested loop's else branch it is the inner, empty loop. */
    @Test
    void elseBranchOfANestedLoopSeesTheInnerLoop() {
        assertEquals("1,0,f,n,0,-1,a/1;1,0,f,n,0,-1,b/2;", renderStrict("{% for o in outer %}{% for x in [] %}{{ x }}"
                + "{% else %}{{ loop.index }},{{ loop.length }},{{ loop.first ? 'f' }},{{ loop.last ? 'l' : 'n' }},"
                + "{{ loop.revindex }},{{ loop.revindex0 }},{{ loop.parent.o }}{% endfor %}/{{ loop.index }};{% endfor %}",
                "outer", List.of("a", "b")));
    }

    @Test
    void loopVariables() {
        assertEquals("1/0/3/2/T/F/3 2/1/2/1/F/F/3 3/2/1/0/F/T/3 ",
                render("{% for x in ['a', 'b', 'c'] %}{{ loop.index }}/{{ loop.index0 }}/{{ loop.revindex }}/{{ loop.revindex0 }}/"
                        + "{{ loop.first ? 'T' : 'F' }}/{{ loop.last ? 'T' : 'F' }}/{{ loop.length }} {% endfor %}"));
        assertEquals("a, b, c", render("{% for u in users %}{{ u.name }}{{ not loop.last ? ', ' }}{% endfor %}",
                "users", List.of(Map.of("name", "a"), Map.of("name", "b"), Map.of("name", "c"))));
    }

    @Test
    void loopParentGivesAccessToTheOuterLoop() {
        assertEquals("1.1 1.2 2.1 2.2 ",
                render("{% for a in [1, 2] %}{% for b in [1, 2] %}{{ loop.parent.loop.index }}.{{ loop.index }} {% endfor %}{% endfor %}"));
        assertEquals("x:1 x:2 y:1 y:2 ",
                render("{% for a in ['x', 'y'] %}{% for b in [1, 2] %}{{ a }}:{{ b }} {% endfor %}{% endfor %}"));
    }

    @Test
    void aLoopKeptInAVariableSeesTheScopeItStartedIn() {
        // expected outputs from the Twig oracle; parts is a split, whose pieces may be render-private
        assertEquals("[a+b+c][a+b+c][1][a,b,c]", renderStrict("{% set parts = csv|split(',') %}{% for i in [1] %}"
                + "{% set l = loop %}[{{ l.parent.parts|join('+') }}][{{ loop.parent.parts|join('+') }}]"
                + "[{{ l.index }}][{{ l.parent.csv }}]{% endfor %}", "csv", "a,b,c"));
        assertEquals("3[3][abc]", renderStrict("{% set parts = csv|split(',') %}{{ parts|length }}{% for i in [1] %}"
                + "{% set l = loop %}[{{ l.parent.parts|length }}]{% for j in [2] %}[{{ l.parent.parts|join }}]"
                + "{% endfor %}{% endfor %}", "csv", "a,b,c"));
        assertEquals("[abc][abc]", renderStrict("{% set parts = csv|split(',') %}{% for i in [1] %}{% set l = loop %}"
                + "{% set parts = 'y' %}[{{ l.parent.parts|join }}][{{ loop.parent.parts|join }}]{% endfor %}",
                "csv", "a,b,c"));
        assertEquals("[abc]", renderStrict("{% set parts = csv|split(',') %}{% set l = null %}{% for i in [1] %}"
                + "{% set l = loop %}{% endfor %}[{{ l.parent.parts|join }}]", "csv", "a,b,c"));
        assertEquals("[1][5]", renderStrict("{% set l = 5 %}{% for i in [1] %}{% set l = loop %}{% endfor %}"
                + "[{{ l.index }}][{{ l.parent.l }}]"));
    }

    @Test
    void loopVariablesAreScoped() {
        assertEquals("2 scoped", renderStrict("{% set x = 'before' %}{% for i in [1, 2] %}{% set x = i %}{% set inner = 'in' %}{% endfor %}"
                + "{{ x }} {{ inner is defined ? 'leaks' : 'scoped' }}"));
        assertEquals("before", renderStrict("{% set i = 'before' %}{% for i in [1, 2] %}{% endfor %}{{ i }}"));
        assertEquals("undefined", renderStrict("{% for i in [1, 2] %}{% endfor %}{{ i is defined ? i : 'undefined' }}"));
        assertEquals("undefined", renderStrict("{% for i in [1] %}{% endfor %}{{ loop is defined ? 'loop' : 'undefined' }}"));
        assertEquals("6", renderStrict("{% set total = 0 %}{% for i in 1..3 %}{% set total = total + i %}{% endfor %}{{ total }}"));
    }

    @Test
    void iteratesJavaArraysAndIterables() {
        assertEquals("1,2,3", render("{{ arr|join(',') }}", "arr", new int[] {1, 2, 3}));
        assertEquals("xy", render("{% for s in arr %}{{ s }}{% endfor %}", "arr", new String[] {"x", "y"}));
        Set<String> sorted = new TreeSet<>(List.of("c", "a", "b"));
        assertEquals("a0b1c2", render("{% for s in set %}{{ s }}{{ loop.index0 }}{% endfor %}", "set", sorted));
        Iterable<Integer> lazy = () -> List.of(4, 5).iterator();
        assertEquals("4:0 5:1 ", render("{% for k, v in it %}{{ v }}:{{ k }} {% endfor %}", "it", lazy));
        assertEquals("pq", render("{% for s in dq %}{{ s }}{% endfor %}", "dq", new ArrayDeque<>(List.of("p", "q"))));
    }

    @Test
    void iterableCanBeRenderedTwice() {
        Iterable<Integer> it = () -> List.of(1, 2).iterator();
        assertEquals("12|12", render("{% for i in it %}{{ i }}{% endfor %}|{% for i in it %}{{ i }}{% endfor %}", "it", it));
    }

    @Test
    void keyValueDestructuringInNestedData() {
        assertEquals("a=1;b=2;", render("{% for row in rows %}{% for k, v in row %}{{ k }}={{ v }};{% endfor %}{% endfor %}",
                "rows", List.of(Map.of("a", 1), Map.of("b", 2))));
    }

    @Test
    void emptyLoopWithWhitespaceControl() {
        assertEquals("[1][2]", render("{% for i in [1, 2] -%}\n  [{{ i }}]\n{%- endfor %}"));
    }
}
