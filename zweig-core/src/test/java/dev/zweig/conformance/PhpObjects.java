package dev.zweig.conformance;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Java values a Java user would hand a template engine where Twig's fixtures hand PHP objects (see
 * {@link PhpData}, which builds them from the fixtures' PHP data). The rules of the translation:
 * <ul>
 * <li>a PHP array is a List when its keys are 0..n-1, else a LinkedHashMap (int keys as Long);</li>
 * <li>{@code ArrayObject} (ArrayAccess, Countable, Traversable over an array) is a java.util.Map of the same keys
 * and values, in the same order ({@link ArrayObject});</li>
 * <li>a Traversable that is no ArrayObject ({@code ArrayIterator}, {@code IteratorAggregate}, a
 * {@code CallbackFilterIterator}, a hand-written {@code Iterator}): an {@link Iterable} that is no Collection
 * when its keys are 0..n-1 (Java's iteration has no keys), else a Map whose entries are produced by iterating
 * ({@link KeyedTraversable}: Java's keyed iteration is a Map's); a Countable one is a Collection;</li>
 * <li>{@code __toString()} is {@code toString()}; public properties are public fields; methods are methods (PHP's
 * optional parameters become overloads, as Java writes them);</li>
 * <li>{@code stdClass} without properties is an object with no member ({@link StdClass}); with properties, a
 * LinkedHashMap (Java has no object with dynamic properties);</li>
 * <li>{@code Twig\Markup} is {@link dev.zweig.Markup}; {@code DateTime}/{@code DateTimeImmutable} a
 * ZonedDateTime, {@code DateTimeZone} a ZoneId, {@code DateInterval} a Period; a loaded template
 * ({@code $twig->load()}) is a {@link dev.zweig.Template}.</li>
 * </ul>
 */
final class PhpObjects {
    private PhpObjects() {
    }

    /** PHP's ArrayObject: a Map over a copy of the array (ARRAY_AS_PROPS and STD_PROP_LIST as in PHP). */
    public static final class ArrayObject extends AbstractMap<Object, Object> {
        public static final int STD_PROP_LIST = 1;
        public static final int ARRAY_AS_PROPS = 2;

        private final Map<Object, Object> storage;

        ArrayObject(Map<Object, Object> array) {
            this.storage = new LinkedHashMap<>(array);
        }

        @Override
        public java.util.Set<Map.Entry<Object, Object>> entrySet() {
            return Collections.unmodifiableMap(storage).entrySet();
        }

        @Override
        public Object get(Object key) {
            return storage.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return storage.containsKey(key);
        }

        @Override
        public int size() {
            return storage.size();
        }
    }

    /** A Traversable whose keys are 0..n-1: an Iterable (not a Collection) over its values, rewound each time. */
    public static class Traversable implements Iterable<Object> {
        private final Supplier<Iterator<Object>> values;

        Traversable(Supplier<Iterator<Object>> values) {
            this.values = values;
        }

        @Override
        public Iterator<Object> iterator() {
            return values.get();
        }
    }

    /** A Countable Traversable whose keys are 0..n-1: a Collection (count() is size()). */
    public static class CountableTraversable extends AbstractCollection<Object> {
        private final Supplier<Iterator<Object>> values;
        private final Supplier<Integer> count;

        CountableTraversable(Supplier<Iterator<Object>> values, Supplier<Integer> count) {
            this.values = values;
            this.count = count;
        }

        @Override
        public Iterator<Object> iterator() {
            return values.get();
        }

        @Override
        public int size() {
            return count.get();
        }
    }

    /**
     * A Traversable with keys: a Map whose entries are those its iteration produces, in order, each time it is
     * iterated (its size is counted by iterating, unless it is Countable).
     */
    public static class KeyedTraversable extends AbstractMap<Object, Object> {
        private final Supplier<Iterator<Map.Entry<Object, Object>>> entries;
        private final Supplier<Integer> count;

        KeyedTraversable(Supplier<Iterator<Map.Entry<Object, Object>>> entries, Supplier<Integer> count) {
            this.entries = entries;
            this.count = count;
        }

        @Override
        public java.util.Set<Map.Entry<Object, Object>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<Object, Object>> iterator() {
                    return entries.get();
                }

                @Override
                public int size() {
                    if (count != null) {
                        return count.get();
                    }
                    int n = 0;
                    for (Iterator<?> i = entries.get(); i.hasNext(); i.next()) {
                        n++;
                    }
                    return n;
                }
            };
        }
    }

    /** The Java form of a Traversable over a PHP array (a List or a Map): see the class comment. */
    static Object traversable(Object array, boolean countable) {
        if (array instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list);
            return countable ? new CountableTraversable(copy::iterator, copy::size) : new Traversable(copy::iterator);
        }
        Map<Object, Object> copy = new LinkedHashMap<>(PhpData.asMap(array));
        return new KeyedTraversable(() -> copy.entrySet().iterator(), countable ? copy::size : null);
    }

    /**
     * PHP's SimpleXMLElement as a Java user would hand an element of a parsed document: the list of its child
     * elements (a SimpleXMLElement is Countable and Traversable over them), each printing its text. What cannot be
     * kept: PHP iterates the children under their element name as key, repeated for each ("elem", "elem", ...),
     * which no Java collection holds; here their keys are 0..n-1.
     */
    public static final class SimpleXmlElement extends java.util.AbstractList<Object> {
        private final List<Object> children;

        SimpleXmlElement(List<Object> children) {
            this.children = List.copyOf(children);
        }

        @Override
        public Object get(int index) {
            return children.get(index);
        }

        @Override
        public int size() {
            return children.size();
        }

        /** The children of the document element of a flat document ({@code <doc><a>x</a><a/></doc>}). */
        static SimpleXmlElement parse(String xml) {
            String body = xml.replaceFirst("^<\\?xml[^>]*\\?>", "").strip();
            java.util.regex.Matcher root = java.util.regex.Pattern.compile("(?s)<([\\w:-]+)[^>]*>(.*)</\\1>")
                    .matcher(body);
            if (!root.matches()) {
                throw new PhpData.Unsupported("XML document " + xml);
            }
            java.util.regex.Matcher child = java.util.regex.Pattern.compile(
                    "<([\\w:-]+)[^>]*?(?:/>|>([^<]*)</\\1>)").matcher(root.group(2));
            List<Object> children = new ArrayList<>();
            int at = 0;
            while (child.find()) {
                if (!root.group(2).substring(at, child.start()).isBlank()) {
                    throw new PhpData.Unsupported("nested XML " + xml);
                }
                at = child.end();
                children.add(new XmlText(child.group(2) == null ? "" : child.group(2)));
            }
            if (!root.group(2).substring(at).isBlank()) {
                throw new PhpData.Unsupported("nested XML " + xml);
            }
            return new SimpleXmlElement(children);
        }
    }

    /** A child element without children of its own: its text (PHP's string cast of a SimpleXMLElement). */
    public static final class XmlText {
        private final String text;

        XmlText(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** An object with no member: PHP's {@code new \stdClass()}. */
    public static final class StdClass {
    }

    /** Twig's {@code Twig\Tests\TwigTestFoo} (tests/IntegrationTest.php): an Iterator over {@code $array}. */
    public static final class TwigTestFoo implements Iterable<Object> {
        public static final String BAR_NAME = "bar";

        public Object position = 0L;
        public List<Object> array = List.of(1L, 2L);

        public String bar() {
            return bar(null, null);
        }

        public String bar(Object param1) {
            return bar(param1, null);
        }

        public String bar(Object param1, Object param2) {
            return "bar" + (dev.zweig.php.Values.isTrue(param1) ? "_" + dev.zweig.php.Values.toString(param1) : "")
                    + (dev.zweig.php.Values.isTrue(param2) ? "-" + dev.zweig.php.Values.toString(param2) : "");
        }

        public String getFoo() {
            return "foo";
        }

        public TwigTestFoo getSelf() {
            return this;
        }

        public String is() {
            return "is";
        }

        public String in() {
            return "in";
        }

        public String not() {
            return "not";
        }

        public String strToLower(Object value) {
            return dev.zweig.php.Values.toString(value).toLowerCase(java.util.Locale.ROOT);
        }

        @Override
        public Iterator<Object> iterator() {
            return array.iterator();
        }
    }

    /** {@code Twig\Tests\ToStringStub}: only __toString. */
    public static final class ToStringStub {
        private final String string;

        ToStringStub(String string) {
            this.string = string;
        }

        @Override
        public String toString() {
            return string;
        }
    }

    /**
     * {@code Twig\Tests\CountableStub}: Countable (a Collection of that size: Java's Countable; it is not
     * Traversable, so iterating it fails), whose __toString must not be called.
     */
    public static final class CountableStub extends AbstractCollection<Object> {
        private final int count;

        CountableStub(int count) {
            this.count = count;
        }

        @Override
        public int size() {
            return count;
        }

        @Override
        public Iterator<Object> iterator() {
            throw new UnsupportedOperationException("CountableStub is not Traversable");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("__toString shall not be called on \\Countables.");
        }
    }

    /** {@code Twig\Tests\MagicCallStub}: only __call, which Java has no counterpart of; no member. */
    public static final class MagicCallStub {
    }

    /** {@code Twig\Tests\SimpleIteratorForTesting}: yields its keys 0..6; __toString is 'X' x (count + 10). */
    public static final class SimpleIteratorForTesting implements Iterable<Object> {
        private static final int COUNT = 7;

        @Override
        public Iterator<Object> iterator() {
            List<Object> keys = new ArrayList<>();
            for (long i = 0; i < COUNT; i++) {
                keys.add(i);
            }
            return keys.iterator();
        }

        @Override
        public String toString() {
            return "X".repeat(COUNT + 10);
        }
    }

    /** The fixture's {@code UserForAutoEscapeTest}: getName() and __toString(). */
    public static final class UserForAutoEscapeTest {
        public String getName() {
            return "Fabien<br />";
        }

        @Override
        public String toString() {
            return "Fabien<br />";
        }
    }

    /** The values the fixtures' ItemsIterator / ItemsIteratorCountable iterate. */
    private static Map<Object, Object> items() {
        Map<Object, Object> m = new LinkedHashMap<>();
        m.put("foo", "bar");
        m.put("bar", "foo");
        return m;
    }

    /** The fixture's {@code ItemsIterator}: an Iterator with keys, not Countable. */
    public static final class ItemsIterator extends KeyedTraversable {
        ItemsIterator() {
            super(() -> items().entrySet().iterator(), null);
        }
    }

    /** The fixture's {@code ItemsIteratorCountable}: an Iterator with keys, and Countable. */
    public static final class ItemsIteratorCountable extends KeyedTraversable {
        ItemsIteratorCountable() {
            super(() -> items().entrySet().iterator(), () -> items().size());
        }
    }

    /** {@code Twig\Tests\DummyBackedEnum} (string-backed: FOO = 'foo', BAR = 'bar'). */
    public enum DummyBackedEnum {
        FOO("foo"), BAR("bar");

        public final String value;

        DummyBackedEnum(String value) {
            this.value = value;
        }
    }

    /** {@code Twig\Tests\DummyUnitEnum} (BAR, BAZ). */
    public enum DummyUnitEnum {
        BAR, BAZ
    }
}
