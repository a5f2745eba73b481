package dev.zweig.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.zweig.Environment;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import dev.zweig.runtime.Escapers;
import dev.zweig.Markup;
import dev.zweig.php.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Autoescaping of every expression shape, for every strategy, after the rules of Twig 3.29's EscaperNodeVisitor,
 * SafeAnalysisNodeVisitor and EscaperRuntime (read from Twig's source):
 * <ol>
 * <li><b>pre_escape</b>: every filter declared with a pre-escape strategy (nl2br, spaceless: html) gets its input
 * escaped with it unless the input is safe for it, wherever the filter stands and even with autoescaping off
 * (preEscapeFilterNode runs for every FilterExpression of the tree);
 * <li><b>print</b>: a printed expression is escaped with the strategy in effect unless it is safe for it; the
 * operands of {@code ? :}, {@code ?:} and {@code ??} (the left one too, 3.19) are escaped one by one, recursively
 * (OperatorEscapeInterface);
 * <li><b>safety</b>: literals, macro calls, block() and parent() are safe for all; a filter or function for what
 * it declares (is_safe, or is_safe_callback: escape('s') is safe for s, escape for html, a strategy in a variable
 * for nothing); else a filter with preserves_safety keeps its input's safety for the listed strategies; a ternary,
 * ?: or ?? for what both operands are; variables, attributes, concatenations, arrays, hashes and everything else
 * for nothing. html_attr implies html_attr_relaxed and html; html_attr_relaxed implies html;
 * <li><b>runtime</b>: the escaping inserted by autoescaping leaves Markup alone (captures, apply, macro results,
 * include() since 3.28); an explicit |escape escapes Markup too; concatenation, join and string filters turn
 * Markup into a plain string.
 * </ol>
 * Each case is a template and its expected output written as a composition of those steps ({@link #out}: the
 * print rule; {@link #auto}: the inserted escaping; {@link #esc}: an explicit escape; nl2br, upper, ...: the
 * filters). The character-level escapers are checked separately, code point by code point, in
 * EscapingExhaustiveTest; here they only serve to compose the expectations. Every case runs under every mode
 * (environment strategy html, js, css, url, html_attr, html_attr_relaxed, off; the 'name' strategy with .html,
 * .js, .json, .css and .txt templates; and an {@code {% autoescape %}} tag of each strategy around the body) with
 * an unsafe string and with the same text as Markup.
 */
class EscapingShapesTest {
    private static final String H = "html";
    private static final String ATTR = "html_attr";
    private static final String RELAXED = "html_attr_relaxed";
    private static final String TEXT = "<a href=\"u\">'&'</a>\nz";

    // ---- the value model: text plus whether it is Markup ----------------------------------------------------

    record V(String s, boolean markup) {
    }

    static V str(String s) {
        return new V(s, false);
    }

    /** Escaping inserted by autoescaping (escape(s, null, true)): Markup passes, off (null) changes nothing. */
    static V auto(String strategy, V v) {
        return strategy == null || v.markup() ? v : str(Escapers.escape(strategy, v.s()));
    }

    /** An explicit |escape: escapes Markup too. */
    static V esc(String strategy, V v) {
        return str(Escapers.escape(strategy, v.s()));
    }

    static V nl2br(V v) {
        return str(v.s().replace("\n", "<br />\n"));
    }

    static V upper(V v) {
        return str(v.s().toUpperCase(Locale.ROOT));
    }

    static V lower(V v) {
        return str(v.s().toLowerCase(Locale.ROOT));
    }

    /** Twig's spaceless: whitespace between tags removed, then PHP's trim. */
    static V spaceless(V v) {
        return str(v.s().replaceAll(">\\s+<", "><").replaceAll("^[ \\t\\n\\r\\x00\\x0B]+|[ \\t\\n\\r\\x00\\x0B]+$", ""));
    }

    /** Concatenation (also join and interpolation): always a plain string. */
    static V cat(Object... parts) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append(p instanceof V v ? v.s() : (String) p);
        }
        return str(sb.toString());
    }

    /** PHP's json_encode of an ASCII string with the default flags ("/" escaped, quotes and controls escaped). */
    static String json(V v) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : v.s().toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '/' -> sb.append("\\/");
                case '\n' -> sb.append("\\n");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /**
     * The print rule: with autoescaping off, or when the printed expression is safe for the strategy in effect, the
     * value is written as it is; otherwise it goes through the inserted escaping (which Markup passes).
     */
    static String out(String strategy, V v, String... safeFor) {
        List<String> safe = List.of(safeFor);
        if (strategy == null || safe.contains("all") || safe.contains(strategy)) {
            return v.s();
        }
        return auto(strategy, v).s();
    }

    static String out(String strategy, String s, String... safeFor) {
        return out(strategy, str(s), safeFor);
    }

    // ---- modes ---------------------------------------------------------------------------------------------

    /**
     * How a case runs. print: the strategy in effect where the case's body prints (null: off); def: the default
     * strategy of the case's template (what its macros escape with); inc: that of inc.twig and macros.twig.
     */
    record Mode(String label, Object autoescape, String ext, String tag, String print, String def, String inc) {
        static Mode env(String s) {
            return new Mode("autoescape " + s, s, ".twig", null, s, s, s);
        }

        /** The 'name' strategy: the template's extension decides; inc.twig and macros.twig are html. */
        static Mode name(String ext, String s) {
            return new Mode("name " + ext, "name", ext + ".twig", null, s, s, H);
        }

        /** An autoescape tag around the body in an html environment. */
        static Mode tag(String s) {
            return new Mode("autoescape tag " + (s == null ? "false" : s), H, ".twig",
                    s == null ? "false" : "'" + s + "'", s, H, H);
        }
    }

    static final List<Mode> MODES = List.of(
            Mode.env(H), Mode.env("js"), Mode.env("css"), Mode.env("url"), Mode.env(ATTR), Mode.env(RELAXED),
            new Mode("autoescape off", false, ".twig", null, null, null, null),
            Mode.name(".html", H), Mode.name(".js", "js"), Mode.name(".json", "js"), Mode.name(".css", "css"),
            Mode.name(".txt", null),
            Mode.tag(H), Mode.tag("js"), Mode.tag("css"), Mode.tag("url"), Mode.tag(ATTR), Mode.tag(RELAXED),
            Mode.tag(null));

    // ---- cases ---------------------------------------------------------------------------------------------

    /** prefix: root-level template code (macros, imports) kept outside an autoescape tag; body: what prints. */
    record Case(String group, String prefix, String body, BiFunction<Mode, V, String> expected) {
    }

    static final List<Case> CASES = new ArrayList<>();

    static void add(String group, String body, BiFunction<Mode, V, String> expected) {
        CASES.add(new Case(group, "", body, expected));
    }

    static void add(String group, String prefix, String body, BiFunction<Mode, V, String> expected) {
        CASES.add(new Case(group, prefix, body, expected));
    }

    /** x|nl2br anywhere: x escaped for html first (unless Markup), then the line breaks. */
    static V nl(V x) {
        return nl2br(auto(H, x));
    }

    /** The same-template macro {@code hi(v)}: {@code <i>{{ v }}</i>} escaped with the template's default strategy. */
    static V hi(Mode m, V v) {
        return new V("<i>" + auto(m.def(), v).s() + "</i>", true);
    }

    static final String HI = "{% macro hi(v) %}<i>{{ v }}</i>{% endmacro %}";

    /** include('inc.twig'): {@code <p>{{ x }}</p>} rendered with inc.twig's own strategy, returned as Markup. */
    static V inc(Mode m, V x) {
        return new V("<p>" + auto(m.inc(), x).s() + "</p>", true);
    }

    /** A capture of {@code <b>{{ x }}</b>} plus a line break: Markup. */
    static V capture(Mode m, V x) {
        return new V("<b>" + auto(m.print(), x).s() + "</b>\n", true);
    }

    static {
        // 1. Ternary branches are escaped one by one; nl2br pre-escapes its input inside a branch.
        String g = "ternary";
        add(g, "{{ f ? x|raw : x|nl2br }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ t ? x|raw : x|nl2br }}", (m, x) -> x.s());
        add(g, "{{ t ? x|nl2br : x }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ f ? x|nl2br : x }}", (m, x) -> out(m.print(), x));
        add(g, "{{ t ? x|e('js') : x|e }}", (m, x) -> out(m.print(), esc("js", x), "js"));
        add(g, "{{ f ? x|e('js') : x|e }}", (m, x) -> out(m.print(), esc(H, x), H));
        add(g, "{{ t ? x|e('html_attr') : '<i>' }}", (m, x) -> out(m.print(), esc(ATTR, x), ATTR, RELAXED, H));
        add(g, "{{ f ? x|e('html_attr') : '<i>' }}", (m, x) -> "<i>");
        add(g, "{{ t ? x : '<i>' }}", (m, x) -> out(m.print(), x));
        add(g, "{{ t ? x|spaceless : x|raw }}", (m, x) -> out(m.print(), spaceless(auto(H, x)), H));

        // 2. Nested ternaries: the escaping recurses into each nested operand.
        g = "nested ternary";
        add(g, "{{ t ? (f ? x : x|raw) : x|nl2br }}", (m, x) -> x.s());
        add(g, "{{ f ? x : (t ? x|nl2br : x|raw) }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ t ? (t ? x|nl2br : x) : x|raw }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ f ? x|raw : (f ? x|raw : x) }}", (m, x) -> out(m.print(), x));
        add(g, "{{ t ? (t ? (f ? x : x|e('js')) : x) : x }}", (m, x) -> out(m.print(), esc("js", x), "js"));

        // 3. ?: escapes its left operand (what it yields) and its right one; its test is not escaped.
        g = "elvis";
        add(g, "{{ x|nl2br ?: 'none' }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ x ?: 'none' }}", (m, x) -> out(m.print(), x));
        add(g, "{{ '' ?: x|nl2br }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ x|raw ?: x }}", (m, x) -> x.s());
        add(g, "{{ '' ?: x|e('css') }}", (m, x) -> out(m.print(), esc("css", x), "css"));
        add(g, "{{ x|e('url') ?: x }}", (m, x) -> out(m.print(), esc("url", x), "url"));

        // 4. ?? escapes both operands, the left one included (3.19).
        g = "null coalescing";
        add(g, "{{ missing ?? x|nl2br }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ x ?? 'd' }}", (m, x) -> out(m.print(), x));
        add(g, "{{ missing ?? x|raw }}", (m, x) -> x.s());
        add(g, "{{ missing ?? x }}", (m, x) -> out(m.print(), x));
        add(g, "{{ obj.a ?? '<i>' }}", (m, x) -> out(m.print(), x));
        add(g, "{{ obj.none ?? '<i>' }}", (m, x) -> "<i>");
        add(g, "{{ obj.none ?? x|nl2br }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ missing ?? (f ? x|raw : x|nl2br) }}", (m, x) -> out(m.print(), nl(x), H));
        add(g, "{{ missing ?? (t ? x|raw : x) }}", (m, x) -> x.s());

        // 5. A concatenation is safe for nothing: escaped as a whole, pre-escaped parts included (twice, then).
        g = "concatenation";
        add(g, "{{ x|nl2br ~ '!' }}", (m, x) -> out(m.print(), cat(nl(x), "!")));
        add(g, "{{ x|raw ~ '!' }}", (m, x) -> out(m.print(), cat(x, "!")));
        add(g, "{{ '<i>' ~ x|e }}", (m, x) -> out(m.print(), cat("<i>", esc(H, x))));
        add(g, "{{ x ~ x|nl2br }}", (m, x) -> out(m.print(), cat(x, nl(x))));
        add(g, "{{ (x|nl2br ~ '!')|raw }}", (m, x) -> cat(nl(x), "!").s());
        add(g, "{{ (x ~ '')|nl2br }}", (m, x) -> out(m.print(), nl(cat(x)), H));

        // 6. Interpolation is concatenation.
        g = "interpolation";
        add(g, "{{ \"[#{x|nl2br}]\" }}", (m, x) -> out(m.print(), cat("[", nl(x), "]")));
        add(g, "{{ \"[#{x}]\" }}", (m, x) -> out(m.print(), cat("[", x, "]")));
        add(g, "{{ \"[#{x|raw}]\"|raw }}", (m, x) -> cat("[", x, "]").s());
        add(g, "{{ \"[#{x}]\"|nl2br }}", (m, x) -> out(m.print(), nl(cat("[", x, "]")), H));

        // 7. Array and hash literals are safe for nothing; filters inside their items still pre-escape.
        g = "arrays and hashes";
        add(g, "{{ [x|nl2br, '<i>']|join(' ') }}", (m, x) -> out(m.print(), cat(nl(x), " <i>")));
        add(g, "{{ [x|nl2br]|join|raw }}", (m, x) -> nl(x).s());
        add(g, "{{ {k: x|nl2br}|join }}", (m, x) -> out(m.print(), nl(x)));
        add(g, "{{ {(x|nl2br): 1}|keys|join }}", (m, x) -> out(m.print(), nl(x)));
        add(g, "{{ {k: x|nl2br}|json_encode }}", (m, x) -> out(m.print(), "{\"k\":" + json(nl(x)) + "}"));
        add(g, "{{ [x|e('js')]|json_encode|raw }}", (m, x) -> "[" + json(esc("js", x)) + "]");
        add(g, "{{ [x]|json_encode }}", (m, x) -> out(m.print(), "[" + json(x) + "]"));
        add(g, "{{ [x, '<i>']|join|nl2br }}", (m, x) -> out(m.print(), nl(cat(x, "<i>")), H));

        // 8. Arrow function bodies are expressions like any other: their filters pre-escape.
        g = "arrow bodies";
        add(g, "{{ items|map(i => i|nl2br)|join(',') }}",
                (m, x) -> out(m.print(), cat(nl(x), ",2,", nl(str("<")))));
        add(g, "{{ items|filter(i => i|nl2br != i)|join(',') }}", (m, x) -> out(m.print(), cat(x, ",<")));
        add(g, "{{ items|map(i => i ~ '')|join(',') }}", (m, x) -> out(m.print(), cat(x, ",2,<")));
        add(g, "{{ items|map(i => i|raw)|join(',')|raw }}", (m, x) -> cat(x, ",2,<").s());
        add(g, "{{ items|map(i => f ? i : i|nl2br)|join(',') }}",
                (m, x) -> out(m.print(), cat(nl(x), ",2,", nl(str("<")))));
        add(g, "{{ items|reduce((c, i) => c ~ i|nl2br, '')|raw }}", (m, x) -> cat(nl(x), "2", nl(str("<"))).s());

        // 9. Filter chains: only the last filter's safety counts; raw in the middle makes the next input safe.
        g = "filter chains";
        add(g, "{{ x|raw|upper }}", (m, x) -> out(m.print(), upper(x)));
        add(g, "{{ x|upper|raw }}", (m, x) -> upper(x).s());
        add(g, "{{ x|raw|nl2br }}", (m, x) -> out(m.print(), nl2br(x), H));
        add(g, "{{ x|nl2br|raw|upper }}", (m, x) -> out(m.print(), upper(nl(x))));
        add(g, "{{ x|e|raw|e }}", (m, x) -> out(m.print(), esc(H, esc(H, x)), H));
        add(g, "{{ x|nl2br|nl2br }}", (m, x) -> out(m.print(), nl2br(nl(x)), H));
        add(g, "{{ x|e('js')|nl2br }}", (m, x) -> out(m.print(), nl(esc("js", x)), H));
        add(g, "{{ x|default('<i>') }}", (m, x) -> out(m.print(), x));
        add(g, "{{ x|spaceless }}", (m, x) -> out(m.print(), spaceless(auto(H, x)), H));
        add(g, "{{ x|raw|spaceless|upper|raw }}", (m, x) -> upper(spaceless(x)).s());
        add(g, "{{ x|lower|raw|nl2br }}", (m, x) -> out(m.print(), nl2br(lower(x)), H));
        add(g, "{{ x|upper|nl2br }}", (m, x) -> out(m.print(), nl(upper(x)), H));

        // 10. preserves_safety: the input's safety intersected with the listed strategies (keep: html; keep_all: all).
        g = "preserves_safety";
        add(g, "{{ x|keep }}", (m, x) -> out(m.print(), upper(x)));
        add(g, "{{ x|e|keep }}", (m, x) -> out(m.print(), upper(esc(H, x)), H));
        add(g, "{{ x|e('js')|keep }}", (m, x) -> out(m.print(), upper(esc("js", x))));
        add(g, "{{ '<i>'|keep }}", (m, x) -> out(m.print(), "<I>", H));
        add(g, "{{ '<i>'|keep_all }}", (m, x) -> "<I>");
        add(g, "{{ x|e('js')|keep_all }}", (m, x) -> out(m.print(), upper(esc("js", x)), "js"));
        add(g, "{{ x|raw|keep|nl2br }}", (m, x) -> out(m.print(), nl2br(upper(x)), H));
        add(g, "{{ x|e('js')|keep|nl2br }}", (m, x) -> out(m.print(), nl(upper(esc("js", x))), H));
        // a wildcard filter (keep_*) keeps the declaration of its pattern
        add(g, "{{ x|e|keep_w }}", (m, x) -> out(m.print(), upper(esc(H, x)), H));
        add(g, "{{ '<i>'|keep_w }}", (m, x) -> out(m.print(), "<I>", H));

        // 11. Macro calls are safe for all; their result is Markup, escaped inside with the template's strategy.
        g = "macros";
        add(g, HI, "{{ _self.hi(x) }}", (m, x) -> hi(m, x).s());
        add(g, HI, "{{ _self.hi(x) ~ '' }}", (m, x) -> out(m.print(), cat(hi(m, x))));
        add(g, HI, "{{ f ? x : _self.hi(x) }}", (m, x) -> hi(m, x).s());
        add(g, HI, "{{ t ? x : _self.hi(x) }}", (m, x) -> out(m.print(), x));
        add(g, HI, "{{ _self.hi(x)|upper }}", (m, x) -> out(m.print(), upper(hi(m, x))));
        add(g, HI, "{{ _self.hi(x)|nl2br }}", (m, x) -> out(m.print(), nl2br(hi(m, x)), H));
        add(g, HI, "{{ _self.hi(x|nl2br) }}", (m, x) -> hi(m, nl(x)).s());
        add(g, HI, "{{ _self.hi(x|raw) }}", (m, x) -> hi(m, x).s());
        add(g, HI, "{% set r = _self.hi(x) %}{{ r }}", (m, x) -> hi(m, x).s());
        add(g, HI, "{{ missing ?? _self.hi(x) }}", (m, x) -> hi(m, x).s());
        add(g, "{% import 'macros.twig' as ms %}", "{{ ms.hi(x) }}",
                (m, x) -> "<i>" + auto(m.inc(), x).s() + "</i>");
        add(g, "{% from 'macros.twig' import hi as h %}", "{{ h(x)|e }}",
                (m, x) -> out(m.print(), esc(H, str("<i>" + auto(m.inc(), x).s() + "</i>")), H));

        // 12. Functions: safe for what they declare (is_safe or is_safe_callback); include() and source() for all.
        g = "functions";
        add(g, "{{ safe_br() }}", (m, x) -> out(m.print(), "<br />", H));
        add(g, "{{ unsafe_br() }}", (m, x) -> out(m.print(), "<br />"));
        add(g, "{{ attr_br() }}", (m, x) -> out(m.print(), "<br />", ATTR, RELAXED, H));
        add(g, "{{ relaxed_br() }}", (m, x) -> out(m.print(), "<br />", RELAXED, H));
        add(g, "{{ pick('js', x) }}", (m, x) -> out(m.print(), esc("js", x), "js"));
        add(g, "{{ pick(strat, x) }}", (m, x) -> out(m.print(), esc("js", x)));
        add(g, "{{ pick_w('css', x) }}", (m, x) -> out(m.print(), esc("css", x), "css"));
        add(g, "{{ f ? unsafe_br() : safe_br() }}", (m, x) -> out(m.print(), "<br />", H));
        add(g, "{{ safe_br()|nl2br }}", (m, x) -> out(m.print(), "<br />", H));
        add(g, "{{ unsafe_br()|nl2br }}", (m, x) -> out(m.print(), "&lt;br /&gt;", H));
        add(g, "{{ safe_br() ~ unsafe_br() }}", (m, x) -> out(m.print(), "<br /><br />"));
        add(g, "{{ include('inc.twig') }}", (m, x) -> inc(m, x).s());
        add(g, "{{ include('inc.twig') ~ '' }}", (m, x) -> out(m.print(), cat(inc(m, x))));
        add(g, "{{ include('inc.twig')|upper }}", (m, x) -> out(m.print(), upper(inc(m, x))));
        add(g, "{% set r = include('inc.twig') %}{{ r }}", (m, x) -> inc(m, x).s());
        add(g, "{{ f ? x : include('inc.twig') }}", (m, x) -> inc(m, x).s());
        add(g, "{{ source('inc.twig') }}", (m, x) -> "<p>{{ x }}</p>");
        add(g, "{% set r = source('inc.twig') %}{{ r }}", (m, x) -> out(m.print(), "<p>{{ x }}</p>"));

        // 13. Captures are Markup: printed as they are, but not once a filter or a concatenation made a string.
        g = "captures";
        String c = "{% set c %}<b>{{ x }}</b>\n{% endset %}";
        add(g, c + "{{ c }}", (m, x) -> capture(m, x).s());
        add(g, c + "{{ c|upper }}", (m, x) -> out(m.print(), upper(capture(m, x))));
        add(g, c + "{{ c ~ '' }}", (m, x) -> out(m.print(), cat(capture(m, x))));
        add(g, c + "{{ c|nl2br }}", (m, x) -> out(m.print(), nl2br(capture(m, x)), H));
        add(g, c + "{{ c|e }}", (m, x) -> out(m.print(), esc(H, capture(m, x)), H));
        add(g, c + "{{ f ? x : c }}", (m, x) -> capture(m, x).s());
        add(g, c + "{{ missing ?? c }}", (m, x) -> capture(m, x).s());
        add(g, "{% set c = x|nl2br %}{{ c }}", (m, x) -> out(m.print(), nl(x)));
        add(g, "{% set c = x|nl2br %}{{ c|raw }}", (m, x) -> nl(x).s());
        add(g, "{% set c %}{{ x|nl2br }}{% endset %}{{ c }}", (m, x) -> out(m.print(), nl(x), H));

        // 14. apply = a capture printed through the filters.
        g = "apply";
        add(g, "{% apply upper %}<b>{{ x }}</b>\n{% endapply %}", (m, x) -> out(m.print(), upper(capture(m, x))));
        add(g, "{% apply nl2br %}<b>{{ x }}</b>\n{% endapply %}", (m, x) -> out(m.print(), nl2br(capture(m, x)), H));
        add(g, "{% apply raw %}<b>{{ x }}</b>\n{% endapply %}", (m, x) -> capture(m, x).s());
        add(g, "{% apply e('js') %}<b>{{ x }}</b>\n{% endapply %}",
                (m, x) -> out(m.print(), esc("js", capture(m, x)), "js"));
        add(g, "{% apply spaceless %}<b>{{ x }}</b>\n <i></i>{% endapply %}",
                (m, x) -> out(m.print(), spaceless(str(capture(m, x).s() + " <i></i>")), H));
        add(g, "{% apply upper|raw %}<b>{{ x }}</b>\n{% endapply %}", (m, x) -> upper(capture(m, x)).s());
        add(g, "{% apply raw|upper %}<b>{{ x }}</b>\n{% endapply %}", (m, x) -> out(m.print(), upper(capture(m, x))));

        // 15. An explicit escape is safe for its strategy only (plus what html_attr* imply).
        g = "explicit escape";
        add(g, "{{ x|e }}", (m, x) -> out(m.print(), esc(H, x), H));
        add(g, "{{ x|escape('js') }}", (m, x) -> out(m.print(), esc("js", x), "js"));
        add(g, "{{ x|e('css') }}", (m, x) -> out(m.print(), esc("css", x), "css"));
        add(g, "{{ x|e('url') }}", (m, x) -> out(m.print(), esc("url", x), "url"));
        add(g, "{{ x|e('html_attr') }}", (m, x) -> out(m.print(), esc(ATTR, x), ATTR, RELAXED, H));
        add(g, "{{ x|e('html_attr_relaxed') }}", (m, x) -> out(m.print(), esc(RELAXED, x), RELAXED, H));
        add(g, "{{ x|e(strat) }}", (m, x) -> out(m.print(), esc("js", x)));
        add(g, "{{ x|e('js', 'UTF-8') }}", (m, x) -> out(m.print(), esc("js", x), "js"));
        add(g, "{{ x|e(strategy: 'css') }}", (m, x) -> out(m.print(), esc("css", x), "css"));

        // 16. block() is safe for all; the block body is escaped with the strategy where it is defined.
        g = "blocks";
        add(g, "{% block b %}<b>{{ x }}</b>{% endblock %}|{{ block('b') }}|{{ block('b') ~ '' }}", (m, x) -> {
            String b = "<b>" + auto(m.print(), x).s() + "</b>";
            return b + "|" + b + "|" + out(m.print(), b);
        });
    }

    // ---- running ---------------------------------------------------------------------------------------------

    static Environment environment(Mode m, Map<String, String> templates) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .filter(FilterDefinition.of("keep", (ctx, a) -> Values.toString(a[0]).toUpperCase(Locale.ROOT))
                        .preservingSafety(H))
                .filter(FilterDefinition.of("keep_all", (ctx, a) -> Values.toString(a[0]).toUpperCase(Locale.ROOT))
                        .preservingSafety())
                .filter(FilterDefinition.of("keep_*", (ctx, a) -> Values.toString(a[1]).toUpperCase(Locale.ROOT))
                        .preservingSafety(H))
                .function(FunctionDefinition.of("safe_br", (ctx, a) -> "<br />").safe(H))
                .function(FunctionDefinition.of("unsafe_br", (ctx, a) -> "<br />"))
                .function(FunctionDefinition.of("attr_br", (ctx, a) -> "<br />").safe(ATTR))
                .function(FunctionDefinition.of("relaxed_br", (ctx, a) -> "<br />").safe(RELAXED))
                // is_safe_callback: safe for the strategy given as a constant first argument
                .function(FunctionDefinition.of("pick", (ctx, a) -> Escapers.escape(Values.toString(a[0]),
                        Values.toString(a[1]))).params("strategy", "value").safeWhen(EscapingShapesTest::constantFirst))
                .function(FunctionDefinition.of("pick_*", (ctx, a) -> Escapers.escape(Values.toString(a[1]),
                        Values.toString(a[2]))).params("strategy", "value").safeWhen(EscapingShapesTest::constantFirst));
        return autoescape(b, m.autoescape()).build();
    }

    static Environment.Builder autoescape(Environment.Builder b, Object autoescape) {
        return autoescape instanceof Boolean on ? b.autoescape(on) : b.autoescape((String) autoescape);
    }

    static Set<String> constantFirst(dev.zweig.ext.Arguments args) {
        return args.size() > 0 && args.isConstant(0) && args.constant(0) instanceof String s ? Set.of(s) : Set.of();
    }

    static Map<String, Object> data(V x) {
        Object value = x.markup() ? new Markup(x.s()) : x.s();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("x", value);
        d.put("t", true);
        d.put("f", false);
        d.put("strat", "js");
        d.put("obj", Map.of("a", value));
        d.put("items", List.of(value, "2", "<"));
        return d;
    }

    static String source(Mode m, Case c) {
        return m.tag() == null ? c.prefix() + c.body()
                : c.prefix() + "{% autoescape " + m.tag() + " %}" + c.body() + "{% endautoescape %}";
    }

    @TestFactory
    Stream<DynamicNode> everyShapeUnderEveryMode() {
        return MODES.stream().map(m -> {
            Map<String, String> templates = new LinkedHashMap<>();
            templates.put("inc.twig", "<p>{{ x }}</p>");
            templates.put("macros.twig", HI);
            for (int i = 0; i < CASES.size(); i++) {
                templates.put("case" + i + m.ext(), source(m, CASES.get(i)));
            }
            Environment env = environment(m, templates);
            List<DynamicTest> tests = new ArrayList<>();
            for (int i = 0; i < CASES.size(); i++) {
                Case c = CASES.get(i);
                String name = "case" + i + m.ext();
                tests.add(DynamicTest.dynamicTest(c.group() + ": " + c.prefix() + c.body(), () -> {
                    for (V x : List.of(str(TEXT), new V(TEXT, true))) {
                        assertEquals(c.expected().apply(m, x), env.render(name, data(x)),
                                m.label() + ", " + (x.markup() ? "Markup" : "string") + " input: " + source(m, c));
                    }
                }));
            }
            return DynamicContainer.dynamicContainer(m.label(), tests);
        });
    }

    // ---- anchors: a few outputs written out by hand, independent of the composition helpers ------------------

    private static String render(Object autoescape, String source) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(Map.of("index.twig", source)))
                .strictVariables(true);
        return autoescape(b, autoescape).build().render("index.twig", Map.of("x", "<p>Hi</p>", "f", false, "items", List.of("<p>")));
    }

    @Test
    void theIssuesExamplesEscapeTheTextareaField() {
        assertEquals("&lt;p&gt;Hi&lt;/p&gt;", render(H, "{{ f ? x|raw : x|nl2br }}"));
        assertEquals("&lt;p&gt;Hi&lt;/p&gt;", render(H, "{{ x|nl2br ?: 'none' }}"));
        assertEquals("&lt;p&gt;Hi&lt;/p&gt;", render(H, "{{ missing ?? x|nl2br }}"));
        assertEquals("&lt;p&gt;Hi&lt;/p&gt;", render(H, "{{ f ? x : (f ? x|raw : x|nl2br) }}"));
        // pre-escaped for html by nl2br, then escaped for js by the print
        assertEquals("\\u0026lt\\u003Bp\\u0026gt\\u003BHi\\u0026lt\\u003B\\/p\\u0026gt\\u003B",
                render("js", "{{ f ? x|raw : x|nl2br }}"));
        assertEquals("&lt;p&gt;Hi&lt;/p&gt;", render(false, "{{ f ? x|raw : x|nl2br }}"));
    }

    @Test
    void containersOfPreEscapedValuesAreEscapedOnceMore() {
        assertEquals("&amp;lt;p&amp;gt;Hi&amp;lt;/p&amp;gt;!", render(H, "{{ x|nl2br ~ '!' }}"));
        assertEquals("&amp;lt;p&amp;gt;Hi&amp;lt;/p&amp;gt;", render(H, "{{ [x|nl2br]|join }}"));
        assertEquals("&amp;lt;p&amp;gt;", render(H, "{{ items|map(i => i|nl2br)|join }}"));
        assertEquals("{&quot;k&quot;:&quot;&amp;lt;p&amp;gt;Hi&amp;lt;\\/p&amp;gt;&quot;}",
                render(H, "{{ {k: x|nl2br}|json_encode }}"));
    }

    @Test
    void safetyIsJudgedOnTheExpressionAsWritten() {
        // a constant condition does not make the ternary a literal: its input is still pre-escaped
        assertEquals("&lt;b&gt;", render(H, "{{ (true ? '<b>' : x)|nl2br }}"));
        assertEquals("<b>", render(H, "{{ true ? '<b>' : x }}"));
    }
}
