package dev.zweig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.MapLoader;
import dev.zweig.runtime.Markup;
import java.lang.reflect.Method;
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

/**
 * Hostile input: whatever the template source or the data, compiling and rendering either succeeds or throws a
 * {@link TemplateException}; never another exception (NPE, ClassCastException, StackOverflowError...), never a
 * hang.
 *
 * <p>In a plain {@code mvn verify} each fuzz test runs once per file of its regression corpus under
 * {@code src/test/resources/dev/zweig/fuzz/FuzzTemplatesTestInputs/<method>/} (Jazzer's convention). Fuzzing mode,
 * for a set time: {@code JAZZER_FUZZ=1 mvn -pl zweig-core test -Dtest=FuzzTemplatesTest#templateSource
 * -Djazzer.max_duration=10m} (see docs/security.md).
 *
 * <p>Renders run on a worker thread with a small stack and a time budget. While the Environment has no render
 * limits (looked up reflectively: {@code Environment.Builder#limits(RenderLimits)}), a render that runs out of time
 * or memory is put down to legitimately huge work ({@code 1..99999999}) and not reported; once limits exist, the
 * harness sets them and any timeout or OutOfMemoryError is a finding.
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

    private static final boolean HAS_LIMITS = limitsMethod() != null;
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

    private static Method limitsMethod() {
        try {
            return Environment.Builder.class.getMethod("limits", Class.forName("dev.zweig.RenderLimits"));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static Environment environment(boolean strict) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(HELPERS)).strictVariables(strict);
        Method limits = limitsMethod();
        if (limits != null) {
            try {
                limits.invoke(b, dev.zweig.RenderLimits.builder().maxOutputChars(1_000_000)
                        .maxLoopIterations(1_000_000).maxDepth(64).maxRangeLength(100_000)
                        .deadline(Duration.ofMillis(BUDGET_MS / 2)).build());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return b.build();
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
    @SuppressWarnings({"deprecation", "removal"})
    static void check(Environment env, String source, Map<String, Object> data) {
        Thread[] worker = new Thread[1];
        Future<?> f = WORKER.submit(() -> {
            worker[0] = Thread.currentThread();
            try {
                env.createTemplate(source, "index.twig").render(data);
            } catch (TemplateException expected) {
                // a refused template or a runtime error with a message: fine
            }
            return null;
        });
        try {
            f.get(BUDGET_MS, TimeUnit.MILLISECONDS);
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
            if (HAS_LIMITS) {
                throw new AssertionError("render did not finish within " + BUDGET_MS + " ms: " + show(source));
            }
            tolerated("timeout", source, data);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof OutOfMemoryError && !HAS_LIMITS) {
                tolerated("OutOfMemoryError", source, data);
                return;
            }
            AssertionError err = new AssertionError(c.getClass().getName() + " (not a TemplateException) for "
                    + show(source) + " with " + data.keySet(), c);
            throw err;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reports, on stderr, work too big for a render without limits (what the limits will have to stop). */
    private static void tolerated(String what, String source, Map<String, Object> data) {
        System.err.println("zweig-fuzz: tolerated " + what + " (no render limits yet) for " + show(source)
                + " with " + show(String.valueOf(data)));
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
