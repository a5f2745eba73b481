package dev.zweig.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * XXH3's 128-bit hash as PHP's {@code hash('xxh128', ...)} prints it (the name Twig gives a template made from a
 * string): one input of each length class of the algorithm (empty, 1-3, 4-8, 9-16, 17-128, 129-240, and longer
 * than a stripe block), the expected values printed by PHP 8.2.
 */
class Xxh128Test {
    private static byte[] input(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void hashesAsPhpDoesForEveryLengthClass() {
        String[][] expected = {
            {"0", "99aa06d3014798d86001c324468d497f"}, {"1", "495b62073ef70ca44c5cca45d0f4811f"},
            {"3", "46f66cb93538156515f7093b173d005c"}, {"4", "7fefeeffb4d0eab3b987ca5d9241572a"},
            {"8", "803c675a846cc6c256bb836ceb6d4baa"}, {"9", "d46556872d230f224376673580310154"},
            {"16", "650fe308c566747df853dd94614dfa07"}, {"17", "18217300b5132d5a78c349fe81b2f26c"},
            {"64", "f9bfa77da0891a9636c5f7e547426bc4"}, {"128", "b4f87b99d2db8a511e04fad9f0cacb4d"},
            {"129", "6881633650cd8924c51bc887976aef63"}, {"200", "8d8629a1aef9ef9060ea018811f9a437"},
            {"240", "de57aab31e77a2ff93e173833f75ab66"}, {"241", "92b991a7192f3f080b3b630948ce4a00"},
            {"1024", "4c17271c906df79223bc880ebf0d29c6"}, {"1025", "70a4eb1b9691d77fc09fdfbc398c7d82"},
            {"4000", "1357ed134fc0d8b79d5e1be70ba5d851"}};
        for (String[] e : expected) {
            assertEquals(e[1], Xxh128.hex(input(Integer.parseInt(e[0]))), "length " + e[0]);
        }
    }

    @Test
    void aTemplateSourceIsHashedAsItsUtf8Bytes() {
        assertEquals("c145ecd2804ae00fd8cf7eb0ee0ac2be", Xxh128.hex("{{ x }}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("__string_template__5eda07b1f1ab8cb2c17a8f705bbbbe74",
                Engine.stringTemplateName("h\u00e9llo \u2713 \ud83d\ude00", null));
        assertEquals("a.twig (string template c145ecd2804ae00fd8cf7eb0ee0ac2be)",
                Engine.stringTemplateName("{{ x }}", "a.twig"));
    }

    // PHP 8.2's digests for inputs of every length class of XXH3 (0, 1-3, 4-8, 9-16, 17-128, 129-240, longer)
    /** Bytes (i * 131 + len * 7 + 13) mod 256, i < len: what the PHP reference hashed. */
    private static byte[] phpInput(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((i * 131 + len * 7 + 13) & 0xFF);
        }
        return b;
    }

    @Test
    void digestsAsPhpPrintsThem() {
        assertEquals("99aa06d3014798d86001c324468d497f", Xxh128.hex("".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a96faf705af16834e6c632b61e964e1f", Xxh128.hex("a".getBytes(StandardCharsets.UTF_8)));
        assertEquals("06b05ab6733a618578af5f94892f3950", Xxh128.hex("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals("85e7b092afbbcd36f11981c2ef8f1569", Xxh128.hex("{{ not a Twig template ".getBytes(StandardCharsets.UTF_8)));
        Map<Integer, String> php = Map.of(
                5, "58e065ea5a6704e16b067f69f9c17ac0",
                12, "ce0ae770d2cc5dfc772d3667d2d4551e",
                100, "a7ce7bb5c9777a2540f6a1a54688ec79",
                200, "2f9dcbefb24fa6c3eadf4465d61c5392",
                1500, "1658301873ae3d98bfcadf93607ae2a3",
                5000, "4665447d9fd6772d17a12a1008412dbf");
        for (Map.Entry<Integer, String> e : php.entrySet()) {
            assertEquals(e.getValue(), Xxh128.hex(phpInput(e.getKey())), "length " + e.getKey());
        }
    }

    @Test
    void stringTemplatesAreNamedAsTwigNamesThem() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("index.twig",
                "{% include template_from_string(\"{{ not a Twig template \", \"foo.twig\") %}",
                "anonymous.twig", "{{ template_from_string('{{ x') }}"))).build();
        assertEquals("Unclosed \"variable\" in \"foo.twig (string template 85e7b092afbbcd36f11981c2ef8f1569)\" at line "
                + "1.", Assertions.assertThrows(TemplateSyntaxException.class, () -> env.render("index.twig",
                        Map.of())).getMessage());
        assertEquals("Unexpected token \"end of template\" (\"end of print statement\" expected) in "
                + "\"__string_template__9ff43002e15bfa7f71e7f19f9dcd8e68\" at line 1 column 5.", Assertions.assertThrows(
                        TemplateSyntaxException.class, () -> env.render("anonymous.twig", Map.of())).getMessage());
    }
}
