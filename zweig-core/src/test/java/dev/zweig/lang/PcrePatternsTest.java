package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.TemplateSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code matches} reads its pattern as PHP's preg functions read it (PCRE2 10.42), not as java.util.regex would:
 * without the u modifier the subject is bytes ({@code .} is one byte of "ë", case folding is ASCII's), the newline
 * is {@code \n} only, POSIX classes, literal braces and brackets, group names with underscores and Python's forms,
 * octal and short hex codes, the U, D and A modifiers, delimiters found as PHP finds them. Expected outputs are real
 * Twig's (3.15 on PHP 8.2).
 */
class PcrePatternsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("{{ 'Zoë' matches '/^.{4}$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'Zoë' matches '/^.{3}$/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'Zoë' matches '/^.{3}$/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'Zoë' matches '/^[^ë]+$/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'ZOË' matches '/zoë/i' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'ZOË' matches '/zoë/iu' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'naïve' matches '/na..ve/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'naïve' matches '/na.ve/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ '日本' matches '/^.{6}$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '😀' matches '/^.{4}$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '😀' matches '/^.$/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aé' matches '/a\\\\xc3/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'é' matches '/\\\\x{e9}/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"a\\rb\" matches '/a.b/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"ab\\r\" matches '/ab$/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ \"ab\\n\" matches '/ab$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"ab\\n\" matches '/ab$/D' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ \"ab\\n\" matches '/ab$/Dm' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a1' matches '/^[[:alnum:]]+$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches '/^[^[:digit:]]+$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'A' matches '/[[:upper:][:digit:]]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a' matches '/[[:^alpha:]]/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'é' matches '/[[:alpha:]]/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'é' matches '/[[:alpha:]]/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '_' matches '/[[:word:]]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '&' matches '/[&&a]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '[' matches '/[[a]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ ']' matches '/[]a]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'b' matches '/[^]a]/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a b' matches '/a[ ]b/x' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a#b' matches '/a[#]b/x' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches '/a b/x' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a{b' matches '/a{b/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a{,2}' matches '/a{,2}/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ '{{ x }}' matches '/{{\\\\s*x\\\\s*}}/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aa' matches '/^a{2}$/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aaa' matches '/^a+?$/U' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aaab' matches '/a+b/U' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches '/(?P<x>a)b/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aba' matches '/(?P<x_1>a)b(?P=x_1)/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aba' matches '/(?<first_name>a)b\\\\k<first_name>/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aa' matches '/(a)\\\\g{-1}/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'aa' matches '/(a)\\\\g1/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches '/a(?#comment)b/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'A' matches '/\\\\101/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"a\\t\" matches '/(a)\\\\11/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"\\x01\" matches '/\\\\ca/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"\\x00\" matches '/\\\\0/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'A' matches '/\\\\o{101}/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"\\x04\" matches '/\\\\x4/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ \"\\n\" matches '/\\\\N/' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'αβ' matches '/^\\\\p{Greek}+$/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'Ab' matches '/^\\\\p{L&}+$/u' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'a' matches '/\\\\p{^L}/u' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'xab' matches '/ab/A' ? 'y' : 'n' }}", "n"),
                Arguments.of("{{ 'ab' matches '/a/ i' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches ' /a/' ? 'y' : 'n' }}", "y"),
                Arguments.of("{{ 'ab' matches '(a(b))' ? 'y' : 'n' }}", "y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAsPhp(String template, String expected) {
        assertEquals(expected, Twig.renderStrict(template));
    }

    @Test
    void aNonAsciiSubjectIsMatchedAsBytesEveryTimeAndAsCharactersWithU() {
        String t = "{% for w in words %}{{ w matches '/^.{5}$/' ? 'b' : '-' }}{{ w matches '/^.{5}$/u' ? 'c' : '-' }}"
                + "{{ w matches '/é/' ? 'e' : '-' }}{% endfor %}";
        assertEquals("-ce--ebc-b-e", Twig.renderStrict(t, "words", java.util.List.of("éclat", "clé", "world", "été")));
    }

    @Test
    void invalidPatternsAreReportedWithPhpsReason() {
        assertEquals("Regexp \"/a/b/\" passed to \"matches\" is not valid: Unknown modifier 'b' in \"index.twig\" at line 1.",
                Twig.fails(TemplateSyntaxException.class, "{{ 'a' matches '/a/b/' }}").getMessage());
        assertEquals("Regexp \"(ab\" passed to \"matches\" is not valid: No ending matching delimiter ')' found in"
                + " \"index.twig\" at line 1.", Twig.fails(TemplateSyntaxException.class, "{{ 'a' matches '(ab' }}")
                .getMessage());
        assertEquals("Regexp \"/a/e\" passed to \"matches\" is not valid: The /e modifier is no longer supported, use"
                + " preg_replace_callback instead in \"index.twig\" at line 1.",
                Twig.fails(TemplateSyntaxException.class, "{{ 'a' matches '/a/e' }}").getMessage());
        assertEquals("Regexp \"/[[:foo:]]/\" passed to \"matches\" is not valid: Compilation failed: unknown POSIX class"
                + " name at offset 3 in \"index.twig\" at line 1.",
                Twig.fails(TemplateSyntaxException.class, "{{ 'a' matches '/[[:foo:]]/' }}").getMessage());
    }
}
