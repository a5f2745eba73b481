package dev.zweig.bytecode;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.semantics.CustomNodeRunner;

/**
 * An extension's node ({@link Stmt.Custom}): its expressions and bodies become methods of the template class
 * (written like the rest of the template), and the statement calls the shared rule ({@link CustomNodeRunner})
 * through the {@code customNode} bridge, with the entry points of those methods bound once the class is defined.
 */
final class EmitCustom {
    private EmitCustom() {
    }

    static void custom(BytecodeCompiler c, Stmt.Custom n) {
        int[] exprs = new int[n.expressions().size()];
        for (int i = 0; i < exprs.length; i++) {
            Expr e = n.expressions().get(i);
            exprs[i] = c.evalMethod("node_", e);
        }
        int[] bodies = new int[n.bodies().size()];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = c.bodyMethod("node_", n.bodies().get(i));
        }
        CustomNodeRunner runner = new CustomNodeRunner(c.engine(), n, c.name());
        c.afterDefine(gen -> {
            Eval[] evals = new Eval[exprs.length];
            for (int i = 0; i < evals.length; i++) {
                evals[i] = gen.eval(exprs[i]);
            }
            Exec[] execs = new Exec[bodies.length];
            for (int i = 0; i < execs.length; i++) {
                execs[i] = gen.exec(bodies[i]);
            }
            runner.bind(evals, execs);
        });
        c.markLine(n.line());
        c.pushConst(runner, Object.class); // a type of the engine's: an Object to the template class
        c.f();
        c.st();
        c.call("dev/zweig/bytecode/TemplateClass", "customNode",
                "(Ljava/lang/Object;Ljava/lang/Object;Ljava/lang/Object;)V");
    }
}
