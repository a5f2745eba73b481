package dev.zweig.lang;

import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateLoaderException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockInheritanceTest {
    private static final String BASE = "<title>{% block title %}Default{% endblock %}</title>"
            + "<main>{% block content %}base content{% endblock %}</main>"
            + "<footer>{% block footer %}(c){% endblock %}</footer>";

    @Test
    void childOverridesBlocks() {
        assertEquals("<title>Home</title><main>hello</main><footer>(c)</footer>", renderAll(templates(
                "base.twig", BASE,
                "index.twig", "{% extends 'base.twig' %}{% block title %}Home{% endblock %}{% block content %}hello{% endblock %}")));
    }

    @Test
    void parentRendersTheOverriddenBlock() {
        assertEquals("<title>Default - Home</title><main>base content</main><footer>(c) 2024</footer>", renderAll(templates(
                "base.twig", BASE,
                "index.twig", "{% extends 'base.twig' %}{% block title %}{{ parent() }} - Home{% endblock %}"
                        + "{% block footer %}{{ parent() }} 2024{% endblock %}")));
    }

    @Test
    void threeLevelsWithParentChain() {
        assertEquals("[A[B[C]]]", renderAll(templates(
                "a.twig", "[{% block x %}A{% endblock %}]",
                "b.twig", "{% extends 'a.twig' %}{% block x %}{{ parent() }}[B{% block y %}{% endblock %}]{% endblock %}",
                "index.twig", "{% extends 'b.twig' %}{% block y %}[C]{% endblock %}")));
        assertEquals("A|B|C", renderAll(templates(
                "a.twig", "{% block x %}A{% endblock %}",
                "b.twig", "{% extends 'a.twig' %}{% block x %}{{ parent() }}|B{% endblock %}",
                "index.twig", "{% extends 'b.twig' %}{% block x %}{{ parent() }}|C{% endblock %}")));
    }

    @Test
    void blocksSeeTheContextAndLoopVariablesOfTheParent() {
        assertEquals("1:a 2:b ", renderAll(templates(
                "base.twig", "{% for item in items %}{% block row %}{% endblock %}{% endfor %}",
                "index.twig", "{% extends 'base.twig' %}{% block row %}{{ loop.index }}:{{ item }} {% endblock %}"),
                "items", List.of("a", "b")));
    }

    @Test
    void blockShorthandAndBlockFunction() {
        assertEquals("<h1>Hello World</h1>|Hello World", renderAll(templates(
                "index.twig", "<h1>{% block title 'hello world'|title %}</h1>|{{ block('title') }}")));
    }

    @Test
    void blockFunctionFromAnotherTemplate() {
        assertEquals("other!", renderAll(templates(
                "other.twig", "{% block greet %}other!{% endblock %}",
                "index.twig", "{{ block('greet', 'other.twig') }}")));
        assertEquals("yes|no", renderAll(templates(
                "index.twig", "{% block b %}{% endblock %}{{ block('b') is defined ? 'yes' : 'no' }}|{{ block('zz') is defined ? 'yes' : 'no' }}")));
    }

    /** Twig's `??` tests `block(...) is defined`: a missing block gives the right side instead of an error. */
    @Test
    void blockFunctionBeforeNullCoalescing() {
        var t = templates(
                "base.twig", "[{% block body %}{% endblock %}]",
                "theme.twig", "{% block shared %}S{% endblock %}",
                "index.twig", "{% extends 'base.twig' %}{% block body %}{{ block('email_widget') ?? 'simple' }}|"
                        + "{{ block('own') ?? 'none' }}|{{ block('shared', 'theme.twig') ?? 'x' }}|"
                        + "{{ block('nope', 'theme.twig') ?? 'fallback' }}{% endblock %}{% block own %}O{% endblock %}");
        assertEquals("[simple|O|S|fallback]", renderAll(t));
        assertThrows(TemplateLoaderException.class, () -> renderAll(templates(
                "index.twig", "{{ block('b', 'missing.twig') ?? 'x' }}")));
    }

    @Test
    void dynamicExtends() {
        var t = templates(
                "one.twig", "1:{% block b %}{% endblock %}",
                "two.twig", "2:{% block b %}{% endblock %}",
                "index.twig", "{% extends layout %}{% block b %}child{% endblock %}");
        assertEquals("1:child", renderAll(t, "layout", "one.twig"));
        assertEquals("2:child", renderAll(t, "layout", "two.twig"));
    }

    @Test
    void conditionalExtends() {
        var t = templates(
                "full.twig", "FULL[{% block b %}{% endblock %}]",
                "min.twig", "MIN[{% block b %}{% endblock %}]",
                "index.twig", "{% extends standalone ? 'min.twig' : 'full.twig' %}{% block b %}x{% endblock %}");
        assertEquals("MIN[x]", renderAll(t, "standalone", true));
        assertEquals("FULL[x]", renderAll(t, "standalone", false));
    }

    @Test
    void extendsListUsesTheFirstExistingTemplate() {
        assertEquals("B:x", renderAll(templates(
                "b.twig", "B:{% block c %}{% endblock %}",
                "index.twig", "{% extends ['missing.twig', 'b.twig'] %}{% block c %}x{% endblock %}")));
    }

    @Test
    void useImportsBlocksAsTraits() {
        var t = templates(
                "blocks.twig", "{% block sidebar %}SIDE{% endblock %}{% block header %}HEAD{% endblock %}",
                "index.twig", "{% use 'blocks.twig' %}{{ block('header') }}|{% block sidebar %}[own]{% endblock %}");
        assertEquals("HEAD|[own]", renderAll(t));
    }

    @Test
    void parentInsideATraitOverride() {
        var t = templates(
                "blocks.twig", "{% block sidebar %}SIDE{% endblock %}",
                "index.twig", "{% use 'blocks.twig' %}{% block sidebar %}[{{ parent() }}]{% endblock %}");
        assertEquals("[SIDE]", renderAll(t));
    }

    @Test
    void useWithAliases() {
        var t = templates(
                "blocks.twig", "{% block sidebar %}SIDE{% endblock %}",
                "index.twig", "{% use 'blocks.twig' with sidebar as base_sidebar %}{% block sidebar %}own+{{ block('base_sidebar') }}{% endblock %}");
        assertEquals("own+SIDE", renderAll(t));
    }

    @Test
    void childContentOutsideBlocksIsRejected() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> renderAll(templates(
                "base.twig", "{% block a %}{% endblock %}",
                "index.twig", "{% extends 'base.twig' %}\nstray text")));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(2, e.getLine());
        // whitespace outside blocks is fine
        assertEquals("A", renderAll(templates("base.twig", "{% block a %}{% endblock %}",
                "index.twig", "{% extends 'base.twig' %}\n\n  {% block a %}A{% endblock %}\n")));
    }

    @Test
    void duplicateBlockAndMultipleExtendsAreSyntaxErrors() {
        assertEquals("The block 'content' has already been defined line 2 in \"index.twig\" at line 3.",
                assertThrows(TemplateSyntaxException.class, () -> renderAll(templates("index.twig",
                        "\n{% block content %}{% endblock %}\n{% block content %}{% endblock %}"))).getMessage());
        assertEquals("Multiple extends tags are forbidden in \"index.twig\" at line 1.",
                assertThrows(TemplateSyntaxException.class, () -> renderAll(templates("a.twig", "", "index.twig",
                        "{% extends 'a.twig' %}{% extends 'a.twig' %}"))).getMessage());
    }

    @Test
    void parentOutsideInheritanceIsASyntaxError() {
        assertEquals("Calling the \"parent\" function on a template that does not call \"extends\" or \"use\" is forbidden in \"index.twig\" at line 1.",
                assertThrows(TemplateSyntaxException.class, () -> renderAll(templates("index.twig",
                        "{% block a %}{{ parent() }}{% endblock %}"))).getMessage());
    }

    @Test
    void missingParentTemplateIsALoaderError() {
        TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> renderAll(templates("index.twig",
                "\n{% extends 'foo.html' %}")));
        assertEquals("Template \"foo.html\" is not defined in \"index.twig\" at line 2.", e.getMessage());
    }

    @Test
    void unknownBlockInBlockFunctionIsARuntimeError() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderAll(templates(
                "index.twig", "{{ block('nope') }}")));
        assertEquals("Block \"nope\" on template \"index.twig\" does not exist in \"index.twig\" at line 1.", e.getMessage());
    }
}
