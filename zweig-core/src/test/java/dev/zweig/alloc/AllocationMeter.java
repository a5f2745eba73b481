package dev.zweig.alloc;

import dev.zweig.Template;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Assertions;

/** Measures what a render allocates on its thread (shared by the allocation tests). */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    /**
     * Bytes per render of t after a warm-up of n renders: the best of up to 12 rounds of n renders (a stray GC or
     * JIT does not count), stopping as soon as one is within bound.
     */
    static double bytesPerRender(Template t, Map<String, ?> data, StringBuilderOutput out, int n, double bound) {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 12 && best > bound; round++) {
            for (int i = 0; i < n; i++) {
                out.reset();
                t.render(data, out);
            }
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                out.reset();
                t.render(data, out);
            }
            best = Math.min(best, (THREADS.getCurrentThreadAllocatedBytes() - before) / (double) n);
        }
        return best;
    }

    /**
     * Asserts that t renders expected from data, then, after a warm-up of n renders, allocates at most bound bytes
     * per render ({@link #bytesPerRender}) and still renders expected.
     */
    static void assertRendersWithin(String what, Template t, Map<String, ?> data, String expected, int n,
            double bound) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(expected.length() + 16));
        t.render(data, out);
        Assertions.assertEquals(expected, out.toString(), what);
        double bytes = bytesPerRender(t, data, out, n, bound);
        Assertions.assertTrue(bytes <= bound, what + ": " + bytes + " bytes per render (bound " + bound + ")");
        Assertions.assertEquals(expected, out.toString(), what + " after the warm-up");
    }

    /**
     * {@link #assertRendersWithin(String, Template, Map, String, int, double)} for template "main" of templates
     * (strict variables), over warm-ups of 1000 renders.
     */
    static void assertMainRendersWithin(String what, Map<String, String> templates, Map<String, ?> data,
            String expected, double bound) {
        Template t = dev.zweig.Environment.builder().loader(new dev.zweig.loader.MapLoader(templates))
                .strictVariables(true).build().load("main");
        assertRendersWithin(what, t, data, expected, 1000, bound);
    }

    /**
     * Renders t into a reused output: the output is expected (first render and after the warm-up), and a render
     * allocates less than bound bytes in steady state (over renders of 500).
     */
    static void assertRendersWithin(Template t, Map<String, ?> data, String expected, double bound, String what) {
        assertRendersWithin(what + " on " + System.getProperty("zweig.executor", "the default executor"), t, data,
                expected, 500, Math.nextDown(bound));
    }

    /**
     * Bytes per run of r on this thread after warm runs: the smallest of five measurements of n runs each (a stray
     * GC or JIT compilation does not count).
     */
    public static double bytesPerRun(Runnable r, int warm, int n) {
        for (int i = 0; i < warm; i++) {
            r.run();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                r.run();
            }
            best = Math.min(best, (THREADS.getCurrentThreadAllocatedBytes() - before) / (double) n);
        }
        return best;
    }

    /** The heap in use after full collections (the least of six readings): what stays reachable. */
    public static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            System.gc();
            used = Math.min(used, r.totalMemory() - r.freeMemory());
        }
        return used;
    }
}
