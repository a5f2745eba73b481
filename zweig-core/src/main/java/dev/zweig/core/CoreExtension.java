package dev.zweig.core;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.TestDefinition;
import dev.zweig.runtime.Escapers;
import dev.zweig.Markup;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Twig's core library, registered through the same {@link Extension} API users get: the string, collection and
 * date filters, the tests and functions, and the escaper (the core tags, which build core syntax-tree nodes, are
 * registered by the engine itself: {@link dev.zweig.parser.tags.CoreTags}). Calls the interpreter handles itself (include, source,
 * template_from_string, block, parent, attribute, default, raw) are declared here so that the parser, the guard tag
 * and the escaping pass know them.
 */
public final class CoreExtension implements Extension {
    private final Formats formats;

    /** The core library with Twig's default date and number formats. */
    public CoreExtension() {
        this(Formats.TWIG);
    }

    /** The core library with these defaults for the date and number_format filters. */
    public CoreExtension(Formats formats) {
        this.formats = formats;
    }

    @Override
    public List<FilterDefinition> filters() {
        List<FilterDefinition> all = new ArrayList<>();
        all.addAll(StringFilters.definitions());
        if (formats.decimals() != Formats.TWIG.decimals() || !formats.point().equals(Formats.TWIG.point())
                || !formats.thousands().equals(Formats.TWIG.thousands())) {
            all.replaceAll(f -> f.name().equals("number_format") ? StringFilters.numberFormat(formats) : f);
        }
        all.addAll(CollectionFilters.definitions());
        all.addAll(DateDefinitions.filters(formats.date(), formats.interval()));
        FilterDefinition escape = FilterDefinition.of("escape", (ctx, args) -> escape(args[0], args[1], args[3]))
                .params(Param.optional("strategy", "html"), Param.optional("charset", null),
                        Param.optional("autoescape", false)).writer(FilterWriters::escape)
                .safeWhen(CoreExtension::escapeIsSafe);
        all.add(escape);
        all.add(FilterDefinition.of("e", escape.body()).params(escape.params().toArray(new Param[0]))
                .writer(FilterWriters::escape).safeWhen(CoreExtension::escapeIsSafe));
        all.add(FilterDefinition.of("raw", (ctx, args) -> args[0]).safe("all"));
        all.add(FilterDefinition.of("default", (ctx, args) -> Values.isEmpty(args[0]) ? args[1] : args[0])
                .params(Param.optional("default", "")));
        return all;
    }

    /**
     * What an escape filter's result is safe for (Twig's escapeFilterIsSafe): no argument, html; a constant first
     * argument, that strategy; a strategy computed at run time, nothing.
     */
    static Set<String> escapeIsSafe(dev.zweig.ext.Arguments args) {
        if (args.size() == 0) {
            return Set.of("html");
        }
        return args.isConstant(0) && args.constant(0) instanceof String s ? Set.of(s) : Set.of();
    }

    /**
     * {@code constant(name, object) is defined}: whether the constant() function would find it (Twig's
     * CoreExtension::constantIsDefined), answered without raising.
     */
    public static boolean constantIsDefined(dev.zweig.Environment env, Object constant, Object object) {
        return Constants.isDefined(env, constant, object);
    }

    /** Twig's escape filter: Markup passes only when auto-inserted; non-strings pass through unchanged. */
    static Object escape(Object value, Object strategyArg, Object autoescape) {
        String strategy = strategyArg == null ? "html" : Values.toString(strategyArg);
        if (Values.isMarkup(value) && Values.isTrue(autoescape)) {
            return value;
        }
        if (!(value instanceof CharSequence)) {
            if (value == null || value instanceof Number || value instanceof Boolean) {
                if (!Escapers.isStrategy(strategy)) {
                    throw new TemplateRuntimeException(Escapers.invalidStrategy(strategy));
                }
                return value;
            }
            if (Values.isIterable(value)) {
                return value;
            }
        }
        if (!Escapers.isStrategy(strategy)) {
            throw new TemplateRuntimeException(Escapers.invalidStrategy(strategy));
        }
        return Escapers.escape(strategy, Values.toString(value));
    }

    @Override
    public List<FunctionDefinition> functions() {
        List<FunctionDefinition> all = new ArrayList<>(CoreFunctions.definitions());
        all.addAll(DateDefinitions.functions());
        all.add(FunctionDefinition.of("include", (ctx, args) -> {
            throw new IllegalStateException("include is compiled by the interpreter");
        }).params(Param.required("template"), Param.optional("variables", null), Param.optional("with_context", true),
                Param.optional("ignore_missing", false), Param.optional("sandboxed", false)).safe("all"));
        all.add(FunctionDefinition.of("include_only", (ctx, args) -> {
            throw new IllegalStateException("include_only is compiled by the interpreter");
        }).params(Param.required("template"), Param.optional("variables", null), Param.optional("ignore_missing", false))
                .safe("all"));
        all.add(FunctionDefinition.of("source", (ctx, args) -> {
            throw new IllegalStateException("source is compiled by the interpreter");
        }).params(Param.required("name"), Param.optional("ignore_missing", false)).safe("all"));
        all.add(FunctionDefinition.of("template_from_string", (ctx, args) -> {
            throw new IllegalStateException("template_from_string is compiled by the interpreter");
        }).params(Param.required("template"), Param.optional("name", null)));
        all.add(FunctionDefinition.of("block", (ctx, args) -> null).params("name").safe("all"));
        all.add(FunctionDefinition.of("parent", (ctx, args) -> null).safe("all"));
        all.add(FunctionDefinition.of("attribute", (ctx, args) -> null).params("object", "attribute"));
        all.add(FunctionDefinition.of("constant", (ctx, a) -> Constants.constant(ctx, a[0], a[1]))
                .params(Param.required("constant"), Param.optional("object", null)));
        all.add(FunctionDefinition.of("enum", (ctx, a) -> Constants.enumOf(ctx, a[0])).params("enum"));
        all.add(FunctionDefinition.of("enum_cases", (ctx, a) -> Constants.cases(ctx, a[0])).params("enum"));
        all.add(FunctionDefinition.of("dump", (ctx, a) -> ctx.environment().debug() ? Dump.dump(ctx, a[0]) : "")
                .asVariadic().safe("html"));
        return all;
    }

    @Override
    public List<TestDefinition> tests() {
        List<TestDefinition> all = new ArrayList<>(CoreTests.definitions());
        all.add(TestDefinition.of("defined", (ctx, args) -> args[0] != null));
        all.add(TestDefinition.of("constant", (ctx, a) -> dev.zweig.php.Values.strictEquals(a[0],
                Constants.constant(ctx, a[1], a[2]))).params(Param.required("constant"), Param.optional("object", null)));
        return all;
    }
}
