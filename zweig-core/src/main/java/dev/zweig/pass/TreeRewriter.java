package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rebuilds a module bottom-up, applying a function to every expression (children first). The AST nodes are
 * records, so one generic walk over their components serves every node type; it runs at compile time only.
 */
final class TreeRewriter {
    private final UnaryOperator<Expr> fn;
    /** Nodes rebuilt, for a look at the clock of the render this compile happens in (if any). */
    private int clockSteps;

    TreeRewriter(UnaryOperator<Expr> fn) {
        this.fn = fn;
    }

    Module module(Module m) {
        Map<String, Module.BlockDef> blocks = new LinkedHashMap<>();
        m.blocks().forEach((k, b) -> blocks.put(k, new Module.BlockDef(b.name(), (Stmt.Body) node(b.body()),
                b.line())));
        Map<String, Module.MacroDef> macros = new LinkedHashMap<>();
        m.macros().forEach((k, d) -> macros.put(k, new Module.MacroDef(d.name(), d.params(),
                map(d.defaults()), (Stmt.Body) node(d.body()), d.line(), d.varargs())));
        List<Module> embedded = new ArrayList<>();
        m.embedded().forEach(e -> embedded.add(module(e)));
        return new Module(m.name(), (Stmt.Body) node(m.body()), (Expr) node(m.parent()), m.parentLine(), blocks,
                macros, m.uses(), embedded, map(m.imports()), m.source());
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> map(List<T> list) {
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            out.add((T) node(t));
        }
        return out;
    }

    /** Rewrites any AST value: records component by component, lists element by element. */
    private Object node(Object n) {
        if (n == null) {
            return null;
        }
        if (n instanceof List<?> l) {
            return map(l);
        }
        if (!n.getClass().isRecord() || !n.getClass().getName().startsWith("dev.zweig.ast.")) {
            return n;
        }
        if ((++clockSteps & 1023) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
        RecordShape shape = RecordShape.of(n.getClass());
        Object[] values = new Object[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node(shape.get(n, i));
        }
        Object rebuilt = shape.rebuild(values);
        return rebuilt instanceof Expr e ? fn.apply(e) : rebuilt;
    }
}
