package dev.zweig.spring.boot;

/**
 * A bean that adjusts the auto-configured Zweig {@link dev.zweig.Environment} before it is built (after the
 * properties, extensions, filters, functions and tests have been applied).
 */
@FunctionalInterface
public interface ZweigEnvironmentCustomizer {
    void customize(dev.zweig.Environment.Builder builder);
}
