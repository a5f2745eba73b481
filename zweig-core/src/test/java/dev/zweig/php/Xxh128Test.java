package dev.zweig.php;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * PHP's {@code hash('xxh128', ...)}, which names Twig's templates made from strings. The expected digests are PHP
 * 8.2's, for inputs of every length class of XXH3 (0, 1-3, 4-8, 9-16, 17-128, 129-240, longer, several blocks).
 */
class Xxh128Test {
    /** Bytes (i * 131 + len * 7 + 13) mod 256, i < len: what the PHP reference hashed. */
    private static byte[] input(int len) {
        byte[] b = new byte[len];
        for (int i = 0; i < len; i++) {
            b[i] = (byte) ((i * 131 + len * 7 + 13) & 0xFF);
        }
        return b;
    }

    @Test
    void digestsAsPhpPrintsThem() {
        assertEquals("99aa06d3014798d86001c324468d497f", Xxh128.hex(""));
        assertEquals("a96faf705af16834e6c632b61e964e1f", Xxh128.hex("a"));
        assertEquals("06b05ab6733a618578af5f94892f3950", Xxh128.hex("abc"));
        assertEquals("85e7b092afbbcd36f11981c2ef8f1569", Xxh128.hex("{{ not a Twig template "));
        Map<Integer, String> php = Map.of(
                5, "58e065ea5a6704e16b067f69f9c17ac0",
                12, "ce0ae770d2cc5dfc772d3667d2d4551e",
                100, "a7ce7bb5c9777a2540f6a1a54688ec79",
                200, "2f9dcbefb24fa6c3eadf4465d61c5392",
                1500, "1658301873ae3d98bfcadf93607ae2a3",
                5000, "4665447d9fd6772d17a12a1008412dbf");
        for (Map.Entry<Integer, String> e : php.entrySet()) {
            assertEquals(e.getValue(), Xxh128.hex(input(e.getKey()), e.getKey()), "length " + e.getKey());
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
