package dev.zweig.bench;

/**
 * The check every benchmark's {@code @Setup} makes before it is measured: the rendered text equals the expected
 * text, so a benchmark that renders nothing, or renders wrong, fails instead of looking fast.
 */
public final class OutputCheck {
    private OutputCheck() {
    }

    /** Exact comparison (Zweig's own pages). */
    public static void exact(String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + " rendered wrong text" + firstDifference(expected, actual));
        }
    }

    /**
     * Comparison up to whitespace, for the same page written in several engines' syntaxes: whitespace next to a
     * tag goes, other runs of whitespace become one space.
     */
    public static void normalized(String what, String expected, String actual) {
        String e = normalize(expected);
        String a = normalize(actual);
        if (!e.equals(a)) {
            throw new IllegalStateException(what + " rendered wrong text (whitespace-normalised)"
                    + firstDifference(e, a));
        }
    }

    public static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0 && c != '<' && sb.charAt(sb.length() - 1) != '>') {
                sb.append(' ');
            }
            space = false;
            sb.append(c);
        }
        return sb.toString();
    }

    private static String firstDifference(String expected, String actual) {
        int i = 0;
        int n = Math.min(expected.length(), actual.length());
        while (i < n && expected.charAt(i) == actual.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 40);
        return " at offset " + i + ":\n  expected: …" + snippet(expected, from, i + 60) + "\n  actual:   …"
                + snippet(actual, from, i + 60);
    }

    private static String snippet(String s, int from, int to) {
        return s.substring(Math.min(from, s.length()), Math.min(to, s.length())).replace("\n", "\\n");
    }
}
