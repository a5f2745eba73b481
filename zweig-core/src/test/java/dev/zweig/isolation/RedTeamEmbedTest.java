package dev.zweig.isolation;

import static dev.zweig.alloc.CollectionAllocationTest.describe;
import static dev.zweig.alloc.CollectionAllocationTest.item;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Executor;
import dev.zweig.alloc.EmbedHandOverTest;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Red team of session 11's ownership changes around embed (an embed no longer a hand-over of the scope: the
 * embedded template and each parent make what they may keep their own, Frame#ownCollections), include/embed
 * mappings under literal names counted as read, and a grouping reduce kept by set built in element storage
 * (ScratchAnalysis#groupedElements). Each case renders on both executors: user code (keep, keep_all) keeps what
 * it gets; after many renders with other data what it kept must be as it was, and both executors print the same.
 */
class RedTeamEmbedTest {
    /** items grouped by name, kept by set; for two names, the group sorted (as EmbedHandOverTest hands them). */
    private static final String GROUPED = EmbedHandOverTest.GROUPED;
    private static final String EACH = EmbedHandOverTest.EACH;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("group element to user function", GROUPED + "{{ keep_all(g.apple) }}{{ g|length }}"),
                Arguments.of("group set then kept", GROUPED + "{% set a = g.apple %}{{ keep_all(a) }}{{ g|length }}"),
                Arguments.of("group loop value kept", GROUPED + "{% for k, grp in g %}{{ keep_all(grp) }}{% endfor %}"),
                Arguments.of("group mapped kept", GROUPED + "{{ keep_all(g|map(x => x)) }}"),
                Arguments.of("group merged kept", GROUPED + "{{ keep_all(g|merge({})) }}"),
                Arguments.of("group filter kept", GROUPED + "{{ keep_all(g|filter(x => true)) }}"),
                Arguments.of("group slice kept", GROUPED + "{{ keep_all(g|slice(0, 2)) }}"),
                Arguments.of("group in list kept", GROUPED + "{{ keep_all([g]) }}"),
                Arguments.of("group in mapping kept", GROUPED + "{{ keep_all({x: {y: g}}) }}"),
                Arguments.of("group set in mapping kept", GROUPED + "{% set h = {k: g} %}{{ keep_all(h) }}"),
                Arguments.of("group whole kept", GROUPED + "{{ keep_all(g) }}"),
                Arguments.of("group first kept", GROUPED + "{{ keep_all(g|first) }}"),
                Arguments.of("group values kept", GROUPED + "{{ keep_all(g|column(0)) }}{{ keep_all(g|reverse) }}"),
                Arguments.of("group context", GROUPED + "{{ g|length }}{{ keep_all(_context) }}"),
                Arguments.of("group loop parent", GROUPED + "{% for x in [1] %}{{ keep_all(loop.parent) }}{% endfor %}"),
                Arguments.of("group to include", GROUPED + "{% include 'keeper' with {s: g} %}{{ g|length }}"),
                Arguments.of("group to include deep", GROUPED + "{% include 'keeper' with {s: {d: g}} %}"),
                Arguments.of("group to include fn", GROUPED + "{{ include('keeper', {s: g}) }}"),
                Arguments.of("group to include only", GROUPED + "{% include 'keeper' with {s: g} only %}"),
                Arguments.of("group to embed", GROUPED + "{% embed 'keeper' with {s: g} %}{% endembed %}"),
                Arguments.of("group to embed only", GROUPED + "{% embed 'keeper' with {s: g} only %}{% endembed %}"),
                Arguments.of("group element to embed", GROUPED + "{% embed 'keeper' with {s: g.apple} %}{% endembed %}"
                        + "{{ g|length }}"),
                Arguments.of("group to embed deep", GROUPED + "{% embed 'keeper' with {s: {d: g}} %}{% endembed %}"),
                Arguments.of("group to embed spread", GROUPED + "{% embed 'keeper' with {...{s: g}} %}{% endembed %}"),
                Arguments.of("group to embed computed", GROUPED + "{% set k = 's' %}{% embed 'keeper' with {(k): g} %}"
                        + "{% endembed %}"),
                Arguments.of("group to embed var", GROUPED + "{% set m = {s: g} %}{% embed 'keeper' with m %}"
                        + "{% endembed %}"),
                Arguments.of("group embed runtime name", GROUPED + "{% set t = 'keeper' %}{% embed t with {s: g} %}"
                        + "{% endembed %}"),
                Arguments.of("group embed names array", GROUPED + "{% embed ['nope', 'keeper'] with {s: g} %}"
                        + "{% endembed %}"),
                Arguments.of("group embed ignore missing", GROUPED + "{% embed 'keeper' ignore missing with {s: g} %}"
                        + "{% endembed %}"),
                Arguments.of("embed list in block user fn", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{{ keep_all(rows) }}{{ keep_all(g) }}{% endblock %}{% endembed %}{% endfor %}"),
                Arguments.of("embed list in block context", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{{ keep_all(_context) }}{% endblock %}{% endembed %}{% endfor %}"),
                Arguments.of("embed list in block deep", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{{ keep_all({a: {b: rows}}) }}{% endblock %}{% endembed %}{% endfor %}"),
                Arguments.of("embed group in block macro", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{% import 'macros' as me %}{{ me.m(g.apple) }}{{ me.m(rows) }}{% endblock %}"
                        + "{% endembed %}{% endfor %}"),
                Arguments.of("embed macro import in block", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{% import 'macros' as me %}{{ me.m({d: rows}) }}{{ me.m(g) }}{% endblock %}"
                        + "{% endembed %}{% endfor %}"),
                Arguments.of("embed block() fn", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{{ keep_all(rows) }}{% endblock %}{% endembed %}{{ block('head', 'kb') }}"
                        + "{% endfor %}"),
                Arguments.of("embed parent keeps deep", GROUPED + EACH + "{% embed 'deepbase' with {rows: list} %}"
                        + "{% endembed %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed parent keeps context", GROUPED + EACH + "{% embed 'ctxbase' with {rows: list} %}"
                        + "{% endembed %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed no with keeps", GROUPED + "{% set list = items|sort((a, b) => a.price <=> b.price) %}"
                        + "{% embed 'keeper2' %}{% endembed %}{{ list|length }}"),
                Arguments.of("embed no with keeps deep", GROUPED + "{% set list = items|sort((a, b) => a.price <=> b.price)"
                        + " %}{% embed 'deepkeeper' %}{% endembed %}{{ list|length }}{{ g|length }}"),
                Arguments.of("embed within embed", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{% embed 'keeper' with {s: rows} %}{% endembed %}{% endblock %}{% endembed %}"
                        + "{% endfor %}"),
                Arguments.of("include in embed block deep", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{% include 'keeper' with {s: {x: rows, y: g}} %}{% endblock %}{% endembed %}"
                        + "{% endfor %}"),
                Arguments.of("include block() of other template", GROUPED + EACH
                        + "{% include 'callsblock' with {rows: list} %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed block() of other template", GROUPED + EACH
                        + "{% embed 'callsblock' with {rows: list} %}{% endembed %}{% endfor %}{{ g|length }}"),
                Arguments.of("include uses trait", GROUPED + EACH
                        + "{% include 'usestrait' with {rows: list} %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed uses trait", GROUPED + EACH
                        + "{% embed 'usestrait' with {rows: list} %}{% endembed %}{% endfor %}{{ g|length }}"),
                Arguments.of("include with nested embed", GROUPED + EACH
                        + "{% include 'nestembed' with {rows: list} %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed with nested embed", GROUPED + EACH
                        + "{% embed 'nestembed' with {rows: list} %}{% endembed %}{% endfor %}{{ g|length }}"),
                Arguments.of("include extends dynamic", GROUPED + EACH
                        + "{% include 'dynchild' with {rows: list, p: 'deepbase'} %}{% endfor %}{{ g|length }}"),
                Arguments.of("include extends keeps extra", GROUPED + EACH
                        + "{% include 'plainchild' with {rows: list, zz: list} %}{% endfor %}{{ g|length }}"),
                Arguments.of("embed extends keeps extra", GROUPED + EACH
                        + "{% embed 'plainchild' with {rows: list, zz: list} %}{% endembed %}{% endfor %}"),
                Arguments.of("include sandboxed keep", GROUPED + EACH
                        + "{% include 'withkeeper' with {rows: list} %}{% endfor %}{{ g|length }}"),
                Arguments.of("child set kept by parent", "{% extends 'zzbase' %}{% set zz = items|sort((a, b) =>"
                        + " a.price <=> b.price) %}"),
                Arguments.of("child group kept by parent", "{% extends 'zzbase' %}" + GROUPED + "{% set zz = g %}"),
                Arguments.of("child group elem kept by parent", "{% extends 'zzbase' %}" + GROUPED
                        + "{% set zz = g.apple %}"),
                Arguments.of("child group kept by parent ctx", "{% extends 'ctxbase' %}" + GROUPED),
                Arguments.of("child group read by parent", "{% extends 'gbase' %}" + GROUPED),
                Arguments.of("child group block", "{% extends 'kb' %}" + GROUPED
                        + "{% block head %}{{ keep_all(g.apple) }}{{ keep_all(g) }}{% endblock %}"),
                Arguments.of("child dynamic parent", "{% extends p ?? 'gbase' %}" + GROUPED),
                Arguments.of("child parent array", "{% extends ['nope', 'gbase'] %}" + GROUPED),
                Arguments.of("child conditional parent", "{% extends g is defined ? 'gbase' : 'kb' %}" + GROUPED),
                Arguments.of("group deep wrap include", GROUPED + "{% set h = [[g]] %}{% include 'keeper' with {s: h} %}"
                        + "{% embed 'keeper' with {s: [{x: g.apple}]} %}{% endembed %}{{ h|length }}"),
                Arguments.of("group accumulated kept", GROUPED + "{% set acc = [] %}{% for k, v in g %}"
                        + "{% set acc = acc|merge([[v]]) %}{% endfor %}{{ keep_all(acc) }}"),
                Arguments.of("group accumulated to include", GROUPED + "{% set acc = [] %}{% for k, v in g %}"
                        + "{% set acc = acc|merge([{v: v}]) %}{% endfor %}{% include 'keeper' with {s: acc} %}"),
                Arguments.of("group accumulated to embed", GROUPED + "{% set acc = [] %}{% for k, v in g %}"
                        + "{% set acc = acc|merge([[v|first]]) %}{% endfor %}{% embed 'keeper' with {s: acc} %}"
                        + "{% endembed %}{{ acc|length }}"),
                Arguments.of("group in loop rebuilt", "{% for j in [1, 2] %}" + GROUPED + "{% if j == 2 %}"
                        + "{{ keep_all(prev) }}{% endif %}{% set prev = g.apple %}{% endfor %}"),
                Arguments.of("group in loop to embed", "{% for j in [1, 2] %}" + GROUPED
                        + "{% embed 'keeper' with {s: g} %}{% endembed %}{% endfor %}"),
                Arguments.of("group self merge then kept", GROUPED + "{% set g = g|merge({extra: [1]}) %}"
                        + "{{ keep_all(g) }}"),
                Arguments.of("group sorted kept", GROUPED + "{{ keep_all(g|sort) }}{{ keep_all(g|keys) }}"),
                Arguments.of("group via loop var kept later", GROUPED + "{% for k, v in g %}{% set last = v %}"
                        + "{% endfor %}{{ keep_all(last) }}"),
                Arguments.of("group element in embed block", GROUPED + "{% embed 'kb' %}{% block head %}"
                        + "{{ keep_all(g.apple) }}{% for x in [1] %}{{ keep_all(loop.parent) }}{% endfor %}"
                        + "{% endblock %}{% endembed %}"),
                Arguments.of("group element to macro via embed parent", GROUPED + "{% embed 'macrobase' %}"
                        + "{% endembed %}"),
                Arguments.of("include fn no context", GROUPED + "{{ include('keeper', {s: g}, with_context = false) }}"
                        + "{{ include('keeper', {s: g.apple}, false, true) }}{{ g|length }}"),
                Arguments.of("include fn in embed block", GROUPED + EACH + "{% embed 'col' with {rows: list} %}"
                        + "{% block head %}{{ include('keeper', {s: rows}) }}{{ include('keeper2', {list: rows}, false)"
                        + " }}{% endblock %}{% endembed %}{% endfor %}"),
                Arguments.of("embed with context spread", GROUPED + "{% set s = g.apple %}{% embed 'keeper' with"
                        + " {..._context, s: g} %}{% endembed %}{% embed 'keeper' with _context %}{% endembed %}"
                        + "{{ s|length }}"),
                Arguments.of("embed only both names", GROUPED + "{% embed 'keeper2' with {list: g, g: g.apple} only %}"
                        + "{% endembed %}{{ g|length }}"),
                Arguments.of("embed only block reads outer", GROUPED + "{% embed 'kb' with {s: g} only %}"
                        + "{% block head %}{{ keep_all(s) }}{{ keep_all(_context) }}{% endblock %}{% endembed %}"
                        + "{{ g|length }}"),
                Arguments.of("embed in macro", GROUPED + "{% import 'embmacro' as em %}{{ em.m(g) }}{{ em.m(g.apple) }}"),
                Arguments.of("embed keep in parent set", GROUPED + EACH + "{% embed 'setbase' with {rows: list} %}"
                        + "{% endembed %}{% endfor %}"));
    }

    private static Map<String, String> templates(String main) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("main", main);
        t.put("keeper", "{{ s|keep }}{{ keep_all(s) }}");
        t.put("keeper2", "{{ keep_all(list) }}{{ keep_all(g) }}");
        t.put("deepkeeper", "{{ keep_all({a: [list, g]}) }}");
        t.put("col", "{% block head %}{{ n }}{% endblock %}{% for r in rows %}{% block row %}{{ r.name }}"
                + "{% endblock %}{% endfor %}{{ rows|length }}");
        t.put("kb", "{% block head %}{% endblock %}");
        t.put("macros", "{% macro m(x) %}{{ keep_all(x) }}{% endmacro %}");
        t.put("deepbase", "{% block head %}{% endblock %}{{ keep_all({a: {b: rows, c: g}}) }}");
        t.put("ctxbase", "{% block head %}{% endblock %}{{ keep_all(_context) }}");
        t.put("setbase", "{% block head %}{% endblock %}{% set z = {r: rows} %}{{ keep_all(z) }}");
        t.put("callsblock", "{{ block('k', 'blockkeeper') }}");
        t.put("blockkeeper", "{% block k %}{{ keep_all(rows) }}{% endblock %}");
        t.put("usestrait", "{% use 'blockkeeper' %}{{ block('k') }}");
        t.put("nestembed", "{% embed 'kb' %}{% block head %}{{ keep_all(rows) }}{% endblock %}{% endembed %}");
        t.put("dynchild", "{% extends p %}");
        t.put("plainchild", "{% extends 'zzbase' %}");
        t.put("zzbase", "{{ keep_all(zz) }}{{ keep_all({q: {r: zz}}) }}");
        t.put("withkeeper", "{% with {w: rows} %}{{ keep_all(w) }}{% endwith %}{% with {w: {x: rows}} only %}"
                + "{{ keep_all(w) }}{% endwith %}");
        t.put("gbase", "{{ g|length }}{{ keep_all(g.apple) }}{{ keep_all({x: [g]}) }}{% for k, v in g %}"
                + "{{ keep_all(v) }}{% endfor %}");
        t.put("macrobase", "{% import 'macros' as me %}{{ me.m(g.apple) }}{{ me.m(g) }}");
        t.put("embmacro", "{% macro m(x) %}{% embed 'keeper' with {s: x} %}{% endembed %}{% embed 'kb' %}"
                + "{% block head %}{{ keep_all(x) }}{% endblock %}{% endembed %}{% endmacro %}");
        return t;
    }

    private record Kept(Object value, String text) {
    }



    private static String run(Executor ex, String main, List<Kept> kept, boolean big) {
        Environment env = Environment.builder().loader(new MapLoader(templates(main))).executor(ex)
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(new Kept(a[0], describe(a[0])));
                    return "";
                }))
                .function(FunctionDefinition.of("keep_all", (ctx, a) -> {
                    kept.add(new Kept(a[0], describe(a[0])));
                    return "";
                }).params("value"))
                .build();
        Map<String, Object> data = Map.of("items", List.of(item("apple", 3), item("pear", 1), item("fig", 2),
                item("apple", 5)));
        Map<String, Object> other = Map.of("items", List.of(item("x", 7), item("y", 8), item("z", 9), item("x", 1),
                item("apple", 4), item("fig", 6)));
        if (big) { // more groups than the render's element storage holds: some pooled, some fresh
            List<Object> many = new ArrayList<>();
            List<Object> more = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                many.add(item(i == 0 ? "apple" : i == 1 ? "fig" : "n" + i, i));
                more.add(item("m" + (i % 300), i + 1));
            }
            data = Map.of("items", many);
            other = Map.of("items", more);
        }
        String out;
        try {
            out = env.load("main").render(data) + env.load("main").render(data);
        } catch (RuntimeException e) {
            out = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        int first = kept.size();
        List<Kept> before = new ArrayList<>(kept);
        for (int i = 0; i < 30; i++) {
            try {
                env.load("main").render(other);
            } catch (RuntimeException e) {
                // (the output compared above)
            }
        }
        for (Kept k : before) {
            assertEquals(k.text(), describe(k.value()), ex + ": a kept collection changed after the render");
        }
        return out + "#" + first;
    }

    @org.junit.jupiter.api.Test
    void aParentReloadedToExtendOrEmbedAKeeperGetsItsOwnCollections() {
        for (Executor ex : Executor.values()) {
            for (String v2 : List.of("{% extends 'gp' %}", "{% block head %}{% endblock %}{% embed 'gp' %}{% endembed %}"
                    + "{% include 'gp' %}")) {
                EmbedHandOverTest.Changing loader = new EmbedHandOverTest.Changing();
                Map<String, String> src = new LinkedHashMap<>();
                src.put("main", GROUPED + EACH + "{% embed 'base' with {rows: list} %}{% block head %}{{ n }}"
                        + "{% endblock %}{% endembed %}{% endfor %}{{ g|length }}");
                src.put("base", "{% block head %}{% endblock %}{{ rows|length }};");
                src.put("gp", "{% block head %}{% endblock %}{{ keep_all(rows) }}{{ keep_all({a: {b: g}}) }}"
                        + "{{ keep_all(_context) }}{{ rows|length }};");
                loader.change(src);
                List<Kept> kept = new ArrayList<>();
                Environment env = Environment.builder().loader(loader).autoReload(true).executor(ex)
                        .function(FunctionDefinition.of("keep_all", (ctx, a) -> {
                            kept.add(new Kept(a[0], describe(a[0])));
                            return "";
                        }).params("value")).build();
                Map<String, Object> data = Map.of("items", List.of(item("apple", 3), item("pear", 1),
                        item("fig", 2)));
                String first = env.load("main").render(data);
                src.put("base", v2);
                loader.change(src);
                String second = env.load("main").render(data);
                assertTrue(!kept.isEmpty(), ex + " " + v2 + ": nothing kept: " + first + " " + second);
                Map<String, Object> other = Map.of("items", List.of(item("x", 7), item("apple", 8), item("fig", 9)));
                for (int i = 0; i < 30; i++) {
                    env.load("main").render(other);
                }
                for (Kept k : kept) {
                    assertEquals(k.text(), describe(k.value()), ex + " " + v2 + ": a kept collection changed");
                }
            }
        }
    }

    static Stream<Arguments> ternaries() {
        return Stream.of(
                Arguments.of("{% autoescape false %}{{ c ? '<b>' : x }}|{{ not c ? '<b>' : x }}{% endautoescape %}",
                        "<b>|<i>"),
                Arguments.of("{{ c ? '<b>' : x }}|{{ c ? '<b>' : '<u>' }}", null),
                Arguments.of("{% autoescape false %}{{ c ? x }}|{{ not c ? x }}|{{ c ?: x }}{% endautoescape %}",
                        "<i>||1"),
                Arguments.of("{% autoescape false %}{{ c ? (not c ? 1 : 2.0) : 3 }}{{ c ? null : 1 }}"
                        + "{{ c ? false : 1 }}{{ c ? true : 1 }}{% endautoescape %}", "21"),
                Arguments.of("{% autoescape false %}{{ c ? 'a' ~ (x|upper) : 'n' }}{{ 'p' ~ (c ? x|lower : 'q') ~ 's'"
                        + " }}{% endautoescape %}", "a<I>p<i>s"),
                Arguments.of("{% autoescape false %}{{ c ? nums|sort|join(',') : '' }}{{ c ? nums|first : 0 }}"
                        + "{% endautoescape %}", "1,2,33"),
                Arguments.of("{% autoescape false %}x{{ c ? missing.y : 'n' }}{% endautoescape %}", null),
                Arguments.of("{% autoescape false %}x{{ nope ? 'a' : 'n' }}{% endautoescape %}", null),
                Arguments.of("{% autoescape false %}{% set t %}{{ c ? x : 'n' }}{% endset %}{{ t }}{{ t|length }}"
                        + "{% endautoescape %}", "<i>3"),
                Arguments.of("{% apply upper %}{% autoescape false %}{{ c ? x : 'n' }}{% endautoescape %}"
                        + "{% endapply %}", null),
                Arguments.of("{% extends 'tb' %}{% block b %}{% autoescape false %}{{ c ? parent() ~ '!' : 'n' }}"
                        + "{{ not c ? 'n' : block('o') }}{% endautoescape %}{% endblock %}{% block o %}O{% endblock %}",
                        "[<B>!O]O"),
                Arguments.of("{% for i in [1, 2, 3] %}{% autoescape false %}{{ loop.first ? x : (loop.last ? 'L' :"
                        + " i) }}{% endautoescape %}{% endfor %}", "<i>2L"),
                Arguments.of("{% autoescape false %}{{ c ? nums : 'n' }}{% endautoescape %}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ternaries")
    void aTernaryPrintsAsTwigOnBothExecutors(String main, String expected) {
        String[] out = new String[2];
        int i = 0;
        for (Executor ex : Executor.values()) {
            Map<String, String> t = new LinkedHashMap<>();
            t.put("main", main);
            t.put("tb", "[{% block b %}{% autoescape false %}<B>{% endautoescape %}{% endblock %}]{% block o %}"
                    + "{% endblock %}");
            Environment env = Environment.builder().loader(new MapLoader(t)).executor(ex).strictVariables(true)
                    .build();
            Map<String, Object> data = Map.of("c", true, "x", "<i>", "nums", List.of(3, 1, 2));
            try {
                out[i] = env.load("main").render(data) + "|" + env.load("main").render(data);
            } catch (RuntimeException e) {
                out[i] = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            i++;
        }
        assertEquals(out[1], out[0], "executors differ");
        if (expected != null) {
            assertEquals(expected + "|" + expected, out[0]);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void whatUserCodeKeepsStaysAsItWas(String what, String main) {
        List<Kept> a = new ArrayList<>();
        List<Kept> b = new ArrayList<>();
        for (boolean big : new boolean[] {false, true}) {
        a.clear();
        b.clear();
        String compiled = run(Executor.COMPILED, main, a, big);
        String interpreted = run(Executor.INTERPRETED, main, b, big);
        assertEquals(interpreted, compiled, what + ": executors differ");
        assertTrue(!a.isEmpty(), what + ": user code saw nothing: " + compiled);
        List<String> ta = a.stream().map(Kept::text).toList();
        List<String> tb = b.stream().map(Kept::text).toList();
        assertEquals(tb, ta, what + ": executors handed different values");
        }
    }
}
