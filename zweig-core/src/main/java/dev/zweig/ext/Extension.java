package dev.zweig.ext;

import java.util.List;
import java.util.Map;

/**
 * A bundle of declarations added to an Environment (after Twig's ExtensionInterface). The core language itself is
 * registered through this same interface.
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



    /** Tag parsers ({@code {% name ... %}}), one class per tag; the core tags come through here too. */
    default List<dev.zweig.parser.TagParser> tags() {
        return List.of();
    }

    default Map<String, Object> globals() {
        return Map.of();
    }
}
