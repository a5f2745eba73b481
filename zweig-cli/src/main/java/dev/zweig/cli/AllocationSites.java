package dev.zweig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording says memory was allocated: the {@code jdk.ObjectAllocationSample} events of a recording
 * (or, in a recording without them, {@code jdk.ObjectAllocationInNewTLAB}/{@code OutsideTLAB}), summed by site.
 *
 * <p>A site is the allocated type and the first frame outside the JDK — the line of Zweig (or of the user's own
 * code) that asked for the memory, even when the allocation itself happens inside {@code StringBuilder} or
 * {@code Arrays.copyOf}. Bytes are JFR's sample weights: an estimate whose total tracks the real allocation, and
 * whose shares are what matters. Used by {@code zweig profile} and by zweig-bench's report generator.
 */
public final class AllocationSites {
    /** One allocation site: the type, the frame that allocated it, its estimated bytes and JFR samples. */
    public record Site(String type, String className, String method, int line, long bytes, long samples,
            List<String> stack) {
        /** {@code Class.method:line}, the class without its package. */
        public String frame() {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            return simple + "." + method + (line > 0 ? ":" + line : "");
        }
    }

    /** The sites of one recording, largest first, and the total they add up to. */
    public record Result(List<Site> sites, long totalBytes, long samples, String eventType) {
        public List<Site> top(int n) {
            return sites.subList(0, Math.min(n, sites.size()));
        }

        public double share(Site s) {
            return totalBytes == 0 ? 0 : (double) s.bytes() / totalBytes;
        }
    }

    private static final String SAMPLE = "jdk.ObjectAllocationSample";
    private static final String IN_TLAB = "jdk.ObjectAllocationInNewTLAB";
    private static final String OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";

    private AllocationSites() {
    }

    /** The measured renders of a {@code zweig profile} recording: their thread and time span. */
    public record Window(long threadId, Instant start, Instant end) {
    }

    /** The window of measured renders recorded by {@code zweig profile}, or null when the file has none. */
    public static Window window(Path recording) throws IOException {
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (e.getEventType().getName().equals(MeasuredRenders.NAME)) {
                    RecordedThread t = e.getThread("eventThread");
                    return new Window(t == null ? -1 : t.getJavaThreadId(), e.getStartTime(), e.getEndTime());
                }
            }
        }
        return null;
    }

    /**
     * Reads a recording: within the measured renders when {@code zweig profile} marked them (see
     * {@link MeasuredRenders}), else all of it.
     */
    public static Result read(Path recording) throws IOException {
        Window w = window(recording);
        return w == null ? read(recording, -1, null) : read(recording, w);
    }

    private static Result read(Path recording, Window w) throws IOException {
        return read(recording, w.threadId(), w.start(), w.end());
    }

    /**
     * Reads a recording.
     *
     * @param threadId only events of this Java thread, or -1 for all threads
     * @param since only events from this instant on, or null for all
     */
    public static Result read(Path recording, long threadId, Instant since) throws IOException {
        return read(recording, threadId, since, null);
    }

    private static Result read(Path recording, long threadId, Instant since, Instant until) throws IOException {
        List<RecordedEvent> samples = new ArrayList<>();
        List<RecordedEvent> tlab = new ArrayList<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                String type = e.getEventType().getName();
                boolean sample = type.equals(SAMPLE);
                if (!sample && !type.equals(IN_TLAB) && !type.equals(OUTSIDE_TLAB)) {
                    continue;
                }
                if (threadId >= 0) {
                    RecordedThread t = e.getThread("eventThread");
                    if (t == null || t.getJavaThreadId() != threadId) {
                        continue;
                    }
                }
                if (since != null && e.getStartTime().isBefore(since)
                        || until != null && e.getStartTime().isAfter(until) || isProfilerDisplay(e.getStackTrace())) {
                    continue;
                }
                (sample ? samples : tlab).add(e);
            }
        }
        boolean useSamples = !samples.isEmpty() || tlab.isEmpty();
        List<RecordedEvent> events = useSamples ? samples : tlab;
        Map<String, long[]> bytes = new HashMap<>();
        Map<String, Site> shapes = new HashMap<>();
        long total = 0;
        for (RecordedEvent e : events) {
            long weight = weight(e);
            RecordedClass cls = e.getClass("objectClass");
            String type = cls == null ? "?" : prettyType(cls.getName());
            Site shape = site(type, e.getStackTrace());
            String key = type + '\0' + shape.className() + '\0' + shape.method() + '\0' + shape.line();
            shapes.putIfAbsent(key, shape);
            long[] acc = bytes.computeIfAbsent(key, k -> new long[2]);
            acc[0] += weight;
            acc[1]++;
            total += weight;
        }
        List<Site> sites = new ArrayList<>();
        for (Map.Entry<String, long[]> en : bytes.entrySet()) {
            Site s = shapes.get(en.getKey());
            sites.add(new Site(s.type(), s.className(), s.method(), s.line(), en.getValue()[0], en.getValue()[1],
                    s.stack()));
        }
        sites.sort(Comparator.comparingLong(Site::bytes).reversed().thenComparing(Site::type));
        return new Result(List.copyOf(sites), total, events.size(),
                useSamples ? SAMPLE : IN_TLAB + " + " + OUTSIDE_TLAB);
    }

    /** Allocation by {@code zweig profile}'s own progress display, which is not the template's. */
    private static boolean isProfilerDisplay(RecordedStackTrace trace) {
        if (trace != null) {
            for (RecordedFrame f : trace.getFrames()) {
                if (f.isJavaFrame() && f.getMethod().getType().getName().equals(PROGRESS)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final String PROGRESS = "dev.zweig.cli.ProfileCommand$Progress";

    private static long weight(RecordedEvent e) {
        switch (e.getEventType().getName()) {
            case SAMPLE:
                return e.getLong("weight");
            case IN_TLAB:
                return e.getLong("tlabSize");
            default:
                return e.getLong("allocationSize");
        }
    }

    private static Site site(String type, RecordedStackTrace trace) {
        if (trace == null || trace.getFrames().isEmpty()) {
            return new Site(type, "?", "?", -1, 0, 0, List.of());
        }
        List<RecordedFrame> frames = trace.getFrames();
        RecordedFrame chosen = frames.get(0);
        for (RecordedFrame f : frames) {
            if (f.isJavaFrame() && !isJdk(f.getMethod().getType().getName())) {
                chosen = f;
                break;
            }
        }
        List<String> stack = new ArrayList<>();
        for (int i = 0; i < Math.min(6, frames.size()); i++) {
            RecordedFrame f = frames.get(i);
            stack.add(f.getMethod().getType().getName() + "." + f.getMethod().getName()
                    + (f.getLineNumber() > 0 ? ":" + f.getLineNumber() : ""));
        }
        return new Site(type, chosen.getMethod().getType().getName(), chosen.getMethod().getName(),
                chosen.getLineNumber(), 0, 0, List.copyOf(stack));
    }

    static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.")
                || className.startsWith("com.sun.") || className.startsWith("javax.");
    }

    /** JVM array names ({@code [B}, {@code [Ljava.lang.Object;}) as Java writes them. */
    static String prettyType(String name) {
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            int lambda = name.indexOf("$$Lambda");
            return lambda < 0 ? name : name.substring(0, lambda + 8); // hidden classes: drop the generated suffix
        }
        String base;
        String rest = name.substring(dims);
        switch (rest.charAt(0)) {
            case 'B': base = "byte"; break;
            case 'C': base = "char"; break;
            case 'I': base = "int"; break;
            case 'J': base = "long"; break;
            case 'D': base = "double"; break;
            case 'F': base = "float"; break;
            case 'S': base = "short"; break;
            case 'Z': base = "boolean"; break;
            case 'L': base = rest.substring(1, rest.length() - 1); break;
            default: base = rest;
        }
        return base + "[]".repeat(dims);
    }

    /** A table of the top sites: rank, bytes, share, type, site. */
    public static String table(Result r, int n) {
        StringBuilder sb = new StringBuilder();
        if (r.sites().isEmpty()) {
            return "  (no allocation recorded on this thread)\n";
        }
        sb.append(String.format(Locale.ROOT, "  %3s  %14s  %6s  %-32s  %s%n", "#", "bytes", "share", "type",
                "site (class.method:line)"));
        int i = 1;
        for (Site s : r.top(n)) {
            sb.append(String.format(Locale.ROOT, "  %3d  %,14d  %5.1f%%  %-32s  %s.%s:%d%n", i++, s.bytes(),
                    100 * r.share(s), s.type(), s.className(), s.method(), s.line()));
        }
        return sb.toString();
    }
}
