package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Java methods of variable arity on the application's objects ({@code take(Object... xs)}) are called as Java calls
 * them: {@code o.take(a, b)} hands them the array [a, b] (it printed nothing: no method of two parameters), a single
 * value that is no array of the parameter's type is one element ({@code o.take([a, b])} failed with a
 * ClassCastException's message), an array of that type is passed as it is. Arguments they cannot take (too few, a
 * value of another type) are a TemplateRuntimeException naming the template and line.
 */
class VarargsMethodsTest {
    /** An application's object with methods of variable arity. */
    public static final class Shelf {
        final List<Object[]> received = new ArrayList<>();

        public String take(Object... xs) {
            received.add(xs);
            return xs.getClass().getSimpleName() + Arrays.deepToString(xs);
        }

        public String join(String separator, int... parts) {
            StringBuilder sb = new StringBuilder();
            for (int p : parts) {
                sb.append(sb.length() > 0 ? separator : "").append(p);
            }
            return sb.toString();
        }

        public String names(String... names) {
            return String.join("+", names);
        }

        public String one(String s) {
            return "fixed:" + s;
        }

        public String one(String s, Object... more) {
            return "variable:" + s + Arrays.toString(more);
        }

        public String states(Thread.State... states) {
            return Arrays.toString(states);
        }

        public String getItems(String... filter) {
            return "items" + Arrays.toString(filter);
        }

        public String ratios(double first, float... rest) {
            return first + Arrays.toString(rest);
        }
    }

    private static String render(String source, Object... kv) {
        return env(templates("t", source), b -> b.autoescape(false)).render("t", vars(kv));
    }

    @Test
    void argumentsAreCollectedIntoTheVariableParameter() {
        Shelf s = new Shelf();
        assertEquals("Object[][1, b]", render("{{ o.take(1, 'b') }}", "o", s));
        assertEquals("Object[][]|Object[][]", render("{{ o.take() }}|{{ o.take }}", "o", s));
        assertEquals("Object[][1, 2, 3]", render("{{ o.take(...[1, 2, 3]) }}", "o", s));
        assertEquals("Object[][1, 2]", render("{{ attribute(o, 'take', [1, 2]) }}", "o", s));
        // fixed parameters first, each value coerced as a fixed parameter's is
        assertEquals("1-2-3|", render("{{ o.join('-', 1, 2, '3') }}|{{ o.join('-') }}", "o", s));
        assertEquals("a+1+2.5+1", render("{{ o.names('a', 1, 2.5, true) }}", "o", s));
        assertEquals("0.5[1.0, 2.5]", render("{{ o.ratios(0.5, 1, 2.5) }}", "o", s));
        // a getter of variable arity read as a property
        assertEquals("items[]|items[a]", render("{{ o.items }}|{{ o.items('a') }}", "o", s));
    }

    @Test
    void aSingleValueIsOneElementUnlessItIsAnArrayOfTheParametersType() {
        Shelf s = new Shelf();
        assertEquals("Object[][[1, 2]]", render("{{ o.take([1, 2]) }}", "o", s));
        assertEquals("Object[][null]", render("{{ o.take(null) }}", "o", s));
        Object[] array = {"p", "q"};
        s.received.clear();
        assertEquals("Object[][p, q]", render("{{ o.take(arr) }}", "o", s, "arr", array));
        assertTrue(s.received.get(0) == array, "an array of the parameter's type is passed as it is");
    }

    @Test
    void aFixedArityMethodIsPreferredAsJavaPrefersIt() {
        assertEquals("fixed:x|variable:x[1]", render("{{ o.one('x') }}|{{ o.one('x', 1) }}", "o", new Shelf()));
    }

    @Test
    void eachCallGetsAnArrayOfItsOwn() {
        Shelf s = new Shelf();
        render("{% for i in 1..2 %}{{ o.take(i, 'x') }}{% endfor %}", "o", s);
        assertEquals(2, s.received.size());
        assertNotSame(s.received.get(0), s.received.get(1));
        s.received.get(0)[0] = "changed by the method";
        assertEquals("[2, x]", Arrays.toString(s.received.get(1)));
    }

    @Test
    void argumentsAMethodCannotTakeAreAClearErrorAtTheirLine() {
        Shelf s = new Shelf();
        for (boolean strict : new boolean[] {false, true}) {
            Environment env = env(templates("few", "x\n{{ o.join() }}", "type", "x\n\n{% set v = o.states(1, 2) %}"),
                    b -> b.strictVariables(strict));
            TemplateRuntimeException few = assertThrows(TemplateRuntimeException.class,
                    () -> env.render("few", vars("o", s)));
            assertEquals("Too few arguments to method " + Shelf.class.getName() + "::join(), 0 passed and at least 1 "
                    + "expected in \"few\" at line 2.", few.getMessage());
            TemplateRuntimeException type = assertThrows(TemplateRuntimeException.class,
                    () -> env.render("type", vars("o", s)));
            assertEquals(Shelf.class.getName() + "::states(): Argument #1 must be of type java.lang.Thread$State, int "
                    + "given in \"type\" at line 3.", type.getMessage());
        }
    }

    @Test
    void aSandboxAllowsAVariableArityMethodByItsName() {
        String source = "{{ o.take(1, 2) }}";
        Environment denied = env(templates("t", source), b -> b.sandbox(SecurityPolicy.builder().build()));
        assertThrows(TemplateException.class, () -> denied.render("t", vars("o", new Shelf())));
        Environment allowed = env(templates("t", source),
                b -> b.sandbox(SecurityPolicy.builder().allowMethods(Shelf.class, "take").build()));
        assertEquals("Object[][1, 2]", allowed.render("t", vars("o", new Shelf())));
    }
}
