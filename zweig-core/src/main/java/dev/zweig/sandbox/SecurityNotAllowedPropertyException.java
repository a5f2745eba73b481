package dev.zweig.sandbox;

/**
 * A property (public field) the policy does not allow, or one no policy can allow (Twig's
 * SecurityNotAllowedPropertyError): {@code Calling "name" property on a "com.acme.User" object is not allowed.}
 */
public final class SecurityNotAllowedPropertyException extends TemplateSecurityException {
    private final String className;
    private final String propertyName;

    public SecurityNotAllowedPropertyException(String className, String propertyName) {
        super("Calling \"" + propertyName + "\" property on a \"" + className + "\" object is not allowed.");
        this.className = className;
        this.propertyName = propertyName;
    }

    public String getClassName() {
        return className;
    }

    public String getPropertyName() {
        return propertyName;
    }
}
