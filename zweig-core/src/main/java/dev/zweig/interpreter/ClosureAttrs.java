package dev.zweig.interpreter;

import dev.zweig.engine.Engine;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Access;
import dev.zweig.semantics.CompileRules;
import dev.zweig.semantics.Semantics;
import dev.zweig.ast.Expr;

/**
 * Attribute and method access as closures (part of {@link ClosureCompiler}'s walk): {@code a.b}, {@code a[b]},
 * {@code a.b(args)}, null-safe chains, loop.* read by code, reads in a loop's copy of its scope, and the
 * {@code is defined} test.
 */
final class ClosureAttrs {
    private ClosureAttrs() {
    }

    static Eval getAttr(ClosureCompiler c, Expr.GetAttr g, boolean lenient, boolean root) {
        // loop.index, loop.last...: read the loop state by code, no lookup
        if (!lenient && g.object() instanceof Expr.Name n && n.name().equals("loop") && g.args() == null
                && g.attribute() instanceof Expr.Literal l && l.value() instanceof String attr
                && LoopState.code(attr) >= 0) {
            int code = LoopState.code(attr);
            int loopSlot = c.slot("loop");
            Eval generic = getAttr(c, g, lenient, root, true);
            if (code == LoopState.PARENT && !root) {
                // loop.parent.x: read x in the loop's copy of the scope, no snapshot in between
                return (f, st) -> f.get(loopSlot) instanceof LoopState ls && ls.parentFrame != null ? ls.parentFrame
                        : generic.eval(f, st);
            }
            return (f, st) -> {
                Object v = f.get(loopSlot) instanceof LoopState ls ? ls.get(code, st) : Frame.UNDEFINED;
                return v != Frame.UNDEFINED ? v : generic.eval(f, st); // not a loop, or an attribute it lacks
            };
        }
        return getAttr(c, g, lenient, root, true);
    }

    static Eval getAttr(ClosureCompiler c, Expr.GetAttr g, boolean lenient, boolean root, boolean plain) {
        String name = c.name;
        boolean strict = c.strict;
        Eval obj = g.object() instanceof Expr.GetAttr inner ? getAttr(c, inner, lenient, false)
                : g.object() instanceof Expr.Name n && n.name().equals("_parent")
                        ? c.name(c.slot("_parent"), "_parent", n.line(), lenient) // _parent.x: read in place, below
                : g.object() instanceof Expr.Name n && n.name().equals("_context")
                        ? (f, st) -> f // _context.x, _context[name]: read in the scope itself, below
                : lenient ? c.lenient(g.object()) : c.expr(g.object());
        Eval attrE = c.expr(g.attribute());
        Object constAttr = g.attribute() instanceof Expr.Literal l ? l.value() : null;
        Expr.AccessType type = g.type();
        boolean nullSafe = g.nullSafe();
        int line = g.line();
        ClosureCalls.ArgList args = g.args() == null ? null : ClosureCalls.argList(c, g.args());
        Object[] constantArgs = g.args() == null ? null : CompileRules.constantMethodArgs(g.args());
        // a method's other arguments in the site's reusable array: the method receives the values, never the
        // array (Attributes.call spreads it), so no array per call
        int argsSite = constantArgs == null && args != null && args.unnamed ? c.engine.newSite() : -1;
        // spread arguments (attribute(o, 'm', args)): read into the site's array (see Semantics#spreadArgs)
        int valuesSite = argsSite >= 0 && !args.simple ? c.engine.newSite() : -1;
        boolean strictMode = strict;
        Access.Site site = new Access.Site(g.args());
        boolean scopeCopy = readsScopeCopy(g);
        Eval ev = (f, st) -> {
            Object o = obj.eval(f, st);
            if (o == dev.zweig.semantics.CompileRules.NULL_SAFE_STOP) {
                return o;
            }
            if (o == Frame.UNDEFINED) {
                return Frame.UNDEFINED;
            }
            if (nullSafe && o == null) {
                return dev.zweig.semantics.CompileRules.NULL_SAFE_STOP;
            }
            Object attr = constAttr != null ? constAttr : key(attrE, f, st);
            if (argsSite >= 0 && !scopeCopy) {
                Object[] a = valuesSite >= 0 ? args.spread(f, st, valuesSite, argsSite)
                        : args.positional(f, st, argsSite);
                Object v = Access.get(o, attr, a, type, lenient, strictMode, name, line, st, site);
                st.giveArgs(argsSite, a);
                return v;
            }
            Object[] a = constantArgs != null ? constantArgs : args == null ? null : args.positional(f, st);
            if (scopeCopy && o instanceof Frame scope) {
                // a loop's copy of its enclosing scope (_parent, loop.parent) or the scope itself (_context): a
                // variable read in place; anything else on it (a missing key's error, a method) on its snapshot
                Object v = Semantics.scopeAttr(scope, attr, a, type, lenient, strictMode);
                if (v != Semantics.ON_SNAPSHOT) {
                    return v;
                }
                o = Snapshots.export(scope);
            }
            return Access.get(o, attr, a, type, lenient, strictMode, name, line, st, site);
        };
        if (!root) {
            return ev;
        }
        if (scopeCopy) {
            return (f, st) -> {
                Object v = ev.eval(f, st);
                if (v == dev.zweig.semantics.CompileRules.NULL_SAFE_STOP) {
                    return null;
                }
                // an engine-private value read through a chain (loop.parent.loop) leaves as a snapshot
                return v instanceof LoopState || v instanceof Frame ? Snapshots.export(v) : v;
            };
        }
        return (f, st) -> {
            Object v = ev.eval(f, st);
            return v == dev.zweig.semantics.CompileRules.NULL_SAFE_STOP ? null : v;
        };
    }

    /**
     * Whether a chain starts at {@code loop}, {@code _parent} or {@code _context}, the only names whose chains can
     * read a variable in a scope in place, a loop's pooled copy of its scope or the frame (and so return an
     * engine-private value).
     */
    private static boolean readsScopeCopy(Expr.GetAttr g) {
        Expr base = g;
        while (base instanceof Expr.GetAttr inner) {
            base = inner.object();
        }
        return base instanceof Expr.Name n && (n.name().equals("loop") || n.name().equals("_parent")
                || n.name().equals("_context"));
    }

    static Eval defined(ClosureCompiler c, Expr.Defined d) {
        Engine engine = c.engine;
        CompiledTemplate t = c.t;
        Expr target = d.target();
        if (target instanceof Expr.Name n) {
            switch (n.name()) {
                case "_self", "_context", "_charset":
                    return (f, st) -> true;
                default:
                    int slot = c.slot(n.name());
                    return (f, st) -> f.defined(slot);
            }
        }
        if (target instanceof Expr.MacroCall mc) {
            int slot = c.importSlot(mc.holder());
            String macro = mc.name();
            Eval nameE = mc.nameExpr() == null ? null : c.expr(mc.nameExpr());
            return (f, st) -> {
                Object h = mc.holder().equals("_self") ? t : f.get(slot);
                String mn = nameE == null ? macro : Values.toString(nameE.eval(f, st));
                return Semantics.macroDefined(h, mn, f, st);
            };
        }
        if (target instanceof Expr.Literal) {
            return (f, st) -> true;
        }
        if (target instanceof Expr.GetAttr g) {
            return definedAttr(c, g);
        }
        if (target instanceof Expr.Function fn && fn.name().equals("constant")
                && engine.isCoreFunction(engine.definitions().function("constant"))) {
            ClosureCalls.Bound b = ClosureCalls.bind(c, engine.definitions().function("constant"), fn.args(),
                    "function", fn.line());
            Eval constant = b.params()[0];
            Eval object = b.params()[1];
            return (f, st) -> dev.zweig.core.CoreExtension.constantIsDefined(engine.environment(),
                    constant.eval(f, st), object.eval(f, st));
        }
        // the parser admits nothing else under "defined"; what is left (a block reference) has its own test
        Eval e = c.lenient(target);
        return (f, st) -> e.eval(f, st) != Frame.UNDEFINED;
    }

    /**
     * {@code a.b.c is defined}, as Twig's getAttribute with isDefinedTest: the object chain is read leniently
     * (a missing link answers false), the attribute and call arguments are evaluated as usual (an undefined
     * variable among them still raises), and the last member is only looked up, never read or called.
     */
    private static Eval definedAttr(ClosureCompiler c, Expr.GetAttr g) {
        if (g.object() instanceof Expr.Name n && n.name().equals("_context") && g.args() == null
                && g.type() != Expr.AccessType.METHOD) {
            Eval attrE = c.expr(g.attribute()); // whether the scope has the variable, no snapshot of it
            return (f, st) -> Semantics.contextHas(f, key(attrE, f, st), st);
        }
        Eval obj = g.object() instanceof Expr.GetAttr inner ? getAttr(c, inner, true, false) : c.lenient(g.object());
        Eval attrE = c.expr(g.attribute());
        ClosureCalls.ArgList args = g.args() == null ? null : ClosureCalls.argList(c, g.args());
        Expr.AccessType type = g.type();
        boolean nullSafe = g.nullSafe();
        return (f, st) -> {
            Object o = obj.eval(f, st);
            if (o == Frame.UNDEFINED || o == dev.zweig.semantics.CompileRules.NULL_SAFE_STOP || (nullSafe && o == null)) {
                return false;
            }
            Object attr = key(attrE, f, st);
            int argc = args == null ? 0 : args.positional(f, st).length;
            return Access.has(o, attr, argc, type, st);
        };
    }

    /**
     * A key computed at run time as Semantics.attrKey gives it: one built as render-private text becomes a String,
     * and the text it took is free again at once.
     */
    private static Object key(Eval attrE, Frame f, dev.zweig.runtime.RenderState st) {
        int top = st.textTop;
        return Semantics.attrKey(attrE.eval(f, st), st, top);
    }
}
