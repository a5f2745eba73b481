package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Class constants and enums as Twig reads them, for classes the application registered: {@code obj.NAME} reads a
 * constant of the object's class after its properties and before its methods (Twig's getAttribute), as
 * {@code constant('NAME', obj)} does; {@code enum('Name')} is the enum's first case, through which its other cases
 * and {@code cases()} are read; {@code enum()} and {@code enum_cases()} given a constant name are checked when the
 * template compiles. An unregistered class shows no constant, nor does any class in a sandbox.
 */
class ClassConstantsTest {
    public static final class Foo {
        public static final String BAR_NAME = "bar";
        public static String notFinal = "static";
        public final String field = "field";

        public String getBarName() {
            return "getter";
        }
    }

    public static final class Unregistered {
        public static final String BAR_NAME = "bar";
    }

    public enum Status {
        OPEN("open"), CLOSED("closed");

        public final String value;

        Status(String value) {
            this.value = value;
        }
    }

    public enum Empty {
    }

    private static Environment env() {
        return Environment.builder().loader(new MapLoader(Map.of())).strictVariables(true)
                .registerClass(Foo.class).registerClass("App\\Status", Status.class).registerClass(Empty.class)
                .build();
    }

    private static String render(String source, Object... kv) {
        return env().createTemplate(source, "index.twig").render(Twig.vars(kv));
    }

    @Test
    void constantsOfRegisteredClassesThroughTheirObjects() {
        Foo foo = new Foo();
        // the constant before the getter of the same name (Twig: properties, constants, then methods)
        assertEquals("bar bar ok", render("{{ o.BAR_NAME }} {{ constant('BAR_NAME', o) }} "
                + "{{ o.BAR_NAME is defined ? 'ok' : 'ko' }}", "o", foo));
        assertEquals("field getter", render("{{ o.field }} {{ o.barName }}", "o", foo));
        // a static field that is not final is no constant
        assertThrows(TemplateRuntimeException.class, () -> render("{{ o.notFinal }}", "o", foo));
        assertEquals("ko", render("{{ o.notFinal is defined ? 'ok' : 'ko' }}", "o", foo));
        // an unregistered class shows none, whichever way it is asked
        Unregistered u = new Unregistered();
        assertThrows(TemplateRuntimeException.class, () -> render("{{ o.BAR_NAME }}", "o", u));
        assertThrows(TemplateRuntimeException.class, () -> render("{{ constant('BAR_NAME', o) }}", "o", u));
        assertEquals("ko", render("{{ o.BAR_NAME is defined ? 'ok' : 'ko' }}", "o", u));
    }

    @Test
    void aSandboxNeverLetsAConstantThrough() {
        // checked as a property, and a sandbox's policy never allows a static field, even one it lists
        Environment sandboxed = Environment.builder().loader(new MapLoader(Map.of())).registerClass(Foo.class)
                .sandbox(SecurityPolicy.builder().allowProperties(Foo.class, "BAR_NAME").build()).build();
        assertThrows(TemplateException.class, () -> sandboxed.createTemplate("{{ o.BAR_NAME }}")
                .render(Map.of("o", new Foo())));
    }

    @Test
    void classNameAndPhpErrorConstants() {
        assertEquals(Foo.class.getName(), render("{{ constant('class', o) }}", "o", new Foo()));
        assertEquals("8 8192 32767", render("{{ constant('E_NOTICE') }} {{ constant('E_DEPRECATED') }} "
                + "{{ constant('E_ALL') }}"));
        assertEquals("ok", render("{{ 8 is constant('E_NOTICE') ? 'ok' : 'ko' }}"));
    }

    @Test
    void enumIsItsFirstCase() {
        assertEquals("OPEN open CLOSED", render("{% set s = enum('App\\\\Status') %}{{ s.name }} {{ s.value }} "
                + "{{ s.CLOSED.name }}"));
        assertEquals("OPEN:open CLOSED:closed ", render("{% for c in enum('App\\\\Status').cases() %}"
                + "{{ c.name }}:{{ c.value }} {% endfor %}"));
        assertEquals("OPEN CLOSED ", render("{% for c in enum_cases('App\\\\Status') %}{{ c.name }} {% endfor %}"));
    }

    @Test
    void enumArgumentsAreCheckedWhenTheTemplateCompiles() {
        assertEquals("The first argument of the \"enum\" function must be the name of an enum, \"Nope\" given in "
                + "\"index.twig\" at line 1.", assertThrows(TemplateSyntaxException.class,
                        () -> render("{{ enum('Nope') }}")).getMessage());
        assertEquals("The first argument of the \"enum_cases\" function must be a string in \"index.twig\" at line "
                + "1.", assertThrows(TemplateSyntaxException.class, () -> render("{{ enum_cases(13) }}")).getMessage());
        assertEquals("The first argument of the \"enum\" function must be a non-empty enum, \"" + Empty.class.getName()
                + "\" given in \"index.twig\" at line 1.", assertThrows(TemplateSyntaxException.class,
                        () -> render("{{ enum('" + Empty.class.getName() + "') }}")).getMessage());
        // a registered class that is no enum is no enum
        assertThrows(TemplateSyntaxException.class, () -> render("{{ enum('" + Foo.class.getName() + "') }}"));
        // a name computed at run time is checked at run time
        assertEquals("\"Nope\" is not an enum in \"index.twig\" at line 1.", assertThrows(
                TemplateRuntimeException.class, () -> render("{{ enum(n) }}", "n", "Nope")).getMessage());
        assertEquals("Enum \"Nope\" does not exist in \"index.twig\" at line 1.", assertThrows(
                TemplateRuntimeException.class, () -> render("{{ enum_cases(n) }}", "n", "Nope")).getMessage());
        assertEquals("\"" + Empty.class.getName() + "\" is an empty enum in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> render("{{ enum(n) }}", "n",
                        Empty.class.getName())).getMessage());
    }
}
