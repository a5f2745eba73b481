package dev.zweig.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Markup;
import dev.zweig.TemplateException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Node visitors ({@link NodeVisitor}, {@link VisitedNode}): a pass an extension adds over every parsed template,
 * which sees each print, tag, custom node and call with its name and line, may refuse a construct with a syntax
 * error naming template and line, and may rename calls or wrap prints in a filter; both executors render what it
 * leaves, and the sandbox and the escaping pass judge the rewritten template.
 */
class NodeVisitorTest {
    /** An extension of one visitor (a lambda), with a given priority, and the custom tag {@code repeat}. */
    private static Extension visiting(int priority, Consumer<VisitedNode> enter) {
        return new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(new NodeVisitor() {
                    @Override
                    public void enter(VisitedNode node) {
                        enter.accept(node);
                    }

                    @Override
                    public int priority() {
                        return priority;
                    }
                });
            }

            @Override
            public List<TagParser> tags() {
                return List.of(new CustomTagTest.RepeatTag());
            }

            @Override
            public List<FunctionDefinition> functions() {
                return List.of(FunctionDefinition.of("hello", (ctx, a) -> "hello " + Values.toString(a[0]))
                        .params("who"), FunctionDefinition.of("greet", (ctx, a) -> "greet"));
            }
        };
    }

    /** Renders index.twig with both executors; both must give the same output (returned) or the same error. */
    private static String render(Map<String, String> templates, Map<String, Object> data,
            UnaryOperator<Environment.Builder> config) {
        List<Object> results = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            Environment env = config.apply(Environment.builder().loader(new MapLoader(templates)).executor(ex)
                    .strictVariables(true)).build();
            try {
                results.add(env.render("index.twig", data));
            } catch (TemplateException e) {
                results.add(e);
            }
        }
        if (results.get(0) instanceof TemplateException ea) {
            assertTrue(results.get(1) instanceof TemplateException, "the interpreter rendered " + results.get(1));
            assertEquals(ea.getClass(), results.get(1).getClass());
            assertEquals(ea.getMessage(), ((TemplateException) results.get(1)).getMessage());
            throw ea;
        }
        assertEquals(results.get(0), results.get(1), "the two executors disagree");
        return (String) results.get(0);
    }

    private static String render(String template, Extension... extensions) {
        return render(Map.of("index.twig", template), Map.of(), b -> {
            for (Extension e : extensions) {
                b.extension(e);
            }
            return b;
        });
    }

    /** A lint rule: no |raw anywhere. */
    private static final Extension NO_RAW = visiting(0, n -> {
        if (n.kind() == VisitedNode.Kind.FILTER && n.name().equals("raw")) {
            throw n.error("The \"raw\" filter is not allowed.");
        }
    });

    @Test
    void aVisitorRefusesAConstructWithTheTemplateAndLine() {
        assertEquals("&lt;b&gt;", render(Map.of("index.twig", "{{ x }}"), Map.of("x", "<b>"), b -> b.extension(NO_RAW)));
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> render("ok\n\n{{ x|raw }}", NO_RAW));
        assertEquals("The \"raw\" filter is not allowed in \"index.twig\" at line 3.", e.getMessage());
        // everywhere: blocks, macros, custom tags' expressions and bodies, embedded templates, arguments
        for (String t : List.of("{% block b %}\n{{ 'x'|raw }}{% endblock %}",
                "{% macro m() %}\n{{ 'x'|raw }}{% endmacro %}",
                "{% repeat 1 %}\n{{ 'x'|raw }}{% endrepeat %}",
                "{% repeat 1 %}{% endrepeat %}\n{% repeat '1'|raw %}{% endrepeat %}",
                "{% embed 'e.twig' %}{% block b %}\n{{ 'x'|raw }}{% endblock %}{% endembed %}",
                "{{ 'a'|upper(\n'b'|raw) ~ 'c' }}")) {
            e = assertThrows(TemplateSyntaxException.class,
                    () -> render(Map.of("index.twig", t, "e.twig", "{% block b %}{% endblock %}"), Map.of(),
                            b -> b.extension(NO_RAW)), t);
            assertEquals(2, e.getLine(), t);
            assertEquals("index.twig", e.getTemplateName());
        }
    }

    @Test
    void aVisitorSeesEveryConstructWithItsNameAndLine() {
        List<String> seen = new ArrayList<>();
        Extension recorder = visiting(0, n -> seen.add(n.kind() + " " + n.name() + "@" + n.line()
                + (n.node() != null ? " (node)" : "")));
        render(Map.of("index.twig", "{% extends 'base.twig' %}\n"
                        + "{% block b %}{% if x is defined %}\n{{ x|upper }}{% endif %}\n"
                        + "{% for i in range(1, 2) %}{% repeat i %}{{ i }}{% endrepeat %}{% endfor %}{% endblock %}\n"
                        + "{% macro m() %}{% set y = greet() %}{% endmacro %}",
                "base.twig", "{% block b %}{% endblock %}"), Map.of(), b -> b.extension(recorder));
        // the visitor runs once per template compiled, on each executor: base.twig's construct, then index.twig's
        List<String> index = List.of("TAG extends@1", "TAG block@2", "TAG if@2", "TEST defined@2", "PRINT print@3",
                "FILTER upper@3", "TAG for@4", "FUNCTION range@4", "NODE repeat@4 (node)", "PRINT print@4",
                "TAG macro@5", "TAG set@5", "FUNCTION greet@5");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            expected.addAll(index);
            expected.add("TAG block@1");
        }
        assertEquals(expected, seen);
    }

    @Test
    void aVisitorRenamesCalls() {
        Extension rename = visiting(0, n -> {
            switch (n.kind()) {
                case FILTER -> {
                    if (n.name().equals("lower")) {
                        n.rename("upper");
                    }
                }
                case FUNCTION -> {
                    if (n.name().equals("greet")) {
                        n.rename("hello");
                    }
                }
                case TEST -> {
                    if (n.name().equals("odd")) {
                        n.rename("even");
                    }
                }
                default -> {
                }
            }
        });
        assertEquals("AB|hello ann|yes", render("{{ 'ab'|lower }}|{{ greet('ann') }}|{{ 2 is odd ? 'yes' : 'no' }}",
                rename));
        assertEquals("XX", render("{% repeat 2 %}{{ 'x'|lower }}{% endrepeat %}", rename));
        // to a name the Environment does not define: a syntax error at the call's line
        Extension unknown = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.FILTER) {
                n.rename("nope");
            }
        });
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class, () -> render("\n{{ 1|abs }}",
                unknown));
        assertEquals("Unknown \"nope\" filter in \"index.twig\" at line 2.", e.getMessage());
        Extension block = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.FUNCTION) {
                n.rename("block");
            }
        });
        assertThrows(TemplateSyntaxException.class, () -> render("{{ greet() }}", block));
        Extension defined = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.TEST) {
                n.rename("odd");
            }
        });
        assertThrows(TemplateSyntaxException.class, () -> render("{{ x is defined }}", defined));
    }

    @Test
    void aVisitorWrapsPrintsInAFilterAndEscapingJudgesTheResult() {
        Extension upper = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.PRINT) {
                n.wrap("upper");
            }
        });
        Map<String, Object> data = Map.of("x", "<i>", "m", new Markup("<m>"));
        // upper's result is not safe, Markup or not: escaped after it, as Twig does
        assertEquals("&lt;I&gt;-&lt;M&gt;-A", render(Map.of("index.twig", "{{ x }}-{{ m }}-{{ 'a' }}"), data,
                b -> b.extension(upper)));
        Extension raw = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.PRINT && n.line() == 2) {
                n.wrap("raw");
            }
        });
        assertEquals("&lt;i&gt;\n<i>", render(Map.of("index.twig", "{{ x }}\n{{ x }}"), data, b -> b.extension(raw)));
        Extension defaulted = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.PRINT) {
                n.wrap("default", "(none)");
            }
        });
        assertEquals("(none)|y", render(Map.of("index.twig", "{{ a ?? '' }}|{{ b }}"), Map.of("b", "y"),
                b -> b.extension(defaulted)));
        Extension wrapsATag = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.TAG) {
                n.wrap("upper");
            }
        });
        assertThrows(TemplateSyntaxException.class, () -> render("{% if true %}{% endif %}", wrapsATag));
    }

    @Test
    void visitorsRunByPriorityBeforeTheSandboxAndTheEscaping() {
        List<String> order = new ArrayList<>();
        Extension late = visiting(10, n -> order.add("late"));
        Extension early = visiting(-5, n -> order.add("early"));
        Extension same = visiting(10, n -> order.add("same"));
        render("{{ 1 }}", late, early, same);
        assertEquals(List.of("early", "late", "same", "early", "late", "same"), order);
        // the sandbox checks what the visitors leave: lower renamed to upper passes, upper renamed to lower not
        SecurityPolicy upperOnly = SecurityPolicy.builder().allowFilters("upper").build();
        Extension toUpper = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.FILTER && n.name().equals("lower")) {
                n.rename("upper");
            }
        });
        assertEquals("A", render(Map.of("index.twig", "{{ 'a'|lower }}"), Map.of(),
                b -> b.extension(toUpper).sandbox(upperOnly)));
        Extension toLower = visiting(0, n -> {
            if (n.kind() == VisitedNode.Kind.FILTER && n.name().equals("upper")) {
                n.rename("lower");
            }
        });
        SecurityNotAllowedFilterException f = assertThrows(SecurityNotAllowedFilterException.class,
                () -> render(Map.of("index.twig", "\n{{ 'A'|upper }}"), Map.of(),
                        b -> b.extension(toLower).sandbox(upperOnly)));
        assertEquals("lower", f.getFilterName());
        assertEquals(2, f.getLine());
    }
}
