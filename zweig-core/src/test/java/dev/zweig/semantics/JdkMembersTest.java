package dev.zweig.semantics;

import dev.zweig.semantics.JdkMembers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.MapLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Outside any sandbox, JDK types expose only the reads on {@link JdkMembers}' allow-list, while an application's
 * own types keep their public methods (as in Twig). Every mutator tried here worked before: a template could
 * roll a Calendar, flip a BitSet, complete a future, write to a Writer or print to a stream handed to it.
 */
class JdkMembersTest {

    /** An application type: its own public methods are callable, its inherited JDK mutators are not. */
    public static class Price {
        public double withTax(double rate) {
            return 100 * (1 + rate);
        }

        public long add(long a, long b) {
            return a + b;
        }
    }

    public static class AppCalendar extends GregorianCalendar {
        public String getLabel() {
            return "cal";
        }
    }

    private static String render(String source, Map<String, Object> data) {
        Environment env = Environment.builder().loader(new MapLoader(Map.of())).autoescape(false).build();
        try {
            return env.createTemplate(source).render(data);
        } catch (TemplateException e) {
            return "refused";
        }
    }

    @Test
    void mutatorsOfJdkTypesAreNotCallable() {
        Calendar cal = new GregorianCalendar(2020, Calendar.JANUARY, 1);
        BitSet bits = new BitSet();
        Date date = new Date(12345);
        AtomicBoolean flag = new AtomicBoolean();
        AtomicReference<String> ref = new AtomicReference<>("a");
        CompletableFuture<String> future = new CompletableFuture<>();
        StringWriter writer = new StringWriter();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ArrayDeque<Object> deque = new ArrayDeque<>();
        ReentrantLock lock = new ReentrantLock();
        TimeZone zone = TimeZone.getTimeZone("UTC");
        AppCalendar appCal = new AppCalendar();
        appCal.setTimeInMillis(0);
        Map<String, Object> data = new HashMap<>();
        data.put("cal", cal);
        data.put("bits", bits);
        data.put("date", date);
        data.put("flag", flag);
        data.put("ref", ref);
        data.put("future", future);
        data.put("writer", writer);
        data.put("stream", stream);
        data.put("deque", deque);
        data.put("lock", lock);
        data.put("zone", zone);
        data.put("appCal", appCal);
        data.put("random", new Random(1));
        data.put("unit", TimeUnit.DAYS);
        String[] attacks = {
            "{% do cal.add(1, 5) %}", "{% do cal.roll(1, true) %}", "{% do cal.set(1, 1999) %}", "{% do cal.clear() %}",
            "{% do bits.set(3) %}", "{% do bits.flip(4) %}", "{% do bits.clear() %}",
            "{% do date.setTime(0) %}", "{% do flag.set(true) %}", "{% do flag.getAndSet(true) %}",
            "{% do flag.compareAndSet(false, true) %}", "{% do flag.lazySet(true) %}", "{% do ref.set('b') %}",
            "{% do ref.getAndSet('b') %}", "{% do future.complete('x') %}", "{% do future.cancel(true) %}",
            "{% do future.obtrudeValue('x') %}", "{% do writer.write('hacked') %}", "{% do writer.append('x') %}",
            "{% do stream.println('printed') %}", "{% do stream.print('printed') %}", "{% do deque.push(1) %}",
            "{% do lock.lock() %}", "{% do zone.setRawOffset(5) %}", "{% do zone.setID('X') %}",
            "{% do appCal.set(1, 1999) %}", "{% do appCal.add(1, 5) %}", "{{ random.nextInt() }}",
            "{% do unit.sleep(100000) %}", "{{ future.get() }}", "{{ future.join() }}",
        };
        for (String attack : attacks) {
            String out = render(attack, data);
            assertTrue(out.isEmpty() || out.equals("refused"), attack + " gave " + out);
        }
        assertEquals(2020, cal.get(Calendar.YEAR));
        assertTrue(bits.isEmpty());
        assertEquals(12345, date.getTime());
        assertFalse(flag.get());
        assertEquals("a", ref.get());
        assertFalse(future.isDone());
        assertEquals("", writer.toString());
        assertEquals(0, bytes.size());
        assertTrue(deque.isEmpty());
        assertFalse(lock.isLocked());
        assertEquals("UTC", zone.getID());
        assertEquals(0, zone.getRawOffset());
        assertEquals(1970, appCal.get(Calendar.YEAR));
    }

    @Test
    void readsOfJdkTypesStillWork() {
        Calendar cal = new GregorianCalendar(2020, Calendar.JANUARY, 31);
        cal.setTimeZone(TimeZone.getTimeZone("UTC"));
        BitSet bits = new BitSet();
        bits.set(3);
        Map<String, Object> data = new HashMap<>();
        data.put("cal", cal);
        data.put("bits", bits);
        data.put("date", new Date(12345));
        data.put("flag", new AtomicBoolean(true));
        data.put("ref", new AtomicReference<>("r"));
        data.put("future", CompletableFuture.completedFuture("x"));
        data.put("day", LocalDate.of(2020, 2, 28));
        data.put("duration", Duration.ofMinutes(90));
        data.put("uuid", UUID.fromString("123e4567-e89b-42d3-a456-426614174000"));
        data.put("locale", java.util.Locale.FRANCE);
        data.put("error", new IllegalStateException("boom"));
        data.put("unit", TimeUnit.DAYS);
        data.put("entry", Map.entry("k", "v"));
        data.put("map", Map.of("a", 1));
        data.put("price", new Price());
        AppCalendar appCal = new AppCalendar();
        data.put("appCal", appCal);
        String out = render("{{ cal.get(1) }} {{ cal.timeInMillis > 0 ? 'ms' : '' }} {{ cal.leapYear(2020) ? 'leap' : '' }}"
                + " {{ bits.get(3) ? 'on' : 'off' }} {{ bits.cardinality }} {{ date.time }} {{ flag.get() ? 'T' : 'F' }}"
                + " {{ ref.get() }} {{ future.done ? 'done' : '' }} {{ day.year }}-{{ day.monthValue }}"
                + " {{ day.plusDays(1) }} {{ day.leapYear ? 'leap' : '' }} {{ duration.toMinutes() }}"
                + " {{ uuid.version() }} {{ locale.language }} {{ error.message }} {{ unit.name }} {{ unit.ordinal }}"
                + " {{ entry.key }}={{ entry.value }} [{{ map.containsKey('a') }}{{ map.size() }}]"
                + " {{ price.withTax(0.2) }} {{ price.add(1, 2) }} {{ appCal.label }}", data);
        assertEquals("2020 ms leap on 1 12345 T r done 2020-2 2020-02-29 leap 90 4 fr boom DAYS 6 k=v [] 120 3 cal",
                out);
    }

    @Test
    void theDocumentationListsEveryAllowListedType() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        for (Map.Entry<Class<?>, java.util.Set<String>> e : JdkMembers.reads().entrySet()) {
            String type = e.getKey().getCanonicalName().replace("java.util.concurrent.atomic.", "")
                    .replace("java.util.concurrent.", "").replace("java.util.", "").replace("java.lang.", "");
            assertTrue(doc.contains("`" + type + "`"), "docs/security.md does not list " + type);
            for (String method : e.getValue()) {
                assertTrue(doc.contains(method), "docs/security.md does not list " + type + "." + method);
            }
        }
    }
}
