package dev.zweig.interpreter;

import dev.zweig.engine.Engine;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.semantics.Semantics;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import java.util.Set;

/**
 * Statements as closures (the part of {@link ClosureCompiler}'s walk for if, set, include, embed, import, with and
 * block references): what each does at run time, with errors located at the statement's line.
 */
final class ClosureStmts {
    private ClosureStmts() {
    }

    static Exec ifStmt(ClosureCompiler c, Stmt.If i) {
        String name = c.name;
        Set<Object> releasePoints = c.releasePoints;
        int n = i.conds().size();
        Eval[] conds = new Eval[n];
        Exec[] bodies = new Exec[n];
        for (int k = 0; k < n; k++) {
            conds[k] = c.expr(i.conds().get(k));
            bodies[k] = c.stmt(i.bodies().get(k));
        }
        Exec otherwise = i.otherwise() == null ? null : c.stmt(i.otherwise());
        int line = i.line();
        // a release point: what testing a condition took in scratch storage is given back once it is tested
        boolean release = releasePoints.contains(i);
        return (f, st) -> {
            for (int k = 0; k < n; k++) {
                boolean yes;
                int texts = st.textTop;
                long mark = st.arenaMark();
                try {
                    yes = dev.zweig.semantics.CompileRules.truthy(conds[k].eval(f, st));
                    if (release) {
                        st.release(mark);
                    }
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
                st.textTop = texts;
                if (yes) {
                    bodies[k].exec(f, st);
                    return;
                }
            }
            if (otherwise != null) {
                otherwise.exec(f, st);
            }
        };
    }

    static Exec setStmt(ClosureCompiler c, Stmt.Set set) {
        String name = c.name;
        Set<Expr> scratchTexts = c.scratchTexts;
        int n = set.names().size();
        int[] slots = new int[n];
        Eval[] values = new Eval[n];
        for (int i = 0; i < n; i++) {
            slots[i] = c.slot(set.names().get(i));
            values[i] = c.expr(set.values().get(i));
        }
        int line = set.line();
        boolean[] text = new boolean[n];
        boolean anyText = false;
        for (int i = 0; i < n; i++) {
            text[i] = scratchTexts.contains(set.values().get(i));
            anyText |= text[i];
        }
        if (anyText) {
            // text kept in a variable only the core reads: copied into the scope's own buffer for that variable
            return (f, st) -> {
                int texts = st.textTop;
                Object[] vals = n == 1 ? null : st.pushArgs(n);
                Object v0 = null;
                try {
                    try {
                        for (int i = 0; i < n; i++) {
                            Object v = values[i].eval(f, st);
                            if (n == 1) {
                                v0 = v;
                            } else {
                                vals[i] = v;
                            }
                        }
                    } catch (RuntimeException x) {
                        throw Engine.wrap(x, name, line);
                    }
                    for (int i = 0; i < n; i++) {
                        Object v = n == 1 ? v0 : vals[i];
                        f.set(slots[i], text[i] ? Semantics.keepText(v, f, slots[i]) : v);
                    }
                } finally {
                    if (n > 1) {
                        st.popArgs(n);
                    }
                }
                st.textTop = texts;
            };
        }
        if (n == 1 && c.scratch.keptDates().contains(set.values().get(0))) {
            // a render-private date only the core date readers read: copied into the scope's own date for the
            // variable, and the scratch storage it took is free again (a loop of any length takes none)
            int s0 = slots[0];
            Eval v0 = values[0];
            return (f, st) -> {
                long mark = st.arenaMark();
                try {
                    f.set(s0, Semantics.keepDate(v0.eval(f, st), f, s0));
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
                st.release(mark);
            };
        }
        if (n == 1) {
            int s0 = slots[0];
            Eval v0 = values[0];
            return (f, st) -> {
                try {
                    f.set(s0, v0.eval(f, st));
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
            };
        }
        return (f, st) -> {
            // every value before any is set (set a, b = b, a), in the render's array of the next call depth
            Object[] vals = st.pushArgs(n);
            try {
                try {
                    for (int i = 0; i < n; i++) {
                        vals[i] = values[i].eval(f, st);
                    }
                } catch (RuntimeException x) {
                    throw Engine.wrap(x, name, line);
                }
                for (int i = 0; i < n; i++) {
                    f.set(slots[i], vals[i]);
                }
            } finally {
                st.popArgs(n);
            }
        };
    }

    static Exec include(ClosureCompiler c, Stmt.Include inc) {
        Engine engine = c.engine;
        String name = c.name;
        CompiledTemplate t = c.t;
        Eval tpl = c.expr(inc.template());
        Eval vars = inc.variables() == null ? null : c.expr(inc.variables());
        boolean only = inc.only();
        boolean ignore = inc.ignoreMissing();
        int line = inc.line();
        return (f, st) -> {
            CompiledTemplate target;
            Frame child;
            try {
                target = engine.resolveTemplate(tpl.eval(f, st), st, name, line, ignore);
                if (target == null) {
                    return;
                }
                child = Semantics.childFrame(t, f, st, vars == null ? null : Semantics.ownTexts(vars.eval(f, st), target, st),
                        only, "include\" function or tag", line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                Semantics.renderIncluded(t, target, child, st, line);
            } finally {
                st.popFrame();
            }
        };
    }

    static Exec embed(ClosureCompiler c, Stmt.Embed em) {
        String name = c.name;
        CompiledTemplate t = c.t;
        Eval vars = em.variables() == null ? null : c.expr(em.variables());
        boolean only = em.only();
        int line = em.line();
        int index = em.index();
        boolean ignoreMissing = em.ignoreMissing();
        return (f, st) -> {
            Frame child;
            try {
                child = Semantics.childFrame(t, f, st, vars == null ? null : vars.eval(f, st), only, "embed\" tag", line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                Semantics.embed(t, index, child, st, ignoreMissing, line);
            } finally {
                st.popFrame();
            }
        };
    }

    static Exec importStmt(ClosureCompiler c, Stmt.Import imp) {
        Engine engine = c.engine;
        String name = c.name;
        CompiledTemplate t = c.t;
        int slot = c.importSlot(imp.alias());
        int line = imp.line();
        if (imp.template() instanceof Expr.Name n && n.name().equals("_self")) {
            return (f, st) -> f.set(slot, t);
        }
        Eval tpl = c.expr(imp.template());
        return (f, st) -> {
            try {
                f.set(slot, engine.resolveTemplate(tpl.eval(f, st), name, line, false));
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
        };
    }

    static Exec with(ClosureCompiler c, Stmt.With w) {
        String name = c.name;
        CompiledTemplate t = c.t;
        Eval vars = w.variables() == null ? null : c.expr(w.variables());
        Exec body = c.stmt(w.body());
        boolean only = w.only();
        int line = w.line();
        return (f, st) -> {
            Frame child;
            try {
                child = Semantics.withFrame(t, f, st, vars == null ? null : vars.eval(f, st), vars != null, only, line);
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            try {
                body.exec(child, st);
            } finally {
                st.popFrame();
            }
        };
    }

    static Exec blockRef(ClosureCompiler c, Expr.BlockRef br) {
        Engine engine = c.engine;
        String name = c.name;
        CompiledTemplate t = c.t;
        Eval nameE = c.expr(br.name());
        Eval tplE = br.template() == null ? null : c.expr(br.template());
        int line = br.line();
        return (f, st) -> {
            String bn;
            CompiledTemplate target = null;
            int top = st.textTop;
            try {
                // a computed name may be render-private text: matched to a block's name, its buffer given back
                bn = Semantics.blockName(nameE.eval(f, st), t);
                st.textTop = top;
                if (tplE != null) {
                    target = engine.resolveTemplate(tplE.eval(f, st), st, name, line, false);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            Semantics.blockRef(t, bn, target, f, st, line);
        };
    }
}
