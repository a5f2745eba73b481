package dev.zweig.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Executor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Small templates over the whole language (filters with edge arguments, tests, operator precedence, whitespace
 * control, interpolation, spread, arrow functions, macros, set, apply, with, include, embed, extends, use,
 * escaping, errors with their lines), {@code _context} in every kind of scope (loops, with, include, embed,
 * macros, blocks) and sorts of mixed values (PHP's zend_sort: small and large arrays, with and without an arrow),
 * each with what real Twig renders for it. The cases live in {@code conformance/conf8-cases.jsonl}, in the corpus
 * format; {@code expect}/{@code exception} come from Twig 3.15 run as the local oracle (on PHP 8.2), and only cases
 * whose result no later 3.x release changed are in the file. Compared exactly as the shared corpus is
 * ({@link ConformanceTest#runCase}), on each executor; every case must pass.
 */
class DifferentialCasesTest {
    /** The file holds at least this many cases, so that a truncated file cannot pass. */
    static final int MIN_CASES = 440;

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(Executor.class)
    void rendersAsTwig(Executor executor) throws IOException {
        List<String> failures = new ArrayList<>();
        int total = 0;
        for (String line : lines()) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line);
            total++;
            String reason = ConformanceTest.runCase(c,
                    (config, templates) -> ConformanceTest.builder(config, templates).executor(executor).build());
            if (reason != null) {
                failures.add(c.path("id").asText() + "  " + reason);
            }
        }
        assertTrue(total >= MIN_CASES, total + " cases, expected at least " + MIN_CASES);
        assertEquals(List.of(), failures, executor + ": cases that do not render as Twig");
    }

    private static List<String> lines() throws IOException {
        try (InputStream in = DifferentialCasesTest.class.getResourceAsStream("/conformance/conf8-cases.jsonl")) {
            assertNotNull(in, "conformance/conf8-cases.jsonl is not on the test class path");
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
    }
}
