package dev.zweig.php;

import dev.zweig.runtime.Budget;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.ScratchText;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A PCRE pattern with delimiters and modifiers ({@code /a+/i}) as a java.util.regex Pattern: the delimiters and
 * modifiers read as PHP's preg functions read them, the body rewritten by {@link PcreSyntax}. Without the u
 * modifier the pattern and the subject are matched as UTF-8 bytes, one char each (a Pattern without
 * UNICODE_CHARACTER_CLASS is such a byte pattern).
 */
public final class PhpRegex {
    private PhpRegex() {
    }

    public static Pattern compile(String re, String tpl, int line, boolean atCompile) {
        String err;
        try {
            return parse(re);
        } catch (IllegalArgumentException e) { // parse's own reasons, and Java's rejection of the rewritten body
            err = e.getMessage();
        }
        String msg = "Regexp \"" + re + "\" passed to \"matches\" is not valid: " + err;
        if (atCompile) {
            throw new TemplateSyntaxException(msg + ".", tpl, line);
        }
        throw new TemplateRuntimeException(msg, tpl, line);
    }

    /** The pattern, or IllegalArgumentException with PHP's reason. */
    private static Pattern parse(String re) {
        int n = re.length();
        int p = 0;
        while (p < n && isSpace(re.charAt(p))) {
            p++;
        }
        if (p == n) {
            throw new IllegalArgumentException("Empty regular expression");
        }
        char d = re.charAt(p);
        if (d < 0x80 && Character.isLetterOrDigit(d) || d == '\\' || d == 0) {
            throw new IllegalArgumentException("Delimiter must not be alphanumeric, backslash, or NUL");
        }
        char end = switch (d) {
            case '(' -> ')';
            case '{' -> '}';
            case '[' -> ']';
            case '<' -> '>';
            default -> d;
        };
        int close = p + 1;
        int depth = 1;
        while (close < n) { // the first delimiter not escaped (brackets nest)
            char c = re.charAt(close);
            if (c == '\\' && close + 1 < n) {
                close++;
            } else if (c == end && --depth == 0) {
                break;
            } else if (c == d && end != d) {
                depth++;
            }
            close++;
        }
        if (close >= n) {
            throw new IllegalArgumentException(end == d ? "No ending delimiter '" + d + "' found"
                    : "No ending matching delimiter '" + end + "' found");
        }
        String body = re.substring(p + 1, close);
        boolean caseless = false;
        boolean multiline = false;
        boolean dotAll = false;
        boolean extended = false;
        boolean anchored = false;
        boolean dollarEndOnly = false;
        boolean ungreedy = false;
        boolean utf = false;
        for (int i = close + 1; i < n; i++) {
            char c = re.charAt(i);
            switch (c) {
                case 'i' -> caseless = true;
                case 'm' -> multiline = true;
                case 's' -> dotAll = true;
                case 'x' -> extended = true;
                case 'A' -> anchored = true;
                case 'D' -> dollarEndOnly = true;
                case 'U' -> ungreedy = true;
                case 'u' -> utf = true;
                case 'S', 'X', 'J', 'n', ' ', '\n', '\r' -> { }
                case 'e' -> throw new IllegalArgumentException(
                        "The /e modifier is no longer supported, use preg_replace_callback instead");
                default -> throw new IllegalArgumentException("Unknown modifier '" + c + "'");
            }
        }
        // PCRE's newline is \n only (Java's also \r, \u0085, \u2028 and \u2029); its case folding without u
        // is ASCII's
        int f = Pattern.UNIX_LINES;
        if (caseless) {
            f |= Pattern.CASE_INSENSITIVE | (utf ? Pattern.UNICODE_CASE : 0);
        }
        f |= (multiline ? Pattern.MULTILINE : 0) | (dotAll ? Pattern.DOTALL : 0) | (extended ? Pattern.COMMENTS : 0);
        if (utf) {
            f |= Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
        }
        try {
            return Pattern.compile(PcreSyntax.translate(body, extended, ungreedy, dollarEndOnly && !multiline,
                    anchored, utf), f);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("Compilation failed: " + e.getDescription());
        } catch (IllegalArgumentException e) { // what PCRE rejects and Java would not
            throw new IllegalArgumentException("Compilation failed: " + e.getMessage());
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }

    /**
     * The value of {@code matches}: PHP's preg_match count, the integer 1 or 0 (Twig's CoreExtension::matches returns
     * it as is, so it prints as 1 or 0 and is not the same as true or false).
     */
    public static Long matched(boolean found) {
        return found ? 1L : 0L;
    }

    /**
     * Whether p matches somewhere in s. A hostile pattern can backtrack for a time exponential in the input's
     * length (Java's engine has no step limit), so when the render has a deadline the input is read through a
     * CharSequence that looks at the clock every few thousand characters the matcher reads: the match stops at
     * the deadline. Without a deadline, the cost is unbounded, as it is in PHP without pcre.backtrack_limit.
     */
    public static boolean find(Pattern p, int site, CharSequence s, RenderState st, String tpl, int line) {
        int top = st.textTop;
        try {
            CharSequence subject = subject(p, s, st);
            if (st.budget.deadline == Long.MAX_VALUE) {
                if (site < 0) {
                    return p.matcher(subject).find();
                }
                java.util.regex.Matcher m = st.matcher(site, p);
                try {
                    return m.reset(subject).find();
                } finally {
                    m.reset(""); // the matcher stays with the render state: it must not keep the text, even on failure
                }
            }
            return p.matcher(new ClockedChars(subject, st.budget, tpl, line)).find();
        } finally {
            st.textTop = top;
        }
    }

    /**
     * {@link #find} of a value's text: a number's digits written into a text buffer of the render (given back when
     * the match is done) instead of a String (PHP matches an int or a float as its string).
     */
    public static boolean findIn(Pattern p, int site, Object v, RenderState st, String tpl, int line) {
        if (!(v instanceof Long || v instanceof Double)) {
            return find(p, site, Values.text(v), st, tpl, line);
        }
        int top = st.textTop;
        try {
            dev.zweig.runtime.ScratchText digits = st.pushText();
            Values.write(v, digits);
            return find(p, site, digits, st, tpl, line);
        } finally {
            st.textTop = top;
        }
    }

    /**
     * What p is matched against: s itself, or for a byte pattern (no u modifier) and a text with non-ASCII
     * characters its UTF-8 bytes, one char each, in a text buffer of the render (taken above {@code st.textTop},
     * given back by the caller).
     */
    private static CharSequence subject(Pattern p, CharSequence s, RenderState st) {
        if ((p.flags() & Pattern.UNICODE_CHARACTER_CLASS) != 0) {
            return s;
        }
        int n = s.length();
        int k = 0;
        while (k < n && s.charAt(k) < 0x80) {
            k++;
        }
        if (k == n) {
            return s;
        }
        ScratchText t = st.pushText();
        t.write(s, 0, k);
        for (int i = k; i < n; i++) {
            int c = s.charAt(i);
            if (Character.isHighSurrogate((char) c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                c = Character.toCodePoint((char) c, s.charAt(++i));
            } else if (Character.isSurrogate((char) c)) {
                c = '?'; // a lone surrogate has no UTF-8 form (Java's encoder writes '?' too)
            }
            if (c < 0x80) {
                t.write((char) c);
            } else if (c < 0x800) {
                t.write((char) (0xC0 | c >> 6));
                t.write((char) (0x80 | c & 0x3F));
            } else if (c < 0x10000) {
                t.write((char) (0xE0 | c >> 12));
                t.write((char) (0x80 | c >> 6 & 0x3F));
                t.write((char) (0x80 | c & 0x3F));
            } else {
                t.write((char) (0xF0 | c >> 18));
                t.write((char) (0x80 | c >> 12 & 0x3F));
                t.write((char) (0x80 | c >> 6 & 0x3F));
                t.write((char) (0x80 | c & 0x3F));
            }
        }
        return t;
    }

    /** A string whose reads check the render's deadline (every 4096 of them). */
    private static final class ClockedChars implements CharSequence {
        private final CharSequence s;
        private final Budget budget;
        private final String tpl;
        private final int line;
        private int reads;

        ClockedChars(CharSequence s, Budget budget, String tpl, int line) {
            this.s = s;
            this.budget = budget;
            this.tpl = tpl;
            this.line = line;
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 4095) == 0) {
                budget.checkClock(tpl, line);
            }
            return s.charAt(index);
        }

        @Override
        public int length() {
            return s.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return s.subSequence(start, end);
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}
