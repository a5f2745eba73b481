package dev.zweig.loader;

/**
 * A template's code as a loader found it.
 *
 * @param name the logical name the template was asked for (used in error messages)
 * @param code the template text
 * @param path where it came from (a file path or resource URL), for tools; may equal the name
 */
public record TemplateSource(String name, String code, String path) {
    public TemplateSource(String name, String code) {
        this(name, code, name);
    }
}
