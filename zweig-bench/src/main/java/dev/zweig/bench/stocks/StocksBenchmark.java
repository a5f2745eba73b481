package dev.zweig.bench.stocks;

import com.fizzed.rocker.RockerOutput;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.hubspot.jinjava.Jinjava;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.bench.OutputCheck;
import dev.zweig.bench.ReusableWriter;
import dev.zweig.loader.ClasspathLoader;
import dev.zweig.output.StringBuilderOutput;
import freemarker.template.Configuration;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.template.PebbleTemplate;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The stocks page ({@link Stocks}) in Zweig and its peers, in one JMH run. Each engine renders the same
 * {@link Stock} objects, HTML escaping on, into a sink reused across renders (Zweig's {@link StringBuilderOutput};
 * a {@link ReusableWriter} for the engines that write to a Writer), and {@code @Setup} checks the text first.
 * Extra rows: Zweig to a String, and Zweig and Pebble with escaping off (as the classic benchmark compares them).
 *
 * <p>Each engine is a separate {@code @State}, so a benchmark only builds the engine it measures. Templates are
 * compiled once in {@code @Setup} (cached by the engine) except where the engine has no such API (Jinjava).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StocksBenchmark {
    static final String DIR = "dev/zweig/bench/stocks/";

    /** The data, and the context map for the engines that take one. */
    @State(Scope.Thread)
    public static class Data {
        public List<Stock> items;
        public Map<String, Object> context;
        public String expected;
        public String expectedRaw;

        @Setup
        public void setUp() {
            items = Stocks.items();
            context = new HashMap<>();
            context.put("items", items);
            expected = Stocks.expected(items, true);
            expectedRaw = Stocks.expected(items, false);
        }
    }

    // ---- Zweig ---------------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class ZweigState {
        /** Which executor runs the page: the compiled one (the default) or the interpreter (the reference). */
        @Param({"COMPILED", "INTERPRETED"})
        public String executor;
        Template template;
        Template raw;
        final StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder(16 * 1024));
        final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(16 * 1024);

        @Setup
        public void setUp(Data d) {
            dev.zweig.Executor ex = dev.zweig.Executor.valueOf(executor);
            template = Environment.builder().executor(ex).loader(new ClasspathLoader(DIR)).build()
                    .load("stocks.twig");
            raw = Environment.builder().executor(ex).loader(new ClasspathLoader(DIR)).autoescape(false).build()
                    .load("stocks.twig");
            template.render(d.context, bytes);
            OutputCheck.normalized("zweig (UTF-8 bytes)", d.expected, bytes.toString(StandardCharsets.UTF_8));
            bytes.reset();
            OutputCheck.normalized("zweig", d.expected, template.render(d.context));
            template.render(d.context, sink);
            OutputCheck.normalized("zweig (sink)", d.expected, sink.toString());
            sink.reset();
            OutputCheck.normalized("zweig (escaping off)", d.expectedRaw, raw.render(d.context));
        }
    }

    @Benchmark
    public StringBuilderOutput zweig(ZweigState s, Data d) {
        s.sink.reset();
        s.template.render(d.context, s.sink);
        return s.sink;
    }

    /** Streams UTF-8 bytes into a reused byte buffer (Template#render(Map, OutputStream)). */
    @Benchmark
    public java.io.ByteArrayOutputStream zweigUtf8(ZweigState s, Data d) {
        s.bytes.reset();
        s.template.render(d.context, s.bytes);
        return s.bytes;
    }

    @Benchmark
    public String zweigString(ZweigState s, Data d) {
        return s.template.render(d.context);
    }

    @Benchmark
    public StringBuilderOutput zweigNoEscape(ZweigState s, Data d) {
        s.sink.reset();
        s.raw.render(d.context, s.sink);
        return s.sink;
    }

    // ---- Pebble --------------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class PebbleState {
        PebbleTemplate template;
        PebbleTemplate raw;
        final ReusableWriter out = new ReusableWriter();

        @Setup
        public void setUp(Data d) throws IOException {
            template = new PebbleEngine.Builder().build().getTemplate(DIR + "stocks.peb");
            raw = new PebbleEngine.Builder().autoEscaping(false).build().getTemplate(DIR + "stocks.peb");
            template.evaluate(out.reset(), d.context);
            OutputCheck.normalized("pebble", d.expected, out.toString());
            raw.evaluate(out.reset(), d.context);
            OutputCheck.normalized("pebble (escaping off)", d.expectedRaw, out.toString());
        }
    }

    @Benchmark
    public ReusableWriter pebble(PebbleState s, Data d) throws IOException {
        s.template.evaluate(s.out.reset(), d.context);
        return s.out;
    }

    @Benchmark
    public ReusableWriter pebbleNoEscape(PebbleState s, Data d) throws IOException {
        s.raw.evaluate(s.out.reset(), d.context);
        return s.out;
    }

    // ---- FreeMarker ----------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class FreemarkerState {
        freemarker.template.Template template;
        final ReusableWriter out = new ReusableWriter();

        @Setup
        public void setUp(Data d) throws Exception {
            Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
            cfg.setClassLoaderForTemplateLoading(StocksBenchmark.class.getClassLoader(), DIR);
            cfg.setDefaultEncoding("UTF-8");
            cfg.setNumberFormat("computer"); // numbers as Java prints them, like every other engine here
            cfg.setLocale(Locale.ROOT);
            template = cfg.getTemplate("stocks.ftlh"); // .ftlh: HTML output format, auto-escaping on
            template.process(d.context, out.reset());
            OutputCheck.normalized("freemarker", d.expected, out.toString());
        }
    }

    @Benchmark
    public ReusableWriter freemarker(FreemarkerState s, Data d) throws Exception {
        s.template.process(d.context, s.out.reset());
        return s.out;
    }

    // ---- Mustache.java -------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class MustacheState {
        Mustache template;
        Map<String, Object> scope;
        final ReusableWriter out = new ReusableWriter();

        @Setup
        public void setUp(Data d) throws IOException {
            template = new DefaultMustacheFactory().compile(new StringReader(Stocks.MUSTACHE), "stocks");
            scope = Map.of("items", Stocks.rows(d.items));
            template.execute(out.reset(), scope).flush();
            OutputCheck.normalized("mustache", d.expected, out.toString());
        }
    }

    @Benchmark
    public ReusableWriter mustache(MustacheState s) throws IOException {
        s.template.execute(s.out.reset(), s.scope);
        return s.out;
    }

    // ---- jte (precompiled at build time by jte-maven-plugin) -----------------------------------------------------

    @State(Scope.Thread)
    public static class JteState {
        TemplateEngine engine;
        final ReusableWriter out = new ReusableWriter();
        final WriterOutput output = new WriterOutput(out);

        @Setup
        public void setUp(Data d) {
            engine = TemplateEngine.createPrecompiled(ContentType.Html);
            out.reset();
            engine.render("stocks.jte", d.items, output);
            OutputCheck.normalized("jte", d.expected, out.toString());
        }
    }

    @Benchmark
    public ReusableWriter jte(JteState s, Data d) {
        s.out.reset();
        s.engine.render("stocks.jte", d.items, s.output);
        return s.out;
    }

    /** jte into its UTF-8 byte output (jte's own binary encoding of the static text), a reused one. */
    @State(Scope.Thread)
    public static class JteUtf8State {
        TemplateEngine engine;
        gg.jte.output.Utf8ByteOutput out;

        @Setup
        public void setUp(Data d) {
            engine = TemplateEngine.createPrecompiled(ContentType.Html);
            out = new gg.jte.output.Utf8ByteOutput();
            engine.render("stocks.jte", d.items, out);
            OutputCheck.normalized("jte (UTF-8 bytes)", d.expected, new String(out.toByteArray(),
                    StandardCharsets.UTF_8));
        }
    }

    @Benchmark
    public gg.jte.output.Utf8ByteOutput jteUtf8(JteUtf8State s, Data d) {
        s.out = new gg.jte.output.Utf8ByteOutput(); // jte's byte output cannot be reset: a new one per render
        s.engine.render("stocks.jte", d.items, s.out);
        return s.out;
    }

    /**
     * jte without escaping (the same template precompiled with {@code ContentType.Plain}, package
     * {@code gg.jte.generated.plain}), the result as a String: a StringOutput sized for the page, its String.
     */
    @State(Scope.Thread)
    public static class JtePlainState {
        TemplateEngine engine;

        @Setup
        public void setUp(Data d) {
            engine = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "gg.jte.generated.plain");
            gg.jte.output.StringOutput out = new gg.jte.output.StringOutput(8 * 1024);
            engine.render("stocks.jte", d.items, out);
            OutputCheck.normalized("jte (escaping off)", d.expectedRaw, out.toString());
        }
    }

    @Benchmark
    public String jteNoEscapeString(JtePlainState s, Data d) {
        gg.jte.output.StringOutput out = new gg.jte.output.StringOutput(8 * 1024);
        s.engine.render("stocks.jte", d.items, out);
        return out.toString();
    }

    // ---- Jinjava -------------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class JinjavaState {
        Jinjava jinjava;
        String source;

        @Setup
        public void setUp(Data d) {
            jinjava = new Jinjava();
            jinjava.getGlobalContext().setAutoEscape(true);
            source = resource(DIR + "stocks.jinja");
            OutputCheck.normalized("jinjava", d.expected, jinjava.render(source, d.context));
        }
    }

    /** Jinjava's public API renders from source (it parses on every call; it has no compiled-template handle). */
    @Benchmark
    public String jinjava(JinjavaState s, Data d) {
        return s.jinjava.render(s.source, d.context);
    }

    // ---- Thymeleaf -----------------------------------------------------------------------------------------------

    @State(Scope.Thread)
    public static class ThymeleafState {
        org.thymeleaf.TemplateEngine engine;
        Context context;
        final ReusableWriter out = new ReusableWriter();

        @Setup
        public void setUp(Data d) {
            ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
            resolver.setPrefix(DIR);
            resolver.setTemplateMode(TemplateMode.HTML);
            resolver.setCharacterEncoding("UTF-8");
            resolver.setCacheable(true);
            engine = new org.thymeleaf.TemplateEngine();
            engine.setTemplateResolver(resolver);
            context = new Context(Locale.ROOT, d.context);
            engine.process("stocks.html", context, out.reset());
            OutputCheck.normalized("thymeleaf", d.expected, out.toString());
        }
    }

    @Benchmark
    public ReusableWriter thymeleaf(ThymeleafState s) {
        s.engine.process("stocks.html", s.context, s.out.reset());
        return s.out;
    }

    // ---- JStachio (compiled at build time by its annotation processor) -------------------------------------------

    @State(Scope.Thread)
    public static class JStachioState {
        StocksModel model;
        StocksModelRenderer renderer;
        final StringBuilder out = new StringBuilder(16 * 1024);

        @Setup
        public void setUp(Data d) throws IOException {
            model = new StocksModel(Stocks.rows(d.items));
            renderer = StocksModelRenderer.of();
            renderer.execute(model, out);
            OutputCheck.normalized("jstachio", d.expected, out.toString());
            out.setLength(0);
        }
    }

    @Benchmark
    public StringBuilder jstachio(JStachioState s) throws IOException {
        s.out.setLength(0);
        s.renderer.execute(s.model, s.out);
        return s.out;
    }

    // ---- Rocker (compiled at build time by rocker-maven-plugin) --------------------------------------------------

    @State(Scope.Thread)
    public static class RockerState {
        @Setup
        public void setUp(Data d) {
            OutputCheck.normalized("rocker", d.expected, stocks.template(d.items).render().toString());
        }
    }

    /** Rocker renders into its own output (byte arrays, the static text pre-encoded), one per render. */
    @Benchmark
    public RockerOutput<?> rocker(RockerState s, Data d) {
        return stocks.template(d.items).render();
    }

    static String resource(String path) {
        try (InputStream in = StocksBenchmark.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
