package dev.zweig.spring.boot;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.MimeType;

/**
 * Configuration of the Zweig starter ({@code zweig.*}). Every property has a default: an application that sets
 * none reads {@code classpath:/templates/NAME.html.twig}, escapes HTML and caches compiled templates (off, with
 * auto-reload, while Spring Boot DevTools is active).
 */
@ConfigurationProperties(prefix = "zweig")
public class ZweigProperties {

    /** Whether the Zweig view resolvers (Spring MVC and WebFlux) are registered. */
    private boolean enabled = true;

    /** Where templates are read from (a Spring resource location); template names are relative to it. */
    private String prefix = "classpath:/templates/";

    /** Appended to a view name to find its template: view "index" is the template "index.html.twig". */
    private String suffix = ".html.twig";

    /**
     * Whether compiled templates are cached. Default: true, and false while Spring Boot DevTools is active (its
     * property defaults are in effect).
     */
    private Boolean cache;

    /**
     * Whether a cached template is recompiled when its source changes. Default: false, and true while Spring
     * Boot DevTools is active.
     */
    private Boolean autoReload;

    /** Most compiled templates kept in the cache, least recently used out first (0: no bound). */
    private int cacheSize;

    /** Whether an undefined variable or attribute is an error instead of printing nothing. */
    private boolean strictVariables;

    /**
     * How templates run: COMPILED (each a JVM class; Zweig's default) or INTERPRETED (the reference executor, for
     * platforms that cannot define classes at run time). Unset: Zweig's default for the platform.
     */
    private dev.zweig.Executor executor;

    /**
     * The autoescaping strategy: html, js, css, url, html_attr, name (by the template's file extension), or
     * false to turn autoescaping off.
     */
    private String autoescape = "html";

    /** The encoding of template files and of the rendered response. */
    private Charset charset = StandardCharsets.UTF_8;

    /** The Content-Type of rendered views (the charset is added). */
    private MimeType contentType = MimeType.valueOf("text/html");

    /** Whether the request's attributes are added to the template variables (names usable as variables only). */
    private boolean exposeRequestAttributes;

    /** Whether the session's attributes are added to the template variables (names usable as variables only). */
    private boolean exposeSessionAttributes;

    /** Whether a request attribute may replace a model attribute of the same name. */
    private boolean allowRequestOverride;

    /** Whether a session attribute may replace a model attribute of the same name. */
    private boolean allowSessionOverride;

    /** The view names (patterns such as "admin/*") this resolver handles; all when empty. */
    private String[] viewNames;

    /** The order of the view resolver among the application's view resolvers. */
    private int resolverOrder = org.springframework.core.Ordered.LOWEST_PRECEDENCE - 5;

    /** The time zone dates are shown in (Twig's default: UTC). */
    private String timezone = "UTC";

    /** Twig's debug mode: {@code dump()} prints. */
    private boolean debug;

    /** Sandbox: a security policy for untrusted templates. */
    private final Sandbox sandbox = new Sandbox();

    /** Limits on one render, for untrusted templates. */
    private final Limits limits = new Limits();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public String getSuffix() {
        return suffix;
    }

    public void setSuffix(String suffix) {
        this.suffix = suffix;
    }

    public Boolean getCache() {
        return cache;
    }

    public void setCache(Boolean cache) {
        this.cache = cache;
    }

    public Boolean getAutoReload() {
        return autoReload;
    }

    public void setAutoReload(Boolean autoReload) {
        this.autoReload = autoReload;
    }

    public int getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    public boolean isStrictVariables() {
        return strictVariables;
    }

    public void setStrictVariables(boolean strictVariables) {
        this.strictVariables = strictVariables;
    }

    public dev.zweig.Executor getExecutor() {
        return executor;
    }

    public void setExecutor(dev.zweig.Executor executor) {
        this.executor = executor;
    }

    public String getAutoescape() {
        return autoescape;
    }

    public void setAutoescape(String autoescape) {
        this.autoescape = autoescape;
    }

    public Charset getCharset() {
        return charset;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    public MimeType getContentType() {
        return contentType;
    }

    public void setContentType(MimeType contentType) {
        this.contentType = contentType;
    }

    public boolean isExposeRequestAttributes() {
        return exposeRequestAttributes;
    }

    public void setExposeRequestAttributes(boolean exposeRequestAttributes) {
        this.exposeRequestAttributes = exposeRequestAttributes;
    }

    public boolean isExposeSessionAttributes() {
        return exposeSessionAttributes;
    }

    public void setExposeSessionAttributes(boolean exposeSessionAttributes) {
        this.exposeSessionAttributes = exposeSessionAttributes;
    }

    public boolean isAllowRequestOverride() {
        return allowRequestOverride;
    }

    public void setAllowRequestOverride(boolean allowRequestOverride) {
        this.allowRequestOverride = allowRequestOverride;
    }

    public boolean isAllowSessionOverride() {
        return allowSessionOverride;
    }

    public void setAllowSessionOverride(boolean allowSessionOverride) {
        this.allowSessionOverride = allowSessionOverride;
    }

    public String[] getViewNames() {
        return viewNames;
    }

    public void setViewNames(String[] viewNames) {
        this.viewNames = viewNames;
    }

    public int getResolverOrder() {
        return resolverOrder;
    }

    public void setResolverOrder(int resolverOrder) {
        this.resolverOrder = resolverOrder;
    }

    public String getTimezone() {
        return timezone;
    }

    public void setTimezone(String timezone) {
        this.timezone = timezone;
    }

    public boolean isDebug() {
        return debug;
    }

    public void setDebug(boolean debug) {
        this.debug = debug;
    }

    public Sandbox getSandbox() {
        return sandbox;
    }

    public Limits getLimits() {
        return limits;
    }

    /** The full Content-Type header: the configured type with the charset. */
    public String contentTypeWithCharset() {
        if (contentType.getCharset() != null) {
            return contentType.toString();
        }
        Map<String, String> params = new LinkedHashMap<>(contentType.getParameters());
        params.put("charset", charset.name());
        return new MimeType(contentType, params).toString();
    }

    /** The sandbox policy ({@code zweig.sandbox.*}). */
    public static class Sandbox {
        /**
         * Whether every template is sandboxed. When false, the policy applies only inside {% sandbox %} and to
         * include(..., sandboxed = true).
         */
        private boolean enabled;

        /** Tags sandboxed templates may use. */
        private List<String> allowedTags = new ArrayList<>();

        /** Filters sandboxed templates may use. */
        private List<String> allowedFilters = new ArrayList<>();

        /** Functions sandboxed templates may use. */
        private List<String> allowedFunctions = new ArrayList<>();

        /** Methods sandboxed templates may call, by fully qualified class name. */
        private Map<String, List<String>> allowedMethods = new LinkedHashMap<>();

        /** Public fields sandboxed templates may read, by fully qualified class name. */
        private Map<String, List<String>> allowedProperties = new LinkedHashMap<>();

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getAllowedTags() {
            return allowedTags;
        }

        public void setAllowedTags(List<String> allowedTags) {
            this.allowedTags = allowedTags;
        }

        public List<String> getAllowedFilters() {
            return allowedFilters;
        }

        public void setAllowedFilters(List<String> allowedFilters) {
            this.allowedFilters = allowedFilters;
        }

        public List<String> getAllowedFunctions() {
            return allowedFunctions;
        }

        public void setAllowedFunctions(List<String> allowedFunctions) {
            this.allowedFunctions = allowedFunctions;
        }

        public Map<String, List<String>> getAllowedMethods() {
            return allowedMethods;
        }

        public void setAllowedMethods(Map<String, List<String>> allowedMethods) {
            this.allowedMethods = allowedMethods;
        }

        public Map<String, List<String>> getAllowedProperties() {
            return allowedProperties;
        }

        public void setAllowedProperties(Map<String, List<String>> allowedProperties) {
            this.allowedProperties = allowedProperties;
        }

        /** Whether any allow-list is set. */
        public boolean isConfigured() {
            return enabled || !allowedTags.isEmpty() || !allowedFilters.isEmpty() || !allowedFunctions.isEmpty()
                    || !allowedMethods.isEmpty() || !allowedProperties.isEmpty();
        }
    }

    /** Render limits ({@code zweig.limits.*}); each is off unless set. */
    public static class Limits {
        /** Most characters one render may output. */
        private Long maxOutputChars;

        /** Most loop iterations in one render. */
        private Long maxLoopIterations;

        /** Deepest nesting of includes, macros and blocks. */
        private Integer maxDepth;

        /** Longest range a template may build (e.g. 1..n). */
        private Long maxRangeLength;

        /** Longest time one render may take. */
        private Duration deadline;

        public Long getMaxOutputChars() {
            return maxOutputChars;
        }

        public void setMaxOutputChars(Long maxOutputChars) {
            this.maxOutputChars = maxOutputChars;
        }

        public Long getMaxLoopIterations() {
            return maxLoopIterations;
        }

        public void setMaxLoopIterations(Long maxLoopIterations) {
            this.maxLoopIterations = maxLoopIterations;
        }

        public Integer getMaxDepth() {
            return maxDepth;
        }

        public void setMaxDepth(Integer maxDepth) {
            this.maxDepth = maxDepth;
        }

        public Long getMaxRangeLength() {
            return maxRangeLength;
        }

        public void setMaxRangeLength(Long maxRangeLength) {
            this.maxRangeLength = maxRangeLength;
        }

        public Duration getDeadline() {
            return deadline;
        }

        public void setDeadline(Duration deadline) {
            this.deadline = deadline;
        }

        /** Whether any limit is set. */
        public boolean isConfigured() {
            return maxOutputChars != null || maxLoopIterations != null || maxDepth != null || maxRangeLength != null
                    || deadline != null;
        }
    }
}
