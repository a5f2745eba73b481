package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.loader.Loader;
import dev.zweig.loader.MapLoader;
import dev.zweig.loader.TemplateSource;
import dev.zweig.php.PhpArray;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An embed (or an include) in a loop is no hand-over of the scope's collections (issue 10, heldout4 helpdesk): the
 * embedded template gets a copy of the scope whose render-private collections become its own under the names it may
 * keep (Frame#ownCollections), and each parent of its chain, resolved when it renders (so a parent reloaded or
 * changed is checked as it is now), gets them the same way (CompiledTemplate#display); a variable handed under a
 * literal name of an include's or embed's mapping is read there, as far as the including scope goes. So a grouping
 * kept by set and a sorted list handed to the embed stay render-private storage. A ternary printed renders the
 * branch taken in place on both executors (parent() there captures nothing). Each case prints what Twig prints and
 * allocates at most {@link #BOUND} bytes per render; the ownership tests show that what user code gets of those
 * collections (in the embedded template, its parents, an include in one of its blocks, a macro, through the context,
 * after a parent is changed under auto-reload, in a render nested in a user's function and on other threads) is a
 * fresh collection that stays as it was.
 */
public class EmbedHandOverTest {
    private static final double BOUND = 16.0;

    /** items grouped by name, kept by set (a grouping reduce whose groups are the render's element storage). */
    public static final String GROUPED = "{% set g = items|reduce((acc, i) => acc|merge({(i.name): (acc[i.name] ??"
            + " [])|merge([i])}), {}) %}";
    /** For each of two names, its group sorted by price, handed to the embed as rows. */
    public static final String EACH = "{% for n in ['apple', 'fig'] %}{% set list = (g[n] ?? [])|sort((a, b) =>"
            + " a.price <=> b.price) %}";

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("an embed in a loop overriding a block with parent(), a grouping read after it",
                        GROUPED + EACH + "{% embed 'col' with {rows: list} %}{% block head %}<{{ parent() }}>"
                                + "{% endblock %}{% endembed %}{% endfor %}{{ (g.pear ?? [])|length }}"
                                + "{{ (g.fig|first).name }}",
                        "<apple>apple1<fig>fig11fig"),
                Arguments.of("a ternary printing parent() in an embedded block",
                        GROUPED + EACH + "{% embed 'col' with {rows: list} %}{% block head %}{{ n == 'fig' ? 'F'"
                                + " : parent() }}{% endblock %}{% endembed %}{% endfor %}{{ g|length }}",
                        "appleapple1Ffig13"),
                Arguments.of("an embed whose parent extends another, a block including a template",
                        GROUPED + EACH + "{% embed 'mid' with {rows: list} %}{% block row %}{% include 'row' %}"
                                + "{% endblock %}{% endembed %}{% endfor %}{{ g.apple|length }}",
                        "[apple:3]1[fig:2]11"),
                Arguments.of("an include handed a sorted list under a literal name",
                        "{% for k in [1, 2] %}{% set list = items|sort((a, b) => a.price <=> b.price) %}"
                                + "{% include 'inc' with {rows: list} %}{% endfor %}",
                        "pear,fig,apple;pear,fig,apple;"));
    }

    private static Map<String, String> templates(String main) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("main", main);
        t.put("col", "{% block head %}{{ n }}{% endblock %}{% for r in rows %}{% block row %}{{ r.name }}"
                + "{% endblock %}{% endfor %}{{ rows|length }}");
        t.put("mid", "{% extends 'col' %}{% block head %}{% endblock %}{% block row %}-{% endblock %}");
        t.put("row", "[{{ r.name }}:{{ r.price }}]");
        t.put("inc", "{{ rows|map(r => r.name)|join(',') }};");
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        AllocationMeter.assertMainRendersWithin(what, templates(template), CollectionAllocationTest.DATA, expected,
                BOUND);
    }

    @Test
    void whatUserCodeGetsOfTheScopesCollectionsIsFresh() {
        Map<String, String> t = new LinkedHashMap<>();
        // the parent keeps rows (the embedded template itself does not read it: the parent's step copies it)
        t.put("keeping base", "{% block head %}{% endblock %}{{ rows|keep }}{{ keep_all(g) }}{{ rows|length }}");
        t.put("keeping mid", "{% extends 'keeping base' %}{% block head %}-{% endblock %}");
        t.put("keeps rows", "{{ rows|keep }}{{ g.apple|keep }}");
        t.put("context base", "{{ keep_all(_context) }}{{ rows|length }}");
        t.put("parent keeps", GROUPED + EACH + "{% embed 'keeping base' with {rows: list} %}{% block head %}"
                + "{{ parent() }}{% endblock %}{% endembed %}{% endfor %}{{ g|length }}");
        t.put("grandparent keeps", GROUPED + EACH + "{% embed 'keeping mid' with {rows: list} %}{% endembed %}"
                + "{% endfor %}{{ g|length }}");
        t.put("block includes", GROUPED + EACH + "{% embed 'col' with {rows: list} %}{% block head %}"
                + "{% include 'keeps rows' %}{% endblock %}{% endembed %}{% endfor %}{{ g|length }}");
        t.put("block calls a macro", GROUPED + EACH
                + "{% embed 'col' with {rows: list} %}{% block head %}{% import 'macros' as me %}"
                + "{{ me.m(rows) }}{{ me.m(g) }}{% endblock %}{% endembed %}{% endfor %}{{ g|length }}");
        t.put("macros", "{% macro m(x) %}{{ x|keep }}{% endmacro %}");
        t.put("context", GROUPED + EACH + "{% embed 'context base' with {rows: list} %}{% endembed %}{% endfor %}"
                + "{{ g|length }}");
        t.put("include keeps", GROUPED + EACH + "{% include 'keeps rows' with {rows: list} %}{% endfor %}"
                + "{{ g|length }}");
        // an only frame reads its variables by name from the mapping (no slots for Frame#ownCollections to copy)
        t.put("only", GROUPED + EACH + "{% include 'keeps rows' with {rows: list, g: g} only %}{% embed"
                + " 'keeping base' with {rows: list, g: g} only %}{% endembed %}{% endfor %}{{ g|length }}");
        t.put("col", templates("").get("col"));
        CollectionAllocationTest.assertKeptCollectionsAreFreshAndStable(t, "parent keeps", "grandparent keeps",
                "block includes", "block calls a macro", "context", "include keeps", "only");
    }

    /** A loader whose templates change (a new MapLoader each time): only "base" tells a new version. */
    public static final class Changing implements Loader {
        volatile MapLoader current;
        final AtomicInteger version = new AtomicInteger();

        public void change(Map<String, String> templates) {
            current = new MapLoader(templates);
            version.incrementAndGet();
        }

        @Override
        public TemplateSource load(String name) {
            return current.load(name);
        }

        @Override
        public boolean exists(String name) {
            return current.exists(name);
        }

        @Override
        public long version(String name) {
            return name.equals("base") ? version.get() : 0; // (only the parent changes)
        }
    }

    @Test
    void aParentChangedUnderAutoReloadGetsItsOwnCollections() {
        Changing loader = new Changing();
        Map<String, String> src = new LinkedHashMap<>();
        src.put("main", GROUPED + EACH + "{% embed 'base' with {rows: list} %}{% block head %}{{ n }}"
                + "{% endblock %}{% endembed %}{% endfor %}{{ g|length }}");
        src.put("base", "{% block head %}{% endblock %}{{ rows|length }};");
        loader.change(src);
        List<Object> kept = new ArrayList<>();
        Template t = Environment.builder().loader(loader).autoReload(true).strictVariables(true)
                .function(FunctionDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value")).build().load("main");
        for (int i = 0; i < 20; i++) {
            assertEquals("apple1;fig1;3", t.render(CollectionAllocationTest.DATA));
        }
        // the parent now keeps what it gets: the embedding template, unchanged, is not compiled again
        src.put("base", "{% block head %}{% endblock %}{{ keep(rows) }}{{ keep(g) }}{{ rows|length }};");
        loader.change(src);
        for (int i = 0; i < 20; i++) {
            assertEquals("apple1;fig1;3", t.render(CollectionAllocationTest.DATA));
        }
        assertEquals(80, kept.size());
        for (int i = 0; i < kept.size(); i++) {
            Object o = kept.get(i);
            assertFalse(o instanceof PhpArray, "an array of the engine's was kept");
            String s = o.toString();
            assertTrue(i % 2 == 0 ? s.equals(i % 4 == 0 ? "[{name=apple, price=3}]" : "[{name=fig, price=2}]")
                    : s.equals("{apple=[{name=apple, price=3}], pear=[{name=pear, price=1}], fig=[{name=fig,"
                            + " price=2}]}"), "a kept collection changed: " + s);
        }
    }

    @Test
    void aRenderNestedInAUsersFunctionAndOtherThreadsSeeNoneOfIt() throws Exception {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("base", "{% block head %}{% endblock %}{{ keep(rows) }}{{ rows|length }}");
        templates.put("inner", "{% set zs = more|sort %}{% for k in [1, 2] %}{% embed 'base' with {rows: zs} %}"
                + "{% block head %}{{ k }}{% endblock %}{% endembed %}{% endfor %}{{ zs|join }}");
        templates.put("calls", "({{ nested() }})");
        templates.put("outer", GROUPED + EACH + "{% embed 'base' with {rows: list} %}{% block head %}"
                + "{% include 'calls' %}{% endblock %}{% endembed %}{% endfor %}{{ g|keys|join }}");
        List<Object> kept = CollectionAllocationTest.keptByNestedRenders(templates,
                Map.of("more", List.of(9L, 7L, 8L)), "(1323789)1(1323789)1applepearfig",
                k -> Map.of("items", List.of(Map.of("name", "apple", "price", k), Map.of("name", "fig", "price", k))),
                k -> "(1323789)1(1323789)1applefig");
        for (Object o : kept) {
            assertFalse(o instanceof PhpArray, "an array of the engine's was kept");
            String s = o.toString();
            assertTrue(s.equals("{1=7, 2=8, 0=9}") || s.matches("\\[\\{(name=apple|name=fig), price=\\d+}]")
                    || s.matches("\\[\\{price=\\d+, name=(apple|fig)}]"), "a kept collection changed: " + s);
        }
    }
}
