package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The side doors of the sandbox, each tried as an attacker would: a template object rendered through its own
 * Java methods, templates reached by import, use and block() instead of include, data objects' code run by
 * conversions and comparisons, callables that are no arrow functions, forbidden values wrapped in an Optional,
 * an array or a callable's result, and constant() by simple name. Every one of them worked before it was closed.
 */
class SandboxSideDoorsTest {

    /** Application data: only getTitle is allowed by the policies below. */
    public static class Article {
        boolean equalsCalled;
        boolean compared;

        public String getTitle() {
            return "Title";
        }

        public String getSecret() {
            return "s3cret";
        }

        @Override
        public String toString() {
            return "ARTICLE";
        }

        @Override
        public boolean equals(Object o) {
            equalsCalled = true;
            return o instanceof Article;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    public static class Version implements Comparable<Version> {
        final int n;
        boolean compared;

        Version(int n) {
            this.n = n;
        }

        @Override
        public int compareTo(Version o) {
            compared = true;
            return Integer.compare(n, o.n);
        }

        @Override
        public String toString() {
            return "v" + n;
        }
    }

    /** Holds forbidden values behind an Optional, an array, a method with arguments and a list. */
    public static class Holder {
        public Optional<Class<?>> getTypedOptional() {
            return Optional.of(String.class);
        }

        public Object getLooseOptional() {
            return Optional.of(String.class);
        }

        public Object[] getObjects() {
            return new Object[] {"ok", String.class};
        }

        public Class<?>[] getClasses() {
            return new Class<?>[] {String.class};
        }

        public Object pick(long i) {
            return i == 0 ? "ok" : Thread.currentThread();
        }

        public List<Class<?>> getClassList() {
            return List.of(String.class);
        }

        public Object getLooseList() {
            return List.of("ok", String.class);
        }
    }

    public enum Status { OPEN, CLOSED }

    public static final class Constants {
        public static final String GREETING = "hello";
        public static final Object HIDDEN = String.class;
    }

    private static final String[] LEAKS = {"class java", "Thread[", "s3cret"};

    private static Environment tagSandbox(Map<String, String> templates, SecurityPolicy p) {
        return Environment.builder().loader(new MapLoader(templates)).securityPolicy(p).autoescape(false).build();
    }

    private static Environment globalSandbox(Map<String, String> templates, SecurityPolicy p) {
        return Environment.builder().loader(new MapLoader(templates)).sandbox(p).autoescape(false).build();
    }

    private static Map<String, String> with(String... nameSource) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < nameSource.length; i += 2) {
            m.put(nameSource[i], nameSource[i + 1]);
        }
        return m;
    }

    // ---- template objects ------------------------------------------------------------------------------------

    @Test
    void aTemplateFromStringCannotBeRenderedThroughItsMethods() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "sandbox")
                .allowFunctions("template_from_string", "include", "attribute").allowMethods(Article.class, "getTitle")
                .build();
        Map<String, String> t = with("index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}");
        for (String attack : new String[] {
            "{{ template_from_string('{{ a.secret }}').render({a: a}) }}",
            "{{ template_from_string('{{ a.secret }}').renderBlock('b', {a: a}) }}",
            "{{ attribute(template_from_string('{{ a.secret }}'), 'render', [{a: a}]) }}",
            "{{ template_from_string('x').name }}",
            "{{ template_from_string('x').hasBlock('b') ? 'y' : 'n' }}",
        }) {
            t.put("user.twig", attack);
            Environment env = tagSandbox(t, p);
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> env.render("index.twig", Map.of("a", new Article())), attack);
            assertEquals("Accessing \\Twig\\Template attributes is forbidden.", e.getRawMessage(), attack);
            assertEquals("user.twig", e.getTemplateName());
        }
        // outside any sandbox too: a template is included, extended or embedded, never called
        Environment plain = Environment.builder().loader(new MapLoader(Map.of())).build();
        assertThrows(TemplateRuntimeException.class,
                () -> plain.createTemplate("{{ template_from_string('x').render({}) }}").render(Map.of()));
        // what a template object is for still works, and stays sandboxed
        t.put("user.twig", "{{ include(template_from_string('{{ a.title }}')) }}");
        assertEquals("Title", tagSandbox(t, p).render("index.twig", Map.of("a", new Article())));
        t.put("user.twig", "{{ include(template_from_string('{{ a.secret }}')) }}");
        assertThrows(SecurityNotAllowedMethodException.class,
                () -> tagSandbox(t, p).render("index.twig", Map.of("a", new Article())));
    }

    @Test
    void importedTemplatesHiddenInTheContextStayHidden() {
        // before: _context handed out the hidden slot of an import, a template whose render() ran unsandboxed
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "import", "sandbox")
                .allowFilters("keys", "join", "length").build();
        Map<String, String> t = with(
                "index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}",
                "other.twig", "{{ 'x'|upper }}",
                "user.twig", "{% import 'other.twig' as m %}[{{ _context[\"\\x00m:user.twig:m\"] is null ? 'hidden' "
                        + ": 'leaked' }}][{{ _context|keys|join(',') }}][{{ _context[\"\\x00m:user.twig:m\"]|length }}]");
        assertEquals("[hidden][][0]", tagSandbox(t, p).render("index.twig", Map.of()));
        // an import alias is no variable either: m.render() is a call of a macro named "render"
        t.put("user.twig", "{% import 'other.twig' as m %}{{ m.render({}) }}");
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> tagSandbox(t, p).render("index.twig", Map.of()));
        assertTrue(e.getMessage().startsWith("Macro \"render\" is not defined in template \"other.twig\""),
                e.getMessage());
    }

    @Test
    void aRenderStartedInsideASandboxedRenderIsSandboxed() {
        // an extension renders another template while a sandboxed include runs: that render is sandboxed too
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "sandbox").allowFunctions("widget").build();
        Environment[] holder = new Environment[1];
        Map<String, String> t = with(
                "index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}",
                "user.twig", "{{ widget() }}",
                "widget.twig", "{{ 'w'|upper }}");
        Environment env = Environment.builder().loader(new MapLoader(t)).securityPolicy(p).autoescape(false)
                .function(FunctionDefinition.of("widget", (ctx, args) -> holder[0].render("widget.twig", Map.of())))
                .build();
        holder[0] = env;
        SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                () -> env.render("index.twig", Map.of()));
        assertEquals("widget.twig", e.getTemplateName());
        // outside the sandbox section the same function renders freely, and the next render is not sandboxed
        Environment open = Environment.builder().loader(new MapLoader(with("i.twig", "{{ widget() }}",
                "widget.twig", "{{ 'w'|upper }}"))).securityPolicy(p)
                .function(FunctionDefinition.of("widget", (ctx, args) -> holder[0].render("widget.twig", Map.of())))
                .build();
        holder[0] = open;
        assertEquals("W", open.render("i.twig", Map.of()));
        assertEquals("W", open.render("widget.twig", Map.of()));
    }

    // ---- every template a sandboxed render reaches is checked -------------------------------------------------

    private static final SecurityPolicy INCLUDES_ONLY = SecurityPolicy.builder()
            .allowTags("include", "import", "from", "use", "sandbox", "macro", "block", "extends")
            .allowFunctions("block", "include").build();

    private static void assertRefusedIn(String template, Map<String, String> t) {
        t.put("index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}");
        SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                () -> tagSandbox(t, INCLUDES_ONLY).render("index.twig", Map.of()));
        assertEquals("upper", e.getFilterName());
        assertEquals(template, e.getTemplateName());
        // and in a globally sandboxed environment (checked when compiled)
        assertThrows(SecurityNotAllowedFilterException.class,
                () -> globalSandbox(t, INCLUDES_ONLY).render("user.twig", Map.of()));
    }

    @Test
    void importedMacrosAreCheckedAgainstThePolicy() {
        assertRefusedIn("macros.twig", with(
                "user.twig", "{% import 'macros.twig' as m %}{{ m.shout() }}",
                "macros.twig", "{% macro shout() %}{{ 'x'|upper }}{% endmacro %}"));
        assertRefusedIn("macros.twig", with(
                "user.twig", "{% from 'macros.twig' import shout %}{{ shout() }}",
                "macros.twig", "{% macro shout() %}{{ 'x'|upper }}{% endmacro %}"));
        // a default value runs before the macro's body
        assertRefusedIn("macros.twig", with(
                "user.twig", "{% import 'macros.twig' as m %}{{ m.hi() }}",
                "macros.twig", "{% macro hi(v = 'x'|upper) %}{% endmacro %}"));
    }

    @Test
    void usedBlocksAreCheckedAgainstThePolicy() {
        assertRefusedIn("trait.twig", with(
                "user.twig", "{% use 'trait.twig' %}{{ block('b') }}",
                "trait.twig", "{% block b %}{{ 'x'|upper }}{% endblock %}"));
    }

    @Test
    void blocksOfOtherTemplatesAreCheckedAgainstThePolicy() {
        assertRefusedIn("other.twig", with(
                "user.twig", "{{ block('b', 'other.twig') }}",
                "other.twig", "{% block b %}{{ 'x'|upper }}{% endblock %}"));
    }

    @Test
    void theExtendsExpressionOfATemplateReachedForABlockOrAMacroIsChecked() {
        // x.twig is never displayed: only its parent is looked up, which runs x's extends expression
        String x = "{% extends 'p'|upper ~ '.twig' %}";
        String p = "{% block b %}parent block{% endblock %}{% macro fromParent() %}parent macro{% endmacro %}";
        assertRefusedIn("x.twig", with("user.twig", "{{ block('b', 'x.twig') }}", "x.twig", x, "P.twig", p));
        assertRefusedIn("x.twig", with("user.twig", "{{ block('b', 'x.twig') is defined ? 'y' : 'n' }}",
                "x.twig", x, "P.twig", p));
        assertRefusedIn("x.twig", with("user.twig", "{% import 'x.twig' as m %}{{ m.fromParent() }}",
                "x.twig", x, "P.twig", p));
    }

    @Test
    void embeddedTemplatesAreCheckedWithTheirEnclosingTemplate() {
        Map<String, String> t = with(
                "user.twig", "{% embed 'base.twig' %}{% block b %}{{ 'x'|upper }}{% endblock %}{% endembed %}",
                "base.twig", "{% block b %}{% endblock %}");
        t.put("index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}");
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "sandbox", "embed", "block").build();
        SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                () -> tagSandbox(t, p).render("index.twig", Map.of()));
        assertEquals("user.twig", e.getTemplateName());
        SecurityPolicy withUpper = SecurityPolicy.builder().allowTags("include", "sandbox", "embed", "block")
                .allowFilters("upper").build();
        assertEquals("X", tagSandbox(t, withUpper).render("index.twig", Map.of()));
    }

    @Test
    void templatesReachedOutsideTheSandboxSectionAreNotChecked() {
        Map<String, String> t = with(
                "index.twig", "{% import 'macros.twig' as m %}{{ m.shout() }}{{ block('b', 'macros.twig') }}",
                "macros.twig", "{% macro shout() %}{{ 'x'|upper }}{% endmacro %}{% block b %}{{ 'y'|upper }}"
                        + "{% endblock %}");
        assertEquals("XY", tagSandbox(t, INCLUDES_ONLY).render("index.twig", Map.of()));
    }

    // ---- conversions and comparisons run data objects' code: method calls the policy must allow --------------

    private static final SecurityPolicy CONVERSIONS = SecurityPolicy.builder()
            .allowTags("if", "for").allowFilters("lower", "trim", "join", "format", "length", "sort", "map", "invoke",
                    "filter", "reduce", "upper", "default", "first", "keys")
            .allowFunctions("max", "min").allowMethods(Article.class, "getTitle").build();

    @Test
    void toStringIsAMethodCallWhateverAsksForTheText() {
        Environment env = globalSandbox(Map.of(), CONVERSIONS);
        for (String attack : new String[] {
            "{{ a ~ '' }}", "{{ 'x' ~ a }}", "{{ a|lower }}", "{{ a|trim }}", "{{ a|upper }}", "{{ [a]|join }}",
            "{{ '%s'|format(a) }}", "{{ 'ARTICLE' < a ? 'y' : 'n' }}",
            "{{ a|length }}", "{{ a is empty ? 'y' : 'n' }}", "{{ {(a): 1}|keys|first }}", "{% if a %}{{ a }}{% endif %}",
        }) {
            SecurityNotAllowedMethodException e = assertThrows(SecurityNotAllowedMethodException.class,
                    () -> env.createTemplate(attack, "t.twig").render(Map.of("a", new Article())), attack);
            assertEquals("tostring", e.getMethodName(), attack);
            assertEquals("t.twig", e.getTemplateName(), attack);
        }
        // allowed: the same conversions work
        SecurityPolicy allowed = SecurityPolicy.builder().allowFilters("lower", "join", "format")
                .allowMethods(Article.class, "toString").build();
        Environment ok = globalSandbox(Map.of(), allowed);
        assertEquals("ARTICLEx article ARTICLE ARTICLE", ok.createTemplate("{{ a ~ 'x' }} {{ a|lower }} {{ [a]|join }} "
                + "{{ '%s'|format(a) }}").render(Map.of("a", new Article())));
    }

    @Test
    void equalsAndCompareToAreMethodCalls() {
        Environment env = globalSandbox(Map.of(), CONVERSIONS);
        Article a = new Article();
        Version v1 = new Version(1);
        Map<String, Object> data = Map.of("a", a, "b", new Article(), "v1", v1, "v2", new Version(2));
        for (String[] attack : new String[][] {
            {"{{ a == b ? 'eq' : 'ne' }}", "equals"}, {"{{ a != b ? 'ne' : 'eq' }}", "equals"},
            {"{{ a == 'ARTICLE' ? 'eq' : 'ne' }}", "equals"},
            {"{{ v1 < v2 ? 'lt' : 'ge' }}", "compareto"}, {"{{ [v2, v1]|sort|first }}", "compareto"},
            {"{{ max(v1, v2) }}", "compareto"},
        }) {
            SecurityNotAllowedMethodException e = assertThrows(SecurityNotAllowedMethodException.class,
                    () -> env.createTemplate(attack[0]).render(data), attack[0]);
            assertEquals(attack[1], e.getMethodName(), attack[0]);
        }
        assertFalse(a.equalsCalled, "equals ran");
        assertFalse(v1.compared, "compareTo ran");
        // identity needs no call; `in` compares objects by identity; enums compare by identity and ordinal
        assertEquals("same in", env.createTemplate("{{ a == a ? 'same' : 'other' }} {{ a in [a] ? 'in' : 'out' }}")
                .render(data));
        assertEquals("ne lt", env.createTemplate("{{ s1 == s2 ? 'eq' : 'ne' }} {{ s1 < s2 ? 'lt' : 'ge' }}")
                .render(Map.of("s1", Status.OPEN, "s2", Status.CLOSED)));
        SecurityPolicy allowed = SecurityPolicy.builder().allowFilters("sort", "first")
                .allowMethods(Article.class, "equals").allowMethods(Version.class, "compareTo", "toString").build();
        assertEquals("eq lt v1", globalSandbox(Map.of(), allowed).createTemplate(
                "{{ a == b ? 'eq' : 'ne' }} {{ v1 < v2 ? 'lt' : 'ge' }} {{ [v2, v1]|sort|first }}").render(data));
    }

    /** Found by the sandboxed fuzz target: {@code same as} with a boolean ran the object's equals. */
    @Test
    void sameAsBetweenAnObjectAndABooleanRunsNoEquals() {
        Environment env = globalSandbox(Map.of(), CONVERSIONS);
        Article a = new Article();
        assertEquals("no no no", env.createTemplate("{{ a is same as(true) ? 'yes' : 'no' }} "
                + "{{ false is same as(a) ? 'yes' : 'no' }} {{ a is same as(1 == 1) ? 'yes' : 'no' }}")
                .render(Map.of("a", a)));
        assertFalse(a.equalsCalled, "equals ran");
        assertEquals("yes no", env.createTemplate("{{ true is same as(1 == 1) ? 'yes' : 'no' }} "
                + "{{ true is same as(false) ? 'yes' : 'no' }}").render(Map.of()));
    }

    @Test
    void callablesOtherThanArrowFunctionsAreRefusedInASandbox() {
        Function<Object, Object> fn = x -> "called(" + x + ")";
        dev.zweig.ext.Lambda lambda = args -> "lambda";
        Environment env = globalSandbox(Map.of(), CONVERSIONS);
        for (String attack : new String[] {"{{ f|invoke(1) }}", "{{ [1]|map(f)|join }}", "{{ [1]|filter(f)|join }}",
            "{{ [1, 2]|sort(f)|join }}", "{{ [1]|reduce(f, 0) }}", "{{ l|invoke }}", "{{ [1]|map(l)|join }}"}) {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> env.createTemplate(attack).render(Map.of("f", fn, "l", lambda)), attack);
            assertTrue(e.getRawMessage().startsWith("The callable must be an arrow function in sandbox mode"),
                    e.getMessage());
        }
        assertEquals("2", env.createTemplate("{{ [1]|map(x => x + 1)|join }}").render(Map.of()));
        // outside a sandbox a Function still works
        Environment plain = Environment.builder().loader(new MapLoader(Map.of())).build();
        assertEquals("called(1)", plain.createTemplate("{{ f|invoke(1) }}").render(Map.of("f", fn)));
    }

    // ---- forbidden values, however wrapped --------------------------------------------------------------------

    @Test
    void forbiddenValuesBehindOptionalsArraysListsAndCallablesAreRefused() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of())).autoescape(false).build();
        Function<Object, Object> leak = x -> String.class;
        Map<String, Object> data = Map.of("h", new Holder(), "f", leak, "m", Map.of("c", String.class),
                "arr", new Object[] {String.class});
        String[] attacks = {
            "{{ h.typedOptional }}", "{{ h.looseOptional }}", "{{ h.looseOptional.name }}", "{{ h.objects }}",
            "{{ h.objects|first }}", "{{ h.objects[1] }}", "{{ h.classes[0] }}", "{{ h.classes|join }}",
            "{{ h.pick(1) }}", "{{ h.pick(1).name }}", "{{ h.classList|first }}", "{{ h.looseList[1] }}",
            "{{ f|invoke(1) }}", "{{ [1]|map(f)|first }}", "{{ m.c }}", "{{ m['c'] }}", "{{ arr[0] }}",
            "{{ attribute(h, 'pick', [1]) }}",
        };
        for (String attack : attacks) {
            String out;
            try {
                out = env.createTemplate(attack).render(data);
            } catch (TemplateException e) {
                continue; // refused outright (strict-mode-like errors for unreachable members)
            }
            for (String leakText : LEAKS) {
                assertFalse(out.contains(leakText), attack + " gave " + out);
            }
            assertEquals("", out, attack);
        }
        assertEquals("ok ok ok", env.createTemplate("{{ h.pick(0) }} {{ h.objects is null ? 'ok' : 'no' }} "
                + "{{ h.looseList[0] }}").render(data));
        // declared types: a getter whose type mentions a forbidden type is no member at all
        Environment strict = Environment.builder().loader(new MapLoader(Map.of())).strictVariables(true).build();
        for (String attack : new String[] {"{{ h.typedOptional }}", "{{ h.classes }}", "{{ h.classList }}"}) {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> strict.createTemplate(attack).render(data), attack);
            assertTrue(e.getRawMessage().startsWith("Neither the property"), e.getMessage());
        }
    }

    @Test
    void constantAndEnumReachRegisteredClassesByTheirFullNameOnly() {
        Environment env = Environment.builder().loader(new MapLoader(Map.of())).strictVariables(true)
                .registerClass(Constants.class).registerClass(Status.class).registerClass("App\\Status", Status.class)
                .build();
        String full = Constants.class.getName();
        assertEquals("hello", env.createTemplate("{{ constant('" + full + "::GREETING') }}").render(Map.of()));
        assertEquals("CLOSED", env.createTemplate("{{ enum('" + Status.class.getName() + "').CLOSED.name }}")
                .render(Map.of()));
        assertEquals("OPEN", env.createTemplate("{{ enum('App\\\\Status').OPEN.name }}").render(Map.of()));
        for (String attack : new String[] {"{{ constant('Constants::GREETING') }}", "{{ enum('Status').OPEN }}",
            "{{ enum_cases('Status')|length }}", "{{ constant('" + full + "::HIDDEN') }}",
            "{{ constant('" + full + "::HIDDEN').name }}"}) {
            // refused when it renders, or when it compiles (a constant enum name, checked as Twig checks it)
            assertThrows(TemplateException.class, () -> env.createTemplate(attack).render(Map.of()), attack);
        }
    }

    @Test
    void theSandboxStillRendersWhatThePolicyAllows() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("include", "import", "sandbox", "macro")
                .allowFilters("upper").allowMethods(Article.class, "getTitle").build();
        Map<String, String> t = with(
                "index.twig", "{% sandbox %}{% include 'user.twig' %}{% endsandbox %}",
                "user.twig", "{% import 'macros.twig' as m %}{{ m.shout(a.title) }}",
                "macros.twig", "{% macro shout(s) %}{{ s|upper }}{% endmacro %}");
        assertEquals("TITLE", tagSandbox(t, p).render("index.twig", Map.of("a", new Article())));
        Template tpl = globalSandbox(t, p).load("user.twig");
        assertEquals("TITLE", tpl.render(Map.of("a", new Article())));
        for (String leak : LEAKS) {
            assertFalse(tpl.render(Map.of("a", new Article())).contains(leak));
        }
    }
}
