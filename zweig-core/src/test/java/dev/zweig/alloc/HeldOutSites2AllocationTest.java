package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine sites the second set of held-out pages (HeldOutPages2Test) found allocating, each printed and chained
 * into another core filter or operator, at most {@link #BOUND} bytes per render after a warm-up, with real Twig's
 * output: trim with a character range ("a..z") in its mask, read in place; a method of the application's object
 * called with constant arguments (the arguments array is made once at compile time and the method called through a
 * spreader that coerces them: no array, box or adaptation per call). A call whose arguments are computed still makes
 * its arguments array per call.
 */
class HeldOutSites2AllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    /** A record whose methods take arguments and return what the data already holds (they allocate nothing). */
    public record Shelf(String name, List<String> books) {
        public String book(long i) {
            return books.get((int) i);
        }

        public boolean holds(String title, boolean exact) {
            for (int i = 0; i < books.size(); i++) { // no iterator: the method itself allocates nothing
                String b = books.get(i);
                if (exact ? b.equals(title) : b.contains(title)) {
                    return true;
                }
            }
            return false;
        }

        public long count(int plus) {
            return books.size() + plus;
        }
    }

    private static Map<String, Object> data() {
        Map<String, Object> d = new HashMap<>();
        d.put("shelf", new Shelf("Poetry", List.of("Odes", "Sonnets", "Ballads")));
        d.put("two", 2L);
        return d;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("methods with constant arguments, printed",
                        "{{ shelf.book(0) }}|{{ shelf.holds('Odes', true) ? 'y' : 'n' }}|{{ shelf.holds('net', 0)"
                                + " ? 'y' : 'n' }}|{{ shelf.count(40) }}|{{ shelf.count('5') }}|{{ shelf.count(null) }}",
                        "Odes|y|y|43|8|3"),
                Arguments.of("methods with constant arguments, chained",
                        "{{ shelf.book(1)|upper }}|{{ shelf.count(0) * 2 }}|{{ shelf.book(2) starts with 'Ba' ? 1 }}"
                                + "|{{ shelf.book(0) ~ shelf.book(2) }}",
                        "SONNETS|6|1|OdesBallads"),
                Arguments.of("trim with a range mask, printed",
                        "{{ 'abcXcba'|trim('a..c') }}|{{ 'zz-Hello-az'|trim('a..z-', 'left') }}|{{ 'zz-Hello-az'"
                                + "|trim('a..z-', 'right') }}|{{ '..x..'|trim('.') }}|{{ 'a..xa.'|trim('a..') }}"
                                + "|{{ 'x9y07'|trim('0..9x') }}|{{ 'ab<b>ba'|trim('a..b') }}",
                        "X|Hello-az|zz-H|x|x|y|&lt;b&gt;"),
                Arguments.of("trim with a range mask, chained",
                        "{{ ('<' ~ 'abcXcba'|trim('a..c') ~ '>')|upper }}|{{ 'x9y07'|trim('0..9x')|length }}"
                                + "|{{ 'zz-Hello-az'|trim('a..z-') starts with 'H' ? 1 : 0 }}",
                        "&lt;X&gt;|1|1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("t", template))).build().load("t");
        Map<String, Object> data = data();
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(data, out);
        assertEquals(expected, out.toString(), what);
        double bytes = AllocationMeter.bytesPerRender(t, data, out, 500, BOUND);
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
        assertEquals(expected, out.toString(), what + " after the warm-up");
    }
}
