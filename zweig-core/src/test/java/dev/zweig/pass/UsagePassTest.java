package dev.zweig.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.ast.Module;
import dev.zweig.core.CoreExtension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.parser.Definitions;
import dev.zweig.parser.Parser;
import dev.zweig.parser.TagParser;
import dev.zweig.parser.tags.CoreTags;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityNotAllowedTagException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What UsagePass reports: the tags, filters and functions a template uses, with their first line. */
class UsagePassTest {
    private static final Definitions DEFS = definitions();

    private static Definitions definitions() {
        CoreExtension core = new CoreExtension();
        Map<String, FilterDefinition> f = new LinkedHashMap<>();
        core.filters().forEach(d -> f.put(d.name(), d));
        Map<String, FunctionDefinition> fn = new LinkedHashMap<>();
        core.functions().forEach(d -> fn.put(d.name(), d));
        Map<String, TestDefinition> t = new LinkedHashMap<>();
        core.tests().forEach(d -> t.put(d.name(), d));
        Map<String, TagParser> tags = new LinkedHashMap<>();
        CoreTags.all().forEach(p -> tags.put(p.tag(), p));
        return new Definitions(f, fn, t, tags);
    }

    private static Module parse(String source) {
        return new Parser(DEFS, "index.twig", source).parse();
    }

    private static UsagePass.Usage usage(String source) {
        return UsagePass.of(parse(source));
    }

    private static UsagePass.Usage usageAfterEscaping(String source) {
        return UsagePass.of(new EscaperPass(DEFS, "html").apply(parse(source)));
    }

    @Test
    void tagsWithTheirFirstLine() {
        UsagePass.Usage u = usage("""
                {% if a %}
                {% for x in b %}{% set y = 1 %}{% endfor %}
                {% endif %}
                {% set c %}captured{% endset %}
                {% if d %}{% endif %}
                {% with {e: 1} %}{% do e %}{% endwith %}
                {% autoescape 'js' %}{% endautoescape %}
                {% apply upper %}x{% endapply %}
                """);
        // by line, then by name within a line
        assertEquals(List.of("if", "for", "set", "do", "with", "autoescape", "apply"),
                List.copyOf(u.tags().keySet()));
        assertEquals(1, u.tags().get("if"));
        assertEquals(2, u.tags().get("for"));
        assertEquals(2, u.tags().get("set"));
        assertEquals(8, u.tags().get("apply"));
        assertEquals(Map.of("upper", 8), u.filters());
    }

    @Test
    void moduleLevelTags() {
        UsagePass.Usage u = usage("""
                {% extends 'base.twig' %}
                {% use 'traits.twig' %}
                {% import 'macros.twig' as m %}
                {% from 'macros.twig' import hello %}
                {% block content %}{% include 'part.twig' %}{% endblock %}
                {% macro greet(name) %}{{ name|title }}{% endmacro %}
                """);
        assertEquals(Map.of("extends", 1, "use", 2, "import", 3, "from", 4, "block", 5, "include", 5, "macro", 6),
                u.tags());
        assertEquals(Map.of("title", 6), u.filters());
    }

    @Test
    void embedSandboxGuardAndTheirContents() {
        UsagePass.Usage u = usage("""
                {% embed 'card.twig' %}
                  {% block body %}{{ x|upper }}{% endblock %}
                {% endembed %}
                {% sandbox %}{% include 'a.twig' %}{% endsandbox %}
                {% guard function nope %}{{ nope() }}{% else %}{{ max(1, 2) }}{% endguard %}
                {% deprecated 'old' %}{% flush %}
                """);
        assertEquals(Map.of("embed", 1, "block", 2, "sandbox", 4, "include", 4, "guard", 5, "deprecated", 6,
                "flush", 6), u.tags());
        assertEquals(Map.of("upper", 2), u.filters());
        assertEquals(5, u.functions().get("max"));
    }

    @Test
    void filtersAndFunctionsEverywhere() {
        UsagePass.Usage u = usage("""
                {{ a|lower }}
                {{ b ? c|upper : d|trim }}
                {{ items|map(i => i.name|title)|join(', ') }}
                {{ range(1, 3)|last }}{{ (1..3)|first }}
                {{ {(key|lower): [x|abs, ...y|keys]}|json_encode }}
                {{ include('x.twig', {v: date()|date('Y')}) }}
                {{ "#{name|capitalize}" }}
                {{ obj.method(arg|round) }}{{ m.macro(z|length) }}
                {% set q = r|default(s) %}{% for k in t|sort %}{% endfor %}
                {{ attribute(obj, name|lower) }}{{ cycle(['a'], 1) }}{{ u is empty ? v|last }}
                """);
        assertEquals(Map.ofEntries(Map.entry("lower", 1), Map.entry("upper", 2), Map.entry("trim", 2),
                Map.entry("map", 3), Map.entry("title", 3), Map.entry("join", 3), Map.entry("last", 4),
                Map.entry("first", 4), Map.entry("json_encode", 5), Map.entry("abs", 5), Map.entry("keys", 5),
                Map.entry("date", 6), Map.entry("capitalize", 7), Map.entry("round", 8), Map.entry("length", 8),
                Map.entry("default", 9), Map.entry("sort", 9)), u.filters());
        assertEquals(List.of("lower", "trim", "upper", "join", "map", "title"),
                List.copyOf(u.filters().keySet()).subList(0, 6));
        assertEquals(Map.of("range", 4, "include", 6, "date", 6, "cycle", 10), u.functions());
        assertEquals(1, u.filters().get("lower"));
    }

    @Test
    void escapeFiltersOfTheEscapingPassAreNotTheAuthors() {
        UsagePass.Usage u = usageAfterEscaping("{{ a }}{{ b|upper }}{{ c|e('js') }}{{ d|escape }}");
        assertEquals(List.of("e", "escape", "upper"), List.copyOf(u.filters().keySet()));
        assertEquals(usage("{{ a }}{{ b|upper }}{{ c|e('js') }}{{ d|escape }}").filters(), u.filters());
    }

    @Test
    void nothingUsed() {
        UsagePass.Usage u = usage("just text {# and a comment #}");
        assertEquals(Map.of(), u.tags());
        assertEquals(Map.of(), u.filters());
        assertEquals(Map.of(), u.functions());
    }

    @Test
    void ordersByLineSoThePolicyRefusesTheFirstInTheSource() {
        UsagePass.Usage u = usage("{{ a|upper }}\n{% if x %}{% endif %}\n{{ b|lower }}\n{{ c|trim }}");
        SecurityPolicy p = SecurityPolicy.builder().allowTags("if").allowFilters("upper").build();
        SecurityNotAllowedFilterException e = assertThrows(SecurityNotAllowedFilterException.class,
                () -> p.checkSecurity(u.tags().keySet(), u.filters().keySet(), u.functions().keySet()));
        assertEquals("lower", e.getFilterName());
        assertEquals(3, u.lineOf(e));
        e.locate("index.twig", u.lineOf(e));
        assertEquals("Filter \"lower\" is not allowed in \"index.twig\" at line 3.", e.getMessage());

        SecurityNotAllowedTagException t = assertThrows(SecurityNotAllowedTagException.class,
                () -> SecurityPolicy.denyAll().checkSecurity(u.tags().keySet(), u.filters().keySet(),
                        u.functions().keySet()));
        assertEquals(2, u.lineOf(t));
    }
}
