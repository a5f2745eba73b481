package dev.zweig.alloc;

import java.util.Map;

/**
 * A third set of held-out pages (issue 10, "Verification"), written by someone new to the engine in styles the first
 * two sets ({@link HeldOutPagesTest}, {@link HeldOutPages2Test}) use little: a paginated blog archive (excerpts cut by
 * split/slice/join, reading time with round('ceil'), striptags, nl2br, raw against escaped titles, counts kept in
 * mappings built by merge with computed keys, which PHP renumbers when they are integer-like), an RSS feed with a
 * sitemap (CDATA through a macro and raw, PHP's DATE_* constants, url_encode of path segments, html_attr, verbatim,
 * a priority from max of floats), a JSON API response (json_encode with flag sets made by b-or of JSON_* constants,
 * pretty printing, forced objects, numeric check, zero fractions, hex escapes, filter with keys, map with keys, a
 * macro's output escaped by its own template's autoescaping), a pricing table (named arguments to macros, a macro
 * importing _self, round with precision and method through macro defaults, format with widths, precision and
 * padding characters, spread in a sequence literal, same as), an admin dashboard of macros importing macros from
 * other files inside their bodies (from ... import ... as, is defined on macros, recursion, a captured set block, a
 * macro's output joined, concatenated and filtered), a forum thread (a recursive include with only, embed with
 * blocks nested in blocks, with nested in with, include() with with_context = false and named variables, apply
 * with chained filters), a month calendar (date_modify in loops, first/second weekday phrases, batch(7) of a grid,
 * ISO weeks, time zones with DST and odd offsets, set outside blocks in a child template) and a search results page
 * (types, guard, deprecated, facets counted by reduce into mappings, array comparison in sort, slice preserving
 * keys, has some/every whose arrow swallows a ternary, column with an index key, map with keys, spread of mappings,
 * highlighting by replace over escaped text). Each lives in {@code heldout3/<page>/}; the expected output is real
 * Twig's (scripts/heldout/gen.py --folder heldout3).
 */
class HeldOutPages3Test extends HeldOutPages {
    HeldOutPages3Test() {
        super("heldout3", 8, STILL_ALLOCATING);
    }

    /**
     * Pages that still allocate in steady state, each with what allocates (see {@link HeldOutPages}); bytes per render
     * on the compiled / interpreted executor as last measured (JFR allocation samples name the sites).
     */
    static final Map<String, String> STILL_ALLOCATING = Map.of();

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
