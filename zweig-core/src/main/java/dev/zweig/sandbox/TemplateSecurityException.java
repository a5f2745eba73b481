package dev.zweig.sandbox;

import dev.zweig.TemplateException;

/**
 * A sandbox violation (Twig's {@code Twig\Sandbox\SecurityError}): a template used a tag, filter or function its
 * {@link SecurityPolicy} does not allow, or reached a method or property it may not touch. Like every
 * {@link TemplateException} it names the template and line; the subclasses name what was refused.
 */
public class TemplateSecurityException extends TemplateException {
    public TemplateSecurityException(String rawMessage, String templateName, int line, Throwable cause) {
        super(rawMessage, templateName, line, 0, cause);
    }

    public TemplateSecurityException(String rawMessage) {
        super(rawMessage);
    }
}
