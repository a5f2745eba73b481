package dev.zweig.cli;

import dev.zweig.Environment;
import dev.zweig.loader.Loader;
import picocli.CommandLine.Option;

/** Environment settings shared by the subcommands (a picocli mixin). */
final class EngineOptions {
    @Option(names = "--strict", description = "Undefined variables and attributes are errors (Twig's strict_variables).")
    boolean strict;

    @Option(names = "--autoescape", paramLabel = "STRATEGY", defaultValue = "html",
            description = "Default escaping: html, js, css, url, html_attr, name (by file extension) or false. "
                    + "Default: ${DEFAULT-VALUE}.")
    String autoescape;

    Environment environment(Loader loader) {
        Environment.Builder b = Environment.builder().loader(loader).strictVariables(strict);
        switch (autoescape) {
            case "false":
            case "off":
            case "none":
                b.autoescape(false);
                break;
            case "html":
            case "js":
            case "css":
            case "url":
            case "html_attr":
            case "name":
                b.autoescape(autoescape);
                break;
            default:
                throw new CliException("unknown autoescape strategy \"" + autoescape
                        + "\" (html, js, css, url, html_attr, name or false)", Main.INPUT_ERROR);
        }
        return b.build();
    }
}
