package dev.zweig.sandbox;

import dev.zweig.Template;
import dev.zweig.semantics.Attributes;
import dev.zweig.Markup;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a sandboxed template may use (Twig's {@code Twig\Sandbox\SecurityPolicy}): allow-lists of tags, filters and
 * functions, checked once when a template is compiled, and of methods and properties per class, checked each time
 * a template reaches one. Immutable and thread-safe; build one with {@link #builder()}.
 *
 * <pre>{@code
 * SecurityPolicy policy = SecurityPolicy.builder()
 *         .allowTags("if", "for", "set")
 *         .allowFilters("upper", "escape", "date")
 *         .allowFunctions("range")
 *         .allowMethods(Customer.class, "getName", "isVip")
 *         .allowProperties(Order.class, "total")
 *         .build();
 * }</pre>
 *
 * <p>Methods are allowed per class or interface and inherited: a method allowed on an interface or superclass is
 * allowed on every implementation. Method names are case-insensitive (as in Twig and PHP); property names are
 * case-sensitive. Allowing {@code "__toString"} or {@code "toString"} lets a sandboxed template turn an object
 * into text (print it, concatenate it, give it to a string filter, compare it with a string); {@code "equals"} and
 * {@code "compareTo"} let it compare objects ({@code ==}, {@code <}, {@code sort}). Only arrow functions are
 * callables in a sandbox.
 *
 * <p>Allow-lists only, on purpose: deny-lists are what sandbox bypasses are made of (Pebble's history: case
 * variants of getClass, {@code .TYPE}, three CVEs). And some members stay out of reach whatever the policy says:
 * everything on Class, ClassLoader, Thread, Runtime, System, java.lang.reflect and java.lang.invoke objects (see
 * {@link Attributes#isForbiddenType}), {@code getClass}, {@code wait}/{@code notify}, {@code clone},
 * {@code finalize}, static members, setters ({@code setX} taking arguments) and any method of a collection or map
 * other than its reads: a template never changes the data it was given.
 *
 * <p>Trade-off: a method decision is computed once per (class, name) and cached, so a sandboxed render pays a map
 * lookup per member access; the cache holds at most {@value #MAX_CACHED_NAMES} names per class, so templates that
 * make up attribute names cannot grow it without bound.
 */
public final class SecurityPolicy {
    static final int MAX_CACHED_NAMES = 512;

    /** Methods no policy can allow (lower case). */
    private static final Set<String> NEVER_METHODS = Set.of("getclass", "class", "wait", "notify", "notifyall",
            "clone", "finalize", "getclassloader", "getdeclaringclass", "getmodule", "hashcode");

    /** The only methods a template may call on a collection or map: reads. */
    private static final Set<String> COLLECTION_READS = Set.of("size", "isempty", "contains", "containsall",
            "containskey", "containsvalue", "get", "getordefault", "indexof", "lastindexof", "getfirst", "getlast",
            "first", "last", "length", "tostring", "__tostring");

    /** Per class: lower-case method name -> STATIC_ONLY | SETTER flags, for the rules no policy overrides. */
    private static final ClassValue<Map<String, Integer>> METHOD_FLAGS = new ClassValue<>() {
        @Override
        protected Map<String, Integer> computeValue(Class<?> type) {
            return methodFlags(type);
        }
    };

    private static final int STATIC_ONLY = 1;
    private static final int SETTER = 2;

    private final Set<String> tags;
    private final Set<String> filters;
    private final Set<String> functions;
    private final Map<Class<?>, Set<String>> methods;
    private final Map<Class<?>, Set<String>> properties;
    private final ClassValue<ConcurrentHashMap<String, Boolean>> decisions = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Boolean> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private SecurityPolicy(Builder b) {
        this.tags = Collections.unmodifiableSet(new LinkedHashSet<>(b.tags));
        this.filters = Collections.unmodifiableSet(new LinkedHashSet<>(b.filters));
        this.functions = Collections.unmodifiableSet(new LinkedHashSet<>(b.functions));
        Map<Class<?>, Set<String>> m = new LinkedHashMap<>();
        b.methods.forEach((k, v) -> m.put(k, Set.copyOf(v)));
        this.methods = Collections.unmodifiableMap(m);
        Map<Class<?>, Set<String>> p = new LinkedHashMap<>();
        b.properties.forEach((k, v) -> p.put(k, Set.copyOf(v)));
        this.properties = Collections.unmodifiableMap(p);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A policy that allows nothing: no tag, filter, function, method or property. */
    public static SecurityPolicy denyAll() {
        return new Builder().build();
    }

    public Set<String> allowedTags() {
        return tags;
    }

    public Set<String> allowedFilters() {
        return filters;
    }

    public Set<String> allowedFunctions() {
        return functions;
    }

    /** Allowed method names (lower case) per class or interface. */
    public Map<Class<?>, Set<String>> allowedMethods() {
        return methods;
    }

    /** Allowed property names per class or interface. */
    public Map<Class<?>, Set<String>> allowedProperties() {
        return properties;
    }

    /**
     * Checks what a template uses, at compile time: throws for the first tag, then filter, then function that
     * is not allowed (in each set's iteration order; pass ordered sets for a stable "first").
     *
     * @throws SecurityNotAllowedTagException, SecurityNotAllowedFilterException or
     *         SecurityNotAllowedFunctionException, without a location: the caller fills in template and line
     */
    public void checkSecurity(Set<String> usedTags, Set<String> usedFilters, Set<String> usedFunctions) {
        if (usedTags != null) {
            for (String t : usedTags) {
                if (!tags.contains(t)) {
                    throw new SecurityNotAllowedTagException(t);
                }
            }
        }
        if (usedFilters != null) {
            for (String f : usedFilters) {
                if (!filters.contains(f)) {
                    throw new SecurityNotAllowedFilterException(f);
                }
            }
        }
        if (usedFunctions != null) {
            for (String f : usedFunctions) {
                if (!functions.contains(f)) {
                    throw new SecurityNotAllowedFunctionException(f);
                }
            }
        }
    }

    /**
     * Checks a method call (or an attribute that resolved to a method) on obj, at render time. Pass the name of
     * the Java method that was resolved ({@code getName} for {@code user.name}), or {@code toString} before an
     * object is converted to a string. A null obj has no methods to check.
     *
     * @throws SecurityNotAllowedMethodException when not allowed
     */
    public void checkMethodAllowed(Object obj, String method) {
        if (obj == null) {
            return;
        }
        if (!isMethodAllowed(obj, method)) {
            throw new SecurityNotAllowedMethodException(obj.getClass().getName(), method.toLowerCase(Locale.ROOT));
        }
    }

    /** Whether {@link #checkMethodAllowed} would let the call through. */
    public boolean isMethodAllowed(Object obj, String method) {
        if (obj == null) {
            return true;
        }
        if (method == null) {
            return false;
        }
        Class<?> c = obj.getClass();
        ConcurrentHashMap<String, Boolean> cache = decisions.get(c);
        Boolean d = cache.get(method);
        if (d == null) {
            d = decideMethod(obj, c, method.toLowerCase(Locale.ROOT));
            if (cache.size() < MAX_CACHED_NAMES) {
                cache.put(method, d);
            }
        }
        return d;
    }

    /** The decision depends only on the object's class (instanceof tests), so it can be cached per class. */
    private boolean decideMethod(Object obj, Class<?> c, String lower) {
        if (neverMethod(obj, c, lower)) {
            return false;
        }
        if (obj instanceof Template || dev.zweig.php.Values.isMarkup(obj)) {
            return true;
        }
        String alt = lower.equals("tostring") ? "__tostring" : lower.equals("__tostring") ? "tostring" : null;
        for (Map.Entry<Class<?>, Set<String>> e : methods.entrySet()) {
            if (e.getKey().isAssignableFrom(c) && (e.getValue().contains(lower)
                    || (alt != null && e.getValue().contains(alt)))) {
                return true;
            }
        }
        return false;
    }

    /** The rules no policy overrides. */
    static boolean neverMethod(Object obj, Class<?> c, String lower) {
        if (Attributes.isForbiddenType(c) || NEVER_METHODS.contains(lower)) {
            return true;
        }
        if ((obj instanceof Collection<?> || obj instanceof Map<?, ?> || obj instanceof Iterator<?>
                || obj instanceof Map.Entry<?, ?>) && !COLLECTION_READS.contains(lower)
                && !(obj instanceof Map.Entry<?, ?> && (lower.equals("getkey") || lower.equals("getvalue")))) {
            return true;
        }
        Integer flags = METHOD_FLAGS.get(c).get(lower);
        return flags != null && (flags & (STATIC_ONLY | SETTER)) != 0;
    }

    private static Map<String, Integer> methodFlags(Class<?> type) {
        Map<String, Integer> all = new HashMap<>();
        Map<String, Boolean> hasInstance = new HashMap<>();
        for (Method m : type.getMethods()) {
            String lower = m.getName().toLowerCase(Locale.ROOT);
            boolean isStatic = Modifier.isStatic(m.getModifiers());
            int f = all.getOrDefault(lower, 0);
            if (lower.length() > 3 && lower.startsWith("set") && m.getParameterCount() > 0 && !isStatic) {
                f |= SETTER;
            }
            all.put(lower, f);
            if (!isStatic) {
                hasInstance.put(lower, Boolean.TRUE);
            }
        }
        Map<String, Integer> out = new HashMap<>();
        for (Map.Entry<String, Integer> e : all.entrySet()) {
            int f = e.getValue();
            if (!hasInstance.containsKey(e.getKey())) {
                f |= STATIC_ONLY;
            }
            if (f != 0) {
                out.put(e.getKey(), f);
            }
        }
        return Map.copyOf(out);
    }

    /**
     * Checks a property (public field) read on obj, at render time.
     *
     * @throws SecurityNotAllowedPropertyException when not allowed
     */
    public void checkPropertyAllowed(Object obj, String property) {
        if (obj == null) {
            return;
        }
        if (!isPropertyAllowed(obj, property)) {
            throw new SecurityNotAllowedPropertyException(obj.getClass().getName(), property);
        }
    }

    /** Whether {@link #checkPropertyAllowed} would let the read through. */
    public boolean isPropertyAllowed(Object obj, String property) {
        if (obj == null) {
            return true;
        }
        if (property == null) {
            return false;
        }
        Class<?> c = obj.getClass();
        if (Attributes.isForbiddenType(c) || neverField(c, property)) {
            return false;
        }
        for (Map.Entry<Class<?>, Set<String>> e : properties.entrySet()) {
            if (e.getKey().isAssignableFrom(c) && e.getValue().contains(property)) {
                return true;
            }
        }
        return false;
    }

    /** Static fields (such as {@code Integer.TYPE}) and fields holding a forbidden type. */
    private static boolean neverField(Class<?> c, String property) {
        if (property.equals("class") || property.equals("TYPE")) {
            return true;
        }
        try {
            Field f = c.getField(property);
            return Modifier.isStatic(f.getModifiers()) || Attributes.isForbiddenType(f.getType());
        } catch (NoSuchFieldException | SecurityException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "SecurityPolicy[tags=" + tags + ", filters=" + filters + ", functions=" + functions + ", methods="
                + methods + ", properties=" + properties + "]";
    }

    /** Collects the allow-lists; {@link #build()} copies them, so a builder can be reused. */
    public static final class Builder {
        private final Set<String> tags = new LinkedHashSet<>();
        private final Set<String> filters = new LinkedHashSet<>();
        private final Set<String> functions = new LinkedHashSet<>();
        private final Map<Class<?>, Set<String>> methods = new LinkedHashMap<>();
        private final Map<Class<?>, Set<String>> properties = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder allowTags(String... names) {
            return allowTags(List.of(names));
        }

        public Builder allowTags(Collection<String> names) {
            tags.addAll(names);
            return this;
        }

        public Builder allowFilters(String... names) {
            return allowFilters(List.of(names));
        }

        public Builder allowFilters(Collection<String> names) {
            filters.addAll(names);
            return this;
        }

        public Builder allowFunctions(String... names) {
            return allowFunctions(List.of(names));
        }

        public Builder allowFunctions(Collection<String> names) {
            functions.addAll(names);
            return this;
        }

        /** Allows the named methods (any case) on instances of type, its subclasses and implementations. */
        public Builder allowMethods(Class<?> type, String... names) {
            return allowMethods(type, List.of(names));
        }

        public Builder allowMethods(Class<?> type, Collection<String> names) {
            Set<String> s = methods.computeIfAbsent(java.util.Objects.requireNonNull(type, "type"),
                    k -> new LinkedHashSet<>());
            for (String n : names) {
                s.add(n.toLowerCase(Locale.ROOT));
            }
            return this;
        }

        /** Allows reading the named public fields on instances of type, its subclasses and implementations. */
        public Builder allowProperties(Class<?> type, String... names) {
            return allowProperties(type, List.of(names));
        }

        public Builder allowProperties(Class<?> type, Collection<String> names) {
            properties.computeIfAbsent(java.util.Objects.requireNonNull(type, "type"), k -> new LinkedHashSet<>())
                    .addAll(names);
            return this;
        }

        public SecurityPolicy build() {
            return new SecurityPolicy(this);
        }
    }
}
