package dev.zweig.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** The methods most often on top of the stack in a recording's {@code jdk.ExecutionSample} events. */
final class HotMethods {
    record Method(String name, long samples) {
    }

    record Result(List<Method> methods, long samples) {
    }

    private HotMethods() {
    }

    static Result read(Path recording, long threadId, java.time.Instant since) throws IOException {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                if (since != null && e.getStartTime().isBefore(since)) {
                    continue;
                }
                RecordedThread t = e.getThread("sampledThread");
                if (threadId >= 0 && (t == null || t.getJavaThreadId() != threadId)) {
                    continue;
                }
                if (e.getStackTrace() == null || e.getStackTrace().getFrames().isEmpty()) {
                    continue;
                }
                RecordedFrame f = e.getStackTrace().getFrames().get(0);
                String name = f.getMethod().getType().getName() + "." + f.getMethod().getName();
                counts.merge(name, 1L, Long::sum);
                total++;
            }
        }
        List<Method> methods = new ArrayList<>();
        counts.forEach((k, v) -> methods.add(new Method(k, v)));
        methods.sort((a, b) -> a.samples() != b.samples() ? Long.compare(b.samples(), a.samples())
                : a.name().compareTo(b.name()));
        return new Result(methods, total);
    }

    static String table(Result r, int n) {
        if (r.samples() == 0) {
            return "  (no execution samples: the run was shorter than the sampling period; raise -iterations)\n";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, r.methods().size()); i++) {
            Method m = r.methods().get(i);
            sb.append(String.format(Locale.ROOT, "  %3d  %6d  %5.1f%%  %s%n", i + 1, m.samples(),
                    100.0 * m.samples() / r.samples(), m.name()));
        }
        return sb.toString();
    }
}
