package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.failsWith;
import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.TemplateLoaderException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.TestDefinition;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What templates written for PHP Twig (form themes, paginators, menus, admin bundles, e-mails) hit and must render
 * as Twig 3.29 renders them: comment forms, named arguments in either spelling, arguments that no parameter takes,
 * block() of a missing template under "defined", the guard tag, and macros called through _self with inheritance.
 */
class RealTemplatesTest {

    private static String renderAllStrict(Map<String, String> templates, Object... kv) {
        return env(templates, b -> b.strictVariables(true)).render("index.twig", vars(kv));
    }

    /** Comments end at the first #}; {## opens a documentation comment (3.29), except the empty comment {##}. */
    @Nested
    class Comments {
        @Test
        void theEmptyCommentIsAComment() {
            assertEquals("ab", render("a{##}b"));
            assertEquals("a|b", render("a{##}|{##}b"));
        }

        /** Symfony's form themes end a line with {##} to keep the indentation of the next tag. */
        @Test
        void formThemeLineJoinerKeepsTheRestOfTheTemplate() {
            String theme = """
                    {% block form_row -%}
                        <div class="form-group">
                            {{- label -}}
                            <div class="col">x</div>
                    {##}</div>
                    {%- endblock form_row %}
                    {% block submit_row -%}
                        <button>{{ label }}</button>
                    {#- a comment with - #}
                    {%- endblock submit_row %}""";
            String out = renderStrict(theme, "label", "Name");
            assertEquals("<div class=\"form-group\">Name<div class=\"col\">x</div>\n</div><button>Name</button>",
                    out);
        }

        @Test
        void aDocumentationCommentClosesAtTheRegularMarkerToo() {
            assertEquals("ab", render("a{## doc #}b"));
            assertEquals("ab", render("a{## doc ##}b"));
            // the first #} ends it: what follows is text again
            assertEquals("a b ##} c", render("a{## one #} b ##} c"));
            assertEquals("ab", render("a{###}b"));
            assertEquals("a{{ x }}b", render("a{## {{ x }} #}{{ '{{ x }}' }}b"));
        }

        @Test
        void documentationCommentsSwallowTheNewlineAfterThemLikeComments() {
            assertEquals("a\nb", render("a\n{## doc ##}\nb"));
            assertEquals("a\nb", render("a\n{## doc #}\nb"));
            assertEquals("a\nb", render("a\n{##}\nb"));
        }

        @Test
        void whitespaceControlOnDocumentationComments() {
            assertEquals("ab", render("a  {##- doc -##}  b"));
            assertEquals("ab", render("a  {##- doc -#}  b"));
            // ~ trims spaces and tabs, not newlines
            assertEquals("a\nb", render("a \t{##~ doc ~##} \t\nb"));
            assertEquals("a\n\n  b", render("a\n  {##~ doc ~#}  \n  b"));
            // a modifier apart from the marker is content
            assertEquals("a    b", render("a  {## doc - ##}  b"));
            assertEquals("ab", render("a \n {#- plain -#} \n b"));
            assertEquals("a\n\n  b", render("a\n  {#~ plain ~#}  \n  b"));
        }

        @Test
        void whitespaceControlRightAfterTheOpeningBelongsToIt() {
            // {##- and {#- then an immediate #}: the closing marker has no modifier of its own
            assertEquals("ab \n", render("a \n{##-#}b \n"));
            assertEquals("ab \n", render("a \n{#-#}b \n"));
        }

        @Test
        void documentationCommentsBeforeTagsAndPrints() {
            String src = """
                    {## The page title. ##}
                    {{ title }}
                    {## Renders an input. #}
                    {% macro input(name) %}<input name="{{ name }}">{% endmacro %}
                    {{ _self.input('q') }}""";
            assertEquals("T\n<input name=\"q\">", renderStrict(src, "title", "T"));
        }

        @Test
        void unclosedCommentsStillFailWhereTheyStart() {
            failsWith(TemplateSyntaxException.class, "Unclosed comment in \"index.twig\" at line 2.",
                    "x\n{## never closed\n#");
            failsWith(TemplateSyntaxException.class, "Unclosed comment in \"index.twig\" at line 1.", "{# a #");
        }
    }

    /** Since 3.15 a named argument names a filter, function or test parameter in camelCase or snake_case alike. */
    @Nested
    class NamedArguments {
        @Test
        void coreFiltersAndFunctionsTakeEitherSpelling() {
            assertEquals("{\"1\":\"b\"}", renderStrict("{{ ['a', 'b']|slice(1, preserveKeys: true)|json_encode|raw }}"));
            assertEquals("{\"1\":\"b\"}", renderStrict("{{ ['a', 'b']|slice(1, preserve_keys: true)|json_encode|raw }}"));
            assertEquals("{\"1\":\"b\"}", renderStrict("{{ ['a', 'b']|slice(1, PreserveKeys: true)|json_encode|raw }}"));
            assertEquals("[\"b\"]", renderStrict("{{ ['a', 'b']|slice(1, preserve__keys: false)|json_encode|raw }}"));
            assertEquals("1.234,50", renderStrict("{{ 1234.5|number_format(2, decimalPoint: ',', thousandSep: '.') }}"));
            assertEquals("[x]", env(templates("index.twig", "{{ include('p.twig', withContext: false) }}",
                    "p.twig", "[{{ v ?? 'x' }}]")).render("index.twig", vars("v", "ctx")));
        }

        @Test
        void userCallablesMatchTheirDeclaredNamesInEitherSpelling() {
            Environment e = env(templates("index.twig", "{{ 'ab'|pad(padLength: 4) }}|{{ pad_fn('x', pad_length: 3) }}"
                    + "|{{ 'abc' is longer(minLen: 2) ? 'y' : 'n' }}|{{ 'abc' is longer(min_len: 5) ? 'y' : 'n' }}"),
                    b -> b.strictVariables(true)
                            .filter(FilterDefinition.of("pad", (ctx, a) -> pad(a[0], a[1]))
                                    .params(Param.optional("pad_length", 0L)))
                            .function(FunctionDefinition.of("pad_fn", (ctx, a) -> pad(a[0], a[1]))
                                    .params(Param.required("s"), Param.optional("padLength", 0L)))
                            .test(TestDefinition.of("longer", (ctx, a) -> Values.toString(a[0]).length()
                                    > Values.toNumber(a[1]).longValue()).params(Param.required("min_len"))));
            assertEquals("ab..|x..|y|n", e.render("index.twig", Map.of()));
        }

        @Test
        void ofTwoSpellingsOfOneNameTheLastWinsAndTheFirstIsNotEvaluated() {
            AtomicInteger calls = new AtomicInteger();
            Environment e = env(templates("index.twig", "{{ ['a', 'b']|slice(1, preserve_keys: tick(false), "
                    + "preserveKeys: true)|json_encode|raw }}"), b -> b.strictVariables(true)
                    .function(FunctionDefinition.of("tick", (ctx, a) -> {
                        calls.incrementAndGet();
                        return a[0];
                    }).params("v")));
            assertEquals("{\"1\":\"b\"}", e.render("index.twig", Map.of()));
            assertEquals(0, calls.get());
        }

        @Test
        void aParameterGivenByPositionAndByNameIsAnError() {
            failsWith(TemplateSyntaxException.class, "Argument \"preserveKeys\" is defined twice for filter "
                    + "\"slice\" in \"index.twig\" at line 1.", "{{ [1]|slice(0, 1, true, preserve_keys: true) }}");
            failsWith(TemplateSyntaxException.class, "Argument \"name\" is defined twice for function \"block\" in "
                    + "\"index.twig\" at line 1.", "{% block b %}{% endblock %}{{ block('b', name: 'b') }}");
        }

        @Test
        void unknownArgumentsAreNamedAsTwigComparesThem() {
            failsWith(TemplateSyntaxException.class, "Unknown argument \"preservekey\" for filter \"slice(start, "
                    + "length, preserve_keys)\" in \"index.twig\" at line 1.",
                    "{{ [1]|slice(0, preserveKey: true) }}");
            failsWith(TemplateSyntaxException.class, "Unknown arguments \"foobar\", \"other\" for function "
                    + "\"include(template, variables, with_context, ignore_missing, sandboxed)\" in \"index.twig\" at "
                    + "line 1.", "{{ include('x', foo_bar: 1, other: 2) }}");
        }

        @Test
        void blockAndAttributeTakeNamedArgumentsToo() {
            Map<String, String> t = templates("index.twig",
                    "{{ block(name: 'b') }}|{{ block(templateName: 'x', name: 'b') is defined ? 'y' : 'n' }}"
                            + "|{{ block(template: 'p.twig', name: 'c') }}|{{ attribute(variable: m, attribute: 'k') }}"
                            + "{% block b %}B{% endblock %}",
                    "p.twig", "{% block c %}C{% endblock %}");
            TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> renderAllStrict(t,
                    "m", Map.of("k", "K")));
            assertEquals("Unknown argument \"templatename\" for function \"block(name, template)\" in \"index.twig\" "
                    + "at line 1.", e.getMessage());
            t.put("index.twig", t.get("index.twig").replace("templateName: 'x', ", ""));
            assertEquals("B|y|C|KB", renderAllStrict(t, "m", Map.of("k", "K")));
        }

        /**
         * A macro is a PHP method and its call unpacks the arguments into it: names bind as PHP binds them, exactly,
         * and a name no parameter has lands in varargs under that name.
         */
        @Test
        void macrosBindNamesExactlyAndCollectTheOthersInVarargs() {
            String macro = "{% macro m(first_name, last = 'L') %}[{{ first_name }}|{{ last }}|"
                    + "{{ varargs|json_encode|raw }}]{% endmacro %}";
            assertEquals("[Ann|L|[]]", renderStrict(macro + "{{ _self.m(first_name: 'Ann') }}"));
            assertEquals("[|L|{\"firstName\":\"Ann\"}]", renderStrict(macro + "{{ _self.m(firstName: 'Ann') }}"));
            assertEquals("[a|b|{\"0\":\"c\",\"x\":\"y\"}]", renderStrict(macro + "{{ _self.m('a', 'b', 'c', x: 'y') }}"));
            // printed in place or used as a value: the same binding
            assertEquals("[|L|{\"firstName\":\"Ann\"}]!", renderStrict(macro
                    + "{{ (_self.m(firstName: 'Ann') ~ '!')|raw }}"));
        }

        @Test
        void aMacroParameterGivenByPositionAndByNameFailsAsPhpDoes() {
            String macro = "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}";
            failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a "
                    + "template (\"Named parameter $a overwrites previous argument\") in \"index.twig\" at line 1.",
                    macro + "{{ _self.m(1, a: 2) }}");
            failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a "
                    + "template (\"Named parameter $a overwrites previous argument\") in \"index.twig\" at line 1.",
                    macro + "{{ _self.m(1, a: 2) ~ '' }}");
        }

        @Test
        void aMacroCallWithAPositionalArgumentAfterANamedOneFailsAsPhpUnpackingDoes() {
            String macro = "{% macro m(a, b) %}{{ a }}{{ b }}{% endmacro %}";
            for (String call : new String[] {"{{ _self.m(a: 1, 2) }}", "{% set r = _self.m(b: 1, 2) %}"}) {
                failsWith(TemplateRuntimeException.class, "An exception has been thrown during the rendering of a "
                        + "template (\"Cannot use positional argument after named argument during unpacking\") in "
                        + "\"index.twig\" at line 1.", macro + call);
            }
        }

        @Test
        void rangeNamesItsBoundsLowAndHighAsTwigDoes() {
            assertEquals("123|12|135", renderStrict("{{ range(1, 3)|join }}|{{ range(low: 1, high: 2)|join }}"
                    + "|{{ range(1, 5, step: 2)|join }}"));
            failsWith(TemplateSyntaxException.class, "Value for argument \"low\" is required for function \"range\" in "
                    + "\"index.twig\" at line 1.", "{{ range(start: 1, end: 2)|join }}");
        }

        @Test
        void aMacroNameGivenTwiceKeepsTheLastValue() {
            assertEquals("2", renderStrict("{% macro m(a) %}{{ a }}{% endmacro %}{{ _self.m(a: undefined_var, "
                    + "a: 2) }}"));
        }
    }

    /** PHP evaluates every argument of a call; the ones no parameter takes are then dropped. */
    @Nested
    class ExtraArguments {
        @Test
        void extraArgumentsOfFiltersAndFunctionsAreEvaluated() {
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{{ 'a'|upper(nope) }}");
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{{ 'a'|trim(' ', 'both', nope) }}");
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{{ 'a'|e('html', null, false, nope) }}");
            assertEquals("A", render("{{ 'a'|upper(nope) }}"));
        }

        @Test
        void extraArgumentsAreEvaluatedInOrderAndForTheirEffects() {
            List<Object> seen = new ArrayList<>();
            Environment e = env(templates("index.twig", "{{ no_param(see(1), see(2)) }}|{{ one(see(3), see(4)) }}"),
                    b -> b.strictVariables(true)
                            .function(FunctionDefinition.of("see", (ctx, a) -> {
                                seen.add(a[0]);
                                return a[0];
                            }).params("v"))
                            .function(FunctionDefinition.of("no_param", (ctx, a) -> a.length))
                            .function(FunctionDefinition.of("one", (ctx, a) -> a.length).params("x")));
            // the callable still receives only its parameters
            assertEquals("0|1", e.render("index.twig", Map.of()));
            assertEquals(List.of(1L, 2L, 3L, 4L), seen);
        }

        @Test
        void extraArgumentsOfMacrosAreEvaluated() {
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{% macro m(a) %}{{ a }}{% endmacro %}{{ _self.m(1, nope) }}");
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{% macro m() %}x{% endmacro %}{% set r = _self.m(nope) %}");
        }

        @Test
        void theDefaultValueOfDefaultIsAlwaysEvaluated() {
            // Twig compiles x|default(d) to "x is defined ? default(x, d) : d": d is evaluated either way
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{{ name|default(nope) }}", "name", "Ann");
            failsWith(TemplateRuntimeException.class, "Variable \"nope\" does not exist in \"index.twig\" at line 1.",
                    "{{ missing|default(nope) }}");
            assertEquals("Ann|d", renderStrict("{{ name|default('d') }}|{{ missing|default('d') }}", "name", "Ann"));
        }

        @Test
        void testsTwigCompilesInlineIgnoreTheirExtraArguments() {
            assertEquals("yes", renderStrict("{{ 1 is odd(nope) and 2 is divisible by(2, nope) and null is "
                    + "none(nope) ? 'yes' : 'no' }}"));
        }

        @Test
        void aTestedValueIsEvaluatedOnce() {
            AtomicInteger calls = new AtomicInteger();
            Environment e = env(templates("index.twig", "{{ tick() is odd ? 'o' : 'e' }}{{ tick() is even ? 'e' : 'o' }}"),
                    b -> b.strictVariables(true).function(FunctionDefinition.of("tick", (ctx, a) -> {
                        calls.incrementAndGet();
                        return 3.0;
                    })));
            assertEquals("oo", e.render("index.twig", Map.of()));
            assertEquals(2, calls.get());
        }

        @Test
        void blockDropsItsExtraArgumentsUnevaluated() {
            // Twig's parser callable for block() keeps its two parameters and compiles nothing else
            assertEquals("B|B", renderStrict("{% block b %}B{% endblock %}|{{ block('b', 'index.twig', nope) }}"));
        }
    }

    /** block(name, template) is defined loads the template as Twig's loadTemplate() does: a missing one is an error. */
    @Nested
    class BlockOfAnotherTemplate {
        @Test
        void aMissingTemplateRaisesTheLoaderError() {
            TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> renderAllStrict(templates(
                    "index.twig", "\n{{ block('x', 'missing.twig') is defined ? 'y' : 'n' }}")));
            assertEquals("Template \"missing.twig\" is not defined in \"index.twig\" at line 2.", e.getMessage());
        }

        @Test
        void anExistingTemplateAnswersForItsBlocks() {
            Map<String, String> t = templates("index.twig",
                    "{{ block('b', 'e.twig') is defined ? 'y' : 'n' }}{{ block('x', 'e.twig') is defined ? 'y' : 'n' }}"
                            + "{{ block('p', 'e.twig') is defined ? 'y' : 'n' }}",
                    "e.twig", "{% extends 'base.twig' %}{% block b %}{% endblock %}",
                    "base.twig", "{% block p %}{% endblock %}");
            assertEquals("yny", renderAllStrict(t));
        }
    }

    /** The guard tag (3.15) checks the environment at compile time; the branch that cannot run still parses. */
    @Nested
    class Guard {
        @Test
        void whitespaceAroundTheNameIsJustWhitespace() {
            String[] forms = {"{% guard function  range %}", "{% guard function\n    range %}",
                "{%\tguard\tfunction\trange\t%}", "{%- guard  function   range -%}", "{%guard function range%}"};
            for (String open : forms) {
                assertEquals("yes", renderStrict(open + "yes{% else %}no{% endguard %}"), open);
                assertEquals("no", renderStrict(open.replace("range", "nope") + "yes{% else %}no{% endguard %}"),
                        open);
            }
            assertEquals("yes", renderStrict("{% guard test  divisible\n by %}yes{% else %}no{% endguard %}"));
            assertEquals("yes", renderStrict("{% guard filter\n\tupper %}yes{% else %}no{% endguard %}"));
        }

        @Test
        void theBranchThatCannotRunAcceptsEveryUnknownCallable() {
            assertEquals("no", renderStrict("{% guard function importmap %}{{ importmap('app')|asset_url }}"
                    + "{% if x is stimulus_enabled %}{{ csp_nonce() }}{% endif %}{% else %}no{% endguard %}"));
        }

        @Test
        void theBranchThatRunsStillRefusesUnknownCallables() {
            failsWith(TemplateSyntaxException.class, "Unknown \"nope\" function in \"index.twig\" at line 1.",
                    "{% guard function range %}{{ nope() }}{% endguard %}");
            failsWith(TemplateSyntaxException.class, "Unknown \"nope\" filter in \"index.twig\" at line 1.",
                    "{% guard function foo %}{% else %}{{ 1|nope }}{% endguard %}");
            // the else branch of a guard that holds never runs, but is parsed as usual
            failsWith(TemplateSyntaxException.class, "Unknown \"nope\" function in \"index.twig\" at line 1.",
                    "{% guard function range %}fallback{% else %}{{ nope() }}{% endguard %}");
        }

        @Test
        void theSandboxSeesOnlyTheBranchThatIsKept() {
            Environment e = env(templates("index.twig", "{% guard filter nope %}{{ x|nope|lower }}{% else %}"
                    + "{{ x|upper }}{% endguard %}"), b -> b.strictVariables(true).sandbox(
                    dev.zweig.sandbox.SecurityPolicy.builder().allowTags("guard").allowFilters("upper").build()));
            assertEquals("A", e.render("index.twig", vars("x", "a")));
        }

        @Test
        void importedMacrosAreNotEnvironmentFunctions() {
            assertEquals("no|m", renderStrict("{% from _self import m %}{% macro m() %}m{% endmacro %}"
                    + "{% guard function m %}yes{% else %}no{% endguard %}|{{ m() }}"));
        }

        @Test
        void anUnsupportedTypeNamesWhatWasGiven() {
            failsWith(TemplateSyntaxException.class, "Supported guard types are function, filter and test, \"tag\" "
                    + "given in \"index.twig\" at line 1.", "{% guard tag if %}{% endguard %}");
        }
    }

    /** _self.macro() finds a macro of the templates the current one extends, however the parent is chosen. */
    @Nested
    class InheritedMacros {
        private static final String A = "{% macro m(x) %}A{{ x }}{% endmacro %}{% block c %}{% endblock %}";
        private static final String B = "{% macro m(x) %}B{{ x }}{% endmacro %}{% block c %}{% endblock %}";

        @Test
        void throughAConditionalExtends() {
            Map<String, String> t = templates("index.twig", "{% extends cond ? 'a.twig' : 'b.twig' %}"
                    + "{% block c %}{{ _self.m(1) }}|{{ _self.m is defined ? 'y' : 'n' }}{% endblock %}",
                    "a.twig", A, "b.twig", B);
            assertEquals("A1|y", renderAllStrict(t, "cond", true));
            assertEquals("B1|y", renderAllStrict(t, "cond", false));
        }

        @Test
        void throughAVariableExtendsAndSeveralLevels() {
            Map<String, String> t = templates("index.twig", "{% extends layout %}{% block c %}{{ _self.m(2) }}"
                    + "{{ _self.m(3) ~ '' }}{% endblock %}",
                    "mid.twig", "{% extends 'b.twig' %}", "a.twig", A, "b.twig", B);
            assertEquals("A2A3", renderAllStrict(t, "layout", "a.twig"));
            assertEquals("B2B3", renderAllStrict(t, "layout", "mid.twig"));
        }

        @Test
        void throughAStaticExtendsAndAnImport() {
            Map<String, String> t = templates("index.twig", "{% extends 'mid.twig' %}{% import _self as me %}"
                    + "{% block c %}{{ me.m(4) }}{% endblock %}",
                    "mid.twig", "{% extends 'a.twig' %}", "a.twig", A);
            assertEquals("A4", renderAllStrict(t));
        }

        @Test
        void theParentIsResolvedWithTheCallersVariables() {
            // as Twig's getTemplateForMacro($name, $context): inside a macro only its arguments are variables
            Map<String, String> t = templates("index.twig", "{% extends cond ? 'a.twig' : 'b.twig' %}"
                    + "{% macro call(cond) %}{{ _self.m(5) }}{% endmacro %}{% block c %}{{ _self.call(false) }}"
                    + "{% endblock %}", "a.twig", A, "b.twig", B);
            assertEquals("B5", renderAllStrict(t, "cond", true));
        }

        @Test
        void aMacroNoTemplateOfTheChainDefinesIsNotDefined() {
            Map<String, String> t = templates("index.twig", "{% extends cond ? 'a.twig' : 'b.twig' %}"
                    + "{% block c %}{{ _self.nope is defined ? 'y' : 'n' }}{{ _self.nope() }}{% endblock %}",
                    "a.twig", A, "b.twig", B);
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderAllStrict(t,
                    "cond", true));
            assertEquals("Macro \"nope\" is not defined in template \"index.twig\" in \"index.twig\" at line 1.",
                    e.getMessage());
        }

        @Test
        void anImportedTemplateFollowsItsDynamicParentWithTheCallersVariables() {
            Map<String, String> t = templates("index.twig", "{% import 'lib.twig' as lib %}"
                    + "{{ lib.m is defined ? 'y' : 'n' }}{{ lib.m(6) }}",
                    "lib.twig", "{% extends layout %}{% macro own() %}{% endmacro %}", "a.twig", A);
            assertEquals("yA6", renderAllStrict(t, "layout", "a.twig"));
        }

        @Test
        void aParentThatCannotBeLoadedIsAnErrorNotAMissingMacro() {
            Map<String, String> t = templates("index.twig", "{% import 'lib.twig' as lib %}"
                    + "{{ lib.m is defined ? 'y' : 'n' }}",
                    "lib.twig", "{% extends layout %}{% macro own() %}{% endmacro %}");
            TemplateLoaderException e = assertThrows(TemplateLoaderException.class, () -> renderAllStrict(t,
                    "layout", "missing.twig"));
            assertEquals("Template \"missing.twig\" is not defined in \"lib.twig\" at line 1.", e.getMessage());
            TemplateRuntimeException u = assertThrows(TemplateRuntimeException.class, () -> renderAllStrict(t));
            assertEquals("Variable \"layout\" does not exist in \"lib.twig\" at line 1.", u.getMessage());
        }
    }

    /** "defined" answers from the structure; it does not swallow failures of what it evaluates. */
    /** A user object: boom() must not run under "defined". */
    public static class Probe {
        public String boom() {
            throw new IllegalStateException("must not be called");
        }

        public String getName() {
            return "probe";
        }
    }

    @Nested
    class DefinedWithoutCatchAll {
        @Test
        void theLastMemberIsLookedUpNotCalled() {
            assertEquals("y|y|n", renderStrict("{{ p.boom is defined ? 'y' : 'n' }}|{{ p.name is defined ? 'y' : 'n' }}"
                    + "|{{ p.other is defined ? 'y' : 'n' }}", "p", new Probe()));
        }

        @Test
        void aMissingLinkOfTheChainAnswersFalse() {
            assertEquals("n|n|y|n", renderStrict("{{ nope.a.b is defined ? 'y' : 'n' }}|{{ m.x.y is defined ? 'y' : "
                    + "'n' }}|{{ m.a.b is defined ? 'y' : 'n' }}|{{ m.a.c is defined ? 'y' : 'n' }}",
                    "m", Map.of("a", Map.of("b", 1))));
        }

        @Test
        void failuresInsideTheTestedExpressionPropagate() {
            failsWith(TemplateRuntimeException.class, "Variable \"key\" does not exist in \"index.twig\" at line 1.",
                    "{{ m[key] is defined ? 'y' : 'n' }}", "m", Map.of());
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict(
                    "{{ p.boom.x is defined ? 'y' : 'n' }}", "p", new Probe()));
            assertEquals(IllegalStateException.class, rootCause(e).getClass());
        }

        @Test
        void constantIsDefinedIsAnsweredWithoutRaising() {
            assertEquals("y|n|n|y", renderStrict("{{ constant('PHP_EOL') is defined ? 'y' : 'n' }}"
                    + "|{{ constant('NOPE') is defined ? 'y' : 'n' }}|{{ constant('Nope::X') is defined ? 'y' : 'n' }}"
                    + "|{{ constant('class', p) is defined ? 'y' : 'n' }}", "p", new Probe()));
        }

        private Throwable rootCause(Throwable t) {
            while (t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
    }

    private static String pad(Object s, Object len) {
        StringBuilder sb = new StringBuilder(Values.toString(s));
        while (sb.length() < Values.toNumber(len).longValue()) {
            sb.append('.');
        }
        return sb.toString();
    }
}
