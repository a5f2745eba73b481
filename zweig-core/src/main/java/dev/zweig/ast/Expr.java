package dev.zweig.ast;

import java.util.List;

/**
 * Expression nodes: typed, immutable, each with its line. Independent of how they are executed (the interpreter
 * compiles them into closures; a bytecode tier can walk the same tree).
 */
public interface Expr {
    int line();

    /** A literal: String, Long, Double, Boolean or null. */
    record Literal(Object value, int line) implements Expr {}

    /** A variable reference. */
    record Name(String name, int line) implements Expr {}

    /** {@code [a, ...b]}: items, some spread. */
    record Sequence(List<Item> items, int line) implements Expr {}

    /** {@code {a: 1, (k): 2, b, ...c}}: key null means spread of the value. */
    record Mapping(List<Pair> pairs, int line) implements Expr {}

    record Item(Expr value, boolean spread) {}

    record Pair(Expr key, Expr value) {}

    /** String interpolation / concatenation of parts as strings. */
    record Concat(List<Expr> parts, int line) implements Expr {}

    record Unary(String op, Expr operand, int line) implements Expr {}

    record Binary(String op, Expr left, Expr right, int line) implements Expr {}

    /** {@code c ? a : b}; {@code a ?: b} has then == null (the condition's value is used). */
    record Conditional(Expr cond, Expr then, Expr otherwise, int line) implements Expr {}

    record NullCoalesce(Expr left, Expr right, int line) implements Expr {}

    enum AccessType { ANY, ARRAY, METHOD }

    /** {@code a.b}, {@code a[b]}, {@code a.b(args)}; nullSafe for {@code ?.}. */
    record GetAttr(Expr object, Expr attribute, List<Arg> args, AccessType type, boolean nullSafe, int line)
            implements Expr {}

    /** A call argument: positional (name null), named, or spread. */
    record Arg(String name, Expr value, boolean spread) {}

    record Filter(String name, Expr input, List<Arg> args, int line) implements Expr {}

    record Function(String name, List<Arg> args, int line) implements Expr {}

    record Test(String name, Expr input, List<Arg> args, int line) implements Expr {}

    /**
     * A macro call: {@code alias.name(args)} where alias is an imported template (holder is the import's slot
     * name), or a macro imported by {@code from} (holder alias, name the macro's real name). Dynamic name: nameExpr.
     */
    record MacroCall(String holder, String name, Expr nameExpr, List<Arg> args, int line) implements Expr {}

    record Arrow(List<String> params, Expr body, int line) implements Expr {}

    /** {@code target = value} where target is a Name, a Sequence/Mapping destructuring pattern. */
    record Assign(Expr target, Expr value, int line) implements Expr {}

    /** {@code parent()} inside a block. */
    record Parent(String block, int line) implements Expr {}

    /** {@code block("name", template?)}; template null means the current one. */
    record BlockRef(Expr name, Expr template, boolean defined, int line) implements Expr {}

    /** {@code x is defined} over a variable, attribute or block reference. */
    record Defined(Expr target, int line) implements Expr {}
}
