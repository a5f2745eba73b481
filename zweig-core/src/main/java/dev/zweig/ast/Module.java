package dev.zweig.ast;

import java.util.List;
import java.util.Map;

/**
 * A parsed template: its body, its blocks and macros, what it extends and uses, and its embedded templates.
 *
 * @param parent the extends expression (null when none)
 * @param uses {@code use} statements (traits) in order
 * @param embedded anonymous templates of {@code embed} tags, referenced by index
 * @param imports template-level imports, re-run for macros that use them
 */
public record Module(String name, Stmt.Body body, Expr parent, int parentLine, Map<String, BlockDef> blocks,
        Map<String, MacroDef> macros, List<Use> uses, List<Module> embedded, List<Stmt> imports, String source) {

    public record BlockDef(String name, Stmt.Body body, int line) {}

    /**
     * A macro: varargs names the variable its extra arguments go to, the implicit "varargs" or the name of its
     * explicit variadic argument ({@code ...rest}, Twig 3.29).
     */
    public record MacroDef(String name, List<String> params, List<Expr> defaults, Stmt.Body body, int line,
            String varargs) {}

    public record Use(Expr template, Map<String, String> aliases, int line) {}
}
