package dev.zweig.ext;

import java.util.List;
import java.util.Map;

/**
 * A bundle of declarations added to an Environment (after Twig's ExtensionInterface). The core filters, functions and
 * tests are registered through this same interface; the core tags through an internal channel.
 */
public interface Extension {
    default List<FilterDefinition> filters() {
        return List.of();
    }

    default List<FunctionDefinition> functions() {
        return List.of();
    }

    default List<TestDefinition> tests() {
        return List.of();
    }

    /** Custom tags ({@code {% name ... %}}), one parser per tag (Twig's getTokenParsers). */
    default List<TagParser> tags() {
        return List.of();
    }

    /** Passes over every parsed template before it is compiled (Twig's getNodeVisitors); see {@link NodeVisitor}. */
    default List<NodeVisitor> nodeVisitors() {
        return List.of();
    }

    default Map<String, Object> globals() {
        return Map.of();
    }
}
