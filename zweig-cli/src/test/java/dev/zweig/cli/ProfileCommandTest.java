package dev.zweig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code zweig profile}: both flag spellings, the results block, the JFR files, and one-line usage errors. */
class ProfileCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        CommandLine cli = Main.commandLine(new ByteArrayInputStream(new byte[0]));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    private static String field(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + ":\\s+(.*)$").matcher(out);
        assertTrue(m.find(), "no " + label + " in:\n" + out);
        return m.group(1);
    }

    @Test
    void singleDashWithEquals() {
        Result r = run("profile", "-complexity=2", "-iterations=50", "-warmup=10");
        assertEquals(0, r.code(), r.err());
        assertTrue(field(r.out(), "Template").startsWith("complexity 2 (medium"), r.out());
        assertEquals("50 (after 10 warm-up renders)", field(r.out(), "Iterations"));
        assertTrue(field(r.out(), "Output").endsWith("matches the expected text"), r.out());
        assertTrue(field(r.out(), "Total time").endsWith(" ms"));
        assertTrue(field(r.out(), "Time/render").contains(" µs"));
        assertTrue(field(r.out(), "Allocated").endsWith(" bytes total"));
        assertTrue(field(r.out(), "Bytes/render").matches("[0-9,]+\\.[0-9]"), r.out());
        assertTrue(field(r.out(), "GC").matches("\\d+ collections, \\d+ ms"), r.out());
        assertTrue(r.out().contains("Top allocation sites (JFR "), r.out());
    }

    @Test
    void doubleDashWithSpace() {
        Result r = run("profile", "--complexity", "3", "--iterations", "20", "--warmup", "5", "--output", "string");
        assertEquals(0, r.code(), r.err());
        assertTrue(field(r.out(), "Template").startsWith("complexity 3 (complex"), r.out());
        assertTrue(field(r.out(), "Output").startsWith("a new String per render"), r.out());
        assertEquals("20 (after 5 warm-up renders)", field(r.out(), "Iterations"));
    }

    @Test
    void plainProgressLinesWithoutATerminal() {
        Result r = run("profile", "-complexity", "1", "-iterations", "8", "-warmup", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("profile: warm-up: 4 renders"), r.err());
        assertTrue(r.err().contains("profile: measure: 8 renders"), r.err());
        assertTrue(r.err().contains("profile: measure: 100%"), r.err());
        assertFalse(r.err().contains("\r"), r.err());
    }

    @Test
    void memAndCpuProfilesAreJfrRecordings() throws IOException {
        Path mem = tmp.resolve("heap.jfr");
        Path cpu = tmp.resolve("cpu.jfr");
        // the built-in pages allocate nothing any more: profile a template that does (a variable set to _context
        // holds a new snapshot of the scope each time, and a date given as text is parsed again in every render;
        // _context|length alone lists the names in place now, without allocating)
        Path page = tmp.resolve("alloc.twig");
        Files.writeString(page, "{% for i in 1..50 %}{% set c = _context %}{{ c|length }}"
                + "{{ ('2024-01-' ~ (i % 18 + 10))|date('d') }}{% endfor %}");
        Result r = run("profile", "--template", page.toString(), "-iterations=300", "-warmup=50",
                "-memprofile=" + mem, "-cpuprofile", cpu.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(mem.toString(), field(r.out(), "Memory profile"));
        assertEquals(cpu.toString(), field(r.out(), "CPU profile"));
        assertTrue(r.out().contains("Hottest methods (JFR jdk.ExecutionSample"), r.out());
        boolean allocation = false;
        try (RecordingFile f = new RecordingFile(mem)) {
            while (f.hasMoreEvents()) {
                allocation |= f.readEvent().getEventType().getName().equals("jdk.ObjectAllocationSample");
            }
        }
        assertTrue(allocation, "no allocation events in " + mem);
        assertTrue(Files.size(cpu) > 0);
    }

    /** Found trying the command as a newcomer would: a CPU profile alone (no -memprofile) failed with an internal error. */
    @Test
    void aCpuProfileAloneKeepsNoAllocationRecording() throws IOException {
        Path cpu = tmp.resolve("alone.jfr");
        Result r = run("profile", "-complexity", "1", "-iterations=200", "-warmup=20", "--cpuprofile", cpu.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(cpu.toString(), field(r.out(), "CPU profile"));
        assertTrue(r.out().contains("Hottest methods (JFR jdk.ExecutionSample"), r.out());
        assertFalse(r.out().contains("Memory profile"), r.out());
        assertTrue(Files.size(cpu) > 0);
    }

    @Test
    void yourOwnTemplateAndData() throws IOException {
        Files.writeString(tmp.resolve("base.twig"), "<b>{% block x %}{% endblock %}</b>");
        Files.writeString(tmp.resolve("page.twig"), "{% extends 'base.twig' %}{% block x %}{{ n * 2 }}{% endblock %}");
        Files.writeString(tmp.resolve("data.json"), "{\"n\": 21}");
        Result r = run("profile", "--template", tmp.resolve("page.twig").toString(), "--data",
                tmp.resolve("data.json").toString(), "-iterations", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(field(r.out(), "Template").startsWith("page.twig (in "), r.out());
        assertTrue(field(r.out(), "Output").contains("9 chars, not checked"), r.out());
        Result withDir = run("profile", "--template", "page.twig", "--dir", tmp.toString(), "-iterations", "5");
        assertEquals(0, withDir.code(), withDir.err());
    }

    // ---- errors: one line, exit 2 -------------------------------------------------------------------------------

    private static void assertUsageError(Result r, String contains) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("zweig: ") && r.err().contains(contains), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test
    void badFlags() {
        assertUsageError(run("profile", "-complexity=3", "--bogus"), "Unknown option: '--bogus'");
        assertUsageError(run("profile", "-complexity", "x"), "-complexity");
        assertUsageError(run("profile", "-complexity", "4"), "-complexity must be 1, 2 or 3, not 4");
        assertUsageError(run("profile", "-complexity", "1", "-iterations", "0"), "at least 1");
        assertUsageError(run("profile", "-complexity", "1", "-output", "file"), "sink or string");
        assertUsageError(run("profile"), "-complexity 1|2|3 or --template FILE");
        assertUsageError(run("profile", "-complexity", "1", "--template", "x.twig"), "not both");
    }

    @Test
    void missingFilesAndInvalidJson() throws IOException {
        assertUsageError(run("profile", "--template", tmp.resolve("nope.twig").toString()), "template not found");
        Files.writeString(tmp.resolve("t.twig"), "{{ a }}");
        assertUsageError(run("profile", "--template", tmp.resolve("t.twig").toString(), "--data",
                tmp.resolve("nope.json").toString()), "data file not found");
        Files.writeString(tmp.resolve("bad.json"), "{\"a\": ");
        assertUsageError(run("profile", "--template", tmp.resolve("t.twig").toString(), "--data",
                tmp.resolve("bad.json").toString()), "invalid JSON in");
        assertUsageError(run("profile", "-complexity", "1", "-memprofile", tmp.resolve("no/dir/x.jfr").toString()),
                "directory not found");
    }
}
