package dev.zweig.lexer;

/** Kinds of tokens, named as Twig's Token::typeToEnglish names them in error messages. */
public enum TokenType {
    EOF("end of template"),
    TEXT("text"),
    BLOCK_START("begin of statement block"),
    VAR_START("begin of print statement"),
    BLOCK_END("end of statement block"),
    VAR_END("end of print statement"),
    NAME("name"),
    NUMBER("number"),
    STRING("string"),
    OPERATOR("operator"),
    PUNCTUATION("punctuation"),
    INTERPOLATION_START("begin of string interpolation"),
    INTERPOLATION_END("end of string interpolation"),
    ARROW("arrow function"),
    SPREAD("spread operator");

    private final String english;

    TokenType(String english) {
        this.english = english;
    }

    public String english() {
        return english;
    }
}
