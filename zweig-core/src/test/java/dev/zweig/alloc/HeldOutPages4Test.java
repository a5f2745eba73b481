package dev.zweig.alloc;

import java.util.Map;

/**
 * A fourth set of held-out pages (issue 10, "Verification"), written by a stranger to the engine in domains and
 * features the first three sets use little: a report card (a conditional parent template, {@code use} with a renamed
 * block rendered through block(), blocks of the used template reading loop variables, a grade scale of integer keys
 * filtered and sliced with preserved keys, batch with a fill value, same as on mixed attendance values), a helpdesk
 * board (embed inside a loop overriding blocks with parent(), an include from inside an embedded block, mappings
 * grouped by reduce, hours computed from date('U'), matches with flags, url_encode of a mapping in an attribute,
 * join with a final separator), a cookbook (macros with defaults, varargs, named arguments and a macro importing
 * _self, quantities scaled into fraction glyphs via a mapping lookup, apply title/spaceless/upper, a captured set),
 * a league table (sorting by array comparison with ?:, cycle, loop.revindex, split(''), whitespace control with
 * ~, reverse(true) and slice preserving keys, range of letters with a step, multiple set targets), a documentation
 * page (a recursive include with only, include of a name list with ignore missing, source, template_from_string,
 * verbatim, every escaping strategy, an autoescape 'js' block, json_encode with flags, striptags with allowed tags),
 * a weather forecast (from ... import ... as, date_modify in loops, time zones, format with several arguments,
 * range with a step, unicode slicing), a plain-text mail digest (autoescape false, date('r'), split with limits,
 * trim of one side, an include that escapes again, nl2br of pretty JSON) and payslips (deprecated, with, a tax
 * computed by reduce into a mapping, number_format with separators, negative amounts through macros). Each lives in
 * {@code heldout4/<page>/}; the expected output is real Twig's (scripts/heldout/gen.py --folder heldout4).
 */
class HeldOutPages4Test extends HeldOutPages {
    HeldOutPages4Test() {
        super("heldout4", 8, STILL_ALLOCATING);
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
