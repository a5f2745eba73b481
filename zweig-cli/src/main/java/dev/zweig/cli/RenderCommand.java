package dev.zweig.cli;

import dev.zweig.Environment;
import dev.zweig.loader.FileSystemLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zweig render TEMPLATE [--dir DIR] [--data FILE|-]}: renders one template and prints the result. The
 * template is loaded through a {@link FileSystemLoader} over DIR (by default the template's own directory), so
 * its includes, imports and parents are found next to it.
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Renders a template and prints the output.")
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "TEMPLATE",
            description = "The template: a file, or with --dir a name relative to DIR.")
    String template;

    @Option(names = {"-d", "--dir"}, paramLabel = "DIR",
            description = "Template directory: root of TEMPLATE and its includes (default: TEMPLATE's directory).")
    Path dir;

    @Option(names = "--data", paramLabel = "FILE",
            description = "JSON object with the variables (- reads stdin).")
    String data;

    @Mixin
    EngineOptions engine;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Location at = locate(template, dir);
        Path root = at.root();
        String name = at.name();

        Map<String, Object> context = readData();
        Environment env = engine.environment(new FileSystemLoader(root));
        String output = env.load(name).render(context);
        PrintWriter out = spec.commandLine().getOut();
        out.print(output);
        out.flush();
        return Main.OK;
    }

    /** Where a template given on the command line lives: the loader's root and the name under it. */
    record Location(Path root, String name) {}

    /**
     * TEMPLATE as given on the command line: a file (its directory is the root) or, with --dir, a name under DIR
     * (or a path inside it). Missing files and directories are usage errors.
     */
    static Location locate(String template, Path dir) {
        if (dir == null) {
            Path file = Path.of(template);
            if (!Files.isRegularFile(file)) {
                throw new CliException("template not found: " + template, Main.INPUT_ERROR);
            }
            Path absolute = file.toAbsolutePath().normalize();
            return new Location(absolute.getParent(), absolute.getFileName().toString());
        }
        if (!Files.isDirectory(dir)) {
            throw new CliException("directory not found: " + dir, Main.INPUT_ERROR);
        }
        return new Location(dir, nameUnder(dir, template));
    }

    /** TEMPLATE as a name under DIR: either already relative to DIR, or a path (from here) that lies inside it. */
    static String nameUnder(Path dir, String template) {
        String asName = template.replace('\\', '/');
        try {
            if (!Path.of(template).isAbsolute() && Files.isRegularFile(dir.resolve(template))) {
                return asName;
            }
            Path file = Path.of(template);
            if (Files.isRegularFile(file)) {
                Path absDir = dir.toAbsolutePath().normalize();
                Path absFile = file.toAbsolutePath().normalize();
                if (absFile.startsWith(absDir)) {
                    return absDir.relativize(absFile).toString().replace('\\', '/');
                }
                throw new CliException("template " + template + " is not inside " + dir, Main.INPUT_ERROR);
            }
        } catch (java.nio.file.InvalidPathException e) {
            throw new CliException("invalid template path: " + template, Main.INPUT_ERROR);
        }
        throw new CliException("template not found: " + template + " (in " + dir + ")", Main.INPUT_ERROR);
    }

    private Map<String, Object> readData() {
        if (data == null) {
            return new LinkedHashMap<>();
        }
        if (data.equals("-")) {
            return JsonData.read(main.stdin(), "stdin");
        }
        Path file = Path.of(data);
        try (InputStream in = Files.newInputStream(file)) {
            return JsonData.read(in, data);
        } catch (NoSuchFileException e) {
            throw new CliException("data file not found: " + data, Main.INPUT_ERROR);
        } catch (IOException e) {
            throw new CliException("cannot read " + data + ": " + e.getMessage(), Main.INPUT_ERROR);
        }
    }
}
