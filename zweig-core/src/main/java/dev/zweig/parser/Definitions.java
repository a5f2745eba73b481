package dev.zweig.parser;

import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import java.util.Map;

/** What the parser needs to know of an Environment: the declared names and the tag parsers. */
public record Definitions(Map<String, FilterDefinition> filters, Map<String, FunctionDefinition> functions,
        Map<String, TestDefinition> tests, Map<String, TagParser> tags) {}
