package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Markup;
import dev.zweig.Template;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scopes and calls allocate nothing per render (issue 10): the {@code with} tag's and an include's or embed's
 * {@code with {...}} frame (pooled frames, the pairs bound without an iterator, nested literals built once), an
 * arrow handed to a core filter inside a recursive macro (one function object per scope depth, reused by the next
 * render), a macro called as a value (its arguments bound from the call depth's array, no list), and a printed
 * {@code block('x') ?? y} (the block in place, no capture). Each case
 * prints what real Twig 3 prints (the PHP oracle) and allocates at most {@link #BOUND} bytes per render on both
 * executors; the escape routes keep their fresh objects.
 */
class ScopeAllocationTest {
    private static final double BOUND = 16.0;

    private static final Map<String, String> TEMPLATES = Map.of(
            "with.twig", "{% set c = 'outer' %}{% with {a: 'x', b: [1, [2, 3]], c: 'inner'} %}{{ a }}"
                    + "{{ b[1]|join('-') }}{{ c }}{% endwith %}{{ c }}{% with {a: 'y'} only %}{{ a }}"
                    + "{{ c is defined ? 'leak' : 'ok' }}{% endwith %}|{% include 'p.twig' with {a: 'i', n: 3} %}|"
                    + "{% embed 'p.twig' with {a: 'e', n: 4} %}{% block b %}[{{ a }}{{ n * 2 }}]{% endblock %}"
                    + "{% endembed %}",
            "p.twig", "{{ a }}{% block b %}{{ n }}{% endblock %}",
            "arrow.twig", "{% macro t(items, d) %}{% for i in items %}{{ d }}:{{ i.v|filter(x => x > d)|join(',') }}"
                    + "{{ i.v has some x => x == d ? '!' }};{% if i.k is defined %}{{ _self.t(i.k, d + 1) }}{% endif %}"
                    + "{% endfor %}{% endmacro %}{{ _self.t(tree, 0) }}",
            // the captured text of a non-empty macro value is still a String and a Markup: measured with empty ones
            "macro.twig", "{% macro m(a, b = 'B', c = null) %}{{ a }}/{{ b }}/{{ c ?? 'none' }}/{{ varargs|length }}"
                    + "{% endmacro %}{% macro noop(a, b) %}{% endmacro %}"
                    + "{{ items|map(i => _self.m(i, c: i * 2))|join(',') }}|{% set x = _self.m('p', 'q', 'r', 's') %}"
                    + "{{ x }}|{% set y = _self.noop(1, 2) %}[{{ y }}]|{{ _self.m(b: 'n', a: 'm') ~ '.' }}|"
                    + "{{ _self.m('a', z: 'extra') }}",
            "noop.twig", "{% macro noop(a, b = 2) %}{% endmacro %}{% for i in items %}"
                    + "{{ (items|map(x => _self.noop(x, b: i))|join('')) ~ _self.noop(i) }}{% endfor %}.",
            "blocks.twig", "{% extends 'base.twig' %}{% block a %}<i>A</i>{% endblock %}{% block e %}{% endblock %}",
            "base.twig", "[{{ block('a') ?? '<b>no</b>' }}][{{ block('b') ?? '<b>no</b>' }}][{{ block('e') ?? 'x' }}]"
                    + "[{{ block('b') ?? v }}][{{ block('a') ?? v }}][{{ block('b') ?? block('a') ?? 'z' }}]"
                    + "{% block e %}E{% endblock %}",
            "overwrite.twig", "{% macro m(a) %}{{ a }}{% endmacro %}{% set x = _self.m(1, a: 2) %}{{ x }}",
            "escape.twig", "{% with {kept: [1, [2, 3]]} %}{{ keep(kept) }}{% endwith %}"
                    + "{% macro m(v) %}<b>{{ v }}</b>{% endmacro %}{{ keep(_self.m(n)) }}");

    private static final Map<String, Object> DATA = Map.of(
            "tree", List.of(Map.of("v", List.of(0L, 1L, 2L), "k", List.of(
                    Map.of("v", List.of(1L, 2L, 3L), "k", List.of(Map.of("v", List.of(2L, 3L)))),
                    Map.of("v", List.of(5L)))), Map.of("v", List.of(0L))),
            "items", List.of(1L, 2L, 3L), "v", "<v>");

    /** Twig 3's output for each template with DATA (from /work/oracle). */
    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Executor e : Executor.values()) {
            all.add(Arguments.of(e, "with.twig", "x2-3innerouteryok|i3|e[e8]", true));
            all.add(Arguments.of(e, "arrow.twig", "0:1,21;1:2,31;2:31;1:5;0:1;", true));
            all.add(Arguments.of(e, "macro.twig",
                    "1/B/2/0,2/B/4/0,3/B/6/0|p/q/r/1|[]|m/n/none/0.|a/B/none/1", false));
            all.add(Arguments.of(e, "noop.twig", ".", true));
            all.add(Arguments.of(e, "blocks.twig", "[<i>A</i>][<b>no</b>][][&lt;v&gt;][<i>A</i>][<i>A</i>]", true));
        }
        return all.stream();
    }

    private static Environment env(Executor e, List<Object> kept) {
        return Environment.builder().executor(e).loader(new MapLoader(TEMPLATES)).strictVariables(true)
                .function(FunctionDefinition.of("keep", (ctx, args) -> {
                    kept.add(args[0]);
                    return "";
                }).params("value")).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void printsWhatTwigPrintsWithoutAllocating(Executor e, String name, String expected, boolean measured) {
        Template t = env(e, new ArrayList<>()).load(name);
        assertEquals(expected, t.render(DATA));
        StringBuilderOutput out = new StringBuilderOutput();
        if (measured) {
            double b = AllocationMeter.bytesPerRender(t, DATA, out, 2000, BOUND);
            assertTrue(b <= BOUND, name + ": " + b + " bytes per render on " + e);
        }
        out.reset();
        t.render(DATA, out);
        assertEquals(expected, out.toString());
    }

    @ParameterizedTest
    @EnumSource(Executor.class)
    void aMacroValueBindsArgumentsAsPhpDoes(Executor e) {
        Template t = env(e, new ArrayList<>()).load("overwrite.twig");
        TemplateRuntimeException x = assertThrows(TemplateRuntimeException.class, () -> t.render(Map.of()));
        assertTrue(x.getMessage().contains("Named parameter $a overwrites previous argument"), x.getMessage());
        assertTrue(x.getMessage().contains("overwrite.twig"), x.getMessage());
    }

    /** What user code receives from a with frame or a macro value stays intact after later renders. */
    @ParameterizedTest
    @EnumSource(Executor.class)
    void whatReachesUserCodeIsFreshAndKeepsItsValue(Executor e) {
        List<Object> kept = new ArrayList<>();
        Template t = env(e, kept).load("escape.twig");
        t.render(Map.of("n", 1L));
        Object list = kept.get(0);
        Object markup = kept.get(1);
        for (int i = 2; i < 50; i++) {
            t.render(Map.of("n", (long) i));
        }
        assertEquals(List.of(1L, List.of(2L, 3L)), list);
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) ((List<?>) list).get(1)).clear(),
                "a nested literal is frozen: user code cannot change what the next render reads");
        assertTrue(markup instanceof Markup, String.valueOf(markup));
        assertEquals("<b>1</b>", markup.toString());
        assertEquals("<b>49</b>", kept.get(kept.size() - 1).toString());
        assertTrue(markup != kept.get(kept.size() - 1));
    }
}
