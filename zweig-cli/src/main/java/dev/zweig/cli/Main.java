package dev.zweig.cli;

import dev.zweig.TemplateException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code zweig} command: one picocli subcommand per job ({@code render}, {@code lint}, {@code profile}).
 *
 * <p>Exit codes: 0 success; 1 a template error (syntax, runtime, missing include) or lint findings; 2 bad usage
 * or input (unknown flag, missing file, invalid JSON); 3 an internal error of Zweig. Errors are one line on stderr, never a
 * stack trace (set {@code ZWEIG_STACKTRACE=1} to get one).
 */
@Command(
        name = "zweig",
        mixinStandardHelpOptions = true,
        version = "zweig 0.1.0-SNAPSHOT",
        description = "Twig templates on the JVM.",
        subcommands = {RenderCommand.class, LintCommand.class, ProfileCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    static final int OK = 0;
    static final int TEMPLATE_ERROR = 1;
    static final int INPUT_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    private final InputStream stdin;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Main(InputStream stdin) {
        this.stdin = stdin;
    }

    /** Where {@code --data -} reads from. */
    InputStream stdin() {
        return stdin;
    }

    @Override
    public void run() {
        // "zweig" alone: show what it can do
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CliException("a subcommand is required", INPUT_ERROR);
    }

    /** A configured command line, with stdin for {@code --data -}; tests set out/err and call execute. */
    public static CommandLine commandLine(InputStream stdin) {
        CommandLine cli = new CommandLine(new Main(stdin));
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> handle(ex, commandLine));
        cli.setParameterExceptionHandler(Main::usageError);
        return cli;
    }

    /** A bad flag or a missing argument: one line naming the command's help, exit 2. */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = ex.getMessage() == null ? "invalid arguments" : ex.getMessage().strip();
        int nl = message.indexOf('\n');
        if (nl >= 0) {
            message = message.substring(0, nl).strip();
        }
        err.println("zweig: " + message + " (see: " + cmd.getCommandSpec().qualifiedName() + " --help)");
        err.flush();
        return INPUT_ERROR;
    }

    private static int handle(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        int code;
        if (ex instanceof CliException) {
            err.println("zweig: " + ex.getMessage());
            code = ((CliException) ex).exitCode();
        } else if (ex instanceof TemplateException) {
            err.println("zweig: " + ex.getMessage());
            code = TEMPLATE_ERROR;
        } else {
            err.println("zweig: internal error: " + ex.getClass().getName()
                    + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            code = INTERNAL_ERROR;
        }
        if ("1".equals(System.getenv("ZWEIG_STACKTRACE"))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine(System.in);
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        int code = cli.execute(args);
        cli.getOut().flush();
        cli.getErr().flush();
        System.exit(code);
    }
}
