package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which for loops define the {@code loop} variable, decided as Twig's OptimizerNodeVisitor (enterOptimizeFor)
 * decides it, in the same walk order: a loop defines it when its body (or sequence, or else branch) names
 * {@code loop}, shows a block ({@code block} tag or function), includes or embeds with the context, or reads a
 * computed attribute or {@code .parent} of {@code loop} (or of anything once the loop has it); an include makes
 * every enclosing loop define it. It is observable: a loop without it leaves {@code loop} out of
 * {@code _context} and out of an outer loop's variable it would otherwise hide. Sets {@link Stmt.For#usesLoop()}.
 */
final class LoopUsage {
    /** The enclosing loops, innermost first, each with what is decided so far. */
    private final Deque<boolean[]> loops = new ArrayDeque<>();

    private LoopUsage() {
    }

    static Module apply(Module m) {
        Map<String, Module.BlockDef> blocks = new LinkedHashMap<>();
        m.blocks().forEach((k, b) -> blocks.put(k, new Module.BlockDef(b.name(), body(b.body()), b.line())));
        Map<String, Module.MacroDef> macros = new LinkedHashMap<>();
        m.macros().forEach((k, d) -> macros.put(k, new Module.MacroDef(d.name(), d.params(), d.defaults(),
                body(d.body()), d.line(), d.varargs())));
        List<Module> embedded = new ArrayList<>();
        m.embedded().forEach(e -> embedded.add(apply(e)));
        return new Module(m.name(), body(m.body()), m.parent(), m.parentLine(), blocks, macros, m.uses(), embedded,
                m.imports(), m.source());
    }

    /** A body (of the template, a block, a macro) on its own: no loop encloses it. */
    private static Stmt.Body body(Stmt.Body b) {
        return (Stmt.Body) new LoopUsage().node(b);
    }

    private Object node(Object n) {
        if (n == null) {
            return null;
        }
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(node(o));
            }
            return out;
        }
        if (!n.getClass().isRecord() || !n.getClass().getName().startsWith("dev.zweig.ast.")) {
            return n;
        }
        if (n instanceof Stmt.For fo) {
            // the sequence first, in the enclosing loop's scope: a loop variable read there is the enclosing
            // loop's (tags/for/loop_in_nested_sequence.test, newer Twig 3.x fixtures)
            Expr seq = (Expr) node(fo.seq());
            boolean[] uses = {false};
            loops.push(uses);
            try {
                Stmt body = (Stmt) node(fo.body());
                Stmt otherwise = (Stmt) node(fo.otherwise());
                return new Stmt.For(fo.keyVar(), fo.valueVar(), seq, body, otherwise, uses[0], fo.line());
            } finally {
                loops.pop();
            }
        }
        if (!loops.isEmpty()) {
            enter(n);
        }
        RecordShape shape = RecordShape.of(n.getClass());
        Object[] values = new Object[shape.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = node(shape.get(n, i));
        }
        return shape.rebuild(values);
    }

    /** enterOptimizeFor for a node inside at least one loop (before its children, as Twig's traverser). */
    private void enter(Object n) {
        if (n instanceof Expr.Name name && name.name().equals("loop")) {
            loops.peek()[0] = true;
        } else if (n instanceof Stmt.BlockCall || n instanceof Expr.BlockRef) {
            loops.peek()[0] = true;
        } else if (n instanceof Stmt.Include i && !i.only() || n instanceof Stmt.Embed e && !e.only()) {
            all();
        } else if (n instanceof Expr.Function f && f.name().equals("include") && !withoutContext(f)) {
            all();
        } else if (n instanceof Expr.GetAttr g
                && (!(g.attribute() instanceof Expr.Literal l) || "parent".equals(l.value()))
                && (loops.peek()[0] || g.object() instanceof Expr.Name o && o.name().equals("loop"))) {
            all();
        }
    }

    /** include(..., with_context = false), the argument named and a literal false. */
    private static boolean withoutContext(Expr.Function f) {
        for (Expr.Arg a : f.args()) {
            if ("with_context".equals(a.name())) {
                return a.value() instanceof Expr.Literal l && Boolean.FALSE.equals(l.value());
            }
        }
        return false;
    }

    private void all() {
        for (boolean[] l : loops) {
            l[0] = true;
        }
    }
}
