package dev.zweig.runtime;

import dev.zweig.Markup;

/**
 * Render-private <em>safe</em> text: what a {@link Markup} is to a String, this is to a {@link ScratchText}. The
 * output of a {@code {% set %}...{% endset %}} capture, of an {@code apply} body, of a macro called as a value, or a
 * trimmed safe text, when the compiler has proven that only the core reads it (see ScratchAnalysis): the
 * characters live in the render's reused buffer this is a view of, and every rule treats it as Twig treats a
 * {@code Twig\Markup} (autoescaping leaves it alone, {@code is string} is false, an explicit {@code escape} escapes
 * it again, string filters and {@code ~} give plain text).
 *
 * <p>The trade-off is the one of ScratchText: mutable and reused, so it never reaches user code; the few places
 * where a value leaves the engine turn it into a fresh Markup ({@link #toMarkup()}).
 */
public final class SafeText implements CharSequence {
    /** The buffer holding the characters (its content changes when the buffer is reused). */
    public final ScratchText text;

    SafeText(ScratchText text) {
        this.text = text;
    }

    /** A fresh, immutable Markup of the same characters (for a value leaving the engine; allocates). */
    public Markup toMarkup() {
        return new Markup(text.toString());
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    /** The text as a new String (a fallback; allocates). */
    @Override
    public String toString() {
        return text.toString();
    }
}
