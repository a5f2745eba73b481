package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The variable names a module uses, in the order the engine first meets them when it compiles the module (its
 * embedded templates, body, parent, blocks, macros with their parameters and varargs, imports; a loop's sequence
 * before its variables, a set's name before its value, an arrow's parameters before its body). The engine numbers
 * variables in this order before either executor compiles the module, so both list a scope ({@code _context}) in
 * the same order, whatever order each compiles its nodes in.
 */
public final class VariableNames {
    /** Names that are no variables (the executors give them no slot). */
    private static final Set<String> SPECIAL = Set.of("_self", "_context", "_charset");

    private VariableNames() {
    }

    public static Set<String> of(Module module) {
        Set<String> out = new LinkedHashSet<>();
        module(module, out);
        return out;
    }

    private static void module(Module m, Set<String> out) {
        for (Module e : m.embedded()) {
            module(e, out);
        }
        walk(m.body(), out);
        walk(m.parent(), out);
        for (Module.BlockDef b : m.blocks().values()) {
            walk(b.body(), out);
        }
        for (Module.MacroDef d : m.macros().values()) {
            for (int i = 0; i < d.params().size(); i++) {
                out.add(d.params().get(i));
                walk(d.defaults().get(i), out);
            }
            out.add(d.varargs());
            walk(d.body(), out);
        }
        walk(m.imports(), out);
    }

    private static void walk(Object n, Set<String> out) {
        if (n instanceof List<?> l) {
            for (Object o : l) {
                walk(o, out);
            }
            return;
        }
        if (n instanceof Map<?, ?> m) {
            for (Object o : m.values()) {
                walk(o, out);
            }
            return;
        }
        if (n == null || !n.getClass().isRecord() || n instanceof Module) {
            return; // embedded modules are walked first, on their own
        }
        if (n instanceof Expr.Name name) {
            if (!SPECIAL.contains(name.name())) {
                out.add(name.name());
            }
            return;
        }
        if (n instanceof Stmt.For f) {
            walk(f.seq(), out);
            if (f.keyVar() != null) {
                out.add(f.keyVar());
            }
            out.add(f.valueVar());
            out.add("loop");
            walk(f.body(), out);
            walk(f.otherwise(), out);
            return;
        }
        if (n instanceof Stmt.Set s) {
            for (int i = 0; i < s.names().size(); i++) {
                out.add(s.names().get(i));
                walk(s.values().get(i), out);
            }
            return;
        }
        if (n instanceof Stmt.Capture c) {
            out.add(c.name());
            walk(c.body(), out);
            return;
        }
        if (n instanceof Expr.Arrow a) {
            out.addAll(a.params());
            walk(a.body(), out);
            return;
        }
        if (n instanceof Expr.Assign a) {
            walk(a.value(), out);
            walk(a.target(), out);
            return;
        }
        if (n instanceof Stmt.Custom c) {
            out.addAll(c.variables()); // what an extension's node reads and sets by name
        }
        RecordShape shape = RecordShape.of(n.getClass());
        for (int i = 0; i < shape.size(); i++) {
            walk(shape.get(n, i), out);
        }
    }
}
