package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateRuntimeException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A for loop over something without a count: Twig's loop has revindex0, revindex, length and last only when what
 * it walks is an array or Countable; a Java Iterator, or an Iterable that is no Collection, is PHP's Traversable
 * that is not Countable. Read any other way (printed, compared, tested, through the loop itself) the attributes are
 * missing alike; a Collection of any kind keeps them.
 */
class UncountedLoopTest {
    /** An Iterable that is no Collection, walked afresh each time. */
    private static Iterable<Object> stream(Object... values) {
        return () -> List.of(values).iterator();
    }

    @Test
    void anIterableThatIsNoCollectionHasNoLength() {
        String t = "{% for v in items %}{{ loop.index }}{{ loop.length }}{{ loop.last ? 'L' }}{{ loop.revindex }}"
                + "{{ loop.revindex0 is null ? 'n' }}{{ loop.first ? 'F' }}|{% endfor %}";
        assertEquals("1nF|2n|3n|", render(t, "items", stream("a", "b", "c")));
        // a Collection is countable, whatever kind: a set, a deque
        assertEquals("133F|232|33L1|", render(t, "items", new TreeSet<>(Set.of(3, 1, 2))));
        assertEquals("122F|22L1|", render(t, "items", new ArrayDeque<>(List.of("x", "y"))));
    }

    @Test
    void anIteratorHasNoLength() {
        Iterator<Object> it = List.<Object>of("a", "b").iterator();
        assertEquals("1:|2:|", render("{% for v in items %}{{ loop.index }}:{{ loop.length }}|{% endfor %}",
                "items", it));
    }

    @Test
    void theMissingAttributesAreMissingEveryWay() {
        String t = "{% for v in items %}{{ loop.length is defined ? 'D' : 'u' }}{{ loop.index is defined ? 'D' : 'u' }}"
                + "{{ loop.last is odd ? 'o' : 'e' }}{{ loop.length + 1 }}{{ loop.revindex ?? 'q' }}"
                + "{{ loop|keys|join(',') }}|{% endfor %}";
        assertEquals("uDe1qparent,index0,index,first|", render(t, "items", stream("a")));
        assertEquals("DDo2" + "1" + "parent,index0,index,first,revindex0,revindex,length,last|",
                render(t, "items", List.of("a")));
    }

    @Test
    void aMissingAttributeUnderStrictVariablesNamesTheKeysTheLoopHas() {
        failsWith(TemplateRuntimeException.class, "Key \"length\" for sequence/mapping with keys \"parent, index0,"
                + " index, first\" does not exist in \"index.twig\" at line 2.",
                "{% for v in items %}\n{{ loop.length }}{% endfor %}", "items", stream("a"));
        failsWith(TemplateRuntimeException.class, "Key \"size\" for sequence/mapping with keys \"parent, index0,"
                + " index, first, revindex0, revindex, length, last\" does not exist in \"index.twig\" at line 1.",
                "{% for v in items %}{{ loop.size }}{% endfor %}", "items", List.of("a"));
    }

    @Test
    void anInnerLoopOverACollectionKeepsItsCountInsideAnUncountedOne() {
        String t = "{% for v in outer %}{% for w in inner %}{{ loop.length }}{% endfor %}"
                + "[{{ loop.length }}]{% endfor %}";
        assertEquals("22[]22[]", render(t, "outer", stream(1, 2), "inner", List.of(1, 2)));
        assertEquals("[2][2]", render(t, "outer", List.of(1, 2), "inner", stream()));
    }

    @Test
    void aSandboxRefusingAJavaLambdaNamesItsInterfaceNotAGeneratedClass() {
        dev.zweig.sandbox.SecurityPolicy p = dev.zweig.sandbox.SecurityPolicy.builder().allowTags("for").build();
        dev.zweig.Environment env = Twig.env(Twig.templates("index.twig", "{{ items has some f ? 'y' }}"),
                b -> b.sandbox(p));
        dev.zweig.ext.Lambda f = args -> true;
        TemplateRuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateRuntimeException.class,
                () -> env.render("index.twig", Twig.vars("items", List.of(1), "f", f)));
        assertTrue(e.getMessage().contains("got \"dev.zweig.ext.Lambda\""), e.getMessage());
    }
}
