package dev.zweig.spring.servlet;

import dev.zweig.Environment;
import java.util.Objects;
import org.springframework.web.servlet.view.AbstractUrlBasedView;
import org.springframework.web.servlet.view.UrlBasedViewResolver;

/**
 * Resolves Spring MVC view names to Zweig templates: view "books/list" is the template
 * {@code prefix + "books/list" + suffix} of the Environment's loader (prefix "" and suffix ".html.twig" by
 * default, the loader itself reading under {@code classpath:/templates/}). A view whose template does not exist
 * is left to the next resolver. {@code redirect:} and {@code forward:} work as usual.
 */
public class ZweigViewResolver extends UrlBasedViewResolver {
    private final Environment environment;
    private boolean exposeRequestAttributes;
    private boolean exposeSessionAttributes;
    private boolean allowRequestOverride;
    private boolean allowSessionOverride;

    public ZweigViewResolver(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        setViewClass(ZweigView.class);
    }

    public Environment getEnvironment() {
        return environment;
    }

    public void setExposeRequestAttributes(boolean expose) {
        this.exposeRequestAttributes = expose;
    }

    public void setExposeSessionAttributes(boolean expose) {
        this.exposeSessionAttributes = expose;
    }

    public void setAllowRequestOverride(boolean allow) {
        this.allowRequestOverride = allow;
    }

    public void setAllowSessionOverride(boolean allow) {
        this.allowSessionOverride = allow;
    }

    @Override
    protected Class<?> requiredViewClass() {
        return ZweigView.class;
    }

    @Override
    protected AbstractUrlBasedView instantiateView() {
        ZweigView view = new ZweigView(environment);
        view.setExposeRequestAttributes(exposeRequestAttributes);
        view.setExposeSessionAttributes(exposeSessionAttributes);
        view.setAllowRequestOverride(allowRequestOverride);
        view.setAllowSessionOverride(allowSessionOverride);
        return view;
    }
}
