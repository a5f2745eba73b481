package dev.zweig;

/** A {@link TemplateException} raised while finding or reading a template (Twig's LoaderError). */
public class TemplateLoaderException extends TemplateException {
    public TemplateLoaderException(String rawMessage, String templateName, int line, int column, Throwable cause) {
        super(rawMessage, templateName, line, column, cause);
    }

    public TemplateLoaderException(String rawMessage, String templateName, int line) {
        super(rawMessage, templateName, line);
    }

    public TemplateLoaderException(String rawMessage) {
        super(rawMessage);
    }
}
