package dev.zweig.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The rows of a JMH JSON result file ({@code -rf json}), with the numbers the report needs. */
public final class JmhResults {
    /**
     * One benchmark: a short label ({@code complex/sink}, {@code stocks/pebble}), throughput with its error, the
     * normalised allocation rate from {@code -prof gc} (NaN when the run had no gc profiler), and whether it comes
     * from a class that renders one page in Zweig and its peers side by side (then the variant names the engine).
     */
    public record Row(String label, String group, String variant, double opsPerSec, double opsError,
            double bytesPerOp, double gcCount, boolean sideBySide) {
        /** Whether the row measures Zweig (the peers' rows are {@code stocks/<engine>} and {@code complex/pebble}). */
        public boolean zweig() {
            return !sideBySide || variant.startsWith("zweig");
        }
    }

    /**
     * The benchmark classes that render one page in Zweig and its peers, by class name, with the page (the
     * group of their rows). Their methods are named by engine ({@code zweig}, {@code pebble}, ...), in
     * ComplexPeersBenchmark with the page after it ({@code pebbleComplex}), which the label leaves out.
     */
    private static final Map<String, String> PEER_CLASSES = Map.of(
            "StocksBenchmark", "stocks",
            "ComplexPeersBenchmark", "complex",
            "GreetingBenchmark", "greeting");

    private final List<Row> rows;
    private final Map<String, String> run;

    private JmhResults(List<Row> rows, Map<String, String> run) {
        this.rows = rows;
        this.run = run;
    }

    public List<Row> rows() {
        return rows;
    }

    /** JMH settings of the run (forks, iterations, JVM), from the first entry. */
    public Map<String, String> run() {
        return run;
    }

    public Row find(String label) {
        for (Row r : rows) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        return null;
    }

    public static JmhResults read(Path json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Row> rows = new ArrayList<>();
        Map<String, String> run = new LinkedHashMap<>();
        for (JsonNode b : root) {
            if (b.path("mode").asText().equals("ss")) {
                continue; // single-shot times (CompileBenchmark) are no throughput
            }
            if (run.isEmpty()) {
                run.put("jmh", b.path("jmhVersion").asText());
                run.put("jvm", b.path("vmName").asText() + " " + b.path("vmVersion").asText());
                run.put("forks", b.path("forks").asText());
                run.put("warmup", b.path("warmupIterations").asText() + " × " + b.path("warmupTime").asText());
                run.put("measurement", b.path("measurementIterations").asText() + " × "
                        + b.path("measurementTime").asText());
            }
            String name = b.path("benchmark").asText();
            String[] parts = name.split("\\.");
            String cls = parts[parts.length - 2];
            String method = parts[parts.length - 1];
            String group = PEER_CLASSES.get(cls);
            boolean sideBySide = group != null;
            if (sideBySide) {
                String suffix = Character.toUpperCase(group.charAt(0)) + group.substring(1);
                if (method.endsWith(suffix) && method.length() > suffix.length()) {
                    method = method.substring(0, method.length() - suffix.length());
                }
            } else {
                group = b.path("params").path("page").asText(cls).toLowerCase(Locale.ROOT);
            }
            if (b.path("params").path("executor").asText("COMPILED").equals("INTERPRETED")) {
                method += "-interpreted"; // the reference executor's row next to the default one's
            }
            JsonNode primary = b.path("primaryMetric");
            double score = primary.path("score").asDouble(Double.NaN);
            double error = primary.path("scoreError").asDouble(Double.NaN);
            if (primary.path("scoreUnit").asText().startsWith("ops/ms")) {
                score *= 1000;
                error *= 1000;
            }
            double norm = Double.NaN;
            double gcCount = Double.NaN;
            for (Iterator<Map.Entry<String, JsonNode>> it = b.path("secondaryMetrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                if (m.getKey().endsWith("gc.alloc.rate.norm")) {
                    norm = m.getValue().path("score").asDouble(Double.NaN);
                } else if (m.getKey().endsWith("gc.count")) {
                    gcCount = m.getValue().path("score").asDouble(Double.NaN);
                }
            }
            rows.add(new Row(group + "/" + method, group, method, score, error, norm, gcCount, sideBySide));
        }
        return new JmhResults(List.copyOf(rows), run);
    }
}
