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
    static final Map<String, String> STILL_ALLOCATING = Map.ofEntries(
            Map.entry("api", "3424 B / 3424 B (7025 B before texts and dates made as values came from the render's"
                    + " caches): resource.twig's order macro builds its JSON:API mapping per call (a mapping literal of"
                    + " computed values, TemplateClass.newMap, and the mapping returned by the lines' map arrow,"
                    + " Semantics.put; o|filter(...)|merge({...}) copies its input, PhpArrays.copy); index.twig's links"
                    + " mapping kept by set; json_encode of floats whose shortest form needs BigDecimal/BigInteger"
                    + " (0.1 + 0.2, 2 ** 63, 1.0E+20: PhpFloats.gcvt)"),
            Map.entry("archive", "7608 B / 7608 B (26000 B before date texts were read without a parser and split's"
                    + " pieces, concatenations and dates made as values came from the render's caches): counts kept by"
                    + " {% set years = years|merge({(y): ...}) %}, tags|reduce and months|reduce into a mapping copy the"
                    + " mapping at every step (CollectionFilters.merge -> PhpArrays.copy), the integer-like key y a"
                    + " Long (Values.normalizeStringKey); posts|filter(...) kept by set (PhpArrays.copy)"),
            Map.entry("pricing", "2560 B / 2560 B (3680 B before matches read numbers without their String):"
                    + " the feature list folded by reduce((u, f) => f in u ? u : [...u, f], []): a spread sequence"
                    + " literal per step (Semantics.sequence -> Values.toMap/toList: an ArrayList, a LinkedHashMap and"
                    + " its entries); base.twig's block('title')|striptags (RenderState.endCapture and"
                    + " StripTags.strip: a String each)"),
            Map.entry("search", "13152 B / 13152 B (31048 B before concatenations, case filters and dates made as"
                    + " values came from the render's caches): mappings built by reduce(... acc|merge({(key): ...}))"
                    + " copy at every step (facets and years in index.twig, byAuthor, hit.twig's highlight marks:"
                    + " CollectionFilters.merge -> PhpArrays.copy); sequence and mapping literals compared in sort"
                    + " arrows (Semantics.sequence/mapping)"),
            Map.entry("threads", "3136 B / 3136 B: {% set preview %}{% include ... %}{% endset %} keeps its text"
                    + " (RenderState.endCapture -> StringBuilderOutput.toString); the with mappings of index.twig"
                    + " (TemplateClass.newMap / Semantics.put) and users|reduce(... u|merge([x]) ...) (PhpArrays.copy);"
                    + " comment.twig's recursive include with {path: path ~ '.' ~ loop.index} only makes the"
                    + " computed path a String (Semantics.ownTexts -> ScratchText.toString)"),
            Map.entry("widgets", "1816 B / 1816 B (10392 B before literals passed to macros became render-private):"
                    + " ui.twig's card macro merges its options per call ({tone: ...,"
                    + " icon: null, footer: null}|merge(opts): PhpArrays.copy, a LinkedHashMap and entries);"
                    + " number_format of a float passed as a macro argument ((rev|last / 1000)|number_format(1):"
                    + " PhpFloats.fixed's BigDecimal); the options literals copied for the card macro, which keeps them"
                    + " (Semantics.boundArgument -> PhpArrays.owned)"));

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
