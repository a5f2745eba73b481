package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Running totals kept by {@code set} over many rows ({@code {% set s = s + x %}}): each new total is a new number,
 * boxed through the render's box cache, which grows with the distinct numbers a render makes (a 2-way cache of
 * 2,048 boxes evicted a total per row past a few hundred rows: 28 KB per render over 2,000 rows). Over 2,000 rows
 * of ints, floats and counts each case prints what real Twig prints (PHP oracle) and allocates at most
 * {@link #BOUND} bytes per render after warm-up; the suite runs once per executor.
 */
class RunningTotalsAllocationTest {
    /** Bytes per render tolerated: JIT and counter noise, averaged over many renders. */
    private static final double BOUND = 16.0;

    private static final Map<String, Object> DATA = Map.of("rows",
            List.copyOf(LongStream.range(0, 2000).map(i -> i * 1000).boxed().toList()));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("sums of ints and floats and a count over 2,000 rows",
                        "{% set s = 0 %}{% set c = 0 %}{% set f = 0 %}{% for r in rows %}{% set s = s + r %}"
                                + "{% set c = c + 1 %}{% set f = f + r / 3 %}{% endfor %}{{ s }} {{ c }} {{ f }}"
                                + " {{ (f / c)|round(2) }}",
                        "1999000000 2000 666333333.33333 333166.67"),
                Arguments.of("a float total printed along the way",
                        "{% set t = 0 %}{% for r in rows %}{% set t = t + 0.25 %}{% if loop.index is divisible"
                                + " by(500) %}{{ t }};{% endif %}{% endfor %}",
                        "125;250;375;500;"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rendersAsTwigWithoutAllocating(String what, String template, String expected) {
        Template t = Environment.builder().loader(new MapLoader(Map.of("main", template))).strictVariables(true)
                .build().load("main");
        assertEquals(expected, t.render(DATA));
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(256));
        t.render(DATA, out);
        double bytes = AllocationMeter.bytesPerRender(t, DATA, out, 300, BOUND);
        assertEquals(expected, out.toString());
        assertTrue(bytes <= BOUND, what + ": " + bytes + " bytes per render (bound " + BOUND + ")");
    }
}
