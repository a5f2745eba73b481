package dev.zweig.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.lang.reflect.Field;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A render to a String writes into the render state's pooled page buffer: the String it returns is the caller's
 * own copy, and the buffer keeps nothing of the page once the render has returned (zeroed, or dropped when a render
 * grew it past what the pool keeps).
 */
class ResultBufferTest {
    private static final String PAGE = "<p>{{ secret }} {{ n }} {{ 'é€𝄞' }}</p>";

    private static CompiledTemplate template() {
        return (CompiledTemplate) Environment.builder().loader(new MapLoader(Map.of("t", PAGE))).build().load("t");
    }

    /** The bytes inside the pooled page's StringBuilder (the test JVM opens java.lang to read them). */
    private static byte[] pooledPage(CompiledTemplate t) throws ReflectiveOperationException {
        RenderState st = t.engine.acquire(null);
        try {
            Field result = RenderState.class.getDeclaredField("result");
            result.setAccessible(true);
            StringBuilderOutput page = (StringBuilderOutput) result.get(st);
            if (page == null) {
                return null;
            }
            assertEquals(0, page.builder().length(), "the pooled page is empty between renders");
            Field value = StringBuilder.class.getSuperclass().getDeclaredField("value");
            value.setAccessible(true);
            return (byte[]) value.get(page.builder());
        } finally {
            t.engine.release(st);
        }
    }

    @Test
    void theReturnedStringIsTheCallersAndTheBufferIsWiped() throws ReflectiveOperationException {
        CompiledTemplate t = template();
        String first = t.render(Map.of("secret", "SECRET-<1>", "n", 42));
        assertEquals("<p>SECRET-&lt;1&gt; 42 é€𝄞</p>", first);
        byte[] buf = pooledPage(t);
        assertNotNull(buf, "the page buffer is pooled");
        for (int i = 0; i < buf.length; i++) {
            assertEquals(0, buf[i], "byte " + i + " of the pooled page buffer survived the render");
        }
        String second = t.render(Map.of("secret", "x", "n", -7));
        assertEquals("<p>x -7 é€𝄞</p>", second);
        assertEquals("<p>SECRET-&lt;1&gt; 42 é€𝄞</p>", first, "a later render does not touch an earlier result");
    }

    @Test
    void aLatin1PageIsWipedToo() throws ReflectiveOperationException {
        CompiledTemplate t = (CompiledTemplate) Environment.builder()
                .loader(new MapLoader(Map.of("t", "<p>{{ secret }}{% for i in 1..n %}-{{ i }}{% endfor %}</p>"))).build()
                .load("t");
        String first = t.render(Map.of("secret", "caf\u00e9 SECRET", "n", 300));
        assertTrue(first.startsWith("<p>caf\u00e9 SECRET-1-2-3"));
        byte[] buf = pooledPage(t);
        assertNotNull(buf);
        for (int i = 0; i < buf.length; i++) {
            assertEquals(0, buf[i], "byte " + i + " of the pooled page buffer survived the render");
        }
        assertEquals("<p>x-1</p>", t.render(Map.of("secret", "x", "n", 1)));
        assertTrue(first.startsWith("<p>caf\u00e9 SECRET-1-2-3"), "an earlier result is the caller's");
    }

    @Test
    void aPageLargerThanThePoolKeepsIsDroppedAfterItsRender() throws ReflectiveOperationException {
        CompiledTemplate t = template();
        String big = "x".repeat(200_000);
        String out = t.render(Map.of("secret", big, "n", 1));
        assertEquals(200_000 + "<p> 1 é€𝄞</p>".length(), out.length());
        assertTrue(out.contains(big));
        assertNull(pooledPage(t), "a buffer grown past 64 Ki chars is not kept");
    }
}
