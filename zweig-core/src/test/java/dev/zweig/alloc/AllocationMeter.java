package dev.zweig.alloc;

import dev.zweig.Template;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.util.Map;

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
     * Renders t into a reused output: the output is expected (first render and after the warm-up), and a render
     * allocates less than bound bytes in steady state ({@link #bytesPerRender} over renders of 500).
     */
    static void assertRendersWithin(Template t, Map<String, ?> data, String expected, double bound, String what) {
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1024));
        t.render(data, out);
        org.junit.jupiter.api.Assertions.assertEquals(expected, out.toString(), what);
        double bytes = bytesPerRender(t, data, out, 500, bound);
        org.junit.jupiter.api.Assertions.assertTrue(bytes < bound, what + ": " + bytes + " bytes per render on "
                + System.getProperty("zweig.executor", "the default executor") + " (bound " + bound + ")");
        org.junit.jupiter.api.Assertions.assertEquals(expected, out.toString(), what + " after the warm-up");
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
}
