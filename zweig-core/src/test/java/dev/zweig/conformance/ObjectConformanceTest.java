package dev.zweig.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The cases of twig-fixtures-extended.jsonl that {@link ExtendedConformanceTest} does not run: those whose data holds
 * PHP objects ({@code data_php}, translated to the Java values a Java user would hand the engine by {@link PhpData}
 * and {@link PhpObjects}), integer keys, another time zone, PHP enums and constants (Java enums and classes
 * registered under the PHP names), PHP conditions and environment set-ups. Each runs on the executor of the suite's
 * run (the suite runs once per executor), compared as the corpus README says. Cases that cannot apply on the JVM are
 * listed in {@link #SKIPPED} with the reason, by id; every other case counts, and the floor guards the count.
 */
class ObjectConformanceTest {
    /** Minimum number of passing cases on each executor; raise it as cases pass, never lower it. */
    static final int FLOOR = 77;

    /** The cases that cannot apply on the JVM, each with its reason. */
    static final Map<String, String> SKIPPED = new TreeMap<>(Map.ofEntries(
            Map.entry("regression/simple_xml_element.test#0", "runs only under PHP < 8.0 (the target needs PHP 8.1+) "
                    + "and reads PHP's SimpleXMLElement"),
            Map.entry("functions/template_from_string_error_php80.test#0", "runs only under PHP < 8.1 (a PHP 8.0 "
                    + "hash in the name); its PHP 8.1+ twin template_from_string_error.test runs"),
            Map.entry("filters/filter.test#0", "prints the keys a SimpleXMLElement iterates its children under: "
                    + "one repeated key (the element name), which no Java collection holds"),
            Map.entry("functions/constant.test#0", "constant('class', object) prints PHP's class name of an "
                    + "ArrayObject, whose Java translation is a Map: a PHP array to a template, which has no class"),
            Map.entry("tests/in.test#0", "needs a PHP resource (opendir()) and an SplFileInfo of the fixture's "
                    + "directory: the JVM has neither, and file objects are unreachable from templates by design"),
            Map.entry("expressions/magic_call.test#0", "PHP's __call(): a Java class has no magic methods")));

    /**
     * The environment set-up of cases whose DATA block the corpus could not keep (their {@code data} was kept, the
     * PHP before the return was not), copied from the fixtures in Twig's repository and run by {@link PhpData}.
     */
    static final Map<String, String> LOST_SETUP = Map.of(
            "filters/date_default_format.test#0", "date_default_timezone_set('UTC');\n"
                    + "$twig->getExtension(\\Twig\\Extension\\CoreExtension::class)->setDateFormat('Y-m-d', "
                    + "'%d days %h hours');",
            "filters/number_format_default.test#0",
            "$twig->getExtension(\\Twig\\Extension\\CoreExtension::class)->setNumberFormat(2, '!', '=');");

    /**
     * Cases whose expected text names a PHP class where the engine names the Java class of its translation (a Java
     * object's type is its class name): each PHP name, quoted, is read as the Java class's name.
     */
    static final Map<String, Map<String, Class<?>>> JAVA_NAMES = Map.of(
            "filters/replace_invalid_arg.test#0", Map.of("stdClass", PhpObjects.StdClass.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void extendedCasesWithObjects() throws Exception {
        Path file = ConformanceTest.corpusDir().resolve("twig-fixtures-extended.jsonl");
        int passed = 0;
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<String> renamed = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode c = JSON.readTree(line);
            String id = c.path("id").asText();
            ids.add(id);
            if (ExtendedConformanceTest.runnable(c)) {
                continue; // ExtendedConformanceTest's
            }
            if (SKIPPED.containsKey(id)) {
                skipped.add(id + "  " + SKIPPED.get(id));
                continue;
            }
            if (JAVA_NAMES.containsKey(id)) {
                c = javaNames(c, JAVA_NAMES.get(id));
                renamed.add(id + "  " + c.path("exception").asText());
            }
            String reason = run(c);
            if (reason == null) {
                passed++;
            } else {
                failures.add(id + "  " + reason);
            }
        }
        StringBuilder report = new StringBuilder("conformance: " + passed + " passed, " + failures.size()
                + " failed, " + skipped.size() + " skipped (twig-fixtures-extended.jsonl, PHP objects and set-ups, "
                + "executor " + Environment.builder().build().executor() + ")\n");
        failures.forEach(f -> report.append("  FAIL ").append(f.length() > 260 ? f.substring(0, 260) : f)
                .append('\n'));
        skipped.forEach(s -> report.append("  SKIP ").append(s).append('\n'));
        renamed.forEach(r -> report.append("  JAVA NAMES ").append(r).append('\n'));
        System.out.print(report);
        List<String> unknown = new ArrayList<>(SKIPPED.keySet());
        unknown.addAll(LOST_SETUP.keySet());
        unknown.addAll(JAVA_NAMES.keySet());
        unknown.removeAll(ids);
        assertEquals(List.of(), unknown, "skips or set-ups for cases not in the corpus");
        assertTrue(passed >= FLOOR, passed + " passed, below the floor of " + FLOOR);
    }

    /** The case with the quoted PHP class names of its expected exception read as Java class names. */
    private static JsonNode javaNames(JsonNode c, Map<String, Class<?>> names) {
        String exception = c.path("exception").asText();
        for (Map.Entry<String, Class<?>> n : names.entrySet()) {
            String renamed = exception.replace("\"" + n.getKey() + "\"", "\"" + n.getValue().getName() + "\"");
            assertTrue(!renamed.equals(exception), "no \"" + n.getKey() + "\" in " + exception);
            exception = renamed;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = c.deepCopy();
        copy.put("exception", exception);
        return copy;
    }

    /** Runs one case: its environment and data as the harness makes them, translated to Java. */
    static String run(JsonNode c) {
        Prepared p;
        try {
            p = prepare(c, null);
        } catch (PhpData.Unsupported e) {
            return "data not translated: " + e.getMessage();
        }
        return ConformanceTest.runCase(c, p.env(), p::data);
    }

    /** A case's Environment and data, as the harness makes them. */
    record Prepared(Environment env, Map<String, Object> data) {
    }

    /**
     * The Environment (on the executor given, else the default one) and the data of a case, its DATA block's PHP
     * translated to Java; {@link PhpData.Unsupported} when it cannot be.
     */
    static Prepared prepare(JsonNode c, dev.zweig.Executor executor) {
        Map<String, String> templates = new LinkedHashMap<>();
        c.path("templates").fields().forEachRemaining(e -> templates.put(e.getKey(), e.getValue().asText()));
        Environment.Builder builder = ExtendedConformanceTest.builder(c.path("config"), templates);
        if (executor != null) {
            builder.executor(executor);
        }
        Harness host = new Harness(builder);
        if (c.hasNonNull("timezone")) {
            host.timezone(ZoneId.of(c.path("timezone").asText()));
        }
        String setup = LOST_SETUP.get(c.path("id").asText());
        if (setup != null) {
            PhpData.evaluate(setup + "\nreturn [];", host);
        }
        Map<String, Object> data = c.hasNonNull("data_php") ? PhpData.evaluate(c.path("data_php").asText(), host)
                : phpArray(c.path("data"));
        return new Prepared(host.environment(), data);
    }

    /** JSON data as PHP reads the fixture's array: integer-like keys are integers (the {@code int-keys} need). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> phpArray(JsonNode data) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), PhpData.toJava(php(e.getValue())));
        }
        return out;
    }

    private static Object php(JsonNode n) {
        if (n.isObject() || n.isArray()) {
            PhpData.PArray a = new PhpData.PArray();
            if (n.isArray()) {
                n.forEach(v -> a.append(php(v)));
            } else {
                n.fields().forEachRemaining(e -> a.put(e.getKey(), php(e.getValue())));
            }
            return a;
        }
        return ConformanceTest.toJava(n);
    }

    /** The harness's Environment as the DATA block configures it; built when first needed. */
    static final class Harness implements PhpData.Host {
        private final Environment.Builder builder;
        private ZoneId zone = ZoneId.of("UTC");
        private Environment env;

        Harness(Environment.Builder builder) {
            this.builder = builder;
            // classes the fixtures reach by PHP name (constant(), enum()), and the Java classes of objects whose
            // constants a template reads (constant('NAME', object))
            builder.registerClass("Twig\\Tests\\TwigTestFoo", PhpObjects.TwigTestFoo.class)
                    .registerClass(PhpObjects.TwigTestFoo.class)
                    .registerClass(PhpObjects.ArrayObject.class)
                    .registerClass("Twig\\Tests\\DummyBackedEnum", PhpObjects.DummyBackedEnum.class)
                    .registerClass("Twig\\Tests\\DummyUnitEnum", PhpObjects.DummyUnitEnum.class);
        }

        @Override
        public void timezone(ZoneId zone) {
            configure();
            this.zone = zone;
            builder.timezone(zone);
        }

        @Override
        public ZoneId timezone() {
            return zone;
        }

        @Override
        public void dateFormat(String format, String intervalFormat) {
            configure();
            builder.dateFormat(format, intervalFormat != null ? intervalFormat
                    : dev.zweig.core.Formats.TWIG.interval());
        }

        @Override
        public void numberFormat(int decimals, String point, String thousands) {
            configure();
            builder.numberFormat(decimals, point, thousands);
        }

        @Override
        public Object load(String name) {
            return environment().load(name);
        }

        private void configure() {
            if (env != null) {
                throw new PhpData.Unsupported("the environment is configured after $twig->load()");
            }
        }

        Environment environment() {
            if (env == null) {
                env = builder.build();
            }
            return env;
        }
    }
}
