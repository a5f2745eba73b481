package dev.zweig.lang;

import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tags without a body of their own or with trivial semantics: do, deprecated, flush, types, guard, sandbox. */
class SimpleTagsTest {
    @Test
    void tagsWithoutOutput() {
        assertEquals("ok", renderStrict("{% deprecated 'x' %}{% do 1 + 2 %}{% flush %}{% types {a: 'int'} %}{% types a: 'int' %}ok"));
    }

    @Test
    void doEvaluatesForSideEffectsOnly() {
        assertEquals("[]3", renderStrict("[{% do n = 1 + 2 %}]{{ n }}"));
    }

    @Test
    void guardChecksWhetherACallableExists() {
        assertEquals("no|yes|yes", renderStrict("{% guard function foo %}yes{% else %}no{% endguard %}|{% guard filter upper %}yes{% else %}no{% endguard %}"
                + "|{% guard test even %}yes{% endguard %}"));
    }

    @Test
    void sandboxWrapsIncludes() {
        assertEquals("P-", renderAll(templates("p.twig", "P{{ x ?? '-' }}", "index.twig", "{% sandbox %}{% include 'p.twig' %}{% endsandbox %}")));
    }

    @Test
    void autoescapeTagDoesNotReachIncludedTemplates() {
        assertEquals("P&lt;", renderAll(templates("p.twig", "P{{ x }}",
                "index.twig", "{% autoescape 'js' %}{% include 'p.twig' with {x: '<'} %}{% endautoescape %}")));
    }

    @Test
    void childTopLevelSetIsVisibleInBlocks() {
        assertEquals("[v]", renderAll(templates("base.twig", "[{% block b %}B{% endblock %}]",
                "index.twig", "{% extends 'base.twig' %}{% set x = 'v' %}{% block b %}{{ x }}{% endblock %}")));
        assertEquals("[BB]", renderAll(templates("base.twig", "[{% block b %}B{% endblock %}]",
                "index.twig", "{% extends 'base.twig' %}{% block b %}{{ parent() }}{{ parent() }}{% endblock %}")));
    }

    @Test
    void emptyCaptureIsFalse() {
        assertEquals("[F]", renderStrict("{% set x %}{% endset %}[{{ x ? 'T' : 'F' }}]"));
    }
}
