package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.Environment;
import dev.zweig.loader.MapLoader;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.sandbox.SecurityNotAllowedMethodException;
import dev.zweig.sandbox.SecurityPolicy;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Invoking closures (Twig 3.18, pull request #4501 "adds support for invoking closures", fixing issue #3848
 * "Support for closures or at least Closure::__invoke"): {@code __invoke} is a method of a Closure, so an arrow
 * function held in a variable is called with {@code fn.__invoke(args)}. Twig's test (TemplateTest) expects
 * {@code getAttribute(fn () => 'closure called', '__invoke')} to return 'closure called'.
 */
class ClosureInvokeTest {
    @Test
    void anArrowFunctionIsCalledThroughInvoke() {
        assertEquals("closure called", renderStrict("{% set f = () => 'closure called' %}{{ f.__invoke() }}"));
        assertEquals("6|12|8", renderStrict("{% set f = x => x * 2 %}{% set g = (x, y) => x * y %}"
                + "{{ f.__invoke(3) }}|{{ g.__invoke(3, 4) }}|{{ attribute(f, '__invoke', [4]) }}"));
        // PHP method names are case-insensitive; an attribute read without parentheses calls the method too
        assertEquals("closure called|closure called", renderStrict("{% set f = () => 'closure called' %}"
                + "{{ f.__INVOKE() }}|{{ f.__invoke }}"));
        assertEquals("yes no", render("{% set f = () => 1 %}{{ f.__invoke is defined ? 'yes' : 'no' }} "
                + "{{ f.other is defined ? 'yes' : 'no' }}"));
    }

    @Test
    void otherMethodsOfAClosureStayUnknown() {
        dev.zweig.TemplateRuntimeException e = assertThrows(dev.zweig.TemplateRuntimeException.class,
                () -> renderStrict("{% set f = () => 1 %}{{ f.call() }}"));
        assertEquals("Neither the method \"call()\" nor the magic method \"__call()\" exist in class \"Closure\" in "
                + "\"index.twig\" at line 1.", e.getMessage());
    }

    @Test
    void aSandboxedTemplateNeedsTheCallAllowed() {
        Map<String, String> t = Map.of("index.twig", "{% set f = x => x + 1 %}{{ f.__invoke(1) }}");
        Environment refused = Environment.builder().loader(new MapLoader(t)).sandbox(SecurityPolicy.builder()
                .allowTags("set").build()).build();
        assertThrows(SecurityNotAllowedMethodException.class, () -> refused.render("index.twig", Map.of()));
        Environment allowed = Environment.builder().loader(new MapLoader(t)).sandbox(SecurityPolicy.builder()
                .allowTags("set").allowMethods(ArrowFn.class, "__invoke").build()).build();
        assertEquals("2", allowed.render("index.twig", Map.of()));
    }
}
