package dev.zweig.core;

import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import java.util.List;

/**
 * Twig's HTML extra extension (twig/html-extra's HtmlExtension, "not installed by default"): the {@code html_attr}
 * function and the {@code html_attr_merge} and {@code html_attr_type} filters. Not part of the core, as in Twig: a
 * template calling them without this extension fails with {@code Unknown "html_attr" function}. Add it with
 * {@code Environment.builder().extension(new HtmlExtension())}.
 */
public final class HtmlExtension implements Extension {
    @Override
    public List<FilterDefinition> filters() {
        return HtmlAttributes.filters();
    }

    @Override
    public List<FunctionDefinition> functions() {
        return HtmlAttributes.functions();
    }
}
