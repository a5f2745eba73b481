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
            Map.entry("api", "7096 B / 7048 B (12584 B before literals passed to macros became render-private):"
                    + " resource.twig's order macro builds its JSON:API mapping per call (o.lines|map((l, i) =>"
                    + " {type: ..., id: ..., sku: ...}): the arrow's hash literal is a fresh LinkedHashMap per line, an"
                    + " element of the map's result; '' ~ o.id and o.id ~ '-' ~ i a String each,"
                    + " Values.toString; o.placed|date('c') as a mapping value, PhpDateParser.result: a ZonedDateTime);"
                    + " index.twig's links mapping kept by set; json_encode of floats whose shortest form needs"
                    + " BigDecimal/BigInteger (0.1 + 0.2, 2 ** 63, 1.0E+20: PhpFloats.gcvt)"),
            Map.entry("archive", "19488 B / 19488 B (26000 B before merges into a variable or a reduce's carry"
                    + " were made in place): excerpt.twig's set all = text|split(' ')|filter(...) makes a String per word"
                    + " (StringFilters.piece -> ScratchText.toString); p.date|date('Y') / date('Y-m') of date texts in"
                    + " loops and arrows parse each time (PhpDate.convert -> PhpDateParser.create: a parser, its Fields,"
                    + " a ZonedDateTime, PhpDate.format's Fields); 'm' ~ p.date|date('Y-m') as a computed key"
                    + " (Values.concat); years counted under date('Y') texts: a numeric text as a key is a new Long"
                    + " (Values.normalizeKey)"),
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
            Map.entry("pricing", "1008 B / 1008 B (3680 B before the reduce's spread [...u, f] and merge extended"
                    + " their carry in place): v matches '/^\\d{4,}$/' on integers and floats"
                    + " makes their text (Values.toString -> Long.toString, PhpNumbers.formatDouble); base.twig's"
                    + " block('title')|striptags (RenderState.endCapture and StripTags.strip: a String each)"),
            Map.entry("search", "20088 B / 20088 B (31048 B before mappings built by reduce(... acc|merge(...))"
                    + " were extended in place): the spread literals printed on the spot ([...terms, ...['extra']],"
                    + " {...selected, page: page, q: q}, {...{a: 1, b: 2}, ...{b: 3}}: Semantics.sequence/mapping ->"
                    + " Values.toMap, a LinkedHashMap and entries each); hit.twig's marks with t|capitalize and"
                    + " '<mark>' ~ t ~ '</mark>' as mapping values (StringFilters.capitalize's substring,"
                    + " Values.concat); hit.date|date('Y') in a map arrow parses each time (PhpDate.now,"
                    + " PhpDateParser)"),
            Map.entry("threads", "3136 B / 3136 B: {% set preview %}{% include ... %}{% endset %} keeps its text"
                    + " (RenderState.endCapture -> StringBuilderOutput.toString); the with mappings of index.twig"
                    + " (TemplateClass.newMap / Semantics.put) and users|reduce(... u|merge([x]) ...) as a value of"
                    + " the with mapping (kept: a copy per step, PhpArrays.copy);"
                    + " comment.twig's recursive include with {path: path ~ '.' ~ loop.index} only makes the"
                    + " computed path a String (Semantics.ownTexts -> ScratchText.toString)"),
            Map.entry("widgets", "536 B / 536 B (10392 B before literals passed to macros became render-private,"
                    + " 1816 B before ui.twig's set o = {...}|merge(opts), read by element, became render-private):"
                    + " number_format of a float passed as a macro argument ((rev|last / 1000)|number_format(1):"
                    + " PhpFloats.fixed's BigDecimal); '<ul class=\"tree\">' ~ charts.tree(storage) ~ '</ul>' as a"
                    + " macro argument (Values.concat, ScratchText.toString)"));

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
