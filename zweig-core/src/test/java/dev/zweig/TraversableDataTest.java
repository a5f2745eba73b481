package dev.zweig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.loader.MapLoader;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A java.util.Iterator or a stream (Stream, IntStream, LongStream, DoubleStream) as template data is what a PHP
 * generator is to Twig: a Traversable that is neither an array nor Countable, walked once, in order, keys 0..n-1
 * (php.Traversables). Each case runs on both executors with a fresh Iterator, Stream and primitive stream.
 *
 * <p>Expected results are reasoned from Twig 3.x's CoreExtension (iterator_to_array / iterator_count of the
 * Traversable, then the array rule) and PHP's documented behaviour, as each test says. A second walk: an Iterator
 * goes on where the first walk left it (PHP's NoRewindIterator), a stream fails as a used generator fails ("Cannot
 * traverse an already closed generator": here the stream's own "already operated upon"), a runtime error with the
 * template and line.
 */
class TraversableDataTest {
    private static final List<Supplier<Object>> ONE_TWO_THREE = List.of(
            () -> List.of(1L, 2L, 3L).iterator(),
            () -> Stream.of(1, 2, 3),
            () -> IntStream.rangeClosed(1, 3),
            () -> LongStream.of(1, 2, 3));

    private static String render(Executor executor, String source, Object it) {
        return render(executor, source, it, b -> { });
    }

    private static String render(Executor executor, String source, Object it,
            java.util.function.Consumer<Environment.Builder> config) {
        Environment.Builder b = Environment.builder().executor(executor)
                .loader(new MapLoader(Map.of("t.twig", source)));
        config.accept(b);
        Map<String, Object> vars = new HashMap<>();
        vars.put("it", it);
        return b.build().render("t.twig", vars);
    }

    /** source over each of 1, 2, 3 as an Iterator, a Stream, an IntStream and a LongStream, on both executors. */
    private static void expect(String expected, String source) {
        for (Executor ex : Executor.values()) {
            for (Supplier<Object> data : ONE_TWO_THREE) {
                Object it = data.get();
                assertEquals(expected, render(ex, source, it), source + " over " + it.getClass() + " on " + ex);
            }
        }
    }

    /** The failure of source (over each kind of sequence, both executors): its class, and its message. */
    private static void expectFailure(String message, String source) {
        for (Executor ex : Executor.values()) {
            for (Supplier<Object> data : ONE_TWO_THREE) {
                Object it = data.get();
                TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                        () -> render(ex, source, it), source + " over " + it.getClass() + " on " + ex);
                assertEquals(message, e.getMessage(), source + " on " + ex);
            }
        }
    }

    @Test
    void joinLengthFirstLastKeys() {
        // join: toArray($value, false) then implode; length: iterator_count; keys: a generator's keys 0..n-1
        expect("1,2,3", "{{ it|join(',') }}");
        expect("1, 2 and 3", "{{ it|join(', ', ' and ') }}");
        expect("3", "{{ it|length }}");
        expect("1", "{{ it|first }}");
        expect("3", "{{ it|last }}");
        expect("0,1,2", "{{ it|keys|join(',') }}");
        expect("4", "{{ it|length + 1 }}");
    }

    @Test
    void mergeSliceBatchReverseSortShuffle() {
        // merge: array_merge of toArray (a list: renumbered); slice: LimitIterator, keys 0.. unless preserved
        expect("1,2,3,9", "{{ it|merge([9])|join(',') }}");
        expect("0,1,2,3", "{{ [0]|merge(it)|join(',') }}");
        expect("2,3", "{{ it|slice(1)|join(',') }}");
        expect("2", "{{ it|slice(1, 1)|join(',') }}");
        expect("1:2", "{{ it|slice(1, 1, true)|map((v, k) => k ~ ':' ~ v)|join }}");
        expect("2,3", "{{ it|slice(-2)|join(',') }}");
        expect("1+2|3+x", "{{ it|batch(2, 'x')|map(b => b|join('+'))|join('|') }}");
        expect("3,2,1", "{{ it|reverse|join(',') }}");
        expect("2,1,0", "{{ it|reverse(true)|keys|join(',') }}"); // array_reverse keeping 0..2
        expect("3,2,1", "{{ it|sort((a, b) => b <=> a)|join(',') }}");
        expect("1,2,3", "{{ it|sort|join(',') }}");
        expect("6", "{{ it|shuffle|reduce((s, x) => s + x, 0) }}");
    }

    @Test
    void arrowFiltersColumnAndInOperator() {
        expect("2,4,6", "{{ it|map(x => x * 2)|join(',') }}");
        // filter keeps the generator's keys (CallbackFilterIterator): 1 and 2
        expect("1,2", "{{ it|filter(x => x > 1)|keys|join(',') }}");
        expect("6", "{{ it|reduce((s, x) => s + x, 0) }}");
        expect("2", "{{ it|find(x => x > 1) }}");
        expect("y", "{{ (it has some x => x > 2) ? 'y' : 'n' }}");
        expect("n", "{{ (it has every x => x > 2) ? 'y' : 'n' }}");
        expect("", "{{ it|column('a')|join(',') }}"); // array_column of ints: nothing
        expect("y", "{{ 2 in it ? 'y' : 'n' }}");
        expect("n", "{{ 5 in it ? 'y' : 'n' }}");
        expect("y", "{{ 5 not in it ? 'y' : 'n' }}");
        expect("1,1,2,3", "{{ [1, ...it]|join(',') }}");
    }

    @Test
    void primitiveValuesArePhpNumbers() {
        for (Executor ex : Executor.values()) {
            // ints and longs are PHP ints (integer division result 1.5 is a float), doubles PHP floats
            assertEquals("0.5,1,1.5", render(ex, "{{ it|map(x => x / 2)|join(',') }}", IntStream.of(1, 2, 3)));
            assertEquals("1.5,2", render(ex, "{{ it|join(',') }}", DoubleStream.of(1.5, 2.0)));
            assertEquals("y", render(ex, "{{ it|first is same as(1) ? 'y' : 'n' }}", LongStream.of(1)));
            assertEquals("[1,2]", render(ex, "{{ it|map(x => x)|json_encode }}", IntStream.of(1, 2)));
        }
    }

    @Test
    void testsAnswerAsForAGenerator() {
        // is_iterable(generator): true; testSequence/testMapping walk iterator_to_array: a list, not a mapping;
        // testEmpty: !iterator_count
        expect("y", "{{ it is iterable ? 'y' : 'n' }}");
        expect("y", "{{ it is sequence ? 'y' : 'n' }}");
        expect("n", "{{ it is mapping ? 'y' : 'n' }}");
        expect("n", "{{ it is empty ? 'y' : 'n' }}");
        for (Executor ex : Executor.values()) {
            assertEquals("yyn", render(ex, "{{ it is empty ? 'y' : 'n' }}{{ it is iterable ? 'y' : 'n' }}"
                    + "{{ it is mapping ? 'y' : 'n' }}", List.of().iterator()));
            assertEquals("y", render(ex, "{{ it is sequence ? 'y' : 'n' }}", Stream.empty()));
            // an object is true in PHP, a generator without values too: not walked
            assertEquals("t|", render(ex, "{{ it ? 't' : 'f' }}|{{ it|join }}", IntStream.empty()));
        }
        // truthiness does not walk it
        expect("t|1,2,3", "{{ it ? 't' : 'f' }}|{{ it|join(',') }}");
    }

    @Test
    void aForLoopHasKeysButNoLengthNorLast() {
        // ForLoop over a Traversable not Countable: loop.length, revindex and last are not set
        expect("0=1(1);1=2(2);2=3(3);", "{% for k, x in it %}{{ k }}={{ x }}({{ loop.index }}{{ loop.length }}"
                + "{{ loop.last ? 'L' }}{{ loop.revindex }});{% endfor %}");
        expect("nnn", "{% for x in it %}{{ loop.length is defined ? 'y' : 'n' }}{% endfor %}");
        expect("123", "{% for x in it %}{{ x }}{% else %}E{% endfor %}");
        for (Executor ex : Executor.values()) {
            assertEquals("E", render(ex, "{% for x in it %}{{ x }}{% else %}E{% endfor %}", Stream.empty()));
        }
    }

    @Test
    void printingAGeneratorFails() {
        // echo of a generator: "Object of class Generator could not be converted to string"; json_encode of one is {}
        expectFailure("An exception has been thrown during the rendering of a template (\"Object of class Generator"
                + " could not be converted to string\") in \"t.twig\" at line 2.", "x\n{{ it }}");
        expect("{}", "{{ it|json_encode }}");
        expect("{}|1,2,3", "{{ it|json_encode }}|{{ it|join(',') }}"); // not walked by json_encode
    }

    @Test
    void comparedAsTheObjectAGeneratorIs() {
        // PHP 8 compares a generator as an object: never walked, not equal to an array; against a number it is
        // cast to 1 (a notice); uncomparable with a string (the object side greater); identical to itself only
        expect("ne|1,2,3", "{{ it == [1, 2, 3] ? 'eq' : 'ne' }}|{{ it|join(',') }}");
        expect("yn", "{{ it == 1 ? 'y' : 'n' }}{{ it == 2 ? 'y' : 'n' }}");
        expect("nyy", "{{ it == 'x' ? 'y' : 'n' }}{{ it == it ? 'y' : 'n' }}{{ it is same as(it) ? 'y' : 'n' }}");
        expect("ny", "{{ it is same as([1, 2, 3]) ? 'y' : 'n' }}{{ it > 0 ? 'y' : 'n' }}");
        expect("n|3", "{{ it < 'a' ? 'y' : 'n' }}|{{ it|length }}");
    }

    @Test
    void functionsThatTakeAnArrayOnly() {
        // max/min are PHP's: an array argument, a Generator is a TypeError; cycle wants an array or ArrayAccess
        expectFailure("An exception has been thrown during the rendering of a template (\"max(): Argument #1 "
                + "($value) must be of type array, Generator given\") in \"t.twig\" at line 1.", "{{ max(it) }}");
        expectFailure("An exception has been thrown during the rendering of a template (\"min(): Argument #1 "
                + "($value) must be of type array, Generator given\") in \"t.twig\" at line 1.", "{{ min(it) }}");
        expectFailure("The \"cycle\" function expects an array or \"ArrayAccess\" as first argument in \"t.twig\" "
                + "at line 1.", "{{ cycle(it, 1) }}");
    }

    @Test
    void aSecondWalkOfAnIteratorSeesWhatTheFirstLeft() {
        for (Executor ex : Executor.values()) {
            // length walks it all (iterator_count): nothing is left; first walks one value (LimitIterator)
            assertEquals("3|0|", render(ex, "{{ it|length }}|{{ it|length }}|{{ it|join }}", iterator()));
            assertEquals("1|2|3", render(ex, "{{ it|first }}|{{ it|first }}|{{ it|join }}", iterator()));
            assertEquals("12|3", render(ex, "{{ it|slice(0, 2)|join }}|{{ it|join }}", iterator()));
            assertEquals("123E", render(ex, "{% for x in it %}{{ x }}{% else %}E{% endfor %}"
                    + "{% for x in it %}{{ x }}{% else %}E{% endfor %}", iterator()));
            assertEquals("n|", render(ex, "{{ it is empty ? 'y' : 'n' }}|{{ it|join }}", iterator()));
            // `in` stops at the value it finds, as PHP's foreach with a return
            assertEquals("y|3", render(ex, "{{ 2 in it ? 'y' : 'n' }}|{{ it|join }}", iterator()));
            // a variable holds the same Iterator: set does not copy it
            assertEquals("1|23", render(ex, "{% set x = it %}{{ x|first }}|{{ it|join }}", iterator()));
        }
    }

    private static Iterator<Long> iterator() {
        return List.of(1L, 2L, 3L).iterator();
    }

    @Test
    void aSecondWalkOfAStreamFailsWithTheTemplateAndLine() {
        String used = "An exception has been thrown during the rendering of a template (\"stream has already been "
                + "operated upon or closed\") in \"t.twig\" at line ";
        for (Executor ex : Executor.values()) {
            for (String source : List.of("{{ it|length }}\n{{ it|join }}", "{{ it|first }}\n{{ it|first }}",
                    "{{ it is empty ? 'y' }}\n{{ it|keys|join }}", "{% for x in it %}{% endfor %}\n{{ 1 in it }}")) {
                Object[] streams = {Stream.of(1, 2), IntStream.of(1, 2), DoubleStream.of(1, 2)};
                for (Object s : streams) {
                    TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class,
                            () -> render(ex, source, s), source + " on " + ex);
                    assertEquals(used + "2.", e.getMessage(), source + " on " + ex);
                }
            }
            // a loop's second walk: its line
            TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> render(ex,
                    "{{ it|join }}\n\n{% for x in it %}{{ x }}{% endfor %}", Stream.of(1)));
            assertEquals(used + "3.", e.getMessage());
            assertEquals("t.twig", e.getTemplateName());
        }
    }

    @Test
    void aSandboxAllowsTheWalkButNoMethod() {
        SecurityPolicy policy = SecurityPolicy.builder().allowTags("for").allowFilters("join", "length").build();
        for (Executor ex : Executor.values()) {
            assertEquals("1,2", render(ex, "{{ it|join(',') }}", IntStream.of(1, 2), b -> b.sandbox(policy)));
            assertEquals("3", render(ex, "{{ it|length }}", iterator(), b -> b.sandbox(policy)));
            assertEquals("123", render(ex, "{% for x in it %}{{ x }}{% endfor %}", iterator(), b -> b.sandbox(policy)));
            // no method of an Iterator or a stream is reachable, in a sandbox or out: the calls read nothing and
            // leave the sequence as it was
            for (boolean sandboxed : new boolean[] {true, false}) {
                java.util.function.Consumer<Environment.Builder> config = b -> {
                    if (sandboxed) {
                        b.sandbox(policy);
                    }
                };
                assertEquals("|123", render(ex, "{{ it.next() }}{{ it.next }}|{{ it|join }}", iterator(), config));
                assertEquals("|1", render(ex, "{{ it.count() }}{{ it.iterator() }}|{{ it|join }}", Stream.of(1),
                        config));
            }
        }
    }
}
