package dev.zweig.spring.boot;

import dev.zweig.spring.SpringResourceLoader;
import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.ClassUtils;

/**
 * Tells Spring Boot which views Zweig can render, so that Boot's error handling finds
 * {@code templates/error/404.html.twig}, {@code error/4xx.html.twig} and {@code error.html.twig}. It asks the
 * application's Zweig {@link dev.zweig.Environment} when there is exactly one (its loader decides), otherwise looks
 * for {@code zweig.prefix + view + zweig.suffix} among the resources.
 */
public class ZweigTemplateAvailabilityProvider implements TemplateAvailabilityProvider {
    @Override
    public boolean isTemplateAvailable(String view, Environment environment, ClassLoader classLoader,
            ResourceLoader resourceLoader) {
        if (!ClassUtils.isPresent("dev.zweig.Environment", classLoader)) {
            return false;
        }
        Binder binder = Binder.get(environment);
        if (!binder.bind("zweig.enabled", Boolean.class).orElse(true)) {
            return false;
        }
        ZweigProperties defaults = new ZweigProperties();
        String suffix = binder.bind("zweig.suffix", String.class).orElse(defaults.getSuffix());
        if (resourceLoader instanceof ListableBeanFactory beans) {
            dev.zweig.Environment zweig = beans.getBeanProvider(dev.zweig.Environment.class).getIfUnique();
            if (zweig != null) {
                return zweig.loader().exists(view + suffix);
            }
        }
        String prefix = binder.bind("zweig.prefix", String.class).orElse(defaults.getPrefix());
        return new SpringResourceLoader(resourceLoader, prefix, StandardCharsets.UTF_8).exists(view + suffix);
    }
}
