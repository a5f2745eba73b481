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
    static final Map<String, String> STILL_ALLOCATING = Map.ofEntries(
            Map.entry("digest", "23600 B / 23600 B: entry.twig's item.body|striptags|split(' ') makes a String per word"
                    + " (StringFilters.piece -> ScratchText.subSequence/toString) and grows the list"
                    + " (StringFilters.split); the sections grouped by reduce(acc|merge({(k): ...})) copy the mapping"
                    + " each step (CollectionFilters.merge -> PhpArrays.copy); sent|date_modify('-7 days') parses"
                    + " (PhpDateParser)"),
            Map.entry("docs", "145295 B / 35705 B: include(template_from_string(snippet)) compiles the snippet's"
                    + " bytecode again at every render on the compiled executor (BytecodeCompiler.inMethod's"
                    + " ByteVector, ClassGen.define: most of the compiled figure); the interpreted figure is the"
                    + " snippet parsed again and the toc/example includes' with mappings (TemplateClass.newMap)"),
            Map.entry("forecast", "11064 B / 11064 B: issued|date_modify('+' ~ i ~ ' days') and ('+' ~ h ~ ' hours')"
                    + " in loops (Values.concat -> ScratchText.toString, PhpDateParser.modify: a parser, ZoneRules"
                    + " of Atlantic/Reykjavik, a ZonedDateTime per call); dates converted with a time zone argument"
                    + " (PhpDateParser.create)"),
            Map.entry("gradebook", "2416 B / 2416 B: the results list kept by {% set results = results|merge([{...}])"
                    + " %} (an Object[] per step, a mapping literal of computed values per course:"
                    + " TemplateClass.newMap, Semantics.put)"),
            Map.entry("helpdesk", "8176 B / 8368 B: ticket.twig's now|date('U') - t.opened|date('U') parses both"
                    + " dates per ticket (PhpDateParser.create/result: an Instant, a ZonedDateTime;"
                    + " PhpDate.format's Fields); by_status grouped by reduce(acc|merge(...)) and the sorted columns"
                    + " copy (CollectionFilters.merge/sort -> PhpArrays.copy)"),
            Map.entry("league", "10616 B / 10784 B: r.form|split('') makes a String per letter"
                    + " (StringFilters.piece, an ArrayList in StringFilters.split); the rows kept by"
                    + " {% set rows = rows|merge([r|merge({...})]) %} copy at every step (PhpArrays.copy)"),
            Map.entry("payroll", "5344 B / 5368 B: slip.twig's brackets|reduce((acc, b) => {left: ..., due: ...})"
                    + " builds a mapping per step (TemplateClass.newMap, Semantics.put); the with mapping of"
                    + " index.twig; money.line's varargs (Semantics.macroInPlace)"),
            Map.entry("recipe", "16224 B / 16224 B: ingredients grouped by reduce(g|merge({(k): ...|merge([i])}))"
                    + " and the shopping list's map(i => i|merge({factor: ...})) copy mappings at every step"
                    + " (CollectionFilters.merge -> PhpArrays.copy: LinkedHashMap, entries, tables); u.tags's"
                    + " varargs (Semantics.macroInPlace)"));

    /** The data of these pages is plain maps and lists, as data.json has it. */
    @Override
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return data;
    }
}
