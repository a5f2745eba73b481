package dev.zweig.core;

import dev.zweig.ext.CallContext;
import dev.zweig.runtime.Escapers;
import dev.zweig.php.Values;
import java.util.List;
import java.util.Map;

/** {@code dump()} (debug mode only): PHP's var_dump listing, as Twig's DebugExtension prints it on the CLI. */
final class Dump {
    private Dump() {
    }

    static String dump(CallContext ctx, Object args) {
        List<?> values = args instanceof List<?> l ? l : List.of();
        StringBuilder sb = new StringBuilder();
        if (values.isEmpty()) {
            dumpValue(ctx.variables(), sb, 0);
        }
        for (Object v : values) {
            dumpValue(v, sb, 0);
        }
        return sb.toString();
    }

    private static void dumpValue(Object v, StringBuilder sb, int depth) {
        String pad = "  ".repeat(depth);
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            Map<Object, Object> m = Values.toMap(v);
            sb.append("array(").append(m.size()).append(") {\n");
            if (depth < 8) {
                for (Map.Entry<Object, Object> e : m.entrySet()) {
                    sb.append(pad).append("  [").append(e.getKey() instanceof String s ? "\"" + s + "\"" : e.getKey()).append("]=>\n").append(pad).append("  ");
                    dumpValue(e.getValue(), sb, depth + 1);
                }
            }
            sb.append(pad).append("}\n");
            return;
        }
        if (v == null) {
            sb.append("NULL\n");
        } else if (v instanceof Boolean b) {
            sb.append("bool(").append(b).append(")\n");
        } else if (v instanceof Long || v instanceof Integer) {
            sb.append("int(").append(v).append(")\n");
        } else if (v instanceof Double) {
            sb.append("float(").append(Values.toString(v)).append(")\n");
        } else if (v instanceof CharSequence s) {
            sb.append("string(").append(s.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .append(") \"").append(s).append("\"\n");
        } else {
            sb.append("object(").append(v.getClass().getSimpleName()).append(")\n");
        }
    }
}
