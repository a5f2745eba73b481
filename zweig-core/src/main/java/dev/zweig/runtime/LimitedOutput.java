package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.output.Output;

/** Counts what a render writes and stops it at the configured maximum (RenderLimits.maxOutputChars). */
final class LimitedOutput implements Output {
    private final Output target;
    private final long max;
    private long written;

    LimitedOutput(Output target, long max) {
        this.target = target;
        this.max = max;
    }

    private void count(long n) {
        written += n;
        if (written > max) {
            throw new dev.zweig.TemplateLimitException("The render limit of " + max + " output characters was exceeded.");
        }
    }

    @Override
    public void write(String s) {
        count(s.length());
        target.write(s);
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        count(end - start);
        target.write(s, start, end);
    }

    @Override
    public void write(char c) {
        count(1);
        target.write(c);
    }

    @Override
    public void write(long v) {
        int digits = v < 0 ? 2 : 1;
        for (long x = Math.abs(v / 10); x > 0; x /= 10) {
            digits++;
        }
        count(digits);
        target.write(v);
    }
}
