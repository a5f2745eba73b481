package dev.zweig.cli;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.FileSystemLoader;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jfr.Recording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zweig profile}: renders one template many times on this thread and reports what it cost — time per
 * render, bytes allocated (the thread's own counter, exact), garbage collections, and the top allocation sites
 * from a JFR recording read back with {@code jdk.jfr.consumer}.
 *
 * <p>Flags take one dash or two, and a value after a space or an {@code =}: {@code -complexity=3} and
 * {@code --complexity 3} are the same. The page is either built in ({@code -complexity 1|2|3}, see
 * {@link BuiltinTemplate}) or the user's ({@code --template FILE [--data FILE] [--dir DIR]}).
 *
 * <p>The renders measured follow an unmeasured warm-up, so the JIT has compiled the render path and the numbers
 * are those of a running application, not of the interpreter. Allocation sites come from
 * {@code jdk.ObjectAllocationSample}, recorded only during the measured renders and filtered to this thread.
 */
@Command(name = "profile", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Renders a template many times and reports time, allocation, GC and the top allocation "
                + "sites (from a JFR recording).",
            "Flags take one or two dashes and '=' or a space: -complexity=3 is --complexity 3."})
final class ProfileCommand implements Callable<Integer> {
    @Option(names = {"-complexity", "--complexity"}, paramLabel = "1|2|3",
            description = "A built-in page: 1 simple, 2 medium, 3 complex (inheritance, macros, loops, filters).")
    Integer complexity;

    @Option(names = {"-template", "--template"}, paramLabel = "FILE",
            description = "Your template (a file, or with --dir a name under DIR).")
    String template;

    @Option(names = {"-data", "--data"}, paramLabel = "FILE", description = "JSON object with the variables.")
    Path data;

    @Option(names = {"-dir", "--dir"}, paramLabel = "DIR",
            description = "Template directory (default: the template's directory).")
    Path dir;

    @Option(names = {"-iterations", "--iterations"}, paramLabel = "N", defaultValue = "1000",
            description = "Renders measured (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = {"-warmup", "--warmup"}, paramLabel = "N",
            description = "Unmeasured renders first, for the JIT (default: as many as -iterations, at most 2000).")
    Integer warmup;

    @Option(names = {"-output", "--output"}, paramLabel = "sink|string", defaultValue = "sink",
            description = "Render into a reused sink (default) or to a new String each time.")
    String output;

    @Option(names = {"-memprofile", "--memprofile"}, paramLabel = "FILE",
            description = "Keep the allocation recording (JFR, jdk.ObjectAllocationSample with stacks) in FILE.")
    Path memprofile;

    @Option(names = {"-cpuprofile", "--cpuprofile"}, paramLabel = "FILE",
            description = "Record CPU samples (JFR, jdk.ExecutionSample) into FILE and list the hottest methods.")
    Path cpuprofile;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    /** The page being profiled: a compiled template, its context, and (built-ins only) the expected text. */
    private record Subject(String description, Template template, Map<String, Object> context, String expected) {
    }

    @Override
    public Integer call() throws IOException {
        validate();
        Subject subject = subject();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean toString = output.equals("string");
        StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder(16 * 1024));

        // one render to check (and to fail early on a template error)
        String first = subject.template().render(subject.context());
        String check = subject.expected() == null ? "not checked (your template)"
                : subject.expected().equals(first) ? "matches the expected text"
                : "DIFFERS from the expected text";
        if (subject.expected() != null && !subject.expected().equals(first)) {
            err.println("zweig: warning: the built-in page rendered unexpected text (an engine regression?)");
        }

        int warm = warmup != null ? warmup : Math.min(iterations, 2000);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        if (threads.isThreadAllocatedMemorySupported() && !threads.isThreadAllocatedMemoryEnabled()) {
            threads.setThreadAllocatedMemoryEnabled(true);
        }
        long threadId = Thread.currentThread().getId();

        // The recording starts before the warm-up: a JFR allocation sample weighs all the bytes the thread
        // allocated since its previous sample, so starting JFR (which allocates) and the warm-up must be behind
        // the first sample that counts. Only samples taken during the measured renders are read back.
        Path memFile = memprofile != null ? memprofile : Files.createTempFile("zweig-profile", ".jfr");
        Recording memRecording = new Recording();
        memRecording.setName("zweig profile: allocations");
        memRecording.enable("jdk.ObjectAllocationSample").withStackTrace().with("throttle", "5000/s");
        memRecording.enable("jdk.GarbageCollection");
        memRecording.enable("jdk.GCHeapSummary");
        memRecording.enable(MeasuredRenders.class);
        memRecording.start();
        Recording cpuRecording = null;
        if (cpuprofile != null) {
            cpuRecording = new Recording();
            cpuRecording.setName("zweig profile: cpu");
            cpuRecording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1)).withStackTrace();
            cpuRecording.start();
        }

        Progress progress = new Progress(err, System.console() != null);
        progress.start("warm-up", warm);
        for (int i = 0; i < warm; i++) {
            renderOnce(subject, toString, sink);
            if (progress.due(i + 1)) {
                progress.show(i + 1);
            }
        }
        progress.finish();

        progress.start("measure", iterations);
        long gcCount0 = gcCount();
        long gcTime0 = gcTime();
        MeasuredRenders window = new MeasuredRenders();
        window.template = subject.description();
        window.renders = iterations;
        long excluded = 0; // what the progress display allocates is not the template's
        long bytes0 = threads.getCurrentThreadAllocatedBytes();
        window.begin();
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            renderOnce(subject, toString, sink);
            if (progress.due(i + 1)) {
                long b = threads.getCurrentThreadAllocatedBytes();
                progress.show(i + 1);
                excluded += threads.getCurrentThreadAllocatedBytes() - b;
            }
        }
        long nanos = System.nanoTime() - t0;
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytes0 - excluded;
        window.commit();
        long gcCount = gcCount() - gcCount0;
        long gcTime = gcTime() - gcTime0;
        progress.finish();

        memRecording.stop();
        memRecording.dump(memFile);
        memRecording.close();
        AllocationSites.Result sites = AllocationSites.read(memFile);
        java.time.Instant measuredFrom = windowStart(memFile); // read before a temporary recording is deleted
        if (memprofile == null) {
            Files.deleteIfExists(memFile);
        }
        HotMethods.Result hot = null;
        if (cpuRecording != null) {
            cpuRecording.stop();
            cpuRecording.dump(cpuprofile);
            cpuRecording.close();
            hot = HotMethods.read(cpuprofile, threadId, measuredFrom);
        }

        out.print(report(subject, toString, first.length(), check, warm, nanos, bytes, gcCount, gcTime, sites, hot));
        out.flush();
        return Main.OK;
    }

    /** When the measured renders began, from the window event of the allocation recording. */
    private static java.time.Instant windowStart(Path recording) throws IOException {
        AllocationSites.Window w = AllocationSites.window(recording);
        return w == null ? null : w.start();
    }

    private static void renderOnce(Subject s, boolean toString, StringBuilderOutput sink) {
        if (toString) {
            s.template().render(s.context());
        } else {
            sink.reset();
            s.template().render(s.context(), sink);
        }
    }

    private String report(Subject s, boolean toString, int chars, String check, int warm, long nanos, long bytes,
            long gcCount, long gcTime, AllocationSites.Result sites, HotMethods.Result hot) {
        StringBuilder sb = new StringBuilder();
        line(sb, "Template", s.description());
        line(sb, "Output", (toString ? "a new String per render" : "reused sink (StringBuilderOutput)") + ", "
                + String.format(Locale.ROOT, "%,d", chars) + " chars, " + check);
        line(sb, "Iterations", String.format(Locale.ROOT, "%,d (after %,d warm-up renders)", iterations, warm));
        line(sb, "Total time", String.format(Locale.ROOT, "%.3f ms", nanos / 1e6));
        line(sb, "Time/render", String.format(Locale.ROOT, "%.3f µs (%,.0f renders/s)", nanos / 1e3 / iterations,
                iterations / (nanos / 1e9)));
        line(sb, "Allocated", String.format(Locale.ROOT, "%,d bytes total", bytes));
        line(sb, "Bytes/render", String.format(Locale.ROOT, "%,.1f", (double) bytes / iterations));
        line(sb, "GC", String.format(Locale.ROOT, "%d collections, %d ms", gcCount, gcTime));
        sb.append(String.format(Locale.ROOT, "Top allocation sites (JFR %s, %,d samples on this thread, "
                + "~%,d bytes):%n", sites.eventType(), sites.samples(), sites.totalBytes()));
        sb.append(AllocationSites.table(sites, 10));
        if (memprofile != null) {
            line(sb, "Memory profile", memprofile.toString());
        }
        if (hot != null) {
            sb.append(String.format(Locale.ROOT, "Hottest methods (JFR jdk.ExecutionSample, %,d samples):%n",
                    hot.samples()));
            sb.append(HotMethods.table(hot, 10));
            line(sb, "CPU profile", cpuprofile.toString());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String label, String value) {
        sb.append(String.format(Locale.ROOT, "%-15s %s%n", label + ":", value));
    }

    private void validate() {
        if (complexity == null && template == null) {
            throw new CliException("profile needs -complexity 1|2|3 or --template FILE", Main.INPUT_ERROR);
        }
        if (complexity != null && template != null) {
            throw new CliException("give either -complexity or --template, not both", Main.INPUT_ERROR);
        }
        if (complexity != null && (complexity < 1 || complexity > 3)) {
            throw new CliException("-complexity must be 1, 2 or 3, not " + complexity, Main.INPUT_ERROR);
        }
        if (complexity != null && (data != null || dir != null)) {
            throw new CliException("--data and --dir go with --template, not with -complexity", Main.INPUT_ERROR);
        }
        if (iterations < 1) {
            throw new CliException("-iterations must be at least 1, not " + iterations, Main.INPUT_ERROR);
        }
        if (warmup != null && warmup < 0) {
            throw new CliException("-warmup must not be negative, not " + warmup, Main.INPUT_ERROR);
        }
        if (!output.equals("sink") && !output.equals("string")) {
            throw new CliException("-output must be sink or string, not \"" + output + "\"", Main.INPUT_ERROR);
        }
        writable(memprofile, "-memprofile");
        writable(cpuprofile, "-cpuprofile");
    }

    private static void writable(Path file, String flag) {
        if (file == null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new CliException(flag + ": directory not found: " + parent, Main.INPUT_ERROR);
        }
        if (Files.isDirectory(file)) {
            throw new CliException(flag + ": " + file + " is a directory", Main.INPUT_ERROR);
        }
    }

    private Subject subject() {
        if (complexity != null) {
            BuiltinTemplate b = BuiltinTemplate.ofComplexity(complexity);
            Environment env = engine.environment(new MapLoader(b.sources()));
            String expected = engine.autoescape.equals("html") ? b.expected() : null;
            return new Subject("complexity " + b.complexity() + " (" + b.label() + ", built in: "
                    + String.join(" + ", b.sources().keySet()) + ")", env.load(b.mainTemplate()), b.data(), expected);
        }
        RenderCommand.Location at = RenderCommand.locate(template, dir);
        Path root = at.root();
        String name = at.name();
        Map<String, Object> context = readData();
        Environment env = engine.environment(new FileSystemLoader(root));
        return new Subject(name + " (in " + root + ")" + (data != null ? " with " + data : ""), env.load(name),
                context, null);
    }

    private Map<String, Object> readData() {
        if (data == null) {
            return new LinkedHashMap<>();
        }
        try (InputStream in = Files.newInputStream(data)) {
            return JsonData.read(in, data.toString());
        } catch (NoSuchFileException e) {
            throw new CliException("data file not found: " + data, Main.INPUT_ERROR);
        } catch (IOException e) {
            throw new CliException("cannot read " + data + ": " + e.getMessage(), Main.INPUT_ERROR);
        }
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    private static long gcTime() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionTime());
        }
        return n;
    }

    /**
     * Progress on stderr: a bar redrawn in place on a terminal, a few plain lines otherwise (logs, pipes, CI).
     */
    static final class Progress {
        private static final int WIDTH = 30;
        private final PrintWriter err;
        private final boolean terminal;
        private String label;
        private int total;
        private int shown;

        Progress(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void start(String label, int total) {
            this.label = label;
            this.total = total;
            this.shown = -1;
            if (total == 0) {
                return;
            }
            if (!terminal) {
                err.println("profile: " + label + ": " + String.format(Locale.ROOT, "%,d", total) + " renders");
                err.flush();
            }
            show(0);
        }

        /** Whether {@code done} renders reach the next step to show (cheap: no allocation). */
        boolean due(int done) {
            return total > 0 && level(done) != shown;
        }

        private int level(int done) {
            int unit = terminal ? 100 : 4; // percent steps on a terminal, quarters otherwise
            return (int) ((long) done * unit / total);
        }

        void show(int done) {
            int level = level(done);
            shown = level;
            if (terminal) {
                int filled = level * WIDTH / 100;
                err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                        + String.format(Locale.ROOT, "%3d%% %,d/%,d", level, done, total));
                err.flush();
            } else if (level > 0) {
                err.println("profile: " + label + ": " + (level * 25) + "%");
                err.flush();
            }
        }

        void finish() {
            if (terminal && total > 0) {
                err.println();
                err.flush();
            }
        }
    }
}
