package dev.zweig.bench.report;

import dev.zweig.bench.Page;
import dev.zweig.bench.report.JmhResults.Row;
import dev.zweig.cli.AllocationSites;
import dev.zweig.cli.AllocationSites.Site;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the reports of {@code scripts/analyze_memory.sh} from one run's data: {@code allocations.svg},
 * {@code top_allocations.txt} and {@code memory_optimization_report.md}, from the JMH JSON results, the JFR
 * allocation recordings of {@code zweig profile}, and the previous run's JSON when there is one.
 *
 * <pre>
 * java -cp zweig-bench/target/benchmarks.jar dev.zweig.bench.report.MemoryReport \
 *     --results reports/benchmark_results.json [--previous reports/previous.json] \
 *     --jfr complex=reports/heap.jfr [--jfr medium=FILE ...] [--mode quick|full] --out reports
 * </pre>
 */
public final class MemoryReport {
    /** The pages whose sink rendering the issue wants below one byte per render. */
    static final List<String> ZERO_TARGETS = List.of("simple/sink", "medium/sink", "complex/sink", "stocks/zweig",
            "simple/appendable", "medium/appendable", "complex/appendable");

    /**
     * The pages rendered by Zweig and its peers in one benchmark class (rows {@code <page>/<engine>}), with the
     * title of their table; the issue wants Zweig at least twice as fast as Pebble on each.
     */
    static final Map<String, String> PEER_PAGES = peerPages();

    private static Map<String, String> peerPages() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("stocks", "Stocks page: Zweig against its peers");
        m.put("complex", "Complex page: Zweig against Pebble");
        return m;
    }

    private final JmhResults results;
    private final JmhResults previous;
    private final Map<String, AllocationSites.Result> recordings;
    private final String mode;

    MemoryReport(JmhResults results, JmhResults previous, Map<String, AllocationSites.Result> recordings,
            String mode) {
        this.results = results;
        this.previous = previous;
        this.recordings = recordings;
        this.mode = mode;
    }

    public static void main(String[] args) throws IOException {
        Path resultsFile = null;
        Path previousFile = null;
        Path out = Path.of("reports");
        String mode = "full";
        Map<String, Path> jfrs = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--results": resultsFile = Path.of(v); i++; break;
                case "--previous": previousFile = Path.of(v); i++; break;
                case "--out": out = Path.of(v); i++; break;
                case "--mode": mode = v; i++; break;
                case "--jfr": {
                    int eq = v.indexOf('=');
                    jfrs.put(v.substring(0, eq), Path.of(v.substring(eq + 1)));
                    i++;
                    break;
                }
                default:
                    System.err.println("MemoryReport: unknown argument " + a);
                    System.exit(2);
            }
        }
        if (resultsFile == null) {
            System.err.println("MemoryReport: --results FILE is required");
            System.exit(2);
        }
        JmhResults results = JmhResults.read(resultsFile);
        JmhResults previous = previousFile != null && Files.isRegularFile(previousFile)
                ? JmhResults.read(previousFile) : null;
        Map<String, AllocationSites.Result> recordings = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : jfrs.entrySet()) {
            if (Files.isRegularFile(e.getValue())) {
                recordings.put(e.getKey(), AllocationSites.read(e.getValue()));
            }
        }
        MemoryReport report = new MemoryReport(results, previous, recordings, mode);
        Files.createDirectories(out);
        Files.writeString(out.resolve("allocations.svg"), AllocationChart.svg(results.rows(),
                report.subtitle()));
        Files.writeString(out.resolve("top_allocations.txt"), report.topAllocations());
        Files.writeString(out.resolve("memory_optimization_report.md"), report.markdown());
        System.out.println("MemoryReport: wrote " + out.resolve("memory_optimization_report.md") + ", "
                + out.resolve("allocations.svg") + ", " + out.resolve("top_allocations.txt"));
    }

    String subtitle() {
        Map<String, String> run = results.run();
        return "JMH " + run.get("jmh") + ", " + run.get("jvm") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, " + mode + " run (forks " + run.get("forks") + ", warm-up " + run.get("warmup")
                + ", measurement " + run.get("measurement") + ")";
    }

    // ---- top_allocations.txt -----------------------------------------------------------------------------------

    String topAllocations() {
        StringBuilder sb = new StringBuilder();
        sb.append("Top allocation sites, from JFR jdk.ObjectAllocationSample recordings of `zweig profile`\n")
                .append("(bytes are JFR's sample weights: estimates whose shares are what counts).\n");
        for (Map.Entry<String, AllocationSites.Result> e : recordings.entrySet()) {
            AllocationSites.Result r = e.getValue();
            sb.append(String.format(Locale.ROOT, "%n== %s: %,d samples, ~%,d bytes ==%n", e.getKey(), r.samples(),
                    r.totalBytes()));
            if (r.sites().isEmpty()) {
                sb.append("  no allocation recorded\n");
                continue;
            }
            int i = 1;
            for (Site s : r.top(25)) {
                sb.append(String.format(Locale.ROOT, "%3d. %5.1f%%  ~%,d bytes  %s  at %s.%s:%d  [%s]%n", i++,
                        100 * r.share(s), s.bytes(), s.type(), s.className(), s.method(), s.line(),
                        Strategy.of(s).title()));
                for (String frame : s.stack()) {
                    sb.append("          ").append(frame).append('\n');
                }
            }
        }
        return sb.toString();
    }

    // ---- memory_optimization_report.md -------------------------------------------------------------------------

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Zweig memory optimization report\n\n");
        md.append("Generated ").append(ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern(
                "yyyy-MM-dd HH:mm 'UTC'"))).append(" by `scripts/analyze_memory.sh").append(
                mode.equals("quick") ? " --quick" : "").append("` — ").append(subtitle()).append(".\n");
        md.append("Every number below comes from this run: `benchmark_results.txt`/`.json` (JMH with `-prof gc`), ")
                .append("the JFR recordings of `zweig profile` (`heap.jfr`), and `previous.json` for the changes.\n\n");

        targets(md);
        benchmarks(md);
        peers(md);
        sites(md);
        changes(md);
        return md.toString();
    }

    private void targets(StringBuilder md) {
        md.append("## Targets\n\n");
        md.append("| target | measured | met |\n|---|---|---|\n");
        for (String label : ZERO_TARGETS) {
            Row r = results.find(label);
            if (r == null) {
                continue;
            }
            md.append("| ").append(label).append(" below 1 B/op | ").append(bytes(r.bytesPerOp())).append(" B/op | ")
                    .append(r.bytesPerOp() < 1 ? "yes" : "no").append(" |\n");
        }
        for (Page page : List.of(Page.SIMPLE, Page.MEDIUM, Page.COMPLEX)) {
            String name = page.name().toLowerCase(Locale.ROOT);
            Row str = results.find(name + "/string");
            if (str != null) {
                long limit = stringBytes(page.expected()) + 64;
                md.append("| ").append(name).append("/string: the String itself + 64 B = ").append(limit)
                        .append(" B | ").append(bytes(str.bytesPerOp())).append(" B/op | ")
                        .append(str.bytesPerOp() <= limit ? "yes" : "no").append(" |\n");
            }
        }
        // throughput against Pebble, escaping on in both, the two measured in the same benchmark class
        for (String page : PEER_PAGES.keySet()) {
            Row zweig = results.find(page + "/zweig");
            Row pebble = results.find(page + "/pebble");
            if (zweig != null && pebble != null) {
                double ratio = zweig.opsPerSec() / pebble.opsPerSec();
                md.append("| ").append(page).append(": at least 2× Pebble | ")
                        .append(String.format(Locale.ROOT, "%.2f×", ratio)).append(" | ")
                        .append(ratio >= 2 ? "yes" : "no").append(" |\n");
            }
        }
        md.append('\n');
    }

    private void benchmarks(StringBuilder md) {
        md.append("## Benchmarks\n\n");
        md.append("`sink` renders into a reused `StringBuilderOutput`; `string` returns a new String; ")
                .append("`stocks/<engine>` is the stocks page in Zweig or another engine (escaping on unless the ")
                .append("name says NoEscape), ")
                .append("`complex/zweig` and `complex/pebble` the complex page in Zweig (reused sink, as ")
                .append("`complex/sink`) and in Pebble, side by side.\n\n");
        md.append("| benchmark | ops/s | ± | B/op |");
        if (previous != null) {
            md.append(" ops/s vs previous | B/op vs previous |");
        }
        md.append("\n|---|---:|---:|---:|");
        if (previous != null) {
            md.append("---:|---:|");
        }
        md.append('\n');
        for (Row r : results.rows()) {
            md.append("| ").append(r.zweig() ? "**" + r.label() + "**" : r.label()).append(" | ")
                    .append(ops(r.opsPerSec())).append(" | ").append(ops(r.opsError())).append(" | ")
                    .append(bytes(r.bytesPerOp())).append(" |");
            if (previous != null) {
                Row p = previous.find(r.label());
                if (p == null) {
                    md.append(" new | new |");
                } else {
                    md.append(' ').append(percent(r.opsPerSec(), p.opsPerSec())).append(" | ")
                            .append(delta(r.bytesPerOp(), p.bytesPerOp())).append(" |");
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void peers(StringBuilder md) {
        for (Map.Entry<String, String> e : PEER_PAGES.entrySet()) {
            peers(md, e.getKey(), e.getValue());
        }
    }

    /** The rows of one page rendered by Zweig and its peers ({@code <page>/<engine>}), fastest first. */
    private void peers(StringBuilder md, String page, String title) {
        Row zweig = results.find(page + "/zweig");
        if (zweig == null) {
            return;
        }
        md.append("## ").append(title).append("\n\n");
        md.append("Ratio = Zweig's ops/s (reused sink, escaping on) ÷ the engine's, from the same run.\n\n");
        md.append("| engine | ops/s | B/op | Zweig ÷ engine |\n|---|---:|---:|---:|\n");
        List<Row> peers = new ArrayList<>();
        for (Row r : results.rows()) {
            if (r.group().equals(page) && r.sideBySide()) {
                peers.add(r);
            }
        }
        peers.sort((a, b) -> Double.compare(b.opsPerSec(), a.opsPerSec()));
        for (Row r : peers) {
            md.append("| ").append(r.variant()).append(" | ").append(ops(r.opsPerSec())).append(" | ")
                    .append(bytes(r.bytesPerOp())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f×", zweig.opsPerSec() / r.opsPerSec())).append(" |\n");
        }
        md.append('\n');
    }

    private void sites(StringBuilder md) {
        md.append("## Where the bytes go\n\n");
        if (recordings.isEmpty()) {
            md.append("No JFR recording was given, so no allocation sites.\n\n");
            return;
        }
        Map<Strategy, double[]> shareByStrategy = new EnumMap<>(Strategy.class);
        Map<Strategy, List<String>> advice = new EnumMap<>(Strategy.class);
        for (Map.Entry<String, AllocationSites.Result> e : recordings.entrySet()) {
            AllocationSites.Result r = e.getValue();
            md.append("### ").append(e.getKey()).append(" (`zweig profile`, ")
                    .append(String.format(Locale.ROOT, "%,d", r.samples())).append(" JFR samples)\n\n");
            if (r.sites().isEmpty()) {
                md.append("No allocation was sampled on the rendering thread: nothing to do here.\n\n");
                continue;
            }
            md.append("| # | share | type | site | strategy |\n|---:|---:|---|---|---|\n");
            int i = 1;
            for (Site s : r.top(10)) {
                Strategy st = Strategy.of(s);
                md.append("| ").append(i++).append(" | ").append(String.format(Locale.ROOT, "%.1f%%",
                        100 * r.share(s))).append(" | `").append(s.type()).append("` | `").append(s.frame())
                        .append("` | ").append(st.title()).append(" |\n");
                shareByStrategy.computeIfAbsent(st, k -> new double[1])[0] += r.share(s) / recordings.size();
                // one recommendation per site (the first, largest, type found there)
                List<String> list = advice.computeIfAbsent(st, k -> new ArrayList<>());
                String key = "`" + s.frame() + "`";
                if (list.stream().noneMatch(rec -> rec.startsWith(key)) && list.size() < 4) {
                    list.add(st.recommendation(s));
                }
            }
            md.append('\n');
        }
        md.append("## Recommendations, by strategy\n\n");
        md.append("Share = the strategy's part of the sampled bytes in the top sites above (averaged over the ")
                .append("recordings). Largest first.\n\n");
        List<Strategy> order = new ArrayList<>(List.of(Strategy.values()));
        order.sort((a, b) -> Double.compare(share(shareByStrategy, b), share(shareByStrategy, a)));
        for (Strategy st : order) {
            md.append("### ").append(st.title()).append(String.format(Locale.ROOT, " — %.1f%%%n%n",
                    100 * share(shareByStrategy, st)));
            md.append("_").append(st.principle()).append("_\n\n");
            List<String> list = advice.get(st);
            if (list == null) {
                md.append("- No top site of this run calls for it.\n\n");
                continue;
            }
            for (String rec : list) {
                md.append("- ").append(rec).append('\n');
            }
            md.append('\n');
        }
    }

    private static double share(Map<Strategy, double[]> m, Strategy s) {
        double[] v = m.get(s);
        return v == null ? 0 : v[0];
    }

    private void changes(StringBuilder md) {
        md.append("## Change against the previous run\n\n");
        if (previous == null) {
            md.append("No previous run in reports/ (the next run compares itself with this one: ")
                    .append("its JSON is kept as reports/previous.json).\n");
            return;
        }
        int better = 0;
        int worse = 0;
        StringBuilder lines = new StringBuilder();
        for (Row r : results.rows()) {
            Row p = previous.find(r.label());
            if (p == null || Double.isNaN(r.bytesPerOp()) || Double.isNaN(p.bytesPerOp())) {
                continue;
            }
            double d = r.bytesPerOp() - p.bytesPerOp();
            if (Math.abs(d) >= Math.max(8, 0.05 * p.bytesPerOp())) {
                if (d < 0) {
                    better++;
                } else {
                    worse++;
                }
                lines.append("- ").append(r.label()).append(": ").append(bytes(p.bytesPerOp())).append(" → ")
                        .append(bytes(r.bytesPerOp())).append(" B/op, ").append(ops(p.opsPerSec())).append(" → ")
                        .append(ops(r.opsPerSec())).append(" ops/s (").append(percent(r.opsPerSec(), p.opsPerSec()))
                        .append(")\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%d benchmarks allocate less than before, %d more (changes under "
                + "8 B/op or 5%% are left out).%n%n", better, worse));
        md.append(lines.length() == 0 ? "- No allocation change worth noting.\n" : lines.toString());
    }

    /**
     * The heap size of a String of this text on a 64-bit JVM with compressed oops: a 24-byte String and a byte[]
     * of 16 bytes of header plus one byte per char (Latin-1) or two (UTF-16), rounded up to 8.
     */
    static long stringBytes(String text) {
        boolean latin1 = text.chars().allMatch(c -> c < 256);
        long array = 16 + (long) text.length() * (latin1 ? 1 : 2);
        return 24 + (array + 7) / 8 * 8;
    }

    // ---- formatting --------------------------------------------------------------------------------------------

    static String ops(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%,.1f", v);
    }

    static String bytes(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%,.0f", v);
    }

    static String percent(double now, double before) {
        if (Double.isNaN(now) || Double.isNaN(before) || before == 0) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (now - before) / before);
    }

    static String delta(double now, double before) {
        if (Double.isNaN(now) || Double.isNaN(before)) {
            return "—";
        }
        return String.format(Locale.ROOT, "%+,.0f", now - before);
    }
}
