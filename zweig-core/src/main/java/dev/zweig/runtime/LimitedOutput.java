package dev.zweig.runtime;

import dev.zweig.output.Output;

/**
 * Counts what a render writes (to its output or into a capture) against its budget's output limit
 * (RenderLimits.maxOutputChars).
 */
final class LimitedOutput implements Output {
    final Output target;
    private final Budget budget;

    LimitedOutput(Output target, Budget budget) {
        this.target = target;
        this.budget = budget;
    }

    @Override
    public void write(String s) {
        budget.output(s.length());
        target.write(s);
    }

    @Override
    public void writeText(String s, byte[] utf8) {
        budget.output(s.length());
        target.writeText(s, utf8);
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        budget.output(end - start);
        target.write(s, start, end);
    }

    @Override
    public void write(char c) {
        budget.output(1);
        target.write(c);
    }

    @Override
    public void write(long v) {
        int digits = v < 0 ? 2 : 1;
        for (long x = Math.abs(v / 10); x > 0; x /= 10) {
            digits++;
        }
        budget.output(digits);
        target.write(v);
    }
}
