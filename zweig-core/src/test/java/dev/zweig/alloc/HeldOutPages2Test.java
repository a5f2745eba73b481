package dev.zweig.alloc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A second set of held-out pages (issue 10, "Verification"), written in styles the first set ({@link
 * HeldOutPagesTest}) uses little: a shopping cart (number_format, round with precisions and methods, abs,
 * percentages, float division), a changelog (date, date_modify, date formats, time zones, dates compared and
 * sorted), a data table (sort with a comparator, column, batch with fill, slice, first/last, reverse, keys, merge,
 * every loop variable, for-else, loop.parent in nested loops), a form renderer (embed with block overrides, use of a
 * blocks file with renaming, block(), with, include of computed names, ignore missing), a text e-mail (autoescape
 * false, whitespace control, format with widths, padding, signs and positions), a stats page (range, cycle,
 * max/min, every arithmetic operator with negatives, floats and numeric strings, in, starts with, matches, has
 * some/every, ?:, ??, the tests), a localisation page (replace maps, case filters on non-ASCII text, split with
 * limits, trim with character lists, url_encode of maps, nl2br, striptags, spaceless, every escaping strategy) and
 * a page of Java objects (records, a bean with getX/isX/hasX and a public field, methods called with arguments,
 * maps with integer keys, int[] and String[]). Each lives in {@code heldout2/<page>/}; the expected output is real
 * Twig's (scripts/heldout/gen.py --folder heldout2; the objects page with scripts/heldout/objects.php, whose PHP
 * classes have the members of the Java classes below).
 */
class HeldOutPages2Test extends HeldOutPages {
    HeldOutPages2Test() {
        super("heldout2", 8, STILL_ALLOCATING);
    }

    /**
     * Pages that still allocate in steady state, each with what allocates (see {@link HeldOutPages}); bytes per render
     * on the compiled / interpreted executor as last measured (after the other pages rendered).
     */
    static final Map<String, String> STILL_ALLOCATING = Map.of(
            "objects", "2672 B / 2672 B: the page's own Java methods alone (Money.format/plus/times, Customer.greet,"
                    + " Order.total and its iterator, Address.label: every JFR sample of the steady state falls in"
                    + " them); the engine's share is 0 B: the same page over classes whose methods allocate nothing"
                    + " renders under 1 B on both executors (ObjectsPageAllocationTest)");

    /** An amount of money: a record with methods taking arguments and returning records. */
    public record Money(long cents, String currency) {
        public Money times(long n) {
            return new Money(cents * n, currency);
        }

        public Money plus(Money o) {
            return new Money(cents + o.cents, currency);
        }

        public boolean isFree() {
            return cents == 0;
        }

        public String format(String sep) {
            long a = Math.abs(cents);
            return (cents < 0 ? "-" : "") + a / 100 + sep + (a % 100 < 10 ? "0" : "") + a % 100 + " " + currency;
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
            return Arrays.asList(options).contains(o);
        }
    }

    /** An order whose status is an int (a key of the page's Map&lt;Integer, String&gt;). */
    public record Order(long id, int status, String placed, List<Line> lines) {
        public int lineCount() {
            return lines.size();
        }

        public Money total() {
            Money t = new Money(0, "EUR");
            for (Line l : lines) {
                t = t.plus(l.total());
            }
            return t;
        }
    }

    /** An address: a record (Twig's has public properties, which column() reads). */
    public record Address(String street, String city, String zip, boolean primary) {
        public String label(String sep) {
            return zip + sep + city.toUpperCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A customer: a bean with getters, is/has getters, a method with arguments and a public field (not final:
     * ObjectsPageAllocationTest's remembers its greetings).
     */
    public static class Customer {
        public final String id;
        private final Map<String, Object> f;

        Customer(Map<String, Object> f) {
            this.f = f;
            this.id = (String) f.get("id");
        }

        public String getName() {
            return (String) f.get("name");
        }

        public String getEmail() {
            return (String) f.get("email");
        }

        public boolean isVip() {
            return (Boolean) f.get("vip");
        }

        public boolean hasNewsletter() {
            return (Boolean) f.get("newsletter");
        }

        public int[] getScores() {
            return (int[]) f.get("scores");
        }

        public String[] getTags() {
            return (String[]) f.get("tags");
        }

        @SuppressWarnings("unchecked")
        public Map<Integer, Double> getPointsByYear() {
            return (Map<Integer, Double>) f.get("pointsByYear");
        }

        @SuppressWarnings("unchecked")
        public List<Address> getAddresses() {
            return (List<Address>) f.get("addresses");
        }

        @SuppressWarnings("unchecked")
        public List<Order> getOrders() {
            return (List<Order>) f.get("orders");
        }

        public String greet(String greeting, boolean shout) {
            String s = greeting + ", " + getName().split(" ")[0] + "!";
            return shout ? s.toUpperCase(java.util.Locale.ROOT) : s;
        }
    }

    /**
     * The data of data.json with its tagged values made Java objects, as scripts/heldout/objects.php makes them PHP
     * objects: {"@class": "Name", ...} an instance of the class above, {"@ints": [...]} an int[], {"@strings": [...]}
     * a String[], {"@intKeys": {...}} a Map with Integer keys (Double values where the JSON has fractions).
     */
    @Override
    @SuppressWarnings("unchecked")
    Map<String, Object> javaObjects(String page, Map<String, Object> data) {
        return (Map<String, Object>) objects(data, HeldOutPages2Test::instance);
    }

    /**
     * The objects of a page's data, each {"@class": ...} made by classes (given the class name and the fields,
     * their values made objects already).
     */
    @SuppressWarnings("unchecked")
    static Object objects(Object v, BiFunction<String, Map<String, Object>, Object> classes) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(e -> out.add(objects(e, classes)));
            return out;
        }
        if (!(v instanceof Map<?, ?>)) {
            return v;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        ((Map<String, Object>) v).forEach((k, e) -> m.put(k, objects(e, classes)));
        if (m.get("@ints") instanceof List<?> ints) {
            return ints.stream().mapToInt(i -> ((Number) i).intValue()).toArray();
        }
        if (m.get("@strings") instanceof List<?> strings) {
            return strings.toArray(new String[0]);
        }
        if (m.get("@intKeys") instanceof Map<?, ?> map) {
            boolean fractions = map.values().stream().anyMatch(e -> e instanceof Double);
            Map<Integer, Object> out = new LinkedHashMap<>();
            map.forEach((k, e) -> out.put(Integer.valueOf((String) k),
                    fractions ? (Object) ((Number) e).doubleValue() : e));
            return out;
        }
        Object type = m.get("@class");
        return type == null ? m : classes.apply((String) type, m);
    }

    /** An instance of one of the classes above. */
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
}
