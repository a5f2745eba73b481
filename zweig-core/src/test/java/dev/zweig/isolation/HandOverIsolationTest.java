package dev.zweig.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Lambda;
import dev.zweig.ext.TestDefinition;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What reaches user code (a filter's, function's or test's arguments, a Java method's, the values of
 * {@code _context} and of the call context's variables, what an arrow handed to user code returns) is immutable or
 * the receiver's own: PHP hands arrays by value, so a receiver that changes (or keeps and later changes) what it
 * got changes nothing the template or any other receiver sees. Each user callable here keeps what it gets, and
 * tries to change it, deeply, as hostile extension code would: every list gets an element added, every map a key,
 * every list's first element replaced (a receiver changing a copy of its own is its business). The render prints what Twig prints, and what each receiver kept is as it
 * was when it got it, after every other receiver (and the next renders) tried to change theirs.
 */
class HandOverIsolationTest {
    /** A Java object whose method keeps and changes its argument. */
    public static final class Sink {
        public String take(Object v) {
            return vandalize(v);
        }

        /** A parameter of a mutable JDK type: it gets a copy of its own (see HandOver#asParameter). */
        public String takeArrayList(ArrayList<Object> l, java.util.HashMap<Object, Object> m) {
            return vandalize(l) + vandalize(m) + l.getClass().getSimpleName();
        }

        public String takeAll(Object... vs) {
            for (Object v : vs) {
                vandalize(v);
            }
            return "";
        }
    }

    private static final List<Object> KEPT = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    /** Keeps v, notes what it holds, then changes every collection reachable from it that lets itself be. */
    static String vandalize(Object v) {
        change(v, Collections.newSetFromMap(new IdentityHashMap<>()));
        KEPT.add(v);
        SEEN.add(describe(v)); // as its receiver left it: changes of its own copy are its business
        return "";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void change(Object v, Set<Object> done) {
        if (!(v instanceof List || v instanceof Map) || !done.add(v)) {
            return;
        }
        if (v instanceof List l) {
            for (Object x : new ArrayList<>(l)) {
                change(x, done);
            }
            try {
                l.add("EVIL");
            } catch (UnsupportedOperationException refused) {
                // immutable: fine
            }
            try {
                if (!l.isEmpty()) {
                    l.set(0, "EVIL");
                }
            } catch (UnsupportedOperationException refused) {
                // immutable: fine
            }
        } else {
            Map m = (Map) v;
            for (Object x : new ArrayList<>(m.values())) {
                change(x, done);
            }
            try {
                m.put("evil", "EVIL");
            } catch (UnsupportedOperationException refused) {
                // immutable: fine
            }
            try {
                for (Object e : m.entrySet()) {
                    ((Map.Entry) e).setValue("EVIL");
                    break;
                }
            } catch (UnsupportedOperationException refused) {
                // immutable: fine
            }
        }
    }

    static String describe(Object v) {
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : l) {
                b.append(describe(x)).append(',');
            }
            return b.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> {
                if (!(x instanceof Lambda)) {
                    b.append(k).append(':').append(describe(x)).append(',');
                }
            });
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }

    private static Environment env(Map<String, String> templates) {
        return Environment.builder().loader(new MapLoader(templates))
                .function(FunctionDefinition.of("spoil", (ctx, a) -> vandalize(a[0])).params("value"))
                .function(FunctionDefinition.of("spoil_all", (ctx, a) -> {
                    for (Object x : a) {
                        vandalize(x);
                    }
                    return "";
                }).asVariadic())
                .function(FunctionDefinition.of("spoil_context", (ctx, a) -> {
                    vandalize(ctx.variables());
                    return vandalize(ctx.variables().get("l"));
                }))
                .filter(FilterDefinition.of("spoil", (ctx, a) -> vandalize(a[0])))
                .filter(FilterDefinition.of("spoil_arg", (ctx, a) -> vandalize(a[1])).params("value"))
                .filter(FilterDefinition.of("spoil_arrow", (ctx, a) -> {
                    Lambda f = (Lambda) a[1];
                    vandalize(f.apply1(a[0]));
                    return vandalize(f.apply1(a[0]));
                }).params("arrow"))
                .test(TestDefinition.of("spoiled", (ctx, a) -> {
                    vandalize(a[0]);
                    return false;
                }))
                .build();
    }

    static Stream<Arguments> handOvers() {
        String set = "{% set l = {a: [n, 2, [3]], m: {k: [n]}} %}";
        String after = "{{ l.a|json_encode|raw }}{{ l.m|json_encode|raw }}";
        String twig = "[1,2,[3]]{\"k\":[1]}";
        return Stream.of(
                Arguments.of("function args, twice", set + "{{ spoil(l.a) }}{{ spoil(l.a) }}{{ spoil(l) }}" + after,
                        twig),
                Arguments.of("filter input and args", set + "{{ l.a|spoil }}{{ 'x'|spoil_arg(l.m) }}{{ l|spoil }}"
                        + after, twig),
                Arguments.of("test args", set + "{{ l.a is spoiled ? 'y' }}{{ l is spoiled ? 'y' }}" + after, twig),
                Arguments.of("Java method args", set + "{{ sink.take(l.a) }}{{ sink.take(l) }}"
                        + "{{ sink.takeAll(l.a, l.m) }}{{ sink.takeArrayList(l.a, l.m) }}" + after, "ArrayList" + twig),
                Arguments.of("macro to function", set + "{% macro m(x, y) %}{{ spoil(x) }}{{ y|spoil }}"
                        + "{{ x|json_encode|raw }}{% endmacro %}{{ _self.m(l.a, l) }}{{ _self.m([n, [n]], {k: [n]}) }}"
                        + after, "[1,2,[3]][1,[1]]" + twig),
                Arguments.of("spread args", set + "{{ spoil(...[l.a]) }}{{ spoil_all(...[l.a, l.m]) }}"
                        + "{{ spoil_all(l.a, l) }}" + after, twig),
                Arguments.of("_context", set + "{{ spoil(_context) }}{{ spoil(_context) }}" + after, twig),
                Arguments.of("the call context's variables", set + "{{ spoil_context() }}{{ spoil_context() }}"
                        + after, twig),
                Arguments.of("named args", set + "{{ spoil(value=l.a) }}{{ spoil(value=l) }}" + after, twig),
                Arguments.of("an arrow's result given to a user filter", set + "{{ 1|spoil_arrow(v => l.a) }}"
                        + "{{ 1|spoil_arrow(v => [v, [v]]) }}{{ 1|spoil_arrow(v => l) }}" + after, twig),
                Arguments.of("a literal in the call", "{{ spoil([n, [n]]) }}{{ [n, {k: [n]}]|spoil }}"
                        + "{% for i in 1..2 %}{{ spoil({x: [i]}) }}{% endfor %}", ""),
                Arguments.of("a core filter's result kept by set", "{% set s = [3, n, 2]|sort %}"
                        + "{% set r = {a: [n]}|merge({b: [2]}) %}{{ spoil(s) }}{{ spoil(s) }}{{ r|spoil }}"
                        + "{{ spoil(r) }}{{ s|join }}{{ r|json_encode|raw }}", "123{\"a\":[1],\"b\":[2]}"),
                Arguments.of("a Lambda or Function of the context called by a core filter", set
                        + "{{ [l.a, l.m]|map(fn)|length }}{{ [l.a]|map(jfn)|length }}{{ [1]|reduce((c, x) => c, l)"
                        + "|length }}{{ [l.a, l]|filter(fn)|length }}" + after, "2120" + twig),
                Arguments.of("a loop variable", "{% for x in [[n], [2]] %}{{ spoil(x) }}{{ x|spoil }}"
                        + "{{ x|join }}{% endfor %}", "12"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("handOvers")
    void whatUserCodeGetsIsImmutableOrItsOwn(String what, String template, String expected) {
        Environment env = env(Map.of("t", template));
        Map<String, Object> ctx = new LinkedHashMap<>();
        ctx.put("n", 1);
        ctx.put("sink", new Sink());
        ctx.put("fn", (Lambda) args -> vandalize(args[0]));
        ctx.put("jfn", (java.util.function.Function<Object, Object>) HandOverIsolationTest::vandalize);
        for (int i = 0; i < 3; i++) {
            KEPT.clear();
            SEEN.clear();
            assertEquals(expected, env.render("t", ctx), what);
            assertTrue(!KEPT.isEmpty(), what + ": no user code ran");
            env.render("t", ctx); // the next render's receivers try too
            for (int k = 0; k < SEEN.size(); k++) {
                assertEquals(SEEN.get(k), describe(KEPT.get(k)), what + ": what receiver " + k + " kept changed");
            }
        }
    }
}
