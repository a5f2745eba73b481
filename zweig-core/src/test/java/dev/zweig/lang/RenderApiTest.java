package dev.zweig.lang;

import static dev.zweig.lang.Twig.env;
import static dev.zweig.lang.Twig.templates;
import static dev.zweig.lang.Twig.vars;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenderApiTest {
    private static final Map<String, String> T = templates(
            "hello.twig", "Hello {{ name }}! ✓ é 😀",
            "layout.twig", "[{% block head %}H{% endblock %}|{% block body %}B {{ name }}{% endblock %}]",
            "child.twig", "{% extends 'layout.twig' %}{% block body %}child {{ name }} ({{ parent() }}){% endblock %}");

    private final Environment env = Environment.builder().loader(new MapLoader(T)).build();

    @Test
    void renderToString() {
        assertEquals("Hello Ann! ✓ é 😀", env.render("hello.twig", Map.of("name", "Ann")));
        assertEquals("Hello Ann! ✓ é 😀", env.load("hello.twig").render(Map.of("name", "Ann")));
        assertEquals("hello.twig", env.load("hello.twig").name());
    }

    @Test
    void renderToAppendable() {
        StringBuilder sb = new StringBuilder("prefix:");
        env.load("hello.twig").render(Map.of("name", "<b>"), sb);
        assertEquals("prefix:Hello &lt;b&gt;! ✓ é 😀", sb.toString());
        StringWriter w = new StringWriter();
        env.load("hello.twig").render(Map.of("name", "W"), w);
        assertEquals("Hello W! ✓ é 😀", w.toString());
    }

    @Test
    void appendableIoErrorsSurface() {
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("closed");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        RuntimeException e = assertThrows(RuntimeException.class, () -> env.load("hello.twig").render(Map.of("name", "x"), broken));
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IOException)) {
            root = root.getCause();
        }
        assertTrue(root instanceof IOException || e instanceof java.io.UncheckedIOException, e.toString());
    }

    @Test
    void renderToOutputStreamIsUtf8() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        env.load("hello.twig").render(Map.of("name", "Zoë"), bytes);
        assertEquals("Hello Zoë! ✓ é 😀", bytes.toString(StandardCharsets.UTF_8));
        byte[] expected = "Hello Zoë! ✓ é 😀".getBytes(StandardCharsets.UTF_8);
        assertEquals(expected.length, bytes.size());
    }

    @Test
    void renderToOutputSink() {
        StringBuilderOutput out = new StringBuilderOutput();
        Template t = env.load("hello.twig");
        t.render(Map.of("name", "A"), out);
        assertEquals("Hello A! ✓ é 😀", out.toString());
        out.reset();
        t.render(Map.of("name", "B"), out);
        assertEquals("Hello B! ✓ é 😀", out.toString());

        List<String> pieces = new ArrayList<>();
        Output custom = new Output() {
            @Override
            public void write(String s) {
                pieces.add(s);
            }

            @Override
            public void write(CharSequence s, int start, int end) {
                pieces.add(s.subSequence(start, end).toString());
            }

            @Override
            public void write(char c) {
                pieces.add(String.valueOf(c));
            }
        };
        env.createTemplate("{{ n }}-{{ s }}").render(Map.of("n", 42L, "s", "x"), custom);
        assertEquals("42-x", String.join("", pieces));
    }

    @Test
    void renderBlockResolvesInheritance() {
        Template child = env.load("child.twig");
        assertEquals("child Ann (B Ann)", child.renderBlock("body", Map.of("name", "Ann")));
        assertEquals("H", child.renderBlock("head", Map.of()));
        assertTrue(child.hasBlock("head"));
        assertTrue(child.hasBlock("body"));
        assertFalse(child.hasBlock("nope"));
        assertEquals("[H|child Ann (B Ann)]", child.render(Map.of("name", "Ann")));
    }

    @Test
    void createTemplateFromString() {
        Template t = env.createTemplate("{{ 1 + 2 }} {% include 'hello.twig' %}");
        assertEquals("3 Hello X! ✓ é 😀", t.render(Map.of("name", "X")));
        assertNotEquals("", t.name());
        Template named = env.createTemplate("{{ x }}", "inline.twig");
        assertEquals("inline.twig", named.name());
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                () -> Environment.builder().strictVariables(true).build().createTemplate("\n{{ x }}", "inline.twig").render(Map.of()));
        assertEquals("Variable \"x\" does not exist in \"inline.twig\" at line 2.", e.getMessage());
    }

    @Test
    void strictVariables() {
        Environment lenient = env(templates("index.twig", "[{{ x }}]"));
        assertEquals("[]", lenient.render("index.twig", Map.of()));
        Environment strict = env(templates("index.twig", "[{{ x }}]"), b -> b.strictVariables(true));
        assertThrows(TemplateRuntimeException.class, () -> strict.render("index.twig", Map.of()));
        assertTrue(strict.strictVariables());
        assertFalse(lenient.strictVariables());
    }

    @Test
    void autoescapeByName() {
        Environment e = env(templates("a.js.twig", "{{ s }}", "b.css.twig", "{{ s }}", "c.txt.twig", "{{ s }}", "d.html", "{{ s }}",
                "e.json.twig", "{{ s }}", "f.twig", "{{ s }}"), b -> b.autoescape("name"));
        Map<String, Object> data = Map.of("s", "<a b>");
        assertEquals("\\u003Ca\\u0020b\\u003E", e.render("a.js.twig", data));
        assertEquals("\\3C a\\20 b\\3E ", e.render("b.css.twig", data));
        assertEquals("<a b>", e.render("c.txt.twig", data));
        assertEquals("&lt;a b&gt;", e.render("d.html", data));
        assertEquals("\\u003Ca\\u0020b\\u003E", e.render("e.json.twig", data));
        assertEquals("&lt;a b&gt;", e.render("f.twig", data));
    }

    @Test
    void globals() {
        Environment e = env(templates("index.twig", "{{ site }}|{{ site2 ?? 'none' }}|{{ 'site' in _context|keys ? 'y' }}{{ 'user' in _context|keys ? 'y' }}"),
                b -> b.global("site", "Zweig"));
        assertEquals("Zweig|none|yy", e.render("index.twig", Map.of("user", "u")));
        // Twig merges the context first, then the globals
        assertEquals("user,site", env(templates("index.twig", "{{ _context|keys|join(',') }}"), b -> b.global("site", "Zweig"))
                .render("index.twig", Map.of("user", "u")));
        Environment shadow = env(templates("index.twig", "{{ site }}"), b -> b.global("site", "global"));
        assertEquals("local", shadow.render("index.twig", Map.of("site", "local")));
        assertEquals(Map.of("site", "global"), shadow.globals());
        assertThrows(UnsupportedOperationException.class, () -> shadow.globals().put("x", 1));
    }

    @Test
    void builderShortcuts() {
        Environment e = env(templates("index.twig",
                "{{ 'hi'|shout }}|{{ 'a'|wrap('[', ']') }}|{{ twice(21) }}|{{ sum(1, 2, 3) }}|{{ 5 is positive ? 'pos' : 'neg' }}|{{ -1 is positive ? 'pos' : 'neg' }}"),
                b -> b.filter("shout", v -> v + "!")
                        .filter("wrap", (v, args) -> args[0] + String.valueOf(v) + args[1])
                        .function("twice", args -> ((Number) args[0]).longValue() * 2)
                        .function("sum", args -> {
                            long s = 0;
                            for (Object a : args) {
                                s += ((Number) a).longValue();
                            }
                            return s;
                        })
                        .test("positive", v -> ((Number) v).longValue() > 0));
        assertEquals("hi!|[a]|42|6|pos|neg", e.render("index.twig", Map.of()));
    }

    @Test
    void userFilterResultsAreEscapedUnlessDeclaredSafe() {
        Environment e = env(templates("index.twig", "{{ 'x'|tag }}|{{ 'x'|safetag }}"),
                b -> b.filter("tag", v -> "<" + v + ">")
                        .filter(FilterDefinition.of("safetag", (ctx, args) -> "<" + args[0] + ">").safe("html")));
        assertEquals("&lt;x&gt;|<x>", e.render("index.twig", Map.of()));
    }

    @Test
    void extensionWithDefinitionsAndNamedParameters() {
        Extension ext = new Extension() {
            @Override
            public List<FilterDefinition> filters() {
                return List.of(FilterDefinition.of("pad", (ctx, args) -> {
                    String s = String.valueOf(args[0]);
                    long width = ((Number) args[1]).longValue();
                    String fill = (String) args[2];
                    StringBuilder sb = new StringBuilder(s);
                    while (sb.length() < width) {
                        sb.insert(0, fill);
                    }
                    return sb.toString();
                }).params(Param.optional("width", 5L), Param.optional("fill", ".")));
            }

            @Override
            public List<FunctionDefinition> functions() {
                return List.of(FunctionDefinition.of("greet", (ctx, args) -> "hi " + args[0] + " from " + ctx.templateName())
                        .params(Param.required("who")));
            }

            @Override
            public List<TestDefinition> tests() {
                return List.of(TestDefinition.of("short", (ctx, args) -> String.valueOf(args[0]).length() < 3));
            }

            @Override
            public Map<String, Object> globals() {
                return Map.of("ext_global", "EG");
            }
        };
        Environment e = env(templates("index.twig",
                "{{ 'ab'|pad }}|{{ 'ab'|pad(4) }}|{{ 'ab'|pad(fill: '0') }}|{{ 'ab'|pad(fill: '-', width: 3) }}|{{ greet('Ann') }}|{{ greet(who: 'Bo') }}"
                        + "|{{ 'ab' is short ? 'S' : 'L' }}|{{ 'abcd' is short ? 'S' : 'L' }}|{{ ext_global }}"),
                b -> b.extension(ext));
        assertEquals("...ab|..ab|000ab|-ab|hi Ann from index.twig|hi Bo from index.twig|S|L|EG", e.render("index.twig", Map.of()));
        assertTrue(e.extensions().contains(ext));
    }

    @Test
    void functionsCanCallArrowFunctions() {
        Environment e = env(templates("index.twig", "{{ apply_twice(x => x ~ '!', 'a') }}"),
                b -> b.function(FunctionDefinition.of("apply_twice", (ctx, args) -> ctx.call(args[0], ctx.call(args[0], args[1])))
                        .params("fn", "value")));
        assertEquals("a!!", e.render("index.twig", Map.of()));
    }

    @Test
    void variablesSeenByAFunctionAreReadOnly() {
        Environment e = env(templates("index.twig", "{% set local = 1 %}{{ peek() }}"),
                b -> b.function(FunctionDefinition.of("peek", (ctx, args) -> {
                    Map<String, Object> vars = ctx.variables();
                    assertThrows(UnsupportedOperationException.class, () -> vars.put("injected", 1));
                    return vars.containsKey("local") + "/" + vars.get("given");
                })));
        assertEquals("true/g", e.render("index.twig", vars("given", "g")));
    }

    @Test
    void timezoneIsUsedByDates() {
        Environment utc = env(templates("index.twig", "{{ 0|date('Y-m-d H:i T') }}"));
        assertEquals("1970-01-01 00:00 UTC", utc.render("index.twig", Map.of()));
        Environment tokyo = env(templates("index.twig", "{{ 0|date('Y-m-d H:i') }}"), b -> b.timezone(ZoneId.of("Asia/Tokyo")));
        assertEquals("1970-01-01 09:00", tokyo.render("index.twig", Map.of()));
        assertEquals(ZoneId.of("Asia/Tokyo"), tokyo.timezone());
    }

    @Test
    void cacheOffStillRenders() {
        Environment e = env(templates("index.twig", "{{ 2 * 21 }}"), b -> b.cache(false));
        assertEquals("42", e.render("index.twig", Map.of()));
        assertEquals("42", e.render("index.twig", Map.of()));
        assertFalse(e.cache());
    }

    @Test
    void cachedTemplatesAreReused() {
        assertTrue(env.load("hello.twig") == env.load("hello.twig"));
        assertEquals(env.load("hello.twig").render(Map.of("name", "a")), env.load("hello.twig").render(Map.of("name", "a")));
    }

    @Test
    void contextMapIsNotModified() {
        Map<String, Object> ctx = new java.util.HashMap<>(Map.of("name", "x"));
        env.createTemplate("{% set name = 'y' %}{% set other = 1 %}{{ name }}").render(ctx);
        assertEquals(Map.of("name", "x"), ctx);
    }

    @Test
    void nullContextValuesAreAllowed() {
        Map<String, Object> ctx = new java.util.HashMap<>();
        ctx.put("n", null);
        assertEquals("[]|defined", env.createTemplate("[{{ n }}]|{{ n is defined ? 'defined' : 'undefined' }}").render(ctx));
    }
}
