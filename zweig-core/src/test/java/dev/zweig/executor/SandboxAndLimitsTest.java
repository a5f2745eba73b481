package dev.zweig.executor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLimitException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The compiled executor keeps the sandbox and the render limits exactly as the interpreter does: a template reaches
 * no class, class loader, static member, generated class or engine object through the values the engine hands it
 * (_self, imported templates, macros, arrows, loop, _parent, _context, template_from_string), and every limit
 * stops a render with the same TemplateLimitException at the same place.
 */
class SandboxAndLimitsTest {
    private static final Map<String, Object> DATA = Map.of("list", List.of(1L, 2L), "map", Map.of("a", 1L));

    /** The outcome of a render: output, or exception class, message, template and line. */
    private static String outcome(Executor executor, String source, Consumer<Environment.Builder> config) {
        Environment.Builder b = Environment.builder().executor(executor)
                .loader(new MapLoader(Map.of("t", source, "other", "{% macro m() %}m{% endmacro %}")));
        config.accept(b);
        try {
            return b.build().render("t", DATA);
        } catch (TemplateException e) {
            return "!" + e.getClass().getSimpleName() + ": " + e.getMessage() + " @" + e.getTemplateName() + ":"
                    + e.getLine();
        }
    }

    /** Both executors agree; returns their outcome. */
    private static String same(String source, Consumer<Environment.Builder> config) {
        String interpreted = outcome(Executor.INTERPRETED, source, config);
        assertEquals(interpreted, outcome(Executor.COMPILED, source, config), source);
        return interpreted;
    }

    /** Member reads on every engine value a template can hold. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{{ _self.getClass() }}", "{{ attribute(_self, 'class') }}", "{{ attribute(_self, 'bytes') }}",
        "{% for x in list %}{{ loop.getClass() }}{% endfor %}", "{% for x in list %}{{ loop.parentFrame }}{% endfor %}",
        "{% for x in list %}{{ attribute(loop, 'class') }}{% endfor %}",
        "{% for x in list %}{{ loop.parent.getClass() }}{% endfor %}",
        "{% for x in list %}{{ loop.snapshot() }}{% endfor %}", "{% for x in list %}{{ _parent.frame }}{% endfor %}",
        "{% for x in list %}{{ _parent.getClass() }}{% endfor %}", "{{ (x => x).getClass() }}", "{{ (x => x).body }}",
        "{{ (x => x).frame }}", "{{ (x => x).st }}", "{% set f = x => x %}{{ attribute(f, 'body') }}",
        "{{ list|map(x => _context.getClass())|first }}", "{{ _context.getClass() }}", "{{ _context.frame }}",
        "{{ _context.entrySet() }}", "{% set t = template_from_string('x') %}{{ t.engine }}",
        "{% set t = template_from_string('x') %}{{ t.body }}",
        "{% set t = template_from_string('x') %}{{ t.getClass() }}",
        "{% set t = template_from_string('x') %}{{ attribute(t, 'module') }}",
        "{% import 'other' as o %}{{ o.getClass() }}", "{% import 'other' as o %}{{ attribute(o, 'engine') }}",
        "{% from 'other' import m %}{{ m.getClass() }}", "{{ _charset.getClass() }}", "{{ 'x'.class }}",
        "{{ constant('dev.zweig.bytecode.TemplateClass::UNDEFINED') }}", "{{ constant('java.lang.System::out') }}",
        "{{ enum('java.lang.Thread$State') }}", "{{ map.getClass().getClassLoader() }}",
        "{{ [1]|map(x => x.getClass())|first }}", "{{ block('b').getClass() }}{% block b %}{% endblock %}",
    })
    void engineValuesExposeNoMembers(String source) {
        String strict = same(source, b -> b.strictVariables(true));
        assertTrue(strict.startsWith("!TemplateRuntimeException") || strict.startsWith("!TemplateSyntaxException"),
                strict);
        // lenient, or in a sandbox allowing the tags, filters and functions: a failure or nothing to see
        revealsNothing(same(source, b -> { }));
        revealsNothing(same(source, b -> b.sandbox(SecurityPolicy.builder().allowTags("for", "set", "import", "from",
                "block").allowFilters("map", "first").allowFunctions("attribute", "template_from_string",
                "constant", "enum", "block").build())));
    }

    private static void revealsNothing(String outcome) {
        assertTrue(outcome.startsWith("!") || outcome.isBlank(), outcome);
    }

    /** What a sandbox policy forbids stays forbidden, with the same error, wherever it is written. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{{ list|join }}", "{% for x in list %}{{ x|upper }}{% endfor %}", "{{ include('other') }}",
        "{% macro m(x) %}{{ x|upper }}{% endmacro %}{{ _self.m('a') }}", "{{ list|map(x => x|upper)|first }}",
        "{% set c %}{{ 'a'|upper }}{% endset %}", "{% with {a: 1} %}{{ a|abs }}{% endwith %}",
        "{% apply upper %}x{% endapply %}", "{{ range(1, 2)|last }}", "{% embed 'other' %}{% endembed %}",
        "{{ map.a }}{{ map|keys|first }}", "{% if list|length %}y{% endif %}", "{{ ('a' ~ list|first)|lower }}",
    })
    void aSandboxForbidsTheSameOnBoth(String source) {
        String out = same(source, b -> b.sandbox(SecurityPolicy.builder().allowTags("for", "macro", "set", "if")
                .allowFilters("first").allowFunctions("range").build()));
        assertTrue(out.startsWith("!Security"), out);
        String sandboxTag = same("{% sandbox %}{% include 't2' %}{% endsandbox %}", b -> b
                .loader(new MapLoader(Map.of("t", "{% sandbox %}{% include 't2' %}{% endsandbox %}", "t2", source,
                        "other", "o")))
                .securityPolicy(SecurityPolicy.builder().allowTags("include").build()));
        assertTrue(sandboxTag.startsWith("!Security") || sandboxTag.startsWith("!TemplateSyntax"), sandboxTag);
    }

    /** Every limit stops the render with the same exception at the same place. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{% for i in 1..100000000 %}{% endfor %}",
        "{% for i in 1..90000 %}{% for j in [1, 2, 3, 4, 5, 6] %}{% endfor %}{% endfor %}",
        "{{ range(1, 100000000)|length }}", "{% macro r(n) %}{{ _self.r(n + 1) }}{% endmacro %}{{ _self.r(0) }}",
        "{% set s = 'x' %}{% for i in 1..40 %}{% set s = s ~ s %}{% endfor %}{{ s|length }}",
        "{% for i in 1..100000 %}{{ 'xxxxxxxxxxxxxxxxxxxxxxxx' }}{% endfor %}",
        "{% set l = [1] %}{% for i in 1..30 %}{% set l = l|merge(l) %}{% endfor %}{{ l|length }}",
        "{{ range(1, 1000)|map(x => range(1, 1000)|map(y => y)|length)|length }}",
        "{% set x %}{% for i in 1..100000 %}yyyyyyyyyyyyyy{% endfor %}{% endset %}{{ x|length }}",
        "{{ include('t') }}", "{% include 't' %}", "{% embed 't' %}{% endembed %}",
        "{{ block('b') }}{% block b %}{{ block('b') }}{% endblock %}", "{{ (1..50000)|sort((a, b) => b <=> a)|first }}",
        "{% for i in 1..300 %}{% for j in 1..300 %}{% for k in 1..300 %}{% endfor %}{% endfor %}{% endfor %}",
    })
    void limitsHoldTheSameOnBoth(String source) {
        String out = same(source, b -> b.limits(RenderLimits.builder().maxOutputChars(1_000_000)
                .maxLoopIterations(500_000).maxDepth(50).maxRangeLength(100_000).deadline(Duration.ofSeconds(30))
                .build()));
        assertTrue(out.startsWith("!" + TemplateLimitException.class.getSimpleName()), out);
    }
}
