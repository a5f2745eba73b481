package dev.zweig.engine;

import dev.zweig.Executor;
import dev.zweig.RenderLimits;
import dev.zweig.ext.Extension;
import dev.zweig.loader.Loader;
import dev.zweig.sandbox.SecurityPolicy;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What an {@link Engine} is configured with: the options an {@code Environment.Builder} collected, fixed when the
 * Environment is built. The engine and everything under it read their configuration from here, never from the
 * Environment (which holds the engine: configuration flows one way).
 */
public record Settings(Loader loader, String autoescape, boolean strictVariables, boolean cache, int cacheSize,
        boolean autoReload, boolean debug, ZoneId timezone, Map<String, Object> globals, List<Extension> extensions,
        Map<String, Class<?>> classes, SecurityPolicy securityPolicy, boolean sandboxed, RenderLimits limits,
        Executor executor, dev.zweig.core.Formats formats) {

    /** The settings with Twig's default date and number formats. */
    public Settings(Loader loader, String autoescape, boolean strictVariables, boolean cache, int cacheSize,
            boolean autoReload, boolean debug, ZoneId timezone, Map<String, Object> globals, List<Extension> extensions,
            Map<String, Class<?>> classes, SecurityPolicy securityPolicy, boolean sandboxed, RenderLimits limits,
            Executor executor) {
        this(loader, autoescape, strictVariables, cache, cacheSize, autoReload, debug, timezone, globals, extensions,
                classes, securityPolicy, sandboxed, limits, executor, dev.zweig.core.Formats.TWIG);
    }
}
