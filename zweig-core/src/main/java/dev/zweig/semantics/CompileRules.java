package dev.zweig.semantics;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.engine.Engine;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Compile-time rules both executors apply the same way when they turn the tree into closures or into JVM code:
 * what the scratch analysis proved, which names a body assigns, which filter call is the inserted escaping, which
 * arrows a core filter only calls, how a macro call's arguments are laid out. (Their run-time counterparts are in
 * {@link Semantics}.)
 */
public final class CompileRules {
    private CompileRules() {
    }


    /**
     * Twig's compile-time check of the core {@code enum()} and {@code enum_cases()} given one constant argument
     * (its EnumFunction and EnumCasesFunction nodes): a string naming a registered enum, else a SyntaxError.
     */
    public static void checkFunction(Engine engine, Expr.Function fn, dev.zweig.ext.CallableDefinition d,
            String template) {
        if (!(fn.name().equals("enum") || fn.name().equals("enum_cases")) || !engine.isCoreFunction(d)
                || fn.args().size() != 1) {
            return;
        }
        Expr.Arg a = fn.args().get(0);
        if (a.spread() || (a.name() != null && !a.name().equals("enum")) || !(a.value() instanceof Expr.Literal l)) {
            return;
        }
        String error = dev.zweig.core.Constants.checkEnumArgument(engine.environment(), fn.name(), l.value());
        if (error != null) {
            throw new dev.zweig.TemplateSyntaxException(error, template, fn.line());
        }
    }

    /** What ScratchAnalysis proves about a module, with the engine's core callables. */
    public static dev.zweig.pass.ScratchAnalysis.Result scratch(Engine engine, Module module) {
        dev.zweig.parser.Definitions defs = engine.definitions();
        return dev.zweig.pass.ScratchAnalysis.of(module, n -> engine.isCoreFilter(defs.filter(n)),
                n -> engine.isCoreFunction(defs.function(n)), n -> engine.isCore(defs.test(n)));
    }


    /** The template_from_string calls of a module rendered where they are made (see ConsumedTemplates). */
    public static Set<Expr> consumedTemplates(Engine engine, Module module) {
        dev.zweig.parser.Definitions defs = engine.definitions();
        return dev.zweig.pass.ConsumedTemplates.of(module, n -> engine.isCoreFunction(defs.function(n)));
    }

    /** Per parameter of a macro, whether a render-private date may be bound to it (see MacroImpl#dateParams). */
    public static boolean[] dateParams(dev.zweig.pass.ScratchAnalysis.Result scratch, Module.MacroDef m) {
        Set<String> dated = scratch.dateParams().getOrDefault(m.name(), Set.of());
        boolean[] out = new boolean[m.params().size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = dated.contains(m.params().get(i));
        }
        return out;
    }


    /** Names a body assigns (set, capture, nested loops, imports, assignment expressions). */
    public static void assignedNames(Stmt s, Set<String> out) {
        if (s == null) {
            return;
        }
        if (s instanceof Stmt.Body b) {
            b.stmts().forEach(c -> assignedNames(c, out));
        } else if (s instanceof Stmt.Set set) {
            out.addAll(set.names());
        } else if (s instanceof Stmt.Capture c) {
            out.add(c.name());
            assignedNames(c.body(), out);
        } else if (s instanceof Stmt.For fo) {
            if (fo.keyVar() != null) {
                out.add(fo.keyVar());
            }
            out.add(fo.valueVar());
            assignedNames(fo.body(), out);
            assignedNames(fo.otherwise(), out);
        } else if (s instanceof Stmt.If i) {
            i.bodies().forEach(c -> assignedNames(c, out));
            assignedNames(i.otherwise(), out);
        } else if (s instanceof Stmt.Guard g) {
            assignedNames(g.body(), out);
            assignedNames(g.otherwise(), out);
        } else if (s instanceof Stmt.Autoescape a) {
            assignedNames(a.body(), out);
        } else if (s instanceof Stmt.Do d) {
            assignedTargets(d.expr(), out);
        } else if (s instanceof Stmt.Print p) {
            assignedTargets(p.expr(), out);
        } else if (s instanceof Stmt.Custom c) {
            out.addAll(c.variables()); // an extension's node may set what it declared
            c.bodies().forEach(b -> assignedNames(b, out));
        }
    }


    /** Whether a filter is the escaping the escaper pass inserted (escape with autoescape = true). */
    public static boolean isAutoescape(Expr.Filter fl) {
        return fl.name().equals("escape") && fl.args().size() == 3
                && fl.args().get(2).value() instanceof Expr.Literal auto && Boolean.TRUE.equals(auto.value());
    }

    public static final Object NULL_SAFE_STOP = new Object();

    /**
     * Whether a filter reads only the names of the current scope: the core keys or length of {@code _context}, with
     * no other argument. Its input is the frame itself, listed by name where the filter runs (Snapshots#names):
     * no snapshot of the scope is made and no value of it is handed on.
     */
    public static boolean readsContextNames(Expr.Filter fl, boolean core) {
        return core && (fl.name().equals("keys") || fl.name().equals("length")) && fl.args().isEmpty()
                && fl.input() instanceof Expr.Name n && n.name().equals("_context");
    }

    /**
     * The arguments of a method call on the data ({@code obj.m('a', 1)}) when every one is a constant scalar: one
     * array made at compile time and passed to every call (nothing keeps or changes it: the method is called
     * through a spreader, and a coerced argument is copied, see Attributes.call); else null.
     */
    public static Object[] constantMethodArgs(List<Expr.Arg> args) {
        Object[] out = new Object[args.size()];
        for (int i = 0; i < out.length; i++) {
            Expr.Arg a = args.get(i);
            if (a.name() != null || a.spread() || !(a.value() instanceof Expr.Literal l) || !(l.value() == null
                    || l.value() instanceof String || l.value() instanceof Long || l.value() instanceof Double
                    || l.value() instanceof Boolean)) {
                return null;
            }
            out[i] = l.value();
        }
        return out;
    }


    /** PHP truthiness with the boolean case (comparisons, tests) first. */
    public static boolean truthy(Object v) {
        return v instanceof Boolean b ? b : Values.isTrue(v);
    }


    /**
     * A core filter calls the arrow given as its "arrow" parameter and drops it: its function object can be the
     * render's own, reused. Any other argument may come back as the result (reduce's initial value, batch's fill,
     * invoke's arguments), so an arrow there stays a new object per evaluation.
     */
    public static List<Expr.Arrow> privateArrowArgs(Engine engine, FilterDefinition d, Expr.Filter fl) {
        List<Expr.Arrow> out = new ArrayList<>();
        if (engine.isCoreFilter(d) && fl.args().stream().noneMatch(Expr.Arg::spread)) {
            List<Param> params = d.params();
            for (int i = 0; i < fl.args().size(); i++) {
                Expr.Arg a = fl.args().get(i);
                String param = a.name() != null ? a.name() : i < params.size() ? params.get(i).name() : null;
                if ("arrow".equals(param) && a.value() instanceof Expr.Arrow arrow) {
                    out.add(arrow);
                }
            }
        }
        return out;
    }


    /** Core tests Twig compiles inline (a node class of their own) rather than as a call. */
    public static final Set<String> COMPILED_TESTS = Set.of("odd", "even", "null", "none", "same as",
            "divisible by", "constant", "true");


    /** Whether a positional argument follows a named one (which PHP refuses when the macro call unpacks them). */
    public static boolean positionalAfterNamed(List<Expr.Arg> args) {
        boolean named = false;
        for (Expr.Arg a : args) {
            if (a.name() != null) {
                named = true;
            } else if (named) {
                return true;
            }
        }
        return false;
    }


    /**
     * A macro call's arguments as Twig hands them to the macro's PHP method ({@code ...[args]}): of one name given
     * twice only the last value is kept (and evaluated), in the place of the first.
     */
    public static List<Expr.Arg> macroArgs(List<Expr.Arg> args) {
        List<Expr.Arg> out = new ArrayList<>(args);
        for (int i = out.size() - 1; i >= 0; i--) {
            String n = out.get(i).name();
            if (n == null) {
                continue;
            }
            for (int j = 0; j < i; j++) {
                if (n.equals(out.get(j).name())) {
                    out.set(j, out.get(i));
                    out.remove(i);
                    break;
                }
            }
        }
        return out;
    }

    private static void assignedTargets(Expr e, Set<String> out) {
        if (e instanceof Expr.Assign a) {
            patternNames(a.target(), out);
            assignedTargets(a.value(), out);
        }
    }

    private static void patternNames(Expr target, Set<String> out) {
        if (target instanceof Expr.Name n) {
            out.add(n.name());
        } else if (target instanceof Expr.Sequence s) {
            s.items().forEach(i -> patternNames(i.value(), out));
        } else if (target instanceof Expr.Mapping m) {
            m.pairs().forEach(p -> patternNames(p.value(), out));
        }
    }
}
