package dev.zweig.output;

/**
 * An Output of the caller's own, a StringBuilder behind it: a sink the engine knows nothing about (no path of its
 * own, as StringBuilderOutput has), for tests that render into one.
 */
public class CallerOutput implements Output {
    public final StringBuilder sb = new StringBuilder();

    @Override
    public void write(String s) {
        sb.append(s);
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        sb.append(s, start, end);
    }

    @Override
    public void write(char c) {
        sb.append(c);
    }
}
