package dev.zweig.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Markup;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLimitException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityNotAllowedTagException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Custom tags through the public extension API ({@link TagParser}, {@link TagReader}, {@link Node},
 * {@link NodeContext}): expressions and bodies, nesting, tags in macros, blocks and loops, variables, escaping,
 * errors with template and line, the sandbox and the limits. Every template is rendered by both executors, which
 * must agree on the output or the exception.
 */
class CustomTagTest {
    /** {@code repeat n [as name]}...{@code endrepeat}: the body n times, name set to 1..n. */
    static final class RepeatTag implements TagParser {
        @Override
        public String tag() {
            return "repeat";
        }

        @Override
        public Node parse(TagReader in) {
            Expression times = in.expression();
            String var = in.skipName("as") ? in.name() : null;
            in.end();
            Body body = in.body("endrepeat");
            in.end();
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return List.of(times);
                }

                @Override
                public List<Body> bodies() {
                    return List.of(body);
                }

                @Override
                public List<String> variables() {
                    return var == null ? List.of() : List.of(var);
                }

                @Override
                public void render(NodeContext ctx) {
                    Object n = ctx.evaluate(times);
                    if (!(n instanceof Long count)) {
                        throw new IllegalArgumentException("repeat needs an integer, not " + Values.toString(n));
                    }
                    for (long i = 1; i <= count; i++) {
                        if (var != null) {
                            ctx.set(var, i);
                        }
                        ctx.render(body);
                    }
                }
            };
        }
    }

    /** {@code choose cond}...{@code otherwise}...{@code endchoose}: a tag with two branches. */
    static final class ChooseTag implements TagParser {
        @Override
        public String tag() {
            return "choose";
        }

        @Override
        public Node parse(TagReader in) {
            Expression cond = in.expression();
            in.end();
            Body yes = in.body("otherwise", "endchoose");
            Body no = null;
            if (yes.endTag().equals("otherwise")) {
                in.end();
                no = in.body("endchoose");
            }
            in.end();
            Body otherwise = no;
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return List.of(cond);
                }

                @Override
                public List<Body> bodies() {
                    return otherwise == null ? List.of(yes) : List.of(yes, otherwise);
                }

                @Override
                public void render(NodeContext ctx) {
                    if (Values.isTrue(ctx.evaluate(cond))) {
                        ctx.render(yes);
                    } else if (otherwise != null) {
                        ctx.render(otherwise);
                    }
                }
            };
        }
    }

    /** {@code shout}...{@code endshout}: the body captured and written upper-cased. */
    static final class ShoutTag implements TagParser {
        @Override
        public String tag() {
            return "shout";
        }

        @Override
        public Node parse(TagReader in) {
            in.end();
            Body body = in.body("endshout");
            in.end();
            return new Node() {
                @Override
                public List<Body> bodies() {
                    return List.of(body);
                }

                @Override
                public void render(NodeContext ctx) {
                    ctx.output().write(ctx.capture(body).toUpperCase(java.util.Locale.ROOT));
                }
            };
        }
    }

    /** {@code emit a, b, 'c' ~ d}: each value printed as {@code {{ }}} would, separated by "|". */
    static final class EmitTag implements TagParser {
        @Override
        public String tag() {
            return "emit";
        }

        @Override
        public Node parse(TagReader in) {
            List<Expression> values = new ArrayList<>();
            do {
                values.add(in.expression());
            } while (in.skipPunctuation(","));
            in.end();
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return values;
                }

                @Override
                public void render(NodeContext ctx) {
                    for (int i = 0; i < values.size(); i++) {
                        if (i > 0) {
                            ctx.output().write("|");
                        }
                        ctx.print(ctx.evaluate(values.get(i)));
                    }
                }
            };
        }
    }

    /** {@code count name}: adds one to a variable (0 when undefined) and prints nothing. */
    static final class CountTag implements TagParser {
        @Override
        public String tag() {
            return "count";
        }

        @Override
        public Node parse(TagReader in) {
            String var = in.name();
            in.end();
            return new Node() {
                @Override
                public List<String> variables() {
                    return List.of(var);
                }

                @Override
                public void render(NodeContext ctx) {
                    Object v = ctx.isDefined(var) ? ctx.get(var) : 0L;
                    ctx.set(var, (Long) v + 1);
                }
            };
        }
    }

    /** {@code misuse what}: a node that breaks the rules (keeps its context, reads an undeclared variable...). */
    static final class MisuseTag implements TagParser {
        static NodeContext kept;

        @Override
        public String tag() {
            return "misuse";
        }

        @Override
        public Node parse(TagReader in) {
            String what = in.name();
            in.end();
            return ctx -> {
                switch (what) {
                    case "keep" -> kept = ctx;
                    case "undeclared" -> ctx.get("secret");
                    case "checked" -> throw new java.io.IOException("disk full");
                    default -> throw new IllegalStateException("boom");
                }
            };
        }
    }

    static final class Tags implements Extension {
        @Override
        public List<TagParser> tags() {
            return List.of(new RepeatTag(), new ChooseTag(), new ShoutTag(), new EmitTag(), new CountTag(),
                    new MisuseTag());
        }
    }

    private static Map<String, String> one(String template) {
        return Map.of("index.twig", template);
    }

    /** Renders index.twig with both executors; both must give the same output (returned) or the same error. */
    private static String render(Map<String, String> templates, Map<String, Object> data) {
        return render(templates, data, b -> b);
    }

    private static String render(Map<String, String> templates, Map<String, Object> data,
            UnaryOperator<Environment.Builder> config) {
        List<Object> results = new ArrayList<>();
        for (Executor ex : Executor.values()) {
            Environment env = config.apply(Environment.builder().loader(new MapLoader(templates)).executor(ex)
                    .strictVariables(true).extension(new Tags())).build();
            try {
                results.add(env.render("index.twig", data));
            } catch (TemplateException e) {
                results.add(e);
            }
        }
        Object a = results.get(0);
        Object b = results.get(1);
        if (a instanceof TemplateException ea) {
            assertTrue(b instanceof TemplateException, "the interpreter rendered " + b + ", compiled raised " + ea);
            assertEquals(ea.getClass(), b.getClass());
            assertEquals(ea.getMessage(), ((TemplateException) b).getMessage());
            throw ea;
        }
        assertEquals(a, b, "the two executors disagree");
        return (String) a;
    }

    private static String render(String template) {
        return render(one(template), Map.of());
    }

    @Test
    void aTagWithAnExpressionAndABody() {
        assertEquals("[1][2][3]3", render("{% repeat 1 + 2 as i %}[{{ i }}]{% endrepeat %}{{ i }}"));
        assertEquals("ab,ab,", render(one("{% repeat n %}{{ s }},{% endrepeat %}"), Map.of("n", 2L, "s", "ab")));
        assertEquals("", render("{% repeat 0 %}never{% endrepeat %}"));
    }

    @Test
    void nestedCustomTags() {
        assertEquals("11,12,21,22,", render("{% repeat 2 as i %}{% repeat 2 as j %}{{ i }}{{ j }},{% endrepeat %}"
                + "{% endrepeat %}"));
        assertEquals("<B>YES</B>", render("{% shout %}{% choose 1 > 0 %}<b>{% repeat 1 %}yes{% endrepeat %}</b>"
                + "{% otherwise %}no{% endchoose %}{% endshout %}"));
        assertEquals("no", render("{% choose false %}yes{% otherwise %}no{% endchoose %}"));
        assertEquals("", render("{% choose false %}yes{% endchoose %}"));
    }

    @Test
    void customTagsInMacrosBlocksAndLoops() {
        assertEquals("xyxyxy", render("{% macro m(n) %}{% repeat n %}xy{% endrepeat %}{% endmacro %}"
                + "{{ _self.m(3) }}"));
        assertEquals("<12>", render(Map.of("base.twig", "<{% block b %}{% endblock %}>",
                "index.twig", "{% extends 'base.twig' %}{% block b %}{% repeat 2 as k %}{{ k }}{% endrepeat %}"
                        + "{% endblock %}"), Map.of()));
        // a block defined inside a custom tag's body renders where the tag renders its body
        assertEquals("[B][B]", render("{% repeat 2 %}[{% block b %}B{% endblock %}]{% endrepeat %}"));
        assertEquals("1;12;123;", render("{% for x in 1..3 %}{% repeat x as k %}{{ k }}{% endrepeat %};{% endfor %}"));
        // a variable a node sets inside a loop is the loop's, as a set there would be
        assertEquals("2:n", render("{% for x in [1] %}{% repeat 2 as k %}{% endrepeat %}{{ k }}{% endfor %}:"
                + "{{ k is defined ? 'y' : 'n' }}"));
        assertEquals("3", render("{% set c = 1 %}{% for x in [1, 2] %}{% count c %}{% endfor %}{{ c }}"));
        assertEquals("1", render("{% count c %}{{ c }}"));
        // the loop variable is a snapshot when read by a node
        assertEquals("1|2", render("{% for x in [1, 2] %}{% if not loop.first %}|{% endif %}{% emit loop.index %}"
                + "{% endfor %}"));
    }

    @Test
    void aNodePrintsWithTheEscapingInEffectWhereItStands() {
        Map<String, Object> data = Map.of("x", "<a>", "m", new Markup("<m>"));
        assertEquals("&lt;a&gt;|5|<m>", render(one("{% emit x, 5, m %}"), data));
        assertEquals("\\u003Ca\\u003E|5", render(one("{% autoescape 'js' %}{% emit x, 5 %}{% endautoescape %}"),
                data));
        assertEquals("<a>|<m>", render(one("{% autoescape false %}{% emit x, m %}{% endautoescape %}"), data));
        // the body of a custom tag is escaped like any other part of the template
        assertEquals("&LT;A&GT;<B>", render(one("{% shout %}{{ x }}<b>{% endshout %}"), data));
    }

    @Test
    void syntaxErrorsNameTheTemplateAndLine() {
        TemplateSyntaxException e = assertThrows(TemplateSyntaxException.class,
                () -> render("ok\n{% repeat %}x{% endrepeat %}"));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(2, e.getLine());
        // a missing end tag, an unexpected token in the tag, an unknown end tag
        e = assertThrows(TemplateSyntaxException.class, () -> render("{% repeat 2 %}\nx\n"));
        assertEquals("index.twig", e.getTemplateName());
        e = assertThrows(TemplateSyntaxException.class, () -> render("\n{% repeat 2 times %}x{% endrepeat %}"));
        assertEquals(2, e.getLine());
        assertTrue(e.getMessage().contains("Unexpected token \"name\" of value \"times\""), e.getMessage());
        e = assertThrows(TemplateSyntaxException.class, () -> render("{% repeat 2 %}\n\nx{% endfor %}"));
        assertEquals(3, e.getLine());
        e = assertThrows(TemplateSyntaxException.class, () -> render("{% count 'x' %}"));
        assertEquals(1, e.getLine());
    }

    @Test
    void renderErrorsNameTheTemplateAndLine() {
        // what the node throws: the tag's line
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> render("a\n\n{% repeat 'x' %}{% endrepeat %}"));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(3, e.getLine());
        assertTrue(e.getMessage().contains("repeat needs an integer, not x"), e.getMessage());
        e = assertThrows(TemplateRuntimeException.class, () -> render("\n{% misuse checked %}"));
        assertEquals(2, e.getLine());
        assertTrue(e.getMessage().contains("disk full"), e.getMessage());
        // what a body or an expression throws: its own line
        e = assertThrows(TemplateRuntimeException.class, () -> render("{% repeat 2 %}\n\n{{ nope }}{% endrepeat %}"));
        assertEquals(3, e.getLine());
        assertEquals("Variable \"nope\" does not exist in \"index.twig\" at line 3.", e.getMessage());
        e = assertThrows(TemplateRuntimeException.class, () -> render("{% repeat 1 %}\n{% emit 1,\nmissing %}"
                + "{% endrepeat %}"));
        assertEquals(3, e.getLine());
    }

    @Test
    void aNodeUsesItsContextDuringItsRenderOnly() {
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> render("\n{% misuse undeclared %}"));
        assertEquals(2, e.getLine());
        assertTrue(e.getMessage().contains("\"secret\", which it did not declare"), e.getMessage());
        assertEquals("", render("{% misuse keep %}"));
        NodeContext kept = MisuseTag.kept;
        assertThrows(TemplateRuntimeException.class, () -> kept.get("x"));
        assertThrows(TemplateRuntimeException.class, () -> kept.output());
        assertThrows(TemplateRuntimeException.class, () -> kept.print("x"));
    }

    @Test
    void theSandboxChecksACustomTagLikeAnyTag() {
        SecurityPolicy ifOnly = SecurityPolicy.builder().allowTags("if").allowFilters("upper").build();
        SecurityNotAllowedTagException t = assertThrows(SecurityNotAllowedTagException.class, () -> render(
                one("{% if true %}\n{% repeat 1 %}x{% endrepeat %}{% endif %}"), Map.of(), b -> b.sandbox(ifOnly)));
        assertEquals("repeat", t.getTagName());
        assertEquals(2, t.getLine());
        SecurityPolicy withRepeat = SecurityPolicy.builder().allowTags("repeat").allowFilters("upper").build();
        assertEquals("XX", render(one("{% repeat 2 %}{{ 'x'|upper }}{% endrepeat %}"), Map.of(),
                b -> b.sandbox(withRepeat)));
        // what the body and the expressions hold is checked too
        SecurityNotAllowedFilterException f = assertThrows(SecurityNotAllowedFilterException.class, () -> render(
                one("{% repeat 2 %}\n{{ 'x'|lower }}{% endrepeat %}"), Map.of(), b -> b.sandbox(withRepeat)));
        assertEquals(2, f.getLine());
        assertThrows(SecurityNotAllowedFilterException.class, () -> render(one("{% repeat 'ab'|length %}"
                + "{% endrepeat %}"), Map.of(), b -> b.sandbox(withRepeat)));
    }

    @Test
    void limitsHoldInsideCustomTags() {
        RenderLimits small = RenderLimits.builder().maxOutputChars(50).build();
        assertThrows(TemplateLimitException.class, () -> render(one("{% repeat 100 %}abc{% endrepeat %}"), Map.of(),
                b -> b.limits(small)));
        assertThrows(TemplateLimitException.class, () -> render(one("{% repeat 100 %}{% emit 'abc' %}"
                + "{% endrepeat %}"), Map.of(), b -> b.limits(small)));
        Map<String, Object> data = new HashMap<>();
        data.put("n", 3L);
        assertEquals("abcabcabc", render(one("{% repeat n %}abc{% endrepeat %}"), data, b -> b.limits(small)));
    }
}
