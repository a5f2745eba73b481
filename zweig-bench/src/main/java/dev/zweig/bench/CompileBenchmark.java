package dev.zweig.bench;

import dev.zweig.output.StringBuilderOutput;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What compiling costs: a page's first render on a fresh Environment (load: parse, passes, compile, and for the
 * compiled executor writing and defining its class; then one render), measured one shot at a time. With no
 * warm-up this is the cold start of a server's first request; with warm-up iterations it is the cost of each new
 * template once the engine's own code is hot.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 20, batchSize = 1)
@Fork(3)
@State(Scope.Thread)
public class CompileBenchmark {
    @Param({"SIMPLE", "COMPLEX", "INHERITANCE"})
    public String page;

    @Param({"COMPILED", "INTERPRETED"})
    public String executor;

    private Page p;
    private Map<String, Object> data;
    private final StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder(16 * 1024));

    @Setup(Level.Trial)
    public void setUp() {
        p = Page.valueOf(page);
        data = p.data();
    }

    /** A fresh Environment each time: nothing of the previous template is reused. */
    @Benchmark
    public StringBuilderOutput firstRender() {
        sink.reset();
        p.load(executor).render(data, sink);
        return sink;
    }
}
