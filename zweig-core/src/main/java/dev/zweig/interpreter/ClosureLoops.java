package dev.zweig.interpreter;

import dev.zweig.engine.Engine;
import dev.zweig.php.PhpArray;
import dev.zweig.php.Traversables;
import dev.zweig.php.Values;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.RenderState;
import dev.zweig.semantics.Access;
import dev.zweig.semantics.Attributes;
import dev.zweig.semantics.Semantics;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;

/**
 * The for loop and destructuring assignment as closures (part of {@link ClosureCompiler}'s walk): the sequence
 * normalised once per loop (a PhpArray, a random-access list, or an integer range counted without a list), Twig's
 * loop variable and scoping rules kept. The reference the compiled executor's EmitLoops follows.
 */
final class ClosureLoops {
    private ClosureLoops() {
    }

    static Exec forStmt(ClosureCompiler c, Stmt.For fo) {
        Engine engine = c.engine;
        String name = c.name;
        Eval seq = c.expr(fo.seq());
        // for i in a..b / range(a, b): count instead of building the list (integer bounds only)
        Eval[] rangeBounds = null;
        if (fo.seq() instanceof Expr.Function fn && fn.name().equals("range") && fn.args().size() == 2
                && fn.args().stream().allMatch(a -> a.name() == null && !a.spread())
                && engine.isCoreFunction(engine.definitions().function("range"))) {
            rangeBounds = new Eval[] {c.expr(fn.args().get(0).value()), c.expr(fn.args().get(1).value())};
        }
        Eval[] bounds = rangeBounds;
        // Twig's loop keeps _key when it names no key variable (a stand-in set once: see LoopState.Part)
        int keySlot = c.slot(fo.keyVar() == null ? "_key" : fo.keyVar());
        boolean ownKey = fo.keyVar() != null;
        int valueSlot = c.slot(fo.valueVar());
        boolean withLoop = fo.usesLoop();
        int loopSlot = withLoop ? c.slot("loop") : -1;
        int seqSlot = c.slot("_seq");
        int iteratedSlot = fo.otherwise() == null ? -1 : c.slot("_iterated");
        int parentSlot = c.slot("_parent");
        // loop is among the names unset at the end even when the body never reads it (see EmitLoops)
        int[] used = Semantics.loopNames(seqSlot, keySlot, valueSlot, parentSlot, iteratedSlot, c.slot("loop"));
        Exec body = c.stmt(fo.body());
        Exec otherwise = fo.otherwise() == null ? null : c.stmt(fo.otherwise());
        Set<String> assigned = new HashSet<>();
        dev.zweig.semantics.CompileRules.assignedNames(fo.body(), assigned);
        assigned.remove(fo.valueVar());
        if (fo.keyVar() != null) {
            assigned.remove(fo.keyVar());
        }
        assigned.remove("loop");
        int[] created = assigned.stream().mapToInt(c::slot).toArray();
        int line = fo.line();
        Targets targets = new Targets(keySlot, ownKey, valueSlot);
        LoopBody runLoop = (f, st, parentScope) -> {
            Object s = null;
            long from = 0;
            long to = 0;
            boolean counting = false;
            try {
                if (bounds != null) {
                    Object a = bounds[0].eval(f, st);
                    Object b = bounds[1].eval(f, st);
                    if (a instanceof Long x && b instanceof Long y && Math.abs(y - x) < st.rangeLimit()) {
                        from = x;
                        to = y;
                        counting = true;
                    } else {
                        s = seq.eval(f, st);
                    }
                } else {
                    s = seq.eval(f, st);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, name, line);
            }
            // variables the body creates disappear after the loop (Twig restores the context)
            long wasDefined = 0;
            boolean[] wasDefinedMany = created.length > 64 ? new boolean[created.length] : null;
            for (int k = 0; k < created.length; k++) {
                if (f.defined(created[k])) {
                    if (wasDefinedMany != null) {
                        wasDefinedMany[k] = true;
                    } else {
                        wasDefined |= 1L << k;
                    }
                }
            }
            LoopState loop = st.pushLoop();
            loop.parentFrame = parentScope;
            loop.walks(s, counting, from, to >= from ? 1 : -1);
            // Twig's order: $context['_seq'], ['_iterated'] (with an else), ['loop'], then each iteration's value
            // and key
            f.set(seqSlot, loop.seq);
            if (iteratedSlot >= 0) {
                f.set(iteratedSlot, loop.iterated);
            }
            if (withLoop) {
                f.set(loopSlot, loop);
            }
            try {
                boolean any;
                try {
                    any = counting ? count(c, from, to, f, st, loop, targets, body, line)
                            : iterate(c, s, f, st, loop, targets, body, line);
                } catch (dev.zweig.TemplateException x) {
                    throw x; // the body's own, located where it arose (or not, as the compiled executor leaves it)
                } catch (RuntimeException x) {
                    // the walk of an application's collection failing (its get, forEach, iterator) names the for's
                    // line, as the compiled executor does
                    throw Engine.wrap(x, name, line);
                }
                if (!any && otherwise != null) {
                    // Twig sets up `loop` before iterating: the else branch sees this loop, empty, not the outer one
                    loop.length = 0;
                    otherwise.exec(f, st);
                }
            } finally {
                st.popLoop();
            }
            for (int k = 0; k < created.length; k++) {
                boolean was = wasDefinedMany != null ? wasDefinedMany[k] : (wasDefined & (1L << k)) != 0;
                if (!was) {
                    f.set(created[k], Frame.UNDEFINED);
                }
            }
        };
        return c.released(fo, (Exec) (f, st) -> {
            // Twig's _parent: the scope as it was when the loop started (a pooled copy; exported only when read)
            Frame parentScope = st.pushCopy(f);
            try {
                f.set(parentSlot, parentScope);
                runLoop.run(f, st, parentScope);
            } finally {
                Semantics.endLoop(f, parentScope, used);
                st.popFrame();
            }
        });
    }

    /** Where a loop puts each iteration: its key (its own variable, or Twig's _key) and its value. */
    private record Targets(int keySlot, boolean ownKey, int valueSlot) {
        /** Twig's foreach assigns the value, then the key. */
        void assign(Frame f, LoopState loop, Object key, Object value) {
            f.set(valueSlot, value);
            f.set(keySlot, ownKey ? key : loop.key);
        }
    }

    /** A for loop's work between taking and giving back the copy of its enclosing scope. */
    private interface LoopBody {
        void run(Frame f, RenderState st, Frame parentScope);
    }

    /** A loop over range(from, to) of integers, step 1 either way, without the list. */
    private static boolean count(ClosureCompiler c, long from, long to, Frame f, RenderState st, LoopState loop,
            Targets targets, Exec body, int line) {
        String name = c.name;
        long step = to >= from ? 1 : -1;
        long n = Math.abs(to - from) + 1;
        loop.length = n;
        long v = from;
        for (long i = 0; i < n; i++, v += step) {
            targets.assign(f, loop, targets.ownKey() ? st.box(i) : null, st.box(v));
            st.iteration(name, line);
            body.exec(f, st);
            loop.index0++;
        }
        return true;
    }

    private static boolean iterate(ClosureCompiler c, Object s, Frame f, RenderState st, LoopState loop,
            Targets targets, Exec body, int line) {
        String name = c.name;
        s = Attributes.unwrap(s);
        if (s instanceof PhpArray arr) {
            int n = arr.size();
            if (n == 0) {
                return false;
            }
            loop.length = n;
            for (int i = 0; i < n && i < arr.size(); i++) {
                targets.assign(f, loop, arr.keyAt(i), arr.valueAt(i));
                st.iteration(name, line);
                body.exec(f, st);
                loop.index0++;
            }
            return true;
        }
        if (s instanceof Map<?, ?> m && !m.isEmpty()) {
            // PHP iterates a copy of the array: its pairs (keys as they are) in a temporary, walked by position
            int temps = st.tempTop;
            try {
                return iterate(c, st.temp().addEntries(m), f, st, loop, targets, body, line);
            } finally {
                st.tempTop = temps;
            }
        }
        if (s instanceof Map<?, ?>) {
            return false; // empty
        }
        if (s instanceof List<?> l && l instanceof RandomAccess) {
            int n = l.size();
            if (n == 0) {
                return false;
            }
            loop.length = n;
            for (int i = 0; i < n && i < l.size(); i++) {
                targets.assign(f, loop, targets.ownKey() ? (Object) (long) i : null, l.get(i));
                st.iteration(name, line);
                body.exec(f, st);
                loop.index0++;
            }
            return true;
        }
        if (s instanceof Iterable<?> || s instanceof Object[] || (s != null && s.getClass().isArray())
                || Traversables.isOnce(s)) {
            // a Java array, a collection without random access, an Iterator or a stream: its values in a temporary
            // (Semantics.loopCopy)
            int temps = st.tempTop;
            try {
                PhpArray t = Semantics.loopCopy(s, st);
                return t.size() > 0 && iterate(c, t, f, st, loop, targets, body, line);
            } finally {
                st.tempTop = temps;
            }
        }
        return false;
    }

    static Eval assign(ClosureCompiler c, Expr.Assign a) {
        Eval value = c.expr(a.value());
        Assigner target = assigner(c, a.target());
        return (f, st) -> {
            Object v = value.eval(f, st);
            target.assign(f, st, v);
            return v;
        };
    }

    @FunctionalInterface
    private interface Assigner {
        void assign(Frame f, RenderState st, Object v);
    }

    private static Assigner assigner(ClosureCompiler c, Expr target) {
        String name = c.name;
        if (target instanceof Expr.Name n) {
            int slot = c.slot(n.name());
            return (f, st, v) -> f.set(slot, v);
        }
        if (target instanceof Expr.Sequence s) {
            int n = s.items().size();
            Assigner[] parts = new Assigner[n];
            for (int i = 0; i < n; i++) {
                Expr v = s.items().get(i).value();
                parts[i] = v == null ? null : assigner(c, v);
            }
            return (f, st, v) -> {
                List<Object> l = Values.toList(v);
                for (int i = 0; i < n; i++) {
                    if (parts[i] != null) {
                        parts[i].assign(f, st, i < l.size() ? l.get(i) : null);
                    }
                }
            };
        }
        if (target instanceof Expr.Mapping m) {
            int n = m.pairs().size();
            Object[] keys = new Object[n];
            Assigner[] parts = new Assigner[n];
            for (int i = 0; i < n; i++) {
                Expr.Pair p = m.pairs().get(i);
                keys[i] = ((Expr.Literal) p.key()).value();
                parts[i] = assigner(c, p.value());
            }
            return (f, st, v) -> {
                for (int i = 0; i < n; i++) {
                    Object r = Access.get(v, keys[i], null, Expr.AccessType.ANY, true, false, name, 0, st, null);
                    parts[i].assign(f, st, r == Frame.UNDEFINED ? null : r);
                }
            };
        }
        // (the parser refuses anything else with Twig's texts: see ExpressionParser's assignment targets)
        throw new IllegalStateException("not an assignment target: " + target);
    }
}
