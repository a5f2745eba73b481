package dev.zweig;

/**
 * A string already safe for output (Twig's {@code Twig\Markup}): autoescaping leaves it alone. Its truthiness is
 * that of its text (an empty markup is false, as in Twig 3.28+).
 */
public final class Markup implements CharSequence {
    private final String content;

    public Markup(String content) {
        this.content = content == null ? "" : content;
    }

    public static Markup of(CharSequence s) {
        return s instanceof Markup m ? m : new Markup(s.toString());
    }

    @Override
    public int length() {
        return content.length();
    }

    @Override
    public char charAt(int index) {
        return content.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return content.subSequence(start, end);
    }

    @Override
    public String toString() {
        return content;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Markup m && m.content.equals(content);
    }

    @Override
    public int hashCode() {
        return content.hashCode();
    }
}
