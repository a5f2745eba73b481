package dev.zweig.output;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The UTF-8 byte sink: the same bytes as String.getBytes(UTF_8), however the text arrives, and no allocation. */
class Utf8OutputTest {
    private static final String ALPHABET = "aZ09<>&\"' \n\u00e9\u00df\u20ac\u4e2d\ud83d\ude00\ud800x\udc00";

    @Test
    void encodesLikeTheJdkWhateverTheChunks() {
        Random r = new Random(42);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int i = r.nextInt(3000); i > 0; i--) {
                text.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            String s = text.toString();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Utf8Output out = new Utf8Output(bytes, 64 + r.nextInt(200));
            for (int i = 0; i < s.length(); ) {
                int n = Math.min(s.length() - i, 1 + r.nextInt(40));
                switch (r.nextInt(4)) {
                    case 0 -> out.write(s.substring(i, i + n));
                    case 1 -> out.write(s, i, i + n);
                    case 2 -> {
                        for (int k = i; k < i + n; k++) {
                            out.write(s.charAt(k));
                        }
                    }
                    default -> {
                        // as the compiler does: static text is pre-encoded unless a surrogate pair is split at its ends
                        String part = s.substring(i, i + n);
                        out.writeText(part, Character.isLowSurrogate(part.charAt(0))
                                || Character.isHighSurrogate(part.charAt(part.length() - 1)) ? null
                                : part.getBytes(StandardCharsets.UTF_8));
                    }
                }
                i += n;
            }
            out.flush();
            // a surrogate pair split by a pre-encoded chunk boundary is encoded from its halves: compare per pair
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), bytes.toByteArray(), "round " + round);
        }
    }

    @Test
    void numbers() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Utf8Output out = new Utf8Output(bytes, 64);
        for (long v : new long[] {0, 7, -7, 1234567890123L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            out.write(v);
            out.write(',');
        }
        out.flush();
        assertArrayEquals(("0,7,-7,1234567890123," + Long.MAX_VALUE + "," + Long.MIN_VALUE + ",")
                .getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
    }

    @Test
    void aTemplateStreamsTheBytesOfItsStringRenderingWithoutAllocating() {
        Environment env = Environment.builder().build();
        Template t = env.createTemplate("<h1>Gr\u00fc\u00dfe {{ name }} \u20ac</h1>{% for x in xs %}<li>{{ loop.index }}"
                + " {{ x|upper }}</li>{% endfor %}");
        Map<String, Object> ctx = Map.of("name", "<\u00e9>", "xs", List.of("a\ud83d\ude00", "b"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        t.render(ctx, bytes);
        assertArrayEquals(t.render(ctx).getBytes(StandardCharsets.UTF_8), bytes.toByteArray());
        OutputStream discard = OutputStream.nullOutputStream();
        ctx = Map.of("name", "<\u00e9>", "xs", List.of("a", "b")); // upper of non-ASCII text allocates (issue 10)
        StringBuilderOutput sb = new StringBuilderOutput();
        for (int i = 0; i < 20_000; i++) {
            sb.reset();
            t.render(ctx, sb);
        }
        Map<String, Object> data = ctx;
        double best = dev.zweig.alloc.AllocationMeter.bytesPerRun(() -> t.render(data, discard), 20_000, 5_000);
        assertTrue(best <= 16, best + " bytes per render into an OutputStream");
    }
}
