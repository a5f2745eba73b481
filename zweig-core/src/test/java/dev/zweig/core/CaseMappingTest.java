package dev.zweig.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.output.StringBuilderOutput;
import java.util.Locale;
import java.util.Random;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The streaming case filters (CaseMapping) print exactly what the filters' String-based code returns, for every
 * code point up to U+1FFFF alone, after a letter, and in random mixes of cased, caseless and combining text.
 */
class CaseMappingTest {
    private static void same(String s, Function<String, String> expected, BiConsumer<CharSequence, StringBuilderOutput> w,
            String what) {
        StringBuilderOutput out = new StringBuilderOutput();
        w.accept(s, out);
        assertEquals(expected.apply(s), out.toString(), () -> what + " of " + s.codePoints()
                .mapToObj(cp -> String.format("U+%04X", cp)).toList());
    }

    private static void all(String s) {
        same(s, x -> x.toUpperCase(Locale.ROOT), CaseMapping::upper, "upper");
        same(s, StringFilters::lower, CaseMapping::lower, "lower");
        same(s, StringFilters::title, CaseMapping::title, "title");
        same(s, StringFilters::capitalize, CaseMapping::capitalize, "capitalize");
    }

    @Test
    void everyCodePointAloneAndInAWord() {
        for (int cp = 0; cp <= 0x1FFFF; cp++) {
            String c = new String(Character.toChars(cp));
            all(c);
            all("a" + c + "B");
        }
    }

    @Test
    void randomMixes() {
        int[] pool = {'a', 'Z', ' ', '\'', '.', '-', 0xDF, 0x130, 0x131, 0x149, 0x1C4, 0x1C5, 0x1C6, 0x1F0, 0x301,
            0x390, 0x3A3, 0x3C2, 0x3C3, 0x587, 0x10D0, 0x1E9E, 0x1F80, 0x1FB3, 0x1FBC, 0xFB00, 0xFB03, 0x10400,
            0x10428, 0xD800};
        Random r = new Random(10);
        for (int k = 0; k < 20_000; k++) {
            StringBuilder sb = new StringBuilder();
            for (int n = r.nextInt(8); n >= 0; n--) {
                sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            all(sb.toString());
        }
    }
}
