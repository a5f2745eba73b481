package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.TemplateRuntimeException;
import org.junit.jupiter.api.Test;

/**
 * Methods of application objects called as PHP calls a user method from Twig: given more arguments than the method
 * takes, it drops the others (Twig's {@code object.getFoo('a')}); named arguments bind by parameter name
 * ({@code obj.bar(param2: 43, param1: 'a')}), for classes compiled with {@code -parameters} (the tests are).
 */
class PhpMethodCallsTest {
    public static final class Foo {
        public String getFoo() {
            return "foo";
        }

        public String bar(Object param1, Object param2) {
            return "bar_" + param1 + "-" + param2;
        }

        public String one(Object a) {
            return "one " + a;
        }

        public String one(Object a, Object b) {
            return "two " + a + " " + b;
        }
    }

    @Test
    void extraArgumentsAreDroppedAsPhpDropsThem() {
        Foo foo = new Foo();
        assertEquals("foo foo", render("{{ o.getFoo('a') }} {{ o.foo(1, 2, 3) }}", "o", foo));
        assertEquals("ok ok", renderStrict("{{ o.getFoo('a') is defined ? 'ok' : 'ko' }} "
                + "{{ o.nothing('a') is defined ? 'ko' : 'ok' }}", "o", foo));
        // the overload taking them all first, then the one taking the most of them
        assertEquals("one 1|two 1 2|two 1 2", render("{{ o.one(1) }}|{{ o.one(1, 2) }}|{{ o.one(1, 2, 3) }}",
                "o", foo));
    }

    @Test
    void namedArgumentsBindByParameterName() {
        Foo foo = new Foo();
        assertEquals("bar_a-43|bar_a-43|bar_a-43", render("{{ o.bar(param1: 'a', param2: 43) }}|"
                + "{{ o.bar(param2: 43, param1: 'a') }}|{{ o.bar('a', param2: 43) }}", "o", foo));
        // a parameter no argument names is null, as Java has no default values
        assertEquals("bar_null-b", render("{{ o.bar(param2: 'b') }}", "o", foo));
        // a dynamic attribute name binds the same way
        assertEquals("bar_a-b", render("{{ o.(m)(param2: 'b', param1: 'a') }}", "o", foo, "m", "bar"));
        failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a template "
                + "(\"Unknown named parameter $nope\") in \"index.twig\" at line 1.", "{{ o.bar(nope: 1) }}", "o", foo);
    }

    @Test
    void jdkMethodsHaveNoParameterNames() {
        // the JDK is not compiled with -parameters: a named argument cannot be bound, and says why
        failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a template "
                + "(\"The parameter names of java.time.LocalDate::plusDays() are unknown (compile it with "
                + "-parameters) for named argument $daysToAdd\") in \"index.twig\" at line 1.",
                "{{ d.plusDays(daysToAdd: 1) }}", "d", java.time.LocalDate.of(2020, 1, 1));
    }
}
