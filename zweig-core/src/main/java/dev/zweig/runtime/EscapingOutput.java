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
            return;
        }
        CharSequence part = start == 0 && end == s.length() ? s : s.subSequence(start, end);
        if (html) {
            Escapers.html(part, target);
        } else {
            Escapers.escape(strategy, part, target);
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
        Escapers.escape(strategy, String.valueOf(c), target);
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
