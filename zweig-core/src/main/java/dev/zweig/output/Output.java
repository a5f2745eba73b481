package dev.zweig.output;

/**
 * The sink a template renders into. One tiny interface (after jte's TemplateOutput) so that the engine writes
 * slices, characters and numbers straight to the destination with no String in between.
 */
public interface Output {
    void write(String s);

    void write(CharSequence s, int start, int end);

    void write(char c);

    /** Writes the decimal digits of {@code v}. */
    default void write(long v) {
        write(Long.toString(v));
    }
}
