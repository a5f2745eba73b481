package dev.zweig.spring.reactive;

import dev.zweig.Environment;
import java.util.Objects;
import org.springframework.web.reactive.result.view.AbstractUrlBasedView;
import org.springframework.web.reactive.result.view.UrlBasedViewResolver;

/** Resolves WebFlux view names to Zweig templates, like {@link dev.zweig.spring.servlet.ZweigViewResolver}. */
public class ZweigReactiveViewResolver extends UrlBasedViewResolver {
    private final Environment environment;
    private boolean exposeSessionAttributes;
    private boolean allowSessionOverride;

    public ZweigReactiveViewResolver(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
        setViewClass(ZweigReactiveView.class);
    }

    public Environment getEnvironment() {
        return environment;
    }

    public void setExposeSessionAttributes(boolean expose) {
        this.exposeSessionAttributes = expose;
    }

    public void setAllowSessionOverride(boolean allow) {
        this.allowSessionOverride = allow;
    }

    @Override
    protected Class<?> requiredViewClass() {
        return ZweigReactiveView.class;
    }

    @Override
    protected AbstractUrlBasedView instantiateView() {
        ZweigReactiveView view = new ZweigReactiveView(environment);
        view.setExposeSessionAttributes(exposeSessionAttributes);
        view.setAllowSessionOverride(allowSessionOverride);
        return view;
    }
}
