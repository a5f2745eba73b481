package dev.zweig.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The render's box cache keeps every distinct number of a render well under its cap (integral doubles, whose bits
 * end in zeros, and sequential ints alike), so the second render finds them all; past the cap it stays bounded and
 * still answers only with boxes of the value asked.
 */
class BoxCacheTest {
    @Test
    void keepsEveryValueWellUnderTheCap() {
        BoxCache c = new BoxCache(16);
        int n = BoxCache.MAX / 16; // a crowded stretch below the cap grows the table: nothing is evicted
        Object[] boxes = new Object[n];
        for (int i = 0; i < n; i++) {
            long key = i % 2 == 0 ? Double.doubleToRawLongBits(i * 0.5) : i * 1000L;
            assertNull(c.get(key), "new " + i);
            boxes[i] = i % 2 == 0 ? (Object) Double.valueOf(i * 0.5) : (Object) Long.valueOf(i * 1000L);
            c.put(key, boxes[i]);
        }
        for (int i = 0; i < n; i++) {
            long key = i % 2 == 0 ? Double.doubleToRawLongBits(i * 0.5) : i * 1000L;
            assertSame(boxes[i], c.get(key), "kept " + i);
        }
    }

    @Test
    void boundedPastTheCapAndNeverWrong() {
        BoxCache c = new BoxCache(16);
        for (long v = 0; v < 4L * BoxCache.MAX; v++) {
            Object b = c.get(v);
            if (b == null) {
                c.put(v, v);
            } else {
                assertEquals(v, b);
            }
        }
        int found = 0;
        for (long v = 0; v < 4L * BoxCache.MAX; v++) {
            Object b = c.get(v);
            if (b != null) {
                assertEquals(v, b);
                found++;
            }
        }
        assertTrue(found <= BoxCache.MAX && found >= BoxCache.MAX / 4, found + " kept");
    }

    @Test
    void aRenderStateBoxesARepeatedValueOnce() {
        RenderState st = new RenderState(null);
        for (long v = 1000; v < 5000; v++) {
            assertSame(st.box(v), st.box(v));
            assertSame(st.box(v / 3.0), st.box(v / 3.0));
            assertSame(st.boxInt((int) v), st.boxInt((int) v));
        }
    }
}
