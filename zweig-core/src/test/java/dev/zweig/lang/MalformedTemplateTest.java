package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed templates: each must fail to load with a TemplateSyntaxException naming the template and the line
 * of the fault (and, where Twig's wording is fixed, with Twig's exact message). Every source is preceded by two
 * blank lines, so the fault sits on line 3 unless the case says otherwise.
 */
class MalformedTemplateTest {
    private static final String NAME = "pages/bad.html.twig";

    record Case(String source, int line, String message) {
        @Override
        public String toString() {
            return source.replace("\n", "\\n");
        }
    }

    private static Case c(String source, String message) {
        return new Case(source, 3, message);
    }

    private static Case c(String source, int line, String message) {
        return new Case(source, line, message);
    }

    private static String at(String msg) {
        return msg + " in \"" + NAME + "\" at line 3.";
    }

    static Stream<Case> cases() {
        return Stream.of(
                c("{{ 1 + }}", null),
                c("{{ x ", at("Unclosed \"variable\"")),
                c("{% if x ", at("Unclosed \"block\"")),
                c("{% if x %}", at("Unexpected end of template")),
                c("{% for x in %}{% endfor %}", null),
                c("{% endif %}", at("Unknown \"endif\" tag")),
                c("{% foo %}", "Unknown \"foo\" tag. Did you mean \"for\" in \"" + NAME + "\" at line 3?"),
                c("{% if true %}{% endfor %}", at("Unexpected \"endfor\" tag (expecting closing tag for the \"if\" tag defined near line 3)")),
                c("{% if true %}\n\n{% endfor %}", 5, "Unexpected \"endfor\" tag (expecting closing tag for the \"if\" tag defined near line 4) in \"" + NAME + "\" at line 5."),
                c("{{ x|nofilter }}", null),
                c("{{ nofunc() }}", at("Unknown \"nofunc\" function")),
                c("{{ x is notatest }}", at("Unknown \"notatest\" test")),
                c("{{ 'abc }}", null),
                c("{{ [1, 2 }}", at("Unclosed \"[\"")),
                c("{{ (1 + 2 }}", at("Unclosed \"(\"")),
                c("{{ a|upper( }}", at("Unclosed \"(\"")),
                c("{{ 1 ) }}", "Unexpected \")\" in \"" + NAME + "\" at line 3 column 6."),
                c("{{ {a: 1 }}", null),
                c("{% set %}", null),
                c("{% set a = %}", null),
                c("{% set a, b = 1 %}", at("When using set, you must have the same number of variables and assignments")),
                c("{% set true = 1 %}", at("You cannot assign a value to \"true\"")),
                c("{% block %}{% endblock %}", null),
                c("{% block a %}{% endblock b %}", at("Expected endblock for block \"a\" (but \"b\" given)")),
                c("{% block a %}\n{% block b %}{% endblock %}\n{% endblock c %}", 5, "Expected endblock for block \"a\" (but \"c\" given) in \"" + NAME + "\" at line 5."),
                c("{% block a %}{% endblock %}\n{% block a %}{% endblock %}", 4, "The block 'a' has already been defined line 3 in \"" + NAME + "\" at line 4."),
                c("{% extends 'base.twig' %}{% extends 'base.twig' %}", at("Multiple extends tags are forbidden")),
                c("{% extends 'base.twig' %}{% block a %}{% extends 'base.twig' %}{% endblock %}", at("Cannot use \"extend\" in a block")),
                c("{% extends 'base.twig' %}text outside", "A template that extends another one cannot include content outside Twig blocks. "
                        + "Did you forget to put the content inside a {% block %} tag in \"" + NAME + "\" at line 3?"),
                c("{% block a %}{{ parent() }}{% endblock %}", at("Calling the \"parent\" function on a template that does not call \"extends\" or \"use\" is forbidden")),
                c("{% macro %}{% endmacro %}", null),
                c("{% macro m(varargs) %}{% endmacro %}", at("The argument \"varargs\" in macro \"m\" cannot be defined because the variable \"varargs\" is reserved for arbitrary arguments")),
                c("{% macro m(a b) %}{% endmacro %}", "Arguments must be separated by a comma. Unexpected token \"name\" of value \"b\" (\"punctuation\" expected with value \",\") in \"" + NAME + "\" at line 3 column 14."),
                c("{% import 'base.twig' %}", null),
                c("{% from 'base.twig' %}", "Unexpected token \"end of statement block\" (\"name\" expected with value \"import\") in \"" + NAME + "\" at line 3 column 21."),
                c("{% include %}", null),
                c("{{ a.b. }}", null),
                c("{{ 1 1 }}", "Unexpected token \"number\" of value \"1\" (\"end of print statement\" expected) in \"" + NAME + "\" at line 3 column 6."),
                c("{{ 'a' 'b' }}", "Unexpected token \"string\" of value \"b\" (\"end of print statement\" expected) in \"" + NAME + "\" at line 3 column 8."),
                c("{{ a && b }}", "Unexpected character \"&\" in \"" + NAME + "\" at line 3 column 6."),
                c("{{ max(...nums, 100) }}", at("Normal arguments must be placed before argument unpacking")),
                c("{{ (1 + 1) is defined }}", at("The \"defined\" test only works with simple variables")),
                c("{% if true %}{% else %}{% else %}{% endif %}", at("Unexpected \"else\" tag (expecting closing tag for the \"if\" tag defined near line 3)")),
                c("{# unclosed", at("Unclosed comment")),
                c("{% verbatim %}unclosed", null),
                c("{{ 'a' matches '/(/' }}", null),
                c("{{ cycle() }}", at("Value for argument \"values\" is required for function \"cycle\"")),
                // no end tag before the end of the template: the closing %} of the missing endwith is the error
                c("{% with %}", "Unexpected token \"end of template\" (\"end of statement block\" expected) in \""
                        + NAME + "\" at line 3 column 11."),
                // a forgotten end tag, as Twig reports it: tags whose parser drops the end tag miss its %}, the
                // others (for, if) cannot move past the end
                c("{% block content %}\n<p>x</p>", 4, "Unexpected token \"end of template\" (\"end of statement block\" "
                        + "expected) in \"" + NAME + "\" at line 4 column 9."),
                c("{% macro m() %}x", "Unexpected token \"end of template\" (\"end of statement block\" expected) in \""
                        + NAME + "\" at line 3 column 17."),
                c("{% for i in nums %}x", at("Unexpected end of template")),
                // Twig reports the end of the template on the line where the trailing text starts
                c("{% for i in nums %}\n<li>x</li>\nmore\n", 4, "Unexpected end of template in \"" + NAME
                        + "\" at line 4."),
                c("{% if nums %}{% else %}x", at("Unexpected end of template")),
                c("{% for %}{% endfor %}", null),
                c("{% apply %}{% endapply %}", null),
                c("{% if %}{% endif %}", null),
                c("{% for a, in b %}{% endfor %}", null),
                c("{{ \"#{ }\" }}", null),
                c("{{ \"unclosed }}", at("Unclosed \"\"\"")));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void malformedTemplateFailsWithLocation(Case c) {
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of(NAME, "\n\n" + c.source(), "base.twig", "{% block a %}{% endblock %}")))
                .strictVariables(true)
                .build();
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> env.render(NAME, Map.of("nums", List.of(1))));
        assertEquals(NAME, e.getTemplateName());
        assertEquals(c.line(), e.getLine());
        if (c.message() != null) {
            assertEquals(c.message(), e.getMessage());
        } else {
            assertTrue(e.getMessage().endsWith("in \"" + NAME + "\" at line " + c.line() + ".")
                    || e.getMessage().endsWith("in \"" + NAME + "\" at line " + c.line() + "?")
                    || e.getMessage().contains("in \"" + NAME + "\" at line " + c.line() + " column "), e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void createTemplateReportsTheGivenName(Case c) {
        Environment env = Environment.builder().loader(new MapLoader(Map.of("base.twig", "{% block a %}{% endblock %}"))).build();
        TemplateException e = assertThrows(TemplateException.class, () -> env.createTemplate("\n\n" + c.source(), "inline.twig").render(Map.of("nums", List.of(1))));
        assertTrue(e instanceof TemplateSyntaxException, e.toString());
        assertEquals("inline.twig", e.getTemplateName());
        assertEquals(c.line(), e.getLine());
        assertNotNull(e.getRawMessage());
    }
}
