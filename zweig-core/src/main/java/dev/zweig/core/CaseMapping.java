package dev.zweig.core;

import dev.zweig.output.Output;
import java.util.Arrays;
import java.util.Locale;

/**
 * The case filters ({@code upper}, {@code lower}, {@code title}, {@code capitalize}) written straight into an
 * {@link Output} for any text, code point by code point, printing exactly what {@link StringFilters}' own
 * String-based code returns (mb_strtoupper, mb_strtolower without the final-sigma rule, mb_convert_case's
 * MB_CASE_TITLE): a code point whose full case mapping is not a single code point (ß → SS, İ → i̇, ŉ → ʼN,
 * ᾳ → ΑΙ...) is looked up in tables made once from the JDK's own full mappings; every other one takes
 * {@link Character}'s simple mapping. Nothing is allocated per call.
 */
final class CaseMapping {
    private CaseMapping() {
    }

    /** Code points (sorted) whose full mapping of one kind is not the simple one, and what they map to. */
    private record Table(int[] keys, String[] values) {
        String get(int cp) {
            int i = Arrays.binarySearch(keys, cp);
            return i < 0 ? null : values[i];
        }
    }

    /** The tables, made on first use: every code point from U+0080 to U+1FFFF compared once. */
    private static final class Tables {
        static final Table UPPER;
        static final Table LOWER;
        static final Table TITLE;

        static {
            int[][] keys = new int[3][64];
            String[][] values = new String[3][64];
            int[] counts = new int[3];
            for (int cp = 0x80; cp <= 0x1FFFF; cp++) {
                if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                    continue;
                }
                String s = new String(Character.toChars(cp));
                String[] full = {s.toUpperCase(Locale.ROOT), s.toLowerCase(Locale.ROOT),
                    StringFilters.titleCase(cp)};
                int[] simple = {Character.toUpperCase(cp), Character.toLowerCase(cp), simpleTitle(cp)};
                for (int k = 0; k < 3; k++) {
                    String f = full[k];
                    if (f.codePointCount(0, f.length()) != 1 || f.codePointAt(0) != simple[k]) {
                        if (counts[k] == keys[k].length) {
                            keys[k] = Arrays.copyOf(keys[k], counts[k] * 2);
                            values[k] = Arrays.copyOf(values[k], counts[k] * 2);
                        }
                        keys[k][counts[k]] = cp;
                        values[k][counts[k]] = f;
                        counts[k]++;
                    }
                }
            }
            UPPER = new Table(Arrays.copyOf(keys[0], counts[0]), Arrays.copyOf(values[0], counts[0]));
            LOWER = new Table(Arrays.copyOf(keys[1], counts[1]), Arrays.copyOf(values[1], counts[1]));
            TITLE = new Table(Arrays.copyOf(keys[2], counts[2]), Arrays.copyOf(values[2], counts[2]));
        }
    }

    /** The title case of cp when it is one code point (see StringFilters.titleCase for the rest). */
    private static int simpleTitle(int cp) {
        int t = Character.toTitleCase(cp);
        return t != cp || Character.isTitleCase(cp) ? t : cp;
    }

    private static final int UPPER = 0;
    private static final int LOWER = 1;
    private static final int TITLE = 2;

    /** Writes cp mapped (mode UPPER, LOWER or TITLE) when it changes; returns whether it did. */
    private static boolean writeMapped(int cp, int mode, Output out) {
        int simple;
        if (cp < 0x80) {
            simple = mode == LOWER ? (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp) : (cp >= 'a' && cp <= 'z' ? cp - 32 : cp);
        } else {
            Table table = mode == UPPER ? Tables.UPPER : mode == LOWER ? Tables.LOWER : Tables.TITLE;
            String full = table.get(cp);
            if (full != null) {
                out.write(full);
                return true;
            }
            simple = mode == UPPER ? Character.toUpperCase(cp) : mode == LOWER ? lowerSimple(cp) : simpleTitle(cp);
        }
        if (simple == cp) {
            return false;
        }
        if (Character.isBmpCodePoint(simple)) {
            out.write((char) simple);
        } else {
            out.write(Character.highSurrogate(simple));
            out.write(Character.lowSurrogate(simple));
        }
        return true;
    }

    /** mb_strtolower of PHP 8.2 has no final-sigma rule: Σ is always σ. */
    private static int lowerSimple(int cp) {
        return cp == '\u03A3' ? '\u03C3' : Character.toLowerCase(cp);
    }

    /** Writes s[from, to) upper- or lower-cased (mode), unchanged runs as slices. */
    private static void writeCased(CharSequence s, int from, int to, int mode, Output out) {
        int run = from;
        for (int i = from; i < to; ) {
            int cp = Character.codePointAt(s, i);
            int next = i + Character.charCount(cp);
            if (cp >= 0x80 || (mode == UPPER ? cp >= 'a' && cp <= 'z' : cp >= 'A' && cp <= 'Z')) {
                if (run < i) {
                    out.write(s, run, i);
                }
                if (!writeMapped(cp, mode, out)) {
                    out.write(s, i, next);
                }
                run = next;
            }
            i = next;
        }
        if (run < to) {
            if (run == 0 && to == s.length()) {
                FilterWriters.writeAll(s, out);
            } else {
                out.write(s, run, to);
            }
        }
    }

    /** {@code upper}: mb_strtoupper. */
    static void upper(CharSequence s, Output out) {
        writeCased(s, 0, s.length(), UPPER, out);
    }

    /** {@code lower}: mb_strtolower (PHP 8.2: no final sigma). */
    static void lower(CharSequence s, Output out) {
        writeCased(s, 0, s.length(), LOWER, out);
    }

    /** {@code capitalize}: the first code point upper-cased, the rest lower-cased. */
    static void capitalize(CharSequence s, Output out) {
        int n = s.length();
        if (n == 0) {
            return;
        }
        int first = Character.charCount(Character.codePointAt(s, 0));
        writeCased(s, 0, first, UPPER, out);
        writeCased(s, first, n, LOWER, out);
    }

    /**
     * {@code title}: mb_convert_case(MB_CASE_TITLE): a cased letter following a cased letter (case-ignorable
     * characters skipped) lower-cased, any other title-cased.
     */
    static void title(CharSequence s, Output out) {
        boolean inWord = false;
        int run = 0;
        int n = s.length();
        for (int i = 0; i < n; ) {
            int cp = Character.codePointAt(s, i);
            int next = i + Character.charCount(cp);
            boolean changed;
            if (cp < 0x80) {
                boolean letter = (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
                changed = letter && (inWord ? cp <= 'Z' : cp >= 'a');
                if (changed) {
                    if (run < i) {
                        out.write(s, run, i);
                    }
                    out.write((char) (inWord ? cp | 0x20 : cp & ~0x20));
                    run = next;
                }
                if (letter) {
                    inWord = true;
                } else if (!(cp == '\'' || cp == '.' || cp == ':' || cp == '^' || cp == '`')) {
                    inWord = false;
                }
            } else {
                if (run < i) {
                    out.write(s, run, i);
                }
                if (!writeMapped(cp, inWord ? LOWER : TITLE, out)) {
                    out.write(s, i, next);
                }
                run = next;
                if (!StringFilters.isCaseIgnorable(cp)) {
                    inWord = StringFilters.isCased(cp);
                }
            }
            i = next;
        }
        if (run == 0) {
            FilterWriters.writeAll(s, out);
        } else if (run < n) {
            out.write(s, run, n);
        }
    }
}
