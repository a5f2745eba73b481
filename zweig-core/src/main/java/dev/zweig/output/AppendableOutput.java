package dev.zweig.output;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An {@link Output} over any {@link Appendable} (a Writer, a CharBuffer, a user's own sink): slices and characters
 * are appended as they are, with no String in between. Reusable: point it at another target with
 * {@link #target(Appendable)}. I/O failures surface as {@link UncheckedIOException}.
 */
public final class AppendableOutput implements Output {
    private Appendable target;

    public AppendableOutput(Appendable target) {
        this.target = target;
    }

    public AppendableOutput target(Appendable out) {
        this.target = out;
        return this;
    }

    @Override
    public void write(String s) {
        try {
            target.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Static text: appended here, not through Output's default method (see StringBuilderOutput#writeText). */
    @Override
    public void writeText(String s, byte[] utf8) {
        try {
            target.append(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        try {
            target.append(s, start, end);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(char c) {
        try {
            target.append(c);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void write(long v) {
        if (v == Long.MIN_VALUE) {
            write(Long.toString(v));
            return;
        }
        try {
            if (v < 0) {
                target.append('-');
                v = -v;
            }
            long div = 1;
            while (div <= v / 10) {
                div *= 10;
            }
            for (; div > 0; div /= 10) {
                target.append((char) ('0' + (v / div) % 10));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
