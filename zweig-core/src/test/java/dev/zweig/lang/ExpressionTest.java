package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpressionTest {

    @Test
    void arithmeticPrecedence() {
        assertEquals("7", render("{{ 1 + 2 * 3 }}"));
        assertEquals("9", render("{{ (1 + 2) * 3 }}"));
        assertEquals("5", render("{{ 10 - 3 - 2 }}"));
        assertEquals("2", render("{{ 12 / 3 / 2 }}"));
        assertEquals("-5", render("{{ -(2 + 3) }}"));
        assertEquals("1", render("{{ +1 }}"));
    }

    @Test
    void powerIsRightAssociative() {
        assertEquals("512", render("{{ 2 ** 3 ** 2 }}"));
        assertEquals("64", render("{{ (2 ** 3) ** 2 }}"));
        assertEquals("-9", render("{{ -3 ** 2 }}"));
        assertEquals("9", render("{{ (-3) ** 2 }}"));
        assertEquals("0.25", render("{{ 2 ** -2 }}"));
    }

    @Test
    void divisionFloorDivisionAndModuloFollowPhp() {
        assertEquals("3.5", render("{{ 7 / 2 }}"));
        assertEquals("4", render("{{ 8 / 2 }}"));
        assertEquals("3", render("{{ 7 // 2 }}"));
        assertEquals("-4", render("{{ -7 // 2 }}"));
        assertEquals("-1", render("{{ -7 % 3 }}"));
        assertEquals("1", render("{{ 7 % -3 }}"));
        assertEquals("2", render("{{ 17 % 5 }}"));
        assertEquals("0.33333333333333", render("{{ 1 / 3 }}"));
    }

    @Test
    void integerAndFloatPrinting() {
        assertEquals("3", render("{{ 1.5 * 2 }}"));
        assertEquals("0.3", render("{{ 0.1 + 0.2 }}"));
        assertEquals("1.5", render("{{ 1.50 }}"));
        assertEquals("9.2233720368548E+18", render("{{ big + 1 }}", "big", Long.MAX_VALUE));
        assertEquals("15 510", render("{{ a + b }} {{ a ~ b }}", "a", "5", "b", "10"));
    }

    @Test
    void divisionByZeroIsARuntimeError() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> render("\n{{ 1 / zero }}", "zero", 0));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(2, e.getLine());
        assertThrows(TemplateRuntimeException.class, () -> render("{{ 1 % zero }}", "zero", 0));
    }

    @Test
    void concatenationBindsTighterThanAdditionButLooserThanMultiplication() {
        assertEquals("24", render("{{ 1 + 2 ~ 3 }}"));
        assertEquals("x6", render("{{ 'x' ~ 2 * 3 }}"));
        assertEquals("aB", render("{{ 'a' ~ 'b'|upper }}"));
        assertEquals("AB", render("{{ ('a' ~ 'b')|upper }}"));
        assertEquals("a111.5", render("{{ 'a' ~ 1 ~ true ~ null ~ false ~ 1.50 }}"));
    }

    @Test
    void filterBindsTighterThanUnaryMinus() {
        assertEquals("-5", render("{{ -5|abs }}"));
        assertEquals("5", render("{{ (-5)|abs }}"));
    }

    @Test
    void notHasHigherPrecedenceThanComparisonsInTwig3() {
        // not 1 + 1 == not (1 + 1)? No: not binds at 50, + at 30: (not 1) + 1 = false + 1 = 1
        assertEquals("1", render("{{ not 1 + 1 }}"));
        assertEquals("", render("{{ not (1 + 1) }}"));
        assertEquals("1", render("{{ not 0 == 1 }}"));
        assertEquals("T", render("{{ (not false and true) ? 'T' : 'F' }}"));
        assertEquals("F", render("{{ not (false or true) ? 'T' : 'F' }}"));
    }

    @Test
    void logicalOperators() {
        assertEquals("TFTTF", render("{{ (true or true and false) ? 'T' : 'F' }}{{ ((true or true) and false) ? 'T' : 'F' }}"
                + "{{ (false and false or true) ? 'T' : 'F' }}{{ (true xor false) ? 'T' : 'F' }}{{ (true xor true) ? 'T' : 'F' }}"));
        assertEquals("1||", render("{{ 'x' or false }}|{{ 0 or '' }}|{{ null and 1 }}"));
    }

    @Test
    void bitwiseOperators() {
        assertEquals("2 7 5", render("{{ 6 b-and 3 }} {{ 6 b-or 3 }} {{ 6 b-xor 3 }}"));
        assertEquals("9", render("{{ 12 b-and 10 b-or 1 }}"));
        assertEquals("3", render("{{ 1 + 2 b-and 3 }}"));
    }

    @Test
    void comparisonsUsePhp8Rules() {
        assertEquals("T", render("{{ 1 == '1' ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ '1' == '01' ? 'T' : 'F' }}"));
        assertEquals("F", render("{{ 0 == 'a' ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ null == false ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ 'abc' < 'abd' ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ 10 > 9.5 ? 'T' : 'F' }}"));
        assertEquals("-1 0 1", render("{{ 1 <=> 2 }} {{ 'a' <=> 'a' }} {{ [1, 2] <=> [1, 1] }}"));
        assertEquals("T", render("{{ 2 != 3 ? 'T' : 'F' }}"));
    }

    @Test
    void strictComparison() {
        assertEquals("TFTF", render("{{ 1 === 1 ? 'T' : 'F' }}{{ 1 === '1' ? 'T' : 'F' }}"
                + "{{ 1 !== 1.0 ? 'T' : 'F' }}{{ null !== null ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ a is same as(b) ? 'T' : 'F' }}", "a", "x", "b", "x"));
        assertEquals("F", render("{{ a is same as(b) ? 'T' : 'F' }}", "a", 1L, "b", "1"));
    }

    /** As Twig's getTest: a name after a test name is read as a two-word test, known or not. */
    @Test
    void aNameAfterATestNameMakesATwoWordTest() {
        assertEquals("1|", renderStrict("{{ x is divisible by 2 }}|{{ x is same as 1 }}", "x", 4L));
        assertEquals("Unknown \"odd by\" test in \"index.twig\" at line 1.", assertThrows(TemplateSyntaxException.class,
                () -> renderStrict("{% if x is odd by 2 %}{% endif %}", "x", 4L)).getMessage());
        assertEquals("Unknown \"defined foo\" test in \"index.twig\" at line 1.", assertThrows(
                TemplateSyntaxException.class, () -> renderStrict("{{ x is defined foo }}", "x", 4L)).getMessage());
    }

    @Test
    void truthiness() {
        assertEquals("EGH", render("{% if '0' %}A{% endif %}{% if '' %}B{% endif %}{% if [] %}C{% endif %}{% if 0.0 %}D{% endif %}"
                + "{% if '0.0' %}E{% endif %}{% if {} %}F{% endif %}{% if ' ' %}G{% endif %}{% if [0] %}H{% endif %}"));
        assertEquals("F", render("{{ list ? 'T' : 'F' }}", "list", List.of()));
        assertEquals("F", render("{{ map ? 'T' : 'F' }}", "map", Map.of()));
        assertEquals("T", render("{{ list ? 'T' : 'F' }}", "list", List.of(0)));
    }

    @Test
    void containment() {
        assertEquals("TTTTFF", render("{{ (2 in [1, 2]) ? 'T' : 'F' }}{{ ('b' in 'abc') ? 'T' : 'F' }}"
                + "{{ ('x' in {a: 'x'}) ? 'T' : 'F' }}{{ (3 not in [1, 2]) ? 'T' : 'F' }}"
                + "{{ ('a' in {a: 'x'}) ? 'T' : 'F' }}{{ (0 in ['abc']) ? 'T' : 'F' }}"));
    }

    @Test
    void stringOperators() {
        assertEquals("T", render("{{ 'abc' matches '/^a.c$/' ? 'T' : 'F' }}"));
        assertEquals("F", render("{{ 'ABC' matches '/^a/' ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ 'ABC' matches '/^a/i' ? 'T' : 'F' }}"));
        assertEquals("TF", render("{{ 'twig' starts with 'tw' ? 'T' : 'F' }}{{ 'twig' ends with 'tw' ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ ('a' ~ 'b' starts with 'ab') ? 'T' : 'F' }}"));
    }

    @Test
    void matchesIsPregMatchsIntegerNotABoolean() {
        // Twig's CoreExtension::matches returns preg_match's count: printed 1 or 0, not the same as true/false
        assertEquals("1|0|0|1|1|[1,0]", render("{{ 'abc' matches '/b/' }}|{{ 'abc' matches '/x/' }}|"
                + "{{ 'abc' matches p }}|{{ ('abc' matches '/a/') is same as(1) ? 1 : 0 }}|"
                + "{{ ('abc' matches '/a/') is not same as(true) ? 1 : 0 }}|{{ ['a' matches '/a/', 'a' matches '/b/']"
                + "|json_encode }}", "p", "/x/"));
    }

    @Test
    void invalidRegexIsASyntaxError() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("\n{{ 'a' matches '/o' }}"));
        assertEquals(2, e.getLine());
    }

    @Test
    void hasSomeAndHasEvery() {
        assertEquals("TFTFFT", render("{{ ([1, 2, 3] has some v => v > 2) ? 'T' : 'F' }}{{ ([1, 2, 3] has some v => v > 5) ? 'T' : 'F' }}"
                + "{{ ([1, 2, 3] has every v => v > 0) ? 'T' : 'F' }}{{ ([1, 2, 3] has every v => v > 1) ? 'T' : 'F' }}"
                + "{{ ([] has some v => true) ? 'T' : 'F' }}{{ ([] has every v => false) ? 'T' : 'F' }}"));
        assertEquals("y", render("{% if users has some u => u.admin %}y{% endif %}",
                "users", List.of(Map.of("admin", false), Map.of("admin", true))));
        assertEquals("1,3", render("{{ items|filter(i => i.tags has some t => t == 'x')|map(i => i.id)|join(',') }}",
                "items", List.of(Map.of("id", 1, "tags", List.of("x", "y")), Map.of("id", 2, "tags", List.of("y")),
                        Map.of("id", 3, "tags", List.of("x")))));
    }

    @Test
    void range() {
        assertEquals("1,2,3,4", render("{{ (1..4)|join(',') }}"));
        assertEquals("3,2,1", render("{{ (3..1)|join(',') }}"));
        assertEquals("abcd", render("{{ ('a'..'d')|join }}"));
        assertEquals("1,2,3,4,5", render("{{ (1..2 + 3)|join(',') }}"));
        assertEquals("0,2,4", render("{{ range(0, 5, 2)|join(',') }}"));
    }

    @Test
    void nullCoalescing() {
        assertEquals("x", render("{{ missing ?? 'x' }}"));
        assertEquals("x", render("{{ a.b.c ?? 'x' }}", "a", Map.of()));
        assertEquals("x", renderStrict("{{ (missing ?? 'x') ~ '' }}"));
        assertEquals("x", renderStrict("{{ (a.b.c ?? 'x') ~ '' }}", "a", Map.of("b", Map.of())));
        assertEquals("x", renderStrict("{{ n ?? 'x' }}", "n", null));
        assertEquals("x", renderStrict("{{ missing ?? 'x' }}"));
        assertEquals("fb", renderStrict("{{ missing ?? fb }}", "fb", "fb"));
        assertEquals("c", renderStrict("{{ x ?? y ?? 'c' }}"));
        assertEquals("a", renderStrict("{{ (missing ?? 'a') }}"));
        assertEquals("c", render("{{ a ?? b ?? 'c' }}", "a", null, "b", null));
        // ?? binds tighter than ~
        assertEquals("ab", renderStrict("{{ missing ?? 'a' ~ 'b' }}"));
        assertEquals("Ab", render("{{ v ?? 'a' ~ 'b' }}", "v", "A"));
        assertEquals("0", render("{{ zero ?? 'x' }}", "zero", 0));
    }

    /** Twig compiles `??` into a defined test: its left side must be something that test accepts. */
    @Test
    void nullCoalescingNeedsADefinedTestableLeftSide() {
        for (String left : List.of("([1]|first)", "(a ~ 'b')", "-a", "(a ? b : a)", "(a ?? b)", "(a + 1)",
                "a|default(1)")) {
            TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                    () -> renderStrict("\n{{ " + left + " ?? 'x' }}", "a", 1L, "b", 2L), left);
            assertEquals("The \"defined\" test only works with simple variables in \"index.twig\" at line 2.",
                    e.getMessage());
        }
        assertEquals("1|A|x|Array|lit", renderStrict("{{ (a) ?? 'x' }}|{{ attribute(o, 'a') ?? 'x' }}|"
                + "{{ o.b.c ?? 'x' }}|{{ [1] ?? 'x' }}|{{ 'lit' ?? 'x' }}", "a", 1L, "o", Map.of("a", "A")));
        assertEquals("y|y", renderStrict("{{ [1] is defined ? 'y' }}|{{ {a: 1} is defined ? 'y' }}"));
    }

    /** "#{x}" alone is x itself, as Twig parses it (an interpolated string is a concatenation of its parts). */
    @Test
    void interpolationOfASingleExpressionIsTheExpression() {
        assertEquals("3|int|55|same|5", renderStrict("{{ \"#{items}\"|length }}|{{ \"#{n}\" is same as(5) ? 'int' : "
                + "'str' }}|{{ \"#{n}#{n}\" }}|{{ \"x#{n}\" is same as('x5') ? 'same' }}|{{ \"#{n}\" ?? 'x' }}",
                "items", List.of(1, 2, 3), "n", 5L));
    }

    @Test
    void ternaryAndElvis() {
        assertEquals("yes no [] yes", render("{{ t ? 'yes' : 'no' }} {{ f ? 'yes' : 'no' }} [{{ f ? 'yes' }}] {{ t ? 'yes' }}",
                "t", true, "f", false));
        assertEquals("val fallback", render("{{ v ?: 'fallback' }} {{ f ?: 'fallback' }}", "v", "val", "f", 0));
        assertEquals("two", render("{{ n == 1 ? 'one' : n == 2 ? 'two' : 'many' }}", "n", 2));
        assertEquals("C", render("{{ a ?: b ?: c ?: 'none' }}", "a", 0, "b", "", "c", "C"));
    }

    @Test
    void nullSafeAttributeAccess() {
        assertEquals("[]", renderStrict("[{{ user?.name }}]", "user", null));
        assertEquals("[]", renderStrict("[{{ user?.address.city }}]", "user", null));
        assertEquals("[Bob]", renderStrict("[{{ user?.name }}]", "user", Map.of("name", "Bob")));
        assertEquals("[Oslo]", renderStrict("[{{ user?.address.city }}]", "user", Map.of("address", Map.of("city", "Oslo"))));
    }

    @Test
    void subscriptsAndSlices() {
        assertEquals("[]", render("[{{ 'abc'[1] }}]"));
        assertEquals("bcd", render("{{ 'abcdef'[1:3] }}"));
        assertEquals("234", render("{{ [1, 2, 3, 4][1:]|join }}"));
        assertEquals("12", render("{{ [1, 2, 3, 4][:2]|join }}"));
        assertEquals("A A 20 30 ws A D", render("{{ h.a }} {{ h['a'] }} {{ h.l.1 }} {{ h.l[2] }} {{ h['with space'] }} {{ h[k] }} {{ h.n.deep.deeper }}",
                "h", new LinkedHashMap<>(Map.of("a", "A", "l", List.of(10, 20, 30), "with space", "ws",
                        "n", Map.of("deep", Map.of("deeper", "D")))), "k", "a"));
        assertEquals("y b", render("{{ {x: 'y'}.x }} {{ 'abc'|split('')[1] }}"));
    }

    @Test
    void assignmentOperator() {
        assertEquals("1", render("{% do a = 1 %}{{ a }}"));
        assertEquals("2|2", render("{{ b = 2 }}|{{ b }}"));
        assertEquals("33", render("{% do a = b = 3 %}{{ a }}{{ b }}"));
        assertEquals("6|5", render("{{ (c = 5) + 1 }}|{{ c }}"));
    }

    @Test
    void destructuring() {
        assertEquals("1-3", render("{% do [a, , c] = [1, 2, 3] %}{{ a }}-{{ c }}"));
        assertEquals("Ann ann@x.org", render("{% do {name, email} = user %}{{ name }} {{ email }}",
                "user", Map.of("name", "Ann", "email", "ann@x.org")));
        assertEquals("Ann", render("{% do {name: userName} = user %}{{ userName }}", "user", Map.of("name", "Ann")));
        assertEquals("21", render("{% set a = 1 %}{% set b = 2 %}{% do [a, b] = [b, a] %}{{ a }}{{ b }}"));
    }

    @Test
    void spread() {
        assertEquals("1,2,3,4,5", render("{{ [...a, ...b, 5]|join(',') }}", "a", List.of(1, 2), "b", List.of(3, 4)));
        assertEquals("x,y,z", render("{{ {...h, z: 3}|keys|join(',') }}", "h", new LinkedHashMap<>(Map.of("x", 1)) {{ put("y", 2); }}));
        assertEquals("2", render("{{ {a: 1, ...{a: 2}}.a }}"));
        assertEquals("9", render("{{ max(...nums) }}", "nums", List.of(3, 9, 1)));
        assertEquals("3", render("{{ max(1, ...[2, 3]) }}"));
    }

    @Test
    void arrowFunctions() {
        assertEquals("1,4,9", render("{{ [1, 2, 3]|map(x => x ** 2)|join(',') }}"));
        assertEquals("-1,-2", render("{{ [1, 2]|map((x) => -x)|join(',') }}"));
        assertEquals("b:2", render("{{ {a: 1, b: 2}|filter((v, k) => k == 'b')|map((v, k) => k ~ ':' ~ v)|join }}"));
        assertEquals("6", render("{{ [1, 2, 3]|reduce((carry, v) => carry + v, 0) }}"));
        assertEquals("10", render("{% set base = 10 %}{{ [0]|map(x => x + base)|first }}"));
    }

    @Test
    void testsWithIs() {
        assertEquals("TFT", render("{{ 3 is odd ? 'T' : 'F' }}{{ 3 is even ? 'T' : 'F' }}{{ 3 is not even ? 'T' : 'F' }}"));
        assertEquals("T", render("{{ 9 is divisible by(3) ? 'T' : 'F' }}"));
        assertEquals("TF", render("{{ x is null ? 'T' : 'F' }}{{ x is defined ? 'T' : 'F' }}"));
        assertEquals("TT", render("{{ [] is empty ? 'T' : 'F' }}{{ {a: 1} is mapping ? 'T' : 'F' }}"));
        assertEquals("TF", render("{{ [1] is sequence ? 'T' : 'F' }}{{ {a: 1} is sequence ? 'T' : 'F' }}"));
    }

    @Test
    void literals() {
        assertEquals("1||||1|n|0|7|1.5", render("{{ true }}|{{ false }}|{{ null }}|{{ none }}|{{ TRUE }}|{{ NULL ?? 'n' }}|{{ -0 }}|{{ 007 }}|{{ 1.50 }}"));
        assertEquals("[1,[2,[]],{\"a\":[4]}] 2 1", render("{{ [1, [2, []], {a: [4]}]|json_encode|raw }} {{ [1, 2, ]|length }} {{ {a: 1, }|length }}"));
        assertEquals("{\"a\":2}", render("{{ {a: 1, a: 2}|json_encode|raw }}"));
    }

    @Test
    void specialVariables() {
        assertEquals("index.twig UTF-8", render("{{ _self }} {{ _charset }}"));
        assertEquals("a,b", render("{{ _context|keys|join(',') }}", "a", 1, "b", 2));
    }

    @Test
    void inputCollectionsAreNotMutated() {
        List<Object> list = new ArrayList<>(List.of(3, 1, 2));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("a", 1));
        assertEquals("123|a,b", render("{{ list|sort|join }}|{{ map|merge({b: 2})|keys|join(',') }}{% set list2 = list|merge([4]) %}",
                "list", list, "map", map));
        assertEquals(List.of(3, 1, 2), list);
        assertEquals(Map.of("a", 1), map);
        assertEquals(vars("a", 1), map);
    }
}
