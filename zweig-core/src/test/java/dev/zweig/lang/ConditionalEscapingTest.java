package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Autoescaping of printed conditional expressions ({@code ? :}, {@code ?:}, {@code ??}) at any nesting, with
 * filters on them, parentheses, {@code |raw} or {@code |escape} on one operand, macro calls and blocks in the
 * operands. Expectations are real Twig's output (3.15 oracle on PHP 8.2) where 3.15 and 3.29 agree. Since 3.19
 * (the security release that restored the escaping of the left side of {@code ??}) the EscaperNodeVisitor escapes
 * the operands of every OperatorEscapeInterface operator one by one, recursing into nested ones, where 3.15
 * escaped the whole print unless the two branches of a ternary differed in safety: the {@code newer} cases, whose
 * expectation follows 3.29's EscaperNodeVisitor.escapeConditional (the operand that is safe prints as it is).
 * A {@code ??} whose left side is no simple variable (a filter, another {@code ??}, a ternary) does not compile.
 */
class ConditionalEscapingTest {
    static Stream<Arguments> cases() {
        return Stream.of(
            // 3.15: &lt;b&gt;z&lt;/b&gt;
            newer("{{ (('<b>z</b>' ?: a) ?: ''|length) }}", "<b>z</b>"),
            twig("{{ ('<b>z</b>' ?: ''|length) }}", "<b>z</b>"),
            twig("{{ '<b>z</b>' ?: a }}", "<b>z</b>"),
            twig("{{ '<b>z</b>' ?: '<i>' }}", "<b>z</b>"),
            twig("{{ true ? '<b>' : '<i>' }}", "<b>"),
            twig("{{ true ? '<b>' : a }}", "<b>"),
            twig("{{ true ? '<b>' : (true ? '<i>' : a) }}", "<b>"),
            twig("{{ true ? '<b>' : (true ? '<i>' : '<u>') }}", "<b>"),
            twig("{{ true ? '<b>' : (true ? '<i>' : ''|length) }}", "<b>"),
            twig("{{ true ? (true ? '<i>' : ''|length) : '<b>' }}", "<i>"),
            twig("{{ (true ? '<i>' : ''|length) ? '<b>' : '<u>' }}", "<b>"),
            twig("{{ '<b>' ?? '<i>' }}", "<b>"),
            twig("{{ n ?? '<i>' }}", "<i>"),
            twig("{{ n ?? a }}", "&lt;a&gt;"),
            twig("{{ n ?? a|raw }}", "<a>"),
            notSimple("{{ a|raw ?? n }}"),
            notSimple("{{ (n ?? '<i>') ?? a }}"),
            notSimple("{{ (n ?? '<i>') ?? ''|length }}"),
            twig("{{ true ? a|raw : b }}", "<a>"),
            twig("{{ true ? a|raw : b|raw }}", "<a>"),
            twig("{{ true ? a|raw : b|escape }}", "<a>"),
            twig("{{ true ? a|escape : b|raw }}", "&lt;a&gt;"),
            twig("{{ true ? a|e : b|e }}", "&lt;a&gt;"),
            twig("{{ (true ? a|raw : b|raw)|upper }}", "&lt;A&gt;"),
            twig("{{ (true ? '<b>' : '<i>')|upper }}", "&lt;B&gt;"),
            twig("{{ (true ? '<b>' : '<i>')|raw }}", "<b>"),
            twig("{{ (true ? '<b>' : ''|length)|raw }}", "<b>"),
            twig("{{ (true ? a : b)|raw }}", "<a>"),
            twig("{{ ('<b>' ?: '<i>')|upper }}", "&lt;B&gt;"),
            twig("{{ ('<b>' ?: '<i>')|raw }}", "<b>"),
            twig("{{ ('<b>' ?? '<i>')|upper }}", "&lt;B&gt;"),
            twig("{{ true ? 1 : '<b>' }}", "1"),
            twig("{{ false ? 1 : '<b>' }}", "<b>"),
            twig("{{ false ? 1 : a }}", "&lt;a&gt;"),
            twig("{{ e ?: '<b>' }}", "<b>"),
            twig("{{ e ?: a }}", "&lt;a&gt;"),
            twig("{{ e ?: a|raw }}", "<a>"),
            twig("{{ a|raw ?: e }}", "<a>"),
            twig("{{ a|raw ?: b|raw }}", "<a>"),
            twig("{{ (e ?: a|raw) ?: b|raw }}", "<a>"),
            // 3.15: &lt;a&gt;
            newer("{{ (e ?: a|raw) ?: b }}", "<a>"),
            twig("{{ ((e ?: a|raw) ?: b|raw)|raw }}", "<a>"),
            twig("{{ true ? ('<b>' ~ '<i>') : '<u>' }}", "&lt;b&gt;&lt;i&gt;"),
            twig("{{ true ? ('<b>' ~ a) : '<u>' }}", "&lt;b&gt;&lt;a&gt;"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ true ? s.m() : a }}", "<b>m</b>"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ false ? a : s.m() }}", "<b>m</b>"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ true ? s.m() : '<i>' }}", "<b>m</b>"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ s.m() ?: '<i>' }}", "<b>m</b>"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ s.m() ?? '<i>' }}", "<b>m</b>"),
            twig("{% macro m() %}<b>m</b>{% endmacro %}{% import _self as s %}{{ n ?? s.m() }}", "<b>m</b>"),
            twig("{% block x %}<b>x</b>{% endblock %}{{ true ? block('x') : a }}", "<b>x</b><b>x</b>"),
            twig("{% block x %}<b>x</b>{% endblock %}{{ true ? block('x') : '<i>' }}", "<b>x</b><b>x</b>"),
            twig("{% block x %}<b>x</b>{% endblock %}{{ block('x') ?: '<i>' }}", "<b>x</b><b>x</b>"),
            twig("{{ true ? a|raw|upper : b|raw }}", "&lt;A&gt;"),
            twig("{{ true ? a|upper|raw : b|raw }}", "<A>"),
            twig("{{ true ? '<b>'|upper : '<i>' }}", "&lt;B&gt;"),
            twig("{{ true ? '<b>'|raw : ''|length }}", "<b>"),
            twig("{{ true ? '<b>'|e : ''|length }}", "&lt;b&gt;"),
            twig("{{ (true ? '<b>' : 1)|e }}", "&lt;b&gt;"),
            twig("{{ (true ? a|raw : b|raw)|e }}", "&lt;a&gt;"),
            twig("{{ ('<b>' ?: ('<i>' ?: a)) }}", "<b>"),
            twig("{{ ('<b>' ?: ('<i>' ?: '<u>')) }}", "<b>"),
            twig("{{ ('<b>' ?: ('<i>' ?: 3)) }}", "<b>"),
            twig("{{ 3 ?: '<b>' }}", "3"),
            twig("{{ (3 ?: '<b>') ~ '' }}", "3"),
            twig("{{ (a ?: b)|e('html') }}", "&lt;a&gt;"),
            twig("{% autoescape 'js' %}{{ true ? a|e('js') : b|e('js') }}{% endautoescape %}", "\\u003Ca\\u003E"),
            twig("{% autoescape 'js' %}{{ true ? a|e('html') : b|e('js') }}{% endautoescape %}",
                    "\\u0026lt\\u003Ba\\u0026gt\\u003B"),
            twig("{% autoescape 'js' %}{{ true ? a|raw : b|e('js') }}{% endautoescape %}", "<a>"),
            twig("{% autoescape 'js' %}{{ true ? a|e('js') : b }}{% endautoescape %}", "\\u003Ca\\u003E"),
            twig("{% autoescape 'js' %}{{ '<b>' ?: b }}{% endautoescape %}", "<b>"),
            twig("{% autoescape 'js' %}{{ '<b>' ?: '<i>' }}{% endautoescape %}", "<b>"),
            twig("{{ (n ?? a|raw)|raw }}", "<a>"),
            twig("{{ n ?? (true ? a|raw : b|raw) }}", "<a>"),
            // 3.15: &lt;a&gt;
            newer("{{ n ?? (true ? a|raw : b) }}", "<a>"),
            twig("{{ (true ? '<b>' : '<i>') ~ '' }}", "&lt;b&gt;"),
            twig("{{ ((true ? '<b>' : '<i>')) }}", "<b>"),
            twig("{{ ((((true ? '<b>' : ((('<i>'))))))) }}", "<b>"),
            twig("{{ true ? '<b>' : ('<i>'|length) }}", "<b>"),
            twig("{{ true ? a|raw : ('<i>'|length) }}", "<a>"),
            twig("{{ not a ? '<b>' : '<i>' }}", "<i>"),
            twig("{{ a ? a|raw : '<i>' }}", "<a>"),
            twig("{{ a ?: (b|raw ?: '<i>') }}", "&lt;a&gt;"),
            twig("{{ (a|raw ?: b|raw) ?: ''|length }}", "<a>"),
            twig("{{ (true ? a|raw : b|raw) ?: '<x>' }}", "<a>"),
            notSimple("{{ (true ? a|raw : b|raw) ?? b|raw }}"),
            notSimple("{{ (true ? a|raw : b|raw) ?? b }}"),
            twig("{{ a|default('<i>') }}", "&lt;a&gt;"),
            twig("{{ n|default('<i>') }}", "&lt;i&gt;"),
            twig("{{ n|default(a|raw) }}", "&lt;a&gt;"),
            twig("{{ true ? a|default('<i>') : '<u>' }}", "&lt;a&gt;"),
            twig("{{ true ? a|raw|default('<i>') : '<u>' }}", "&lt;a&gt;"));
    }

    private static Arguments twig(String template, String output) {
        return Arguments.of(template, output);
    }

    private static Arguments newer(String template, String output) {
        return Arguments.of(template, output);
    }

    private static Arguments notSimple(String template) {
        return Arguments.of(template, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void escapesAsTwig(String template, String output) {
        Object[] vars = {"a", "<a>", "b", "<b>", "n", null, "e", ""};
        if (output == null) {
            TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                    () -> Twig.renderStrict(template, vars));
            assertEquals("The \"defined\" test only works with simple variables in \"index.twig\" at line 1.",
                    e.getMessage());
        } else {
            assertEquals(output, Twig.renderStrict(template, vars));
        }
    }
}
