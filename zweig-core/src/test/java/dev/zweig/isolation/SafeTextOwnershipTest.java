package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.Template;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Captured text the engine keeps in render-private buffers (a {@code set} capture, an {@code apply} body, a macro's
 * output; see SafeText) never reaches user code as such: a user filter, function or test, and a {@code _context}
 * handed out, get a fresh {@link Markup} that keeps its text after the render and after the next one; a render
 * nested in a user function, and renders on other threads, use buffers of their own while a capture is live.
 */
class SafeTextOwnershipTest {
    /** What user callables were given, in call order. */
    private final List<Object> kept = Collections.synchronizedList(new ArrayList<>());

    private Environment.Builder builder(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates))
                .filter(FilterDefinition.of("keep", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }))
                .function(FunctionDefinition.of("hold", (ctx, a) -> {
                    kept.add(a[0]);
                    return "";
                }).params("value"))
                .test(TestDefinition.of("held", (ctx, a) -> {
                    kept.add(a[0]);
                    return true;
                }));
    }

    private void assertKeptMarkup(int i, String text) {
        Object v = kept.get(i);
        assertInstanceOf(Markup.class, v, "kept value " + i + " is " + (v == null ? null : v.getClass()));
        assertEquals(text, v.toString());
    }

    @Test
    void aUserFilterGetsAMarkupThatStaysAfterTheRenderAndTheNext() {
        Environment env = builder(Map.of("t", "{% set x %}<b>{{ n }}</b>{% endset %}{{ x|keep }}{{ x }}|{{ x|length }}"))
                .build();
        assertEquals("<b>1</b>|8", env.render("t", Map.of("n", 1L)));
        assertKeptMarkup(0, "<b>1</b>");
        assertEquals("<b>22</b>|9", env.render("t", Map.of("n", 22L)));
        assertKeptMarkup(0, "<b>1</b>");
        assertKeptMarkup(1, "<b>22</b>");
        assertNotSame(kept.get(0), kept.get(1));
    }

    @Test
    void anApplyWithAUserFilterHandsItAMarkup() {
        Environment env = builder(Map.of("t", "{% apply keep %}<i>{{ n }}</i>{% endapply %}{% apply upper %}<i>{{ n }}</i>{% endapply %}"))
                .build();
        assertEquals("&lt;I&gt;1&lt;/I&gt;", env.render("t", Map.of("n", 1L)));
        assertEquals("&lt;I&gt;2&lt;/I&gt;", env.render("t", Map.of("n", 2L)));
        assertKeptMarkup(0, "<i>1</i>");
        assertKeptMarkup(1, "<i>2</i>");
    }

    @Test
    void aCapturedValuePassedToAUserFunctionOrTestIsKeptAsAMarkup() {
        Environment env = builder(Map.of("t", "{% set x %}<b>{{ n }}</b>{% endset %}{{ x|upper }}{{ hold(x) }}"
                + "{% if x is held %}{{ x|length }}{% endif %}")).build();
        assertEquals("&lt;B&gt;1&lt;/B&gt;8", env.render("t", Map.of("n", 1L)));
        assertEquals("&lt;B&gt;2&lt;/B&gt;8", env.render("t", Map.of("n", 2L)));
        assertKeptMarkup(0, "<b>1</b>");
        assertKeptMarkup(1, "<b>1</b>");
        assertKeptMarkup(2, "<b>2</b>");
        assertKeptMarkup(3, "<b>2</b>");
    }

    @Test
    void macroOutputsHandedToUserCodeAreMarkups() {
        Environment env = builder(Map.of("t", "{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}"
                + "{{ hold(_self.m(n)) }}{{ [n, 'z']|map(v => _self.m(v))|keep }}{{ [n]|map(v => _self.m(v))|join }}"))
                .build();
        // (a join of markups is a string: escaped when printed, as in Twig)
        assertEquals("&lt;i&gt;1&lt;/i&gt;", env.render("t", Map.of("n", 1L)));
        assertEquals("&lt;i&gt;2&lt;/i&gt;", env.render("t", Map.of("n", 2L)));
        assertKeptMarkup(0, "<i>1</i>");
        List<?> first = (List<?>) kept.get(1);
        assertInstanceOf(Markup.class, first.get(0));
        assertEquals(List.of(new Markup("<i>1</i>"), new Markup("<i>z</i>")), first);
        assertKeptMarkup(2, "<i>2</i>");
        assertEquals(List.of(new Markup("<i>2</i>"), new Markup("<i>z</i>")), kept.get(3));
    }

    @Test
    void aBlockOutputReadAsTextByTheCoreStaysAMarkupForUserCode() {
        // block() read by core string filters is render-private safe text; handed to a user filter or function
        // (in the same template, and nested in a block the core reads as text), it is a Markup of its own
        Environment env = builder(Map.of("t", "{% block a %}<b>{{ n }}</b> &amp; {{ block('c')|upper }}{% endblock %}"
                + "{% block c %}<i>c{{ n }}</i>{% endblock %}"
                + "|{{ block('a')|striptags }}|{{ block('c')|keep }}{{ hold(block('a')) }}"
                + "|{{ block('c')|length }}|{{ block('a')|striptags|upper ~ block('c')|striptags }}"
                + "|{{ block('e') is empty ? 'E' }}{{ block('c') is empty ? 'E' : 'F' }}{% block e %}{% endblock %}"))
                .build();
        // (striptags and upper are not safe: their output is escaped again, its & included)
        String c1 = "&lt;I&gt;C1&lt;/I&gt;";
        assertEquals("<b>1</b> &amp; " + c1 + "<i>c1</i>|1 &amp;amp; &amp;lt;I&amp;gt;C1&amp;lt;/I&amp;gt;||9"
                + "|1 &amp;AMP; &amp;LT;I&amp;GT;C1&amp;LT;/I&amp;GT;c1|EF", env.render("t", Map.of("n", 1L)));
        assertEquals(2, kept.size());
        assertKeptMarkup(0, "<i>c1</i>");
        assertKeptMarkup(1, "<b>1</b> &amp; " + c1);
        env.render("t", Map.of("n", 2L));
        assertKeptMarkup(0, "<i>c1</i>");
        assertKeptMarkup(1, "<b>1</b> &amp; " + c1);
        assertKeptMarkup(2, "<i>c2</i>");
    }

    @Test
    void aContextHandedOutHoldsMarkupsAndNoApplyBuffer() {
        Environment env = builder(Map.of("t", "{% apply upper %}<i>{{ n }}</i>{% endapply %}{% set x %}<b>{{ n }}</b>"
                + "{% endset %}{{ x }}{{ include('w', {v: x|length}) }}",
                "w", "{{ hold(_context) }}{% apply lower %}[{{ v }}]{% endapply %}")).build();
        assertEquals("&lt;I&gt;1&lt;/I&gt;<b>1</b>[8]", env.render("t", Map.of("n", 1L)));
        assertEquals("&lt;I&gt;2&lt;/I&gt;<b>2</b>[8]", env.render("t", Map.of("n", 2L)));
        Map<?, ?> ctx = (Map<?, ?>) kept.get(0);
        assertInstanceOf(Markup.class, ctx.get("x"));
        assertEquals("<b>1</b>", ctx.get("x").toString());
        assertTrue(ctx.keySet().stream().noneMatch(k -> k.toString().startsWith("\0")), ctx.keySet().toString());
        assertEquals("<b>2</b>", ((Map<?, ?>) kept.get(1)).get("x").toString());
    }

    @Test
    void aRenderNestedInAUserFunctionWhileACaptureIsLive() {
        List<Template> inner = new ArrayList<>();
        Environment env = Environment.builder()
                .loader(new MapLoader(Map.of(
                        "outer", "{% macro m() %}{{ nested() }}{% endmacro %}{% set x %}<b>{{ n }}</b>{% endset %}"
                                + "{% apply upper %}<i>{{ n }}</i>{{ _self.m() }}{% endapply %}{{ x }}|{{ x|length }}"
                                + "|{{ _self.m() }}|{{ x|striptags }}",
                        "inner", "{% set y %}[{{ n }}]{% endset %}{{ y }}{{ y|length }}{% apply lower %}{{ y }}Q"
                                + "{% endapply %}")))
                .function(FunctionDefinition.of("nested", (ctx, a) -> new Markup(inner.get(0).render(
                        Map.of("n", 99L)))))
                .build();
        inner.add(env.load("inner"));
        Template outer = env.load("outer");
        for (long n = 1; n <= 3; n++) {
            assertEquals("&lt;I&gt;" + n + "&lt;/I&gt;[99]4[99]Q<b>" + n + "</b>|8|[99]4[99]q|" + n,
                    outer.render(Map.of("n", n)));
        }
    }

    @Test
    void rendersOnOtherThreadsKeepTheirOwnCaptures() throws Exception {
        Environment env = builder(Map.of("t", "{% macro m(v) %}<i>{{ v }}</i>{% endmacro %}{% set x %}<b>{{ n }}</b>"
                + "{% endset %}{% apply upper %}{{ n }}{% endapply %}{{ x }}{{ [n, n]|map(v => _self.m(v))|join }}"))
                .build();
        Template t = env.load("t");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                long base = w * 1000L;
                futures.add(pool.submit(() -> {
                    for (long n = base; n < base + 300; n++) {
                        assertEquals(n + "<b>" + n + "</b>&lt;i&gt;" + n + "&lt;/i&gt;&lt;i&gt;" + n + "&lt;/i&gt;",
                                t.render(Map.of("n", n)));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
