package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLoaderException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runtime and loading errors: class, template name, line, Twig's message, and the cause kept. */
class ErrorTest {
    @Test
    void undefinedVariableInStrictMode() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("a\n\n\n\n{{ nothing }}"));
        assertEquals("Variable \"nothing\" does not exist in \"index.twig\" at line 5.", e.getMessage());
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(5, e.getLine());
        assertEquals("Variable \"nothing\" does not exist.", e.getRawMessage());
    }

    @Test
    void undefinedVariableIsEmptyWhenNotStrict() {
        assertEquals("[]", Twig.render("[{{ nothing }}{{ nothing.deeper }}]"));
    }

    @Test
    void attributeErrors() {
        assertEquals("Impossible to access an attribute (\"x\") on a string variable (\"str\") in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ s.x }}", "s", "str")).getMessage());
        assertEquals("Impossible to access an attribute (\"x\") on a null variable in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ n.x }}", "n", null)).getMessage());
        assertEquals("Impossible to access an attribute (\"y\") on a int variable (\"1\") in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ i.y }}", "i", 1)).getMessage());
        assertEquals("Key \"x\" does not exist as the sequence/mapping is empty in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ m.x }}", "m", Map.of())).getMessage());
        assertEquals("Key \"length\" for sequence/mapping with keys \"0, 1\" does not exist in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ l.length }}", "l", List.of(1, 2))).getMessage());
    }

    @Test
    void divisionByZeroIsWrappedLikeTwig() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("\n{{ 1 / z }}", "z", 0));
        assertEquals("An exception has been thrown during the rendering of a template (\"Division by zero\") in \"index.twig\" at line 2.",
                e.getMessage());
        TemplateRuntimeException m = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ 1 % z }}", "z", 0));
        assertEquals("An exception has been thrown during the rendering of a template (\"Modulo by zero\") in \"index.twig\" at line 1.",
                m.getMessage());
    }

    @Test
    void missingTemplate() {
        Environment e = env(templates("a.twig", "{% include 'b.twig' %}"));
        TemplateLoaderException direct = assertThrows(TemplateLoaderException.class, () -> e.render("nope.twig", Map.of()));
        assertEquals("Template \"nope.twig\" is not defined.", direct.getMessage());
        assertThrows(TemplateLoaderException.class, () -> e.load("nope.twig"));
        TemplateLoaderException nested = assertThrows(TemplateLoaderException.class, () -> e.render("a.twig", Map.of()));
        assertEquals("Template \"b.twig\" is not defined in \"a.twig\" at line 1.", nested.getMessage());
    }

    @Test
    void missingBlock() {
        Environment e = env(templates("index.twig", "{% block a %}A{% endblock %}\n{{ block('b') }}"));
        TemplateRuntimeException viaFunction = assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        assertEquals("Block \"b\" on template \"index.twig\" does not exist in \"index.twig\" at line 2.", viaFunction.getMessage());
        assertThrows(TemplateException.class, () -> e.load("index.twig").renderBlock("zzz", Map.of()));
    }

    @Test
    void errorsNameTheTemplateWhereTheyHappen() {
        Environment e = env(templates(
                "base.twig", "<h1>\n\n\n{{ random([]) }}</h1>{% block body %}{% endblock %}",
                "index.twig", "{% extends 'base.twig' %}"), b -> b.strictVariables(true));
        TemplateRuntimeException inParent = assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        assertEquals("The \"random\" function cannot pick from an empty sequence or mapping in \"base.twig\" at line 4.", inParent.getMessage());

        Environment e2 = env(templates(
                "base.twig", "{% block body %}{% endblock %}",
                "index.twig", "{% extends 'base.twig' %}\n{% block body %}\n{{ missing }}{% endblock %}"), b -> b.strictVariables(true));
        TemplateRuntimeException inChildBlock = assertThrows(TemplateRuntimeException.class, () -> e2.render("index.twig", Map.of()));
        assertEquals("Variable \"missing\" does not exist in \"index.twig\" at line 3.", inChildBlock.getMessage());

        Environment e3 = env(templates("r.twig", "ok\n{{ x }}", "index.twig", "{% include 'r.twig' %}"), b -> b.strictVariables(true));
        TemplateRuntimeException inInclude = assertThrows(TemplateRuntimeException.class, () -> e3.render("index.twig", Map.of()));
        assertEquals("Variable \"x\" does not exist in \"r.twig\" at line 2.", inInclude.getMessage());

        Environment e4 = env(templates("m.twig", "{% macro m() %}\n{{ x.y }}{% endmacro %}",
                "index.twig", "{% import 'm.twig' as m %}{{ m.m() }}"), b -> b.strictVariables(true));
        TemplateRuntimeException inMacro = assertThrows(TemplateRuntimeException.class, () -> e4.render("index.twig", Map.of()));
        assertEquals("m.twig", inMacro.getTemplateName());
        assertEquals(2, inMacro.getLine());
    }

    @Test
    void failingUserFilterKeepsItsCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        Environment e = env(templates("index.twig", "a\n{{ 'x'|explode }}"), b -> b.filter("explode", v -> {
            throw boom;
        }));
        TemplateRuntimeException ex = assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        assertSame(boom, ex.getCause());
        assertEquals("index.twig", ex.getTemplateName());
        assertEquals(2, ex.getLine());
        assertEquals("An exception has been thrown during the rendering of a template (\"boom\") in \"index.twig\" at line 2.", ex.getMessage());
    }

    @Test
    void checkedExceptionFromAnExtensionKeepsItsCause() {
        Exception checked = new java.io.IOException("disk gone");
        Environment e = env(templates("index.twig", "{{ read() }}"), b -> b.function(dev.zweig.ext.FunctionDefinition.of("read", (ctx, args) -> {
            throw checked;
        })));
        TemplateRuntimeException ex = assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        assertSame(checked, ex.getCause());
        assertEquals(1, ex.getLine());
    }

    @Test
    void templateRuntimeExceptionFromAFilterGetsItsLocation() {
        Environment e = env(templates("index.twig", "\n\n{{ 5|strict_positive }}"), b -> b.filter(FilterDefinition.of("strict_positive", (ctx, args) -> {
            throw new TemplateRuntimeException("The \"strict_positive\" filter rejects 5.");
        })));
        TemplateRuntimeException ex = assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        assertEquals("The \"strict_positive\" filter rejects 5 in \"index.twig\" at line 3.", ex.getMessage());
    }

    @Test
    void failedRenderLeavesNoPartialStringButAppendableMayHaveAPrefix() {
        Environment e = env(templates("index.twig", "before{{ missing }}after"), b -> b.strictVariables(true));
        assertThrows(TemplateRuntimeException.class, () -> e.render("index.twig", Map.of()));
        StringWriter w = new StringWriter();
        assertThrows(TemplateRuntimeException.class, () -> e.load("index.twig").render(Map.of(), w));
        assertTrue(w.toString().startsWith("before") || w.toString().isEmpty());
        assertTrue(!w.toString().contains("after"));
    }

    @Test
    void macroAndWithErrors() {
        assertEquals("Variables passed to the \"with\" tag must be a mapping in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{% with 1 %}{% endwith %}")).getMessage());
        assertEquals("Macro \"nope\" is not defined in template \"index.twig\" in \"index.twig\" at line 1.",
                assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ _self.nope() }}")).getMessage());
    }

    @Test
    void errorsAreUncheckedTemplateExceptions() {
        TemplateException e = assertThrows(TemplateException.class, () -> Twig.renderAll(templates("index.twig", "{{ x|nope }}")));
        assertTrue(e instanceof RuntimeException);
    }
}
