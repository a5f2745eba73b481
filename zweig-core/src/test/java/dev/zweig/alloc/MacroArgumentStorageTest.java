package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.php.PhpArray;
import dev.zweig.runtime.SafeText;
import dev.zweig.runtime.ScratchText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a macro is given: its varargs, when its body only reads them on the spot, in a pooled array of the render's
 * scratch storage given back when the call ends (Semantics#macroInPlace); a collection of render-private texts
 * bound to a parameter the body consumes, its texts made Strings of the render's cache in place
 * (PhpArrays#ownTexts); a text bound to a parameter it may keep, a String of that cache: nothing allocated per
 * render once warm, on either executor. A body that keeps its varargs, hands them to another macro or to a user's
 * filter gets values of its own. The expected outputs are real Twig's (oracle).
 */
class MacroArgumentStorageTest {
    private static final double BOUND = 16.0;

    static Map<String, Object> data() {
        return GroupingAccumulationTest.json("{\"people\": [{\"a\": \"ann\", \"b\": \"x\"}, {\"a\": \"bob\","
                + " \"b\": \"y\"}, {\"a\": \"cy\", \"b\": \"z\"}], \"tasks\": [{\"name\": \"Write\", \"done\": 2,"
                + " \"total\": 5, \"tone\": \"info\"}, {\"name\": \"Test\", \"done\": 5, \"total\": 5, \"tone\": \"ok\"}]}");
    }

    private static Template load(String template, List<Object> kept) {
        return Environment.builder().loader(new MapLoader(Map.of("index.twig", template))).strictVariables(true)
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return a[0];
                })).build().load("index.twig");
    }

    @Test
    void varargsReadOnTheSpot() {
        Template t = load("{% macro tags() %}{% for t in varargs|filter(t => t is not null) %}[{{ t }}]{% endfor %}"
                + "{% endmacro %}{% macro line(label) %}{{ label }}:{% for n in varargs %}<{{ n }}>{% endfor %}"
                + "{% endmacro %}{% for p in people %}{{ _self.tags(p.a, p.b ~ '!', null, p.a|upper) }}"
                + "{{ _self.line(p.a, 'x' ~ p.b, p.b) }}{% endfor %}", new ArrayList<>());
        AllocationMeter.assertRendersWithin(t, data(), "[ann][x!][ANN]ann:<xx><x>[bob][y!][BOB]bob:<xy><y>"
                + "[cy][z!][CY]cy:<xz><z>", BOUND, "varargs");
    }

    @Test
    void aConsumedParameterOfRenderPrivateTexts() {
        Template t = load("{% macro card(title, opts = {}) %}{% set o = {tone: 'n', footer: null}|merge(opts) %}"
                + "<{{ o.tone }}>{{ title }}{% if o.footer %}({{ o.footer }}){% endif %}{% endmacro %}"
                + "{% for t in tasks %}{{ _self.card(t.name, {footer: t.done ~ '/' ~ t.total ~ ' done', tone: t.tone})"
                + " }}{% endfor %}", new ArrayList<>());
        AllocationMeter.assertRendersWithin(t, data(), "<info>Write(2/5 done)<ok>Test(5/5 done)", BOUND,
                "consumed parameter");
    }

    /** Varargs kept in a variable, handed to another macro that keeps them, or to a user's filter: their own. */
    @Test
    void varargsKeptAreTheMacrosOwn() {
        List<Object> kept = new ArrayList<>();
        Template t = load("{% macro keep() %}{% set v = varargs %}{{ v|join(',') }}{% endmacro %}"
                + "{% macro outer() %}{{ _self.inner(varargs) }}{{ varargs|keep|length }}{% endmacro %}"
                + "{% macro inner(xs) %}{% set kept = xs %}{{ kept|join('/') }}{% endmacro %}"
                + "{% for p in people %}{{ _self.keep(p.a ~ 1, p.b) }}|{{ _self.outer(p.a ~ 2, p.b) }};{% endfor %}",
                kept);
        for (int i = 0; i < 3; i++) {
            assertEquals("ann1,x|ann2/x2;bob1,y|bob2/y2;cy1,z|cy2/z2;", t.render(data()));
        }
        assertEquals(9, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Object v = kept.get(i);
            assertFalse(v instanceof PhpArray p && p.isPooled(), "render-private storage reached a filter");
            List<?> values = v instanceof List<?> l ? l : new ArrayList<>(((Map<?, ?>) v).values());
            assertTrue(values.stream().noneMatch(x -> x instanceof ScratchText || x instanceof SafeText));
            assertEquals(List.of("ann2", "bob2", "cy2").get(i % 3), values.get(0));
        }
    }
}
