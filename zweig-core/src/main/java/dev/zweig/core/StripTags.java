package dev.zweig.core;

import dev.zweig.runtime.Values;
import java.util.Locale;

/**
 * PHP's strip_tags() for the {@code striptags} filter: the same state machine (text, tag, PHP block, {@code <!}
 * declaration, comment), so the odd inputs come out as in PHP too: "a < b" keeps its "<", a quoted ">" does not
 * end a tag, script bodies stay as text. Allowed tags are given as "&lt;a&gt;&lt;b&gt;" or as a list of names.
 */
final class StripTags {
    private StripTags() {
    }

    static String strip(String s, Object allowableTags) {
        String allow = allowSet(allowableTags);
        int len = s.length();
        StringBuilder out = new StringBuilder(len);
        StringBuilder tag = allow != null ? new StringBuilder() : null;
        int state = 0;
        int depth = 0;
        char inQ = 0;
        char lc = 0;
        int br = 0;
        boolean isXml = false;
        int p = 0;
        while (p < len) {
            char c = s.charAt(p);
            switch (state) {
                case 0 -> {
                    switch (c) {
                        case '\0' -> {
                        }
                        case '<' -> {
                            if (inQ != 0) {
                                break;
                            }
                            if (p + 1 < len && isSpace(s.charAt(p + 1))) {
                                out.append(c);
                                break;
                            }
                            lc = '<';
                            state = 1;
                            if (tag != null) {
                                tag.setLength(0);
                                tag.append('<');
                            }
                        }
                        case '>' -> {
                            if (depth > 0) {
                                depth--;
                                break;
                            }
                            if (inQ != 0) {
                                break;
                            }
                            out.append(c);
                        }
                        default -> out.append(c);
                    }
                }
                case 1 -> {
                    boolean regular = false;
                    switch (c) {
                        case '\0' -> {
                        }
                        case '<' -> {
                            if (inQ != 0) {
                                break;
                            }
                            if (p + 1 < len && isSpace(s.charAt(p + 1))) {
                                regular = true;
                                break;
                            }
                            depth++;
                        }
                        case '>' -> {
                            if (depth > 0) {
                                depth--;
                                break;
                            }
                            if (inQ != 0) {
                                break;
                            }
                            lc = '>';
                            if (isXml && p >= 1 && s.charAt(p - 1) == '-') {
                                break;
                            }
                            inQ = 0;
                            state = 0;
                            isXml = false;
                            if (tag != null) {
                                tag.append('>');
                                if (tagAllowed(tag, allow)) {
                                    out.append(tag);
                                }
                                tag.setLength(0);
                            }
                        }
                        case '"', '\'' -> {
                            if (p != 0 && (inQ == 0 || c == inQ)) {
                                inQ = inQ != 0 ? 0 : c;
                            }
                            regular = true;
                        }
                        case '!' -> {
                            if (p >= 1 && s.charAt(p - 1) == '<') {
                                state = 3;
                                lc = c;
                            } else {
                                regular = true;
                            }
                        }
                        case '?' -> {
                            if (p >= 1 && s.charAt(p - 1) == '<') {
                                br = 0;
                                state = 2;
                            } else {
                                regular = true;
                            }
                        }
                        default -> regular = true;
                    }
                    if (regular && tag != null) {
                        tag.append(c);
                    }
                }
                case 2 -> {
                    switch (c) {
                        case '(' -> {
                            if (lc != '"' && lc != '\'') {
                                lc = '(';
                                br++;
                            }
                        }
                        case ')' -> {
                            if (lc != '"' && lc != '\'') {
                                lc = ')';
                                br--;
                            }
                        }
                        case '>' -> {
                            if (depth > 0) {
                                depth--;
                                break;
                            }
                            if (inQ != 0) {
                                break;
                            }
                            if (br == 0 && p >= 1 && lc != '"' && s.charAt(p - 1) == '?') {
                                inQ = 0;
                                state = 0;
                            }
                        }
                        case '"', '\'' -> {
                            if (p >= 1 && s.charAt(p - 1) != '\\') {
                                if (lc == c) {
                                    lc = 0;
                                } else if (lc != '\\') {
                                    lc = c;
                                }
                            }
                            if (p != 0 && (inQ == 0 || c == inQ)) {
                                inQ = inQ != 0 ? 0 : c;
                            }
                        }
                        case 'l', 'L' -> {
                            // "<?xml" is not PHP code: back to a plain tag
                            if (p > 4 && (s.charAt(p - 1) | 0x20) == 'm' && (s.charAt(p - 2) | 0x20) == 'x'
                                    && s.charAt(p - 3) == '?' && s.charAt(p - 4) == '<') {
                                state = 1;
                                isXml = true;
                            }
                        }
                        default -> {
                        }
                    }
                }
                case 3 -> {
                    switch (c) {
                        case '>' -> {
                            if (depth > 0) {
                                depth--;
                                break;
                            }
                            if (inQ != 0) {
                                break;
                            }
                            inQ = 0;
                            state = 0;
                        }
                        case '"', '\'' -> {
                            if (p != 0 && s.charAt(p - 1) != '\\' && (inQ == 0 || c == inQ)) {
                                inQ = inQ != 0 ? 0 : c;
                            }
                        }
                        case '-' -> {
                            if (p >= 2 && s.charAt(p - 1) == '-' && s.charAt(p - 2) == '!') {
                                state = 4;
                            }
                        }
                        case 'E', 'e' -> {
                            // <!DOCTYPE is handled as a tag
                            if (p > 6 && s.regionMatches(true, p - 6, "doctyp", 0, 6)) {
                                state = 1;
                            }
                        }
                        default -> {
                        }
                    }
                }
                default -> {
                    if (c == '>' && inQ == 0 && p >= 2 && s.charAt(p - 1) == '-' && s.charAt(p - 2) == '-') {
                        inQ = 0;
                        state = 0;
                    }
                }
            }
            p++;
        }
        return out.toString();
    }

    /** The allowed tags as one lower-case string "&lt;a&gt;&lt;b&gt;", or null when none are allowed. */
    private static String allowSet(Object allowableTags) {
        if (allowableTags == null) {
            return null;
        }
        if (PhpArrays.isIterable(allowableTags)) {
            StringBuilder sb = new StringBuilder();
            PhpArrays.forEach(allowableTags, (k, v) -> {
                sb.append('<').append(Values.toString(v)).append('>');
                return true;
            });
            return sb.length() == 0 ? null : sb.toString().toLowerCase(Locale.ROOT);
        }
        String s = Values.toString(allowableTags);
        return s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
    }

    /** php_tag_find: reduces "&lt;/A href=x&gt;" to "&lt;a&gt;" and looks it up in the allowed set. */
    private static boolean tagAllowed(CharSequence tag, String allow) {
        StringBuilder norm = new StringBuilder(tag.length());
        boolean seen = false;
        int n = tag.length();
        for (int t = 0; t < n; t++) {
            char c = Character.toLowerCase(tag.charAt(t));
            if (c == '<') {
                norm.append(c);
            } else if (c == '>') {
                break;
            } else if (!isSpace(c)) {
                seen = true;
                boolean slashAtEdge = c == '/' && ((t > 0 && tag.charAt(t - 1) == '<')
                        || (t + 1 < n && tag.charAt(t + 1) == '>'));
                if (!slashAtEdge) {
                    norm.append(c);
                }
            } else if (seen) {
                break;
            }
        }
        norm.append('>');
        return allow.contains(norm);
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }
}
