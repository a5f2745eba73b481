package dev.zweig.bench.greeting;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Template;
import dev.zweig.bench.OutputCheck;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A three-variable greeting, HTML escaping on: where a template engine's fixed cost per render shows, not its
 * loops. Zweig into a reused sink and as a String, jte (precompiled at build time) into a page-sized StringOutput.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class GreetingBenchmark {
    static final String EXPECTED = "<p>Hello Ada &amp; Bob from Z&uuml;rich, you have 7 new messages.</p>\n";

    @State(Scope.Thread)
    public static class ZweigState {
        @Param({"COMPILED", "INTERPRETED"})
        public String executor;
        Template template;
        Map<String, Object> context;
        final StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder(256));

        @Setup
        public void setUp() {
            template = Environment.builder().executor(Executor.valueOf(executor))
                    .loader(new MapLoader(Map.of("greeting.twig",
                            "<p>Hello {{ name }} from {{ city }}, you have {{ count }} new messages.</p>\n")))
                    .build().load("greeting.twig");
            context = new HashMap<>();
            context.put("name", "Ada & Bob");
            context.put("city", "Z&uuml;rich");
            context.put("count", 7);
            OutputCheck.exact("zweig greeting", EXPECTED.replace("Z&uuml;rich", "Z&amp;uuml;rich"),
                    template.render(context));
        }
    }

    @Benchmark
    public StringBuilderOutput zweig(ZweigState s) {
        s.sink.reset();
        s.template.render(s.context, s.sink);
        return s.sink;
    }

    @Benchmark
    public String zweigString(ZweigState s) {
        return s.template.render(s.context);
    }

    @State(Scope.Thread)
    public static class JteState {
        TemplateEngine engine;
        Map<String, Object> params;

        @Setup
        public void setUp() {
            engine = TemplateEngine.createPrecompiled(ContentType.Html);
            params = new HashMap<>();
            params.put("name", "Ada & Bob");
            params.put("city", "Z&uuml;rich");
            params.put("count", 7);
            StringOutput out = new StringOutput(128);
            engine.render("greeting.jte", params, out);
            OutputCheck.exact("jte greeting", EXPECTED.replace("Z&uuml;rich", "Z&amp;uuml;rich"), out.toString());
        }
    }

    /** jte as its documentation shows it: a StringOutput sized for the page, its String. */
    @Benchmark
    public String jte(JteState s) {
        StringOutput out = new StringOutput(128);
        s.engine.render("greeting.jte", s.params, out);
        return out.toString();
    }
}
