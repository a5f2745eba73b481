package dev.zweig.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.RenderLimits;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.CallerOutput;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.sandbox.TemplateSecurityException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Templates of text and variables only render into an Output without a render state (FlatTemplate, and the
 * compiled executor's renderFlat), and as a String: the same output and the same errors as the full path gives (a
 * render into a Writer),
 * and the full path wherever a policy, strict variables, limits or an enclosing render apply.
 */
class FlatTemplateTest {
    private static final Map<String, String> T = new LinkedHashMap<>();

    static {
        T.put("greet.twig", "<p>Hello {{ name }} from {{ city }}, you have {{ count }} new messages.</p>\n");
        T.put("raw.twig", "{% autoescape false %}[{{ name }}]{% endautoescape %}|{{ name }}");
        T.put("js.twig", "{% autoescape 'js' %}var a = '{{ name }}';{% endautoescape %}");
        T.put("only.twig", "{{ a }}{{ b }}{{a}}");
        T.put("text.twig", "just text, no variable");
        T.put("empty.twig", "");
        T.put("lines.twig", "one\ntwo {{ a }}\nthree\n{{ b }}");
        T.put("page.js", "{{ name }}"); // the 'name' strategy would pick js for .js; html by default
        T.put("surrogates.twig", "😀{{ a }}😀");
    }

    private static final Object OBJECT = new Object() {
        @Override
        public String toString() {
            return "<obj & co>";
        }
    };

    private static final Object FAILING = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("toString failed");
        }
    };

    /** Values of every kind a context holds. */
    private static List<Map<String, Object>> contexts() {
        List<Object> values = Arrays.asList("Ada & Bob", "Z&uuml;rich <script>", "", "😀 é \u2028", 7, -3L, 1.5,
                0.1 + 0.2, 1e20, true, false, null, new Markup("<b>safe</b>"), OBJECT, List.of(1, 2), Map.of("k", 1),
                (short) 4, 2.5f, new java.math.BigDecimal("1.50"));
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> m = new HashMap<>();
            m.put("name", values.get(i));
            m.put("city", values.get((i + 3) % values.size()));
            m.put("count", values.get((i + 7) % values.size()));
            m.put("a", values.get((i + 1) % values.size()));
            if (i % 3 != 0) {
                m.put("b", values.get((i + 5) % values.size())); // absent in every third: undefined prints nothing
            }
            out.add(m);
        }
        out.add(new HashMap<>());
        return out;
    }

    private static Environment env() {
        return Environment.builder().loader(new MapLoader(T)).global("b", "global-b").build();
    }

    /** The full path: a render into a Writer takes a render state. */
    private static String full(Template t, Map<String, ?> ctx) {
        java.io.StringWriter w = new java.io.StringWriter();
        t.render(ctx, w);
        return w.toString();
    }

    private static String viaOutput(Template t, Map<String, ?> ctx) {
        StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder());
        t.render(ctx, sink);
        return sink.toString();
    }

    @Test
    void textAndVariablesAreFlatAndTagsAreNot() {
        Environment env = env();
        for (String name : T.keySet()) {
            // a name printed twice is read once per render: the compiled executor keeps it in a local, the
            // interpreter (which would need storage per render for it) takes the full path
            boolean repeats = name.equals("only.twig") || name.equals("raw.twig");
            assertEquals(!repeats || env.executor() == dev.zweig.Executor.COMPILED,
                    ((CompiledTemplate) env.load(name)).isFlat(), name);
        }
        Environment other = Environment.builder().loader(new MapLoader(Map.of(
                "attr.twig", "{{ a.b }}", "filter.twig", "{{ a|upper }}", "tag.twig", "{% if a %}x{% endif %}",
                "context.twig", "{{ _context }}", "literal.twig", "{{ 'x' }}{{ a }}", "concat.twig", "{{ a ~ b }}",
                "block.twig", "{% block b %}{{ a }}{% endblock %}", "set.twig", "{% set a = 1 %}{{ a }}")))
                .build();
        for (String name : List.of("attr.twig", "filter.twig", "tag.twig", "context.twig", "concat.twig",
                "block.twig", "set.twig")) {
            assertFalse(((CompiledTemplate) other.load(name)).isFlat(), name);
        }
    }

    @Test
    void sameOutputAsTheFullPath() {
        Environment env = env();
        for (String name : T.keySet()) {
            Template t = env.load(name);
            for (Map<String, Object> ctx : contexts()) {
                String full = full(t, ctx);
                assertEquals(full, viaOutput(t, ctx), name + " " + ctx);
                assertEquals(full, t.render(ctx), name + " " + ctx);
                CallerOutput own = new CallerOutput();
                t.render(ctx, own);
                assertEquals(full, own.sb.toString(), name + " " + ctx);
            }
        }
        // the context first, then the globals, as Twig merges them
        Template only = env.load("only.twig");
        assertEquals("xglobal-bx", viaOutput(only, Map.of("a", "x")));
        assertEquals("xyx", viaOutput(only, Map.of("a", "x", "b", "y")));
        // a map whose keys cannot be Strings: no such name, as the full path reads it
        Map<Object, Object> ints = new TreeMap<>(Map.of(1, "one"));
        @SuppressWarnings("unchecked")
        Map<String, ?> odd = (Map<String, ?>) (Map<?, ?>) ints;
        assertEquals(full(only, odd), viaOutput(only, odd));
        assertEquals(full(only, odd), only.render(odd));
        assertEquals("global-b", viaOutput(only, odd));
        assertEquals("global-b", viaOutput(only, null)); // no context: the full path (an empty context)
        assertEquals(full(only, null), only.render(null));
    }

    @Test
    void sameErrorsAsTheFullPath() {
        Environment env = env();
        Template t = env.load("lines.twig");
        Map<String, Object> ctx = Map.of("a", "x", "b", FAILING);
        TemplateRuntimeException full = assertThrows(TemplateRuntimeException.class, () -> full(t, ctx));
        TemplateRuntimeException flat = assertThrows(TemplateRuntimeException.class, () -> viaOutput(t, ctx));
        assertEquals(full.getMessage(), flat.getMessage());
        assertEquals(full.getMessage(), assertThrows(TemplateRuntimeException.class, () -> t.render(ctx)).getMessage());
        assertEquals(4, flat.getLine());
        assertEquals("lines.twig", flat.getTemplateName());
        // a caller's Output failing on static text: located at the text's line when it is a TemplateException
        Output failing = new CallerOutput() {
            @Override
            public void write(String s) {
                if (s.contains("three")) {
                    throw new TemplateRuntimeException("sink refused", null, 0);
                }
                super.write(s);
            }
        };
        TemplateException refused = assertThrows(TemplateException.class,
                () -> t.render(Map.of("a", "x", "b", "y"), failing));
        assertEquals("lines.twig", refused.getTemplateName());
        assertEquals(2, refused.getLine());
        // any other exception of the sink: a TemplateException naming the template
        Output broken = new CallerOutput() {
            @Override
            public void write(String s) {
                throw new IllegalStateException("closed");
            }
        };
        TemplateRuntimeException closed = assertThrows(TemplateRuntimeException.class,
                () -> t.render(Map.of("a", "x"), broken));
        assertEquals("lines.twig", closed.getTemplateName());
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }

    @Test
    void policiesStrictVariablesAndLimitsTakeTheFullPath() {
        Environment strict = Environment.builder().loader(new MapLoader(T)).strictVariables(true).build();
        assertFalse(((CompiledTemplate) strict.load("only.twig")).isFlat());
        assertThrows(TemplateRuntimeException.class, () -> viaOutput(strict.load("only.twig"), Map.of("a", "x")));
        Environment limited = Environment.builder().loader(new MapLoader(T))
                .limits(RenderLimits.builder().maxOutputChars(5).build()).build();
        assertFalse(((CompiledTemplate) limited.load("greet.twig")).isFlat());
        assertThrows(TemplateException.class, () -> viaOutput(limited.load("greet.twig"), Map.of("name", "x")));
        Environment sandboxed = Environment.builder().loader(new MapLoader(T))
                .sandbox(SecurityPolicy.builder().build()).build();
        assertFalse(((CompiledTemplate) sandboxed.load("greet.twig")).isFlat());
        assertThrows(TemplateSecurityException.class, () -> viaOutput(sandboxed.load("greet.twig"), Map.of("name", OBJECT)));
    }

    @Test
    void aRenderInsideASandboxedRenderKeepsItsPolicy() {
        Environment plain = env();
        Template flat = plain.load("greet.twig");
        AtomicBoolean ran = new AtomicBoolean();
        Environment outer = Environment.builder()
                .loader(new MapLoader(Map.of("outer.twig", "{{ inner() }}")))
                .function(FunctionDefinition.of("inner", (c, a) -> {
                    ran.set(true);
                    StringBuilderOutput sink = new StringBuilderOutput();
                    flat.render(Map.of("name", OBJECT), sink); // an object's toString under the outer policy
                    return sink.toString();
                }))
                .sandbox(SecurityPolicy.builder().allowFunctions("inner").build()).build();
        assertThrows(TemplateSecurityException.class, () -> outer.render("outer.twig", Map.of()));
        assertTrue(ran.get());
        // outside it, the same template prints the object
        assertTrue(viaOutput(flat, Map.of("name", OBJECT)).contains("&lt;obj &amp; co&gt;"));
    }

    @Test
    void compiledFramesShowTheTemplateLine() {
        Environment env = env();
        Template t = env.load("lines.twig");
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> viaOutput(t, Map.of("a", FAILING)));
        assertEquals(2, e.getLine());
        if (env.executor() == dev.zweig.Executor.COMPILED) {
            boolean found = false;
            for (StackTraceElement el : e.getCause().getStackTrace()) {
                found |= "lines.twig".equals(el.getFileName()) && el.getLineNumber() == 2;
            }
            assertTrue(found, Arrays.toString(e.getCause().getStackTrace()));
        }
    }

    @Test
    void theSinkIsTheCallersAndNothingIsKept() {
        Environment env = env();
        Template t = env.load("greet.twig");
        StringBuilderOutput a = new StringBuilderOutput(new StringBuilder());
        StringBuilderOutput b = new StringBuilderOutput(new StringBuilder());
        t.render(Map.of("name", "A", "city", "X", "count", 1), a);
        t.render(Map.of("name", "B", "city", "Y", "count", 2), b);
        assertEquals("<p>Hello A from X, you have 1 new messages.</p>\n", a.toString());
        assertEquals("<p>Hello B from Y, you have 2 new messages.</p>\n", b.toString());
        assertSame(a.builder(), a.builder());
    }

    @Test
    void allocatesNothingIntoASinkAndOnlyTheStringAsAString() {
        Template t = env().load("greet.twig");
        Map<String, Object> ctx = new HashMap<>(Map.of("name", "Ada & Bob", "city", "Z&uuml;rich", "count", 7));
        StringBuilderOutput sink = new StringBuilderOutput(new StringBuilder(256));
        double intoSink = dev.zweig.alloc.AllocationMeter.bytesPerRun(() -> {
            sink.reset();
            t.render(ctx, sink);
        }, 20_000, 5_000);
        assertTrue(intoSink < 1, intoSink + " bytes per render into a sink");
        String expected = t.render(ctx);
        // the String: its 16-byte header, array header and 70 Latin-1 characters (about 112 bytes), + at most 64
        double asString = dev.zweig.alloc.AllocationMeter.bytesPerRun(() -> t.render(ctx), 20_000, 5_000);
        assertTrue(asString <= 24 + 16 + expected.length() + 8 + 64, asString + " bytes per String render");
    }

    @Test
    void longTextsManyPrintsAndRendersInsideAValue() {
        String big = "é<".repeat(40_000); // beyond a class file's 64 KiB strings
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            many.append("{{ v").append(i).append(" }}");
        }
        Map<String, String> src = new HashMap<>(Map.of("big.twig", big + "{{ a }}" + big, "many.twig",
                many.toString(), "inner.twig", "[{{ a }}]"));
        Environment env = Environment.builder().loader(new MapLoader(src)).build();
        Template bigT = env.load("big.twig");
        assertTrue(((CompiledTemplate) bigT).isFlat());
        assertEquals(big + "x" + big, viaOutput(bigT, Map.of("a", "x")));
        assertFalse(((CompiledTemplate) env.load("many.twig")).isFlat()); // past MAX_VARIABLES: the full path
        Map<String, Object> vs = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            vs.put("v" + i, i);
        }
        assertEquals(full(env.load("many.twig"), vs), viaOutput(env.load("many.twig"), vs));
        // a value whose text is another render of the same Environment (String and sink), inside a flat render
        Template inner = env.load("inner.twig");
        Object nested = new Object() {
            @Override
            public String toString() {
                StringBuilderOutput sink = new StringBuilderOutput();
                inner.render(Map.of("a", "<i>"), sink);
                return inner.render(Map.of("a", "&")) + sink;
            }
        };
        String expected = "[[&amp;amp;][&amp;lt;i&amp;gt;]]";
        assertEquals(expected, viaOutput(inner, Map.of("a", nested)));
        assertEquals(expected, inner.render(Map.of("a", nested)));
        assertEquals(expected, full(inner, Map.of("a", nested)));
    }
}
