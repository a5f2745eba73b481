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

    /**
     * Static text: appended here, not through the interface's default method. That default is trivial, so the JIT
     * compiles it without a profile, and C2 then took its call of write for a cold one and refused to inline it
     * into a template's code once write had been compiled on its own ("already compiled into a medium method"):
     * in about one JVM in three every static text of the stocks page was a real call, 20% slower.
     */
    @Override
    public void writeText(String s, byte[] utf8) {
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
