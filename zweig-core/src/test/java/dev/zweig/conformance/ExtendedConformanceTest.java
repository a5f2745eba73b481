package dev.zweig.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.runtime.Escapers;
import dev.zweig.php.Values;
import dev.zweig.sandbox.SecurityPolicy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The cases of twig-fixtures-extended.jsonl that need no PHP objects: those using the harness's test extension
 * (emulated here as the corpus README describes it), the sandbox (policy allowing only dump), the string loader,
 * legacy features and deprecations (whose output is still checked). Guards against regressions with a floor. The
 * other cases of the file (PHP objects, set-ups, conditions, enums) are {@link ObjectConformanceTest}'s.
 */
class ExtendedConformanceTest {
    static final int FLOOR = 43;

    private static final Set<String> SUPPORTED = Set.of("test-extension", "legacy", "deprecation", "sandbox",
            "string-loader", "float", "debug-extension");

    @Test
    void extendedCasesWithoutPhpObjects() throws Exception {
        Path file = ConformanceTest.corpusDir().resolve("twig-fixtures-extended.jsonl");
        ObjectMapper json = new ObjectMapper();
        int passed = 0;
        List<String> failures = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = json.readTree(line);
            if (!runnable(c)) {
                continue; // ObjectConformanceTest's
            }
            String reason = ConformanceTest.runCase(c, ExtendedConformanceTest::environment);
            if (reason == null) {
                passed++;
            } else {
                failures.add(c.path("id").asText() + "  " + reason);
            }
        }
        StringBuilder report = new StringBuilder("conformance: " + passed + " passed, " + failures.size()
                + " failed of " + (passed + failures.size()) + " (twig-fixtures-extended.jsonl, runnable subset)\n");
        failures.forEach(f -> report.append("  FAIL ").append(f.length() > 220 ? f.substring(0, 220) : f)
                .append('\n'));
        System.out.print(report);
        assertTrue(passed >= FLOOR, passed + " passed, below the floor of " + FLOOR);
    }

    /** Whether a case is this test's: JSON data, and only needs the harness emulates as it is. */
    static boolean runnable(JsonNode c) {
        boolean runnable = !c.path("data").isNull();
        for (JsonNode need : c.path("needs")) {
            runnable &= SUPPORTED.contains(need.asText().split(":")[0]);
        }
        return runnable;
    }

    static Environment environment(JsonNode config, Map<String, String> templates) {
        return builder(config, templates).build();
    }

    /** The builder of a case's Environment (its executor is the default one unless the caller sets it). */
    static Environment.Builder builder(JsonNode config, Map<String, String> templates) {
        Environment.Builder b = Environment.builder()
                .loader(new MapLoader(templates))
                .strictVariables(config.path("strict_variables").asBoolean(false))
                .debug(config.path("debug").asBoolean(false))
                .timezone(ZoneId.of("UTC"))
                .global("global", "global")
                .securityPolicy(SecurityPolicy.builder().allowFunctions("dump").build())
                .extension(new HarnessExtension());
        JsonNode autoescape = config.path("autoescape");
        if (autoescape.isBoolean()) {
            b.autoescape(autoescape.asBoolean());
        } else if (autoescape.isTextual()) {
            b.autoescape(autoescape.asText());
        }
        return b;
    }

    /** The harness's test extension, as the corpus README describes its callables. */
    static final class HarnessExtension implements Extension {
        @Override
        public List<FilterDefinition> filters() {
            return List.of(
                    FilterDefinition.of("§", (ctx, a) -> "§" + Values.toString(a[0]) + "§"),
                    FilterDefinition.of("escape_and_nl2br", (ctx, a) -> Escapers.escape("html",
                            Values.toString(a[0])).replace("\n", "<br />\n")).safe("html"),
                    FilterDefinition.of("nl2br", (ctx, a) -> Values.toString(a[0]).replace("\n",
                            Values.toString(a[1]) + "\n")).params(Param.optional("sep", "<br />")).preEscape("html")
                            .safe("html"),
                    FilterDefinition.of("escape_something", (ctx, a) -> Values.toString(a[0]).toUpperCase())
                            .safe("something"),
                    FilterDefinition.of("preserves_safety", (ctx, a) -> Values.toString(a[0]).toUpperCase())
                            .preservingSafety("html"),
                    FilterDefinition.of("not", (ctx, a) -> "not " + Values.toString(a[0])),
                    FilterDefinition.of("anon_foo", (ctx, a) -> "*" + Values.toString(a[0]) + "*"),
                    FilterDefinition.of("*_path", (ctx, a) -> a[0] + "/" + Values.toString(a[1])),
                    FilterDefinition.of("*_foo_*_bar", (ctx, a) -> a[0] + "/" + a[1] + "/" + Values.toString(a[2])),
                    FilterDefinition.of("static_call_*", (ctx, a) -> "*" + Values.toString(a[1]) + "*"),
                    // __call() / __callStatic() of the harness's test classes, reached through a filter
                    FilterDefinition.of("magic_call", (ctx, a) -> "magic_" + Values.toString(a[0])),
                    FilterDefinition.of("magic_call_closure", (ctx, a) -> "magic_" + Values.toString(a[0])),
                    FilterDefinition.of("magic_call_string", (ctx, a) -> "static_magic_" + Values.toString(a[0])),
                    FilterDefinition.of("magic_call_array", (ctx, a) -> "static_magic_" + Values.toString(a[0])));
        }

        @Override
        public List<FunctionDefinition> functions() {
            return List.of(
                    FunctionDefinition.of("§", (ctx, a) -> "§" + Values.toString(a[0]) + "§").params("x"),
                    FunctionDefinition.of("safe_br", (ctx, a) -> "<br />").safe("html"),
                    FunctionDefinition.of("unsafe_br", (ctx, a) -> "<br />"),
                    FunctionDefinition.of("deprecated_function", (ctx, a) -> "foo"),
                    FunctionDefinition.of("anon_foo", (ctx, a) -> "*" + Values.toString(a[0]) + "*").params("x"),
                    FunctionDefinition.of("*_path", (ctx, a) -> a[0] + "/" + Values.toString(a[1])).params("x"),
                    FunctionDefinition.of("*_foo_*_bar", (ctx, a) -> a[0] + "/" + a[1] + "/" + Values.toString(a[2]))
                            .params("x"),
                    FunctionDefinition.of("static_call_*", (ctx, a) -> "*" + Values.toString(a[1]) + "*")
                            .params("x"));
        }

        @Override
        public List<TestDefinition> tests() {
            return List.of(TestDefinition.of("multi word", (ctx, a) -> Values.toString(a[0]).contains(" ")),
                    TestDefinition.of("test_*", (ctx, a) -> Values.toString(a[1]).equals(a[0])));
        }

        /** Tag {@code §} prints {@code §}. */
        @Override
        public List<dev.zweig.ext.TagParser> tags() {
            return List.of(new dev.zweig.ext.TagParser() {
                @Override
                public String tag() {
                    return "§";
                }

                @Override
                public dev.zweig.ext.Node parse(dev.zweig.ext.TagReader in) {
                    in.end();
                    return ctx -> ctx.output().write("§");
                }
            });
        }

        @Override
        public Map<String, Object> globals() {
            return new LinkedHashMap<>();
        }
    }
}
