package dev.zweig.output;

/** An {@link Output} over a StringBuilder, reusable across renders with {@link #reset()}. */
public final class StringBuilderOutput implements Output {
    private StringBuilder sb;
    /** See {@link #numberBuffer}. */
    private final char[] digits = new char[24];

    public StringBuilderOutput() {
        this(new StringBuilder(256));
    }

    public StringBuilderOutput(StringBuilder sb) {
        this.sb = sb;
    }

    public StringBuilder builder() {
        return sb;
    }

    /** Points this sink at another builder (lets a pooled sink write into a caller's StringBuilder). */
    public StringBuilderOutput target(StringBuilder builder) {
        this.sb = builder;
        return this;
    }

    public void reset() {
        sb.setLength(0);
    }

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

    @Override
    public void write(long v) {
        sb.append(v);
    }

    /**
     * A buffer of this sink where a number's characters are put together before one append (see
     * PhpNumbers#writeShortDecimal): 24 chars, its content meaningless between calls.
     */
    public char[] numberBuffer() {
        return digits;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
