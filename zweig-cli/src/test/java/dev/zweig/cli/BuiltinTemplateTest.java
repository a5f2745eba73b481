package dev.zweig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.output.StringBuilderOutput;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** The built-in profile pages render to their hand-written expected text, to a String and into a sink. */
class BuiltinTemplateTest {
    @ParameterizedTest
    @EnumSource(BuiltinTemplate.class)
    void rendersTheExpectedText(BuiltinTemplate t) {
        var template = t.environment().load(t.mainTemplate());
        assertEquals(t.expected(), template.render(t.data()));
        StringBuilderOutput out = new StringBuilderOutput();
        template.render(t.data(), out);
        assertEquals(t.expected(), out.toString());
    }

    @Test
    void complexityNumbers() {
        assertEquals(BuiltinTemplate.SIMPLE, BuiltinTemplate.ofComplexity(1));
        assertEquals(BuiltinTemplate.COMPLEX, BuiltinTemplate.ofComplexity(3));
        assertThrows(IllegalArgumentException.class, () -> BuiltinTemplate.ofComplexity(4));
    }
}
