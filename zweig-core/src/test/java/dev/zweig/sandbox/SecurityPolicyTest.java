package dev.zweig.sandbox;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zweig.TemplateException;
import dev.zweig.Markup;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy on its own: allow-lists, inheritance, case rules, Twig's messages, and what no policy allows. */
class SecurityPolicyTest {

    public interface Named {
        String getName();
    }

    public static class Person implements Named {
        public String nick = "n";
        public static String STATIC_FIELD = "s";
        public Class<?> type = Person.class;

        @Override
        public String getName() {
            return "p";
        }

        public void setName(String n) {
        }

        public String settings() {
            return "ok";
        }

        public static String helper() {
            return "static";
        }

        public void touch() {
        }
    }

    public static class Employee extends Person {
        public String badge = "b";

        public String getBadge() {
            return badge;
        }
    }

    private static Set<String> ordered(String... s) {
        return new LinkedHashSet<>(List.of(s));
    }

    // ---- tags, filters, functions ------------------------------------------------------------------------

    @Test
    void tagsFiltersFunctionsAllowed() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("if", "for").allowFilters("upper")
                .allowFunctions("range").build();
        assertDoesNotThrow(() -> p.checkSecurity(ordered("if", "for"), ordered("upper"), ordered("range")));
        assertDoesNotThrow(() -> p.checkSecurity(Set.of(), Set.of(), Set.of()));
        assertDoesNotThrow(() -> p.checkSecurity(null, null, null));
    }

    @Test
    void firstDisallowedTagWithTwigsMessage() {
        SecurityPolicy p = SecurityPolicy.builder().allowTags("if").build();
        SecurityNotAllowedTagException e = assertThrows(SecurityNotAllowedTagException.class,
                () -> p.checkSecurity(ordered("if", "include", "for"), ordered("upper"), Set.of()));
        assertEquals("include", e.getTagName());
        assertEquals("Tag \"include\" is not allowed.", e.getMessage());
        assertInstanceOf(TemplateSecurityException.class, e);
        assertInstanceOf(TemplateException.class, e);
    }

    @Test
    void tagsAreCheckedBeforeFiltersAndFiltersBeforeFunctions() {
        SecurityPolicy p = SecurityPolicy.denyAll();
        assertThrows(SecurityNotAllowedTagException.class,
                () -> p.checkSecurity(ordered("if"), ordered("upper"), ordered("range")));
        SecurityNotAllowedFilterException f = assertThrows(SecurityNotAllowedFilterException.class,
                () -> p.checkSecurity(Set.of(), ordered("e"), ordered("range")));
        assertEquals("e", f.getFilterName());
        assertEquals("Filter \"e\" is not allowed.", f.getMessage());
        SecurityNotAllowedFunctionException fn = assertThrows(SecurityNotAllowedFunctionException.class,
                () -> p.checkSecurity(Set.of(), Set.of(), ordered("range")));
        assertEquals("range", fn.getFunctionName());
        assertEquals("Function \"range\" is not allowed.", fn.getMessage());
    }

    @Test
    void namesAreCaseSensitiveForTagsFiltersFunctions() {
        SecurityPolicy p = SecurityPolicy.builder().allowFilters("upper").build();
        assertThrows(SecurityNotAllowedFilterException.class, () -> p.checkSecurity(Set.of(), ordered("UPPER"),
                Set.of()));
    }

    @Test
    void locationIsFilledInByTheCaller() {
        SecurityNotAllowedFilterException e = new SecurityNotAllowedFilterException("e");
        e.locate("foo.twig", 4);
        // the message of Twig's fixture functions/include/sandbox.test
        assertEquals("Filter \"e\" is not allowed in \"foo.twig\" at line 4.", e.getMessage());
    }

    // ---- methods -----------------------------------------------------------------------------------------

    @Test
    void methodAllowedOnInterfaceIsAllowedOnImplementations() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Named.class, "getName").build();
        assertDoesNotThrow(() -> p.checkMethodAllowed(new Person(), "getName"));
        assertDoesNotThrow(() -> p.checkMethodAllowed(new Employee(), "getName"));
        assertThrows(SecurityNotAllowedMethodException.class, () -> p.checkMethodAllowed(new Employee(),
                "getBadge"));
    }

    @Test
    void methodAllowedOnSuperclassIsAllowedOnSubclassesNotTheOtherWay() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Person.class, "getName")
                .allowMethods(Employee.class, "getBadge").build();
        assertTrue(p.isMethodAllowed(new Employee(), "getName"));
        assertTrue(p.isMethodAllowed(new Employee(), "getBadge"));
        assertFalse(p.isMethodAllowed(new Person(), "getBadge"));
    }

    @Test
    void methodNamesAreCaseInsensitive() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Person.class, "GetName").build();
        assertTrue(p.isMethodAllowed(new Person(), "getName"));
        assertTrue(p.isMethodAllowed(new Person(), "GETNAME"));
        assertTrue(p.isMethodAllowed(new Person(), "getname"));
        assertEquals(Set.of("getname"), p.allowedMethods().get(Person.class));
    }

    @Test
    void methodMessageIsTwigs() {
        SecurityNotAllowedMethodException e = assertThrows(SecurityNotAllowedMethodException.class,
                () -> SecurityPolicy.denyAll().checkMethodAllowed(new Person(), "getName"));
        assertEquals("Calling \"getname\" method on a \"" + Person.class.getName() + "\" object is not allowed.",
                e.getMessage());
        assertEquals(Person.class.getName(), e.getClassName());
        assertEquals("getname", e.getMethodName());
    }

    @Test
    void nullObjectHasNothingToCheck() {
        assertDoesNotThrow(() -> SecurityPolicy.denyAll().checkMethodAllowed(null, "x"));
        assertDoesNotThrow(() -> SecurityPolicy.denyAll().checkPropertyAllowed(null, "x"));
    }

    @Test
    void markupIsExemptAsInTwig() {
        assertTrue(SecurityPolicy.denyAll().isMethodAllowed(new Markup("x"), "toString"));
        assertTrue(SecurityPolicy.denyAll().isMethodAllowed(new Markup("x"), "length"));
    }

    @Test
    void toStringAndTwigsUnderscoreToStringAreOneAllowance() {
        SecurityPolicy twigStyle = SecurityPolicy.builder().allowMethods(Person.class, "__toString").build();
        assertTrue(twigStyle.isMethodAllowed(new Employee(), "toString"));
        SecurityPolicy javaStyle = SecurityPolicy.builder().allowMethods(Person.class, "toString").build();
        assertTrue(javaStyle.isMethodAllowed(new Person(), "__toString"));
        assertFalse(SecurityPolicy.denyAll().isMethodAllowed(new Person(), "toString"));
    }

    // ---- what no policy allows ---------------------------------------------------------------------------

    @Test
    void objectsMembersStayForbiddenEvenWhenListed() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Object.class, "getClass", "wait", "notify",
                "notifyAll", "clone", "finalize", "hashCode", "class").build();
        for (String m : List.of("getClass", "GETCLASS", "getclass", "class", "wait", "notify", "notifyAll",
                "clone", "finalize", "hashCode")) {
            assertFalse(p.isMethodAllowed(new Person(), m), m);
        }
        SecurityNotAllowedMethodException e = assertThrows(SecurityNotAllowedMethodException.class,
                () -> p.checkMethodAllowed(new Person(), "GetClass"));
        assertEquals("getclass", e.getMethodName());
    }

    @Test
    void forbiddenTypesStayForbiddenEvenWhenListed() throws Exception {
        SecurityPolicy p = SecurityPolicy.builder()
                .allowMethods(Object.class, "getName", "forName", "getClassLoader", "exec", "loadClass", "invoke",
                        "getRuntime", "interrupt", "toString")
                .allowProperties(Object.class, "TYPE", "out", "name")
                .build();
        Object[] forbidden = {String.class, Thread.currentThread(), Runtime.getRuntime(),
            SecurityPolicyTest.class.getClassLoader(), Object.class.getMethod("toString"),
            java.lang.invoke.MethodHandles.lookup(), new java.io.File("/tmp"), new ProcessBuilder("true")};
        for (Object o : forbidden) {
            for (String m : List.of("getName", "forName", "getClassLoader", "exec", "loadClass", "invoke",
                    "toString")) {
                assertFalse(p.isMethodAllowed(o, m), o.getClass() + "." + m);
            }
            assertFalse(p.isPropertyAllowed(o, "name"), o.getClass() + ".name");
        }
        // the same allowance works on an ordinary object
        assertTrue(p.isMethodAllowed(new Person(), "getName"));
    }

    @Test
    void collectionsAndMapsOnlyReadEvenWhenMutatorsAreListed() {
        SecurityPolicy p = SecurityPolicy.builder()
                .allowMethods(List.class, "add", "clear", "remove", "set", "size", "get", "sort", "removeIf",
                        "iterator", "contains", "isEmpty")
                .allowMethods(Map.class, "put", "clear", "remove", "putAll", "get", "containsKey", "compute",
                        "entrySet", "merge")
                .allowMethods(Map.Entry.class, "setValue", "getKey")
                .build();
        List<String> list = new ArrayList<>(List.of("a"));
        for (String m : List.of("add", "clear", "remove", "set", "sort", "removeIf", "iterator")) {
            assertFalse(p.isMethodAllowed(list, m), "List." + m);
        }
        for (String m : List.of("size", "get", "contains", "isEmpty")) {
            assertTrue(p.isMethodAllowed(list, m), "List." + m);
        }
        Map<String, String> map = new HashMap<>(Map.of("k", "v"));
        for (String m : List.of("put", "clear", "remove", "putAll", "compute", "merge")) {
            assertFalse(p.isMethodAllowed(map, m), "Map." + m);
        }
        assertTrue(p.isMethodAllowed(map, "get"));
        assertTrue(p.isMethodAllowed(map, "containsKey"));
        Map.Entry<String, String> entry = map.entrySet().iterator().next();
        assertFalse(p.isMethodAllowed(entry, "setValue"));
        assertTrue(p.isMethodAllowed(entry, "getKey"));
        assertFalse(p.isMethodAllowed(list.iterator(), "remove"));
        // not allowed by the policy: a read still needs an allowance
        assertFalse(SecurityPolicy.denyAll().isMethodAllowed(list, "size"));
    }

    @Test
    void settersStayForbiddenEvenWhenListed() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Person.class, "setName", "settings", "touch")
                .build();
        assertFalse(p.isMethodAllowed(new Person(), "setName"));
        assertFalse(p.isMethodAllowed(new Person(), "SETNAME"));
        // a getter that merely starts with "set" takes no argument: allowed when listed
        assertTrue(p.isMethodAllowed(new Person(), "settings"));
        // an ordinary method is the policy's call
        assertTrue(p.isMethodAllowed(new Person(), "touch"));
        assertFalse(SecurityPolicy.denyAll().isMethodAllowed(new Person(), "touch"));
    }

    @Test
    void staticMethodsStayForbiddenEvenWhenListed() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Person.class, "helper")
                .allowMethods(Integer.class, "valueOf", "intValue").build();
        assertFalse(p.isMethodAllowed(new Person(), "helper"));
        assertFalse(p.isMethodAllowed(42, "valueOf"));
        assertTrue(p.isMethodAllowed(42, "intValue"));
    }

    // ---- properties --------------------------------------------------------------------------------------

    @Test
    void propertiesAllowedPerClassInheritedAndCaseSensitive() {
        SecurityPolicy p = SecurityPolicy.builder().allowProperties(Person.class, "nick")
                .allowProperties(Employee.class, "badge").build();
        assertDoesNotThrow(() -> p.checkPropertyAllowed(new Person(), "nick"));
        assertDoesNotThrow(() -> p.checkPropertyAllowed(new Employee(), "nick"));
        assertDoesNotThrow(() -> p.checkPropertyAllowed(new Employee(), "badge"));
        assertFalse(p.isPropertyAllowed(new Person(), "badge"));
        assertFalse(p.isPropertyAllowed(new Person(), "NICK"));
        SecurityNotAllowedPropertyException e = assertThrows(SecurityNotAllowedPropertyException.class,
                () -> p.checkPropertyAllowed(new Person(), "badge"));
        assertEquals("Calling \"badge\" property on a \"" + Person.class.getName() + "\" object is not allowed.",
                e.getMessage());
        assertEquals("badge", e.getPropertyName());
        assertEquals(Person.class.getName(), e.getClassName());
    }

    @Test
    void staticAndForbiddenTypedFieldsStayForbiddenEvenWhenListed() {
        SecurityPolicy p = SecurityPolicy.builder().allowProperties(Object.class, "STATIC_FIELD", "type", "TYPE",
                "class", "MAX_VALUE").build();
        assertFalse(p.isPropertyAllowed(new Person(), "STATIC_FIELD"));
        assertFalse(p.isPropertyAllowed(new Person(), "type"));
        assertFalse(p.isPropertyAllowed(new Person(), "class"));
        assertFalse(p.isPropertyAllowed(42, "TYPE"));
        assertFalse(p.isPropertyAllowed(42, "MAX_VALUE"));
    }

    // ---- immutability ------------------------------------------------------------------------------------

    @Test
    void builtPolicyIsImmutable() {
        SecurityPolicy.Builder b = SecurityPolicy.builder().allowTags("if").allowMethods(Person.class, "getName");
        SecurityPolicy p = b.build();
        b.allowTags("for").allowMethods(Person.class, "getBadge");
        assertEquals(Set.of("if"), p.allowedTags());
        assertEquals(Set.of("getname"), p.allowedMethods().get(Person.class));
        assertThrows(UnsupportedOperationException.class, () -> p.allowedTags().add("for"));
        assertThrows(UnsupportedOperationException.class, () -> p.allowedMethods().put(Object.class, Set.of()));
        assertThrows(UnsupportedOperationException.class, () -> p.allowedFilters().add("x"));
    }

    @Test
    void manyDifferentNamesDoNotGrowTheCacheWithoutBound() {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Person.class, "getName").build();
        Person person = new Person();
        for (int i = 0; i < 5_000; i++) {
            assertFalse(p.isMethodAllowed(person, "m" + i));
        }
        assertTrue(p.isMethodAllowed(person, "getName"));
    }

    @Test
    void concurrentChecksAgree() throws Exception {
        SecurityPolicy p = SecurityPolicy.builder().allowMethods(Named.class, "getName").build();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 2_000; i++) {
                        assertTrue(p.isMethodAllowed(new Employee(), "getName"));
                        assertFalse(p.isMethodAllowed(new Employee(), "getBadge"));
                        assertFalse(p.isMethodAllowed(new Employee(), "getClass"));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertEquals(List.of(), errors);
    }
}
