package dev.zweig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Template;
import dev.zweig.output.StringBuilderOutput;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Guards the zero-allocation render path: after a warm-up, rendering each built-in page into a reused sink must
 * allocate (almost) nothing per render, measured with the thread's allocated-bytes counter. A change that brings
 * allocation back onto the render path fails here; JMH (zweig-bench) gives the precise figures.
 */
class AllocationGuardTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    @ParameterizedTest
    @EnumSource(BuiltinTemplate.class)
    void renderingIntoAReusedSinkAllocatesNothing(BuiltinTemplate page) {
        Template t = page.environment().load(page.mainTemplate());
        Map<String, Object> data = page.data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1 << 16));
        t.render(data, out);
        assertEquals(page.expected(), out.toString());
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double perRender = Double.MAX_VALUE;
        // a few rounds: the JIT has to finish compiling before allocation can be judged
        for (int round = 0; round < 20 && perRender > BOUND; round++) {
            for (int i = 0; i < 3000; i++) {
                out.reset();
                t.render(data, out);
            }
            int n = 2000;
            long before = mx.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < n; i++) {
                out.reset();
                t.render(data, out);
            }
            perRender = (mx.getCurrentThreadAllocatedBytes() - before) / (double) n;
        }
        assertTrue(perRender <= BOUND, page + ": " + perRender + " bytes allocated per render (bound " + BOUND + ")");
        assertEquals(page.expected(), out.toString());
    }
}
