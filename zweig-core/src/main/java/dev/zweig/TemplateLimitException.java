package dev.zweig;

/**
 * A render went past one of its {@link RenderLimits} (loop iterations, nesting depth, output size, range length,
 * deadline). Nothing in a template can catch or test it away: {@code is defined}, {@code ??}, {@code default},
 * {@code ignore missing} and macro lookups let it through, so a limit holds whatever the template does.
 */
public class TemplateLimitException extends TemplateRuntimeException {
    public TemplateLimitException(String rawMessage, String templateName, int line) {
        super(rawMessage, templateName, line);
    }

    public TemplateLimitException(String rawMessage) {
        super(rawMessage);
    }
}
