package dev.zweig.loader;

import dev.zweig.TemplateLoaderException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Templates held in memory by name (Twig's ArrayLoader). */
public final class MapLoader implements Loader {
    private final Map<String, String> templates;

    public MapLoader(Map<String, String> templates) {
        this.templates = Map.copyOf(new LinkedHashMap<>(templates));
    }

    @Override
    public TemplateSource load(String name) {
        String code = name == null ? null : templates.get(name);
        if (code == null) {
            throw new TemplateLoaderException("Template \"" + name + "\" is not defined.");
        }
        return new TemplateSource(name, code);
    }

    @Override
    public boolean exists(String name) {
        return name != null && templates.containsKey(name);
    }
}
