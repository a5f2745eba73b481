package dev.zweig.ast;

import java.util.List;

/** Statement nodes of a template body: typed, immutable, each with its line. */
public interface Stmt {
    int line();

    /**
     * A body's statements with each run of text statements joined into one (the line of its first): what the
     * executors write as one write (a caller's Output failing on a text sees the same writes before it wherever a
     * body is cut into methods, and a flat template's plan writes the same runs). The list itself when it has no
     * run of two texts.
     */
    static List<Stmt> joinTexts(List<Stmt> stmts) {
        List<Stmt> out = null;
        for (int i = 0; i < stmts.size(); i++) {
            if (stmts.get(i) instanceof Text tx && i + 1 < stmts.size() && stmts.get(i + 1) instanceof Text) {
                if (out == null) {
                    out = new java.util.ArrayList<>(stmts.subList(0, i));
                }
                StringBuilder text = new StringBuilder(tx.text());
                while (i + 1 < stmts.size() && stmts.get(i + 1) instanceof Text next) {
                    text.append(next.text());
                    i++;
                }
                out.add(new Text(text.toString(), tx.line()));
            } else if (out != null) {
                out.add(stmts.get(i));
            }
        }
        return out == null ? stmts : out;
    }

    record Text(String text, int line) implements Stmt {}

    /** {@code {{ expr }}}; escape is the strategy chosen by the escaping pass (null: print raw). */
    record Print(Expr expr, String escape, int line) implements Stmt {}

    record Body(List<Stmt> stmts, int line) implements Stmt {}

    record If(List<Expr> conds, List<Stmt> bodies, Stmt otherwise, int line) implements Stmt {}

    record For(String keyVar, String valueVar, Expr seq, Stmt body, Stmt otherwise, boolean usesLoop, int line)
            implements Stmt {}

    /** {@code set a, b = x, y}. */
    record Set(List<String> names, List<Expr> values, int line) implements Stmt {}

    /** {@code set a}...{@code endset}. */
    record Capture(String name, Stmt body, int line) implements Stmt {}

    /** Where a block appears in the body. */
    record BlockCall(String name, int line) implements Stmt {}

    record Include(Expr template, Expr variables, boolean only, boolean ignoreMissing, boolean sandboxed, int line)
            implements Stmt {}

    /** {@code embed}: an anonymous child template (index into the module's embedded list). */
    record Embed(int index, Expr variables, boolean only, boolean ignoreMissing, int line) implements Stmt {}

    /** {@code import tpl as alias} (slot is the alias). */
    record Import(Expr template, String alias, boolean global, int line) implements Stmt {}

    record Autoescape(String strategy, Stmt body, int line) implements Stmt {}

    record With(Expr variables, boolean only, Stmt body, int line) implements Stmt {}

    record Do(Expr expr, int line) implements Stmt {}

    record Flush(int line) implements Stmt {}

    record Deprecated(Expr message, int line) implements Stmt {}

    /** {@code guard function name}: body when it exists, otherwise the else body. */
    record Guard(boolean exists, Stmt body, Stmt otherwise, int line) implements Stmt {}

    record Sandbox(Stmt body, int line) implements Stmt {}

    /**
     * A node a custom tag ({@link dev.zweig.ext.TagParser}) returned: its expressions and bodies (compiled like the
     * rest of the template, rewritten by the passes like any other), the variables it declared, the escaping
     * strategy in effect where it stands (set by the escaping pass; null: none) and the extension's node.
     */
    record Custom(String tag, CustomNode node, List<Expr> expressions, List<Stmt> bodies, List<String> variables,
            String escape, int line) implements Stmt {}
}
