package dev.zweig.lang;

import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of Twig's context ({@code _context|keys}, iterating {@code _context}): Twig's context is an ordered PHP
 * array, and what each tag does to it shows. A {@code with} puts its variables first ({@code $vars + $context}), an
 * include appends its new ones ({@code array_merge}), a for loop adds {@code _parent}, {@code _seq}
 * ({@code _iterated} with an else branch, {@code loop} when the loop uses it, as Twig's optimizer decides), then
 * each iteration's value before its key ({@code _key} when it names none), and when it ends the names it used that
 * the scope had before come back at the end ({@code array_intersect_key($context, $_parent) + $_parent}). Every
 * expectation is what Twig 3.15 printed for the template (the local oracle), with the same global "global".
 */
class ContextOrderTest {
    private static void assertRenders(String expected, Map<String, String> templates, Map<String, Object> data) {
        Environment env = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .global("global", "global").build();
        assertEquals(expected, env.render("index.twig", data));
    }

    @Test
    void withPutsItsVariablesFirst() {
        assertRenders("c,a,b,global|a,b,global",
                templates("index.twig", "{% with {c: 3, a: 9} %}{{ _context|keys|join(\",\") }}{% endwith %}|{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void nestedWithsPutTheInnerVariablesFirst() {
        assertRenders("v,w,a,b,global5",
                templates("index.twig", "{% with {w: 1, a: 5} %}{% with {v: 2} %}{{ _context|keys|join(\",\") }}{{ a }}{% endwith %}{% endwith %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void includeAppendsItsNewVariables() {
        assertRenders("a,b,global,c,_parent,_seq,i,_key",
                templates("index.twig", "{% include 'x.twig' with {c: 3} %}", "x.twig", "{% for i in [1] %}{{ _context|keys|join(\",\") }}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void includeOnlyListsItsVariablesThenTheGlobals() {
        assertRenders("c,a,global",
                templates("index.twig", "{% include 'x.twig' with {c: 3, a: 9} only %}", "x.twig", "{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aLoopAddsParentSeqValueAndKey() {
        assertRenders("a,b,global,_parent,_seq,x,_key|a,b,global,_parent,_seq,x,_key|#a,b,global",
                templates("index.twig", "{% for x in [1, 2] %}{{ _context|keys|join(\",\") }}|{% endfor %}#{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aLoopWithAKeyVariableAssignsTheValueFirst() {
        assertRenders("a,b,global,_parent,_seq,x,k|#a,b,global",
                templates("index.twig", "{% for k, x in {p: 1} %}{{ _context|keys|join(\",\") }}|{% endfor %}#{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void anElseBranchSeesIterated() {
        assertRenders("a,b,global,_parent,_seq,_iterated#a,b,global",
                templates("index.twig", "{% for x in [] %}{% else %}{{ _context|keys|join(\",\") }}{% endfor %}#{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aLoopThatUsesLoopListsIt() {
        assertRenders("a,b,global,_parent,_seq,loop,x,_key",
                templates("index.twig", "{% for x in [1] %}{% include 'x.twig' %}{% endfor %}", "x.twig", "{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void includeInALoopAppendsItsVariables() {
        assertRenders("a,b,global,_parent,_seq,loop,x,_key,n",
                templates("index.twig", "{% for x in [1] %}{% include 'x.twig' with {x: 5, n: 1} %}{% endfor %}", "x.twig", "{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void nestedLoopsMoveTheOuterLoopNamesToTheEnd() {
        assertRenders("a,b,global,_parent,_seq,x,_key,y|a,b,global,x,_parent,_seq,_key#a,b,global",
                templates("index.twig", "{% for x in [1] %}{% for y in [2] %}{{ _context|keys|join(\",\") }}|{% endfor %}{{ _context|keys|join(\",\") }}{% endfor %}#{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aLoopVariableThatShadowsAContextNameMovesItToTheEnd() {
        assertRenders("a,b,global,_parent,_seq,_keyb,global,a",
                templates("index.twig", "{% for a in [7] %}{{ _context|keys|join(\",\") }}{% endfor %}{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void shadowedNamesComeBackInTheirOrder() {
        assertRenders("a,b,global,_parent,_seqglobal,a,b",
                templates("index.twig", "{% for b, a in {q: 7} %}{{ _context|keys|join(\",\") }}{% endfor %}{{ _context|keys|join(\",\") }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void loopInternalsAreReadable() {
        assertRenders("0:3-4-5;1:3-4-5;2:3-4-5;",
                templates("index.twig", "{% for x in 3..5 %}{{ _key }}:{{ _seq|join(\"-\") }};{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void iteratedIsFalseDuringTheFirstIteration() {
        assertRenders("ny",
                templates("index.twig", "{% for x in [1, 2] %}{{ _iterated ? \"y\" : \"n\" }}{% else %}e{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void loopIsOnlyThereWhenTheLoopUsesIt() {
        assertRenders("n",
                templates("index.twig", "{% for x in [1] %}{{ _context.loop is defined ? \"y\" : \"n\" }}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aBlockInALoopSeesTheLoop() {
        assertRenders("a,b,global,_parent,_seq,loop,x,_key",
                templates("index.twig", "{% for x in [1] %}{% block b %}{{ _context|keys|join(\",\") }}{% endblock %}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void theContextIteratedInsideALoop() {
        assertRenders("a=1,global=global,_parent[6],_seq[2],x=1,_key=0,;a=1,global=global,x=2,_key=1,_parent[6],_seq[2],;",
                templates("index.twig", "{% for x in [1, 2] %}{% for k, v in _context %}{{ k }}{% if v is iterable %}[{{ v|length }}]{% else %}={{ v }}{% endif %},{% endfor %};{% endfor %}"),
                vars("a", 1L));
    }

    @Test
    void macrosListArgumentsThenVarargsThenGlobals() {
        assertRenders("varargs,global",
                templates("index.twig", "{% macro m() %}{{ _context|keys|join(\",\") }}{% endmacro %}{% for x in [1] %}{{ _self.m() }}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void withInsideALoop() {
        assertRenders("w,a,b,global,_parent,_seq,x,_key",
                templates("index.twig", "{% for x in [1] %}{% with {w: 1} %}{{ _context|keys|join(\",\") }}{% endwith %}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aLoopInsideWith() {
        assertRenders("w,a,b,global,_parent,_seq,x,_key",
                templates("index.twig", "{% with {w: 1} %}{% for x in [1] %}{{ _context|keys|join(\",\") }}{% endfor %}{% endwith %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void setInALoopKeepsNamesOfTheScopeOnly() {
        assertRenders("a,b,global,_parent,_seq,x,_key,y|a,b,global,_parent,_seq,x,_key,y|a,b,global2",
                templates("index.twig", "{% for x in [1, 2] %}{% set y = x %}{% set a = x %}{{ _context|keys|join(\",\") }}|{% endfor %}{{ _context|keys|join(\",\") }}{{ a }}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void theParentOfALoopIsTheScopeBeforeIt() {
        assertRenders("a,b,global/1/1",
                templates("index.twig", "{% for x in [1] %}{{ _context._parent|keys|join(\",\") }}/{{ _context._seq|join(\",\") }}/{{ loop.index }}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void emptyOrStringSequencesGiveAnEmptySeq() {
        assertRenders("a,b,global,_parent,_seq,_iterated0",
                templates("index.twig", "{% for x in \"abc\" %}{{ x }}{% else %}{{ _context|keys|join(\",\") }}{{ _seq|length }}{% endfor %}"),
                vars("a", 1L, "b", 2L));
    }

    @Test
    void aDataValueNamedLikeAGlobalKeepsItsPlace() {
        assertRenders("global,z",
                templates("index.twig", "{{ _context|keys|join(\",\") }}"),
                vars("global", "mine", "z", 1L));
    }

    @Test
    void theParentsLoopNamesReadAsTheOuterLoopHasThem() {
        assertRenders("1201212112",
                templates("index.twig", "{% for x in [1, 2] %}{% for y in [3] %}{{ _parent._seq|join }}{{ _parent._key }}"
                        + "{{ loop.parent._seq|join }}{% endfor %}{% endfor %}"),
                vars());
    }
}
