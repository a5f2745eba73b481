package dev.zweig.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Real-world templates (Symfony form themes, paginators, recursive menus, admin list and detail pages, e-mails in
 * three levels of inheritance, a demo blog, JSON and script snippets, string, number and date formatting, and the
 * mistakes users make), each rendered with its data and compared with what PHP Twig renders, exactly as the shared
 * corpus is compared ({@link ConformanceTest#runCase}). The cases live in {@code realworld/realworld.jsonl}, in
 * the corpus format; {@code expect}/{@code exception} come from Twig 3.15 run as an oracle, replaced by Twig
 * 3.29's result where a later release changed it ({@code expect_source} says which). Every case must pass.
 */
class RealWorldTest {
    /** The file holds at least this many cases, so that a truncated file cannot pass. */
    static final int MIN_CASES = 80;

    @Test
    void realWorldTemplatesRenderAsTwig() throws IOException {
        List<String> lines;
        try (InputStream in = RealWorldTest.class.getResourceAsStream("/realworld/realworld.jsonl")) {
            assertNotNull(in, "realworld/realworld.jsonl is not on the test class path");
            lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        ConformanceTest.Score score = ConformanceTest.score("realworld.jsonl", lines, c -> c);
        assertTrue(score.total() >= MIN_CASES, score.total() + " cases, expected at least " + MIN_CASES);
        assertEquals(List.of(), score.failures(), "real-world templates that do not render as Twig");
        assertEquals(score.total(), score.passed());
    }
}
