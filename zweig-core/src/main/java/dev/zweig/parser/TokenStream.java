package dev.zweig.parser;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import java.util.List;

/** The token list of one template with a cursor; errors carry Twig's wording and the token's line and column. */
public final class TokenStream {
    private final List<Token> tokens;
    private final String name;
    private int pos;
    /** Tokens consumed, for a look at the clock of the render this parse happens in (if any). */
    private int clockSteps;

    public TokenStream(List<Token> tokens, String name) {
        this.tokens = tokens;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Token current() {
        return tokens.get(pos);
    }

    public Token look(int n) {
        int i = pos + n;
        return i < tokens.size() ? tokens.get(i) : tokens.get(tokens.size() - 1);
    }

    /** The current token, moving past it; as Twig's TokenStream::next, there is nothing past the end. */
    public Token next() {
        if ((++clockSteps & 4095) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
        Token t = tokens.get(pos);
        if (pos >= tokens.size() - 1) {
            throw new TemplateSyntaxException("Unexpected end of template.", name, t.line());
        }
        pos++;
        return t;
    }

    /** Expects a variable name; word operators ("matches", "in") are names in this position, as in Twig. */
    public Token expectAssignName() {
        Token t = current();
        if (t.type() == TokenType.OPERATOR && t.value().matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            next();
            return new Token(TokenType.NAME, t.value(), t.line(), t.column());
        }
        return expect(TokenType.NAME, null, "Only variables can be assigned to");
    }

    public boolean isEOF() {
        return current().type() == TokenType.EOF;
    }

    public boolean test(TokenType type) {
        return current().type() == type;
    }

    public boolean test(TokenType type, String value) {
        Token t = current();
        return t.type() == type && t.value().equals(value);
    }

    /** Consumes the token if it matches; returns it or null. */
    public Token nextIf(TokenType type, String value) {
        if (value == null ? test(type) : test(type, value)) {
            return next();
        }
        return null;
    }

    public Token expect(TokenType type) {
        return expect(type, null, null);
    }

    public Token expect(TokenType type, String value) {
        return expect(type, value, null);
    }

    public Token expect(TokenType type, String value, String message) {
        Token t = current();
        if (t.type() != type || (value != null && !t.value().equals(value))) {
            StringBuilder sb = new StringBuilder();
            if (message != null) {
                sb.append(message).append(". ");
            }
            sb.append("Unexpected token \"").append(t.type().english()).append('"');
            if (!t.value().isEmpty() || t.type() == TokenType.STRING) {
                sb.append(" of value \"").append(t.value()).append('"');
            }
            sb.append(" (\"").append(type.english()).append("\" expected");
            if (value != null) {
                sb.append(" with value \"").append(value).append('"');
            }
            sb.append(").");
            throw new TemplateSyntaxException(sb.toString(), name, t.line(), t.column(), null);
        }
        return next();
    }
}
