package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zweig.Environment;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Pathologically deep templates must either render correctly or fail with a TemplateSyntaxException; a
 * StackOverflowError (or any other Error) escaping the engine is a failure. Each case also runs on a thread with
 * the JVM's default stack size, where servers render.
 */
class DeepNestingTest {
    private static final int DEPTH = 10_000;

    private static String repeat(String s, int n) {
        return s.repeat(n);
    }

    /** Renders on a fresh thread; returns the output, or null when a TemplateSyntaxException was raised. */
    private static String renderOrSyntaxError(String source) throws InterruptedException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                Environment env = Environment.builder().loader(new MapLoader(Map.of("deep.twig", source))).build();
                result.set(env.render("deep.twig", Map.of()));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        t.start();
        t.join();
        Object r = result.get();
        if (r instanceof String s) {
            return s;
        }
        if (r instanceof TemplateSyntaxException e) {
            assertEquals("deep.twig", e.getTemplateName());
            assertTrue(e.getLine() >= 1, "line " + e.getLine());
            return null;
        }
        if (r instanceof StackOverflowError) {
            fail("StackOverflowError escaped the engine");
        }
        fail("unexpected " + r, (Throwable) r);
        return null;
    }

    @Test
    void tenThousandNestedParentheses() throws InterruptedException {
        String out = renderOrSyntaxError("{{ " + repeat("(", DEPTH) + "1" + repeat(")", DEPTH) + " }}");
        if (out != null) {
            assertEquals("1", out);
        }
    }

    @Test
    void tenThousandNestedArrays() throws InterruptedException {
        String out = renderOrSyntaxError("{{ " + repeat("[", DEPTH) + "1" + repeat("]", DEPTH) + "|length }}");
        if (out != null) {
            assertEquals("1", out);
        }
    }

    @Test
    void tenThousandNestedHashes() throws InterruptedException {
        String out = renderOrSyntaxError("{{ " + repeat("{a: ", DEPTH) + "1" + repeat("}", DEPTH) + "|length }}");
        if (out != null) {
            assertEquals("1", out);
        }
    }

    @Test
    void longOperatorChains() throws InterruptedException {
        String out = renderOrSyntaxError("{{ 1" + repeat(" + 1", DEPTH) + " }}");
        if (out != null) {
            assertEquals(String.valueOf(DEPTH + 1), out);
        }
        String pow = renderOrSyntaxError("{{ 1" + repeat(" ** 1", DEPTH) + " }}");
        if (pow != null) {
            assertEquals("1", pow);
        }
        String not = renderOrSyntaxError("{{ " + repeat("not ", DEPTH) + "true ? 'T' : 'F' }}");
        if (not != null) {
            assertEquals("T", not);
        }
        String minus = renderOrSyntaxError("{{ " + repeat("- ", DEPTH) + "1 }}");
        if (minus != null) {
            assertEquals("1", minus);
        }
        String filters = renderOrSyntaxError("{{ 'a'" + repeat("|upper", DEPTH) + " }}");
        if (filters != null) {
            assertEquals("A", filters);
        }
    }

    @Test
    void tenThousandNestedIfs() throws InterruptedException {
        String out = renderOrSyntaxError(repeat("{% if true %}", DEPTH) + "deep" + repeat("{% endif %}", DEPTH));
        if (out != null) {
            assertEquals("deep", out);
        }
    }

    @Test
    void tenThousandNestedFors() throws InterruptedException {
        String out = renderOrSyntaxError(repeat("{% for i in [1] %}", DEPTH) + "x" + repeat("{% endfor %}", DEPTH));
        if (out != null) {
            assertEquals("x", out);
        }
    }

    @Test
    void tenThousandNestedBlocks() throws InterruptedException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < DEPTH; i++) {
            sb.append("{% block b").append(i).append(" %}");
        }
        sb.append("x");
        sb.append(repeat("{% endblock %}", DEPTH));
        String out = renderOrSyntaxError(sb.toString());
        if (out != null) {
            assertEquals("x", out);
        }
    }

    @Test
    void unclosedDeepNestingIsASyntaxError() throws InterruptedException {
        assertEquals(null, renderOrSyntaxError("{{ " + repeat("(", DEPTH) + "1 }}"));
        assertEquals(null, renderOrSyntaxError(repeat("{% if true %}", DEPTH)));
    }

    @Test
    void deepInterpolation() throws InterruptedException {
        String out = renderOrSyntaxError("{{ " + repeat("\"#{", 2000) + "'x'" + repeat("}\"", 2000) + " }}");
        if (out != null) {
            assertEquals("x", out);
        }
    }
}
