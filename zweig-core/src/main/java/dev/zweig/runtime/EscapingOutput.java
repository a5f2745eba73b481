package dev.zweig.runtime;

import dev.zweig.output.Output;

/**
 * An Output that escapes everything written through it with one strategy before passing it on. Lets a streaming
 * filter ({@link dev.zweig.ext.FilterWriter}) print under autoescaping without building a String first.
 */
final class EscapingOutput implements Output {
    String strategy;
    boolean html;
    Output target;

    @Override
    public void write(String s) {
        if (html) {
            Escapers.html(s, target);
        } else {
            Escapers.escape(strategy, s, target);
        }
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        if (html) {
            Escapers.html(s, start, end, target);
        } else {
            Escapers.escape(strategy, s, start, end, target);
        }
    }

    @Override
    public void write(char c) {
        if (html) {
            switch (c) {
                case '&' -> target.write("&amp;");
                case '<' -> target.write("&lt;");
                case '>' -> target.write("&gt;");
                case '"' -> target.write("&quot;");
                case '\'' -> target.write("&#039;");
                default -> target.write(c);
            }
            return;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            target.write(c);
            return;
        }
        Escapers.escape(strategy, c < 128 ? ASCII[c] : String.valueOf(c), target);
    }

    /** Each ASCII character as a String, so that escaping one costs no String. */
    private static final String[] ASCII = new String[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = String.valueOf(c).intern();
        }
    }

    @Override
    public void write(long v) {
        if (v < 0 && !html) {
            write('-');
            if (v == Long.MIN_VALUE) {
                target.write("9223372036854775808");
                return;
            }
            target.write(-v);
            return;
        }
        target.write(v);
    }
}
