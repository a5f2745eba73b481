package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;

/**
 * Where templates come from. Implementations must be safe for concurrent use.
 */
public interface Loader {
    /**
     * Returns the source of the named template.
     *
     * @throws TemplateLoaderException when the template does not exist or cannot be read
     *     (Twig's message: {@code Template "x.twig" is not defined.})
     */
    TemplateSource load(String name);

    /** Whether {@link #load} would find the template. */
    boolean exists(String name);

    /**
     * A version stamp of the template (for example its modification time); when it changes, a cached compiled
     * form is stale. Loaders whose templates never change return 0.
     */
    default long version(String name) {
        return 0L;
    }

    /**
     * The key the Environment caches the compiled template under. Names that denote the same template must give
     * the same key (for a file-system loader {@code x/../a.twig} and {@code a.twig}), so that one template is
     * compiled and cached once however a template names it. The default is the name itself.
     *
     * @throws TemplateLoaderException for a name the loader refuses outright
     */
    default String cacheKey(String name) {
        return name;
    }
}
