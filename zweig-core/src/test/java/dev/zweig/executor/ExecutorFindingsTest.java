package dev.zweig.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What attacking the executors found where both behaved alike (the differential test agreed) and both differed
 * from Twig; once open findings, each fixed since (the frame's insertion order by session 8's context order, an
 * array as a key refused in session 9).
 */
class ExecutorFindingsTest {
    /**
     * A scope listed its variables in slot order, and slots are numbered per environment in the order templates
     * first name them: after another template named {@code a} before {@code b}, this one listed "a,b". Twig lists a
     * context in insertion order ("b,a").
     */
    @ParameterizedTest
    @EnumSource(Executor.class)
    void aScopeListsItsVariablesInTheOrderTheyWereSet(Executor executor) {
        Environment env = Environment.builder().executor(executor).loader(new MapLoader(Map.of(
                "first", "{{ a }}{{ b }}", "t", "{% set b = 1 %}{% set a = 2 %}{{ _context|keys|join(',') }}")))
                .build();
        env.render("first", Map.of());
        assertEquals("b,a", env.render("t", Map.of()));
    }

    /**
     * A Java array (int[], String[]) used as a mapping key became its Object.toString, an identity hash that
     * differs on every run ("[I@1ef7fe8e"). PHP refuses an array as a key (a TypeError, "Illegal offset type" up to
     * PHP 8.2): so does Values.normalizeKey for any array, list, mapping or iterable.
     */
    @ParameterizedTest
    @EnumSource(Executor.class)
    void aSequenceAsAKeyIsRefused(Executor executor) {
        Environment env = Environment.builder().executor(executor).loader(new MapLoader(Map.of(
                "t", "{{ {(ints): 1}|keys|join }}"))).build();
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> env.render("t", Map.of("ints", new int[] {1})));
        assertEquals("An exception has been thrown during the rendering of a template (\"Illegal offset type\") in"
                + " \"t\" at line 1.", e.getMessage());
        for (Object key : new Object[] {java.util.List.of(1), Map.of("a", 1), new String[] {"a"}}) {
            assertThrows(TemplateRuntimeException.class, () -> env.render("t", Map.of("ints", key)), key.toString());
        }
        assertEquals("5", env.render("t", Map.of("ints", 5))); // a scalar key is a key
    }
}
