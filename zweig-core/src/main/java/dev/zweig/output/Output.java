package dev.zweig.output;

/**
 * The sink a template renders into. One tiny interface (after jte's TemplateOutput) so that the engine writes
 * slices, characters and numbers straight to the destination with no String in between.
 */
public interface Output {
    void write(String s);

    void write(CharSequence s, int start, int end);

    void write(char c);

    /**
     * Writes a template's static text, given with its UTF-8 encoding (made once when the template compiled; null
     * when the text starts or ends inside a surrogate pair): a byte sink copies the bytes; every other sink writes
     * the String.
     */
    default void writeText(String s, byte[] utf8) {
        write(s);
    }

    /** Writes the decimal digits of {@code v}. */
    default void write(long v) {
        write(Long.toString(v));
    }
}
