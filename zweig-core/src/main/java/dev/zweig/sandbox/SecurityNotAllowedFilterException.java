package dev.zweig.sandbox;

/** A filter the policy does not allow (Twig's SecurityNotAllowedFilterError): {@code Filter "e" is not allowed.} */
public final class SecurityNotAllowedFilterException extends TemplateSecurityException {
    private final String filterName;

    public SecurityNotAllowedFilterException(String filterName) {
        super("Filter \"" + filterName + "\" is not allowed.");
        this.filterName = filterName;
    }

    public String getFilterName() {
        return filterName;
    }
}
