package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.TemplateSyntaxException;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Translates a PCRE pattern with delimiters and flags ({@code /a+/i}) into a java.util.regex Pattern. */
final class PhpRegex {
    private PhpRegex() {
    }

    static Pattern compile(String re, String tpl, int line, boolean atCompile) {
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
}
