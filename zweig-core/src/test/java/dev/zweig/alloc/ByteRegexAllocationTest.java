package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code matches} without the u modifier matches a non-ASCII subject as its UTF-8 bytes (as PCRE does): the bytes
 * are written into a text buffer of the render, so matching stays within {@link #BOUND} bytes per render after a
 * warm-up.
 */
class ByteRegexAllocationTest {
    private static final double BOUND = 16.0;

    @Test
    void aNonAsciiSubjectMatchedAsBytesAllocatesNothing() {
        String src = "{% for w in words %}{{ w matches '/^.{5}$/' ? 'b' : '-' }}{{ w matches '/[[:alpha:]]é/i' ? 'a'"
                + " : '-' }}{{ w ~ '!' matches '/t.!$/' ? 't' : '-' }}{% endfor %}";
        Template t = Environment.builder().loader(new MapLoader(Map.of("index.twig", src))).strictVariables(true)
                .build().load("index.twig");
        Map<String, Object> data = Map.of("words", List.of("éclat", "clé", "world", "été 😀"));
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder());
        double perRender = AllocationMeter.bytesPerRender(t, data, out, 2000, BOUND);
        out.reset();
        t.render(data, out);
        assertEquals("----a-b---a-", out.toString()); // real Twig's output (3.15 on PHP 8.2)
        assertTrue(perRender <= BOUND, perRender + " bytes per render");
    }
}
