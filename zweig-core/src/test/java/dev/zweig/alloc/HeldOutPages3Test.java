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
            Map.entry("api", "3034 B / 3033 B (7025 B before the order macro's JSON:API mapping, its map"
                    + " arrow's mappings, the links kept by set and json_encode's floats became render-private or"
                    + " allocation-free): resource.twig's o.placed|date('c') and date('U') as mapping values parse and"
                    + " format each time (PhpDate.convert -> PhpDateParser.create: a parser, its Fields, a"
                    + " ZonedDateTime and its ZoneRules; PhpDate.format's Fields and a String);"
                    + " o|filter(...)|merge({...}) copies its input (PhpArrays.copy)"),
            Map.entry("archive", "26000 B / 26000 B: counts kept by {% set years = years|merge({(y): ...}) %} and"
                    + " tags|reduce into a mapping copy the mapping at every step (CollectionFilters.merge ->"
                    + " PhpArrays.copy); excerpt.twig's set all = text|split(' ')|filter(...) makes a String per word"
                    + " (StringFilters.piece -> ScratchText.toString); p.date|date('Y') / date('Y-m') of date texts in"
                    + " loops and arrows parse each time (PhpDate.convert -> PhpDateParser.create: a parser, its Fields,"
                    + " a ZonedDateTime, PhpDate.format's Fields); 'm' ~ p.date|date('Y-m') as a computed key"
                    + " (Values.concat)"),
            Map.entry("calendar", "9552 B / 9600 B (14118 B before dates kept by set and passed to macros became"
                    + " render-private): concatenated modifiers handed to date_modify"
                    + " (date_modify('+' ~ (d - 1) ~ ' days') in filter arrows and loops: Values.concat and"
                    + " ScratchText.toString, a String per call, then the modified date) and the grid's"
                    + " {% set key = first|date('Y-m-') ~ '%02d'|format(d) %} per day (a String kept by set)"),
            Map.entry("feed", "5600 B / 5600 B: i.published|date('U') inside map/sort arrows formats through the value"
                    + " path (DateDefinitions.formatDate -> PhpDate.convert: PhpDate.now's ZonedDateTime, a"
                    + " PhpDateParser and its Fields, a String); sitemap.twig's p.path|trim('/')|split('/')|filter"
                    + " and split('/')|map(s => s|url_encode) make a String per segment and grow an ArrayList"
                    + " (StringFilters.split -> piece, ScratchText.subSequence)"),
            Map.entry("pricing", "2896 B / 2896 B (3680 B before matches read numbers' digits in place): the feature"
                    + " list folded by reduce((u, f) => f in u ? u : [...u, f], []): a spread sequence literal per step"
                    + " (Semantics.sequence -> Values.toMap/toList: an ArrayList, a LinkedHashMap and its entries);"
                    + " base.twig's block('title')|striptags (RenderState.endCapture and StripTags.strip: a String"
                    + " each)"),
            Map.entry("search", "31048 B / 31048 B: mappings built by reduce(... acc|merge({(key): ...}))"
                    + " copy at every step (facets and years in index.twig, byAuthor, hit.twig's highlight marks:"
                    + " CollectionFilters.merge -> PhpArrays.copy), with t|capitalize and '<mark>' ~ t ~ '</mark>' as"
                    + " mapping values (StringFilters.capitalize's substring, Values.concat); hit.date|date('Y') in a"
                    + " map arrow parses each time (PhpDate.now, PhpDateParser)"),
            Map.entry("threads", "208 B / 208 B (3136 B before with mappings, include ... only mappings and a"
                    + " capture of such an include became render-private): users|reduce(... u|merge([x]) ...) copies"
                    + " the carry at every step (CollectionFilters.merge -> PhpArrays.copy); the with's users:"
                    + " topic.replies|column('user') is a fresh list (a with's value is kept: PhpArrays.result)"),
            Map.entry("widgets", "1816 B / 1816 B (10392 B before literals passed to macros became render-private):"
                    + " ui.twig's card macro merges its options per call ({tone: ...,"
                    + " icon: null, footer: null}|merge(opts): PhpArrays.copy, a LinkedHashMap and entries), so a"
                    + " mapping literal passed as opts is copied when bound (Semantics.boundArgument ->"
                    + " PhpArrays.owned, its computed footer text a String: ScratchText.toString)"));

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
