package dev.zweig.core;

import dev.zweig.runtime.Markup;
import dev.zweig.runtime.Values;

/**
 * Which calls of the core string filters return a plain string, exactly the text their streaming form writes:
 * the interpreter builds those results in render-private buffers when nothing but the core reads them (see
 * ScratchAnalysis). The others (a trimmed Markup stays Markup, escape hands numbers and Markup back as they are,
 * json_encode may return false) run the filter itself.
 */
public final class TextFilters {
    private TextFilters() {
    }

    /** Whether the filter, called with these arguments (input first), returns the plain string it would print. */
    public static boolean isText(String filter, Object[] a) {
        return switch (filter) {
            case "trim" -> !(a[0] instanceof Markup && a[1] == null);
            case "escape", "e" -> a[0] instanceof CharSequence && !(a[0] instanceof Markup && Values.isTrue(a[3]));
            case "json_encode" -> JsonEncoder.encodes(a[0], a[1], a[2]);
            default -> true;
        };
    }
}
