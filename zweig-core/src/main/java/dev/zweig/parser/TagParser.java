package dev.zweig.parser;

import dev.zweig.ast.Stmt;
import dev.zweig.lexer.Token;

/**
 * The parser's side of a tag (the core tags implement it; an extension's public {@link dev.zweig.ext.TagParser} is
 * adapted to it by {@link ExtensionTag}). Parses one tag, {@code {% name ... %}}, after Twig's TokenParserInterface: the stream is positioned after the
 * tag name; the parser consumes up to and including the closing {@code %}} (and the end tag for block tags).
 * Returns null when the tag produces no statement in the body.
 */
public interface TagParser {
    String tag();

    Stmt parse(Parser parser, Token tag);
}
