package dev.zweig.core;

import dev.zweig.Environment;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.ext.Param;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Calls filter/function/test bodies as the interpreter would: positional arguments, defaults, variadic list. */
final class TestCalls implements CallContext {
    static final TestCalls CTX = new TestCalls();

    @Override
    public Environment environment() {
        return null;
    }

    @Override
    public ZoneId timezone() {
        return ZoneId.of("UTC");
    }

    @Override
    public Object call(Object callable, Object... args) {
        return ((Lambda) callable).apply(args);
    }

    @Override
    public Map<String, Object> variables() {
        return Map.of();
    }

    @Override
    public String templateName() {
        return "index.twig";
    }

    @Override
    public int line() {
        return 1;
    }

    /** Invokes the named definition; for a filter or test, args[0] is the value. */
    static Object invoke(List<? extends CallableDefinition> defs, String name, boolean hasSubject, Object... args) {
        CallableDefinition def = defs.stream().filter(d -> d.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name));
        List<Param> params = def.params();
        int offset = hasSubject ? 1 : 0;
        int slots = offset + params.size() + (def.isVariadic() ? 1 : 0);
        Object[] bound = new Object[slots];
        if (hasSubject) {
            bound[0] = args[0];
        }
        for (int i = 0; i < params.size(); i++) {
            int at = offset + i;
            if (at < args.length) {
                bound[at] = args[at];
            } else if (params.get(i).required()) {
                throw new AssertionError("missing " + params.get(i).name());
            } else {
                bound[at] = params.get(i).defaultValue();
            }
        }
        int fixed = offset + params.size();
        if (def.isVariadic()) {
            bound[fixed] = args.length > fixed ? new ArrayList<>(Arrays.asList(args).subList(fixed, args.length))
                    : new ArrayList<>();
        } else if (args.length > fixed) {
            throw new AssertionError("too many arguments for " + name);
        }
        try {
            return def.body().invoke(CTX, bound);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    static List<Object> list(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /** A PHP array from key, value, key, value... (keys as given: Long or String). */
    static Map<Object, Object> map(Object... kv) {
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
