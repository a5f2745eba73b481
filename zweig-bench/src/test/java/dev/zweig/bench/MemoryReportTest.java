package dev.zweig.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.bench.report.JmhResults;
import dev.zweig.bench.report.MemoryReport;
import dev.zweig.bench.report.Strategy;
import dev.zweig.cli.AllocationSites.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report generator on a small JMH result file, and the site-to-strategy rules. */
class MemoryReportTest {
    @TempDir
    Path tmp;

    private static String entry(String benchmark, String page, double ops, double norm) {
        return "{\"jmhVersion\":\"1.37\",\"benchmark\":\"" + benchmark + "\",\"mode\":\"thrpt\",\"forks\":1,"
                + "\"vmName\":\"VM\",\"vmVersion\":\"17\",\"warmupIterations\":1,\"warmupTime\":\"1 s\","
                + "\"measurementIterations\":1,\"measurementTime\":\"1 s\","
                + (page == null ? "" : "\"params\":{\"page\":\"" + page + "\"},")
                + "\"primaryMetric\":{\"score\":" + ops + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"ops/s\"},"
                + "\"secondaryMetrics\":{\"gc.alloc.rate.norm\":{\"score\":" + norm + ",\"scoreUnit\":\"B/op\"}}}";
    }

    @Test
    void writesTheReportChartAndSites() throws Exception {
        Path now = tmp.resolve("now.json");
        Files.writeString(now, "[" + entry("dev.zweig.bench.ZweigBenchmark.sink", "SIMPLE", 1e6, 0.0) + ","
                + entry("dev.zweig.bench.stocks.StocksBenchmark.zweig", null, 30000, 100) + ","
                + entry("dev.zweig.bench.stocks.StocksBenchmark.pebble", null, 10000, 25000) + ","
                + entry("dev.zweig.bench.ZweigBenchmark.sink", "COMPLEX", 20000, 0.5) + ","
                + entry("dev.zweig.bench.complex.ComplexPeersBenchmark.zweigComplex", null, 18000, 0.5) + ","
                + entry("dev.zweig.bench.complex.ComplexPeersBenchmark.pebbleComplex", null, 12000, 90000) + "]");
        Path before = tmp.resolve("before.json");
        Files.writeString(before, "[" + entry("dev.zweig.bench.ZweigBenchmark.sink", "SIMPLE", 5e5, 136) + "]");

        JmhResults r = JmhResults.read(now);
        assertEquals(List.of("simple/sink", "stocks/zweig", "stocks/pebble", "complex/sink", "complex/zweig",
                "complex/pebble"), r.rows().stream().map(JmhResults.Row::label).toList());
        assertTrue(r.find("stocks/zweig").zweig());
        assertTrue(!r.find("stocks/pebble").zweig());
        assertTrue(r.find("complex/sink").zweig() && !r.find("complex/sink").sideBySide());
        assertTrue(r.find("complex/zweig").zweig() && r.find("complex/zweig").sideBySide());
        assertTrue(!r.find("complex/pebble").zweig());

        MemoryReport.main(new String[] {"--results", now.toString(), "--previous", before.toString(), "--mode",
            "quick", "--out", tmp.resolve("out").toString()});
        String md = Files.readString(tmp.resolve("out/memory_optimization_report.md"));
        assertTrue(md.contains("| simple/sink below 1 B/op | 0.00 B/op | yes |"), md);
        assertTrue(md.contains("| stocks/zweig below 1 B/op | 100 B/op | no |"), md);
        assertTrue(md.contains("| stocks: at least 2× Pebble | 3.00× | yes |"), md);
        assertTrue(md.contains("| complex: at least 2× Pebble | 1.50× | no |"), md);
        assertTrue(md.contains("## Stocks page: Zweig against its peers"), md);
        // the complex table: the two side-by-side rows only, not ZweigBenchmark's complex/sink
        String complex = md.substring(md.indexOf("## Complex page: Zweig against Pebble"));
        complex = complex.substring(0, complex.indexOf("\n## "));
        assertTrue(complex.contains("| zweig | 18,000 | 0.50 | 1.00× |\n| pebble | 12,000 | 90,000 | 1.50× |\n"),
                complex);
        assertTrue(!complex.contains("| sink |"), complex);
        assertTrue(md.contains("| **simple/sink** | 1,000,000 | — | 0.00 | +100.0% | -136 |"), md);
        assertTrue(md.contains("- simple/sink: 136 → 0.00 B/op"), md);
        String svg = Files.readString(tmp.resolve("out/allocations.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("stocks/pebble") && svg.contains("25k B"), svg);
    }

    private static Site site(String type, String cls, String method, String... stack) {
        return new Site(type, cls, method, 1, 100, 1, List.of(stack));
    }

    @Test
    void sitesMapToStrategies() {
        assertEquals(Strategy.BUFFER_MANAGEMENT, Strategy.of(site("byte[]", "dev.zweig.output.StringBuilderOutput",
                "toString", "java.util.Arrays.copyOfRange")));
        assertEquals(Strategy.BUFFER_MANAGEMENT, Strategy.of(site("byte[]", "dev.zweig.php.Values", "write",
                "java.util.Arrays.copyOf", "java.lang.AbstractStringBuilder.ensureCapacityInternal")));
        assertEquals(Strategy.EXPRESSION_EVALUATION, Strategy.of(site("java.lang.Long", "dev.zweig.runtime.Eval",
                "add", "java.lang.Long.valueOf")));
        assertEquals(Strategy.EXPRESSION_EVALUATION, Strategy.of(site("java.math.BigDecimal",
                "dev.zweig.php.PhpFloats", "round")));
        assertEquals(Strategy.STRING_OPERATIONS, Strategy.of(site("java.lang.String",
                "dev.zweig.core.StringFilters", "capitalize")));
        assertEquals(Strategy.CONTEXT_MANAGEMENT, Strategy.of(site("java.lang.Object[]", "dev.zweig.runtime.Frame",
                "copy")));
        assertEquals(Strategy.OBJECT_POOLING, Strategy.of(site("dev.zweig.runtime.RenderState",
                "dev.zweig.runtime.CompiledTemplate", "render")));
        assertTrue(Strategy.of(site("java.lang.String", "dev.zweig.core.StringFilters", "capitalize"))
                .recommendation(site("java.lang.String", "dev.zweig.core.StringFilters", "capitalize"))
                .startsWith("`StringFilters.capitalize:1`"));
    }
}
