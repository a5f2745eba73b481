package dev.zweig.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import dev.zweig.TemplateLimitException;
import dev.zweig.ext.Lambda;
import dev.zweig.loader.MapLoader;
import dev.zweig.Markup;
import dev.zweig.sandbox.SecurityPolicy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Hostile input: whatever the template source or the data, compiling and rendering either succeeds or throws a
 * {@link TemplateException}; never another exception (NPE, ClassCastException, StackOverflowError...), never a
 * hang.
 *
 * <p>Four fuzz tests: {@link #templateSource} and {@link #data} under generous limits, {@link #sandboxedSource}
 * under a {@link SecurityPolicy} with an oracle for what the policy forbids, and {@link #limitedSource} under tight
 * {@link RenderLimits} with a clock on each render.
 *
 * <p>In a plain {@code mvn verify} each fuzz test runs once per file of its regression corpus under
 * {@code src/test/resources/dev/zweig/fuzz/FuzzTemplatesTestInputs/<method>/} (Jazzer's convention). Fuzzing mode,
 * for a set time: {@code JAZZER_FUZZ=1 mvn -pl zweig-core test -Dtest=FuzzTemplatesTest#templateSource
 * -Djazzer.max_duration=10m} (see docs/security.md).
 *
 * <p>Renders run on a worker thread with a small stack and a time budget; every environment has render limits,
 * so a render still running at the end of the budget, or an OutOfMemoryError, is a finding.
 */
class FuzzTemplatesTest {
    private static final long BUDGET_MS = Long.getLong("zweig.fuzz.budgetMs", 5_000);
    private static final ExecutorService WORKER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "zweig-fuzz-render", 1 << 20);
        t.setDaemon(true);
        return t;
    });

    private static final Map<String, String> HELPERS = Map.of(
            "base.twig", "<{% block title %}base{% endblock %}|{% block body %}{% endblock %}>",
            "macros.twig", "{% macro hello(name, sep = '!') %}Hello {{ name }}{{ sep }}{% endmacro %}"
                    + "{% macro rec(n) %}{% if n > 0 %}{{ n }}{{ _self.rec(n - 1) }}{% endif %}{% endmacro %}",
            "self.twig", "{{ depth|default(0) }}{% if depth|default(0) < 5 %}{% include 'self.twig' with "
                    + "{depth: depth|default(0) + 1} %}{% endif %}",
            "loop.twig", "{% include 'loop.twig' %}",
            "trait.twig", "{% block t %}T{% endblock %}");

    private static final Environment ENV = environment(false);
    private static final Environment STRICT = environment(true);

    /** Public so templates may reach its members, as application data would. */
    public static final class User {
        public String nick = "nick";
        private String name = "Ann <b>";
        private final List<String> tags = new ArrayList<>(List.of("a", "b"));

        public String getName() {
            return name;
        }

        public void setName(String n) {
            this.name = n;
        }

        public boolean isAdmin() {
            return false;
        }

        public List<String> getTags() {
            return tags;
        }

        @Override
        public String toString() {
            return "User(" + name + ")";
        }
    }

    public record Point(long x, long y) {}

    private static Environment environment(boolean strict) {
        return Environment.builder().loader(new MapLoader(HELPERS)).strictVariables(strict)
                .limits(RenderLimits.builder().maxOutputChars(1_000_000).maxLoopIterations(1_000_000).maxDepth(64)
                        .maxRangeLength(100_000).deadline(Duration.ofMillis(BUDGET_MS / 2)).build())
                .build();
    }

    private static Map<String, Object> sampleData() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "<a href=\"x\">O'Neil & co</a>");
        m.put("n", 42L);
        m.put("f", 3.5);
        m.put("big", new BigDecimal("12345678901234567890.5"));
        m.put("neg", -7);
        m.put("t", true);
        m.put("nothing", null);
        m.put("list", List.of(1L, 2L, 3L));
        m.put("mutable", new ArrayList<>(List.of("x", "y")));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("c", 2L);
        inner.put("d", List.of("e"));
        m.put("map", Map.of("a", 1L, "b", inner));
        m.put("items", List.of(Map.of("id", 1L, "title", "One"), Map.of("id", 2L, "title", "Two")));
        m.put("user", new User());
        m.put("point", new Point(1, 2));
        m.put("html", new Markup("<b>safe</b>"));
        m.put("opt", Optional.of("present"));
        m.put("arr", new int[] {3, 1, 2});
        m.put("date", "2024-02-29 13:14:15");
        m.put("emoji", "a\uD83D\uDE00b");
        m.put("lone", "x\uD800y");
        return m;
    }

    /** Template source, compiled and rendered with a fixed, varied data set (lenient, then strict). */
    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "twig.dict")
    void templateSource(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        check(ENV, source, sampleData());
        check(STRICT, source, sampleData());
    }

    /** Data: a fixed template chosen by the input, rendered over values built from the rest of it. */
    @FuzzTest(maxDuration = "5m")
    void data(FuzzedDataProvider in) {
        String source = in.pickValue(DATA_TEMPLATES);
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("a", value(in, 0));
        ctx.put("b", value(in, 0));
        ctx.put("c", value(in, 0));
        check(in.consumeBoolean() ? STRICT : ENV, source, ctx);
    }

    static final String[] DATA_TEMPLATES = {
        "{{ a }}|{{ b }}|{{ c }}",
        "{{ a|join(b) }}{{ a|join(b, c) }}",
        "{{ a|sort|join(',') }}{{ a|sort((x, y) => x <=> y)|json_encode }}",
        "{{ a|merge(b)|json_encode }}",
        "{{ a|format(b, c) }}",
        "{{ a|date(b) }}{{ a|date(b, c) }}",
        "{{ a|date_modify(b)|date('Y-m-d') }}",
        "{{ a|number_format(b, c) }}{{ a|round(b) }}{{ a|round(b, 'floor') }}{{ a|abs }}",
        "{{ a|slice(b, c)|json_encode }}{{ a[b:c]|json_encode }}",
        "{{ a|batch(b, c)|json_encode }}",
        "{{ a|split(b, c)|json_encode }}",
        "{{ a|replace(b) }}{{ a|replace({(b): c}) }}",
        "{{ a|url_encode }}{{ a|json_encode }}",
        "{{ a|e('js') }}{{ a|e('css') }}{{ a|e('html_attr') }}{{ a|e('url') }}{{ a|e }}{{ a|e(b) }}",
        "{{ a|striptags(b)|title|capitalize|upper|lower|trim(b, c)|nl2br }}",
        "{{ a|spaceless|raw }}{{ a|default(b) }}{{ a|length }}{{ a|first }}{{ a|last }}",
        "{% for k, v in a %}{{ k }}={{ v }};{% else %}empty{% endfor %}",
        "{{ a ~ b }}{{ a + b }}{{ a - b }}{{ a * b }}{{ a / b }}{{ a % b }}{{ a // b }}{{ a ** b }}",
        "{{ a == b }}{{ a != b }}{{ a < b }}{{ a >= b }}{{ a <=> b }}{{ a in b }}{{ a b-and b }}",
        "{{ a starts with b }}{{ a ends with b }}{{ a matches b }}{{ a ?? b }}{{ a ?: b }}",
        "{{ a|keys|json_encode }}{{ a|reverse|json_encode }}{{ a|reverse(true)|json_encode }}",
        "{{ a|column(b)|json_encode }}{{ a|column(b, c)|json_encode }}",
        "{{ a|filter(v => v)|json_encode }}{{ a|map((v, k) => k ~ v)|join }}{{ a|reduce((x, v) => x ~ v, b) }}",
        "{{ a|find(v => v == b) }}{{ a|invoke(b) }}",
        "{{ max(a, b) }}{{ min(a) }}{{ max(a) }}{{ cycle(a, b) }}",
        "{{ attribute(a, b) }}{{ a[b] }}{{ a.b }}{{ a.b(c) }}{{ attribute(a, b, c) }}",
        "{{ a|convert_encoding(b, c) }}",
        "{{ a is empty }}{{ a is iterable }}{{ a is mapping }}{{ a is sequence }}{{ a is same as(b) }}"
                + "{{ a is divisible by(b) }}{{ a is even }}{{ a is odd }}",
        "{{ include(a, b, ignore_missing = true) }}{{ source(a, ignore_missing = true) }}",
        "{{ constant(a) }}{{ a is constant(b) }}{{ enum(a) }}",
        "{{ a|json_encode(b) }}{{ dump(a) }}",
        "{% set x = a %}{% set y = {(a): b} %}{{ y|json_encode }}{% set [p, q] = a %}{{ p }}{{ q }}",
        "{% apply upper %}{{ a }}{% endapply %}{% autoescape 'js' %}{{ a }}{% endautoescape %}",
        "{{ a|shuffle|length }}{{ random(a) is null }}",
        "{{ range(a|length, 3)|join }}{{ (b|length)..2|join }}",
    };

    private static final Object[] STRANGE_STRINGS = {
        "", "0", "-0", "1e3", " 12 ", "0x1A", "NaN", "INF", "1.5", "9223372036854775808", "\0", "\uD800",
        "\uDC00x", "\uD83D\uDE00", "<script>", "%s%d%1$s%*", "Y-m-d H:i:s", "@1700000000", "+1 day", "now",
        "UTF-8", "ISO-8859-1", "/(a+)+$/", "[", "\\", "{{", "html", "js", "index.twig", "base.twig",
        "java.lang.System::out", "getClass", "class",
    };

    private static Object value(FuzzedDataProvider in, int depth) {
        int kind = in.consumeInt(0, depth > 3 ? 11 : 17);
        switch (kind) {
            case 0:
                return null;
            case 1:
                return in.consumeBoolean();
            case 2:
                return in.consumeLong();
            case 3:
                return (long) in.consumeInt(-5, 20);
            case 4:
                return in.consumeInt();
            case 5:
                return in.consumeDouble();
            case 6:
                return in.pickValue(new Object[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 1e308, 4.9e-324});
            case 7:
                return new BigDecimal(in.consumeLong()).movePointLeft(in.consumeInt(0, 30));
            case 8:
                return in.consumeString(40);
            case 9:
                return in.pickValue(STRANGE_STRINGS);
            case 10:
                return new Markup(in.consumeString(20));
            case 11:
                return new String(new char[] {(char) in.consumeInt(0, 0xFFFF), (char) in.consumeInt(0, 0xFFFF)});
            case 12: {
                List<Object> l = new ArrayList<>();
                int n = in.consumeInt(0, 5);
                for (int i = 0; i < n; i++) {
                    l.add(value(in, depth + 1));
                }
                return in.consumeBoolean() ? l : List.copyOf(nonNull(l));
            }
            case 13: {
                Map<Object, Object> m = new LinkedHashMap<>();
                int n = in.consumeInt(0, 5);
                for (int i = 0; i < n; i++) {
                    Object k = in.consumeBoolean() ? (Object) in.consumeString(8) : (Object) (long) in.consumeInt(-3, 9);
                    m.put(k, value(in, depth + 1));
                }
                return m;
            }
            case 14:
                return new Object[] {value(in, depth + 1), value(in, depth + 1)};
            case 15:
                return in.consumeBoolean() ? new User() : new Point(in.consumeLong(), in.consumeLong());
            case 16:
                return new LinkedHashSet<>(Arrays.asList(value(in, depth + 1), value(in, depth + 1)));
            default:
                return Optional.ofNullable(value(in, depth + 1));
        }
    }

    private static List<Object> nonNull(List<Object> l) {
        List<Object> out = new ArrayList<>();
        for (Object o : l) {
            if (o != null) {
                out.add(o);
            }
        }
        return out;
    }

    /** Compiles and renders on the worker; anything but success or a TemplateException fails the input. */
    static void check(Environment env, String source, Map<String, Object> data) {
        run(env, source, data);
    }

    /**
     * What one render did: its output (null when it threw), the TemplateException it threw (or null), and how long
     * {@code render} ran (compiling the source not included: the deadline is the render's).
     */
    record Outcome(String output, TemplateException error, long renderNanos) {}

    /**
     * Compiles source and renders it over data on the worker thread. Anything but success or a TemplateException
     * (an Error, a raw RuntimeException), and a render still running after the time budget, fail the input.
     */
    @SuppressWarnings({"deprecation", "removal"})
    static Outcome run(Environment env, String source, Map<String, Object> data) {
        Thread[] worker = new Thread[1];
        Future<Outcome> f = WORKER.submit(() -> {
            worker[0] = Thread.currentThread();
            long start = 0;
            try {
                Template t = env.createTemplate(source, "index.twig");
                start = System.nanoTime();
                String out = t.render(data);
                return new Outcome(out, null, System.nanoTime() - start);
            } catch (TemplateException e) {
                // a refused template or a runtime error with a message: fine
                return new Outcome(null, e, start == 0 ? 0 : System.nanoTime() - start);
            }
        });
        try {
            return f.get(BUDGET_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            Thread t = worker[0];
            if (t != null) {
                try {
                    t.stop(); // a runaway render must not keep burning the fuzzer's CPU (works up to Java 19)
                } catch (UnsupportedOperationException ignored) {
                    // newer JVMs: the render thread is left to finish
                }
            }
            throw new AssertionError("render did not finish within " + BUDGET_MS + " ms: " + show(source));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new AssertionError(c.getClass().getName() + " (not a TemplateException) for " + show(source)
                    + " with " + data.keySet(), c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    // ---- sandboxed: a policy allowing a few tags, filters, functions, methods and one property --------------

    /**
     * What a sandboxed template may use. The oracle is in the data: every method of {@link Probe} and
     * {@link Gadget} the policy does not allow records itself when it runs, and so does the {@link Canary} behind
     * each public field the policy does not allow (a CharSequence: any use of it as text reads it), and the
     * {@code Function} and {@link Lambda} objects handed over as data (only arrow functions are callables in a
     * sandbox). A sandboxed render may fail (with a TemplateException) but must never run any of them.
     */
    static final SecurityPolicy POLICY = SecurityPolicy.builder()
            .allowTags("if", "for", "set", "apply", "include", "import", "from", "macro", "extends", "block",
                    "embed", "with")
            .allowFilters("escape", "e", "upper", "lower", "join", "length", "default", "first", "last", "keys",
                    "map", "filter", "sort", "reduce", "find", "invoke", "merge", "replace", "format", "trim", "raw",
                    "slice", "reverse", "split")
            .allowFunctions("range", "max", "min", "include", "attribute", "cycle", "block", "template_from_string")
            .allowMethods(Probe.class, "getName", "getFriend", "greet", "toString")
            .allowProperties(Probe.class, "nick")
            .build();

    private static final Map<String, String> SANDBOX_HELPERS = Map.of(
            "ok.twig", "{{ probe.name|upper }}{% for p in probes %}{{ p.nick }}{{ p }}{% endfor %}",
            "evil.twig", "{{ probe.secret }}{{ probe.getSecret() }}{{ gadget }}",
            "evil_filter.twig", "{{ name|json_encode }}{{ dump(probe) }}",
            "macros.twig", "{% macro ok(x) %}{{ x|upper }}{% endmacro %}"
                    + "{% macro bad(p) %}{{ p.admin }}{{ p.secret|length }}{% endmacro %}"
                    + "{% macro worse(p) %}{{ p|json_encode }}{% endmacro %}",
            "base.twig", "{% block title %}{{ probe.name }}{% endblock %}|{% block body %}{% endblock %}",
            "evil_base.twig", "{% block body %}{% endblock %}{{ gadget.value }}{{ probe == probe }}",
            "blocks.twig", "{% block b %}{{ probe.hello('x') }}{% endblock %}{% block ok %}{{ probe.nick }}{% endblock %}",
            "self.twig", "{{ depth|default(0) }}{% if depth|default(0) < 5 %}{% include 'self.twig' with "
                    + "{depth: depth|default(0) + 1} %}{% endif %}");

    private static final RenderLimits SANDBOX_LIMITS = RenderLimits.builder().maxOutputChars(1_000_000)
            .maxLoopIterations(1_000_000).maxDepth(64).maxRangeLength(100_000)
            .deadline(Duration.ofMillis(BUDGET_MS / 2)).build();

    /** Every template sandboxed (Twig's global sandbox). */
    private static final Environment SANDBOXED = Environment.builder().loader(new MapLoader(SANDBOX_HELPERS))
            .sandbox(POLICY).limits(SANDBOX_LIMITS).build();

    /** Sandboxed parts only: a trusted template sandboxes the fuzzed one through the sandbox tag. */
    private static final Environment PARTS = Environment.builder().loader(new MapLoader(SANDBOX_HELPERS))
            .securityPolicy(POLICY).limits(SANDBOX_LIMITS).build();

    private static final String PARTS_WRAPPER =
            "{% sandbox %}{% include template_from_string(fuzzed_source) %}{% endsandbox %}";

    /** What the policy forbids that ran: "Class.method" or "Canary(where)". */
    static final class Trace {
        final List<String> ran = java.util.Collections.synchronizedList(new ArrayList<>());

        void hit(String what) {
            ran.add(what);
        }
    }

    /** Text only the forbidden field it sits in leads to: any use of it as text reads it and is recorded. */
    public static final class Canary implements CharSequence {
        private final Trace trace;
        private final String where;
        private final String text;

        Canary(Trace trace, String where) {
            this.trace = trace;
            this.where = where;
            this.text = "canary-" + where;
        }

        @Override
        public int length() {
            trace.hit("Canary(" + where + ").length");
            return text.length();
        }

        @Override
        public char charAt(int index) {
            trace.hit("Canary(" + where + ").charAt");
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            trace.hit("Canary(" + where + ").subSequence");
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            trace.hit("Canary(" + where + ").toString");
            return text;
        }
    }

    /** Allowed: getName, getFriend, greet, toString and the field nick. Everything else records itself. */
    public static final class Probe implements Comparable<Probe> {
        private final Trace trace;
        private final String name;
        public String nick = "nick";
        public final Canary secret;
        public final Canary token;

        Probe(Trace trace, String name) {
            this.trace = trace;
            this.name = name;
            this.secret = new Canary(trace, "Probe.secret");
            this.token = new Canary(trace, "Probe.token");
        }

        public String getName() {
            return name;
        }

        public Probe getFriend() {
            return new Probe(trace, name + "'s friend");
        }

        public String greet(Object whom) {
            return "hi " + (whom instanceof String s ? s : "you");
        }

        public String getSecret() {
            trace.hit("Probe.getSecret");
            return "s3cr3t";
        }

        public boolean isAdmin() {
            trace.hit("Probe.isAdmin");
            return true;
        }

        public boolean hasRole(Object role) {
            trace.hit("Probe.hasRole");
            return true;
        }

        public String hello(Object x) {
            trace.hit("Probe.hello");
            return "hello";
        }

        public Gadget getGadget() {
            trace.hit("Probe.getGadget");
            return new Gadget(trace);
        }

        public void setName(Object n) {
            trace.hit("Probe.setName");
        }

        public void addTag(Object t) {
            trace.hit("Probe.addTag");
        }

        @Override
        public boolean equals(Object o) {
            trace.hit("Probe.equals");
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public int compareTo(Probe o) {
            trace.hit("Probe.compareTo");
            return 0;
        }

        @Override
        public String toString() {
            return "Probe(" + name + ")";
        }
    }

    /** Nothing allowed: each of its methods (toString, equals and compareTo included) records itself. */
    public static final class Gadget implements Comparable<Gadget> {
        private final Trace trace;
        public final Canary value;

        Gadget(Trace trace) {
            this.trace = trace;
            this.value = new Canary(trace, "Gadget.value");
        }

        public String getValue() {
            trace.hit("Gadget.getValue");
            return "v";
        }

        public String label() {
            trace.hit("Gadget.label");
            return "l";
        }

        @Override
        public boolean equals(Object o) {
            trace.hit("Gadget.equals");
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public int compareTo(Gadget o) {
            trace.hit("Gadget.compareTo");
            return 0;
        }

        @Override
        public String toString() {
            trace.hit("Gadget.toString");
            return "gadget";
        }
    }

    /** Fresh data per render, all of it reporting to trace. */
    private static Map<String, Object> sandboxData(Trace trace) {
        Map<String, Object> m = new LinkedHashMap<>();
        Probe probe = new Probe(trace, "Ann <b>");
        Gadget gadget = new Gadget(trace);
        m.put("probe", probe);
        m.put("gadget", gadget);
        m.put("probes", List.of(probe, new Probe(trace, "Bob")));
        m.put("gadgets", List.of(gadget, new Gadget(trace)));
        Map<String, Object> byName = new LinkedHashMap<>();
        byName.put("ann", probe);
        byName.put("g", gadget);
        m.put("pmap", byName);
        m.put("opt", Optional.of(gadget));
        m.put("arr", new Object[] {gadget, probe});
        m.put("fn", (java.util.function.Function<Object, Object>) x -> {
            trace.hit("Function.apply");
            return x;
        });
        m.put("lam", (Lambda) args -> {
            trace.hit("Lambda.apply");
            return args.length;
        });
        m.put("name", "<a href=\"x\">O'Neil & co</a>");
        m.put("n", 42L);
        m.put("list", List.of(1L, 2L, 3L));
        m.put("html", new Markup("<b>safe</b>"));
        return m;
    }

    /**
     * Template source, sandboxed twice (the global sandbox, then the sandbox tag of a trusted template including
     * it): nothing the policy forbids runs, whether or not the render fails.
     */
    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "twig.dict")
    void sandboxedSource(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        sandboxed(SANDBOXED, source, Map.of(), source);
        sandboxed(PARTS, PARTS_WRAPPER, Map.of("fuzzed_source", source), source);
    }

    private static void sandboxed(Environment env, String template, Map<String, Object> extra, String source) {
        Trace trace = new Trace();
        Map<String, Object> data = sandboxData(trace);
        data.putAll(extra);
        Outcome o = run(env, template, data);
        if (!trace.ran.isEmpty()) {
            throw new AssertionError("sandbox ran what the policy forbids " + trace.ran + " ("
                    + (o.error() == null ? "no exception" : o.error().getClass().getSimpleName() + ": "
                            + o.error().getMessage()) + ") for " + show(source));
        }
    }

    /**
     * The oracle is live: without a policy, each forbidden use runs the code that records it (so a sandbox that
     * let one through would be caught), and an allowed use records nothing.
     */
    @Test
    void theSandboxOracleSeesEachForbiddenUse() {
        Environment plain = Environment.builder().loader(new MapLoader(SANDBOX_HELPERS)).build();
        Map<String, String> uses = new LinkedHashMap<>();
        uses.put("{{ probe.secret|length }}", "Canary(Probe.secret).length");
        uses.put("{{ probe.token }}", "Canary(Probe.token).toString");
        uses.put("{{ probe.getSecret() }}", "Probe.getSecret");
        uses.put("{{ probe.admin ? 1 }}", "Probe.isAdmin");
        uses.put("{{ probe.hello('x') }}", "Probe.hello");
        uses.put("{{ attribute(probe, 'gadget') ? 1 }}", "Probe.getGadget");
        uses.put("{{ probe == probes[1] }}", "Probe.equals");
        uses.put("{{ probes|sort|length }}", "Probe.compareTo");
        uses.put("{{ gadget }}", "Gadget.toString");
        uses.put("{{ gadget.label }}", "Gadget.label");
        uses.put("{{ opt.value|length }}", "Canary(Gadget.value).length");
        uses.put("{{ list|map(fn)|length }}", "Function.apply");
        uses.put("{{ lam|invoke(1) }}", "Lambda.apply");
        uses.forEach((source, expected) -> {
            Trace trace = new Trace();
            Outcome o = run(plain, source, sandboxData(trace));
            assertNull(o.error(), source);
            assertTrue(trace.ran.contains(expected), source + " ran " + trace.ran);
        });
        Trace trace = new Trace();
        assertEquals("ANN &lt;B&gt;nickProbe(Ann &lt;b&gt;)hi x", run(SANDBOXED,
                "{{ probe.name|upper }}{{ probe.nick }}{{ probe }}{{ probe.greet('x') }}", sandboxData(trace))
                .output());
        assertEquals(List.of(), trace.ran);
    }

    /**
     * The clock is live: a render that would take seconds stops at its deadline, within the margin. The pattern
     * backtracks exponentially in Java's engine: a backreference turns off the memo that makes {@code (a+)+$}
     * alone linear there (with it, 9999 matches took about the deadline, so the test depended on render speed).
     */
    @Test
    void theLimitedRenderStopsAtItsDeadline() {
        Outcome o = run(LIMITED, "{% for i in 1..9999 %}{{ 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' matches "
                + "'/((a+)+)\\\\1$/' }}{% endfor %}", sampleData());
        assertTrue(o.error() instanceof TemplateLimitException, String.valueOf(o.error()));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(o.renderNanos()) < DEADLINE_MS + DEADLINE_MARGIN_MS);
    }

    // ---- limited: tight render limits, and a clock on every render ------------------------------------------

    static final long DEADLINE_MS = 200;
    /** How far past its deadline a render may finish (a check runs between two steps, GC pauses, a busy machine). */
    static final long DEADLINE_MARGIN_MS = 2_000;
    static final long MAX_OUTPUT = 100_000;

    private static final RenderLimits TIGHT = RenderLimits.builder().maxOutputChars(MAX_OUTPUT)
            .maxLoopIterations(100_000).maxDepth(20).maxRangeLength(10_000).deadline(Duration.ofMillis(DEADLINE_MS))
            .build();

    private static final Environment LIMITED = Environment.builder().loader(new MapLoader(HELPERS)).limits(TIGHT)
            .build();

    /**
     * Template source under tight limits: a render succeeds within them or fails with a TemplateException, never
     * runs more than {@value #DEADLINE_MARGIN_MS} ms past its {@value #DEADLINE_MS} ms deadline, and never
     * returns more than {@value #MAX_OUTPUT} characters.
     */
    @FuzzTest(maxDuration = "5m")
    @DictionaryFile(resourcePath = "twig.dict")
    void limitedSource(byte[] input) {
        String source = new String(input, StandardCharsets.UTF_8);
        Outcome o = run(LIMITED, source, sampleData());
        long ms = TimeUnit.NANOSECONDS.toMillis(o.renderNanos());
        if (ms > DEADLINE_MS + DEADLINE_MARGIN_MS) {
            throw new AssertionError("render ran " + ms + " ms, past its " + DEADLINE_MS + " ms deadline ("
                    + (o.error() == null ? "no exception" : o.error().getMessage()) + "): " + show(source));
        }
        if (o.output() != null && o.output().length() > MAX_OUTPUT) {
            throw new AssertionError("render wrote " + o.output().length() + " characters, over the limit of "
                    + MAX_OUTPUT + ": " + show(source));
        }
    }

    private static String show(String source) {
        String s = source.length() > 300 ? source.substring(0, 300) + "..." : source;
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
