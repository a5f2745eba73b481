package dev.zweig.semantics;

import java.lang.reflect.Method;
import java.util.BitSet;
import java.util.Calendar;
import java.util.Currency;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Which methods of JDK types a template may call: an allow-list of reads. An application's own types expose their
 * public methods as in Twig (see {@link Attributes}); a method the JDK declares (on a JDK object, or inherited by an
 * application class from a JDK class) is reachable only when listed here, so a template can read a Calendar, a
 * BitSet or an AtomicReference but never {@code set}, {@code add}, {@code roll}, {@code flip},
 * {@code complete}, {@code lock}, {@code write} or {@code println} on them, whatever the JDK adds next.
 *
 * <p>The java.time packages hold only immutable values: there every method whose name starts with {@code get},
 * {@code is}, {@code to}, {@code length}, {@code plus}, {@code minus} or {@code with} reads (the last three
 * return new values), as do {@code compareTo} and {@code atStartOfDay}. Every JDK type may be printed
 * ({@code toString}). Public fields of JDK types are not reachable.
 *
 * <p>Collections, maps and arrays are no objects to a template (Twig's sequences and mappings): it reads their
 * items by key or index and calls none of their methods, whoever declares them.
 *
 * <p>Trade-off: consulted once per (class, member) when a member is resolved, never per access.
 */
final class JdkMembers {
    private JdkMembers() {
    }

    /** Allowed method names, by the JDK type (class or interface) an object must be an instance of. */
    private static final Map<Class<?>, Set<String>> READS = new LinkedHashMap<>();

    static {
        READS.put(Map.Entry.class, Set.of("getKey", "getValue"));
        READS.put(Enum.class, Set.of("name", "ordinal", "compareTo"));
        READS.put(Throwable.class, Set.of("getMessage", "getLocalizedMessage"));
        READS.put(Date.class, Set.of("getTime", "before", "after", "compareTo", "toInstant", "toLocalDate",
                "toLocalDateTime", "toLocalTime", "getNanos"));
        READS.put(Calendar.class, Set.of("get", "getTime", "getTimeInMillis", "getTimeZone", "getFirstDayOfWeek",
                "getMinimalDaysInFirstWeek", "getActualMinimum", "getActualMaximum", "getMinimum", "getMaximum",
                "getGreatestMinimum", "getLeastMaximum", "getWeekYear", "getWeeksInWeekYear", "getCalendarType",
                "getDisplayName", "isLenient", "isSet", "isWeekDateSupported", "before", "after", "compareTo",
                "toInstant"));
        READS.put(GregorianCalendar.class, Set.of("isLeapYear", "getGregorianChange", "toZonedDateTime"));
        READS.put(TimeZone.class, Set.of("getID", "getDisplayName", "getRawOffset", "getOffset", "getDSTSavings",
                "useDaylightTime", "observesDaylightTime", "inDaylightTime", "hasSameRules", "toZoneId"));
        READS.put(BitSet.class, Set.of("get", "cardinality", "length", "size", "isEmpty", "nextSetBit",
                "nextClearBit", "previousSetBit", "previousClearBit", "intersects", "toByteArray", "toLongArray"));
        READS.put(UUID.class, Set.of("version", "variant", "getMostSignificantBits", "getLeastSignificantBits"));
        READS.put(Locale.class, Set.of("getLanguage", "getCountry", "getVariant", "getScript", "getDisplayName",
                "getDisplayLanguage", "getDisplayCountry", "getDisplayVariant", "getDisplayScript", "toLanguageTag",
                "getISO3Language", "getISO3Country"));
        READS.put(Currency.class, Set.of("getCurrencyCode", "getSymbol", "getDisplayName", "getDefaultFractionDigits",
                "getNumericCode", "getNumericCodeAsString"));
        READS.put(OptionalInt.class, Set.of("isPresent", "isEmpty", "getAsInt"));
        READS.put(OptionalLong.class, Set.of("isPresent", "isEmpty", "getAsLong"));
        READS.put(OptionalDouble.class, Set.of("isPresent", "isEmpty", "getAsDouble"));
        Set<String> atomicReads = Set.of("get", "getPlain", "getAcquire", "getOpaque");
        READS.put(AtomicBoolean.class, atomicReads);
        READS.put(AtomicReference.class, atomicReads);
        Set<String> atomicArrayReads = Set.of("get", "length", "getPlain", "getAcquire", "getOpaque");
        READS.put(AtomicIntegerArray.class, atomicArrayReads);
        READS.put(AtomicLongArray.class, atomicArrayReads);
        READS.put(AtomicReferenceArray.class, atomicArrayReads);
        READS.put(Future.class, Set.of("isDone", "isCancelled"));
        READS.put(CompletableFuture.class, Set.of("isCompletedExceptionally"));
    }

    /** Name prefixes of the reads of java.time's immutable values. */
    private static final String[] VALUE_READ_PREFIXES = {"get", "is", "to", "length", "plus", "minus", "with"};

    /** Whether the class belongs to the JDK (a module named java.* or jdk.*). */
    static boolean isJdk(Class<?> c) {
        Module m = c.getModule();
        if (!m.isNamed()) {
            return false;
        }
        String n = m.getName();
        return n.startsWith("java.") || n.startsWith("jdk.");
    }

    /** Whether a template may call m, declared by a JDK type, on an object of class c. */
    static boolean allows(Class<?> c, Method m) {
        String name = m.getName();
        if (name.equals("toString") && m.getParameterCount() == 0) {
            return true;
        }
        String pkg = m.getDeclaringClass().getPackageName();
        if (pkg.equals("java.time") || pkg.startsWith("java.time.")) {
            if (name.equals("compareTo") || name.equals("atStartOfDay")) {
                return true;
            }
            for (String p : VALUE_READ_PREFIXES) {
                if (name.startsWith(p)) {
                    return true;
                }
            }
            return false;
        }
        for (Map.Entry<Class<?>, Set<String>> e : READS.entrySet()) {
            if (e.getKey().isAssignableFrom(c) && e.getValue().contains(name)) {
                return true;
            }
        }
        return false;
    }

    /** The allow-list (for the documentation test): JDK type to method names. */
    static Map<Class<?>, Set<String>> reads() {
        return java.util.Collections.unmodifiableMap(READS);
    }
}
