package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.renderAll;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.templates;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.TemplateSyntaxException;
import org.junit.jupiter.api.Test;

/**
 * Twig's own integration fixtures added or changed after 3.15 (twigphp/Twig tests/Fixtures, the commits named
 * per test) that the engine failed: explicit variadic macro arguments and the 3.29 checks of a macro's argument
 * list, named arguments reaching parameters with reserved names, the enclosing loop read in a nested loop's
 * sequence, and the parent of a guard's discarded branch. Templates, data and expectations as the fixtures have
 * them (each fixture's template starts with a newline, hence line 2 in the messages).
 */
class NewerFixturesTest {

    /** macros/variadic.test (6dfc7961). */
    @Test
    void explicitVariadicCollectsTheExtraPositionalArguments() {
        assertEquals("\n\n\n<div a b>\n<br>\n1, 2, 3", renderStrict("""
                {% from _self import tag, list %}

                {% macro tag(name, ...attributes) -%}
                    <{{ name }}{% for attr in attributes %} {{ attr }}{% endfor %}>
                {%- endmacro %}

                {% macro list(...items) -%}
                    {{ items|join(", ") }}
                {%- endmacro %}

                {{ tag("div", "a", "b") }}
                {{ tag("br") }}
                {{ list(1, 2, 3) }}"""));
    }

    /** macros/variadic_named.test (986a7650) and macros/variadic_reserved_name.test (d7f8b4eb). */
    @Test
    void explicitVariadicCollectsUnknownNamedArgumentsUnderTheirNames() {
        assertEquals("id=main class=box|blocks=list varargs=extra", renderStrict("{% from _self import attributes %}"
                + "{% macro attributes(...attrs) -%}{% for name, value in attrs %}{{ name }}={{ value }}"
                + "{{ not loop.last ? ' ' }}{% endfor %}{%- endmacro %}"
                + "{{ attributes(id: \"main\", class: \"box\") }}|{{ attributes(blocks: \"list\", varargs: \"extra\") }}"));
        assertEquals("attrs: 0=1 id=main", renderStrict("{% from _self import row %}"
                + "{% macro row(label, ...context) -%}{{ label }}:{% for key, value in context %} {{ key }}={{ value }}"
                + "{% endfor %}{%- endmacro %}{{ row(\"attrs\", 1, id: \"main\") }}"));
    }

    /** macros/varargs.test (d7f8b4eb): the variadic may be named varargs; a plain argument may not. */
    @Test
    void explicitVariadicMayBeNamedVarargsAndReplacesTheImplicitOne() {
        assertEquals("foo: bar, foobar|foo, bar, foobar", renderStrict("{% from _self import test1, test2 %}"
                + "{% macro test1(var, ...varargs) %}{{- var }}: {{ varargs|join(\", \") }}{% endmacro %}"
                + "{% macro test2(...varargs) %}{{- varargs|join(\", \") }}{% endmacro %}"
                + "{{ test1(\"foo\", \"bar\", \"foobar\") }}|{{ test2(\"foo\", \"bar\", \"foobar\") }}"));
        // as MacroNode compiles it: the bucket is the variadic's name, no implicit "varargs" beside it
        assertEquals("[x]n", renderStrict("{% macro m(...rest) %}[{{ rest|join(',') }}]{{ varargs is defined ? 'y' : 'n' }}"
                + "{% endmacro %}{{ _self.m('x') }}"));
        failsWith(TemplateSyntaxException.class, "The argument \"varargs\" in macro \"m\" cannot be defined because the "
                + "variable \"varargs\" is reserved for arbitrary arguments in \"index.twig\" at line 1.",
                "{% macro m(a, varargs, ...rest) %}{% endmacro %}");
    }

    /** macros/variadic_default_value, variadic_duplicate, variadic_not_last (d7f8b4eb), variadic_invalid_name (986a7650). */
    @Test
    void variadicErrors() {
        failsWith(TemplateSyntaxException.class, "The variadic argument \"rest\" in macro \"test\" cannot have a default "
                + "value in \"index.twig\" at line 2.", "\n{% macro test(...rest = []) %}\n{% endmacro %}");
        failsWith(TemplateSyntaxException.class, "The variadic argument \"a\" in macro \"test\" cannot have the same name "
                + "as another argument in \"index.twig\" at line 2.", "\n{% macro test(a, ...a) %}\n{% endmacro %}");
        failsWith(TemplateSyntaxException.class, "The variadic argument \"rest\" in macro \"test\" must be the last one "
                + "in \"index.twig\" at line 2.", "\n{% macro test(a, ...rest, b) %}\n{% endmacro %}");
        failsWith(TemplateSyntaxException.class, "You cannot assign a value to \"true\" in \"index.twig\" at line 2.",
                "\n{% macro test(...true) %}\n{% endmacro %}");
        // a trailing comma after the variadic is a trailing comma
        assertEquals("1,2", renderStrict("{% macro m(...r,) %}{{ r|join(',') }}{% endmacro %}{{ _self.m(1, 2) }}"));
    }

    /** macros/duplicate_argument.test (ea8aadf9), macros/duplicate_reserved_argument.test (d1abdf48). */
    @Test
    void anArgumentDefinedTwiceIsASyntaxError() {
        failsWith(TemplateSyntaxException.class, "Argument \"a\" is defined twice for macro \"test\" in \"index.twig\" at "
                + "line 2.", "\n{% macro test(a, b, a) %}{% endmacro %}");
        failsWith(TemplateSyntaxException.class, "Argument \"context\" is defined twice for macro \"test\" in \"index.twig\" "
                + "at line 2.", "\n{% macro test(context, context) %}{% endmacro %}");
        // the line of the repeated argument, not of the tag
        failsWith(TemplateSyntaxException.class, "Argument \"a\" is defined twice for macro \"test\" in \"index.twig\" at "
                + "line 3.", "{% macro test(a,\n b,\n a) %}{% endmacro %}");
    }

    /** macros/reserved_variables.test (d7f8b4eb): a named argument reaches a parameter with a reserved name. */
    @Test
    void namedArgumentsBindParametersWithReservedNames() {
        assertEquals("foo\nfoo\nfoo", renderStrict("{% from _self import test %}{% import _self as macros %}"
                + "{% macro test(blocks) -%}{{ blocks }}{%- endmacro %}"
                + "{{ test(blocks) }}\n{{ test(blocks: blocks) }}\n{{ macros.test(blocks: blocks) }}", "blocks", "foo"));
        assertEquals("C|0", renderStrict("{% macro m(context) %}{{ context }}|{{ varargs|length }}{% endmacro %}"
                + "{{ _self.m(context: 'C') }}"));
    }

    /** tags/for/loop_in_nested_sequence.test (0b930f72). */
    @Test
    void theEnclosingLoopIsReadInANestedLoopsSequence() {
        assertEquals("a1b2", renderStrict(
                "{% for i in ['a', 'b'] %}{% for j in [loop.index] %}{{ i }}{{ j }}{% endfor %}{% endfor %}"));
        // and the nested loop's own loop variable still is its own inside its body
        assertEquals("a1:1b2:1", renderStrict("{% for i in ['a', 'b'] %}{% for j in [loop.index] %}{{ i }}{{ j }}:"
                + "{{ loop.index }}{% endfor %}{% endfor %}"));
    }

    /** tags/guard/discarded_parent.legacy.test (4241bb73). */
    @Test
    void theParentOfAGuardsDiscardedBranchDoesNotCount() {
        assertEquals("layout content", renderAll(templates(
                "index.twig", "{% guard function foobar %}{% extends \"never.twig\" %}{% else %}{% extends \"layout.twig\" %}"
                        + "{% endguard %}\n{% block content %}content{% endblock %}",
                "layout.twig", "layout {{ block('content') }}",
                "never.twig", "NEVER")));
    }
}
