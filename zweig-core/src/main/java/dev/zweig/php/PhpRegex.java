package dev.zweig.php;

import dev.zweig.runtime.Budget;
import dev.zweig.runtime.RenderState;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Translates a PCRE pattern with delimiters and flags ({@code /a+/i}) into a java.util.regex Pattern. */
public final class PhpRegex {
    private PhpRegex() {
    }

    public static Pattern compile(String re, String tpl, int line, boolean atCompile) {
        String err = null;
        if (re.isEmpty()) {
            err = "Empty regular expression";
        } else {
            char d = re.charAt(0);
            if (Character.isLetterOrDigit(d) || d == '\\') {
                err = "Delimiter must not be alphanumeric, backslash, or NUL";
            } else {
                char end = switch (d) {
                    case '(' -> ')';
                    case '{' -> '}';
                    case '[' -> ']';
                    case '<' -> '>';
                    default -> d;
                };
                int close = re.lastIndexOf(end);
                if (close <= 0) {
                    err = "No ending delimiter '" + end + "' found";
                } else {
                    String body = re.substring(1, close);
                    String flags = re.substring(close + 1);
                    int f = 0;
                    for (char c : flags.toCharArray()) {
                        switch (c) {
                            case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                            case 'm' -> f |= Pattern.MULTILINE;
                            case 's' -> f |= Pattern.DOTALL;
                            case 'x' -> f |= Pattern.COMMENTS;
                            case 'u' -> f |= Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
                            case 'D', 'U', 'A' -> { }
                            default -> err = "Unknown modifier '" + c + "'";
                        }
                    }
                    if (err == null) {
                        try {
                            return Pattern.compile(body, f);
                        } catch (PatternSyntaxException e) {
                            err = "Compilation failed: " + e.getDescription();
                        }
                    }
                }
            }
        }
        String msg = "Regexp \"" + re + "\" passed to \"matches\" is not valid: " + err;
        if (atCompile) {
            throw new TemplateSyntaxException(msg + ".", tpl, line);
        }
        throw new TemplateRuntimeException(msg, tpl, line);
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
        if (st.budget.deadline == Long.MAX_VALUE) {
            if (site < 0) {
                return p.matcher(s).find();
            }
            java.util.regex.Matcher m = st.matcher(site, p);
            try {
                return m.reset(s).find();
            } finally {
                m.reset(""); // the matcher stays with the render state: it must not keep the text, even on a failure
            }
        }
        return p.matcher(new ClockedChars(s, st.budget, tpl, line)).find();
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
