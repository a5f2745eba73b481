package dev.zweig.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zweig.spring.boot.ZweigTemplateAvailabilityProvider;
import dev.zweig.spring.servlet.ZweigViewResolver;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.template.TemplateAvailabilityProvider;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.http.HttpStatus;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/** Boot's error view resolution finds Zweig's error templates: error/404, error/5xx, error. */
class ErrorViewTest {
    @Test
    void theAvailabilityProviderIsRegisteredAndFindsErrorTemplates() {
        assertThat(SpringFactoriesLoader.loadFactories(TemplateAvailabilityProvider.class, getClass().getClassLoader()))
                .hasAtLeastOneElementOfType(ZweigTemplateAvailabilityProvider.class);
        ZweigTemplateAvailabilityProvider provider = new ZweigTemplateAvailabilityProvider();
        MockEnvironment env = new MockEnvironment();
        DefaultResourceLoader resources = new DefaultResourceLoader();
        ClassLoader cl = getClass().getClassLoader();
        assertThat(provider.isTemplateAvailable("error/404", env, cl, resources)).isTrue();
        assertThat(provider.isTemplateAvailable("error/5xx", env, cl, resources)).isTrue();
        assertThat(provider.isTemplateAvailable("error/403", env, cl, resources)).isFalse();
        env.setProperty("zweig.suffix", ".twig");
        assertThat(provider.isTemplateAvailable("plain", env, cl, resources)).isTrue();
        assertThat(provider.isTemplateAvailable("error/404", env, cl, resources)).isFalse();
        env.setProperty("zweig.enabled", "false");
        assertThat(provider.isTemplateAvailable("plain", env, cl, resources)).isFalse();
    }

    @Test
    void bootsErrorViewResolverRendersTheZweigErrorPages() {
        MvcTestSupport.runner().run(ctx -> {
            Object resolver = ctx.getBean("conventionErrorViewResolver");
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/missing");
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("status", 404);
            model.put("error", "Not Found");
            model.put("path", "/missing<x>");
            model.put("message", "No static resource");
            ModelAndView notFound = resolve(resolver, request, HttpStatus.NOT_FOUND, model);
            assertThat(notFound.getViewName()).isEqualTo("error/404");
            assertThat(resolve(resolver, request, HttpStatus.SERVICE_UNAVAILABLE, model).getViewName())
                    .isEqualTo("error/5xx");
            View view = ctx.getBean(ZweigViewResolver.class).resolveViewName("error/404", Locale.ENGLISH);
            MockHttpServletResponse response = new MockHttpServletResponse();
            view.render(model, request, response);
            assertThat(response.getContentAsString()).contains("<h1>Not found: 404 Not Found</h1>")
                    .contains("<p class=\"path\">/missing&lt;x&gt;</p>").contains("<html lang=\"en\">");
        });
    }

    private static ModelAndView resolve(Object resolver, MockHttpServletRequest request, HttpStatus status,
            Map<String, Object> model) throws Exception {
        // ErrorViewResolver moved between Boot 3 and 4: called by its method, which both lines share
        java.lang.reflect.Method m = resolver.getClass().getMethod("resolveErrorView",
                jakarta.servlet.http.HttpServletRequest.class, HttpStatus.class, Map.class);
        return (ModelAndView) m.invoke(resolver, request, status, model);
    }
}
