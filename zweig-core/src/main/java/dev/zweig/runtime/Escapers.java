package dev.zweig.runtime;

import dev.zweig.output.Output;

/**
 * Twig's escaping strategies (EscaperRuntime), writing straight into an {@link Output}: html, js, css, url,
 * html_attr and html_attr_relaxed.
 */
public final class Escapers {
    private Escapers() {
    }

    /** Whether the strategy name is known. */
    public static boolean isStrategy(String strategy) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Escapes s with the strategy into out; unknown strategy: IllegalArgumentException. */
    public static void escape(String strategy, CharSequence s, Output out) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Escapes s with the strategy into a new String. */
    public static String escape(String strategy, CharSequence s) {
        throw new UnsupportedOperationException("TODO");
    }

    /** htmlspecialchars(ENT_QUOTES | ENT_SUBSTITUTE): & < > " ' become &amp; &lt; &gt; &quot; &#039;. */
    public static void html(CharSequence s, Output out) {
        throw new UnsupportedOperationException("TODO");
    }
}
