package dev.zweig;

/** A {@link TemplateException} raised while lexing or parsing a template (Twig's SyntaxError). */
public class TemplateSyntaxException extends TemplateException {
    public TemplateSyntaxException(String rawMessage, String templateName, int line, int column, Throwable cause) {
        super(rawMessage, templateName, line, column, cause);
    }

    public TemplateSyntaxException(String rawMessage, String templateName, int line) {
        super(rawMessage, templateName, line);
    }

    public TemplateSyntaxException(String rawMessage) {
        super(rawMessage);
    }
}
