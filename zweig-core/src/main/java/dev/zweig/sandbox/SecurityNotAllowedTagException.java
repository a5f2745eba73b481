package dev.zweig.sandbox;

/** A tag the policy does not allow (Twig's SecurityNotAllowedTagError): {@code Tag "include" is not allowed.} */
public final class SecurityNotAllowedTagException extends TemplateSecurityException {
    private final String tagName;

    public SecurityNotAllowedTagException(String tagName) {
        super("Tag \"" + tagName + "\" is not allowed.");
        this.tagName = tagName;
    }

    public String getTagName() {
        return tagName;
    }
}
