package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

/** Cases the feature tests found wrong, kept once fixed: inline comments, primitive arrays, unclosed-tag lines. */
class LexerRegressionTest {
    @Test
    void inlineCommentsInsideExpressionsAreSkipped() {
        assertEquals("3", Twig.render("{{ 1 + # one\n 2 # two\n }}"));
        assertEquals("ab", Twig.render("{% set x = 'a' # the first\n ~ 'b' %}{{ x }}"));
    }

    @Test
    void primitiveArraysAreReadAsLists() {
        assertEquals("2|2|yes|no", Twig.render("{{ ints[1] }}|{{ ints.1 }}|{{ ints[2] is defined ? 'yes' : 'no' }}|"
                + "{{ ints[3] is defined ? 'yes' : 'no' }}", "ints", new int[] {1, 2, 3}));
        assertEquals("20", Twig.render("{{ longs[1] }}", "longs", new long[] {10L, 20L}));
    }

    @Test
    void unclosedTagsReportTheLineWhereTheyOpened() {
        TemplateSyntaxException e = Twig.fails(TemplateSyntaxException.class, "\n\n{{ x \n\n");
        assertEquals(3, e.getLine());
        assertTrue(e.getMessage().startsWith("Unclosed \"variable\""), e.getMessage());
        TemplateSyntaxException b = Twig.fails(TemplateSyntaxException.class, "a\n{% if x \n\n\n");
        assertEquals(2, b.getLine());
        assertTrue(b.getMessage().startsWith("Unclosed \"block\""), b.getMessage());
    }
}
