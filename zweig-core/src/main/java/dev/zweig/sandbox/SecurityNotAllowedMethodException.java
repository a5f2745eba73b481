package dev.zweig.sandbox;

/**
 * A method the policy does not allow, or one no policy can allow (Twig's SecurityNotAllowedMethodError):
 * {@code Calling "getclass" method on a "com.acme.User" object is not allowed.} As in Twig, the method name is
 * reported in lower case (method names are case-insensitive).
 */
public final class SecurityNotAllowedMethodException extends TemplateSecurityException {
    private final String className;
    private final String methodName;

    public SecurityNotAllowedMethodException(String className, String methodName) {
        super("Calling \"" + methodName + "\" method on a \"" + className + "\" object is not allowed.");
        this.className = className;
        this.methodName = methodName;
    }

    public String getClassName() {
        return className;
    }

    public String getMethodName() {
        return methodName;
    }
}
