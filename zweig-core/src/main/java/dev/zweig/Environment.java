package dev.zweig;

import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The configured engine: where templates come from, how they are escaped, which filters, functions and tests
 * exist. Immutable once built and safe for concurrent use: each template is parsed and compiled once, cached,
 * and rendered from any number of threads.
 *
 * <pre>{@code
 * Environment env = Environment.builder().loader(new MapLoader(Map.of("hi.twig", "Hello {{ name }}!"))).build();
 * String out = env.render("hi.twig", Map.of("name", "World"));
 * }</pre>
 */
public final class Environment {
    /**
     * How many compiled templates an Environment keeps by default, least recently used out first: more than an
     * application's templates, few enough that names built at run time cannot fill the memory.
     */
    public static final int DEFAULT_CACHE_SIZE = 10_000;

    private final dev.zweig.engine.Settings settings;
    private final dev.zweig.engine.Engine engine;

    private Environment(Builder b) {
        this.settings = new dev.zweig.engine.Settings(b.loader, b.autoescape, b.strictVariables, b.cache, b.cacheSize,
                b.autoReload, b.debug, b.timezone,
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.globals)), List.copyOf(b.extensions),
                Map.copyOf(b.classes), b.sandboxPolicy, b.sandboxed, b.limits, b.executor, b.formats);
        // the engine is configured by the settings alone; it keeps this Environment only to hand it to extensions
        // (CallContext.environment())
        this.engine = new dev.zweig.engine.Engine(settings, this);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Loads (parses and compiles once, then cached) the named template. */
    public Template load(String name) {
        return engine.load(name);
    }

    /** Compiles a template from source; it is not cached. */
    public Template createTemplate(String source) {
        return engine.createTemplate(source, null);
    }

    /** Compiles a template from source under a display name used in error messages; not cached. */
    public Template createTemplate(String source, String name) {
        return engine.createTemplate(source, name);
    }

    /** Loads and renders the named template. */
    public String render(String name, Map<String, ?> context) {
        return load(name).render(context);
    }

    public Loader loader() {
        return settings.loader();
    }

    /** The default escaping strategy ("html", "js", "css", "url", "html_attr", "name"), or null when off. */
    public String autoescape() {
        return settings.autoescape();
    }

    public boolean strictVariables() {
        return settings.strictVariables();
    }

    public boolean cache() {
        return settings.cache();
    }

    /** Maximum number of compiled templates kept ({@link #DEFAULT_CACHE_SIZE} unless set; 0: unbounded). */
    public int cacheSize() {
        return settings.cacheSize();
    }

    /** Whether a cached template is recompiled when its source changes (the loader's version differs). */
    public boolean autoReload() {
        return settings.autoReload();
    }

    /** Number of compiled templates currently cached (for monitoring and tests). */
    public int cachedTemplateCount() {
        return engine.cachedTemplates();
    }

    public boolean debug() {
        return settings.debug();
    }

    public ZoneId timezone() {
        return settings.timezone();
    }

    public Map<String, Object> globals() {
        return settings.globals();
    }

    public List<Extension> extensions() {
        return settings.extensions();
    }

    /**
     * A class registered with {@link Builder#registerClass}, looked up by the name a template uses in
     * {@code constant()}, {@code enum()} and {@code enum_cases()}; null when not registered. Templates reach no
     * other class.
     */
    public Class<?> registeredClass(String name) {
        return settings.classes().get(name);
    }

    /**
     * Whether the class was registered with {@link Builder#registerClass} (under any name): then
     * {@code constant('NAME', obj)} and {@code obj.NAME} read its constants through an object of it, as Twig reads
     * class constants.
     */
    public boolean isRegistered(Class<?> type) {
        return settings.classes().containsValue(type);
    }

    /**
     * The security policy of sandboxed rendering: applied to every template when {@link #sandboxed()}, otherwise
     * inside {@code {% sandbox %}} and {@code include(..., sandboxed = true)}. Never null (deny-all by default).
     */
    public dev.zweig.sandbox.SecurityPolicy securityPolicy() {
        return settings.securityPolicy();
    }

    /** Whether every template is rendered under the security policy (Twig's global sandbox). */
    public boolean sandboxed() {
        return settings.sandboxed();
    }

    /** The render limits (output size, loop iterations, depth, range length, deadline); NONE by default. */
    public RenderLimits limits() {
        return settings.limits();
    }

    /** How templates run: {@link Executor#COMPILED} unless the builder (or the platform) chose otherwise. */
    public Executor executor() {
        return settings.executor();
    }

    /** Builds an {@link Environment}; not thread-safe, use once. */
    public static final class Builder {
        private Loader loader = new MapLoader(Map.of());
        private String autoescape = "html";
        private boolean strictVariables;
        private boolean cache = true;
        private int cacheSize = DEFAULT_CACHE_SIZE;
        private boolean autoReload;
        private boolean debug;
        private ZoneId timezone = ZoneId.of("UTC");
        private final Map<String, Object> globals = new LinkedHashMap<>();
        private final List<Extension> extensions = new ArrayList<>();
        private final List<FilterDefinition> filters = new ArrayList<>();
        private final List<FunctionDefinition> functions = new ArrayList<>();
        private final List<TestDefinition> tests = new ArrayList<>();
        private final Map<String, Class<?>> classes = new LinkedHashMap<>();
        private dev.zweig.sandbox.SecurityPolicy sandboxPolicy = dev.zweig.sandbox.SecurityPolicy.denyAll();
        private boolean sandboxed;
        private RenderLimits limits = RenderLimits.NONE;
        private Executor executor = defaultExecutor();
        private dev.zweig.core.Formats formats = dev.zweig.core.Formats.TWIG;

        private Builder() {
        }

        /**
         * The executor of a builder nobody told: the system property {@code zweig.executor} (COMPILED or
         * INTERPRETED) when set; else {@link Executor#COMPILED}, unless the platform cannot define classes at run
         * time (a GraalVM native image), where it is {@link Executor#INTERPRETED}.
         */
        private static Executor defaultExecutor() {
            String p = System.getProperty("zweig.executor");
            if (p == null || p.isBlank()) {
                return System.getProperty("org.graalvm.nativeimage.imagecode") != null ? Executor.INTERPRETED
                        : Executor.COMPILED;
            }
            try {
                return Executor.valueOf(p.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("zweig.executor must be COMPILED or INTERPRETED, not \"" + p + "\"",
                        e);
            }
        }

        public Builder loader(Loader loader) {
            this.loader = java.util.Objects.requireNonNull(loader, "loader");
            return this;
        }

        /** The default escaping strategy: "html" (default), "js", "css", "url", "html_attr", or "name". */
        public Builder autoescape(String strategy) {
            this.autoescape = strategy;
            return this;
        }

        /** true: "html"; false: no autoescaping. */
        public Builder autoescape(boolean on) {
            this.autoescape = on ? "html" : null;
            return this;
        }

        /** When true, an undefined variable or attribute raises an error instead of printing nothing. */
        public Builder strictVariables(boolean strict) {
            this.strictVariables = strict;
            return this;
        }

        public Builder global(String name, Object value) {
            globals.put(name, value);
            return this;
        }

        public Builder extension(Extension extension) {
            extensions.add(extension);
            return this;
        }

        /** A one-argument filter: {@code builder.filter("shout", v -> v + "!")}. */
        public Builder filter(String name, Function<Object, Object> body) {
            filters.add(FilterDefinition.of(name, (ctx, args) -> body.apply(args[0])));
            return this;
        }

        /** A filter with arguments: {@code (value, args) -> ...}, args being the call's arguments. */
        public Builder filter(String name, BiFunction<Object, Object[], Object> body) {
            filters.add(FilterDefinition.of(name, (ctx, args) -> body.apply(args[0], ((List<?>) args[1]).toArray()))
                    .asVariadic());
            return this;
        }

        public Builder filter(FilterDefinition definition) {
            filters.add(definition);
            return this;
        }

        /** A function: {@code builder.function("double", args -> ...)}, args being the call's arguments. */
        public Builder function(String name, Function<Object[], Object> body) {
            functions.add(FunctionDefinition.of(name, (ctx, args) -> body.apply(((List<?>) args[0]).toArray()))
                    .asVariadic());
            return this;
        }

        public Builder function(FunctionDefinition definition) {
            functions.add(definition);
            return this;
        }

        /** A test: {@code builder.test("positive", v -> ((Number) v).intValue() > 0)} for {@code x is positive}. */
        public Builder test(String name, Predicate<Object> body) {
            tests.add(TestDefinition.of(name, (ctx, args) -> body.test(args[0])));
            return this;
        }

        public Builder test(TestDefinition definition) {
            tests.add(definition);
            return this;
        }

        /**
         * Lets templates read the public static final fields and enum constants of a class through
         * {@code constant('Name::FIELD')}, {@code enum('Name')} and {@code enum_cases('Name')}, where Name is the
         * class's full name ({@link Class#getName()}, e.g. {@code com.acme.Status} or {@code com.acme.Order$State}),
         * never its simple name: two registered classes cannot be confused, nor a registered class with another.
         */
        public Builder registerClass(Class<?> type) {
            java.util.Objects.requireNonNull(type, "type");
            classes.put(type.getName(), type);
            return this;
        }

        /**
         * As {@link #registerClass(Class)}, under a name of your choice (e.g. a PHP name shared with Symfony); only
         * that name reaches the class.
         */
        public Builder registerClass(String name, Class<?> type) {
            classes.put(java.util.Objects.requireNonNull(name, "name"), java.util.Objects.requireNonNull(type,
                    "type"));
            return this;
        }

        /** Sandboxes every template under this policy (allow-lists of tags, filters, functions, methods, properties). */
        public Builder sandbox(dev.zweig.sandbox.SecurityPolicy policy) {
            this.sandboxPolicy = java.util.Objects.requireNonNull(policy, "policy");
            this.sandboxed = true;
            return this;
        }

        /**
         * The policy for {@code {% sandbox %}} sections and {@code include(..., sandboxed = true)} only (templates
         * are not sandboxed otherwise). Default: deny everything.
         */
        public Builder securityPolicy(dev.zweig.sandbox.SecurityPolicy policy) {
            this.sandboxPolicy = java.util.Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Limits for rendering untrusted templates (output size, loop iterations, depth, range length, deadline). */
        public Builder limits(RenderLimits limits) {
            this.limits = java.util.Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * How templates run: {@link Executor#COMPILED} (JVM classes, the default) or {@link Executor#INTERPRETED}
         * (the reference executor; for platforms that cannot define classes at run time).
         */
        public Builder executor(Executor executor) {
            this.executor = java.util.Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Whether compiled templates are kept (default true). */
        public Builder cache(boolean cache) {
            this.cache = cache;
            return this;
        }

        /**
         * Bounds the template cache to this many compiled templates, least recently used out first (default
         * {@link Environment#DEFAULT_CACHE_SIZE}; 0: no bound, for applications whose template names are all known).
         */
        public Builder cacheSize(int maxTemplates) {
            if (maxTemplates < 0) {
                throw new IllegalArgumentException("cacheSize must be >= 0");
            }
            this.cacheSize = maxTemplates;
            return this;
        }

        /** Recompiles a cached template when the loader reports a new version (e.g. the file changed on disk). */
        public Builder autoReload(boolean autoReload) {
            this.autoReload = autoReload;
            return this;
        }

        public Builder debug(boolean debug) {
            this.debug = debug;
            return this;
        }

        public Builder timezone(ZoneId zone) {
            this.timezone = java.util.Objects.requireNonNull(zone, "timezone");
            return this;
        }

        /**
         * The date filter's default formats (Twig's {@code CoreExtension::setDateFormat()}): for dates (default
         * {@code "F j, Y H:i"}) and for intervals (default {@code "%d days"}).
         */
        public Builder dateFormat(String format, String intervalFormat) {
            formats = new dev.zweig.core.Formats(format, intervalFormat, formats.decimals(),
                    formats.point(), formats.thousands());
            return this;
        }

        /**
         * The number_format filter's defaults (Twig's {@code CoreExtension::setNumberFormat()}): decimals (0), decimal
         * point (".") and thousands separator (","), used where a template does not give them.
         */
        public Builder numberFormat(int decimals, String decimalPoint, String thousandsSeparator) {
            formats = new dev.zweig.core.Formats(formats.date(), formats.interval(), decimals, decimalPoint,
                    thousandsSeparator);
            return this;
        }

        public Environment build() {
            if (!filters.isEmpty() || !functions.isEmpty() || !tests.isEmpty()) {
                List<FilterDefinition> f = List.copyOf(filters);
                List<FunctionDefinition> fn = List.copyOf(functions);
                List<TestDefinition> t = List.copyOf(tests);
                extensions.add(new Extension() {
                    @Override
                    public List<FilterDefinition> filters() {
                        return f;
                    }

                    @Override
                    public List<FunctionDefinition> functions() {
                        return fn;
                    }

                    @Override
                    public List<TestDefinition> tests() {
                        return t;
                    }
                });
            }
            return new Environment(this);
        }
    }
}
