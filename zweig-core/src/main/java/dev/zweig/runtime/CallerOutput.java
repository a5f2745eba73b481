package dev.zweig.runtime;

import dev.zweig.output.Output;

/**
 * Stands in front of an Output the caller implemented: what the engine lends as a {@link ScratchText} (a
 * render-private, reused buffer) reaches the caller's sink as characters, so the sink never holds on to engine
 * storage; everything else passes straight through. One per render state, pointed at the caller's sink per render.
 */
final class CallerOutput implements Output {
    private Output target;

    CallerOutput target(Output o) {
        this.target = o;
        return this;
    }

    @Override
    public void write(String s) {
        target.write(s);
    }

    @Override
    public void write(CharSequence s, int start, int end) {
        if (s instanceof ScratchText || s instanceof SafeText) {
            for (int i = start; i < end; i++) {
                target.write(s.charAt(i));
            }
        } else {
            target.write(s, start, end);
        }
    }

    @Override
    public void write(char c) {
        target.write(c);
    }

    @Override
    public void write(long v) {
        target.write(v);
    }
}
