package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.lexer.Lexer;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LexerTest {
    private static List<Token> tokens(String src) {
        return Lexer.tokenize(src, "index.twig");
    }

    private static String types(String src) {
        return tokens(src).stream().map(t -> t.type().name()).collect(Collectors.joining(" "));
    }

    @Test
    void printStatementTokens() {
        List<Token> ts = tokens("Hi {{ name|upper }}!");
        assertEquals("TEXT VAR_START NAME PUNCTUATION NAME VAR_END TEXT EOF",
                ts.stream().map(t -> t.type().name()).collect(Collectors.joining(" ")));
        assertEquals("Hi ", ts.get(0).value());
        assertEquals("name", ts.get(2).value());
        assertEquals("|", ts.get(3).value());
        assertEquals("upper", ts.get(4).value());
        assertEquals("!", ts.get(6).value());
    }

    @Test
    void blockTokensAndOperators() {
        List<Token> ts = tokens("{% if a not in b and c starts with 'x' %}");
        assertEquals(TokenType.BLOCK_START, ts.get(0).type());
        assertEquals("if", ts.get(1).value());
        assertEquals(TokenType.OPERATOR, ts.get(3).type());
        assertEquals("not in", ts.get(3).value());
        assertEquals("and", ts.get(5).value());
        assertEquals("starts with", ts.get(7).value());
        assertEquals(TokenType.STRING, ts.get(8).type());
        assertEquals("x", ts.get(8).value());
        assertEquals(TokenType.BLOCK_END, ts.get(9).type());
    }

    @Test
    void linesAndColumnsAreOneBased() {
        List<Token> ts = tokens("a\n  {{ foo }}\n{{\n bar }}");
        Token foo = ts.stream().filter(t -> t.value().equals("foo")).findFirst().orElseThrow();
        assertEquals(2, foo.line());
        assertEquals(6, foo.column());
        Token bar = ts.stream().filter(t -> t.value().equals("bar")).findFirst().orElseThrow();
        assertEquals(4, bar.line());
        assertEquals(2, bar.column());
    }

    @Test
    void numberLiterals() {
        assertEquals("1000000", render("{{ 1_000_000 }}"));
        assertEquals("1234.5", render("{{ 1_234.5 }}"));
        assertEquals("1000", render("{{ 1e3 }}"));
        assertEquals("0.5", render("{{ .5e0 + 0 }}".replace(".5e0", "0.5")));
        assertEquals("3", render("{{ 3.0 }}"));
        assertEquals("-2", render("{{ -2 }}"));
        List<Token> ts = tokens("{{ 1_000 }}");
        assertEquals(TokenType.NUMBER, ts.get(1).type());
    }

    @Test
    void stringLiteralsAndEscapes() {
        assertEquals("it's", render("{{ 'it\\'s' }}"));
        assertEquals("say \"hi\"", render("{{ \"say \\\"hi\\\"\" }}", "x", 1).replace("&quot;", "\""));
        assertEquals("a\nb", render("{{ \"a\\nb\" }}"));
        assertEquals("#{x}", render("{{ '#{x}' }}"));
        assertEquals("#{x}", render("{{ \"\\#{x}\" }}"));
    }

    @Test
    void stringInterpolation() {
        assertEquals("Hello World!", render("{{ \"Hello #{name}!\" }}", "name", "World"));
        assertEquals("1 + 2 = 3", render("{{ \"1 + 2 = #{1 + 2}\" }}"));
        assertEquals("nested: A", render("{{ \"nested: #{ \"#{x|upper}\" }\" }}", "x", "a"));
        assertEquals("WORLD", render("{{ \"#{name}\"|upper }}", "name", "world"));
        List<Token> ts = tokens("{{ \"a#{b}c\" }}");
        assertEquals("VAR_START STRING INTERPOLATION_START NAME INTERPOLATION_END STRING VAR_END EOF",
                ts.stream().skip(0).map(t -> t.type().name()).collect(Collectors.joining(" ")));
    }

    @Test
    void commentsProduceNoOutput() {
        assertEquals("ab", render("a{# a comment {{ x }} {% if %} #}b"));
        assertEquals("ab", render("a{# multi\nline\ncomment #}b"));
        assertEquals("a\nb", render("a\n{# c #}b"));
        assertEquals("TEXT TEXT EOF", types("a{# c #}b"));
    }

    @Test
    void documentationComments() {
        assertEquals("ab", render("a{## documentation\n  of the template ##}b"));
        assertEquals("ab", render("a{## ##}b"));
    }

    @Test
    void whitespaceControlDashTrimsAllWhitespaceIncludingNewlines() {
        assertEquals("a|x|b", render("a|  \n  {{- 'x' -}}  \n\t |b"));
        assertEquals("<li>1</li><li>2</li>",
                render("{% for i in [1, 2] -%}\n  <li>{{ i }}</li>\n{%- endfor %}"));
        assertEquals("ab", render("a  {#- comment -#}  b"));
    }

    @Test
    void whitespaceControlTildeKeepsNewlines() {
        assertEquals("a  \nx\nb", render("a  \n  {{~ 'x' ~}}  \nb"));
        // ~%} eats spaces and tabs but, unlike %}, not the newline that follows
        assertEquals("<b>\n\nX\n\n</b>", render("<b>\n   {%~ if true ~%}   \nX\n   {%~ endif ~%}   \n</b>"));
        assertEquals("<b>\nX\n</b>", render("<b>\n   {%~ if true %}\nX\n   {%~ endif %}\n</b>"));
    }

    @Test
    void oneSidedWhitespaceControl() {
        assertEquals("ax  b", render("a  {{- 'x' }}  b"));
        assertEquals("a  xb", render("a  {{ 'x' -}}  b"));
    }

    @Test
    void newlineAfterBlockTagIsRemoved() {
        assertEquals("A\nB\n", render("{% if true %}\nA\n{% endif %}\nB\n"));
        // only for block tags, not for print statements
        assertEquals("x\ny", render("{{ 'x' }}\ny"));
    }

    @Test
    void verbatimIsNotParsed() {
        assertEquals("{{ raw }} {% if %}", render("{% verbatim %}{{ raw }} {% if %}{% endverbatim %}"));
        assertEquals("{{ raw }}", render("{%- verbatim -%}  {{ raw }}  {%- endverbatim -%}"));
        assertEquals("a{{ x }}b", render("a{% verbatim %}{{ x }}{% endverbatim %}b"));
    }

    @Test
    void arraysHashesAndOtherLiterals() {
        assertEquals("1,2,3", render("{{ [1, 2, 3]|join(',') }}"));
        assertEquals("a:1,b:2", render("{% for k, v in {a: 1, 'b': 2} %}{{ k }}:{{ v }}{{ loop.last ? '' : ',' }}{% endfor %}"));
        assertEquals("x=1", render("{% set x = 1 %}{% for k, v in {x} %}{{ k }}={{ v }}{% endfor %}"));
        assertEquals("ab=1", render("{% set k = 'ab' %}{% for k2, v in {(k): 1} %}{{ k2 }}={{ v }}{% endfor %}"));
        assertEquals("1|", render("{{ true }}|{{ false }}"));
        assertEquals("|", render("{{ null }}|{{ none }}"));
        assertEquals("1-2", render("{{ {1: 'a', 2: 'b'}|keys|join('-') }}"));
    }

    @Test
    void lexerErrors() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("{{ 'abc }}"));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(1, e.getLine());
        // as Twig's lexer: "Unclosed" when whitespace runs into the end of the template; a tag cut off right after
        // a token is left to the parser, which misses the closing delimiter (3.28: with its column)
        TemplateSyntaxException unclosed = assertThrows(TemplateSyntaxException.class, () -> render("a\n{{ x "));
        assertEquals("Unclosed \"variable\" in \"index.twig\" at line 2.", unclosed.getMessage());
        TemplateSyntaxException block = assertThrows(TemplateSyntaxException.class, () -> render("{% if true\n"));
        assertEquals("Unclosed \"block\" in \"index.twig\" at line 1.", block.getMessage());
        assertEquals("Unexpected token \"end of template\" (\"end of print statement\" expected) in \"index.twig\" at "
                + "line 2 column 5.", assertThrows(TemplateSyntaxException.class, () -> render("a\n{{ x")).getMessage());
        assertEquals("Unexpected token \"end of template\" (\"end of statement block\" expected) in \"index.twig\" at "
                + "line 1 column 11.", assertThrows(TemplateSyntaxException.class, () -> render("{% if true"))
                .getMessage());
        assertEquals("Unexpected character \"'\" in \"index.twig\" at line 1 column 4.",
                assertThrows(TemplateSyntaxException.class, () -> render("{{ 'abc }}")).getMessage());
        TemplateSyntaxException comment = assertThrows(TemplateSyntaxException.class, () -> render("\n{# never closed"));
        assertEquals("Unclosed comment in \"index.twig\" at line 2.", comment.getMessage());
        assertEquals("Unexpected character \"&\" in \"index.twig\" at line 1 column 6.",
                assertThrows(TemplateSyntaxException.class, () -> render("{{ 1 & 2 }}")).getMessage());
        assertEquals("Unclosed \"[\" in \"index.twig\" at line 1.",
                assertThrows(TemplateSyntaxException.class, () -> render("{{ [1, 2 }}")).getMessage());
        assertEquals("Unexpected \")\" in \"index.twig\" at line 1 column 6.",
                assertThrows(TemplateSyntaxException.class, () -> render("{{ 1 ) }}")).getMessage());
    }

    @Test
    void windowsLineEndingsCountAsOneLine() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("a\r\nb\r\n{{ 1 + }}"));
        assertEquals(3, e.getLine());
    }
}
