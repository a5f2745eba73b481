package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.Output;

/**
 * The Output a user's FilterWriter writes into: the render's sink, lent for the duration of the call. Once the
 * call returns it refuses every write, so a writer that kept it cannot write into a later capture or another
 * render that reuses the pooled sink. One small object per call of a user's writer (core writers, which never
 * keep it, write straight into the sink).
 */
public final class LentOutput implements Output {
    private Output target;

    public LentOutput(Output target) {
        this.target = target;
    }

    public void end() {
        target = null;
    }

    private Output target() {
        Output t = target;
        if (t == null) {
            throw new TemplateRuntimeException("A filter's Output can only be written during the call it was given "
                    + "to.");
        }
        return t;
    }

    @Override
    public void write(String s) {
        target().write(s);
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        target().write(s, start, end);
    }

    @Override
    public void write(char c) {
        target().write(c);
    }

    @Override
    public void write(long v) {
        target().write(v);
    }

    @Override
    public void writeText(String s, byte[] utf8) {
        target().writeText(s, utf8);
    }
}
