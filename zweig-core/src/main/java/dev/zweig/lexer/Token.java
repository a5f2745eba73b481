package dev.zweig.lexer;

/** One lexed token with its 1-based line and column. */
public record Token(TokenType type, String value, int line, int column) {
    public boolean test(TokenType t) {
        return type == t;
    }

    public boolean test(TokenType t, String v) {
        return type == t && value.equals(v);
    }

    public boolean isPunct(String v) {
        return type == TokenType.PUNCTUATION && value.equals(v);
    }

    public boolean isOp(String v) {
        return type == TokenType.OPERATOR && value.equals(v);
    }

    public boolean isName(String v) {
        return type == TokenType.NAME && value.equals(v);
    }
}
