package dev.zweig.alloc;

import java.util.Map;

/**
 * A sixth set of held-out pages (issue 10, "Verification"), written by a stranger to the engine in kinds of page
 * and Twig 3.29 features the first five sets use little: an order confirmation (a child template importing money
 * macros at its top that print cents by // and % and '%02d' without number_format, block() of the title in the
 * parent, a with block over a ceil-rounded float, in over a mapping's values and over its keys, string
 * interpolation of a filtered value), a Gantt-like schedule (date_modify by a concatenated and by an interpolated
 * modifier over a 0..6 range, loop.parent.loop.index, {%- -%} around an inner loop, in over a list of dates, the
 * end date from a reduce with max, a day count from date('U') differences), a changelog of releases (an embed
 * inside a block of an embed inside a loop, parent() in an embedded block, embed ... only, {%~ ~%} whose ~%} keeps
 * the newline a plain %} would eat, a block reading the embedded template's loop), a localized ranking (sort by
 * an arrow chaining two spaceships with ?:, which keeps the original keys, so the for's key is the old position,
 * keys|sort choosing columns, filter with (v, k), spaceship of numbers, strings and arrays, a ternary of constant
 * markup left unescaped, join output escaped), a bank statement (running totals set inside a loop and read after
 * it, as Twig's loop keeps its changes of the outer variables, '%+.2f', round with 'floor'/'ceil' of float sums, a
 * float percentage printed as PHP prints a whole float, slice(-4) of a string), a sitemap (a recursive macro
 * importing _self inside itself, nested lists, an outline macro using whitespace control and not loop.last), a
 * kanban board (grouping by reduce and merge under computed keys, batch with a fill value, loop.parent in a nested
 * loop, is iterable, a range to a filtered length with divisible by) and survey results (percentages rounded
 * three ways, max/min over mappings and over mapped lists, an arrow inside an arrow, ** right-associative, ??/?:
 * chains over null and '', a {#- -#} comment, slice with negative offsets of ranges, strings and lists, in over a
 * mapping's values). Each lives in {@code heldout6/<page>/}. Real Twig (PHP) was not available when they were
 * written: expected.html was reasoned out line by line from Twig 3.29's documented behaviour and source (its
 * lexer's trimming, the escaper's constant ternary branches, uasort in sort, the for loop's context merge) and
 * PHP's formatting of floats, not taken from the engine's output.
 */
class HeldOutPages6Test extends HeldOutPages {
    HeldOutPages6Test() {
        super("heldout6", 8, STILL_ALLOCATING);
    }

    /**
     * Pages that still allocate in steady state, each with what allocates (see {@link HeldOutPages}); bytes per render
     * on the compiled / interpreted executor as last measured.
     */
    static final Map<String, String> STILL_ALLOCATING = Map.of();

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
