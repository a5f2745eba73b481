package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MacroTest {
    private static final String MACROS = "{% macro hello(name = 'World', punct = '!') %}Hello {{ name }}{{ punct }}{% endmacro %}"
            + "{% macro wrap(x) %}({{ _self.inner(x) }}){% endmacro %}"
            + "{% macro inner(x) %}<{{ x }}>{% endmacro %}"
            + "{% macro args(first) %}{{ first }}:{{ varargs|join(',') }}{% endmacro %}";

    private static String run(String index, Object... kv) {
        return renderAll(templates("m.twig", MACROS, "index.twig", index), kv);
    }

    @Test
    void importAndCall() {
        assertEquals("Hello Ann!", run("{% import 'm.twig' as m %}{{ m.hello('Ann') }}"));
    }

    @Test
    void defaultsAndNamedArguments() {
        assertEquals("Hello World!", run("{% import 'm.twig' as m %}{{ m.hello() }}"));
        assertEquals("Hello Bo?", run("{% import 'm.twig' as m %}{{ m.hello('Bo', '?') }}"));
        assertEquals("Hello World.", run("{% import 'm.twig' as m %}{{ m.hello(punct: '.') }}"));
        assertEquals("Hello Colon!", run("{% import 'm.twig' as m %}{{ m.hello(name: 'Colon') }}"));
    }

    @Test
    void varargsCollectsExtraArguments() {
        assertEquals("1:2,three", run("{% import 'm.twig' as m %}{{ m.args(1, 2, 'three') }}"));
        assertEquals(":", run("{% import 'm.twig' as m %}{{ m.args() }}"));
    }

    @Test
    void fromImportWithAlias() {
        assertEquals("Hello x!|<y>", run("{% from 'm.twig' import hello as hi, inner %}{{ hi('x') }}|{{ inner('y') }}"));
    }

    @Test
    void macrosInTheSameTemplateViaSelf() {
        assertEquals("[v]", renderAll(templates("index.twig", "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ _self.m('v') }}")));
        assertEquals("[v]", renderAll(templates("index.twig", "{% import _self as me %}{% macro m(x) %}[{{ x }}]{% endmacro %}{{ me.m('v') }}")));
        assertEquals("(<q>)", run("{% import 'm.twig' as m %}{{ m.wrap('q') }}"));
    }

    @Test
    void macroOutputIsSafeButArgumentsAreEscaped() {
        assertEquals("(<&lt;b&gt;>)", run("{% import 'm.twig' as m %}{{ m.wrap(v) }}", "v", "<b>"));
        assertEquals("3 [v]", renderAll(templates("index.twig",
                "{% macro m(x) %}[{{ x }}]{% endmacro %}{% set r = _self.m('v') %}{{ r|length }} {{ r }}")));
    }

    @Test
    void recursiveMacro() {
        Object tree = List.of(
                Map.of("name", "a", "children", List.of(Map.of("name", "b"), Map.of("name", "c", "children", List.of(Map.of("name", "d"))))),
                Map.of("name", "e"));
        assertEquals("a(b,c(d)),e", renderAll(templates("index.twig",
                "{% macro list(items) %}{% for i in items %}{{ i.name }}{% if i.children is defined %}({{ _self.list(i.children) }}){% endif %}"
                        + "{{ not loop.last ? ',' }}{% endfor %}{% endmacro %}{{ _self.list(tree) }}"), "tree", tree));
    }

    @Test
    void macrosDoNotSeeTheCallerContextButSeeGlobals() {
        var e = env(templates("index.twig",
                "{% macro m() %}{{ outer is defined ? 'sees outer' : 'no outer' }} {{ site }}{% endmacro %}{{ _self.m() }}"),
                b -> b.global("site", "G"));
        assertEquals("no outer G", e.render("index.twig", vars("outer", 1)));
    }

    @Test
    void importsAreVisibleInBlocks() {
        assertEquals("<scoped><in block>", run("{% import 'm.twig' as m %}{% if true %}{{ m.inner('scoped') }}{% endif %}"
                + "{% block b %}{{ m.inner('in block') }}{% endblock %}"));
    }

    @Test
    void unknownMacroIsARuntimeError() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> run("{% import 'm.twig' as m %}\n{{ m.nope() }}"));
        assertEquals("Macro \"nope\" is not defined in template \"m.twig\" in \"index.twig\" at line 2.", e.getMessage());
        TemplateRuntimeException self = assertThrows(TemplateRuntimeException.class,
                () -> renderAll(templates("index.twig", "{{ _self.unknown() }}")));
        assertEquals("Macro \"unknown\" is not defined in template \"index.twig\" in \"index.twig\" at line 1.", self.getMessage());
    }

    @Test
    void varargsIsAReservedArgumentName() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> renderAll(templates("index.twig", "{% macro test(varargs) %}{% endmacro %}")));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(1, e.getLine());
    }

    /** Twig binds a macro's arguments, then varargs, and merges the globals after them (oracle output). */
    @Test
    void aMacrosContextListsItsArgumentsBeforeTheGlobals() {
        assertEquals("x,y,varargs,global", env(templates("index.twig",
                "{% macro m(x, y = 2) %}{{ _context|keys|join(',') }}{% endmacro %}{{ _self.m(1) }}"),
                b -> b.global("global", "global")).render("index.twig", vars("a", 1)));
        assertEquals("x,varargs,global,z|x,varargs,global,z", env(templates("index.twig",
                "{% macro m(x) %}{% set z = 1 %}{{ _context|keys|join(',') }}{% endmacro %}"
                        + "{{ _self.m(1, 5) }}|{% set s = _self.m(x: 3) %}{{ s }}"),
                b -> b.global("global", "global")).render("index.twig", vars("a", 1)));
    }
}
