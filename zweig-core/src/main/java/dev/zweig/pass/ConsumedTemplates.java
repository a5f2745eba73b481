package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The core {@code template_from_string} calls of a module whose template is rendered where it is made and then
 * dropped: the template of an include (tag, or core include()/include_only() function), of the module's
 * {@code extends} (an embed's template is its embedded module's), or of a core block() call, possibly through the
 * branches of a conditional. Nothing can see such a template object but the engine, so the call may hand out the
 * template compiled by an earlier call with the same source and name (Engine#templateFromString) instead of
 * compiling the source again, as Twig reuses the template class of a source it has compiled. Everywhere else (kept
 * by set, compared, passed to a macro or a user's callable, imported) each call gives a template object of its
 * own, as Twig's TemplateWrapper is.
 */
public final class ConsumedTemplates {
    private final Predicate<String> coreFunction;
    private final Set<Expr> found = Collections.newSetFromMap(new IdentityHashMap<>());

    private ConsumedTemplates(Predicate<String> coreFunction) {
        this.coreFunction = coreFunction;
    }

    /** The template_from_string calls of m (not of its embedded modules) consumed where they are made. */
    public static Set<Expr> of(Module m, Predicate<String> coreFunction) {
        ConsumedTemplates c = new ConsumedTemplates(coreFunction);
        c.template(m.parent());
        c.walk(m.body());
        m.blocks().values().forEach(b -> c.walk(b.body()));
        m.macros().values().forEach(d -> {
            c.walk(d.defaults());
            c.walk(d.body());
        });
        return c.found;
    }

    /** Walks any AST value, noting the template positions it holds. */
    private void walk(Object n) {
        if (n == null) {
            return;
        }
        if (n instanceof List<?> l) {
            l.forEach(this::walk);
            return;
        }
        if (n instanceof Stmt.Include inc) {
            template(inc.template());
        } else if (n instanceof Expr.BlockRef br && coreFunction.test("block")) {
            template(br.template());
        } else if (n instanceof Expr.Function f && (f.name().equals("include") || f.name().equals("include_only"))
                && coreFunction.test(f.name())) {
            for (int i = 0; i < f.args().size(); i++) {
                Expr.Arg a = f.args().get(i);
                if (!a.spread() && (a.name() == null ? i == 0 : a.name().equals("template"))) {
                    template(a.value());
                }
            }
        }
        if (!n.getClass().isRecord()) {
            return;
        }
        RecordShape shape = RecordShape.of(n.getClass());
        for (int i = 0, size = shape.size(); i < size; i++) {
            Object v = shape.get(n, i);
            if (v instanceof Expr || v instanceof Stmt || v instanceof List<?> || v instanceof Expr.Arg
                    || v instanceof Expr.Item || v instanceof Expr.Pair) {
                walk(v);
            }
        }
    }

    /** An expression whose value is resolved as a template and dropped. */
    private void template(Expr e) {
        if (e instanceof Expr.Function f && f.name().equals("template_from_string")
                && coreFunction.test("template_from_string")) {
            found.add(f);
        } else if (e instanceof Expr.Conditional c) {
            if (c.then() == null) {
                template(c.cond()); // a ?: b
            }
            template(c.then());
            template(c.otherwise());
        }
    }
}
