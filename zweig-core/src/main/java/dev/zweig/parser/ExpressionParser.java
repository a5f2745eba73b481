package dev.zweig.parser;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Precedence-climbing expression parser with Twig 3.x's operator table (not Twig 4's: {@code not}, {@code ~},
 * {@code ??} and {@code |} keep their 3.x precedences).
 */
public final class ExpressionParser {
    private record Op(int precedence, boolean rightAssoc) {}

    private static final Map<String, Op> BINARY = new HashMap<>();
    private static final Map<String, Integer> UNARY = Map.of("not", 50, "-", 500, "+", 500);

    static {
        bin("=", 0, true);
        bin("or", 10, false);
        bin("xor", 12, false);
        bin("and", 15, false);
        bin("b-or", 16, false);
        bin("b-xor", 17, false);
        bin("b-and", 18, false);
        for (String op : new String[] {"==", "!=", "<=>", "<", ">", ">=", "<=", "not in", "in", "matches",
            "starts with", "ends with", "has some", "has every", "===", "!=="}) {
            bin(op, 20, false);
        }
        bin("..", 25, false);
        bin("+", 30, false);
        bin("-", 30, false);
        bin("~", 40, false);
        bin("*", 60, false);
        bin("/", 60, false);
        bin("//", 60, false);
        bin("%", 60, false);
        bin("is", 100, false);
        bin("is not", 100, false);
        bin("**", 200, true);
        bin("??", 300, true);
    }

    private static void bin(String op, int p, boolean right) {
        BINARY.put(op, new Op(p, right));
    }

    private static final java.util.Set<String> RESERVED = java.util.Set.of("true", "false", "null", "none", "TRUE",
            "FALSE", "NULL", "NONE");

    private final Parser parser;
    private final TokenStream stream;
    /** Expressions written in parentheses: PHP's "-2 ** 2" is -(2 ** 2) but "(-2) ** 2" is 4. */
    private final java.util.Set<Expr> parenthesized = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    ExpressionParser(Parser parser, TokenStream stream) {
        this.parser = parser;
        this.stream = stream;
    }

    public Expr parseExpression() {
        return parseExpression(0);
    }

    /** Deeper expressions are refused: the passes and the interpreter recurse over the tree. */
    static final int MAX_DEPTH = 400;
    private int depth;

    public Expr parseExpression(int precedence) {
        if (++depth > MAX_DEPTH) {
            depth = 0;
            throw new TemplateSyntaxException("Expression nested too deeply (more than " + MAX_DEPTH + " levels).",
                    stream.name(), stream.current().line());
        }
        try {
            return parseExpressionAt(precedence);
        } finally {
            depth--;
        }
    }

    private Expr parseExpressionAt(int precedence) {
        Expr arrow = tryArrow();
        if (arrow != null) {
            return arrow;
        }
        Expr expr = primary();
        Token t = stream.current();
        while (t.type() == TokenType.OPERATOR && BINARY.containsKey(t.value())
                && BINARY.get(t.value()).precedence() >= precedence) {
            Op op = BINARY.get(t.value());
            stream.next();
            String v = t.value();
            if (v.equals("is") || v.equals("is not")) {
                expr = parseTest(expr, t.line());
                if (v.equals("is not")) {
                    expr = new Expr.Unary("not", expr, t.line());
                }
            } else if (v.equals("=")) {
                checkAssignable(expr, t.line());
                Expr right = parseExpression(op.precedence());
                expr = new Expr.Assign(expr, right, t.line());
            } else {
                Expr right = parseExpression(op.rightAssoc() ? op.precedence() : op.precedence() + 1);
                expr = switch (v) {
                    case "**" -> expr instanceof Expr.Unary u && !u.op().equals("not") && !parenthesized.contains(u)
                            ? new Expr.Unary(u.op(), new Expr.Binary("**", u.operand(), right, t.line()), u.line())
                            : new Expr.Binary(v, expr, right, t.line());
                    case "??" -> new Expr.NullCoalesce(definedTestable(expr, true), right, t.line());
                    case ".." -> new Expr.Function("range", List.of(new Expr.Arg(null, expr, false),
                            new Expr.Arg(null, right, false)), t.line());
                    default -> new Expr.Binary(v, expr, right, t.line());
                };
            }
            t = stream.current();
        }
        if (precedence == 0) {
            return conditional(expr);
        }
        return expr;
    }

    /**
     * Twig's AssignmentExpressionParser and destructuring nodes: the left side of {@code =} is a variable, or a
     * sequence of variables (some skipped) or a mapping whose values are variables (no nesting); anything else is
     * refused naming the node Twig parsed it as, at the line of the {@code =}.
     */
    private void checkAssignable(Expr target, int line) {
        if (target instanceof Expr.Name n) {
            checkName(n.name(), n.line());
        } else if (target instanceof Expr.Sequence s) {
            for (Expr.Item i : s.items()) {
                if (i.value() != null) {
                    destructured(i.spread() ? null : i.value(), "sequence", line);
                }
            }
        } else if (target instanceof Expr.Mapping m) {
            for (Expr.Pair p : m.pairs()) {
                destructured(p.value(), "object/mapping", line);
            }
        } else {
            throw new TemplateSyntaxException("Cannot assign to \"" + twigNode(target)
                    + "\", only variables can be assigned.", stream.name(), line);
        }
    }

    private void destructured(Expr target, String kind, int line) {
        if (!(target instanceof Expr.Name n)) {
            throw new TemplateSyntaxException("Cannot assign to \"" + (target == null ? SPREAD : twigNode(target))
                    + "\", only variables can be assigned in " + kind + " destructuring.", stream.name(), line);
        }
        checkName(n.name(), n.line());
    }

    private static final String NODE = "Twig\\Node\\Expression\\";
    private static final String SPREAD = NODE + "Unary\\SpreadUnary";

    /** The class of Twig's node for an expression that cannot be assigned to (for Twig's error text). */
    private static String twigNode(Expr e) {
        if (e instanceof Expr.Unary u) {
            return NODE + "Unary\\" + (u.op().equals("not") ? "Not" : u.op().equals("-") ? "Neg" : "Pos") + "Unary";
        }
        if (e instanceof Expr.Binary b) {
            return NODE + "Binary\\" + BINARY_NODES.getOrDefault(b.op(), "Abstract") + "Binary";
        }
        return NODE + NODES.getOrDefault(e.getClass(), "AbstractExpression");
    }

    private static final Map<Class<?>, String> NODES = Map.ofEntries(Map.entry(Expr.Literal.class,
            "ConstantExpression"), Map.entry(Expr.Sequence.class, "ArrayExpression"),
            Map.entry(Expr.Mapping.class, "ArrayExpression"), Map.entry(Expr.Concat.class, "Binary\\ConcatBinary"),
            Map.entry(Expr.Conditional.class, "Ternary\\ConditionalTernary"),
            Map.entry(Expr.NullCoalesce.class, "Binary\\NullCoalesceBinary"),
            Map.entry(Expr.GetAttr.class, "GetAttrExpression"), Map.entry(Expr.Filter.class, "FilterExpression"),
            Map.entry(Expr.Function.class, "FunctionExpression"), Map.entry(Expr.Test.class, "TestExpression"),
            Map.entry(Expr.Defined.class, "Test\\DefinedTest"),
            Map.entry(Expr.MacroCall.class, "MacroReferenceExpression"),
            Map.entry(Expr.Arrow.class, "ArrowFunctionExpression"), Map.entry(Expr.Assign.class, "Binary\\SetBinary"),
            Map.entry(Expr.Parent.class, "ParentExpression"), Map.entry(Expr.BlockRef.class, "BlockReferenceExpression"));

    private static final Map<String, String> BINARY_NODES = Map.ofEntries(Map.entry("+", "Add"),
            Map.entry("-", "Sub"), Map.entry("*", "Mul"), Map.entry("/", "Div"), Map.entry("//", "FloorDiv"),
            Map.entry("%", "Mod"), Map.entry("**", "Power"), Map.entry("~", "Concat"), Map.entry("==", "Equal"),
            Map.entry("!=", "NotEqual"), Map.entry("<", "Less"), Map.entry(">", "Greater"),
            Map.entry("<=", "LessEqual"), Map.entry(">=", "GreaterEqual"), Map.entry("<=>", "Spaceship"),
            Map.entry("and", "And"), Map.entry("or", "Or"), Map.entry("xor", "Xor"), Map.entry("b-and", "BitwiseAnd"),
            Map.entry("b-or", "BitwiseOr"), Map.entry("b-xor", "BitwiseXor"), Map.entry("in", "In"),
            Map.entry("not in", "NotIn"), Map.entry("matches", "Matches"), Map.entry("starts with", "StartsWith"),
            Map.entry("ends with", "EndsWith"), Map.entry("has some", "HasSome"), Map.entry("has every", "HasEvery"),
            Map.entry("===", "SameAs"), Map.entry("!==", "NotSameAs"), Map.entry("?:", "Elvis"));

    private String literalName(Expr e) {
        Object v = ((Expr.Literal) e).value();
        return v == null ? "null" : v.toString();
    }

    public void checkName(String name, int line) {
        if (RESERVED.contains(name)) {
            throw new TemplateSyntaxException("You cannot assign a value to \"" + name + "\".", stream.name(), line);
        }
    }

    private Expr conditional(Expr expr) {
        while (stream.test(TokenType.PUNCTUATION, "?")) {
            Token q = stream.next();
            if (stream.nextIf(TokenType.PUNCTUATION, ":") != null) {
                Expr otherwise = parseExpression();
                expr = new Expr.Conditional(expr, null, otherwise, q.line());
            } else {
                Expr then = parseExpression();
                Expr otherwise;
                if (stream.nextIf(TokenType.PUNCTUATION, ":") != null) {
                    otherwise = parseExpression();
                } else {
                    otherwise = new Expr.Literal("", q.line());
                }
                expr = new Expr.Conditional(expr, then, otherwise, q.line());
            }
        }
        return expr;
    }

    private Expr tryArrow() {
        Token t = stream.current();
        if (t.type() != TokenType.NAME && !t.isPunct("(") && stream.look(1).type() == TokenType.ARROW) {
            throw new TemplateSyntaxException("The arrow function argument must be a list of variables or a single "
                    + "variable.", stream.name(), t.line());
        }
        if (t.type() == TokenType.NAME && stream.look(1).type() == TokenType.ARROW) {
            if (RESERVED.contains(t.value())) {
                // true, null...: a constant, not a variable, before the arrow (Twig 3.21's ArrowFunctionExpression)
                throw new TemplateSyntaxException("The arrow function argument must be a list of variables or a "
                        + "single variable.", stream.name(), t.line());
            }
            stream.next();
            stream.next();
            checkName(t.value(), t.line());
            return new Expr.Arrow(List.of(t.value()), parseExpression(), t.line());
        }
        if (t.isPunct("(")) {
            int i = 1;
            List<String> names = new ArrayList<>();
            boolean isArrow = false;
            while (true) {
                Token n = stream.look(i);
                if (n.isPunct(")")) {
                    isArrow = stream.look(i + 1).type() == TokenType.ARROW;
                    break;
                }
                if (n.type() != TokenType.NAME) {
                    // (1) => ... or ("a") => ...: an arrow with bad arguments?
                    break;
                }
                names.add(n.value());
                Token sep = stream.look(i + 1);
                if (sep.isPunct(",")) {
                    i += 2;
                    continue;
                }
                if (sep.isPunct(")")) {
                    i++;
                    continue;
                }
                break;
            }
            if (isArrow) {
                for (int k = 0; k <= i + 1; k++) {
                    stream.next();
                }
                for (String n : names) {
                    checkName(n, t.line());
                }
                return new Expr.Arrow(names, parseExpression(), t.line());
            }
            // detect "(expr) =>" with non-variable arguments
            int depth = 0;
            for (int k = 0; ; k++) {
                Token n = stream.look(k);
                if (n.type() == TokenType.EOF || n.type() == TokenType.VAR_END || n.type() == TokenType.BLOCK_END) {
                    break;
                }
                if (n.isPunct("(") || n.isPunct("[") || n.isPunct("{")) {
                    depth++;
                } else if (n.isPunct(")") || n.isPunct("]") || n.isPunct("}")) {
                    depth--;
                    if (depth == 0) {
                        if (stream.look(k + 1).type() == TokenType.ARROW) {
                            throw new TemplateSyntaxException("The arrow function argument must be a list of "
                                    + "variables or a single variable.", stream.name(), t.line());
                        }
                        break;
                    }
                }
            }
        }
        return null;
    }

    private Expr primary() {
        Token t = stream.current();
        if (t.type() == TokenType.OPERATOR && UNARY.containsKey(t.value())) {
            stream.next();
            Expr operand = parseExpression(UNARY.get(t.value()));
            Expr u = new Expr.Unary(t.value(), operand, t.line());
            return postfix(u);
        }
        if (t.isPunct("(")) {
            stream.next();
            Expr e = parseExpression();
            stream.expect(TokenType.PUNCTUATION, ")", "An opened parenthesis is not properly closed");
            parenthesized.add(e);
            return postfix(e);
        }
        return primaryExpression();
    }

    private Expr primaryExpression() {
        Token t = stream.current();
        Expr node;
        switch (t.type()) {
            case NAME -> {
                stream.next();
                String v = t.value();
                switch (v) {
                    case "true", "TRUE" -> node = new Expr.Literal(Boolean.TRUE, t.line());
                    case "false", "FALSE" -> node = new Expr.Literal(Boolean.FALSE, t.line());
                    case "null", "NULL", "none", "NONE" -> node = new Expr.Literal(null, t.line());
                    default -> {
                        if (stream.test(TokenType.PUNCTUATION, "(")) {
                            node = functionCall(v, t.line());
                        } else {
                            node = new Expr.Name(v, t.line());
                        }
                    }
                }
            }
            case NUMBER -> {
                stream.next();
                node = new Expr.Literal(parseNumber(t.value()), t.line());
            }
            case STRING, INTERPOLATION_START -> node = stringExpression();
            case PUNCTUATION -> {
                if (t.value().equals("[")) {
                    node = sequence();
                } else if (t.value().equals("{")) {
                    node = mapping();
                } else {
                    throw unexpected(t);
                }
            }
            case OPERATOR -> {
                if (t.value().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    // in this context, word operators are variable names
                    stream.next();
                    return postfix(new Expr.Name(t.value(), t.line()));
                }
                if (t.value().equals("=")) {
                    throw new TemplateSyntaxException("Unexpected operator of value \"=\". Did you try to use "
                            + "\"===\" or \"!==\" for strict comparison? Use \"is same as(value)\" instead.",
                            stream.name(), t.line());
                }
                throw unexpected(t);
            }
            default -> throw unexpected(t);
        }
        return postfix(node);
    }

    private TemplateSyntaxException unexpected(Token t) {
        if (t.type() == TokenType.EOF) {
            return new TemplateSyntaxException("Unexpected end of template.", stream.name(), t.line());
        }
        // Twig's LiteralExpressionParser: the value even when it is empty (an end of block, of print)
        return new TemplateSyntaxException("Unexpected token \"" + t.type().english() + "\" of value \"" + t.value()
                + "\".", stream.name(), t.line(), t.column(), null);
    }

    static Object parseNumber(String s) {
        if (s.indexOf('.') >= 0 || s.indexOf('e') >= 0 || s.indexOf('E') >= 0) {
            return Double.parseDouble(s);
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Double.parseDouble(s);
        }
    }

    private Expr stringExpression() {
        List<Expr> parts = new ArrayList<>();
        int line = stream.current().line();
        while (true) {
            if (stream.test(TokenType.STRING)) {
                Token s = stream.next();
                parts.add(new Expr.Literal(s.value(), s.line()));
                // a string immediately followed by another string piece only happens inside interpolation
                if (!stream.test(TokenType.INTERPOLATION_START)) {
                    if (parts.size() == 1) {
                        return parts.get(0);
                    }
                    // only continue gluing when we are inside an interpolated string (previous part was dynamic)
                    break;
                }
            } else if (stream.test(TokenType.INTERPOLATION_START)) {
                stream.next();
                parts.add(parseExpression());
                stream.expect(TokenType.INTERPOLATION_END);
                // a STRING right after an interpolation is the rest of the same string (the lexer emits it there)
                if (!stream.test(TokenType.STRING) && !stream.test(TokenType.INTERPOLATION_START)) {
                    break;
                }
            } else {
                break;
            }
        }
        if (parts.size() == 1) {
            return parts.get(0); // as Twig: "#{x}" alone is x itself, not x converted to a string
        }
        return new Expr.Concat(parts, line);
    }

    private Expr sequence() {
        Token open = stream.expect(TokenType.PUNCTUATION, "[");
        List<Expr.Item> items = new ArrayList<>();
        boolean first = true;
        while (!stream.test(TokenType.PUNCTUATION, "]")) {
            if (!first) {
                stream.expect(TokenType.PUNCTUATION, ",", "A sequence element must be followed by a comma");
                if (stream.test(TokenType.PUNCTUATION, "]")) {
                    break;
                }
            }
            first = false;
            if (stream.test(TokenType.PUNCTUATION, ",")) {
                // hole (destructuring: [a, , c])
                items.add(new Expr.Item(null, false));
                continue;
            }
            if (stream.nextIf(TokenType.SPREAD, null) != null) {
                items.add(new Expr.Item(parseExpression(), true));
            } else {
                items.add(new Expr.Item(parseExpression(), false));
            }
        }
        stream.expect(TokenType.PUNCTUATION, "]", "An opened sequence is not properly closed");
        return new Expr.Sequence(items, open.line());
    }

    private Expr mapping() {
        Token open = stream.expect(TokenType.PUNCTUATION, "{");
        List<Expr.Pair> pairs = new ArrayList<>();
        boolean first = true;
        while (!stream.test(TokenType.PUNCTUATION, "}")) {
            if (!first) {
                stream.expect(TokenType.PUNCTUATION, ",", "A mapping value must be followed by a comma");
                if (stream.test(TokenType.PUNCTUATION, "}")) {
                    break;
                }
            }
            first = false;
            if (stream.nextIf(TokenType.SPREAD, null) != null) {
                pairs.add(new Expr.Pair(null, parseExpression()));
                continue;
            }
            Token t = stream.current();
            Expr key;
            if (t.type() == TokenType.NAME) {
                stream.next();
                key = new Expr.Literal(t.value(), t.line());
                if (!stream.test(TokenType.PUNCTUATION, ":")) {
                    // shorthand {a} = {a: a}
                    pairs.add(new Expr.Pair(key, new Expr.Name(t.value(), t.line())));
                    continue;
                }
            } else if (t.type() == TokenType.STRING || t.type() == TokenType.NUMBER) {
                stream.next();
                key = new Expr.Literal(t.type() == TokenType.NUMBER ? parseNumber(t.value()) : t.value(), t.line());
            } else if (t.isPunct("(")) {
                key = parseExpression();
            } else if (t.type() == TokenType.INTERPOLATION_START) {
                key = stringExpression();
            } else {
                throw new TemplateSyntaxException("A mapping key must be a quoted string, a number, a name, or an "
                        + "expression enclosed in parentheses (unexpected token \"" + t.type().english()
                        + "\" of value \"" + t.value() + "\".", stream.name(), t.line(), t.column(), null);
            }
            stream.expect(TokenType.PUNCTUATION, ":", "A mapping key must be followed by a colon (:)");
            pairs.add(new Expr.Pair(key, parseExpression()));
        }
        stream.expect(TokenType.PUNCTUATION, "}", "An opened mapping is not properly closed");
        return new Expr.Mapping(pairs, open.line());
    }

    private Expr functionCall(String name, int line) {
        List<Expr.Arg> args = arguments();
        return parser.makeFunction(name, args, line);
    }

    Expr postfix(Expr node) {
        while (true) {
            Token t = stream.current();
            if (t.type() != TokenType.PUNCTUATION) {
                break;
            }
            String v = t.value();
            if (v.equals(".") || v.equals("?.")) {
                node = dot(node, v.equals("?."));
            } else if (v.equals("[")) {
                node = subscript(node, false);
            } else if (v.equals("|")) {
                node = filter(node);
            } else {
                break;
            }
        }
        return node;
    }

    private Expr dot(Expr node, boolean nullSafe) {
        Token dot = stream.next();
        Token t = stream.current();
        int line = dot.line();
        if (t.isPunct("(")) {
            // dynamic attribute / macro name: macros.(name)(...)
            stream.next();
            Expr nameExpr = parseExpression();
            stream.expect(TokenType.PUNCTUATION, ")");
            if (node instanceof Expr.Name n && parser.isMacroHolder(n.name())) {
                List<Expr.Arg> args = stream.test(TokenType.PUNCTUATION, "(") ? arguments() : List.of();
                return new Expr.MacroCall(n.name(), null, nameExpr, args, line);
            }
            List<Expr.Arg> args = null;
            Expr.AccessType type = Expr.AccessType.ANY;
            if (stream.test(TokenType.PUNCTUATION, "(")) {
                args = arguments();
                type = Expr.AccessType.METHOD;
            }
            return new Expr.GetAttr(node, nameExpr, args, type, nullSafe, line);
        }
        Expr attr;
        if (t.type() == TokenType.NAME) {
            stream.next();
            attr = new Expr.Literal(t.value(), t.line());
        } else if (t.type() == TokenType.NUMBER) {
            stream.next();
            attr = new Expr.Literal(parseNumber(t.value()), t.line());
        } else if (t.type() == TokenType.OPERATOR && t.value().matches("[a-z][a-z ]*")) {
            // word operators as attribute names (a.and, a.not): lexed as operators only after whitespace
            stream.next();
            attr = new Expr.Literal(t.value(), t.line());
        } else {
            throw new TemplateSyntaxException("Expected name or number, got value \"" + t.value() + "\" of type \""
                    + t.type().english() + "\".", stream.name(), t.line());
        }
        if (node instanceof Expr.Name n && parser.isMacroHolder(n.name()) && attr instanceof Expr.Literal l
                && l.value() instanceof String macro) {
            List<Expr.Arg> args = stream.test(TokenType.PUNCTUATION, "(") ? arguments() : List.of();
            return new Expr.MacroCall(n.name(), macro, null, args, line);
        }
        if (stream.test(TokenType.PUNCTUATION, "(")) {
            return new Expr.GetAttr(node, attr, arguments(), Expr.AccessType.METHOD, nullSafe, line);
        }
        return new Expr.GetAttr(node, attr, null, Expr.AccessType.ANY, nullSafe, line);
    }

    private Expr subscript(Expr node, boolean nullSafe) {
        Token open = stream.next();
        int line = open.line();
        Expr start = null;
        if (stream.test(TokenType.PUNCTUATION, ":")) {
            start = new Expr.Literal(0L, line);
        } else {
            start = parseExpression();
        }
        if (stream.nextIf(TokenType.PUNCTUATION, ":") != null) {
            Expr length = null;
            if (!stream.test(TokenType.PUNCTUATION, "]")) {
                length = parseExpression();
            }
            stream.expect(TokenType.PUNCTUATION, "]");
            List<Expr.Arg> args = new ArrayList<>();
            args.add(new Expr.Arg(null, start, false));
            args.add(new Expr.Arg(null, length == null ? new Expr.Literal(null, line) : length, false));
            return new Expr.Filter("slice", node, args, line);
        }
        stream.expect(TokenType.PUNCTUATION, "]");
        return new Expr.GetAttr(node, start, null, Expr.AccessType.ARRAY, nullSafe, line);
    }

    private Expr filter(Expr node) {
        while (stream.nextIf(TokenType.PUNCTUATION, "|") != null) {
            Token name = stream.expect(TokenType.NAME);
            List<Expr.Arg> args = stream.test(TokenType.PUNCTUATION, "(") ? arguments() : List.of();
            node = parser.makeFilter(name.value(), node, args, name.line());
        }
        return node;
    }

    /** Parses {@code (a, b, name: c, ...d)}. */
    public List<Expr.Arg> arguments() {
        stream.expect(TokenType.PUNCTUATION, "(", "A list of arguments must begin with an opening parenthesis");
        List<Expr.Arg> args = new ArrayList<>();
        boolean sawSpread = false;
        while (!stream.test(TokenType.PUNCTUATION, ")")) {
            if (!args.isEmpty()) {
                stream.expect(TokenType.PUNCTUATION, ",", "Arguments must be separated by a comma");
                if (stream.test(TokenType.PUNCTUATION, ")")) {
                    break;
                }
            }
            if (stream.nextIf(TokenType.SPREAD, null) != null) {
                sawSpread = true;
                args.add(new Expr.Arg(null, parseExpression(), true));
                continue;
            }
            Token t = stream.current();
            Token n = stream.look(1);
            if (t.type() == TokenType.NAME && (n.isOp("=") || n.isPunct(":"))) {
                stream.next();
                stream.next();
                args.add(new Expr.Arg(t.value(), parseExpression(), false));
                continue;
            }
            if (sawSpread) {
                throw new TemplateSyntaxException("Normal arguments must be placed before argument unpacking.",
                        stream.name(), t.line());
            }
            args.add(new Expr.Arg(null, parseExpression(), false));
        }
        stream.expect(TokenType.PUNCTUATION, ")", "A list of arguments must be closed by a parenthesis");
        return args;
    }

    /**
     * Macro parameter list: {@code (a, b = 1, ...rest)}; fills names, defaults (null when none) and the line of
     * each, and returns the name of the explicit variadic argument (Twig 3.29), or null when there is none.
     */
    public String definitionArguments(String macro, List<String> names, List<Expr> defaults, List<Integer> lines) {
        stream.expect(TokenType.PUNCTUATION, "(", "A list of arguments must begin with an opening parenthesis");
        String variadic = null;
        while (!stream.test(TokenType.PUNCTUATION, ")")) {
            if (!names.isEmpty() || variadic != null) {
                stream.expect(TokenType.PUNCTUATION, ",", "Arguments must be separated by a comma");
                if (stream.test(TokenType.PUNCTUATION, ")")) {
                    break;
                }
            }
            boolean spread = stream.nextIf(TokenType.SPREAD, null) != null;
            Token t = stream.current();
            if (t.type() == TokenType.NAME && RESERVED.contains(t.value())) {
                throw new TemplateSyntaxException("You cannot assign a value to \"" + t.value() + "\".",
                        stream.name(), t.line());
            }
            Token name = stream.expect(TokenType.NAME, null, "An argument must be a name");
            if (variadic != null) {
                throw new TemplateSyntaxException("The variadic argument \"" + variadic + "\" in macro \"" + macro
                        + "\" must be the last one.", stream.name(), name.line());
            }
            if (spread) {
                if (stream.test(TokenType.OPERATOR, "=")) {
                    throw new TemplateSyntaxException("The variadic argument \"" + name.value() + "\" in macro \""
                            + macro + "\" cannot have a default value.", stream.name(), name.line());
                }
                variadic = name.value();
                continue;
            }
            names.add(name.value());
            lines.add(name.line());
            if (stream.nextIf(TokenType.OPERATOR, "=") != null) {
                Expr d = parseExpression();
                defaults.add(d);
            } else {
                defaults.add(null);
            }
        }
        stream.expect(TokenType.PUNCTUATION, ")", "A list of arguments must be closed by a parenthesis");
        return variadic;
    }

    private Expr parseTest(Expr input, int line) {
        Token nameTok = stream.expect(TokenType.NAME);
        String name = nameTok.value();
        if (stream.test(TokenType.NAME)) {
            // as Twig's getTest: a name after the test name makes a two-word test ("same as"), or an unknown one
            String two = name + " " + stream.current().value();
            if (parser.hasTest(two)) {
                stream.next();
            }
            name = two;
        }
        if (!parser.hasTest(name) && !parser.ignoresUnknownCallables()) {
            throw parser.unknown("test", name, parser.testNames(), line);
        }
        List<Expr.Arg> args = List.of();
        if (stream.test(TokenType.PUNCTUATION, "(")) {
            args = arguments();
        } else if (parser.testTakesOneArgument(name)) {
            args = List.of(new Expr.Arg(null, primaryExpression(), false));
        }
        if (name.equals("defined")) {
            definedTestable(input, false);
            if (input instanceof Expr.Sequence || input instanceof Expr.Mapping) {
                return new Expr.Literal(true, line); // as Twig: a literal array is defined
            }
            if (input instanceof Expr.BlockRef b) {
                return new Expr.BlockRef(b.name(), b.template(), true, b.line());
            }
            if (input instanceof Expr.Name n && parser.macroFunction(n.name()) != null) {
                String[] mf = parser.macroFunction(n.name());
                input = new Expr.MacroCall(mf[1], mf[2], null, List.of(), n.line());
            }
            return new Expr.Defined(input, line);
        }
        return new Expr.Test(name, input, args, line);
    }

    /**
     * Twig's DefinedTest accepts only expressions that support it: variables, attributes, block(), macro calls,
     * literals and literal arrays, constant(); anything else is a syntax error, also on the left of `??` (which
     * Twig compiles into a defined test), where any function call is accepted too (Twig 3.21+ lets every
     * function expression take part in the test). Returns the expression.
     */
    private Expr definedTestable(Expr e, boolean coalescing) {
        if (e instanceof Expr.Name || e instanceof Expr.GetAttr || e instanceof Expr.BlockRef || e instanceof Expr.Literal
                || e instanceof Expr.Sequence || e instanceof Expr.Mapping || e instanceof Expr.MacroCall
                || (e instanceof Expr.Function f && (coalescing || f.name().equals("constant")))) {
            return e;
        }
        throw new TemplateSyntaxException("The \"defined\" test only works with simple variables.", stream.name(),
                e.line());
    }
}
