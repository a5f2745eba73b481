package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the tags, filters and functions a parsed template uses, each with the first line it appears on: what
 * the sandbox checks against its {@link dev.zweig.sandbox.SecurityPolicy} once, at compile time (Twig's
 * SandboxNodeVisitor). Walks the body, blocks, macros, {@code use} and {@code extends} declarations and the
 * templates of {@code embed} tags.
 *
 * <p>Run it on the parser's output, before the escaping pass: escape filters the escaping pass inserts are not
 * the author's and must not need an allowance (those it recognizes — {@code escape(strategy, null, true)} — are
 * skipped anyway, so running it after the pass gives the same result).
 *
 * <p>Known approximations of the AST: {@code apply} is seen as the hidden capture the parser turns it into (and
 * reported as "apply"); the range operator {@code a..b} is parsed as the function {@code range} and is reported
 * as such; {@code types} leaves nothing in the tree and cannot be reported.
 */
public final class UsagePass {
    private final Map<String, Integer> tags = new HashMap<>();
    private final Map<String, Integer> filters = new HashMap<>();
    private final Map<String, Integer> functions = new HashMap<>();

    private UsagePass() {
    }

    /**
     * What a template uses. Each map goes from name to the first line it is used on and iterates in the order of
     * those lines (names on one line in alphabetical order: the AST has no columns), so the first disallowed name
     * a policy finds is the first in the source.
     */
    public record Usage(Map<String, Integer> tags, Map<String, Integer> filters, Map<String, Integer> functions) {
        /** The line of what a security exception refused (tag, filter or function), or 0 when not used here. */
        public int lineOf(dev.zweig.sandbox.TemplateSecurityException e) {
            Integer l = null;
            if (e instanceof dev.zweig.sandbox.SecurityNotAllowedTagException t) {
                l = tags.get(t.getTagName());
            } else if (e instanceof dev.zweig.sandbox.SecurityNotAllowedFilterException f) {
                l = filters.get(f.getFilterName());
            } else if (e instanceof dev.zweig.sandbox.SecurityNotAllowedFunctionException f) {
                l = functions.get(f.getFunctionName());
            }
            return l == null ? 0 : l;
        }
    }

    /** Walks the module and everything it holds. */
    public static Usage of(Module module) {
        UsagePass p = new UsagePass();
        p.module(module, false);
        return new Usage(sorted(p.tags), sorted(p.filters), sorted(p.functions));
    }

    private static Map<String, Integer> sorted(Map<String, Integer> m) {
        List<Map.Entry<String, Integer>> es = new ArrayList<>(m.entrySet());
        es.sort(Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : es) {
            out.put(e.getKey(), e.getValue());
        }
        return Collections.unmodifiableMap(out);
    }

    private static void use(Map<String, Integer> m, String name, int line) {
        m.merge(name, line, Math::min);
    }

    /** An embedded template extends the embed's template implicitly: that is the "embed" tag, not "extends". */
    private void module(Module m, boolean embedded) {
        if (m.parent() != null) {
            if (!embedded) {
                use(tags, "extends", m.parentLine());
            }
            expr(m.parent());
        }
        if (m.uses() != null) {
            for (Module.Use u : m.uses()) {
                use(tags, "use", u.line());
                expr(u.template());
            }
        }
        stmt(m.body());
        if (m.blocks() != null) {
            for (Module.BlockDef b : m.blocks().values()) {
                use(tags, "block", b.line());
                stmt(b.body());
            }
        }
        if (m.macros() != null) {
            for (Module.MacroDef d : m.macros().values()) {
                use(tags, "macro", d.line());
                if (d.defaults() != null) {
                    for (Expr e : d.defaults()) {
                        expr(e);
                    }
                }
                stmt(d.body());
            }
        }
        if (m.imports() != null) {
            for (Stmt s : m.imports()) {
                stmt(s);
            }
        }
        if (m.embedded() != null) {
            for (Module e : m.embedded()) {
                module(e, true);
            }
        }
    }

    private void stmt(Stmt s) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Body b) {
            for (Stmt c : b.stmts()) {
                stmt(c);
            }
        } else if (s instanceof Stmt.Print p) {
            expr(p.expr());
        } else if (s instanceof Stmt.If i) {
            use(tags, "if", i.line());
            i.conds().forEach(this::expr);
            i.bodies().forEach(this::stmt);
            stmt(i.otherwise());
        } else if (s instanceof Stmt.For f) {
            use(tags, "for", f.line());
            expr(f.seq());
            stmt(f.body());
            stmt(f.otherwise());
        } else if (s instanceof Stmt.Set st) {
            use(tags, "set", st.line());
            st.values().forEach(this::expr);
        } else if (s instanceof Stmt.Capture c) {
            use(tags, c.name() != null && c.name().startsWith("\0apply") ? "apply" : "set", c.line());
            stmt(c.body());
        } else if (s instanceof Stmt.BlockCall b) {
            use(tags, "block", b.line());
        } else if (s instanceof Stmt.Include inc) {
            use(tags, "include", inc.line());
            expr(inc.template());
            expr(inc.variables());
        } else if (s instanceof Stmt.Embed e) {
            use(tags, "embed", e.line());
            expr(e.variables());
        } else if (s instanceof Stmt.Import imp) {
            use(tags, imp.alias() != null && imp.alias().startsWith("\0from") ? "from" : "import", imp.line());
            expr(imp.template());
        } else if (s instanceof Stmt.Autoescape a) {
            use(tags, "autoescape", a.line());
            stmt(a.body());
        } else if (s instanceof Stmt.With w) {
            use(tags, "with", w.line());
            expr(w.variables());
            stmt(w.body());
        } else if (s instanceof Stmt.Do d) {
            use(tags, "do", d.line());
            expr(d.expr());
        } else if (s instanceof Stmt.Flush f) {
            use(tags, "flush", f.line());
        } else if (s instanceof Stmt.Deprecated d) {
            use(tags, "deprecated", d.line());
            expr(d.message());
        } else if (s instanceof Stmt.Guard g) {
            use(tags, "guard", g.line());
            // only the branch that is kept: Twig drops the other from the tree, the sandbox never sees it
            stmt(g.exists() ? g.body() : g.otherwise());
        } else if (s instanceof Stmt.Sandbox sb) {
            use(tags, "sandbox", sb.line());
            stmt(sb.body());
        } else if (s instanceof Stmt.Custom c) {
            use(tags, c.tag(), c.line()); // an extension's tag is allowed or not like any tag
            c.expressions().forEach(this::expr);
            c.bodies().forEach(this::stmt);
        }
        // Text: nothing used
    }

    private void args(List<Expr.Arg> args) {
        if (args != null) {
            for (Expr.Arg a : args) {
                expr(a.value());
            }
        }
    }

    /** An escape filter the escaping pass inserted: {@code escape(strategy, null, true)}. */
    static boolean isAutoEscape(Expr.Filter f) {
        if (!f.name().equals("escape") || f.args() == null || f.args().size() != 3) {
            return false;
        }
        Expr.Arg third = f.args().get(2);
        return third.name() == null && third.value() instanceof Expr.Literal l && Boolean.TRUE.equals(l.value());
    }

    private void expr(Expr e) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Filter f) {
            if (!isAutoEscape(f)) {
                use(filters, f.name(), f.line());
            }
            expr(f.input());
            args(f.args());
        } else if (e instanceof Expr.Function f) {
            use(functions, f.name(), f.line());
            args(f.args());
        } else if (e instanceof Expr.Sequence s) {
            for (Expr.Item i : s.items()) {
                expr(i.value());
            }
        } else if (e instanceof Expr.Mapping m) {
            for (Expr.Pair p : m.pairs()) {
                expr(p.key());
                expr(p.value());
            }
        } else if (e instanceof Expr.Concat c) {
            c.parts().forEach(this::expr);
        } else if (e instanceof Expr.Unary u) {
            expr(u.operand());
        } else if (e instanceof Expr.Binary b) {
            expr(b.left());
            expr(b.right());
        } else if (e instanceof Expr.Conditional c) {
            expr(c.cond());
            expr(c.then());
            expr(c.otherwise());
        } else if (e instanceof Expr.NullCoalesce n) {
            expr(n.left());
            expr(n.right());
        } else if (e instanceof Expr.GetAttr g) {
            expr(g.object());
            expr(g.attribute());
            args(g.args());
        } else if (e instanceof Expr.Test t) {
            expr(t.input());
            args(t.args());
        } else if (e instanceof Expr.MacroCall m) {
            expr(m.nameExpr());
            args(m.args());
        } else if (e instanceof Expr.Arrow a) {
            expr(a.body());
        } else if (e instanceof Expr.Assign a) {
            expr(a.target());
            expr(a.value());
        } else if (e instanceof Expr.BlockRef b) {
            expr(b.name());
            expr(b.template());
        } else if (e instanceof Expr.Defined d) {
            expr(d.target());
        }
        // Literal, Name, Parent: nothing used
    }
}
