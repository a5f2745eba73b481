package dev.zweig.lang;

import static dev.zweig.lang.Twig.render;
import static dev.zweig.lang.Twig.renderStrict;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nothing a template reaches through attribute access may lead to classes, class loaders, reflection, static
 * members or mutators of the data it was given.
 */
class SecurityAttributeTest {
    public static class Thing {
        public static String STATIC_FIELD = "static field";
        public String name = "thing";

        public static String staticMethod() {
            return "static method";
        }

        public Class<?> getType() {
            return String.class;
        }

        public ClassLoader getLoader() {
            return Thing.class.getClassLoader();
        }

        public Thread getThread() {
            return Thread.currentThread();
        }

        public Runtime getRuntime() {
            return Runtime.getRuntime();
        }

        public Object getHidden() {
            return Thing.class;
        }

        public Method getMethod() throws NoSuchMethodException {
            return Thing.class.getMethod("staticMethod");
        }
    }

    private static final String[] FORBIDDEN = {
        "{{ t.class }}", "{{ t.getClass() }}", "{{ t.class.classLoader }}", "{{ t.getClass().getClassLoader() }}",
        "{{ t.class.name }}", "{{ t.type }}", "{{ t.type.name }}", "{{ t.loader }}", "{{ t.thread }}", "{{ t.runtime }}",
        "{{ t.hidden.name }}", "{{ t.hidden.classLoader }}", "{{ t.method.name }}", "{{ t.method.invoke(null) }}",
        "{{ t.STATIC_FIELD }}", "{{ t.staticMethod() }}", "{{ t.staticmethod }}", "{{ t.hashCode() }}",
        "{{ t.wait() }}", "{{ t.notify() }}", "{{ attribute(t, 'class') }}", "{{ attribute(t, 'getClass') }}",
        "{{ attribute(t, 'staticMethod') }}", "{{ attribute(t, 'hidden').classLoader }}",
        "{{ t.thread.contextClassLoader }}", "{{ t.runtime.exec('ls') }}",
    };

    @Test
    void forbiddenMembersRenderNothingInLenientMode() {
        for (String tpl : FORBIDDEN) {
            String out = render(tpl, "t", new Thing());
            assertFalse(out.contains("class") || out.contains("static") || out.contains("Thread") || out.contains("Runtime")
                    || out.contains("Loader") || out.contains("java.") || out.contains("Method"), tpl + " gave " + out);
        }
    }

    @Test
    void forbiddenMembersAreErrorsInStrictMode() {
        for (String tpl : FORBIDDEN) {
            assertThrows(TemplateException.class, () -> renderStrict(tpl, "t", new Thing()), tpl);
        }
    }

    @Test
    void allowedMembersStillWork() {
        assertEquals("thing", renderStrict("{{ t.name }}", "t", new Thing()));
        assertEquals("thing", renderStrict("{{ attribute(t, 'name') }}", "t", new Thing()));
    }

    @Test
    void reflectionObjectsInDataAreOpaque() throws Exception {
        Method m = Thing.class.getMethod("staticMethod");
        assertEquals("[]", render("[{{ m.invoke(null) }}]", "m", m));
        assertEquals("[]", render("[{{ c.classLoader }}]", "c", Thing.class));
        assertEquals("[]", render("[{{ c.forName('java.lang.Runtime') }}]", "c", Class.class));
        assertThrows(TemplateException.class, () -> renderStrict("{{ c.newInstance() }}", "c", Thing.class));
    }

    @Test
    void listMutatorsAreNotCallable() {
        List<Object> list = new ArrayList<>(List.of("a", "b"));
        for (String tpl : new String[] {"{{ list.add('x') }}", "{% do list.add('x') %}", "{{ list.clear() }}", "{{ list.remove(0) }}",
                "{{ list.set(0, 'z') }}", "{% do list.addAll(['q']) %}", "{{ list.removeIf(x => true) }}", "{{ attribute(list, 'clear') }}",
                "{% do list.sort(null) %}", "{{ list.iterator().remove() }}"}) {
            try {
                render(tpl, "list", list);
            } catch (TemplateException e) {
                // an error is fine too; what matters is that the list is untouched
            }
            assertEquals(List.of("a", "b"), list, tpl);
        }
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ list.add('x') }}", "list", list));
        assertEquals("Impossible to invoke a method (\"add\") on a sequence/mapping in \"index.twig\" at line 1.", e.getMessage());
        assertEquals(List.of("a", "b"), list);
    }

    @Test
    void mapMutatorsAreNotCallable() {
        Map<String, Object> map = new LinkedHashMap<>(Map.of("k", "v"));
        Map<String, Object> hash = new HashMap<>(Map.of("k", "v"));
        for (String tpl : new String[] {"{{ map.clear() }}", "{% do map.put('x', 1) %}", "{{ map.remove('k') }}", "{{ map.putAll({a: 1}) }}",
                "{{ map.entrySet().clear() }}", "{{ map.keySet().clear() }}", "{{ map.values().clear() }}", "{% do map.replaceAll((k, v) => 1) %}",
                "{{ map.computeIfAbsent('n', k => 1) }}"}) {
            for (Map<String, Object> m : List.of(map, hash)) {
                try {
                    render(tpl, "map", m);
                } catch (TemplateException e) {
                    // fine
                }
                assertEquals(Map.of("k", "v"), m, tpl);
            }
        }
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ map.clear() }}", "map", map));
        assertEquals("Impossible to invoke a method (\"clear\") on a sequence/mapping in \"index.twig\" at line 1.", e.getMessage());
    }

    @Test
    void stringsExposeNoJavaMethods() {
        assertEquals("[]", render("[{{ s.bytes }}]", "s", "abc"));
        TemplateRuntimeException e = assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ s.bytes }}", "s", "abc"));
        assertEquals("Impossible to access an attribute (\"bytes\") on a string variable (\"abc\") in \"index.twig\" at line 1.", e.getMessage());
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ s.getClass() }}", "s", "abc"));
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ _self.getClass() }}"));
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ n.getClass() }}", "n", 5));
    }

    @Test
    void contextAndLoopExposeNoJavaMethods() {
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ _context.getClass() }}"));
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{{ _context.clear() }}"));
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{% for i in [1] %}{{ loop.getClass() }}{% endfor %}"));
        assertThrows(TemplateRuntimeException.class, () -> renderStrict("{% for i in [1] %}{{ loop.class }}{% endfor %}"));
    }

    @Test
    void constantReachesNoUnregisteredClass() {
        assertThrows(TemplateException.class, () -> renderStrict("{{ constant('java.lang.Integer::MAX_VALUE') }}"));
        assertThrows(TemplateException.class, () -> renderStrict("{{ constant('java.lang.System::out') }}"));
        assertThrows(TemplateException.class, () -> renderStrict("{{ enum('java.time.DayOfWeek').MONDAY }}"));
    }
}
