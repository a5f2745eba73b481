package dev.zweig.ext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.RenderLimits;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLimitException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityNotAllowedFilterException;
import dev.zweig.sandbox.SecurityNotAllowedMethodException;
import dev.zweig.sandbox.SecurityNotAllowedTagException;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Custom tags and node visitors used by a hostile or careless extension: contexts and values kept past their
 * render or used from another thread, escaping and the sandbox around what a node prints and evaluates, limits on a
 * node that loops, exceptions of every kind from parse(), render() and visitors, and tag names that collide with
 * core ones. Both executors must give the same output or the same TemplateException.
 */
class CustomTagAbuseTest {
    /** {@code keep e1, e2...}: evaluates each expression, keeps the values in {@link #kept}, prints nothing. */
    static final class KeepTag implements TagParser {
        static final List<Object> kept = new ArrayList<>();

        @Override
        public String tag() {
            return "keep";
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
                    for (Expression e : values) {
                        kept.add(ctx.evaluate(e));
                    }
                }
            };
        }
    }

    /** {@code thread}: uses its context from another thread while its render() runs; keeps what that raised. */
    static final class ThreadTag implements TagParser {
        static final AtomicReference<Throwable> raised = new AtomicReference<>();

        @Override
        public String tag() {
            return "thread";
        }

        @Override
        public Node parse(TagReader in) {
            Expression e = in.expression();
            in.end();
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return List.of(e);
                }

                @Override
                public void render(NodeContext ctx) throws Exception {
                    Thread t = new Thread(() -> {
                        try {
                            ctx.print(ctx.evaluate(e));
                        } catch (Throwable x) {
                            raised.set(x);
                        }
                    });
                    t.start();
                    t.join();
                }
            };
        }
    }

    /** {@code forever}...{@code endforever}: renders its body until something stops it. */
    static final class ForeverTag implements TagParser {
        @Override
        public String tag() {
            return "forever";
        }

        @Override
        public Node parse(TagReader in) {
            in.end();
            Body body = in.body("endforever");
            in.end();
            return new Node() {
                @Override
                public List<Body> bodies() {
                    return List.of(body);
                }

                @Override
                public void render(NodeContext ctx) {
                    for (;;) {
                        ctx.render(body);
                    }
                }
            };
        }
    }

    /** {@code say e}: prints an expression's value with {@link NodeContext#print}. */
    static final class SayTag implements TagParser {
        @Override
        public String tag() {
            return "say";
        }

        @Override
        public Node parse(TagReader in) {
            Expression e = in.expression();
            in.end();
            return new Node() {
                @Override
                public List<Expression> expressions() {
                    return List.of(e);
                }

                @Override
                public void render(NodeContext ctx) {
                    ctx.print(ctx.evaluate(e));
                }
            };
        }
    }

    /** {@code crash kind}: parse() or render() throwing what it names. */
    static final class CrashTag implements TagParser {
        @Override
        public String tag() {
            return "crash";
        }

        @Override
        public Node parse(TagReader in) {
            String kind = in.name();
            in.end();
            switch (kind) {
                case "parse" -> throw new IllegalStateException("parser broke");
                case "parsenpe" -> {
                    String s = null;
                    s.length();
                }
                default -> {
                }
            }
            return ctx -> {
                switch (kind) {
                    case "npe" -> {
                        Object o = null;
                        o.hashCode();
                    }
                    case "checked" -> throw new java.io.IOException("io");
                    default -> {
                    }
                }
            };
        }
    }

    /** A tag named like a core tag: {@code if} prints "custom-if" and reads its own body up to {@code endif}. */
    static final class FakeIf implements TagParser {
        @Override
        public String tag() {
            return "if";
        }

        @Override
        public Node parse(TagReader in) {
            in.expression();
            in.end();
            Body b = in.body("endif");
            in.end();
            return ctx -> ctx.output().write("custom-if");
        }
    }

    /** A tag named {@code endfor}: must not take over the end of a for loop. */
    static final class EndForTag implements TagParser {
        @Override
        public String tag() {
            return "endfor";
        }

        @Override
        public Node parse(TagReader in) {
            in.end();
            return ctx -> ctx.output().write("stolen");
        }
    }

    /** {@code reuse}: a second tag that reads through the reader the first one kept. */
    static final class ReuseTag implements TagParser {
        static TagReader keptReader;

        @Override
        public String tag() {
            return "reuse";
        }

        @Override
        public Node parse(TagReader in) {
            if (keptReader == null) {
                keptReader = in;
            } else {
                keptReader.name();
            }
            in.end();
            return null;
        }
    }

    static final class Tags implements Extension {
        @Override
        public List<TagParser> tags() {
            return List.of(new KeepTag(), new ThreadTag(), new ForeverTag(), new SayTag(), new CrashTag(),
                    new CustomTagTest.RepeatTag());
        }
    }

    private static Object renderOne(Executor ex, Map<String, String> templates, Map<String, Object> data,
            UnaryOperator<Environment.Builder> config) {
        Environment env = config.apply(Environment.builder().loader(new MapLoader(templates)).executor(ex)
                .strictVariables(true).extension(new Tags())).build();
        try {
            return env.render("index.twig", data);
        } catch (TemplateException e) {
            return e;
        }
    }

    /** Renders index.twig with both executors; both must give the same output (returned) or the same error. */
    private static String render(Map<String, String> templates, Map<String, Object> data,
            UnaryOperator<Environment.Builder> config) {
        Object a = renderOne(Executor.COMPILED, templates, data, config);
        Object b = renderOne(Executor.INTERPRETED, templates, data, config);
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
        return render(Map.of("index.twig", template), Map.of(), b -> b);
    }

    private static String render(String template, UnaryOperator<Environment.Builder> config) {
        return render(Map.of("index.twig", template), Map.of(), config);
    }

    @Test
    void valuesANodeEvaluatesAreItsToKeep() {
        for (Executor ex : Executor.values()) {
            KeepTag.kept.clear();
            String tpl = "{% set s = 'a,b,c'|split(',') %}{% set t = 'x' ~ n %}"
                    + "{% keep 'p,q'|split(','), [3, 1, 2]|sort, 'a' ~ n, n|upper, s, t, range(1, 3)|map(v => v * 2),"
                    + " [1, 2]|merge([3]), 'ab'|reverse %}{{ s|join }}{{ t }}{{ 'zz,yy'|split(',')|join }}";
            Map<String, Object> data = Map.of("n", "b");
            assertEquals("abcxbzzyy", renderOne(ex, Map.of("index.twig", tpl), data, b -> b));
            List<Object> first = List.copyOf(KeepTag.kept);
            List<String> texts = new ArrayList<>();
            for (Object v : first) {
                texts.add(String.valueOf(v));
            }
            // another render of other templates that reuse every kind of render-private storage
            for (int i = 0; i < 3; i++) {
                renderOne(ex, Map.of("index.twig", "{% for x in 1..5 %}{{ ('Q,R,S'|split(','))|join }}"
                        + "{{ [9, 8, 7]|sort|join }}{{ ('w' ~ x)|upper }}{{ (range(5, 9)|map(v => v))|join }}"
                        + "{{ 'mm'|reverse }}{% endfor %}"), data, b -> b);
            }
            for (int i = 0; i < first.size(); i++) {
                assertEquals(texts.get(i), String.valueOf(first.get(i)), ex + ": kept value " + i + " changed");
                Object v = first.get(i);
                assertTrue(v instanceof String || v instanceof List || v instanceof Map,
                        ex + ": value " + i + " is a " + v.getClass().getName());
            }
            assertEquals(List.of("p", "q"), List.copyOf((java.util.Collection<?>) valuesOf(first.get(0))));
        }
    }

    private static Object valuesOf(Object v) {
        return v instanceof Map<?, ?> m ? m.values() : v;
    }

    @Test
    void aContextUsedFromAnotherThreadIsRefused() {
        for (Executor ex : Executor.values()) {
            ThreadTag.raised.set(null);
            Object r = renderOne(ex, Map.of("index.twig", "{% thread 'x' ~ n %}"), Map.of("n", "y"), b -> b);
            assertEquals("", r, ex + ": another thread wrote into the render");
            assertTrue(ThreadTag.raised.get() instanceof TemplateRuntimeException,
                    ex + ": another thread used the context: " + ThreadTag.raised.get());
        }
    }

    @Test
    void aNodePrintsWithTheEscapingWhereItStands() {
        Map<String, Object> data = Map.of("x", "<'>");
        assertEquals("\\u003C\\u0027\\u003E", render(Map.of("index.twig",
                "{% autoescape 'js' %}{% say x %}{% endautoescape %}"), data, b -> b));
        // nested in another custom tag, inside a macro called as a value
        assertEquals("&lt;&#039;&gt;&lt;&#039;&gt;", render(Map.of("index.twig",
                "{% macro m(v) %}{% repeat 2 %}{% say v %}{% endrepeat %}{% endmacro %}{{ _self.m(x) }}"), data,
                b -> b));
        // a macro escapes as where it is defined (html), not where it is called, as in Twig
        assertEquals("&lt;&#039;&gt;", render(Map.of("index.twig", "{% macro m(v) %}{% say v %}{% endmacro %}"
                + "{% autoescape 'js' %}{% set r = _self.m(x) %}{% endautoescape %}{{ r }}"), data, b -> b));
        // raw marks a print safe, not a value: a node printing an expression's value escapes it all the same
        assertEquals("&lt;&#039;&gt;", render(Map.of("index.twig", "{% say x|raw %}"), data, b -> b));
    }

    @Test
    void theSandboxHoldsForCustomTagsEverywhere() {
        SecurityPolicy noRepeat = SecurityPolicy.builder().allowTags("if", "include", "sandbox")
                .allowFunctions("include").build();
        Map<String, String> tpls = Map.of("index.twig", "{% sandbox %}{% include 'inner.twig' %}{% endsandbox %}",
                "inner.twig", "\n{% repeat 1 %}x{% endrepeat %}");
        SecurityNotAllowedTagException t = assertThrows(SecurityNotAllowedTagException.class,
                () -> render(tpls, Map.of(), b -> b.securityPolicy(noRepeat)));
        assertEquals("inner.twig", t.getTemplateName());
        assertEquals(2, t.getLine());
        Map<String, String> viaFunction = Map.of("index.twig", "{{ include('inner.twig', sandboxed = true) }}",
                "inner.twig", "\n{% repeat 1 %}x{% endrepeat %}");
        assertThrows(SecurityNotAllowedTagException.class,
                () -> render(viaFunction, Map.of(), b -> b.securityPolicy(noRepeat)));
        // a node evaluating a forbidden method call
        SecurityPolicy say = SecurityPolicy.builder().allowTags("say").build();
        assertThrows(SecurityNotAllowedMethodException.class, () -> render(Map.of("index.twig", "{% say o.secret() %}"),
                Map.of("o", new Secret()), b -> b.sandbox(say)));
        // printing an object through the node checks its toString like {{ o }}
        assertThrows(SecurityNotAllowedMethodException.class, () -> render(Map.of("index.twig", "{% say o %}"),
                Map.of("o", new Secret()), b -> b.sandbox(say)));
    }

    public static final class Secret {
        public String secret() {
            return "s3cret";
        }

        @Override
        public String toString() {
            return "secret-text";
        }
    }

    @Test
    void limitsStopANodeThatLoopsForever() {
        assertThrows(TemplateLimitException.class, () -> render("{% forever %}x{% endforever %}",
                b -> b.limits(RenderLimits.builder().maxOutputChars(1000).build())));
        assertThrows(TemplateLimitException.class, () -> render("{% forever %}{% endforever %}",
                b -> b.limits(RenderLimits.builder().deadline(Duration.ofMillis(200)).build())));
        assertThrows(TemplateLimitException.class, () -> render("{% forever %}{% endforever %}",
                b -> b.limits(RenderLimits.builder().maxLoopIterations(1000).build())));
        // recursion through a custom tag's body including its own template
        TemplateException e = assertThrows(TemplateException.class,
                () -> render("{% repeat 1 %}{{ include('index.twig') }}{% endrepeat %}",
                        b -> b.limits(RenderLimits.builder().maxDepth(20).build())));
        assertTrue(e instanceof TemplateLimitException || e instanceof TemplateRuntimeException, e.toString());
        // and without configured limits the engine still stops it with a TemplateException, not a raw error
        assertThrows(TemplateException.class, () -> render("{% repeat 1 %}{% include 'index.twig' %}{% endrepeat %}"));
    }

    @Test
    void everyFailureOfANodeIsATemplateExceptionWithTemplateAndLine() {
        for (String kind : List.of("parse", "parsenpe")) {
            TemplateException e = assertThrows(TemplateException.class, () -> render("\n\n{% crash " + kind + " %}"));
            assertEquals("index.twig", e.getTemplateName(), kind);
            assertEquals(3, e.getLine(), kind);
        }
        for (String kind : List.of("npe", "checked")) {
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                    () -> render("\n{% crash " + kind + " %}"));
            assertEquals("index.twig", e.getTemplateName(), kind);
            assertEquals(2, e.getLine(), kind);
        }
    }

    @Test
    void aVisitorThatThrowsIsATemplateException() {
        Extension boom = new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(n -> {
                    if (n.kind() == VisitedNode.Kind.PRINT) {
                        throw new IllegalStateException("visitor broke");
                    }
                });
            }
        };
        TemplateException e = assertThrows(TemplateException.class,
                () -> render("a\n{{ 1 }}", b -> b.extension(boom)));
        assertEquals("index.twig", e.getTemplateName());
        assertEquals(2, e.getLine());
        // a VisitedNode kept and used after the pass is refused
        List<VisitedNode> kept = new ArrayList<>();
        Extension keep = new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(kept::add);
            }
        };
        assertEquals("x", render("{{ 'x'|lower }}", b -> b.extension(keep)));
        VisitedNode filter = kept.stream().filter(n -> n.kind() == VisitedNode.Kind.FILTER).findFirst().orElseThrow();
        assertThrows(TemplateSyntaxException.class, () -> filter.rename("upper"));
    }

    @Test
    void aVisitorsRewriteIsJudgedByTheSandbox() {
        Extension wrapRaw = new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(n -> {
                    if (n.kind() == VisitedNode.Kind.PRINT) {
                        n.wrap("raw");
                    }
                });
            }
        };
        SecurityPolicy upperOnly = SecurityPolicy.builder().allowFilters("upper").build();
        assertThrows(SecurityNotAllowedFilterException.class, () -> render(Map.of("index.twig", "{{ x }}"),
                Map.of("x", "<b>"), b -> b.extension(wrapRaw).sandbox(upperOnly)));
        Extension toUpper = new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(n -> {
                    if (n.kind() == VisitedNode.Kind.FILTER && n.name().equals("lower")) {
                        n.rename("upper");
                    }
                });
            }
        };
        assertEquals("&lt;B&gt;", render(Map.of("index.twig", "{{ x|lower }}"), Map.of("x", "<b>"),
                b -> b.extension(toUpper).sandbox(upperOnly)));
        // a wrap with a non-constant argument is refused as a syntax error, not a raw exception
        Extension badWrap = new Extension() {
            @Override
            public List<NodeVisitor> nodeVisitors() {
                return List.of(n -> {
                    if (n.kind() == VisitedNode.Kind.PRINT) {
                        n.wrap("default", new Object());
                    }
                });
            }
        };
        assertThrows(TemplateSyntaxException.class, () -> render("{{ x }}", b -> b.extension(badWrap)));
    }

    @Test
    void hostileTagNames() {
        Extension fakeIf = new Extension() {
            @Override
            public List<TagParser> tags() {
                return List.of(new FakeIf(), new EndForTag());
            }
        };
        // a custom tag named like a core tag replaces it (documented)
        assertEquals("custom-if", render("{% if true %}x{% endif %}", b -> b.extension(fakeIf)));
        // an end tag of a core tag stays the end of that tag
        assertEquals("123", render("{% for i in 1..3 %}{{ i }}{% endfor %}", b -> b.extension(fakeIf)));
        // a reader kept past its parse() and used by another tag's parse: a syntax error naming the template
        Extension reuse = new Extension() {
            @Override
            public List<TagParser> tags() {
                return List.of(new ReuseTag());
            }
        };
        for (Executor ex : Executor.values()) {
            ReuseTag.keptReader = null;
            Object r = renderOne(ex, Map.of("index.twig", "{% reuse %}\n{% reuse %}"), Map.of(), b -> b.extension(reuse));
            TemplateSyntaxException e = (TemplateSyntaxException) r;
            assertEquals("index.twig", e.getTemplateName());
            assertEquals(2, e.getLine());
        }
        // a body that runs to the end of the template
        TemplateSyntaxException s = assertThrows(TemplateSyntaxException.class,
                () -> render("{% repeat 1 %}\n{% repeat 2 %}x{% endrepeat %}\n"));
        assertEquals("index.twig", s.getTemplateName());
        assertThrows(TemplateSyntaxException.class, () -> render("{% repeat 1"));
        assertThrows(TemplateSyntaxException.class, () -> render("{% keep "));
    }
}
