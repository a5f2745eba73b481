package dev.zweig.sandbox;

/**
 * A function the policy does not allow (Twig's SecurityNotAllowedFunctionError):
 * {@code Function "range" is not allowed.}
 */
public final class SecurityNotAllowedFunctionException extends TemplateSecurityException {
    private final String functionName;

    public SecurityNotAllowedFunctionException(String functionName) {
        super("Function \"" + functionName + "\" is not allowed.");
        this.functionName = functionName;
    }

    public String getFunctionName() {
        return functionName;
    }
}
