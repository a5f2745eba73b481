package dev.zweig.core;

import dev.zweig.php.PhpArrays;
import dev.zweig.ext.CallContext;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.Markup;
import dev.zweig.runtime.SafeText;
import dev.zweig.runtime.ScratchText;
import dev.zweig.php.Values;

/**
 * The core string filters as producers of render-private text (see ScratchAnalysis): a call whose result is a
 * plain string, exactly the text the filter's streaming form writes, is written into a buffer the render reuses.
 * The other calls (a trimmed Markup stays Markup, escape hands numbers and Markup back as they are, json_encode may
 * return false) run the filter itself.
 */
public final class TextFilters {
    private TextFilters() {
    }

    /**
     * Writes the result of the core filter d (named filter) for the arguments a (input first) into out and
     * returns out when the result is a plain string; else returns the result itself (out then holds nothing
     * meaningful).
     */
    public static Object write(String filter, FilterDefinition d, CallContext ctx, Object[] a, ScratchText out)
            throws Exception {
        switch (filter) {
            case "json_encode":
                // a string, or false when the value cannot be encoded: known once it is written
                return FilterWriters.writeJson(ctx, a, out) ? out : Boolean.FALSE;
            case "trim":
                if (a[0] instanceof SafeText && a[1] == null) {
                    d.writer().write(ctx, a, out);
                    return out.safe(); // a trimmed safe text stays safe
                }
                if (a[0] instanceof Markup && a[1] == null) {
                    return d.body().invoke(ctx, a); // a trimmed Markup stays Markup
                }
                break;
            case "escape", "e":
                if (!(a[0] instanceof CharSequence) || (Values.isMarkup(a[0]) && Values.isTrue(a[3]))) {
                    return d.body().invoke(ctx, a); // numbers, arrays and autoescaped Markup come back as they are
                }
                break;
            case "slice":
                if (PhpArrays.isIterable(a[0])) {
                    return d.body().invoke(ctx, a); // a slice of an array is an array
                }
                break;
            default:
                break;
        }
        d.writer().write(ctx, a, out);
        return out;
    }
}
