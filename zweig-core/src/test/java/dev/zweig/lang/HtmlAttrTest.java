package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.core.HtmlExtension;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityNotAllowedFunctionException;
import dev.zweig.sandbox.SecurityNotAllowedMethodException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twig 3.24's {@code html_attr} function and {@code html_attr_merge} / {@code html_attr_type} filters (CHANGELOG
 * 3.24.0: "Add the `html_attr` function and `html_attr_merge` as well as `html_attr_type` filters"; 3.29.0: "Fix
 * html_attr dropping style declarations whose value is zero"). Expectations are the examples of
 * doc/functions/html_attr.rst, doc/filters/html_attr_merge.rst and doc/filters/html_attr_type.rst, and the cases of
 * Twig's extra/html-extra/Tests/HtmlAttrTest.php and html_attr_merge.test, quoted where used.
 */
class HtmlAttrTest {
    /** Renders index.twig with the HTML extension added (not core, as in Twig: html-extra). */
    private static String render(String source, Object... kv) {
        return Twig.env(Twig.templates("index.twig", source), b -> b.extension(new HtmlExtension()))
                .render("index.twig", Twig.vars(kv));
    }

    private static <T extends TemplateException> void failsWith(Class<T> type, String message, String source,
            Object... kv) {
        T e = assertThrows(type, () -> Twig.env(Twig.templates("index.twig", source),
                b -> b.extension(new HtmlExtension()).strictVariables(true)).render("index.twig", Twig.vars(kv)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void notPartOfTheCore() {
        // Twig: html_attr ships in twig/html-extra's HtmlExtension, "not installed by default"
        Twig.failsWith(TemplateSyntaxException.class, "Unknown \"html_attr\" function in \"index.twig\" at line 1.",
                "{{ html_attr({id: 'x'}) }}");
        Twig.failsWith(TemplateSyntaxException.class, "Unknown \"html_attr_type\" filter in \"index.twig\" at line 1.",
                "{{ ['a']|html_attr_type }}");
        assertEquals("id=\"x\"", render("{{ html_attr({id: 'x'}) }}"));
    }
    /** A Stringable object (PHP: implements __toString). */
    public static final class Label {
        @Override
        public String toString() {
            return "label";
        }
    }

    @Test
    void theDocumentationExamples() {
        // html_attr.rst: {# Output: <div class="foo bar" id="main">Content</div> #}
        assertEquals("<div class=\"foo bar\" id=\"main\">",
                render("<div {{ html_attr({class: ['foo', 'bar'], id: 'main'}) }}>"));
        // html_attr.rst: {# Output: <button class="btn btn-primary" disabled="">Click me</button> #}
        assertEquals("<button class=\"btn btn-primary\" disabled=\"\">", render("{% set base_attrs = {class: ['btn']} %}"
                + "{% set variant_attrs = {class: ['btn-primary'], disabled: true} %}"
                + "<button {{ html_attr(base_attrs, variant_attrs) }}>"));
        // html_attr.rst: {# Output: <a id="user-123" href="/profile">Profile</a> #}
        assertEquals("<a id=\"user-123\" href=\"/profile\">Profile</a>", render("{% set id = 'user-123' %}"
                + "{% set href = '/profile' %}<a {{ html_attr({id, href}) }}>Profile</a>"));
        // html_attr.rst: "null omits the attribute entirely, and so does false for non-aria-*"; true is ""
        assertEquals("<input>", render("<input{{ html_attr({disabled: false, title: null}) }}>"));
        assertEquals("<input required=\"\">", render("<input {{ html_attr({required: true}) }}>"));
        // html_attr.rst: {# Output: <button aria-pressed="true" aria-hidden="false">Toggle</button> #}
        assertEquals("aria-pressed=\"true\" aria-hidden=\"false\"",
                render("{{ html_attr({'aria-pressed': true, 'aria-hidden': false}) }}"));
        // html_attr.rst: data-config JSON-encoded, data-bool="true", data-false omitted
        assertEquals("data-config=\"{&quot;theme&quot;:&quot;dark&quot;,&quot;size&quot;:&quot;large&quot;}\" "
                + "data-bool=\"true\"", render("{{ html_attr({'data-config': {theme: 'dark', size: 'large'}, "
                + "'data-bool': true, 'data-false': false}) }}"));
        // html_attr.rst: the three style examples, each "color: ...; ...;"
        assertEquals("style=\"color: red; font-size: 16px;\"|style=\"color: red; font-size: 16px;\"|"
                + "style=\"color: blue; background: white;\"",
                render("{{ html_attr({style: {color: 'red', 'font-size': '16px'}}) }}|"
                        + "{{ html_attr({style: ['color: red', 'font-size: 16px']}) }}|"
                        + "{{ html_attr({style: {color: 'red'}}, {style: {color: 'blue', background: 'white'}}) }}"));
        // html_attr_type.rst: {# Output: <img srcset="small.jpg 480w, large.jpg 1200w"> #}
        assertEquals("<img srcset=\"small.jpg 480w, large.jpg 1200w\">", render("<img {{ html_attr({"
                + "srcset: ['small.jpg 480w', 'large.jpg 1200w']|html_attr_type('cst')}) }}>"));
        // html_attr_type.rst: {# Output: <button class="btn btn-primary">Click me</button> #}
        assertEquals("<button class=\"btn btn-primary\">", render("{% set classes = ['btn', 'btn-primary']"
                + "|html_attr_type('sst') %}<button {{ html_attr({class: classes}) }}>"));
    }

    @Test
    void mergeFilter() {
        // html_attr_merge.rst: merged is {class: ['btn', 'btn-primary'], type: 'button', disabled: true}
        assertEquals("{\"class\":[\"btn\",\"btn-primary\"],\"type\":\"button\",\"disabled\":true}",
                render("{% set base = {class: ['btn'], type: 'button'} %}{% set variant = {class: ['btn-primary'], "
                        + "disabled: true} %}{{ base|html_attr_merge(variant)|json_encode|raw }}"));
        // html_attr_merge.test: {"foo":"quux","bar":"baz"}
        assertEquals("{\"foo\":\"quux\",\"bar\":\"baz\"}", render("{% autoescape false %}{{ { foo: 'bar' } | "
                + "html_attr_merge({ bar: 'baz', foo: 'qux' }, { foo: 'quux' }) | json_encode }}{% endautoescape %}"));
        // html_attr_merge.rst: false, null and empty strings are skipped (the implicit else of a ternary)
        assertEquals("{\"a\":1}", render("{{ {a: 1}|html_attr_merge(false ? {b: 2}, null, '')|json_encode|raw }}"));
        failsWith(TemplateRuntimeException.class, "Only empty strings may be passed as string arguments to "
                + "html_attr_merge. This is to support the implicit else clause for ternary operators in "
                + "\"index.twig\" at line 1.", "{{ {a: 1}|html_attr_merge('x')|length }}");
        failsWith(TemplateRuntimeException.class, "Cannot merge incompatible values for key \"class\" in "
                + "\"index.twig\" at line 1.", "{{ html_attr({class: 'a'}, {class: ['b']}) }}");
    }

    @Test
    void twigsHtmlAttrTestCases() {
        // 'merging from variadic arguments; ignoring null, false and empty string values'
        assertEquals("id=\"some-id\" label=\"some-label\" role=\"main\"", render("{{ html_attr({id: 'some-id'}, "
                + "null, '', false, {label: 'some-label'}, {role: 'main'}) }}"));
        // 'boolean true renders as empty string, except for aria-* and data-* it uses "true"'
        assertEquals("required=\"\" aria-disabled=\"true\" data-yes=\"true\"",
                render("{{ html_attr({required: true, 'aria-disabled': true, 'data-yes': true}) }}"));
        // 'boolean false omits attribute, except for aria-* it uses "false"'
        assertEquals("aria-disabled=\"false\"",
                render("{{ html_attr({disabled: false, 'aria-disabled': false, 'data-gone': false}) }}"));
        // 'null value omits attribute, also for special cases'
        assertEquals("", render("{{ html_attr({title: null, style: null, 'aria-gone': null, 'data-nil': null}) }}"));
        // 'empty string renders as empty attribute value', 'arrays with just an empty string / a true value
        // produce the empty attribute', 'arrays with just a null value are not printed'
        assertEquals("title=\"\" foo=\"\" bar=\"\"",
                render("{{ html_attr({title: ''}, {foo: ['']}, {bar: [true]}, {baz: [null]}) }}"));
        // 'style with plain string value', 'merging style attributes overrides by key'
        assertEquals("style=\"color: red;\"|style=\"color: blue; font-size: 14px;\"",
                render("{{ html_attr({style: 'color: red;'}) }}|{{ html_attr({style: {color: 'red', "
                        + "'font-size': '14px'}}, {style: {color: 'blue'}}) }}"));
        // 'attribute name is escaped', 'attribute value is escaped'; html_attr_relaxed keeps : @ [ ]
        assertEquals("data-user&#x20;id=\"123\" title=\"&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;\" "
                + "@click=\"go\" :class=\"c\"", render("{{ html_attr({'data-user id': '123', "
                + "title: '<script>alert(\"xss\")</script>', '@click': 'go', ':class': 'c'}) }}"));
        // 'scalar value overrides from left to right', 'variadic with empty arrays'
        assertEquals("id=\"final\"|id=\"test\"", render("{{ html_attr({id: 'first'}, {id: 'second'}, {id: 'final'}) }}"
                + "|{{ html_attr([], {id: 'test'}, []) }}"));
        // 'numeric attribute value', 'zero is not treated as falsy'; 3.29: style declarations of zero are kept
        assertEquals("tabindex=\"0\" data-count=\"0\" style=\"width: 0; margin: 0;\"",
                render("{{ html_attr({tabindex: 0, 'data-count': 0, style: {width: 0, margin: '0', color: null}}) }}"));
        // testDataAttributeWithNonJsonEncodableValueThrowsRuntimeError (INF cannot be JSON-encoded)
        failsWith(TemplateRuntimeException.class, "The \"data-bad\" attribute value cannot be JSON encoded in "
                + "\"index.twig\" at line 1.", "{{ html_attr({'data-bad': [inf]}) }}", "inf", Double.POSITIVE_INFINITY);
        // testNonStringableObjectAsAttributeValueThrowsRuntimeError
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> render("{{ html_attr({title: o}) }}", "o", new Object()));
        assertEquals("The \"title\" attribute value should be a scalar, an iterable, or an object implementing "
                + "\"Stringable\", got \"java.lang.Object\" in \"index.twig\" at line 1.", e.getMessage());
    }

    @Test
    void attributeTypes() {
        // an sst list merged with a later sequence, a sequence with a later cst list
        assertEquals("class=\"a b\" class=\"a, b\"", render("{{ html_attr({class: ['a']|html_attr_type}, "
                + "{class: ['b']}) }} {{ html_attr({class: ['a']}, {class: ['b']|html_attr_type('cst')}) }}"));
        // an explicit type wins over the data-* and style rules (html_attr.rst)
        assertEquals("data-x=\"a b\" style=\"x y\"", render("{{ html_attr({'data-x': ['a', 'b']|html_attr_type, "
                + "style: ['x', 'y']|html_attr_type('sst')}) }}"));
        failsWith(TemplateRuntimeException.class, "Unknown attribute type \"nope\" The only supported types are "
                + "\"sst\", \"cst\" and \"style\" in \"index.twig\" at line 1.", "{% set x = ['a']|html_attr_type('nope') %}");
        failsWith(TemplateRuntimeException.class, "Only iterable values can be appended to SeparatedTokenList in "
                + "\"index.twig\" at line 1.", "{{ html_attr({class: ['a']|html_attr_type}, {class: 'b'}) }}");
        failsWith(TemplateRuntimeException.class, "InlineStyle can only be created from iterable values in "
                + "\"index.twig\" at line 1.", "{% set x = 'color: red'|html_attr_type('style') %}");
        failsWith(TemplateRuntimeException.class, "SeparatedTokenList can only be merged with iterables or other "
                + "SeparatedTokenList instances using the same separator in \"index.twig\" at line 1.",
                "{{ html_attr({a: ['x']|html_attr_type('cst')}, {a: ['y']|html_attr_type('sst')}) }}");
    }

    @Test
    void theResultIsHtmlSafeOnlyForHtml() {
        // is_safe html: not escaped again under html, escaped for js
        assertEquals("id=\"a&amp;b\"", render("{{ html_attr({id: 'a&b'}) }}"));
        assertEquals("id\\u003D\\u0022a\\u0022", render("{% autoescape 'js' %}{{ html_attr({id: 'a'}) }}{% endautoescape %}"));
    }

    @Test
    void sandboxedTemplatesNeedTheFunctionAndTheToStringAllowed() {
        Map<String, String> t = Map.of("index.twig", "{{ html_attr({title: o}) }}");
        Environment refused = Environment.builder().loader(new MapLoader(t)).extension(new HtmlExtension())
                .sandbox(SecurityPolicy.builder().build()).build();
        assertThrows(SecurityNotAllowedFunctionException.class, () -> refused.render("index.twig", Map.of()));
        Environment allowed = Environment.builder().loader(new MapLoader(t)).extension(new HtmlExtension())
                .sandbox(SecurityPolicy.builder().allowFunctions("html_attr").build()).build();
        // a Stringable value is converted with its toString, a method call the policy must allow
        assertThrows(SecurityNotAllowedMethodException.class,
                () -> allowed.render("index.twig", Map.of("o", new Label())));
        assertEquals("title=\"t\"", allowed.render("index.twig", Map.of("o", "t")));
        Environment withToString = Environment.builder().loader(new MapLoader(t)).extension(new HtmlExtension()).sandbox(SecurityPolicy.builder()
                .allowFunctions("html_attr").allowMethods(Label.class, "toString").build()).build();
        assertEquals("title=\"label\"", withToString.render("index.twig", Map.of("o", new Label())));
    }
}
