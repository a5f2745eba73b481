package dev.zweig.interpreter;

import dev.zweig.php.PhpArray;
import dev.zweig.php.Values;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.ScratchText;
import dev.zweig.semantics.Semantics;
import dev.zweig.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * List and hash literals and string concatenation as closures (part of {@link ClosureCompiler}'s walk): constant
 * literals built once, the rest in the render's scratch storage when ScratchAnalysis proves it is consumed where it
 * is built.
 */
final class ClosureLiterals {
    private ClosureLiterals() {
    }

    static Eval sequence(ClosureCompiler c, Expr.Sequence s) {
        Set<Expr> scratchCalls = c.scratchCalls;
        Object frozen = Semantics.constant(s);
        if (frozen != Semantics.NOT_CONSTANT) {
            // a literal list is built once: nothing a template does can change it
            return (f, st) -> frozen;
        }
        int n = s.items().size();
        Eval[] vals = new Eval[n];
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            Expr.Item it = s.items().get(i);
            vals[i] = it.value() == null ? (f, st) -> null : c.expr(it.value());
            spread[i] = it.spread();
        }
        byte inPlace = c.scratch.inPlace(s);
        if (inPlace == Semantics.IN_PLACE_ITEM) {
            // an accumulation's kept element (ScratchAnalysis#keptItems): the render's element storage
            return (f, st) -> {
                PhpArray out = Semantics.keptArray(st, n);
                for (int i = 0; i < n; i++) {
                    out.append(vals[i].eval(f, st));
                }
                return Semantics.keptItem(out);
            };
        }
        if (inPlace != 0) {
            // [...carry, x, ...] returned as a reduce's next carry (ScratchAnalysis): the carry extended in place,
            // or spread into a pooled array of the render's scratch storage (see Semantics#accumulation)
            return (f, st) -> {
                PhpArray out = Semantics.accumulation(vals[0].eval(f, st), inPlace, f, st);
                for (int i = 1; i < n; i++) {
                    out.append(vals[i].eval(f, st));
                }
                return out;
            };
        }
        if (scratchCalls.contains(s)) {
            // consumed where it is built, or bound to a macro's parameter (ScratchAnalysis): a pooled array of the
            // render's scratch storage, which whatever may keep it copies; a spread's pairs copied into it
            return (f, st) -> {
                PhpArray out = st.scratchArray(n);
                for (int i = 0; i < n; i++) {
                    if (spread[i]) {
                        Semantics.spreadList(out, vals[i].eval(f, st), st);
                    } else {
                        out.append(vals[i].eval(f, st));
                    }
                }
                return out;
            };
        }
        boolean anySpread = s.items().stream().anyMatch(Expr.Item::spread);
        return (f, st) -> {
            if (!anySpread) {
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    out.add(vals[i].eval(f, st));
                }
                return out;
            }
            Object[] values = new Object[n];
            for (int i = 0; i < n; i++) {
                values[i] = vals[i].eval(f, st);
            }
            return Semantics.sequence(values, spread);
        };
    }

    static Eval mapping(ClosureCompiler c, Expr.Mapping m) {
        Set<Expr> scratchCalls = c.scratchCalls;
        Object frozen = Semantics.constant(m);
        if (frozen != Semantics.NOT_CONSTANT) {
            return (f, st) -> frozen;
        }
        int n = m.pairs().size();
        Eval[] keys = new Eval[n];
        Eval[] vals = new Eval[n];
        for (int i = 0; i < n; i++) {
            Expr.Pair p = m.pairs().get(i);
            keys[i] = p.key() == null ? null : c.expr(p.key());
            vals[i] = c.expr(p.value());
        }
        if (m.pairs().stream().allMatch(p -> p.key() != null)) {
            // no spread: filled pair by pair, each value before its key (as Twig compiles a hash); in the render's
            // scratch storage when consumed where it is built (ScratchAnalysis)
            boolean scratch = scratchCalls.contains(m);
            // an accumulation's kept element (ScratchAnalysis#keptItems): the render's element storage
            boolean kept = c.scratch.inPlace(m) == Semantics.IN_PLACE_ITEM;
            // a grouping's element, put back under the key it was read from (see Semantics#elementPut)
            boolean[] elements = new boolean[n];
            for (int i = 0; i < n; i++) {
                elements[i] = c.scratch.inPlace(m.pairs().get(i).value()) == Semantics.IN_PLACE_ELEMENT;
            }
            return (f, st) -> {
                Map<Object, Object> out = kept ? Semantics.keptArray(st, n) : scratch ? st.scratchArray(n)
                        : new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object v = vals[i].eval(f, st);
                    if (elements[i]) {
                        Semantics.elementPut(out, keys[i].eval(f, st), v, st);
                    } else {
                        Semantics.put(out, keys[i].eval(f, st), v, st);
                    }
                }
                return kept ? Semantics.keptItem(out) : out;
            };
        }
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            spread[i] = keys[i] == null;
        }
        if (scratchCalls.contains(m)) {
            // consumed where it is built (ScratchAnalysis): a pooled array of the render's scratch storage, each
            // value before its key, a spread's pairs copied into it
            return (f, st) -> {
                PhpArray out = st.scratchArray(n);
                for (int i = 0; i < n; i++) {
                    Object v = vals[i].eval(f, st);
                    if (spread[i]) {
                        Semantics.spreadList(out, v, st);
                    } else {
                        Semantics.put(out, keys[i].eval(f, st), v, st);
                    }
                }
                return out;
            };
        }
        return (f, st) -> {
            // each value before its key, as Twig compiles a hash
            Object[] ks = new Object[n];
            Object[] vs = new Object[n];
            for (int i = 0; i < n; i++) {
                vs[i] = vals[i].eval(f, st);
                if (keys[i] != null) {
                    ks[i] = keys[i].eval(f, st);
                }
            }
            return Semantics.mapping(ks, spread, vs);
        };
    }

    /** Concatenates the parts' texts into the next render-private text buffer (a {@code ~} or interpolation). */
    static Eval textConcat(Eval[] parts) {
        return (f, st) -> {
            int texts = st.textTop;
            ScratchText out = st.pushText();
            for (Eval p : parts) {
                Semantics.textPart(p.eval(f, st), out, texts, st);
            }
            return out;
        };
    }
}
