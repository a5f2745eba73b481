package dev.zweig.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.Template;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every case of every shared corpus file (and of the real-world corpus) on both executors (the extended file's cases
 * with PHP objects on their Java translation, see ObjectConformanceTest): the compiled one must
 * render exactly what the interpreter renders, or fail with the same exception class and message (template and
 * line included), case by case; whether that is what Twig does is ConformanceTest's business, on each executor.
 */
class ExecutorEquivalenceTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"twig-fixtures.jsonl", "zweig-diff.jsonl", "twig-fixtures-extended.jsonl",
        "realworld.jsonl"})
    void bothExecutorsAgreeOnEveryCase(String file) throws IOException {
        List<String> lines = file.equals("realworld.jsonl") ? realWorld()
                : Files.readAllLines(ConformanceTest.corpusDir().resolve(file), StandardCharsets.UTF_8);
        BiFunction<JsonNode, Map<String, String>, Environment.Builder> builders =
                file.equals("twig-fixtures-extended.jsonl") ? ExtendedConformanceTest::builder
                        : ConformanceTest::builder;
        int compared = 0;
        List<String> differences = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line);
            boolean objects = file.equals("twig-fixtures-extended.jsonl") && !ExtendedConformanceTest.runnable(c);
            if (objects && ObjectConformanceTest.SKIPPED.containsKey(c.path("id").asText())) {
                continue; // cannot apply on the JVM (the reason is in the list)
            }
            String interpreted = objects ? objectOutcome(c, Executor.INTERPRETED)
                    : outcome(c, builders, Executor.INTERPRETED);
            String compiled = objects ? objectOutcome(c, Executor.COMPILED) : outcome(c, builders, Executor.COMPILED);
            compared++;
            if (!interpreted.equals(compiled)) {
                differences.add(c.path("id").asText() + "\n    interpreted: " + interpreted + "\n    compiled:    "
                        + compiled);
            }
        }
        assertTrue(compared >= 40, file + ": only " + compared + " cases compared");
        assertEquals(List.of(), differences, file + ": " + differences.size() + " of " + compared + " cases differ");
    }

    /** What a case gives on one executor: "output: ..." or "exception: Class: message" (load or render). */
    private static String outcome(JsonNode c, BiFunction<JsonNode, Map<String, String>, Environment.Builder> builders,
            Executor executor) {
        Map<String, String> templates = new LinkedHashMap<>();
        c.path("templates").fields().forEachRemaining(e -> templates.put(e.getKey(), e.getValue().asText()));
        try {
            Environment env = builders.apply(c.path("config"), templates).executor(executor).build();
            Template t = env.load(c.path("main").asText("index.twig"));
            return "output: " + t.render(ConformanceTest.toMap(c.path("data")));
        } catch (Throwable e) {
            return "exception: " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    /** What a case whose data holds PHP objects (translated to Java, see ObjectConformanceTest) gives. */
    private static String objectOutcome(JsonNode c, Executor executor) {
        try {
            ObjectConformanceTest.Prepared p = ObjectConformanceTest.prepare(c, executor);
            Template t = p.env().load(c.path("main").asText("index.twig"));
            return "output: " + t.render(p.data());
        } catch (Throwable e) {
            return "exception: " + e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static List<String> realWorld() throws IOException {
        try (InputStream in = ExecutorEquivalenceTest.class.getResourceAsStream("/realworld/realworld.jsonl")) {
            return Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }
}
