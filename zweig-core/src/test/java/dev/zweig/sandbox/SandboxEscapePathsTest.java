package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.zweig.Environment;
import dev.zweig.TemplateException;
import dev.zweig.loader.MapLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every path a template might take out of its data towards the JVM, tried through templates with the current
 * engine and no policy at all: whatever the path, the template gets nothing (empty output, null, or a
 * TemplateException), never a Class, ClassLoader, Thread, Runtime or reflection object, never a static member,
 * and the data it was given is never changed. Each path is rendered lenient and strict, so both the "undefined"
 * and the error branches are covered.
 */
class SandboxEscapePathsTest {

    /** Application data, as a template would receive it: a public bean with getters, a setter, a public field. */
    public static final class User {
        public static String SECRET = "static-secret";
        public String nick = "nick";
        private String name = "Ann";
        private final List<String> tags = new ArrayList<>(List.of("a", "b"));
        private boolean touched;

        public String getName() {
            return name;
        }

        public void setName(String n) {
            this.name = n;
        }

        public List<String> getTags() {
            return tags;
        }

        /** Declared as Object, holds a Class at run time: only a run-time check catches it. */
        public Object getSomething() {
            return String.class;
        }

        public java.util.Optional<Object> getOptionalType() {
            return java.util.Optional.of(User.class);
        }

        public Object[] getThings() {
            return new Object[] {"a", User.class};
        }

        public Object typeOf(long x) {
            return User.class;
        }

        public Class<?> getType() {
            return User.class;
        }

        public ClassLoader getLoader() {
            return User.class.getClassLoader();
        }

        public void touch() {
            touched = true;
        }

        public static String staticMethod() {
            return "static-called";
        }

        @Override
        public String toString() {
            return "User(" + name + ")";
        }
    }

    public enum Color { RED, GREEN }

    public record Point(long x, long y) {}

    private List<Object> list;
    private Map<String, Object> map;
    private User user;

    private Map<String, Object> data() {
        list = new ArrayList<>(List.of("x", "y"));
        map = new LinkedHashMap<>();
        map.put("a", 1L);
        map.put("b", "two");
        user = new User();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("user", user);
        d.put("list", list);
        d.put("map", map);
        d.put("n", 42);
        d.put("name", "text");
        d.put("color", Color.RED);
        d.put("point", new Point(1, 2));
        d.put("cls", String.class);
        d.put("thread", Thread.currentThread());
        d.put("rt", Runtime.getRuntime());
        d.put("loader", User.class.getClassLoader());
        d.put("method", Object.class.getMethods()[0]);
        d.put("file", new java.io.File("/tmp"));
        d.put("classOf", (java.util.function.Function<Object, Object>) x -> User.class);
        return d;
    }

    /** Each escape path: a name and the template that tries it. */
    static final String[][] PATHS = {
        // attribute access to the class, all spellings
        {"dot class", "{{ user.class }}"},
        {"getClass()", "{{ user.getClass() }}"},
        {"GETCLASS", "{{ user.GETCLASS }}"},
        {"getclass", "{{ user.getclass }}"},
        {"GetClass()", "{{ user.GetClass() }}"},
        {"[class]", "{{ user['class'] }}"},
        {"class.name", "{{ user.class.name }}"},
        {"classLoader", "{{ user.class.classLoader }}{{ user.classLoader }}{{ user.getClass().getClassLoader() }}"},
        {"declaredMethods", "{{ user.class.declaredMethods }}{{ user.declaredMethods }}"},
        {"forName", "{{ user.class.forName('java.lang.Runtime') }}{{ cls.forName('java.lang.Runtime') }}"},
        {"class of scalars", "{{ n.class }}{{ name.class }}{{ name.getClass() }}{{ n.getClass().getName() }}"},
        {"class of collections", "{{ list.class }}{{ list.getClass() }}{{ map.getClass() }}{{ user.tags.class }}"},
        {"class of enum, record", "{{ color.class }}{{ color.declaringClass }}{{ color.getDeclaringClass() }}"
                + "{{ point.getClass() }}{{ point.class }}"},
        {".TYPE", "{{ n.TYPE }}{{ n.tYPE }}{{ attribute(n, 'TYPE') }}"},
        {"attribute()", "{{ attribute(user, 'getClass') }}{{ attribute(user, 'class') }}"
                + "{{ attribute(user, 'getClass', []) }}{{ attribute(user, 'GETCLASS') }}"},
        {"dynamic name", "{% set m = 'get' ~ 'Class' %}{{ attribute(user, m) }}{{ user[m] }}"},
        {"Class-typed getter", "{{ user.type }}{{ user.getType() }}{{ user.type.name }}"},
        {"ClassLoader-typed getter", "{{ user.loader }}{{ user.getLoader() }}{{ user.loader.parent }}"},
        {"Object getter holding a Class", "{{ user.something.name }}{{ user.something.forName('java.lang.System') }}"},
        // objects of forbidden types handed over as data
        {"Class as data", "{{ cls.name }}{{ cls.simpleName }}{{ cls.getMethods() }}"},
        {"Thread as data", "{{ thread.name }}{{ thread.contextClassLoader }}{% do thread.interrupt() %}"},
        {"Runtime as data", "{{ rt.availableProcessors() }}{% do rt.exec('true') %}{{ rt.totalMemory }}"},
        {"ClassLoader as data", "{{ loader.parent }}{{ loader.loadClass('java.lang.Runtime') }}"},
        {"Method as data", "{{ method.name }}{{ method.invoke(user) }}"},
        {"File as data", "{{ file.path }}{{ file.exists() }}{{ file.listFiles() }}"},
        // constant(), enum()
        {"constant System.out", "{{ constant('java.lang.System::out') }}"},
        {"constant simple name", "{{ constant('System::out') }}{{ constant('Runtime::getRuntime') }}"},
        {"constant on object", "{{ constant('SECRET', user) }}{{ constant('class', user) }}"},
        {"constant test", "{{ n is constant('java.lang.Integer::MAX_VALUE') ? 'y' : '' }}"},
        {"enum Thread", "{{ enum('java.lang.Thread') }}{{ enum('java.lang.Thread$State')|length }}"},
        {"enum_cases", "{{ enum_cases('java.lang.Thread$State')|length }}{{ enum_cases('java.lang.System')|length }}"},
        // arrows in map, filter, reduce, sort, find
        {"map arrow", "{{ [user]|map(u => u.class)|first }}{{ [user]|map(u => u.getClass())|join }}"},
        {"filter arrow", "{{ [user]|filter(u => u.getClass())|length }}"},
        {"reduce arrow", "{{ [user]|reduce((c, u) => u.class, null) }}{{ [1]|reduce((c, v) => _self.class) }}"},
        {"sort arrow", "{{ [user, user]|sort((a, b) => a.getClass() <=> b.getClass())|first.class }}"},
        {"find arrow", "{{ [user]|find(u => u.getClass()).class }}"},
        {"arrow reaching _self", "{{ [1]|map(x => _self)|first.class }}{{ [1]|map(x => _self.getClass())|first }}"},
        {"_self, _context", "{{ _self.class }}{{ _self.getClass() }}{{ _context.class }}{{ _context.getClass() }}"},
        {"loop", "{% for i in [1] %}{{ loop.class }}{{ loop.getClass() }}{% endfor %}"},
        // invoke
        {"invoke object", "{{ user|invoke }}{{ user.getClass|invoke }}"},
        {"invoke arrow", "{% set f = [1]|map(x => x) %}{{ (x => x.class)|invoke(user) }}"},
        // static members
        {"static field", "{{ user.SECRET }}{{ user.sECRET }}{{ attribute(user, 'SECRET') }}"},
        {"static method", "{{ user.staticMethod() }}{{ user.staticMethod }}{{ n.valueOf('5') }}"
                + "{{ name.format('%s', 'x') }}{{ name.join(',', list) }}{{ n.MAX_VALUE }}"},
        // wait/notify and Object's other members
        {"wait/notify", "{{ user.wait() }}{{ user.notify() }}{{ user.notifyAll() }}{{ user.wait(1) }}"},
        {"clone/finalize", "{{ user.clone() }}{{ user.finalize() }}{{ list.clone() }}"},
        // reflection through filters and functions
        {"json_encode", "{{ user|json_encode }}{{ [user]|json_encode }}"},
        {"column", "{{ [user]|column('class')|json_encode }}{{ [user]|column('getClass')|json_encode }}"},
        {"iterate a bean", "{% for k, v in user %}{{ k }}={{ v }};{% endfor %}"},
        {"template_from_string", "{{ include(template_from_string('{{ user.getClass() }}')) }}"},
        {"keys of a bean", "{{ user|keys|join }}"},
        {"Object getter holding a Class, printed", "{{ user.something }}{{ user.getSomething() }}"},
        // values of forbidden types behind an Optional, an array, a list, a callable
        {"Optional of a Class", "{{ user.optionalType }}{{ user.optionalType.name }}"},
        {"array holding a Class", "{{ user.things|first }}{{ user.things[1] }}{{ user.things|join }}"},
        {"method with arguments returning a Class", "{{ user.typeOf(1) }}{{ attribute(user, 'typeOf', [1]) }}"},
        {"callable returning a Class", "{{ classOf|invoke(1) }}{{ [1]|map(classOf)|first }}"},
        // templates expose nothing callable
        {"template object methods", "{{ template_from_string('x').render({}) }}{{ template_from_string('x').name }}"},
        {"hidden import slot", "{% import 'index.twig' as m %}{{ _context[\"\\x00m:index.twig:m\"].render({}) }}"},
    };

    /** Templates that try to change the data; afterwards the data must be as it was. */
    static final String[][] MUTATIONS = {
        {"list.add", "{% do list.add('z') %}{{ list.add('z') }}"},
        {"list.clear/remove/set", "{% do list.clear() %}{% do list.remove(0) %}{% do list.set(0, 'z') %}"},
        {"list.sort/removeIf", "{% do list.sort(null) %}{% do list.replaceAll(x => 'z') %}"},
        {"map.put", "{% do map.put('k', 'v') %}{{ map.put('k', 'v') }}"},
        {"map.clear/remove/putAll", "{% do map.clear() %}{% do map.remove('a') %}{% do map.putAll({k: 1}) %}"},
        {"entry.setValue", "{% for e in map.entrySet() %}{% do e.setValue('z') %}{% endfor %}"},
        {"keySet/values views", "{% do map.keySet().clear() %}{% do map.values().clear() %}"},
        {"iterator.remove", "{% set it = list.iterator() %}{% do it.next() %}{% do it.remove() %}"},
        {"nested collection", "{% do user.tags.add('z') %}{% do user.tags.clear() %}{% do user.getTags().add('z') %}"},
        {"filters do not mutate", "{% set a = list|merge(['z']) %}{% set b = list|sort|reverse %}"
                + "{% set c = map|merge({k: 1}) %}{% set d = list|shuffle %}{% set e = map|sort %}"},
        {"set over data", "{% set list = list|merge(['z']) %}{% set map = {k: 1} %}"},
        {"loop add", "{% for x in list %}{% do list.add(x) %}{% endfor %}"},
        {"setter", "{% do user.setName('pwned') %}{{ user.setName('pwned') }}"},
        {"setter case variants", "{% do user.SETNAME('pwned') %}{% do user.setname('pwned') %}"},
        {"setter via attribute()", "{% do attribute(user, 'setName', ['pwned']) %}"},
    };

    private static final String[] LEAKS = {"java.lang", "class ", "interface ", "ClassLoader", "jdk.internal",
        "Thread[", "Runtime@", "static-secret", "static-called", "sun.", "java.io"};

    private static Environment env(boolean strict) {
        return Environment.builder().loader(new MapLoader(Map.of())).autoescape(false).strictVariables(strict)
                .build();
    }

    @TestFactory
    Stream<DynamicTest> escapePaths() {
        return Stream.of(PATHS).map(p -> DynamicTest.dynamicTest(p[0] + ": " + p[1], () -> {
            for (boolean strict : new boolean[] {false, true}) {
                String out = tryRender(env(strict), p[1]);
                if (out != null) {
                    for (String leak : LEAKS) {
                        assertFalse(out.contains(leak), "leaked \"" + leak + "\" (strict " + strict + "): " + out);
                    }
                }
                assertUnchanged(p[0]);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> mutations() {
        return Stream.of(MUTATIONS).map(p -> DynamicTest.dynamicTest(p[0] + ": " + p[1], () -> {
            for (boolean strict : new boolean[] {false, true}) {
                tryRender(env(strict), p[1]);
                assertUnchanged(p[0]);
            }
        }));
    }

    /** The output, or null when the template was refused with a TemplateException (caused by nothing it ran). */
    private String tryRender(Environment env, String source) {
        Map<String, Object> d = data();
        try {
            return env.createTemplate(source, "index.twig").render(d);
        } catch (TemplateException e) {
            // refused: fine, as long as the refusal did not come from running a forbidden member
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalMonitorStateException || c instanceof SecurityException
                        || c instanceof ReflectiveOperationException) {
                    fail("a forbidden member was run: " + c + " for " + source);
                }
            }
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("not a TemplateException: " + e + " for " + source, e);
        }
    }

    private void assertUnchanged(String what) {
        assertEquals(List.of("x", "y"), list, "list changed by " + what);
        assertEquals(Map.of("a", 1L, "b", "two"), map, "map changed by " + what);
        assertEquals("Ann", user.getName(), "bean changed by " + what);
        assertEquals(List.of("a", "b"), user.getTags(), "nested list changed by " + what);
        assertFalse(Thread.currentThread().isInterrupted(), "thread interrupted by " + what);
    }

    // ---- the sanity side: ordinary access still works ------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> ordinaryAccessStillWorks() {
        String[][] ok = {
            {"{{ user.name }}", "Ann"},
            {"{{ user.getName() }}", "Ann"},
            {"{{ user.NAME }}", "Ann"},
            {"{{ user.nick }}", "nick"},
            {"{{ user.tags|join(',') }}", "a,b"},
            {"{{ list|length }}{{ list[1] }}", "2y"},
            {"{{ map.a }}{{ map['b'] }}", "1two"},
            {"{{ point.x }}{{ point.y() }}", "12"},
            {"{{ color.name }}", "RED"},
            {"{{ [user]|map(u => u.name)|first }}", "Ann"},
        };
        return Stream.of(ok).map(p -> DynamicTest.dynamicTest(p[0], () -> {
            assertEquals(p[1], env(true).createTemplate(p[0]).render(data()));
        }));
    }
}
