package dev.zweig.lang;

import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateLoaderException;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncludeTest {
    private static final String PART = "[{{ a ?? '-' }}|{{ b ?? '-' }}]";

    private static String run(String index, Object... kv) {
        return renderAll(templates("part.twig", PART, "index.twig", index), kv);
    }

    @Test
    void includeTagPassesTheContext() {
        assertEquals("[A|-]", run("{% include 'part.twig' %}", "a", "A"));
        assertEquals("[A|B]", run("{% include 'part.twig' with {b: 'B'} %}", "a", "A"));
        assertEquals("[-|B]", run("{% include 'part.twig' with {b: 'B'} only %}", "a", "A"));
        assertEquals("[-|-]", run("{% include 'part.twig' only %}", "a", "A"));
    }

    @Test
    void includeFunction() {
        assertEquals("[A|-]", run("{{ include('part.twig') }}", "a", "A"));
        assertEquals("[A|B]", run("{{ include('part.twig', {b: 'B'}) }}", "a", "A"));
        assertEquals("[-|B]", run("{{ include('part.twig', {b: 'B'}, with_context = false) }}", "a", "A"));
        assertEquals("[-|B]", run("{{ include('part.twig', {b: 'B'}, with_context: false) }}", "a", "A"));
    }

    @Test
    void includedOutputIsNotEscapedAgain() {
        assertEquals("<b>&lt;i&gt;</b>", renderAll(templates("p.twig", "<b>{{ v }}</b>", "index.twig", "{{ include('p.twig') }}"), "v", "<i>"));
        assertEquals("<b>&lt;i&gt;</b>", renderAll(templates("p.twig", "<b>{{ v }}</b>", "index.twig",
                "{% set r = include('p.twig') %}{{ r }}"), "v", "<i>"));
    }

    @Test
    void ignoreMissingAndTemplateLists() {
        assertEquals("xy", run("x{% include 'nope.twig' ignore missing %}y"));
        assertEquals("xy", run("x{{ include('nope.twig', ignore_missing = true) }}y"));
        assertEquals("[A|-]", run("{% include ['nope.twig', 'part.twig'] %}", "a", "A"));
        assertEquals("[1|-]", run("{% include name %}", "name", "part.twig", "a", 1));
    }

    @Test
    void includeInsideLoopSeesLoopVariables() {
        assertEquals("1:x 2:y ", renderAll(templates("row.twig", "{{ loop.index }}:{{ item }} ",
                "index.twig", "{% for item in items %}{% include 'row.twig' %}{% endfor %}"), "items", List.of("x", "y")));
    }

    @Test
    void variablesSetInIncludedTemplateDoNotLeak() {
        assertEquals("out", renderAll(templates("p.twig", "{% set v = 'in' %}",
                "index.twig", "{% set v = 'out' %}{% include 'p.twig' %}{{ v }}")));
    }

    @Test
    void missingTemplateIsALoaderErrorWithLocation() {
        TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> run("\n{% include 'foo.twig' %}"));
        assertEquals("Template \"foo.twig\" is not defined in \"index.twig\" at line 2.", e.getMessage());
        TemplateLoaderException nested = assertThrows(TemplateLoaderException.class, () -> renderAll(templates(
                "base.twig", "x\n\n{{ include('foo.twig') }}", "index.twig", "{% include 'base.twig' %}")));
        assertEquals("Template \"foo.twig\" is not defined in \"base.twig\" at line 3.", nested.getMessage());
    }

    @Test
    void ignoreMissingDoesNotHideErrorsInsideTheIncludedTemplate() {
        TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> renderAll(templates(
                "included.twig", "\n{% include 'DOES NOT EXIST' %}", "index.twig", "{% include 'included.twig' ignore missing %}")));
        assertEquals("Template \"DOES NOT EXIST\" is not defined in \"included.twig\" at line 2.", e.getMessage());
    }
}
