package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.output.Output;
import dev.zweig.output.StringBuilderOutput;
import dev.zweig.php.Values;
import dev.zweig.runtime.ScratchArena;
import dev.zweig.runtime.ScratchText;
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
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(s.length()));
        strip(s, allowableTags, null, out);
        return out.toString();
    }

    /**
     * Writes strip_tags(s) into out: the text kept, character by character (an allowed tag as a whole, gathered
     * in a text buffer of the render's when texts is one, else in a new builder).
     */
    static void strip(CharSequence s, Object allowableTags, ScratchArena texts, Output out) {
        String allow = allowSet(allowableTags);
        int len = s.length();
        Object tag = allow == null ? null : texts != null ? texts.textBuffer() : new StringBuilder();
        int state = 0;
        int depth = 0;
        char inQ = 0;
        char lc = 0;
        int br = 0;
        boolean isXml = false;
        int p = 0;
        int runStart = 0; // the kept text not written yet: s[runStart, runEnd)
        int runEnd = 0;
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
                                if (p != runEnd) {
                                    flush(s, runStart, runEnd, out);
                                    runStart = p;
                                }
                                runEnd = p + 1;
                                break;
                            }
                            lc = '<';
                            state = 1;
                            if (tag != null) {
                                clear(tag);
                                append(tag, '<');
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
                            if (p != runEnd) {
                                flush(s, runStart, runEnd, out);
                                runStart = p;
                            }
                            runEnd = p + 1;
                        }
                        default -> {
                            if (p != runEnd) {
                                flush(s, runStart, runEnd, out);
                                runStart = p;
                            }
                            runEnd = p + 1;
                        }
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
                                append(tag, '>');
                                CharSequence t = (CharSequence) tag;
                                if (tagAllowed(t, allow)) {
                                    flush(s, runStart, runEnd, out);
                                    runStart = runEnd;
                                    out.write(t, 0, t.length());
                                }
                                clear(tag);
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
                        append(tag, c);
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
                            if (p > 6 && isDoctyp(s, p - 6)) {
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
        flush(s, runStart, runEnd, out);
    }

    /** Writes the run of kept text s[start, end), if any. */
    private static void flush(CharSequence s, int start, int end, Output out) {
        if (start < end) {
            if (start == 0 && end == s.length() && s instanceof String str) {
                out.write(str);
            } else {
                out.write(s, start, end);
            }
        }
    }

    /** Whether s has "doctyp" at from, in any case (ASCII, as PHP compares bytes). */
    private static boolean isDoctyp(CharSequence s, int from) {
        for (int i = 0; i < 6; i++) {
            char c = s.charAt(from + i);
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != "doctyp".charAt(i)) {
                return false;
            }
        }
        return true;
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
        return s.isEmpty() ? null : s; // compared ignoring case (tagAllowed), as PHP lowercases it
    }

    /** A tag buffer: a render's text buffer or a StringBuilder. */
    private static void append(Object tag, char c) {
        if (tag instanceof StringBuilder sb) {
            sb.append(c);
        } else {
            ((ScratchText) tag).write(c);
        }
    }

    private static void clear(Object tag) {
        if (tag instanceof StringBuilder sb) {
            sb.setLength(0);
        } else {
            ((ScratchText) tag).set("");
        }
    }

    /**
     * php_tag_find: reduces "&lt;/A href=x&gt;" to "&lt;a&gt;" and looks it up in the allowed set (compared as it
     * is reduced, at each "&lt;" of the set, so nothing is built).
     */
    private static boolean tagAllowed(CharSequence tag, String allow) {
        for (int at = allow.indexOf('<'); at >= 0; at = allow.indexOf('<', at + 1)) {
            if (reducedAt(tag, allow, at)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the reduced tag is the text of allow at position at. */
    private static boolean reducedAt(CharSequence tag, String allow, int at) {
        int j = at;
        int end = allow.length();
        boolean seen = false;
        int n = tag.length();
        for (int t = 0; t < n; t++) {
            char c = Character.toLowerCase(tag.charAt(t));
            boolean kept;
            if (c == '<') {
                kept = true;
            } else if (c == '>') {
                break;
            } else if (!isSpace(c)) {
                seen = true;
                boolean slashAtEdge = c == '/' && ((t > 0 && tag.charAt(t - 1) == '<')
                        || (t + 1 < n && tag.charAt(t + 1) == '>'));
                kept = !slashAtEdge;
            } else if (seen) {
                break;
            } else {
                kept = false;
            }
            if (kept) {
                if (j >= end || Character.toLowerCase(allow.charAt(j)) != c) {
                    return false;
                }
                j++;
            }
        }
        return j < end && allow.charAt(j) == '>';
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
    }
}
