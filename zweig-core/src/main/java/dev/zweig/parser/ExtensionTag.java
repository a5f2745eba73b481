package dev.zweig.parser;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.CustomNode;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.Body;
import dev.zweig.ext.Expression;
import dev.zweig.ext.Node;
import dev.zweig.ext.TagReader;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import java.util.ArrayList;
import java.util.List;

/**
 * An extension's tag ({@link dev.zweig.ext.TagParser}) registered among the parser's tags: it gives the extension
 * a {@link TagReader} over the stream and turns the {@link Node} it returns into a {@link Stmt.Custom}.
 */
public final class ExtensionTag implements TagParser {
    private final dev.zweig.ext.TagParser tag;

    public ExtensionTag(dev.zweig.ext.TagParser tag) {
        this.tag = tag;
    }

    @Override
    public String tag() {
        return tag.tag();
    }

    @Override
    public Stmt parse(Parser p, Token t) {
        Reader in = new Reader(p, t);
        Node node;
        try {
            node = tag.parse(in);
        } catch (dev.zweig.TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = e.getMessage();
            throw new dev.zweig.TemplateSyntaxException("The parser of the \"" + tag.tag() + "\" tag failed (\""
                    + (msg == null ? e.getClass().getSimpleName() : msg) + "\").", in.templateName(), t.line(), 0, e);
        } finally {
            in.done = true;
        }
        if (node == null) {
            return null;
        }
        List<Expression> handles = listed(node.expressions(), p, t);
        List<Body> bodyHandles = listed(node.bodies(), p, t);
        List<Expr> exprs = new ArrayList<>();
        for (Expression e : handles) {
            if (!(e instanceof ExpressionHandle h) || h.reader != in) {
                throw p.error("The node of the \"" + tag.tag() + "\" tag lists an expression its tag did not read.",
                        t.line());
            }
            exprs.add(h.expr);
        }
        List<Stmt> bodies = new ArrayList<>();
        for (Body b : bodyHandles) {
            if (!(b instanceof BodyHandle h) || h.reader != in) {
                throw p.error("The node of the \"" + tag.tag() + "\" tag lists a body its tag did not read.",
                        t.line());
            }
            bodies.add(h.body);
        }
        List<String> variables = listed(node.variables(), p, t);
        for (String v : variables) {
            if (!v.matches("[a-zA-Z_\\x7f-\\uffff][a-zA-Z0-9_\\x7f-\\uffff]*") || v.equals("_self")
                    || v.equals("_context") || v.equals("_charset")) {
                throw p.error("The node of the \"" + tag.tag() + "\" tag declares \"" + v + "\", which is no "
                        + "variable name.", t.line());
            }
        }
        return new Stmt.Custom(tag.tag(), new CustomNode(node, handles, bodyHandles), exprs, bodies, variables, null,
                t.line());
    }

    /** A copy of one of the node's lists; a null list or element is the extension's syntax error, not an NPE. */
    private <T> List<T> listed(List<T> list, Parser p, Token t) {
        List<T> copy = new ArrayList<>();
        if (list != null) {
            for (T e : list) {
                if (e == null) {
                    list = null;
                    break;
                }
                copy.add(e);
            }
        }
        if (list == null) {
            throw p.error("The node of the \"" + tag.tag() + "\" tag lists null.", t.line());
        }
        return List.copyOf(copy);
    }

    /** An expression the reader read. */
    private static final class ExpressionHandle implements Expression {
        final Reader reader;
        final Expr expr;

        ExpressionHandle(Reader reader, Expr expr) {
            this.reader = reader;
            this.expr = expr;
        }

        @Override
        public int line() {
            return expr.line();
        }
    }

    /** A body the reader read. */
    private static final class BodyHandle implements Body {
        final Reader reader;
        final Stmt.Body body;
        final String endTag;

        BodyHandle(Reader reader, Stmt.Body body, String endTag) {
            this.reader = reader;
            this.body = body;
            this.endTag = endTag;
        }

        @Override
        public int line() {
            return body.line();
        }

        @Override
        public String endTag() {
            return endTag;
        }
    }

    /** The reader of one occurrence of the tag. */
    private final class Reader implements TagReader {
        private final Parser p;
        private final TokenStream s;
        private final Token start;
        boolean done;

        Reader(Parser p, Token start) {
            this.p = p;
            this.s = p.stream();
            this.start = start;
        }

        private TokenStream stream() {
            if (done) {
                throw new IllegalStateException("A TagReader is used after its tag was parsed.");
            }
            return s;
        }

        @Override
        public String tag() {
            return tag.tag();
        }

        @Override
        public int line() {
            return start.line();
        }

        @Override
        public String templateName() {
            return p.templateName();
        }

        @Override
        public int currentLine() {
            return stream().current().line();
        }

        @Override
        public boolean atEnd() {
            return stream().test(TokenType.BLOCK_END);
        }

        @Override
        public boolean isName() {
            return stream().test(TokenType.NAME);
        }

        @Override
        public boolean isName(String value) {
            return stream().test(TokenType.NAME, value);
        }

        @Override
        public boolean isPunctuation(String value) {
            return stream().test(TokenType.PUNCTUATION, value);
        }

        @Override
        public boolean isOperator(String value) {
            return stream().test(TokenType.OPERATOR, value);
        }

        @Override
        public boolean isString() {
            return stream().test(TokenType.STRING) && !s.look(1).test(TokenType.INTERPOLATION_START);
        }

        @Override
        public boolean isNumber() {
            return stream().test(TokenType.NUMBER);
        }

        @Override
        public String name() {
            return stream().expect(TokenType.NAME).value();
        }

        @Override
        public void name(String value) {
            stream().expect(TokenType.NAME, value);
        }

        @Override
        public void punctuation(String value) {
            stream().expect(TokenType.PUNCTUATION, value);
        }

        @Override
        public void operator(String value) {
            stream().expect(TokenType.OPERATOR, value);
        }

        @Override
        public boolean skipName(String value) {
            return stream().nextIf(TokenType.NAME, value) != null;
        }

        @Override
        public boolean skipPunctuation(String value) {
            return stream().nextIf(TokenType.PUNCTUATION, value) != null;
        }

        @Override
        public boolean skipOperator(String value) {
            return stream().nextIf(TokenType.OPERATOR, value) != null;
        }

        @Override
        public String string() {
            Token t = stream().expect(TokenType.STRING);
            if (s.test(TokenType.INTERPOLATION_START)) {
                throw p.error("A string with interpolation is an expression, not a constant string.", t.line());
            }
            return t.value();
        }

        @Override
        public Number number() {
            return (Number) ExpressionParser.parseNumber(stream().expect(TokenType.NUMBER).value());
        }

        @Override
        public Expression expression() {
            stream();
            return new ExpressionHandle(this, p.expression());
        }

        @Override
        public void end() {
            stream().expect(TokenType.BLOCK_END);
        }

        @Override
        public Body body(String... endTags) {
            if (endTags.length == 0) {
                throw new IllegalArgumentException("A body needs at least one end tag.");
            }
            Stmt.Body body = p.subparseUntil(tag.tag(), start.line(), endTags.clone());
            // at the end of the template without the end tag: the missing %} is the error, as for the core tags
            Token end = stream().nextIf(TokenType.NAME, null);
            if (end == null) {
                s.expect(TokenType.BLOCK_END);
            }
            return new BodyHandle(this, body, end.value());
        }

        @Override
        public TemplateSyntaxException error(String message) {
            return p.error(message, stream().current().line());
        }

        @Override
        public TemplateSyntaxException error(String message, int line) {
            return p.error(message, line);
        }
    }
}
