package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A variable read through {@code _context} by name ({@code _context.x}, {@code _context[name]},
 * {@code attribute(_context, name)}, {@code ... is defined}, {@code ?? default}) is read in the scope itself: no
 * snapshot of the whole scope per read (each one cost a frame copy, ~250-600 B). What the read gives is what the
 * snapshot gives: a render-private value (a text built by {@code set}, a collection of the render's storage) is
 * read on the snapshot, as a copy; a missing variable under strict_variables fails with the snapshot's keys.
 */
class ContextReadAllocationTest {
    private static final double BOUND = 16.0;

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("v1", "a");
        d.put("v2", "b");
        d.put("v3", "c");
        d.put("user", Map.of("name", "Ann"));
        return d;
    }

    private static Environment env(boolean strict, Map<String, String> templates, Consumer<Environment.Builder> more) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(templates)).strictVariables(strict);
        more.accept(b);
        return b.build();
    }

    @Test
    void dynamicVariableReadsMakeNoSnapshot() {
        String t = "{% for i in 1..3 %}{{ _context['v' ~ i] }}{% endfor %}|{{ _context.user.name }}|"
                + "{{ attribute(_context, 'v2') }}|{{ _context['v1'] is defined ? 'y' }}"
                + "{{ _context.nope is defined ? 'y' : 'n' }}|{{ _context.nope ?? 'd' }}{{ _context['v' ~ 9] ?? 'e' }}|"
                + "{% for x in [1] %}{{ _context._parent.v3 }}{{ _context.x }}{% endfor %}";
        AllocationMeter.assertRendersWithin(env(true, Map.of("main", t), b -> { }).load("main"), data(),
                "abc|Ann|b|yn|de|c1", BOUND, "_context read by name");
    }

    @Test
    void aRenderPrivateValueReadThroughContextIsACopy() {
        List<Object> kept = new ArrayList<>();
        Environment env = env(true, Map.of("main", "{% set s = 'x' ~ v1 %}{% set t = _context['s'] %}"
                + "{{ keep(_context.s) }}{% set s = 'y' ~ v1 %}{{ t }}|{{ _context.s }}|"
                + "{% include 'p' with {list: [v1, v2]} %}",
                "p", "{% set k = _context.list %}{{ keep(k) }}{{ k|join }}{{ keep(_context['list']) }}"),
                b -> b.function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("v")));
        for (int i = 0; i < 3; i++) {
            kept.clear();
            assertEquals("xa|ya|ab", env.render("main", data()));
            assertEquals("xa", kept.get(0));
            assertInstanceOf(String.class, kept.get(0));
            assertEquals(List.of("a", "b"), values(kept.get(1)));
            assertEquals(List.of("a", "b"), values(kept.get(2)));
        }
        List<Object> before = new ArrayList<>(kept);
        env.render("main", Map.of("v1", "q", "v2", "r", "v3", "s", "user", Map.of()));
        // what user code kept is its own: the next render's values do not show through
        assertEquals("xa", before.get(0));
        assertEquals(List.of("a", "b"), values(before.get(1)));
        assertEquals(List.of("a", "b"), values(before.get(2)));
    }

    private static List<Object> values(Object v) {
        return List.copyOf(v instanceof Map<?, ?> m ? m.values() : (java.util.Collection<?>) v);
    }

    @Test
    void missingVariablesFailOrReadAsTheSnapshotAnswers() {
        Map<String, String> t = Map.of("main", "{% set w = 1 %}{{ _context.nope }}");
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> env(true, t, b -> { }).render("main", data()));
        assertEquals("Key \"nope\" for sequence/mapping with keys \"v1, v2, v3, user, w\" does not exist in \"main\""
                + " at line 1.", e.getMessage().replaceAll("v[123], v[123], v[123], user", "v1, v2, v3, user"));
        assertEquals("", env(false, t, b -> { }).render("main", data()));
        assertEquals("|n", env(false, Map.of("main", "{{ _context[0] }}|{{ _context['0'] is defined ? 'y' : 'n' }}"),
                b -> { }).render("main", data()));
    }

    @Test
    void anIncludesSpreadListOfVariablesSnapshotsAsAMap() {
        // {...list} makes the include's variables keys 0..n-1: its snapshot (any _context read the scope answers on
        // it) failed casting the copy, a List, to a Map (ExecutorDifferentialTest's generated case 1900)
        Map<String, String> t = Map.of("main", "{% include 'p' with {...list} %}", "p",
                "{{ _context|length }}|{{ _context.nope ?? 'u' }}|{% set v = _context.n %}{{ v }}");
        Map<String, Object> d = Map.of("list", List.of("a", "b"), "n", 5L);
        for (boolean strict : new boolean[] {true, false}) {
            assertEquals("4|u|5", env(strict, t, b -> { }).render("main", d));
        }
    }

    @Test
    void forbiddenValuesReadThroughContextAreNull() {
        Map<String, Object> d = data();
        d.put("cls", String.class);
        assertEquals("null|null", env(true, Map.of("main", "{{ _context.cls is null ? 'null' }}|"
                + "{{ _context['cl' ~ 's'] is null ? 'null' }}"), b -> { }).render("main", d));
    }
}
