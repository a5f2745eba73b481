package dev.zweig.spring.test;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.util.ClassUtils;

/**
 * The auto-configurations the tests need, by name: Boot 4 moved the web ones to their own modules and packages,
 * so each is named with its Boot 4 and its Boot 3 class name and whichever exists is used. Failing to find one
 * is an error, never a silent skip.
 */
public final class BootLine {
    private BootLine() {
    }

    public static final String[] MESSAGES = {"org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration"};
    public static final String[] PLACEHOLDERS = {
        "org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration"};
    public static final String[] WEB_MVC = {"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration"};
    public static final String[] DISPATCHER = {
        "org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration"};
    public static final String[] ERROR_MVC = {
        "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.servlet.error.ErrorMvcAutoConfiguration"};
    public static final String[] WEB_FLUX = {"org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration",
        "org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration"};
    public static final String[] DEVTOOLS_DEFAULTS = {
        "org.springframework.boot.devtools.env.DevToolsPropertyDefaultsPostProcessor"};

    /** The first class of each group that exists on the class path. */
    public static Class<?>[] classes(String[]... groups) {
        List<Class<?>> out = new ArrayList<>();
        for (String[] group : groups) {
            Class<?> found = null;
            for (String name : group) {
                if (ClassUtils.isPresent(name, BootLine.class.getClassLoader())) {
                    found = ClassUtils.resolveClassName(name, BootLine.class.getClassLoader());
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException("None of " + String.join(", ", group) + " is on the class path");
            }
            out.add(found);
        }
        return out.toArray(new Class<?>[0]);
    }

    public static AutoConfigurations autoConfigurations(String[]... groups) {
        return AutoConfigurations.of(classes(groups));
    }
}
