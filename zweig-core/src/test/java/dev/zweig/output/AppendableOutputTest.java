package dev.zweig.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** render(Map, Appendable) streams into any Appendable, not only a StringBuilder, without a String in between. */
class AppendableOutputTest {
    /** A reusable sink of the caller's that appends without allocating. */
    static final class CharSink implements Appendable {
        final char[] buf = new char[4096];
        int len;

        @Override
        public Appendable append(CharSequence s) {
            return append(s, 0, s.length());
        }

        @Override
        public Appendable append(CharSequence s, int start, int end) {
            for (int i = start; i < end; i++) {
                buf[len++] = s.charAt(i);
            }
            return this;
        }

        @Override
        public Appendable append(char c) {
            buf[len++] = c;
            return this;
        }

        @Override
        public String toString() {
            return new String(buf, 0, len);
        }
    }

    @Test
    void anyAppendableGetsTheStringRenderingWithoutAllocation() {
        Environment env = Environment.builder().build();
        Template t = env.createTemplate("<h1>{{ title }}</h1>{% for x in xs %}<li>{{ loop.index }} {{ x|upper }}</li>"
                + "{% endfor %}");
        Map<String, Object> ctx = Map.of("title", "<T&C>", "xs", List.of("a", "b"));
        StringWriter w = new StringWriter();
        t.render(ctx, w);
        assertEquals(t.render(ctx), w.toString());
        CharSink sink = new CharSink();
        double best = dev.zweig.alloc.AllocationMeter.bytesPerRun(() -> {
            sink.len = 0;
            t.render(ctx, sink);
        }, 20_000, 5_000);
        assertEquals(t.render(ctx), sink.toString());
        assertTrue(best < 1, best + " bytes per render into a reused Appendable");
    }
}
