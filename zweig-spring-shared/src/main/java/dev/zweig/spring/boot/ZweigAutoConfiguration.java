package dev.zweig.spring.boot;

import dev.zweig.Environment;
import dev.zweig.RenderLimits;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.Loader;
import dev.zweig.sandbox.SecurityPolicy;
import dev.zweig.spring.SpringResourceLoader;
import dev.zweig.spring.TranslationExtension;
import dev.zweig.spring.reactive.ReactiveRoutes;
import dev.zweig.spring.reactive.ZweigReactiveViewResolver;
import dev.zweig.spring.servlet.ServletRoutes;
import dev.zweig.spring.servlet.ZweigViewResolver;
import dev.zweig.spring.web.WebExtension;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.MediaType;
import org.springframework.util.ClassUtils;

/**
 * Zweig for Spring Boot (3.5 and 4.0): an {@link Environment} reading templates from
 * {@code classpath:/templates/}, a view resolver for Spring MVC or WebFlux, the translation and web helpers.
 * Every bean backs off when the application defines its own. Boot classes that moved between Boot 3 and 4 are
 * named as strings only, so one source serves both.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration",
    "org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration",
    "org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration",
    "org.springframework.boot.autoconfigure.web.reactive.WebFluxAutoConfiguration",
    "org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration"})
@ConditionalOnClass(Environment.class)
@EnableConfigurationProperties(ZweigProperties.class)
@ImportRuntimeHints(ZweigRuntimeHints.class)
public class ZweigAutoConfiguration {
    /** The name of the property source DevTools adds when its development defaults are active. */
    static final String DEVTOOLS_PROPERTY_SOURCE = "devtools";

    @Bean
    @ConditionalOnMissingBean(Loader.class)
    public SpringResourceLoader zweigTemplateLoader(ResourceLoader resourceLoader, ZweigProperties properties) {
        return new SpringResourceLoader(resourceLoader, properties.getPrefix(), properties.getCharset());
    }

    @Bean
    @ConditionalOnMissingBean
    public TranslationExtension zweigTranslationExtension(ApplicationContext context) {
        return new TranslationExtension(context);
    }

    @Bean
    @ConditionalOnMissingBean
    public SecurityPolicy zweigSecurityPolicy(ZweigProperties properties, ApplicationContext context) {
        ZweigProperties.Sandbox s = properties.getSandbox();
        SecurityPolicy.Builder b = SecurityPolicy.builder().allowTags(s.getAllowedTags())
                .allowFilters(s.getAllowedFilters()).allowFunctions(s.getAllowedFunctions());
        ClassLoader loader = context.getClassLoader();
        for (Map.Entry<String, List<String>> e : s.getAllowedMethods().entrySet()) {
            b.allowMethods(type(e.getKey(), loader), e.getValue());
        }
        for (Map.Entry<String, List<String>> e : s.getAllowedProperties().entrySet()) {
            b.allowProperties(type(e.getKey(), loader), e.getValue());
        }
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public RenderLimits zweigRenderLimits(ZweigProperties properties) {
        ZweigProperties.Limits l = properties.getLimits();
        if (!l.isConfigured()) {
            return RenderLimits.NONE;
        }
        RenderLimits.Builder b = RenderLimits.builder();
        if (l.getMaxOutputChars() != null) {
            b.maxOutputChars(l.getMaxOutputChars());
        }
        if (l.getMaxLoopIterations() != null) {
            b.maxLoopIterations(l.getMaxLoopIterations());
        }
        if (l.getMaxDepth() != null) {
            b.maxDepth(l.getMaxDepth());
        }
        if (l.getMaxRangeLength() != null) {
            b.maxRangeLength(l.getMaxRangeLength());
        }
        if (l.getDeadline() != null) {
            b.deadline(l.getDeadline());
        }
        return b.build();
    }

    @Bean
    @ConditionalOnMissingBean
    public Environment zweigEnvironment(ZweigProperties properties, Loader loader, SecurityPolicy securityPolicy,
            RenderLimits limits, ObjectProvider<Extension> extensions, ObjectProvider<FilterDefinition> filters,
            ObjectProvider<FunctionDefinition> functions, ObjectProvider<TestDefinition> tests,
            ObjectProvider<ZweigEnvironmentCustomizer> customizers, org.springframework.core.env.Environment spring) {
        boolean devtools = spring instanceof ConfigurableEnvironment ce
                && ce.getPropertySources().contains(DEVTOOLS_PROPERTY_SOURCE);
        Environment.Builder b = Environment.builder()
                .loader(loader)
                .strictVariables(properties.isStrictVariables())
                .cache(properties.getCache() != null ? properties.getCache() : !devtools)
                .autoReload(properties.getAutoReload() != null ? properties.getAutoReload() : devtools)
                .cacheSize(properties.getCacheSize())
                .debug(properties.isDebug())
                .timezone(ZoneId.of(properties.getTimezone()))
                .limits(limits);
        if (properties.getExecutor() != null) {
            b.executor(properties.getExecutor());
        }
        String autoescape = properties.getAutoescape();
        if (autoescape == null || autoescape.isBlank() || autoescape.equalsIgnoreCase("false")) {
            b.autoescape(false);
        } else {
            b.autoescape(autoescape.trim());
        }
        if (properties.getSandbox().isEnabled()) {
            b.sandbox(securityPolicy);
        } else {
            b.securityPolicy(securityPolicy);
        }
        extensions.orderedStream().forEach(b::extension);
        filters.orderedStream().forEach(b::filter);
        functions.orderedStream().forEach(b::function);
        tests.orderedStream().forEach(b::test);
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    private static Class<?> type(String name, ClassLoader loader) {
        try {
            return ClassUtils.forName(name, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("zweig.sandbox: no class " + name, e);
        }
    }

    /** Spring MVC: the view resolver and the web helpers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = {"org.springframework.web.servlet.DispatcherServlet", "jakarta.servlet.Servlet"})
    static class ServletWebConfiguration {
        @Bean
        @ConditionalOnMissingBean
        public WebExtension zweigWebExtension(ApplicationContext context) {
            return new WebExtension(ServletRoutes.index(context), context);
        }

        @Bean
        @ConditionalOnMissingBean(name = "zweigViewResolver")
        @ConditionalOnProperty(prefix = "zweig", name = "enabled", matchIfMissing = true)
        public ZweigViewResolver zweigViewResolver(Environment zweig, ZweigProperties properties) {
            ZweigViewResolver r = new ZweigViewResolver(zweig);
            r.setPrefix("");
            r.setSuffix(properties.getSuffix());
            r.setContentType(properties.contentTypeWithCharset());
            r.setViewNames(properties.getViewNames());
            r.setOrder(properties.getResolverOrder());
            r.setExposeRequestAttributes(properties.isExposeRequestAttributes());
            r.setExposeSessionAttributes(properties.isExposeSessionAttributes());
            r.setAllowRequestOverride(properties.isAllowRequestOverride());
            r.setAllowSessionOverride(properties.isAllowSessionOverride());
            r.setCache(true);
            return r;
        }
    }

    /** WebFlux: the view resolver and the web helpers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.result.view.UrlBasedViewResolver")
    static class ReactiveWebConfiguration {
        @Bean
        @ConditionalOnMissingBean
        public WebExtension zweigWebExtension(ApplicationContext context) {
            return new WebExtension(ReactiveRoutes.index(context), context);
        }

        @Bean
        @ConditionalOnMissingBean(name = "zweigReactiveViewResolver")
        @ConditionalOnProperty(prefix = "zweig", name = "enabled", matchIfMissing = true)
        public ZweigReactiveViewResolver zweigReactiveViewResolver(Environment zweig, ZweigProperties properties) {
            ZweigReactiveViewResolver r = new ZweigReactiveViewResolver(zweig);
            r.setPrefix("");
            r.setSuffix(properties.getSuffix());
            MediaType type = MediaType.parseMediaType(properties.contentTypeWithCharset());
            r.setSupportedMediaTypes(List.of(type));
            r.setDefaultCharset(properties.getCharset());
            r.setViewNames(properties.getViewNames());
            r.setOrder(properties.getResolverOrder());
            r.setExposeSessionAttributes(properties.isExposeSessionAttributes());
            r.setAllowSessionOverride(properties.isAllowSessionOverride());
            return r;
        }
    }
}
