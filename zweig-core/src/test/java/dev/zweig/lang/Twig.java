package dev.zweig.lang;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.MapLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assertions;

/** Test shorthand: environments over in-memory templates, renders, and error assertions. */
final class Twig {
    private Twig() {
    }

    /** A map from alternating keys and values, in the order given. */
    static Map<String, Object> vars(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Templates from alternating names and sources. */
    static Map<String, String> templates(String... nameSource) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameSource.length; i += 2) {
            m.put(nameSource[i], nameSource[i + 1]);
        }
        return m;
    }

    static Environment env(Map<String, String> templates) {
        return env(templates, b -> { });
    }

    static Environment env(Map<String, String> templates, Consumer<Environment.Builder> config) {
        Environment.Builder b = Environment.builder().loader(new MapLoader(templates));
        config.accept(b);
        return b.build();
    }

    /** Renders a single template named index.twig with the default (html autoescape, non-strict) environment. */
    static String render(String source, Object... kv) {
        return env(templates("index.twig", source)).render("index.twig", vars(kv));
    }

    /** Renders with strict_variables on. */
    static String renderStrict(String source, Object... kv) {
        return env(templates("index.twig", source), b -> b.strictVariables(true)).render("index.twig", vars(kv));
    }

    /** Renders index.twig from the given set of templates. */
    static String renderAll(Map<String, String> templates, Object... kv) {
        return env(templates).render("index.twig", vars(kv));
    }

    static <T extends TemplateException> T fails(Class<T> type, String source, Object... kv) {
        return Assertions.assertThrows(type, () -> renderStrict(source, kv));
    }

    /** Asserts the error's class and its full Twig-style message. */
    static <T extends TemplateException> T failsWith(Class<T> type, String message, String source, Object... kv) {
        T e = fails(type, source, kv);
        Assertions.assertEquals(message, e.getMessage());
        return e;
    }
}
