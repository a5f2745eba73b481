package dev.zweig.parser;

import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the parser needs to know of an Environment: the declared names and the tag parsers. Names may hold
 * {@code *} wildcards (Twig's dynamic filters, functions and tests: {@code *_path} matches {@code foo_path}); a
 * match is bound once into a definition whose body receives the captured parts before its other arguments.
 */
public record Definitions(Map<String, FilterDefinition> filters, Map<String, FunctionDefinition> functions,
        Map<String, TestDefinition> tests, Map<String, TagParser> tags, Map<String, Optional<Object>> bound) {

    public Definitions(Map<String, FilterDefinition> filters, Map<String, FunctionDefinition> functions,
            Map<String, TestDefinition> tests, Map<String, TagParser> tags) {
        this(filters, functions, tests, tags, new ConcurrentHashMap<>());
    }

    public FilterDefinition filter(String name) {
        FilterDefinition d = filters.get(name);
        return d != null ? d : (FilterDefinition) dynamic("filter", name, filters);
    }

    public FunctionDefinition function(String name) {
        FunctionDefinition d = functions.get(name);
        return d != null ? d : (FunctionDefinition) dynamic("function", name, functions);
    }

    public TestDefinition test(String name) {
        TestDefinition d = tests.get(name);
        return d != null ? d : (TestDefinition) dynamic("test", name, tests);
    }

    /** Bound wildcard matches kept at most (names come from templates, which may be untrusted). */
    private static final int MAX_BOUND = 1024;

    private Object dynamic(String kind, String name, Map<String, ? extends CallableDefinition> defs) {
        String key = kind + ":" + name;
        Optional<Object> known = bound.get(key);
        if (known != null) {
            return known.orElse(null);
        }
        Object found = null;
        for (CallableDefinition d : defs.values()) {
            if (d.name().indexOf('*') < 0) {
                continue;
            }
            Matcher m = pattern(d.name()).matcher(name);
            if (m.matches()) {
                List<Object> captured = new ArrayList<>();
                for (int i = 1; i <= m.groupCount(); i++) {
                    captured.add(m.group(i));
                }
                found = bind(d, name, captured.toArray());
                break;
            }
        }
        if (found != null && bound.size() < MAX_BOUND) {
            bound.put(key, Optional.of(found));
        }
        return found;
    }

    private static Pattern pattern(String wildcard) {
        StringBuilder re = new StringBuilder();
        for (String part : wildcard.split("\\*", -1)) {
            if (re.length() > 0) {
                re.append("(.*?)");
            }
            re.append(Pattern.quote(part));
        }
        return Pattern.compile(re.toString());
    }

    /** The wildcard definition as a plain one: its body gets the captured parts first. */
    private static Object bind(CallableDefinition d, String name, Object[] captured) {
        dev.zweig.ext.Invocable body = (ctx, args) -> {
            Object[] all = new Object[captured.length + args.length];
            System.arraycopy(captured, 0, all, 0, captured.length);
            System.arraycopy(args, 0, all, captured.length, args.length);
            return d.body().invoke(ctx, all);
        };
        dev.zweig.ext.Param[] params = d.params().toArray(new dev.zweig.ext.Param[0]);
        String[] safe = d.safe().toArray(new String[0]);
        if (d instanceof FilterDefinition f) {
            FilterDefinition b = FilterDefinition.of(name, body).params(params).safe(safe).safeWhen(d.safeCallback());
            b = f.preEscape() == null ? b : b.preEscape(f.preEscape());
            b = b.preservingSafety(f.preservedSafety().toArray(new String[0]));
            return d.isVariadic() ? b.asVariadic() : b;
        }
        if (d instanceof FunctionDefinition) {
            FunctionDefinition b = FunctionDefinition.of(name, body).params(params).safe(safe)
                    .safeWhen(d.safeCallback());
            return d.isVariadic() ? b.asVariadic() : b;
        }
        TestDefinition b = TestDefinition.of(name, body).params(params);
        return d.isVariadic() ? b.asVariadic() : b;
    }
}
