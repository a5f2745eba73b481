package dev.zweig.pass;

import dev.zweig.ast.Expr;
import dev.zweig.ext.Arguments;
import java.util.List;

/** The public view of a call's arguments as written ({@link Arguments}), over the syntax tree's. */
public final class WrittenArguments implements Arguments {
    private final List<Expr.Arg> args;

    public WrittenArguments(List<Expr.Arg> args) {
        this.args = args == null ? List.of() : args;
    }

    @Override
    public int size() {
        return args.size();
    }

    @Override
    public String name(int i) {
        return args.get(i).name();
    }

    @Override
    public boolean isConstant(int i) {
        Expr.Arg a = args.get(i);
        return !a.spread() && a.value() instanceof Expr.Literal;
    }

    @Override
    public Object constant(int i) {
        return isConstant(i) ? ((Expr.Literal) args.get(i).value()).value() : null;
    }
}
