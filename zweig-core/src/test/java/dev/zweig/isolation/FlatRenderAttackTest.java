package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.RenderLimits;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.loader.TemplateSource;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.sandbox.SecurityPolicy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Attacks the flat render path (a template of text and plain variables rendered without a render state): for any
 * context, any Output and any failure, a flat render must give exactly what the full path gives (output, partial
 * output before a failure, exception class, message, template and line), and must never escape the policy or the
 * limits of a render it runs inside. The full path is reached two ways: a render into a Writer, and the same
 * source with an (empty) macro definition appended, which makes it not flat while writing the same text, so the
 * two can be compared into the very same kind of caller Output.
 */
class FlatRenderAttackTest {
    /** Appended to a source: an empty macro makes the template take the full path, its output unchanged. */
    private static final String NOT_FLAT = "{% macro zz_not_flat() %}{% endmacro %}";

    private static final Map<String, String> T = new LinkedHashMap<>();

    static {
        T.put("p.twig", "<p>{{ a }}</p>\n{{- b -}}  x {# a comment #}\n{{ a }}|{{ c }}");
        T.put("raw.twig", "{% autoescape false %}[{{ a }}]{% endautoescape %}{{ b }}");
        T.put("css.twig", "{% autoescape 'css' %}{{ a }}{% endautoescape %}|{{ a }}");
        T.put("js.twig", "{% autoescape 'js' %}'{{ a }}'{% endautoescape %}");
        T.put("url.twig", "{% autoescape 'url' %}{{ a }}{% endautoescape %}");
        T.put("attr.twig", "<a title={% autoescape 'html_attr' %}{{ a }}{% endautoescape %}>");
        T.put("verbatim.twig", "{% verbatim %}{{ a }} {% if %}{% endverbatim %}{{ a }}");
        T.put("lines.twig", "one\n{{ a }}\ntwo {% autoescape 'js' %}\nthree{{ b }}{% endautoescape %}\nfour{{ c }}");
        T.put("nested.twig", "a\n{% autoescape false %}\nb{% autoescape 'js' %}\nc{{ a }}{% endautoescape %}{% endautoescape %}\nd");
        T.put("special.twig", "{{ loop }}|{{ varargs }}|{{ a }}");
        T.put("text.twig", "only\ntext");
        T.put("comments.twig", "{{ a }}" + "t{# c #}".repeat(24) + "\nthree{# c #}four\n{{ b }}{# c #}x{# c #}{{ a }}");
        T.put("twice.twig", "{{ a }}-{{ a }}-{{ b }}-{{ a }}");
    }

    enum Color { RED }

    record Point(int x, int y) {}

    static final class Thrower {
        final RuntimeException e;

        Thrower(RuntimeException e) {
            this.e = e;
        }

        @Override
        public String toString() {
            throw e;
        }
    }

    private static final Object NULL_TEXT = new Object() {
        @Override
        public String toString() {
            return null;
        }
    };

    private static final Object DEEP = new Object() {
        @Override
        public String toString() {
            throw new StackOverflowError();
        }
    };

    private static final Object HUNGRY = new Object() {
        @Override
        public String toString() {
            throw new OutOfMemoryError("fake");
        }
    };

    private static final Object ASSERTING = new Object() {
        @Override
        public String toString() {
            throw new AssertionError("asserted");
        }
    };

    private static final Object OBJECT = new Object() {
        @Override
        public String toString() {
            return "<obj & co>";
        }
    };

    /** Context values of every kind. */
    private static List<Object> values() {
        return Arrays.asList("plain", "<&>\"'`=", "", "x<".repeat(100_000), "\uD800", "a\uDC00b", "😀é\u2028",
                new int[] {1}, new Object[] {"a"}, new String[] {"x"}, Optional.of("x"), Optional.empty(), Color.RED,
                new Point(1, 2), BigInteger.TEN.pow(30), BigInteger.ONE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, -0.0, 0.0, 1e15, 1e-7, 3.0f, Float.NaN, 'c', '<', new byte[] {65, 66},
                new StringBuilder("<sb>"), new Markup("<b>"), List.of(), Map.of(), Set.of(1), Long.MIN_VALUE, 42,
                (short) 7, (byte) -1, new AtomicInteger(5), new BigDecimal("1E+3"), new BigDecimal("-0.00"), true,
                false, null, OBJECT, NULL_TEXT, new Thrower(new IllegalStateException("bad toString")),
                new Thrower(new IllegalStateException()), new Thrower(new TemplateRuntimeException("tre", null, 0)),
                new Thrower(new TemplateRuntimeException("tre2", "elsewhere.twig", 9)), DEEP, HUNGRY);
    }

    // ---- harness ------------------------------------------------------------------------------------------------

    /** What a render gave: its text, or its failure, with what the sink got before it. */
    record Outcome(String text, String type, String message, String template, int line, String partial) {
        static Outcome ok(String text) {
            return new Outcome(text, null, null, null, 0, null);
        }

        static Outcome failed(Throwable e, String partial) {
            if (e instanceof TemplateException te) {
                return new Outcome(null, e.getClass().getName(), te.getMessage(), te.getTemplateName(), te.getLine(),
                        partial);
            }
            return new Outcome(null, e.getClass().getName(), e.getMessage(), null, -1, partial);
        }

        Outcome withoutPartial() {
            return new Outcome(text, type, message, template, line, null);
        }
    }

    interface Sink {
        String written();
    }

    /** A caller's own Output, recording what it gets. */
    static class CallerSink extends dev.zweig.output.CallerOutput implements Sink {
        @Override
        public String written() {
            return sb.toString();
        }
    }

    private static Outcome viaWriter(Template t, Map<String, ?> ctx) {
        java.io.StringWriter w = new java.io.StringWriter();
        try {
            t.render(ctx, w);
            return Outcome.ok(w.toString());
        } catch (Throwable e) {
            return Outcome.failed(e, w.toString());
        }
    }

    private static Outcome viaSink(Template t, Map<String, ?> ctx) {
        StringBuilderOutput o = new StringBuilderOutput(new StringBuilder());
        try {
            t.render(ctx, o);
            return Outcome.ok(o.toString());
        } catch (Throwable e) {
            return Outcome.failed(e, o.toString());
        }
    }

    private static <S extends Output & Sink> Outcome viaOutput(Template t, Map<String, ?> ctx, S sink) {
        try {
            t.render(ctx, sink);
            return Outcome.ok(sink.written());
        } catch (Throwable e) {
            return Outcome.failed(e, sink.written());
        }
    }

    private static Outcome viaString(Template t, Map<String, ?> ctx) {
        try {
            return Outcome.ok(t.render(ctx));
        } catch (Throwable e) {
            return Outcome.failed(e, null);
        }
    }

    private static Environment.Builder builder(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates)).global("b", "<global b>").global("g", 3);
    }

    /** The same templates with the macro appended: each takes the full path whatever it is rendered into. */
    private static Map<String, String> notFlat(Map<String, String> templates) {
        Map<String, String> m = new LinkedHashMap<>();
        templates.forEach((k, v) -> m.put(k, v + NOT_FLAT));
        return m;
    }

    /** Compares every way of rendering a flat template with the full path for one context (made afresh each time). */
    private static void same(Environment flat, Environment full, String name, Supplier<Map<String, ?>> ctx,
            String what) {
        Template f = flat.load(name);
        Template n = full.load(name);
        // (the interpreter leaves a template that prints a name twice to the full path: FlatTemplateTest)
        assertTrue(((CompiledTemplate) f).isFlat() || flat.executor() == dev.zweig.Executor.INTERPRETED, name);
        assertFalse(((CompiledTemplate) n).isFlat(), name);
        Outcome ref = viaWriter(n, ctx.get());
        String at = name + " " + what;
        assertEquals(ref, viaWriter(f, ctx.get()), at + " (writer)");
        assertEquals(ref, viaSink(n, ctx.get()), at + " (full path, sink)");
        assertEquals(ref, viaSink(f, ctx.get()), at + " (sink)");
        assertEquals(ref, viaOutput(f, ctx.get(), new CallerSink()), at + " (caller's Output)");
        assertEquals(ref.withoutPartial(), viaString(f, ctx.get()).withoutPartial(), at + " (String)");
        assertEquals(ref.withoutPartial(), viaString(n, ctx.get()).withoutPartial(), at + " (full path, String)");
    }

    // ---- values ---------------------------------------------------------------------------------------------------

    @Test
    void everyValueTypeRendersAsTheFullPathRendersIt() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        List<Object> vs = values();
        for (String name : T.keySet()) {
            for (int i = 0; i < vs.size(); i++) {
                Object a = vs.get(i);
                Object c = vs.get((i + 11) % vs.size());
                Map<String, Object> m = new HashMap<>();
                m.put("a", a);
                m.put("c", c);
                m.put("loop", vs.get((i + 3) % vs.size()));
                m.put("varargs", vs.get((i + 5) % vs.size()));
                if (i % 2 == 0) {
                    m.put("b", vs.get((i + 7) % vs.size()));
                }
                same(flat, full, name, () -> m, i + ": " + describe(a) + ", " + describe(c));
            }
        }
    }

    private static String describe(Object v) {
        return v == null ? "null" : v.getClass().getName();
    }

    @Test
    void theNameStrategyAndEveryFileKind() {
        Map<String, String> src = new LinkedHashMap<>();
        src.put("page.js", "var a = '{{ a }}';\n{{ b }}");
        src.put("style.css", "a { content: {{ a }} }");
        src.put("notes.txt", "{{ a }} & {{ b }}");
        src.put("page.html", "<i>{{ a }}</i>");
        src.put("page.html.twig", "<i>{{ a }}</i>");
        src.put("noext", "<i>{{ a }}</i>");
        for (Object a : List.of("<'\"&\\\u2028>", OBJECT, new Markup("<m>"), 1.5, List.of(1))) {
            for (Environment.Builder[] bs : List.of(
                    new Environment.Builder[] {builder(src).autoescape("name"), builder(notFlat(src)).autoescape("name")},
                    new Environment.Builder[] {builder(src).autoescape(false), builder(notFlat(src)).autoescape(false)},
                    new Environment.Builder[] {builder(src).autoescape("js"), builder(notFlat(src)).autoescape("js")})) {
                Environment flat = bs[0].build();
                Environment full = bs[1].build();
                for (String name : src.keySet()) {
                    same(flat, full, name, () -> Map.of("a", a), describe(a));
                }
            }
        }
    }

    // ---- contexts -------------------------------------------------------------------------------------------------

    /** A map whose get gives another value on each call, counting its calls. */
    static final class Changing extends AbstractMap<String, Object> {
        int gets;

        @Override
        public Object get(Object key) {
            gets++;
            return key + "#" + gets;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of(Map.entry("a", "listed"));
        }
    }

    /** A map that throws from get for one name, or from its n-th get. */
    static final class Failing extends HashMap<String, Object> {
        final String name;
        final int failAt;
        int gets;

        Failing(String name, int failAt) {
            super(Map.of("a", "A", "b", "B", "c", "C"));
            this.name = name;
            this.failAt = failAt;
        }

        @Override
        public Object get(Object key) {
            if (++gets == failAt || key.equals(name)) {
                throw new IllegalArgumentException("no " + key);
            }
            return super.get(key);
        }
    }

    /** A lazy map that says it is empty (its entries are computed on demand). */
    static final class Lazy extends AbstractMap<String, Object> {
        @Override
        public Object get(Object key) {
            return "lazy " + key;
        }

        @Override
        public boolean containsKey(Object key) {
            return true;
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            return Set.of();
        }
    }

    /** A map whose isEmpty and size fail. */
    static final class Sizeless extends HashMap<String, Object> {
        Sizeless() {
            super(Map.of("a", "A"));
        }

        @Override
        public boolean isEmpty() {
            throw new UnsupportedOperationException("isEmpty");
        }

        @Override
        public int size() {
            throw new UnsupportedOperationException("size");
        }
    }

    @Test
    void mapsThatMisbehave() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Map<String, Supplier<Map<String, ?>>> contexts = new LinkedHashMap<>();
        contexts.put("changing", Changing::new);
        contexts.put("failing get", () -> new Failing("c", -1));
        contexts.put("failing 2nd get", () -> new Failing("none", 2));
        contexts.put("failing 3rd get", () -> new Failing("none", 3));
        contexts.put("lazy", Lazy::new);
        contexts.put("sizeless", Sizeless::new);
        contexts.put("null", () -> null);
        contexts.put("empty", Map::of);
        contexts.put("null values", () -> {
            Map<String, Object> m = new HashMap<>();
            m.put("a", null);
            m.put("b", null); // a null value hides the global
            return m;
        });
        contexts.put("case-insensitive TreeMap", () -> {
            TreeMap<String, Object> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            m.put("A", "upper a");
            m.put("B", "upper b");
            return m;
        });
        contexts.put("TreeMap with a refusing comparator", () -> {
            TreeMap<String, Object> m = new TreeMap<>((x, y) -> {
                if (x.equals("c") || y.equals("c")) {
                    throw new IllegalStateException("comparator refused " + x + " " + y);
                }
                return x.compareTo(y);
            });
            m.put("a", "A");
            return m;
        });
        contexts.put("TreeMap of integers", () -> {
            @SuppressWarnings("unchecked")
            Map<String, ?> m = (Map<String, ?>) (Map<?, ?>) new TreeMap<>(Map.of(1, "one"));
            return m;
        });
        contexts.put("ConcurrentHashMap", () -> new ConcurrentHashMap<>(Map.of("a", "ch")));
        contexts.put("special names", () -> Map.of("_self", "S", "_context", "C", "_charset", "X", "loop", "L",
                "varargs", "V", "a", "A"));
        for (String name : T.keySet()) {
            for (Map.Entry<String, Supplier<Map<String, ?>>> c : contexts.entrySet()) {
                same(flat, full, name, c.getValue(), c.getKey());
            }
        }
    }

    /** Finding: the flat path read a name again at each print; the full path's root frame reads it once. */
    @Test
    void aNamePrintedTwiceIsReadOnceAsTheFullPathReadsIt() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        for (String name : List.of("twice.twig", "p.twig", "comments.twig")) {
            Changing f = new Changing();
            Changing n = new Changing();
            StringBuilderOutput fo = new StringBuilderOutput(new StringBuilder());
            StringBuilderOutput no = new StringBuilderOutput(new StringBuilder());
            flat.load(name).render(f, fo);
            full.load(name).render(n, no);
            assertEquals(no.toString(), fo.toString(), name);
            assertEquals(n.gets, f.gets, name);
            Changing s = new Changing();
            assertEquals(no.toString(), flat.load(name).render(s), name);
            assertEquals(n.gets, s.gets, name);
        }
        // each distinct name read once, in the order of its first print
        Changing c = new Changing();
        assertEquals("a#1-a#1-b#2-a#1", flat.render("twice.twig", c));
    }

    /**
     * Finding: a value whose toString returns null failed as an NPE inside the escaper, its message the JVM's
     * helpful text or, once the JIT made the throw a fast one, none: the same render gave other messages over time.
     */
    @Test
    void aToStringReturningNullFailsAlikeEveryTime() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Map<String, Object> ctx = Map.of("a", NULL_TEXT);
        for (String name : List.of("p.twig", "raw.twig", "css.twig", "js.twig")) {
            Outcome ref = viaWriter(full.load(name), ctx);
            assertEquals(TemplateRuntimeException.class.getName(), ref.type(), name);
            assertTrue(ref.message().contains("toString"), ref.message());
            for (int i = 0; i < 3000; i++) {
                assertEquals(ref, viaSink(flat.load(name), ctx), name + " " + i);
                assertEquals(ref, viaWriter(full.load(name), ctx), name + " " + i);
            }
        }
    }

    /** Finding: a map that says it is empty was read by the flat path; the full path takes it as no context. */
    @Test
    void aMapThatSaysItIsEmptyIsNoContextAndItsIsEmptyFailureIsTheRenders() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Template t = flat.load("p.twig");
        assertEquals(viaWriter(full.load("p.twig"), new Lazy()), viaSink(t, new Lazy()));
        assertFalse(t.render(new Lazy()).contains("lazy"), t.render(new Lazy()));
        Outcome failed = viaOutput(t, new Sizeless(), new CallerSink());
        assertEquals(viaOutput(full.load("p.twig"), new Sizeless(), new CallerSink()), failed);
        assertEquals("", failed.partial()); // asked before anything is written
        assertTrue(failed.message().contains("isEmpty"), failed.message());
    }

    /**
     * Finding: the flat path joined the texts on both sides of an autoescape tag into one write; the executors
     * write each body's text run on its own, so a caller's Output failing on the second saw another partial output
     * and another line. The compiled executor split a long text run (24 comments) into two writes where its body
     * is cut into methods; the interpreter writes it once: now both do.
     */
    @Test
    void textRunsAreWrittenAsTheExecutorsWriteThem() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Map<String, Object> ctx = Map.of("a", "A", "b", "B", "c", "C");
        for (String name : List.of("lines.twig", "nested.twig", "comments.twig")) {
            for (String marker : List.of("three", "c", "d", "four")) {
                Supplier<Throwable> refuse = () -> new TemplateRuntimeException("refused", null, 0);
                Outcome ref = viaOutput(full.load(name), ctx, new Refusing(marker, refuse));
                assertEquals(ref, viaOutput(flat.load(name), ctx, new Refusing(marker, refuse)), name + " " + marker);
            }
        }
        Supplier<Throwable> refuse = () -> new TemplateRuntimeException("refused", null, 0);
        Outcome o = viaOutput(flat.load("lines.twig"), ctx, new Refusing("three", refuse));
        assertTrue(o.partial().endsWith("two "), o.partial()); // the text before the tag was written on its own
        assertTrue(o.line() > 2, "" + o.line()); // the body's text's line, not that of the text before the tag
        Outcome c = viaOutput(flat.load("comments.twig"), ctx, new Refusing("three", refuse));
        assertEquals("A", c.partial()); // the run of 24 texts and "three" is one write
        assertEquals(viaOutput(full.load("comments.twig"), ctx, new Refusing("three", refuse)), c);
    }

    @Test
    void globalsAndTheContext() {
        Map<String, String> src = Map.of("g.twig", "{{ g }}|{{ b }}|{{ nope }}|{{ a }}");
        Environment flat = builder(src).build();
        Environment full = builder(notFlat(src)).build();
        same(flat, full, "g.twig", Map::of, "no context");
        same(flat, full, "g.twig", () -> Map.of("g", "ctx g"), "context over global");
        same(flat, full, "g.twig", () -> Map.of("nope", 1, "a", 2), "others");
        assertEquals("3|&lt;global b&gt;||", flat.render("g.twig", Map.of()));
        assertEquals("ctx g|&lt;global b&gt;||", flat.render("g.twig", Map.of("g", "ctx g")));
    }

    // ---- reloading ----------------------------------------------------------------------------------------------

    static final class Mutable implements Loader {
        final Map<String, String> src = new ConcurrentHashMap<>();
        final AtomicInteger version = new AtomicInteger();

        @Override
        public TemplateSource load(String name) {
            String s = src.get(name);
            if (s == null) {
                throw new dev.zweig.TemplateLoaderException("Template \"" + name + "\" is not defined.");
            }
            return new TemplateSource(name, s);
        }

        @Override
        public boolean exists(String name) {
            return src.containsKey(name);
        }

        @Override
        public long version(String name) {
            return version.get();
        }
    }

    @Test
    void reloadingBetweenFlatAndFull() {
        Mutable loader = new Mutable();
        Environment env = Environment.builder().loader(loader).autoReload(true).build();
        String[] sources = {"<{{ a }}>", "<{{ a|upper }}>", "[{{ a }}]{% if a %}!{% endif %}", "({{ a }})", "{{ b }}"};
        String[] expected = {"<x&amp;>", "<X&amp;>", "[x&amp;]!", "(x&amp;)", ""};
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sources.length; i++) {
                loader.src.put("r.twig", sources[i]);
                loader.version.incrementAndGet();
                assertEquals(expected[i], env.render("r.twig", Map.of("a", "x&")), sources[i]);
                StringBuilderOutput o = new StringBuilderOutput(new StringBuilder());
                env.load("r.twig").render(Map.of("a", "x&"), o);
                assertEquals(expected[i], o.toString(), sources[i]);
            }
        }
    }

    // ---- a caller's Output that fails ---------------------------------------------------------------------------

    /** Throws what make gives when a write contains the marker; records everything before. */
    static final class Refusing extends CallerSink {
        final String marker;
        final Supplier<Throwable> make;

        Refusing(String marker, Supplier<Throwable> make) {
            this.marker = marker;
            this.make = make;
        }

        private void check(CharSequence s) {
            if (s.toString().contains(marker)) {
                Throwable t = make.get();
                if (t instanceof RuntimeException r) {
                    throw r;
                }
                throw (Error) t;
            }
        }

        @Override
        public void write(String s) {
            check(s);
            super.write(s);
        }

        @Override
        public void write(CharSequence s, int start, int end) {
            check(s.subSequence(start, end));
            super.write(s, start, end);
        }

        @Override
        public void write(char c) {
            check(String.valueOf(c));
            super.write(c);
        }

        @Override
        public void write(long v) {
            check(Long.toString(v));
            super.write(v);
        }
    }

    @Test
    void aCallersOutputFailingOnTextAndOnValues() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        List<Supplier<Throwable>> failures = List.of(
                () -> new IllegalStateException("sink closed"),
                () -> new IllegalStateException(),
                () -> new TemplateRuntimeException("sink refused", null, 0),
                () -> new TemplateRuntimeException("sink refused elsewhere", "other.twig", 7),
                () -> new dev.zweig.TemplateLimitException("sink full", null, 0),
                () -> new AssertionError("sink asserted"),
                StackOverflowError::new,
                () -> new OutOfMemoryError("sink out of memory"));
        Map<String, Object> ctx = new HashMap<>(Map.of("a", "VAL<a>", "b", "VAL-b", "c", 12345L));
        for (String name : T.keySet()) {
            for (String marker : List.of("one", "two", "three", "four", "VAL", "<", "12345", "[", "'", "only", "a",
                    "d", "|", "\n")) {
                for (Supplier<Throwable> failure : failures) {
                    String at = name + " failing on " + marker + " with " + failure.get();
                    Outcome ref = viaOutput(full.load(name), ctx, new Refusing(marker, failure));
                    assertEquals(ref, viaOutput(flat.load(name), ctx, new Refusing(marker, failure)), at);
                }
            }
        }
    }

    @Test
    void errorsOfValuesAsTheWriterPathReportsThem() {
        Environment flat = builder(T).build();
        Template t = flat.load("lines.twig");
        for (Object bad : List.of(DEEP, HUNGRY, ASSERTING, new Thrower(new IllegalStateException("x")),
                new Thrower(new NullPointerException()), new Thrower(new ClassCastException("cce")))) {
            Map<String, Object> ctx = Map.of("a", "ok", "b", bad);
            Outcome ref = viaWriter(t, ctx);
            assertNotNull(ref.type(), describe(bad));
            assertEquals(ref, viaSink(t, ctx), describe(bad));
            assertEquals(ref, viaOutput(t, ctx, new CallerSink()), describe(bad));
            assertEquals(ref.withoutPartial(), viaString(t, ctx).withoutPartial(), describe(bad));
            if (!(bad == ASSERTING)) {
                assertTrue(ref.type().startsWith("dev.zweig."), ref.type()); // never a raw error but an Error's own
            }
        }
    }

    // ---- the policy and the limits of an enclosing render ----------------------------------------------------------

    @Test
    void aSandboxedRenderRenderingAnotherEnvironmentsFlatTemplate() {
        Map<String, String> inner = Map.of("inner.twig", "<{{ obj }}>", "text.twig", "plain text");
        Environment plain = builder(inner).build();
        Environment plainFull = builder(notFlat(inner)).build();
        assertTrue(((CompiledTemplate) plain.load("inner.twig")).isFlat());
        for (String mode : List.of("output", "string", "callerOutput")) {
            for (Environment innerEnv : List.of(plain, plainFull)) {
                Template t = innerEnv.load("inner.twig");
                Environment outer = Environment.builder()
                        .loader(new MapLoader(Map.of("outer.twig", "[{{ inner() }}]")))
                        .function(FunctionDefinition.of("inner", (c, a) -> render(t, Map.of("obj", OBJECT), mode)))
                        .sandbox(SecurityPolicy.builder().allowFunctions("inner").allowTags("macro").build()).build();
                Outcome o = viaString(outer.load("outer.twig"), Map.of());
                assertNotNull(o.type(), mode);
                assertTrue(dev.zweig.sandbox.TemplateSecurityException.class.isAssignableFrom(type(o)),
                        mode + " " + o);
                // the same refusal as the full path gives
                Environment outerFull = Environment.builder()
                        .loader(new MapLoader(Map.of("outer.twig", "[{{ inner() }}]")))
                        .function(FunctionDefinition.of("inner",
                                (c, a) -> render(plainFull.load("inner.twig"), Map.of("obj", OBJECT), mode)))
                        .sandbox(SecurityPolicy.builder().allowFunctions("inner").allowTags("macro").build()).build();
                assertEquals(viaString(outerFull.load("outer.twig"), Map.of()), o, mode);
            }
            // allowed: the object's toString when the outer policy allows it, plain values always
            Environment allowing = Environment.builder()
                    .loader(new MapLoader(Map.of("outer.twig", "[{{ inner() }}]")))
                    .function(FunctionDefinition.of("inner",
                            (c, a) -> render(plain.load("inner.twig"), Map.of("obj", "<s>"), mode)))
                    .sandbox(SecurityPolicy.builder().allowFunctions("inner").allowTags("macro").build()).build();
            assertEquals("[&lt;&amp;lt;s&amp;gt;&gt;]", allowing.render("outer.twig", Map.of()), mode);
        }
    }

    @Test
    void aLimitedRenderRenderingAnotherEnvironmentsFlatTemplate() {
        Map<String, String> inner = Map.of("inner.twig", "{{ a }}" + "y".repeat(100) + "{{ a }}");
        Environment plain = builder(inner).build();
        Environment plainFull = builder(notFlat(inner)).build();
        for (String mode : List.of("output", "string", "callerOutput")) {
            List<Outcome> seen = new ArrayList<>();
            for (Environment innerEnv : List.of(plain, plainFull)) {
                Template t = innerEnv.load("inner.twig");
                Environment outer = Environment.builder()
                        .loader(new MapLoader(Map.of("outer.twig", "[{{ inner() }}]")))
                        .function(FunctionDefinition.of("inner", (c, a) -> render(t, Map.of("a", "x".repeat(30)), mode)))
                        .limits(RenderLimits.builder().maxOutputChars(120).build()).build();
                seen.add(viaString(outer.load("outer.twig"), Map.of()));
            }
            assertEquals("dev.zweig.TemplateLimitException", seen.get(0).type(), mode + " " + seen.get(0));
            assertEquals(seen.get(1), seen.get(0), mode);
        }
    }

    private static Class<?> type(Outcome o) {
        try {
            return Class.forName(o.type());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    private static Object render(Template t, Map<String, ?> ctx, String mode) {
        switch (mode) {
            case "output": {
                StringBuilderOutput o = new StringBuilderOutput(new StringBuilder());
                t.render(ctx, o);
                return o.toString();
            }
            case "callerOutput": {
                CallerSink o = new CallerSink();
                t.render(ctx, o);
                return o.written();
            }
            default:
                return t.render(ctx);
        }
    }

    // ---- threads, nesting, the pooled result buffer ---------------------------------------------------------------

    @Test
    void manyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            renderConcurrently(pool, 600);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void virtualThreads() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21+");
        ExecutorService pool = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
        try {
            renderConcurrently(pool, 600);
        } finally {
            pool.shutdown();
        }
    }

    private static void renderConcurrently(ExecutorService pool, int n) throws Exception {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Template t = flat.load("p.twig");
        Template ref = full.load("p.twig");
        List<Future<String>> fs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            fs.add(pool.submit(() -> {
                Map<String, Object> ctx = Map.of("a", "<" + k + ">".repeat(k % 50), "b", k, "c", "c" + k);
                String expected = ref.render(ctx);
                StringBuilderOutput o = new StringBuilderOutput(new StringBuilder());
                t.render(ctx, o);
                String s = t.render(ctx);
                if (!expected.equals(o.toString()) || !expected.equals(s)) {
                    return k + ": " + expected + " / " + o + " / " + s;
                }
                return null;
            }));
        }
        for (Future<String> f : fs) {
            assertEquals(null, f.get());
        }
    }

    @Test
    void aRenderInsideAValuesToString() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        for (Environment env : List.of(flat, full)) {
            Template t = env.load("p.twig");
            Object nested = new Object() {
                int depth;

                @Override
                public String toString() {
                    if (depth > 1) {
                        return "deep";
                    }
                    depth++;
                    try {
                        StringBuilderOutput o = new StringBuilderOutput(new StringBuilder());
                        t.render(Map.of("a", this, "c", "<in>"), o);
                        return t.render(Map.of("a", "<s>", "c", this)) + "/" + o;
                    } finally {
                        depth--;
                    }
                }
            };
            same(flat, full, "p.twig", () -> Map.of("a", nested, "c", nested), "nested renders");
        }
    }

    @Test
    void aStringRenderAfterAFailedOneAndAfterAHugeOne() {
        Environment env = builder(T).build();
        Template t = env.load("twice.twig");
        String huge = "h".repeat(3_000_000);
        for (int round = 0; round < 3; round++) {
            Outcome failed = viaString(t, Map.of("a", huge, "b", new Thrower(new IllegalStateException("late"))));
            assertEquals(TemplateRuntimeException.class.getName(), failed.type());
            assertEquals("--&lt;global b&gt;-", t.render(Map.of()));
            assertEquals("x-x-y-x", t.render(Map.of("a", "x", "b", "y")));
            assertEquals(huge + "-" + huge + "-y-" + huge, t.render(Map.of("a", huge, "b", "y")));
            assertEquals("s-s-s-s", t.render(Map.of("a", "s", "b", "s")));
            Outcome error = viaString(t, Map.of("a", huge, "b", ASSERTING));
            assertEquals(AssertionError.class.getName(), error.type());
            assertEquals("1-1-2-1", t.render(Map.of("a", 1, "b", 2)));
        }
    }

    @Test
    void nullOutputIsRefusedAlike() {
        Environment flat = builder(T).build();
        Environment full = builder(notFlat(T)).build();
        Outcome a = viaNullOutput(flat.load("p.twig"));
        Outcome b = viaNullOutput(full.load("p.twig"));
        assertEquals(b, a);
        assertEquals(TemplateRuntimeException.class.getName(), a.type());
    }

    private static Outcome viaNullOutput(Template t) {
        try {
            t.render(Map.of(), (Output) null);
            return Outcome.ok("");
        } catch (Throwable e) {
            return Outcome.failed(e, null);
        }
    }
}
