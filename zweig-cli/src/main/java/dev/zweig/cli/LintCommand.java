package dev.zweig.cli;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.FileSystemLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zweig lint DIR}: compiles every {@code *.twig} under DIR (recursively, through a loader over DIR so that
 * parents and imports resolve) and reports each error as {@code file:line: message}. Exit 1 when any template has
 * an error, else 0 with a summary line.
 */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Compiles every *.twig under DIR and reports errors as file:line: message.")
final class LintCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Directory to check (recursively).")
    Path dir;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!Files.isDirectory(dir)) {
            throw new CliException("directory not found: " + dir, Main.INPUT_ERROR);
        }
        List<String> names = templateNames(dir);
        Environment env = engine.environment(new FileSystemLoader(dir));
        PrintWriter out = spec.commandLine().getOut();
        Set<String> reports = new LinkedHashSet<>();
        int failed = 0;
        for (String name : names) {
            String report;
            try {
                env.load(name);
                continue;
            } catch (TemplateException e) {
                String where = e.getTemplateName() != null ? e.getTemplateName() : name;
                report = display(where) + (e.getLine() > 0 ? ":" + e.getLine() : "") + ": " + rawMessage(e);
            } catch (RuntimeException | StackOverflowError e) {
                report = display(name) + ": internal error: " + e.getClass().getName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            failed++;
            if (reports.add(report)) {
                out.println(report);
            }
        }
        if (failed == 0) {
            out.println("lint: " + plural(names.size(), "template") + " OK in " + dir);
            out.flush();
            return Main.OK;
        }
        out.println("lint: " + failed + " of " + plural(names.size(), "template") + " failed in " + dir);
        out.flush();
        return Main.TEMPLATE_ERROR;
    }

    private static String rawMessage(TemplateException e) {
        String raw = e.getRawMessage();
        return raw == null || raw.isEmpty() ? e.getMessage() : raw;
    }

    /** A template name as a path the user can open: DIR joined with the name. */
    private String display(String name) {
        return dir.resolve(name).toString();
    }

    private static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }

    private static List<String> templateNames(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".twig"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new CliException("cannot read " + dir + ": " + e.getMessage(), Main.INPUT_ERROR);
        }
    }
}
