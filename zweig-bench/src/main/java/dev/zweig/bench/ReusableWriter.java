package dev.zweig.bench;

import java.io.Writer;

/**
 * A Writer over one StringBuilder, cleared between renders: the reusable sink the peers render into (the JDK's
 * StringWriter would do, but synchronises every write through StringBuffer).
 */
public final class ReusableWriter extends Writer {
    private final StringBuilder sb = new StringBuilder(16 * 1024);

    public ReusableWriter reset() {
        sb.setLength(0);
        return this;
    }

    @Override
    public void write(int c) {
        sb.append((char) c);
    }

    @Override
    public void write(char[] buf, int off, int len) {
        sb.append(buf, off, len);
    }

    @Override
    public void write(String s) {
        sb.append(s);
    }

    @Override
    public void write(String s, int off, int len) {
        sb.append(s, off, off + len);
    }

    @Override
    public Writer append(CharSequence s) {
        sb.append(s);
        return this;
    }

    @Override
    public Writer append(CharSequence s, int start, int end) {
        sb.append(s, start, end);
        return this;
    }

    @Override
    public Writer append(char c) {
        sb.append(c);
        return this;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
