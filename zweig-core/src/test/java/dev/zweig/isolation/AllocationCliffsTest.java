package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The allocation cliffs of the per-thread arena, measured with ThreadMXBean after a warm-up: rendering into a
 * reused sink stays (nearly) allocation-free with many Environments on one thread, a render nested in a render,
 * two children of one layout in turn, macros inherited from a parent, and one virtual thread per render.
 */
class AllocationCliffsTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Bytes per run of r after warming it up, printed for the note. */
    private static double bytesPerRun(Runnable r) {
        double best = dev.zweig.alloc.AllocationMeter.bytesPerRun(r, 20_000, 5_000);
        System.out.printf("allocation: %s: %.1f bytes/render%n", StackWalker.getInstance()
                .walk(f -> f.skip(1).findFirst().map(StackWalker.StackFrame::getMethodName).orElse("?")), best);
        return best;
    }

    private static final String PAGE = "<ul>{% for x in xs %}<li>{{ loop.index }}:{{ x|upper }}</li>{% endfor %}</ul>";

    @Test
    void manyEnvironmentsOnOneThread() {
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            templates.add(Environment.builder().loader(new MapLoader(Map.of("p", PAGE))).build().load("p"));
        }
        StringBuilderOutput out = new StringBuilderOutput();
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b", "c"));
        int[] next = {0};
        double bytes = bytesPerRun(() -> {
            out.reset();
            templates.get(next[0]++ % templates.size()).render(ctx, out);
        });
        assertEquals("<ul><li>1:A</li><li>2:B</li><li>3:C</li></ul>", out.toString());
        assertTrue(bytes <= 16, bytes + " bytes per render");
    }

    @Test
    void aRenderNestedInARender() {
        AtomicReference<Template> inner = new AtomicReference<>();
        StringBuilderOutput innerOut = new StringBuilderOutput();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of("outer", "[{{ nested() }}]" + PAGE, "inner", PAGE)))
                .function(FunctionDefinition.of("nested", (ctx, a) -> {
                    innerOut.reset();
                    inner.get().render(Map.of("xs", List.of("n")), innerOut);
                    return "";
                }))
                .build();
        inner.set(env.load("inner"));
        Template outer = env.load("outer");
        StringBuilderOutput out = new StringBuilderOutput();
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        double bytes = bytesPerRun(() -> {
            out.reset();
            outer.render(ctx, out);
        });
        assertEquals("<ul><li>1:N</li></ul>", innerOut.toString());
        // a user function's own argument array (fresh: the callee may keep it), the inner Map.of context, and the
        // outer render's CallContext for user code (one per render: it refuses once the render is over)
        assertTrue(bytes <= 120, bytes + " bytes per render");
    }

    @Test
    void twoChildrenOfOneLayoutInTurn() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of(
                "layout", "<h1>{% block title %}{% endblock %}</h1>{% block body %}{% endblock %}",
                "a", "{% extends 'layout' %}{% block title %}A{% endblock %}{% block body %}" + PAGE
                        + "{% endblock %}",
                "b", "{% extends 'layout' %}{% block title %}B{% endblock %}{% block body %}{{ xs|length }}"
                        + "{% endblock %}"))).build();
        Template a = env.load("a");
        Template b = env.load("b");
        StringBuilderOutput out = new StringBuilderOutput();
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        boolean[] flip = {false};
        double bytes = bytesPerRun(() -> {
            out.reset();
            flip[0] = !flip[0];
            (flip[0] ? a : b).render(ctx, out);
        });
        assertTrue(bytes <= 16, bytes + " bytes per render");
    }

    @Test
    void macrosInheritedFromAParent() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of(
                "layout", "{% macro item(x) %}<i>{{ x }}</i>{% endmacro %}{% block body %}{% endblock %}",
                "page", "{% extends 'layout' %}{% block body %}{% for x in xs %}{{ _self.item(x) }}{% endfor %}"
                        + "{% endblock %}"))).build();
        Template page = env.load("page");
        StringBuilderOutput out = new StringBuilderOutput();
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        double bytes = bytesPerRun(() -> {
            out.reset();
            page.render(ctx, out);
        });
        assertEquals("<i>a</i><i>b</i>", out.toString());
        assertTrue(bytes <= 16, bytes + " bytes per render");
    }

    @Test
    void aContextWithManyKeysCostsWhatTheTemplateReads() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("p", PAGE))).build();
        Template p = env.load("p");
        java.util.HashMap<String, Object> big = new java.util.HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            big.put("k" + i, i);
        }
        big.put("xs", List.of("a"));
        StringBuilderOutput out = new StringBuilderOutput();
        double bytes = bytesPerRun(() -> {
            out.reset();
            p.render(big, out);
        });
        assertEquals("<ul><li>1:A</li></ul>", out.toString());
        assertTrue(bytes <= 16, bytes + " bytes per render");
    }

    /**
     * One virtual thread per render (Java 21+; .ci/run runs the suite on JDK 25 too). A virtual thread has no
     * allocation counter of its own, so this compares the JVM's total with a run that starts the same threads
     * and renders nothing: the difference is what the renders cost.
     */
    @Test
    void oneVirtualThreadPerRender() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+ (run by .ci/run on JDK 25)");
        Method ofVirtual = Thread.class.getMethod("ofVirtual");
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        Method total = com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes");
        Object builder = ofVirtual.invoke(null);
        Environment env = Environment.builder().loader(new MapLoader(Map.of("p", PAGE))).build();
        Template p = env.load("p");
        Map<String, Object> ctx = Map.of("xs", List.of("a", "b"));
        AtomicReference<String> last = new AtomicReference<>();
        StringBuilderOutput[] sinks = new StringBuilderOutput[8];
        for (int i = 0; i < sinks.length; i++) {
            sinks[i] = new StringBuilderOutput(new StringBuilder(64));
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 6; round++) {
            long[] cost = new long[2];
            for (int kind = 0; kind < 2; kind++) {
                boolean render = kind == 1;
                int n = 5_000;
                long before = (long) total.invoke(THREADS);
                for (int i = 0; i < n; i++) {
                    StringBuilderOutput out = sinks[i & 7];
                    Thread t = (Thread) unstarted.invoke(builder, (Runnable) () -> {
                        out.reset();
                        if (render) {
                            p.render(ctx, out);
                        }
                    });
                    t.start();
                    t.join();
                }
                cost[kind] = (long) total.invoke(THREADS) - before;
                if (render) {
                    last.set(sinks[(n - 1) & 7].toString());
                }
            }
            if (round > 0) { // the first round warms up
                best = Math.min(best, (cost[1] - cost[0]) / 5_000.0);
            }
        }
        assertEquals("<ul><li>1:A</li><li>2:B</li></ul>", last.get());
        System.out.printf("allocation: oneVirtualThreadPerRender: %.1f bytes/render beyond the thread itself%n", best);
        assertTrue(best <= 64, best + " bytes per render on a new virtual thread");
    }
}
