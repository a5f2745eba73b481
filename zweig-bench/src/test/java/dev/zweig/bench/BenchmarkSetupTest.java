package dev.zweig.bench;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.bench.complex.ComplexPeersBenchmark;
import dev.zweig.bench.stocks.StocksBenchmark;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.annotations.Param;

/**
 * Every benchmark's {@code @Setup} passes: each page and each peer renders its expected text. Runs the setups
 * once, measures nothing (benchmarks never run during {@code mvn verify}).
 */
class BenchmarkSetupTest {
    @ParameterizedTest
    @EnumSource(Page.class)
    void zweigPagesRenderTheirExpectedText(Page page) {
        for (String executor : EXECUTORS) {
            ZweigBenchmark b = new ZweigBenchmark();
            b.page = page.name();
            b.executor = executor;
            b.setUp();
            assertEquals(page.expected(), b.sink().toString(), executor);
            assertEquals(page.expected(), b.string(), executor);
        }
    }

    /** The executor parameter of every Zweig benchmark state: both executors, named as Executor names them. */
    private static final List<String> EXECUTORS = List.of("COMPILED", "INTERPRETED");

    @Test
    void everyZweigStateRunsBothExecutors() throws NoSuchFieldException {
        for (Class<?> c : List.of(ZweigBenchmark.class, StocksBenchmark.ZweigState.class,
                ComplexPeersBenchmark.ZweigState.class, dev.zweig.bench.greeting.GreetingBenchmark.ZweigState.class,
                CompileBenchmark.class)) {
            assertEquals(EXECUTORS, Arrays.asList(c.getField("executor").getAnnotation(Param.class).value()),
                    c.getName());
        }
        assertEquals(EXECUTORS, Arrays.stream(dev.zweig.Executor.values()).map(Enum::name).toList());
    }

    @Test
    void greetingRendersAlikeInZweigAndJte() {
        for (String executor : EXECUTORS) {
            dev.zweig.bench.greeting.GreetingBenchmark.ZweigState z =
                    new dev.zweig.bench.greeting.GreetingBenchmark.ZweigState();
            z.executor = executor;
            assertDoesNotThrow(z::setUp); // throws when the text is not the expected one
        }
        assertDoesNotThrow(() -> new dev.zweig.bench.greeting.GreetingBenchmark.JteState().setUp());
    }

    @Test
    void everyPageIsAParameter() throws NoSuchFieldException {
        String[] params = ZweigBenchmark.class.getField("page").getAnnotation(Param.class).value();
        assertEquals(Arrays.stream(Page.values()).map(Enum::name).toList(), Arrays.asList(params));
    }

    @Test
    void stocksPageRendersAlikeInEveryEngine() throws Exception {
        StocksBenchmark.Data data = new StocksBenchmark.Data();
        data.setUp();
        for (String executor : EXECUTORS) {
            StocksBenchmark.ZweigState z = new StocksBenchmark.ZweigState();
            z.executor = executor;
            assertDoesNotThrow(() -> z.setUp(data), executor);
        }
        assertDoesNotThrow(() -> new StocksBenchmark.JteUtf8State().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.PebbleState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.FreemarkerState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.MustacheState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.JteState().setUp(data));
        StocksBenchmark.JtePlainState plain = new StocksBenchmark.JtePlainState();
        plain.setUp(data); // throws when the text is not the expected one
        assertEquals(OutputCheck.normalize(data.expectedRaw),
                OutputCheck.normalize(new StocksBenchmark().jteNoEscapeString(plain, data)));
        assertDoesNotThrow(() -> new StocksBenchmark.JinjavaState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.ThymeleafState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.JStachioState().setUp(data));
        assertDoesNotThrow(() -> new StocksBenchmark.RockerState().setUp(data));
    }

    @Test
    void complexPageRendersExactlyInZweigAndPebble() throws Exception {
        ComplexPeersBenchmark.Data data = new ComplexPeersBenchmark.Data();
        data.setUp();
        ComplexPeersBenchmark b = new ComplexPeersBenchmark();
        ComplexPeersBenchmark.ZweigState zweig = new ComplexPeersBenchmark.ZweigState();
        zweig.executor = "COMPILED";
        zweig.setUp(data); // throws when the text is not exactly BuiltinTemplate.COMPLEX.expected()
        ComplexPeersBenchmark.PebbleState pebble = new ComplexPeersBenchmark.PebbleState();
        pebble.setUp(data);
        for (int i = 0; i < 2; i++) { // the reused sinks are reset: each render is the whole page, once
            assertEquals(data.expected, b.zweigComplex(zweig, data).toString());
            assertEquals(data.expected, b.pebbleComplex(pebble, data).toString());
        }
    }

    @Test
    void theCheckCatchesWrongOutput() {
        assertThrows(IllegalStateException.class, () -> OutputCheck.exact("x", "a", "b"));
        assertThrows(IllegalStateException.class, () -> OutputCheck.normalized("x", "<p>a</p>", "<p>b</p>"));
        assertDoesNotThrow(() -> OutputCheck.normalized("x", "<p>\n  a  b</p>\n", "<p>a b</p>"));
        assertEquals("<ul><li>a b</li></ul>", OutputCheck.normalize("<ul>\n  <li>a \n b</li>\n</ul>\n"));
    }
}
