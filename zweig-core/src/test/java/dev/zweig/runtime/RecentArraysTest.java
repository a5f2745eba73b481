package dev.zweig.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.php.PhpArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The render state's recent kept collections (RecentArrays): the same pairs give the same unmodifiable collection;
 * anything else, a new one; a collection holding the engine's own arrays or render-private texts is never shared.
 */
@SuppressWarnings("unchecked")
class RecentArraysTest {
    private static PhpArray hash(Object... kv) {
        PhpArray a = new PhpArray();
        for (int i = 0; i < kv.length; i += 2) {
            a.put(kv[i], kv[i + 1]);
        }
        return a;
    }

    private static PhpArray list(Object... values) {
        PhpArray a = new PhpArray();
        for (Object v : values) {
            a.append(v);
        }
        return a;
    }

    @Test
    void theSamePairsGiveTheSameUnmodifiableCollection() {
        RecentArrays r = new RecentArrays();
        List<Object> tags = new ArrayList<>(List.of("x"));
        Object first = r.collection(hash("name", "eggs", "amount", 4L, "f", 1.5, "tags", tags));
        Object again = r.collection(hash("name", new String("eggs"), "amount", 4L, "f", 1.5, "tags", tags));
        assertSame(first, again);
        assertEquals(Map.of("name", "eggs", "amount", 4L, "f", 1.5, "tags", List.of("x")), first);
        assertThrows(UnsupportedOperationException.class, () -> ((Map<Object, Object>) first).put("name", "x"));
        Object list = r.collection(list("a", 2L));
        assertEquals(List.of("a", 2L), list);
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) list).add("b"));
        assertSame(list, r.collection(list("a", 2L)));
    }

    @Test
    void otherPairsGiveAnotherCollection() {
        RecentArrays r = new RecentArrays();
        Object first = r.collection(hash("name", "eggs", "amount", 4L));
        assertNotSame(first, r.collection(hash("name", "eggs", "amount", 5L)));
        assertNotSame(first, r.collection(hash("name", "eggs", "amount", 4.0))); // a float is not the int
        assertNotSame(first, r.collection(hash("amount", 4L, "name", "eggs"))); // the order is part of it
        assertNotSame(first, r.collection(hash("name", "eggs", "amount", 4L, "x", null)));
        // an equal mutable value that is another object: the collection holds that object, so it is another one
        Object withList = r.collection(hash("tags", new ArrayList<>(List.of("x"))));
        Object other = r.collection(hash("tags", new ArrayList<>(List.of("x"))));
        assertNotSame(withList, other);
        assertEquals(withList, other);
        assertEquals(first, r.collection(hash("name", "eggs", "amount", 4L)));
    }

    @Test
    void theEnginesOwnStorageIsNeverShared() {
        RecentArrays r = new RecentArrays();
        PhpArray pooled = new PhpArray().pooled();
        pooled.append("kept");
        PhpArray fresh = list(pooled); // an engine array holding a pooled one
        Object a = r.collection(list(pooled));
        assertNotSame(a, r.collection(list(pooled)));
        Object b = r.collection(list(fresh));
        assertNotSame(b, r.collection(list(fresh)));
        ScratchText t = new ScratchText();
        t.set("text");
        Object c = r.collection(list(t));
        assertNotSame(c, r.collection(list(t)));
        Object d = r.collection(list(t.safe()));
        assertNotSame(d, r.collection(list(t.safe())));
    }

    @Test
    void largeCollectionsAreMadeFresh() {
        RecentArrays r = new RecentArrays();
        PhpArray big = new PhpArray();
        for (long i = 0; i <= RecentArrays.MAX_ELEMENTS; i++) {
            big.append(i);
        }
        assertNotSame(r.collection(big), r.collection(big));
    }
}
