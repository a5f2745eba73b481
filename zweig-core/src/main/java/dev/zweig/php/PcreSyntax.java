package dev.zweig.php;

import java.nio.charset.StandardCharsets;

/**
 * Rewrites the body of a PCRE pattern (PHP's preg functions, PCRE2 10.42) as java.util.regex syntax of the same
 * meaning, where Java has one. The two dialects differ in what a reader of PHP code takes for granted:
 * <ul>
 * <li>POSIX classes inside a class ({@code [[:alpha:]]}, {@code [[:^digit:]]}) are Java's {@code \p{Alpha}}...
 * (Java would read {@code [[:alpha:]]} as the set of the letters of "alpha" and ':');</li>
 * <li>a {@code [} inside a class is a literal (Java nests classes), so is {@code &&} (Java intersects), so is a
 * {@code ]} right after the opening {@code [} or {@code [^};</li>
 * <li>a {@code {} that does not open a quantifier ({@code {n}}, {@code {n,}}, {@code {n,m}}) is a literal
 * (Java rejects it: "Illegal repetition");</li>
 * <li>group names may hold underscores ({@code (?<first_name>..)}), Python's forms {@code (?P<n>..)},
 * {@code (?P=n)} and Perl's {@code (?'n'..)}, {@code \k'n'}, {@code \k{n}}, {@code \g{n}} name or number groups;
 * comments {@code (?#...)}; {@code \0}, {@code \xh}, {@code \o{...}} character codes; {@code \N} (not a newline);
 * scripts without Java's "Is" ({@code \p{Greek}}), {@code \p{L&}}, {@code \p{^L}};</li>
 * <li>with the x modifier, white space and {@code #} inside a class are literals (Java skips them);</li>
 * <li>the modifiers U (quantifiers lazy unless followed by {@code ?}), D ({@code $} only at the very end) and A
 * (anchored at the start) have no Java flag and are written into the pattern.</li>
 * </ul>
 * Without the u modifier PCRE matches bytes: the body is first written as its UTF-8 bytes, one char each (0-255),
 * as the subject is when it matches ({@link PhpRegex#find}), so {@code .} is one byte of "ë" and {@code [ë]}
 * either of its two bytes, as in PHP. What Java cannot express (recursion, {@code \K}, branch reset) is left as
 * written: Java rejects it, and the template reports an invalid pattern.
 */
final class PcreSyntax {
    private final String src;
    private final boolean extended;
    private final boolean ungreedy;
    private final boolean dollarEndOnly;
    private final boolean utf;
    private final StringBuilder out;
    /** Capturing groups opened so far (for the relative references {@code \g{-1}}). */
    private int groups;

    private PcreSyntax(String body, boolean extended, boolean ungreedy, boolean dollarEndOnly, boolean utf) {
        this.src = utf ? body : bytes(body);
        this.extended = extended;
        this.ungreedy = ungreedy;
        this.dollarEndOnly = dollarEndOnly;
        this.utf = utf;
        this.out = new StringBuilder(src.length() + 16);
    }

    /**
     * The Java form of a PCRE pattern body.
     *
     * @param extended the x modifier
     * @param ungreedy the U modifier
     * @param dollarEndOnly the D modifier without m: {@code $} matches at the very end only
     * @param anchored the A modifier: the match starts where the search starts
     * @param utf the u modifier: the body and the subject are characters, not bytes
     * @throws IllegalArgumentException for what PCRE itself rejects and Java would not (an unknown POSIX class)
     */
    static String translate(String body, boolean extended, boolean ungreedy, boolean dollarEndOnly, boolean anchored,
            boolean utf) {
        PcreSyntax t = new PcreSyntax(body, extended, ungreedy, dollarEndOnly, utf);
        if (anchored) {
            t.out.append("\\G(?:");
        }
        t.sequence();
        if (anchored) {
            t.out.append(')');
        }
        return t.out.toString();
    }

    /** Text as PCRE sees it without the u modifier: its UTF-8 bytes, one char (0-255) each. */
    static String bytes(CharSequence s) {
        int n = s.length();
        int k = 0;
        while (k < n && s.charAt(k) < 0x80) {
            k++;
        }
        if (k == n) {
            return s.toString();
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        char[] c = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            c[i] = (char) (b[i] & 0xFF);
        }
        return new String(c);
    }

    private void sequence() {
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            switch (c) {
                case '\\' -> i = escape(i, false);
                case '[' -> i = charClass(i);
                case '(' -> i = group(i);
                case '{' -> i = brace(i);
                case '*', '+', '?' -> {
                    out.append(c);
                    i = quantifierEnd(i + 1);
                }
                case '$' -> {
                    out.append(dollarEndOnly ? "\\z" : "$");
                    i++;
                }
                case '#' -> {
                    if (extended) { // a comment up to the end of the line: copied, Java skips it too
                        int end = src.indexOf('\n', i);
                        end = end < 0 ? n : end + 1;
                        out.append(src, i, end);
                        i = end;
                    } else {
                        out.append(c);
                        i++;
                    }
                }
                default -> {
                    out.append(c);
                    i++;
                }
            }
        }
    }

    /** After a quantifier: its lazy or possessive mark, reversed in greediness under the U modifier. */
    private int quantifierEnd(int i) {
        char next = i < src.length() ? src.charAt(i) : 0;
        if (next == '+') {
            out.append('+');
            return i + 1;
        }
        if (next == '?') {
            if (!ungreedy) {
                out.append('?');
            }
            return i + 1;
        }
        if (ungreedy) {
            out.append('?');
        }
        return i;
    }

    /** A {@code {}: a quantifier {n}, {n,}, {n,m} (PCRE2 10.42), else a literal brace. */
    private int brace(int i) {
        int n = src.length();
        int j = i + 1;
        int digits = j;
        while (j < n && isDigit(src.charAt(j))) {
            j++;
        }
        boolean quantifier = false;
        if (j > digits && j < n) {
            if (src.charAt(j) == '}') {
                quantifier = true;
            } else if (src.charAt(j) == ',') {
                j++;
                while (j < n && isDigit(src.charAt(j))) {
                    j++;
                }
                quantifier = j < n && src.charAt(j) == '}';
            }
        }
        if (!quantifier) {
            out.append("\\{");
            return i + 1;
        }
        out.append(src, i, j + 1);
        return quantifierEnd(j + 1);
    }

    /** A group's opening: names, comments and Python's forms rewritten, the rest copied. */
    private int group(int i) {
        int n = src.length();
        if (i + 1 >= n || src.charAt(i + 1) != '?') {
            if (i + 1 >= n || src.charAt(i + 1) != '*') {
                groups++;
            }
            out.append('(');
            return i + 1;
        }
        int j = i + 2;
        char k = j < n ? src.charAt(j) : 0;
        if (k == '#') {
            int end = src.indexOf(')', j);
            return end < 0 ? n : end + 1;
        }
        if (k == 'P' && j + 1 < n) {
            char m = src.charAt(j + 1);
            if (m == '<') {
                return namedGroup(j + 2, '>');
            }
            if (m == '=') {
                int end = src.indexOf(')', j + 2);
                if (end > 0) {
                    out.append("\\k<").append(javaName(src.substring(j + 2, end))).append('>');
                    return end + 1;
                }
            }
        }
        if (k == '<' && j + 1 < n && src.charAt(j + 1) != '=' && src.charAt(j + 1) != '!') {
            return namedGroup(j + 1, '>');
        }
        if (k == '\'') {
            return namedGroup(j + 1, '\'');
        }
        out.append("(?");
        return j;
    }

    private int namedGroup(int start, char close) {
        int end = src.indexOf(close, start);
        if (end < 0) {
            out.append(src, start - 2, start); // left for Java to reject
            return start;
        }
        groups++;
        out.append("(?<").append(javaName(src.substring(start, end))).append('>');
        return end + 1;
    }

    /**
     * A Java group name for a PCRE one (letters, digits and underscores): every name written in hex after a
     * letter, so different names stay different and none needs a character Java refuses.
     */
    private static String javaName(String name) {
        StringBuilder sb = new StringBuilder("n");
        for (int i = 0; i < name.length(); i++) {
            sb.append(Integer.toHexString(name.charAt(i))).append('x');
        }
        return sb.toString();
    }

    /** A backslash sequence at i (in a class or not); returns where the next token starts. */
    private int escape(int i, boolean inClass) {
        int n = src.length();
        if (i + 1 >= n) {
            out.append('\\'); // left for Java to reject, as PCRE does
            return n;
        }
        char c = src.charAt(i + 1);
        int j = i + 2;
        switch (c) {
            case 'Q' -> {
                int end = src.indexOf("\\E", j);
                end = end < 0 ? n : end + 2;
                out.append(src, i, end);
                return end;
            }
            case '0' -> {
                int v = 0;
                int stop = Math.min(n, j + 2);
                while (j < stop && src.charAt(j) >= '0' && src.charAt(j) <= '7') {
                    v = v * 8 + src.charAt(j++) - '0';
                }
                code(v);
                return j;
            }
            case 'o' -> {
                int end = j < n && src.charAt(j) == '{' ? src.indexOf('}', j) : -1;
                if (end > j + 1 && src.substring(j + 1, end).matches("[0-7]{1,7}")) {
                    code(Integer.parseInt(src.substring(j + 1, end), 8));
                    return end + 1;
                }
            }
            case 'x' -> {
                int end = j < n && src.charAt(j) == '{' ? src.indexOf('}', j) : -1;
                if (end > 0) { // \x{hhh}: Java's form too
                    out.append(src, i, end + 1);
                    return end + 1;
                }
                int v = 0;
                int stop = Math.min(n, j + 2);
                while (j < stop && Character.digit(src.charAt(j), 16) >= 0) {
                    v = v * 16 + Character.digit(src.charAt(j++), 16);
                }
                code(v);
                return j;
            }
            case 'N' -> {
                if (!inClass && (j >= n || src.charAt(j) != '{')) {
                    out.append("[^\\n]");
                    return j;
                }
            }
            case 'p', 'P' -> {
                return property(c == 'P', j);
            }
            case 'c' -> { // a control character: PCRE takes a lower-case letter for its capital, Java does not
                if (j < n && src.charAt(j) < 0x80) {
                    code(Character.toUpperCase(src.charAt(j)) ^ 0x40);
                    return j + 1;
                }
            }
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> {
                return number(i, inClass);
            }
            case 'k' -> {
                if (!inClass && j < n) {
                    char open = src.charAt(j);
                    char close = open == '<' ? '>' : open == '\'' ? '\'' : open == '{' ? '}' : 0;
                    int end = close == 0 ? -1 : src.indexOf(close, j + 1);
                    if (end > j + 1) {
                        out.append("\\k<").append(javaName(src.substring(j + 1, end))).append('>');
                        return end + 1;
                    }
                }
            }
            case 'g' -> {
                if (!inClass) {
                    int end = j;
                    String ref = null;
                    if (j < n && src.charAt(j) == '{') {
                        end = src.indexOf('}', j);
                        ref = end < 0 ? null : src.substring(j + 1, end++);
                    } else {
                        while (end < n && (isDigit(src.charAt(end)) || end == j && src.charAt(end) == '-')) {
                            end++;
                        }
                        ref = end > j ? src.substring(j, end) : null;
                    }
                    if (ref != null && ref.matches("-?\\d+")) {
                        int number = Integer.parseInt(ref);
                        out.append("(?:\\").append(number < 0 ? groups + number + 1 : number).append(')');
                        return end;
                    }
                    if (ref != null && !ref.isEmpty()) {
                        out.append("\\k<").append(javaName(ref)).append('>');
                        return end;
                    }
                }
            }
            default -> { }
        }
        out.append('\\').append(c);
        return j;
    }

    /**
     * A backslash and a digit other than 0 at i: PCRE's back reference (outside a class: a number below 10, one
     * starting with 8 or 9, or one no greater than the groups opened so far), else a character by its octal code of
     * up to three digits (8 and 9 in a class: themselves).
     */
    private int number(int i, boolean inClass) {
        int n = src.length();
        int j = i + 1;
        int end = j;
        while (end < n && isDigit(src.charAt(end))) {
            end++;
        }
        char first = src.charAt(j);
        if (!inClass) {
            String digits = src.substring(j, end);
            int number = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
            if (number < 10 || first == '8' || first == '9' || number <= groups) {
                out.append("(?:\\").append(number).append(')');
                return end;
            }
        }
        if (first == '8' || first == '9') {
            out.append(first);
            return j + 1;
        }
        int v = 0;
        int stop = Math.min(end, j + 3);
        while (j < stop && src.charAt(j) <= '7') {
            v = v * 8 + src.charAt(j++) - '0';
        }
        code(v);
        return j;
    }

    /** A character by its code, as Java's {@code \x{...}}. */
    private void code(int v) {
        out.append("\\x{").append(Integer.toHexString(v)).append('}');
    }

    /** {@code \p} / {@code \P} at i - 2: general categories as they are, scripts with Java's "Is" prefix. */
    private int property(boolean negated, int j) {
        int n = src.length();
        if (j >= n || src.charAt(j) != '{') {
            out.append(negated ? "\\P" : "\\p");
            return j;
        }
        int end = src.indexOf('}', j);
        if (end < 0) {
            out.append(negated ? "\\P" : "\\p");
            return j;
        }
        String name = src.substring(j + 1, end);
        if (name.startsWith("^")) {
            negated = !negated;
            name = name.substring(1);
        }
        String set = switch (name) {
            case "L&", "LC" -> "\\p{Lu}\\p{Ll}\\p{Lt}";
            case "Any" -> "\\x{0}-\\x{10ffff}";
            case "Xan" -> "\\p{L}\\p{N}";
            case "Xwd" -> "\\p{L}\\p{N}_";
            case "Xsp", "Xps" -> "\\p{Z}\\h\\v";
            default -> null;
        };
        if (set != null) {
            out.append(negated ? "[^" : "[").append(set).append(']');
        } else {
            boolean category = name.length() <= 2 && !name.isEmpty() && Character.isUpperCase(name.charAt(0));
            out.append(negated ? "\\P{" : "\\p{").append(category ? "" : "Is").append(name).append('}');
        }
        return end + 1;
    }

    /** A class from its {@code [} at i: its members copied, what Java reads otherwise made literal. */
    private int charClass(int i) {
        int n = src.length();
        out.append('[');
        int j = i + 1;
        if (j < n && src.charAt(j) == '^') {
            out.append('^');
            j++;
        }
        if (j < n && src.charAt(j) == ']') {
            out.append("\\]");
            j++;
        }
        while (j < n) {
            char c = src.charAt(j);
            if (c == ']') {
                out.append(']');
                return j + 1;
            }
            if (c == '\\') {
                j = escape(j, true);
            } else if (c == '[') {
                j = posix(j);
            } else if (c == '&') {
                out.append("\\&");
                j++;
            } else if (extended && (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B
                    || c == '#')) {
                code(c);
                j++;
            } else {
                out.append(c);
                j++;
            }
        }
        return n; // unclosed: Java rejects it, as PCRE does
    }

    /** A {@code [} inside a class: a POSIX class {@code [:name:]} or {@code [:^name:]}, else a literal. */
    private int posix(int j) {
        int n = src.length();
        int end = j + 1 < n && src.charAt(j + 1) == ':' ? src.indexOf(":]", j + 2) : -1;
        if (end < 0 || src.substring(j + 2, end).contains("]")) {
            out.append("\\[");
            return j + 1;
        }
        String name = src.substring(j + 2, end);
        boolean negated = name.startsWith("^");
        if (negated) {
            name = name.substring(1);
        }
        String java = switch (name) {
            case "alpha" -> "Alpha";
            case "digit" -> "Digit";
            case "alnum" -> "Alnum";
            case "upper" -> "Upper";
            case "lower" -> "Lower";
            case "space" -> "Space";
            case "blank" -> "Blank";
            case "punct" -> "Punct";
            case "graph" -> "Graph";
            case "print" -> "Print";
            case "cntrl" -> "Cntrl";
            case "xdigit" -> "XDigit";
            case "ascii" -> "ASCII";
            case "word" -> "word";
            default -> null;
        };
        if (java == null) {
            throw new IllegalArgumentException("unknown POSIX class name at offset " + offset(j + 2));
        }
        if (java.equals("word")) {
            out.append(negated ? "\\W" : "\\w");
        } else {
            out.append(negated ? "\\P{" : "\\p{").append(java).append('}');
        }
        return end + 2;
    }

    /** The offset PCRE reports for index i of the body: in bytes, as it counts. */
    private int offset(int i) {
        return utf ? src.substring(0, i).getBytes(StandardCharsets.UTF_8).length : i;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
