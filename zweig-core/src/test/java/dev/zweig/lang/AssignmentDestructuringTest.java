package dev.zweig.lang;

import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.render;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.TemplateSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code =} operator and destructuring (Twig 3.23: "Add `=` assignment operator", "Add sequence, mapping, and
 * object destructuring"; 3.24: "Add support for renaming variables in object destructuring ({name: userName} =
 * user)", CHANGELOG). The first test is Twig's own fixture tests/Fixtures/expressions/set.test, template, data and
 * expectation as written there.
 */
class AssignmentDestructuringTest {
    /** set.test's user_obj: {@code new class { public function getName() { return 'Fabien'; } }}. */
    public static final class UserObject {
        public String getName() {
            return "Fabien";
        }
    }

    @Test
    void twigsSetFixture() {
        String template = String.join("\n",
                "{# stores #}",
                "{% do b = 1 + 3 %}{{ b }}",
                "{# stores and displays #}",
                "{{ b = 1 + 3 }}{{ b }}",
                "{# stores and returns #}",
                "{% do (c = 4) ? 0 : -1 %}{{ c }}",
                "{# = can be chained #}",
                "{% do c = d = \"a\" %}{{ c }}{{ d }}",
                "{% do a = (b = 4) + 5 %}{{ a }}{{ b }}",
                "",
                "# Array destructuring",
                "{% do [first, last] = ['Fabien', 'Potencier'] %}{{ first }} {{ last }}",
                "{% do [a, b] = [b, a] %}{{ a }}{{ b }}",
                "{% do [, second] = ['first', 'second'] %}{{ second }}",
                "{% do [x, y, z] = ['one', 'two'] %}{{ x }} {{ y }} {{ z is same as(null) ? 'null' : z }}",
                "",
                "# Object destructuring",
                "{% do {name, email} = user %}{{ name }} {{ email }}",
                "{% do {first_name, last_name} = user_map %}{{ first_name }} {{ last_name }}",
                "{% do {name} = user_obj %}{{ name }}",
                "",
                "# Object destructuring with renaming",
                "{% do {name: userName, email: userEmail} = user %}{{ userName }} {{ userEmail }}",
                "{% do {first_name: first, last_name: last} = user_map %}{{ first }} {{ last }}",
                "{% do {name: objName} = user_obj %}{{ objName }}",
                "{% do {name: n1} = user %}{% do {name: n2} = user_obj %}{{ n1 }} {{ n2 }}",
                "");
        String expected = String.join("\n",
                "4",
                "44",
                "4",
                "aa",
                "94",
                "",
                "# Array destructuring",
                "Fabien Potencier",
                "49",
                "second",
                "one two null",
                "",
                "# Object destructuring",
                "Fabien fabien@example.com",
                "Fabien Potencier",
                "Fabien",
                "",
                "# Object destructuring with renaming",
                "Fabien fabien@example.com",
                "Fabien Potencier",
                "Fabien",
                "Fabien Fabien",
                "");
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("name", "Fabien");
        user.put("email", "fabien@example.com");
        Map<String, Object> userMap = new LinkedHashMap<>();
        userMap.put("first_name", "Fabien");
        userMap.put("last_name", "Potencier");
        assertEquals(expected, render(template, "user", user, "user_map", userMap, "user_obj", new UserObject(),
                "null_obj", null));
    }

    /**
     * The set tag itself still assigns to names only: its documentation (doc/tags/set.rst, 3.x) lists
     * {@code {% set name = ... %}}, {@code {% set first, last = ... %}} and captures, and points to the = operator
     * ("To assign a value within an expression, use the = operator"); a pattern after set is the parser's
     * assignment error, as in every 3.x release.
     */
    @Test
    void theSetTagTakesNamesNotPatterns() {
        failsWith(TemplateSyntaxException.class, "Only variables can be assigned to. Unexpected token \"punctuation\" "
                + "of value \"[\" (\"name\" expected) in \"index.twig\" at line 1 column 8.",
                "{% set [x, y] = [1, 2] %}");
        failsWith(TemplateSyntaxException.class, "Only variables can be assigned to. Unexpected token \"punctuation\" "
                + "of value \"{\" (\"name\" expected) in \"index.twig\" at line 1 column 8.",
                "{% set {name: userName} = user %}");
        assertEquals("1 2|Fab", render("{% set x, y = 1, 2 %}{{ x }} {{ y }}|{% do {name: userName} = user %}"
                + "{{ userName }}", "user", Map.of("name", "Fab")));
    }

    /**
     * What {@code =} refuses, as Twig 3.29 words it (AssignmentExpressionParser: the left side must be a variable or
     * an array expression, else 'Cannot assign to "<node class>", only variables can be assigned.' at the line of
     * the {@code =}; SequenceDestructuringSetBinary and ObjectDestructuringSetBinary: each element a variable, no
     * nested pattern). The first is Twig's fixture exceptions/syntax_error_in_reused_template.test as 3.15 wrote it.
     */
    @Test
    void whatCannotBeAssignedIsNamedAsTwigNamesIt() {
        String node = "Cannot assign to \"Twig\\Node\\Expression\\";
        assertEquals(node + "GetAttrExpression\", only variables can be assigned in \"foo.twig\" at line 3.",
                org.junit.jupiter.api.Assertions.assertThrows(TemplateSyntaxException.class, () -> Twig.renderAll(
                        Twig.templates("index.twig", "\n{% use 'foo.twig' %}", "foo.twig",
                                "\n{% block bar %}\n    {% do node.data = 5 %}\n{% endblock %}"))).getMessage());
        failsWith(TemplateSyntaxException.class, node + "ConstantExpression\", only variables can be assigned in"
                + " \"index.twig\" at line 2.", "{{ 'a'\n = 1 }}");
        failsWith(TemplateSyntaxException.class, node + "FilterExpression\", only variables can be assigned in"
                + " \"index.twig\" at line 1.", "{% do a|upper = 1 %}");
        failsWith(TemplateSyntaxException.class, node + "Binary\\AddBinary\", only variables can be assigned in"
                + " \"index.twig\" at line 1.", "{% do a + b = 1 %}");
        failsWith(TemplateSyntaxException.class, node + "ArrayExpression\", only variables can be assigned in"
                + " sequence destructuring in \"index.twig\" at line 1.", "{% do [a, [b, c]] = [1, [2, 3]] %}");
        failsWith(TemplateSyntaxException.class, node + "GetAttrExpression\", only variables can be assigned in"
                + " object/mapping destructuring in \"index.twig\" at line 1.", "{% do {name: u.name} = user %}");
        assertEquals("1-3|b", render("{% do [a, , c] = [1, 2, 3] %}{{ a }}-{{ c }}|{% do {n} = {n: 'b'} %}{{ n }}"));
    }
}
