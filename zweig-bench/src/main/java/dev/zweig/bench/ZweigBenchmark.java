package dev.zweig.bench;

import dev.zweig.Template;
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
 * Zweig's own pages ({@link Page}), each rendered (a) into a reusable sink — a {@link StringBuilderOutput} reset
 * before every render, the allocation-free path whose gc.alloc.rate.norm should reach zero — and (b) to a String,
 * which at best costs the String itself.
 *
 * <p>Run with {@code -prof gc}; the parameter {@code page} names the page.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ZweigBenchmark {
    @Param({"SIMPLE", "MEDIUM", "COMPLEX", "MACROS", "INHERITANCE", "FILTERS", "LARGE_CONTEXT", "EXPRESSIONS",
        "INTEGERS"})
    public String page;

    /** Which executor runs the page: the compiled one (the default) or the interpreter (the reference). */
    @Param({"COMPILED", "INTERPRETED"})
    public String executor;

    private Template template;
    private Map<String, Object> data;
    private StringBuilderOutput sink;
    private StringBuilder builder;

    @Setup(Level.Trial)
    public void setUp() {
        Page p = Page.valueOf(page);
        template = p.load(executor);
        data = p.data();
        sink = new StringBuilderOutput(new StringBuilder(16 * 1024));
        builder = new StringBuilder(16 * 1024);
        String expected = p.expected();
        OutputCheck.exact(page + " (String)", expected, template.render(data));
        template.render(data, sink);
        OutputCheck.exact(page + " (sink)", expected, sink.toString());
        sink.reset();
        template.render(data, (Appendable) builder);
        OutputCheck.exact(page + " (appendable)", expected, builder.toString());
        builder.setLength(0);
    }

    /** Renders into the reused sink; returns it so the work cannot be optimised away. */
    @Benchmark
    public StringBuilderOutput sink() {
        sink.reset();
        template.render(data, sink);
        return sink;
    }

    /** Renders through Template#render(Map, Appendable) into a reused StringBuilder. */
    @Benchmark
    public StringBuilder appendable() {
        builder.setLength(0);
        template.render(data, (Appendable) builder);
        return builder;
    }

    @Benchmark
    public String string() {
        return template.render(data);
    }
}
