package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

/** Behaviours checked against Twig's own newer fixtures (3.2x): each was wrong once. */
class RecentTwigTest {
    @Test
    void includeOnlyIncludesWithoutTheContext() {
        assertEquals("[a &amp; b[undefined]]a &amp; b[bar]|", Twig.renderAll(Twig.templates(
                "index.twig", "{% set a = include_only('inc.twig') %}[{{ a }}]{{ include_only('inc.twig', "
                        + "{'foo': 'bar'}) }}|{{ include_only(['x.twig', 'y.twig'], ignore_missing = true) }}",
                "inc.twig", "{{- 'a & b'|escape -}}[{{ foo|default('undefined') }}]"), "foo", "ctx"));
    }

    @Test
    void aChildTemplateCannotPrintOutsideBlocks() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> Twig.renderAll(Twig.templates(
                "index.twig", "{% extends 'base.twig' %}\n{{ 'x' }}", "base.twig", "B")));
        assertEquals(2, e.getLine());
    }

    @Test
    void aChildTemplateCannotApplyFiltersOutsideBlocks() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> Twig.renderAll(Twig.templates(
                "index.twig", "{% extends 'base.twig' %}\n{% apply upper %}x{% endapply %}", "base.twig", "B")));
        assertEquals(2, e.getLine());
        assertEquals("B", Twig.renderAll(Twig.templates("index.twig",
                "{% extends 'base.twig' %}\n{% set x %}captured{% endset %}\n", "base.twig", "B")));
    }

    @Test
    void htmlAttrOutputIsSafeInAnHtmlAttrRelaxedContext() {
        assertEquals("a&#x20;b", Twig.render("{% autoescape 'html_attr_relaxed' %}{{ s|e('html_attr') }}"
                + "{% endautoescape %}", "s", "a b"));
    }

    @Test
    void dynamicMacroNamesUnderDefined() {
        assertEquals("OK OK OK OK", Twig.render("{% import _self as macros %}{% set known = 'hello' %}"
                + "{% set unknown = 'missing' %}{{ macros.(known) is defined ? 'OK' : 'KO' }} "
                + "{{ macros.(known)() is defined ? 'OK' : 'KO' }} {{ macros.(unknown) is not defined ? 'OK' : 'KO' }} "
                + "{{ macros.(unknown)() is not defined ? 'OK' : 'KO' }}{% macro hello(name) %}{% endmacro %}"));
    }

    @Test
    void aDiscardedGuardBranchDefinesNoBlockAndNoMacro() {
        assertEquals("no block no macro", Twig.render("{% guard function nope %}{% block b %}B{% endblock %}"
                + "{% macro m() %}M{% endmacro %}{% endguard %}{{ block('b') is defined ? 'block' : 'no block' }} "
                + "{{ _self.m is defined ? 'macro' : 'no macro' }}"));
    }

    @Test
    void floatsAreDivisibleWhenTheQuotientIsWhole() {
        assertEquals("OK OK OK OK", Twig.render("{{ 8.2 is not divisible by(2) ? 'OK' }} {{ 7.2 is divisible by(2.4) "
                + "? 'OK' }} {{ 7.7 is divisible by(0.1) ? 'OK' }} {{ 9 is divisible by(3) ? 'OK' }}"));
    }

    @Test
    void aConditionalImportInAMacroLibraryIsNotLoadedEagerly() {
        assertEquals("hi", Twig.renderAll(Twig.templates(
                "index.twig", "{% import 'lib.twig' as lib %}{{ lib.hi() }}",
                "lib.twig", "{% if false %}{% import 'missing.twig' as m %}{% endif %}{% macro hi() %}hi{% endmacro %}")));
    }
}
