package dev.zweig;

/** A {@link TemplateException} raised while rendering a template (Twig's RuntimeError). */
public class TemplateRuntimeException extends TemplateException {
    public TemplateRuntimeException(String rawMessage, String templateName, int line, int column, Throwable cause) {
        super(rawMessage, templateName, line, column, cause);
    }

    public TemplateRuntimeException(String rawMessage, String templateName, int line) {
        super(rawMessage, templateName, line);
    }

    public TemplateRuntimeException(String rawMessage) {
        super(rawMessage);
    }
}
