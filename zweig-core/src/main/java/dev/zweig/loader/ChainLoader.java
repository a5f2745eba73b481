package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;
import java.util.List;

/**
 * Asks several loaders in turn (Twig's ChainLoader): the first that has the template provides it, so an
 * application's directory can override templates shipped on the class path. When none has it, the error
 * carries every loader's own message: {@code Template "x" is not defined (<message 1>, <message 2>).}
 */
public final class ChainLoader implements Loader {
    private final List<Loader> loaders;

    public ChainLoader(Loader... loaders) {
        this.loaders = List.of(loaders);
    }

    public ChainLoader(List<? extends Loader> loaders) {
        this.loaders = List.copyOf(loaders);
    }

    /** The loaders in the order they are asked. */
    public List<Loader> loaders() {
        return loaders;
    }

    @Override
    public TemplateSource load(String name) {
        for (Loader loader : loaders) {
            if (loader.exists(name)) {
                try {
                    return loader.load(name);
                } catch (TemplateLoaderException e) {
                    // vanished or unreadable: the next loader may still have it; reported below
                }
            }
        }
        throw notDefined(name);
    }

    @Override
    public boolean exists(String name) {
        for (Loader loader : loaders) {
            if (loader.exists(name)) {
                return true;
            }
        }
        return false;
    }

    /** The version reported by the loader that provides the template. */
    @Override
    public long version(String name) {
        for (Loader loader : loaders) {
            if (loader.exists(name)) {
                return loader.version(name);
            }
        }
        throw notDefined(name);
    }

    /**
     * Two names share a key only when every loader of the chain gives them the same key, so they are the same
     * template whichever loader provides it. Computed from the names alone, without asking which loader has the
     * template.
     */
    @Override
    public String cacheKey(String name) {
        String first = null;
        for (int i = 0; i < loaders.size(); i++) {
            String k = keyOf(loaders.get(i), name);
            if (i == 0) {
                first = k;
            } else if (!k.equals(first)) {
                StringBuilder all = new StringBuilder();
                for (Loader loader : loaders) {
                    all.append(keyOf(loader, name)).append('\0');
                }
                return all.toString();
            }
        }
        return first == null ? name : first;
    }

    private static String keyOf(Loader loader, String name) {
        try {
            return loader.cacheKey(name);
        } catch (TemplateLoaderException e) {
            return "\0refused:" + name; // that loader can never load it: the name stands for itself
        }
    }

    /** Only on failure: ask each loader again for its own message, in order. */
    private TemplateLoaderException notDefined(String name) {
        StringBuilder reasons = new StringBuilder();
        for (Loader loader : loaders) {
            String reason;
            try {
                loader.load(name);
                continue;
            } catch (TemplateLoaderException e) {
                reason = e.getMessage();
            }
            if (reasons.length() > 0) {
                reasons.append(", ");
            }
            reasons.append(reason);
        }
        return new TemplateLoaderException("Template \"" + name + "\" is not defined"
                + (reasons.length() > 0 ? " (" + reasons + ")" : "") + ".");
    }
}
