package dev.zweig.runtime;

import dev.zweig.Environment;
import dev.zweig.Template;

/** Internal: compiles and caches templates for one Environment. */
public final class Engine {
    private final Environment env;

    public Engine(Environment env) {
        this.env = env;
    }

    public Template load(String name) {
        throw new UnsupportedOperationException("engine in progress");
    }

    public Template createTemplate(String source, String name) {
        throw new UnsupportedOperationException("engine in progress");
    }
}
