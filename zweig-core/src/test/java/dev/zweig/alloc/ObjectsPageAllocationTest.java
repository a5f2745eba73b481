package dev.zweig.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.loader.MapLoader;
import dev.zweig.output.StringBuilderOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The held-out objects page (heldout2/objects: records, a bean with getX/isX/hasX and a public field, methods called
 * with arguments, maps with integer keys, int[] and String[]) over Java classes with the members of
 * HeldOutPages2Test's, whose methods allocate nothing once warm (each result is made on the first call and
 * remembered). What a render still allocates is then the engine's alone: it must be under one byte per render, on
 * the executor the suite runs with, and the page must render exactly as Twig.
 */
class ObjectsPageAllocationTest {
    private static final double BOUND = 1.0;
    private static final String PAGE = "heldout2/objects/";

    /** Results remembered per receiver and argument (made on the first call, then returned as they are). */
    private static final class Memo<K, V> {
        private final Map<Object, Map<K, V>> byReceiver = new ConcurrentHashMap<>();

        V get(Object receiver, K key) {
            Map<K, V> m = byReceiver.get(receiver);
            return m == null ? null : m.get(key);
        }

        V put(Object receiver, K key, V value) {
            Map<K, V> m = byReceiver.get(receiver);
            if (m == null) {
                m = new ConcurrentHashMap<>();
                byReceiver.put(receiver, m);
            }
            m.put(key, value);
            return value;
        }
    }

    private static final Memo<Long, Money> TIMES = new Memo<>();
    private static final Memo<Money, Money> PLUS = new Memo<>();
    private static final Memo<String, String> TEXTS = new Memo<>();

    /** Money: a record whose methods return remembered records and Strings. */
    public record Money(long cents, String currency) {
        static final Money ZERO = new Money(0, "EUR");

        public Money times(long n) {
            Money r = TIMES.get(this, n); // (the page's n are small: Long's cache)
            return r != null ? r : TIMES.put(this, n, new Money(cents * n, currency));
        }

        public Money plus(Money o) {
            Money r = PLUS.get(this, o);
            return r != null ? r : PLUS.put(this, o, new Money(cents + o.cents, currency));
        }

        public boolean isFree() {
            return cents == 0;
        }

        public String format(String sep) {
            String r = TEXTS.get(this, sep);
            if (r != null) {
                return r;
            }
            return TEXTS.put(this, sep, new HeldOutPages2Test.Money(cents, currency).format(sep));
        }

        @Override
        public String toString() {
            return format(".");
        }
    }

    /** An order line: a record with an array component. */
    public record Line(String sku, String title, long qty, Money unit, String[] options) {
        public Money total() {
            return unit.times(qty);
        }

        public boolean hasOption(String o) {
            for (String option : options) {
                if (option.equals(o)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** An order whose status is an int (a key of the page's Map&lt;Integer, String&gt;). */
    public record Order(long id, int status, String placed, List<Line> lines) {
        public int lineCount() {
            return lines.size();
        }

        public Money total() {
            Money t = Money.ZERO;
            for (int i = 0; i < lines.size(); i++) {
                t = t.plus(lines.get(i).total());
            }
            return t;
        }
    }

    /** An address: a record with a method taking an argument. */
    public record Address(String street, String city, String zip, boolean primary) {
        public String label(String sep) {
            String r = TEXTS.get(this, sep);
            return r != null ? r : TEXTS.put(this, sep, new HeldOutPages2Test.Address(street, city, zip, primary)
                    .label(sep));
        }
    }

    /** HeldOutPages2Test's customer (getters, is/has getters, a public field) whose greetings are remembered. */
    public static final class Customer extends HeldOutPages2Test.Customer {
        private final Map<String, String> greetings = new ConcurrentHashMap<>();
        private final Map<String, String> shouts = new ConcurrentHashMap<>();

        Customer(Map<String, Object> f) {
            super(f);
        }

        @Override
        public String greet(String greeting, boolean shout) {
            Map<String, String> memo = shout ? shouts : greetings;
            String r = memo.get(greeting);
            return r != null ? r : putGreeting(memo, greeting, super.greet(greeting, shout));
        }

        private static String putGreeting(Map<String, String> memo, String greeting, String r) {
            memo.put(greeting, r);
            return r;
        }
    }

    @SuppressWarnings("unchecked")
    private static Object instance(String type, Map<String, Object> m) {
        return switch (type) {
            case "Money" -> new Money((Long) m.get("cents"), (String) m.get("currency"));
            case "Line" -> new Line((String) m.get("sku"), (String) m.get("title"), (Long) m.get("qty"),
                    (Money) m.get("unit"), (String[]) m.get("options"));
            case "Order" -> new Order((Long) m.get("id"), ((Long) m.get("status")).intValue(),
                    (String) m.get("placed"), (List<Line>) m.get("lines"));
            case "Address" -> new Address((String) m.get("street"), (String) m.get("city"), (String) m.get("zip"),
                    (Boolean) m.get("primary"));
            case "Customer" -> new Customer(m);
            default -> throw new IllegalArgumentException("no Java class for " + type);
        };
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ObjectsPageAllocationTest.class.getResourceAsStream("/" + PAGE + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEngineAllocatesNothingOnTheObjectsPage() throws IOException {
        Map<String, String> templates = new LinkedHashMap<>();
        for (String name : List.of("index.twig", "layout.twig", "order.twig")) {
            templates.put(name, resource(name));
        }
        Map<String, Object> json = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .readValue(resource("data.json"), LinkedHashMap.class);
        Map<String, Object> data = (Map<String, Object>) HeldOutPages2Test.objects(json,
                ObjectsPageAllocationTest::instance);
        Template t = Environment.builder().loader(new MapLoader(templates)).strictVariables(true)
                .timezone(ZoneId.of("UTC")).global("global", "global").build().load("index.twig");
        String expected = resource("expected.html");
        StringBuilderOutput out = new StringBuilderOutput(new StringBuilder(1 << 14));
        double perRender = AllocationMeter.bytesPerRender(t, data, out, 2000, BOUND);
        assertEquals(expected, out.toString());
        assertTrue(perRender < BOUND, perRender + " bytes per render on "
                + System.getProperty("zweig.executor", "the default executor"));
    }
}
