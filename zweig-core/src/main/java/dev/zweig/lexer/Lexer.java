package dev.zweig.lexer;

import dev.zweig.TemplateSyntaxException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Hand-written lexer for Twig's syntax: text, {@code {{ }}}, {@code {% %}}, {@code {# #}}, documentation comments
 * {@code {## ##}}, whitespace control ({@code -} and {@code ~}), {@code verbatim}, and expressions with string
 * interpolation. Follows Twig's Lexer state machine (data, block, var, string, interpolation) without regular
 * expressions, so positions and columns are exact.
 */
public final class Lexer {
    private static final String[] OPERATORS = {
        // sorted longest first when matched (see matchOperator)
        "starts with", "ends with", "has every", "has some", "not in", "is not", "matches", "b-and", "b-xor", "b-or",
        "===", "!==", "<=>", "not", "and", "xor", "==", "!=", "<=", ">=", "..", "//", "**", "??", "or", "in",
        "is", "+", "-", "~", "*", "/", "%", "<", ">", "=",
    };

    private final String code;
    private final String name;
    private final int end;
    private int cursor;
    private int line = 1;
    private int lineStart; // index of the first char of the current line
    private final List<Token> tokens = new ArrayList<>();
    /** Tokens made so far, for a look at the clock of the render this lexing happens in (if any). */
    private int clockSteps;
    private final Deque<int[]> brackets = new ArrayDeque<>(); // {char, line}
    private final Deque<State> states = new ArrayDeque<>();
    private State state = State.DATA;
    /** Line Twig gives the end of the template when trailing text follows the last tag, else 0. */
    private int eofLine;
    /** Line where the open {{ or {% started (for "Unclosed" errors). */
    private int tagLine = 1;

    private enum State { DATA, BLOCK, VAR, STRING, INTERPOLATION }

    public Lexer(String code, String name) {
        this.code = code.replace("\r\n", "\n").replace('\r', '\n');
        this.name = name;
        this.end = this.code.length();
    }

    public static List<Token> tokenize(String code, String name) {
        return new Lexer(code, name).run();
    }

    private List<Token> run() {
        while (cursor < end) {
            switch (state) {
                case DATA -> lexData();
                case BLOCK -> lexBlock();
                case VAR -> lexVar();
                case STRING -> lexString();
                case INTERPOLATION -> lexInterpolation();
            }
        }
        // a tag cut off right after a token (no whitespace before the end) is left to the parser, as in Twig:
        // "Unexpected token "end of template" (...)" or "Unknown "x" tag"; unclosed brackets come first
        if (!brackets.isEmpty()) {
            int[] b = brackets.peek();
            throw error("Unclosed \"" + (char) b[0] + "\"", b[1], 0);
        }
        if (state == State.STRING || state == State.INTERPOLATION) {
            throw error("Unclosed \"\"\"", line, 0);
        }
        tokens.add(new Token(TokenType.EOF, "", eofLine > 0 ? eofLine : line, cursor - lineStart + 1));
        return tokens;
    }

    // ---- data ---------------------------------------------------------------------------------------------

    private void lexData() {
        int start = cursor;
        int pos = findTagStart(cursor);
        if (pos < 0) {
            pushText(code.substring(start), start);
            // Twig takes the trailing text without counting its lines: the end of the template is reported on the
            // line where that text starts
            eofLine = line;
            advanceTo(end);
            return;
        }
        char kind = code.charAt(pos + 1);
        // a documentation comment opens with {## (Twig 3.29), except the empty comment {##} (Twig 3.29.1)
        boolean docComment = kind == '#' && pos + 2 < end && code.charAt(pos + 2) == '#'
                && (pos + 3 >= end || code.charAt(pos + 3) != '}');
        int markEnd = pos + (docComment ? 3 : 2);
        char mod = markEnd < end ? code.charAt(markEnd) : 0;
        boolean trim = mod == '-' || mod == '~';
        String text = code.substring(start, pos);
        if (trim) {
            text = rtrim(text, mod == '-');
        }
        pushText(text, start);
        advanceTo(pos);
        int tagLine = line;
        int tagCol = cursor - lineStart + 1;
        int afterOpen = markEnd + (trim ? 1 : 0);
        if (kind == '#') {
            lexComment(afterOpen, docComment, tagLine);
            return;
        }
        if (kind == '%') {
            // verbatim?
            int p = skipWs(afterOpen);
            int nameEnd = p;
            while (nameEnd < end && isNameChar(code.charAt(nameEnd))) {
                nameEnd++;
            }
            String tag = code.substring(p, nameEnd);
            if (tag.equals("verbatim")) {
                int q = skipWs(nameEnd);
                int closeLen = matchBlockClose(q);
                if (closeLen > 0) {
                    advanceTo(q);
                    int after = consumeVerbatimClose(q);
                    advanceTo(after);
                    lexVerbatim(tagLine);
                    return;
                }
            }
            tokens.add(new Token(TokenType.BLOCK_START, "", tagLine, tagCol));
            advanceTo(afterOpen);
            state = State.BLOCK;
            this.tagLine = tagLine;
            return;
        }
        tokens.add(new Token(TokenType.VAR_START, "", tagLine, tagCol));
        advanceTo(afterOpen);
        state = State.VAR;
        this.tagLine = tagLine;
    }

    private int findTagStart(int from) {
        int i = from;
        while (true) {
            int p = code.indexOf('{', i);
            if (p < 0 || p + 1 >= end) {
                return -1;
            }
            char c = code.charAt(p + 1);
            if (c == '{' || c == '%' || c == '#') {
                return p;
            }
            i = p + 1;
        }
    }

    /**
     * Skips a comment whose content starts at from. Any comment ends at the first {@code #}}: the leftmost of
     * {@code -#}}, {@code ~#}}, {@code #}} and, for a documentation comment, the symmetric {@code ##}},
     * {@code -##}} and {@code ~##}} (Twig's alternation, so {@code {## x #}} closes at its {@code #}}).
     */
    private void lexComment(int from, boolean doc, int startLine) {
        int p = code.indexOf("#}", from);
        if (p < 0) {
            throw error("Unclosed comment", startLine, 0);
        }
        int markStart = p;
        if (doc && p - 1 >= from && code.charAt(p - 1) == '#') {
            markStart = p - 1; // the symmetric ##}
        }
        char mod = markStart - 1 >= from ? code.charAt(markStart - 1) : 0;
        int after = p + 2;
        if (mod == '-') {
            after = skipAllWs(after);
        } else if (mod == '~') {
            after = skipLineWs(after);
        } else if (after < end && code.charAt(after) == '\n') {
            after++;
        }
        advanceTo(after);
    }

    private void lexVerbatim(int startLine) {
        int i = cursor;
        while (true) {
            int p = code.indexOf("{%", i);
            if (p < 0) {
                throw error("Unexpected end of file: Unclosed \"verbatim\" block", startLine, 0);
            }
            int q = p + 2;
            char mod = q < end ? code.charAt(q) : 0;
            if (mod == '-' || mod == '~') {
                q++;
            }
            q = skipWs(q);
            if (code.startsWith("endverbatim", q) && (q + 11 >= end || !isNameChar(code.charAt(q + 11)))) {
                int r = skipWs(q + 11);
                if (matchBlockClose(r) > 0) {
                    String text = code.substring(cursor, p);
                    if (mod == '-') {
                        text = rtrim(text, true);
                    } else if (mod == '~') {
                        text = rtrim(text, false);
                    }
                    pushText(text, cursor);
                    int after = consumeVerbatimClose(r);
                    advanceTo(after);
                    return;
                }
            }
            i = p + 2;
        }
    }

    /** Length of a block close at p ({@code %}}, {@code -%}}, {@code ~%}}), 0 when none. */
    private int matchBlockClose(int p) {
        if (code.startsWith("%}", p)) {
            return 2;
        }
        if ((code.startsWith("-%}", p) || code.startsWith("~%}", p))) {
            return 3;
        }
        return 0;
    }

    /** Like {@link #consumeBlockClose} but a plain close keeps the newline after it (verbatim's rule). */
    private int consumeVerbatimClose(int p) {
        if (code.startsWith("%}", p)) {
            return p + 2;
        }
        return consumeBlockClose(p);
    }

    /** Consumes a block close at p with its whitespace control; returns the position after it. */
    private int consumeBlockClose(int p) {
        if (code.startsWith("-%}", p)) {
            return skipAllWs(p + 3);
        }
        if (code.startsWith("~%}", p)) {
            return skipLineWs(p + 3);
        }
        int after = p + 2;
        if (after < end && code.charAt(after) == '\n') {
            after++;
        }
        return after;
    }

    // ---- block and var -----------------------------------------------------------------------------------

    private void lexBlock() {
        skipExpressionWs();
        if (brackets.isEmpty() && matchBlockClose(cursor) > 0) {
            push(TokenType.BLOCK_END, "", cursor);
            advanceTo(consumeBlockClose(cursor));
            state = State.DATA;
            return;
        }
        lexExpression();
    }

    private void lexVar() {
        skipExpressionWs();
        if (brackets.isEmpty()) {
            if (code.startsWith("}}", cursor)) {
                push(TokenType.VAR_END, "", cursor);
                advanceTo(cursor + 2);
                state = State.DATA;
                return;
            }
            if (code.startsWith("-}}", cursor)) {
                push(TokenType.VAR_END, "", cursor);
                advanceTo(skipAllWs(cursor + 3));
                state = State.DATA;
                return;
            }
            if (code.startsWith("~}}", cursor)) {
                push(TokenType.VAR_END, "", cursor);
                advanceTo(skipLineWs(cursor + 3));
                state = State.DATA;
                return;
            }
        }
        lexExpression();
    }

    private void lexInterpolation() {
        skipExpressionWs();
        if (brackets.peek() != null && brackets.peek()[0] == '#' && cursor < end && code.charAt(cursor) == '}') {
            brackets.pop();
            push(TokenType.INTERPOLATION_END, "", cursor);
            advanceTo(cursor + 1);
            state = states.pop();
            return;
        }
        lexExpression();
    }

    /** Skips whitespace inside a tag; whitespace running into the end of the template is Twig's "Unclosed". */
    private void skipExpressionWs() {
        int p = skipWs(cursor);
        if (p > cursor && p >= end) {
            throw error("Unclosed \"" + (state == State.BLOCK ? "block" : "variable") + "\"", tagLine, 0);
        }
        advanceTo(p);
    }

    private void lexExpression() {
        if (cursor >= end) {
            return;
        }
        char c = code.charAt(cursor);
        if (c == '#') {
            // inline comment (Twig 3.15): up to the end of the line
            int nl = code.indexOf('\n', cursor);
            advanceTo(nl < 0 ? end : nl);
            return;
        }
        int start = cursor;
        // arrow
        if (c == '=' && cursor + 1 < end && code.charAt(cursor + 1) == '>') {
            push(TokenType.ARROW, "=>", start);
            advanceTo(cursor + 2);
            return;
        }
        if (code.startsWith("...", cursor)) {
            push(TokenType.SPREAD, "...", start);
            advanceTo(cursor + 3);
            return;
        }
        String op = matchOperator();
        if (op != null) {
            int len = matchOperatorAt(op);
            push(TokenType.OPERATOR, op, start);
            advanceTo(cursor + len);
            return;
        }
        if (isNameStart(c)) {
            int e = cursor + 1;
            while (e < end && isNameChar(code.charAt(e))) {
                e++;
            }
            push(TokenType.NAME, code.substring(cursor, e), start);
            advanceTo(e);
            return;
        }
        if (c >= '0' && c <= '9') {
            int e = digits(cursor);
            if (e + 1 < end && code.charAt(e) == '.' && isDigit(code.charAt(e + 1))) {
                e = digits(e + 1);
            }
            if (e < end && (code.charAt(e) == 'e' || code.charAt(e) == 'E')) {
                int q = e + 1;
                if (q < end && (code.charAt(q) == '+' || code.charAt(q) == '-')) {
                    q++;
                }
                if (q < end && isDigit(code.charAt(q))) {
                    e = digits(q);
                }
            }
            push(TokenType.NUMBER, code.substring(cursor, e).replace("_", ""), start);
            advanceTo(e);
            return;
        }
        if (c == '?' && cursor + 1 < end && code.charAt(cursor + 1) == '.'
                && !(cursor + 2 < end && isDigit(code.charAt(cursor + 2)))) {
            push(TokenType.PUNCTUATION, "?.", start);
            advanceTo(cursor + 2);
            return;
        }
        if ("()[]{}?:.,|".indexOf(c) >= 0) {
            if (c == '(' || c == '[' || c == '{') {
                brackets.push(new int[] {c, line});
            } else if (c == ')' || c == ']' || c == '}') {
                if (brackets.isEmpty()) {
                    throw error("Unexpected \"" + c + "\"", line, cursor - lineStart + 1);
                }
                int[] open = brackets.pop();
                char expected = open[0] == '(' ? ')' : open[0] == '[' ? ']' : open[0] == '{' ? '}' : 0;
                if (expected != c) {
                    throw error("Unclosed \"" + (char) open[0] + "\"", open[1], 0);
                }
            }
            push(TokenType.PUNCTUATION, String.valueOf(c), start);
            advanceTo(cursor + 1);
            return;
        }
        if (c == '\'') {
            int e = cursor + 1;
            while (e < end && code.charAt(e) != '\'') {
                if (code.charAt(e) == '\\') {
                    e++;
                }
                e++;
            }
            if (e >= end) {
                // Twig's string pattern does not match an unterminated string: the quote is an unexpected character
                throw error("Unexpected character \"'\"", line, cursor - lineStart + 1);
            }
            push(TokenType.STRING, unescape(code.substring(cursor + 1, e), false), start);
            advanceTo(e + 1);
            return;
        }
        if (c == '"') {
            // plain double-quoted string without interpolation?
            int e = cursor + 1;
            boolean interpolation = false;
            while (e < end && code.charAt(e) != '"') {
                char ch = code.charAt(e);
                if (ch == '\\') {
                    e++;
                } else if (ch == '#' && e + 1 < end && code.charAt(e + 1) == '{') {
                    interpolation = true;
                    break;
                }
                e++;
            }
            if (!interpolation) {
                if (e >= end) {
                    throw error("Unclosed \"\"\"", line, 0);
                }
                push(TokenType.STRING, unescape(code.substring(cursor + 1, e), true), start);
                advanceTo(e + 1);
                return;
            }
            brackets.push(new int[] {'"', line});
            states.push(state);
            state = State.STRING;
            advanceTo(cursor + 1);
            return;
        }
        throw error("Unexpected character \"" + c + "\"", line, cursor - lineStart + 1);
    }

    private void lexString() {
        if (code.startsWith("#{", cursor)) {
            brackets.push(new int[] {'#', line});
            push(TokenType.INTERPOLATION_START, "", cursor);
            advanceTo(cursor + 2);
            states.push(state);
            state = State.INTERPOLATION;
            return;
        }
        if (code.charAt(cursor) == '"') {
            brackets.pop();
            advanceTo(cursor + 1);
            state = states.pop();
            return;
        }
        int e = cursor;
        while (e < end) {
            char ch = code.charAt(e);
            if (ch == '\\') {
                e += 2;
                continue;
            }
            if (ch == '"' || (ch == '#' && e + 1 < end && code.charAt(e + 1) == '{')) {
                break;
            }
            e++;
        }
        if (e >= end) {
            throw error("Unclosed \"\"\"", brackets.isEmpty() ? line : brackets.peek()[1], 0);
        }
        push(TokenType.STRING, unescape(code.substring(cursor, e), true), cursor);
        advanceTo(e);
    }

    // ---- operators ---------------------------------------------------------------------------------------

    private String matchOperator() {
        String best = null;
        int bestLen = 0;
        for (String op : OPERATORS) {
            int len = matchOperatorAt(op);
            if (len > bestLen) {
                best = op;
                bestLen = len;
            }
        }
        return best;
    }


    /** Length matched in the source for op at the cursor (whitespace inside word operators may vary), or 0. */
    private int matchOperatorAt(String op) {
        int p = cursor;
        for (int i = 0; i < op.length(); i++) {
            char oc = op.charAt(i);
            if (oc == ' ') {
                if (p >= end || !isWs(code.charAt(p))) {
                    return 0;
                }
                while (p < end && isWs(code.charAt(p))) {
                    p++;
                }
                continue;
            }
            if (p >= end || code.charAt(p) != oc) {
                return 0;
            }
            p++;
        }
        if (Character.isLetter(op.charAt(op.length() - 1))) {
            // must be followed by whitespace, a parenthesis, [ or {
            if (p >= end) {
                return 0;
            }
            char n = code.charAt(p);
            if (!(isWs(n) || n == '(' || n == ')' || n == '[' || n == '{')) {
                return 0;
            }
        }
        if (Character.isLetter(op.charAt(0)) && cursor > 0) {
            char prev = code.charAt(cursor - 1);
            if (prev == '.' || prev == '|') {
                return 0;
            }
            if (isNameChar(prev)) {
                return 0;
            }
        }
        return p - cursor;
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static String unescape(String s, boolean doubleQuoted) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                sb.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'v' -> sb.append('\u000b');
                case 'f' -> sb.append('\f');
                case 'e' -> sb.append('\u001b');
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'x' -> {
                    int v = 0;
                    int k = 0;
                    while (k < 2 && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        k++;
                    }
                    if (k == 0) {
                        sb.append('\\').append('x');
                    } else {
                        sb.append((char) v);
                    }
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int v = n - '0';
                        int k = 1;
                        while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            k++;
                        }
                        sb.append((char) (v & 0xff));
                    } else {
                        sb.append(n);
                    }
                }
            }
        }
        return sb.toString();
    }

    private void push(TokenType type, String value, int pos) {
        tick();
        tokens.add(new Token(type, value, lineOf(pos), pos - lineStartOf(pos) + 1));
    }

    private void tick() {
        if ((++clockSteps & 4095) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
    }

    private void pushText(String text, int pos) {
        tick();
        if (!text.isEmpty()) {
            tokens.add(new Token(TokenType.TEXT, text, lineOf(pos), 1));
        }
    }

    private int lineOf(int pos) {
        // pos is always at or after lineStart's line start in practice, except for text tokens
        if (pos >= lineStart) {
            return line;
        }
        int l = line;
        for (int i = lineStart - 1; i >= pos; i--) {
            if (code.charAt(i) == '\n') {
                l--;
            }
        }
        return l;
    }

    private int lineStartOf(int pos) {
        if (pos >= lineStart) {
            return lineStart;
        }
        int p = code.lastIndexOf('\n', pos - 1);
        return p + 1;
    }

    private void advanceTo(int pos) {
        for (int i = cursor; i < pos; i++) {
            if (code.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        cursor = pos;
    }

    private int digits(int p) {
        int e = p;
        while (e < end && (isDigit(code.charAt(e))
                || (code.charAt(e) == '_' && e + 1 < end && isDigit(code.charAt(e + 1)) && e > p))) {
            e++;
        }
        return e;
    }

    private int skipWs(int p) {
        while (p < end && isWs(code.charAt(p))) {
            p++;
        }
        return p;
    }

    private int skipAllWs(int p) {
        while (p < end && " \t\n\r\0\u000b".indexOf(code.charAt(p)) >= 0) {
            p++;
        }
        return p;
    }

    private int skipLineWs(int p) {
        while (p < end && " \t\0\u000b".indexOf(code.charAt(p)) >= 0) {
            p++;
        }
        return p;
    }

    private static String rtrim(String s, boolean all) {
        int e = s.length();
        String chars = all ? " \t\n\r\0\u000b" : " \t\0\u000b";
        while (e > 0 && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(0, e);
    }

    private static boolean isWs(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x7f;
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private TemplateSyntaxException error(String msg, int line, int column) {
        return new TemplateSyntaxException(msg + ".", name, line, column, null);
    }
}
