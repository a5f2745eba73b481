package dev.zweig.runtime;

import dev.zweig.TemplateRuntimeException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Twig's attribute lookup ({@code a.b}, {@code a[b]}, {@code a.b()}) over Java values: map keys and list indexes
 * first, then public fields, then the methods {@code b()}, {@code getB()}, {@code isB()}, {@code hasB()} (case
 * insensitive, like PHP). Members resolve once per (class, name) and are cached as method handles.
 *
 * <p>Security: only public instance members of public types are reachable; nothing declared by Object,
 * Class, ClassLoader, Thread, Runtime, System, java.lang.reflect or java.lang.invoke, no static members, and no
 * method that changes a collection (only size/isEmpty/contains-style reads are callable on collections and maps).
 */
public final class Attributes {
    private Attributes() {
    }

    /** What a member returns, so that numbers can be read without boxing. */
    enum Kind { OBJECT, LONG, DOUBLE, BOOLEAN }

    /**
     * A resolved member of a class; NONE when the class has no such member. {@code handle} is typed
     * (Object)Object; for primitive results {@code asLong}/{@code asDouble} read them unboxed.
     */
    record Member(MethodHandle handle, int arity, boolean field, Kind kind, MethodHandle asLong,
            MethodHandle asDouble) {
        static Member of(MethodHandle h, int arity, boolean field) {
            Class<?> r = h.type().returnType();
            MethodType objType = h.type().changeReturnType(Object.class).changeParameterType(0, Object.class);
            MethodHandle generic = h.asType(objType);
            if (arity == 0) {
                if (r == long.class || r == int.class || r == short.class || r == byte.class) {
                    return new Member(generic, 0, field, Kind.LONG,
                            h.asType(MethodType.methodType(long.class, Object.class)), null);
                }
                if (r == double.class || r == float.class) {
                    return new Member(generic, 0, field, Kind.DOUBLE, null,
                            h.asType(MethodType.methodType(double.class, Object.class)));
                }
                if (r == boolean.class) {
                    return new Member(generic, 0, field, Kind.BOOLEAN, null, null);
                }
            }
            return new Member(generic, arity, field, Kind.OBJECT, null, null);
        }

        /** Reads a zero-argument member; numbers go through the render's box caches. */
        Object read(Object obj, RenderState st) throws Throwable {
            switch (kind) {
                case LONG:
                    return st.box((long) asLong.invokeExact(obj));
                case DOUBLE:
                    return st.box((double) asDouble.invokeExact(obj));
                default:
                    return handle.invokeExact(obj);
            }
        }
    }

    static final Member NONE = new Member(null, -1, false, Kind.OBJECT, null, null);

    private static final ClassValue<ConcurrentHashMap<String, Member>> CACHE = new ClassValue<>() {
        @Override
        protected ConcurrentHashMap<String, Member> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private static final Set<String> COLLECTION_READS = Set.of("size", "isempty", "contains", "containskey",
            "containsvalue", "indexof", "lastindexof", "length");

    private static final Set<String> FORBIDDEN_METHODS = Set.of("getclass", "wait", "notify", "notifyall",
            "hashcode", "clone", "finalize", "getclassloader", "getdeclaringclass", "getmodule");

    /** Whether the type is one a template must never touch. */
    public static boolean isForbiddenType(Class<?> c) {
        if (c == Class.class || ClassLoader.class.isAssignableFrom(c) || Thread.class.isAssignableFrom(c)
                || c == Runtime.class || c == System.class || ProcessBuilder.class.isAssignableFrom(c)
                || Process.class.isAssignableFrom(c) || ThreadGroup.class.isAssignableFrom(c)) {
            return true;
        }
        String n = c.getName();
        return n.startsWith("java.lang.reflect.") || n.startsWith("java.lang.invoke.") || n.startsWith("sun.")
                || n.startsWith("jdk.internal.") || n.startsWith("java.lang.Module") || n.startsWith("java.io.File")
                || n.startsWith("java.nio.file.") || n.startsWith("java.net.") || n.startsWith("javax.script.");
    }

    /** Unwraps Optional (an empty Optional is null). */
    public static Object unwrap(Object v) {
        if (v instanceof Optional<?> o) {
            return o.orElse(null);
        }
        return v;
    }

    /**
     * Reads an object member. Returns {@link Frame#UNDEFINED} when the object has no such member.
     */
    static Object member(Object obj, String name, Object[] args, boolean methodOnly) {
        Member m = lookup(obj.getClass(), name, args == null ? 0 : args.length, methodOnly);
        return call(m, obj, args, null);
    }

    /** The member of class c for a template's {@code .name} (resolved once per class and cached), or NONE. */
    static Member lookup(Class<?> c, String name, int arity, boolean methodOnly) {
        if (isForbiddenType(c)) {
            return NONE;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_METHODS.contains(lower)) {
            return NONE;
        }
        if ((Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) && !COLLECTION_READS.contains(lower)) {
            return NONE;
        }
        String key = (methodOnly ? "m:" : "a:") + arity + ":" + name;
        ConcurrentHashMap<String, Member> cache = CACHE.get(c);
        Member m = cache.get(key);
        if (m == null) {
            m = resolve(c, name, lower, arity, methodOnly);
            cache.put(key, m);
        }
        return m;
    }

    /** Calls a resolved member; UNDEFINED when it is NONE. st may be null (numbers are then boxed normally). */
    static Object call(Member m, Object obj, Object[] args, RenderState st) {
        if (m == NONE) {
            return Frame.UNDEFINED;
        }
        try {
            Object r;
            if (m.arity() == 0) {
                r = st != null ? m.read(obj, st) : m.handle().invokeExact(obj);
            } else {
                Object[] all = new Object[args.length + 1];
                all[0] = obj;
                Class<?>[] types = m.handle().type().parameterArray();
                for (int i = 0; i < args.length; i++) {
                    all[i + 1] = coerce(args[i], types[i + 1]);
                }
                r = m.handle().invokeWithArguments(all);
            }
            return r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                    + t.getMessage() + "\").", null, 0, 0, t);
        }
    }

    private static Object coerce(Object v, Class<?> type) {
        if (v == null) {
            return null;
        }
        if (type == int.class || type == Integer.class) {
            return (int) Values.toLong(v);
        }
        if (type == long.class || type == Long.class) {
            return Values.toLong(v);
        }
        if (type == double.class || type == Double.class) {
            return Values.toDouble(v);
        }
        if (type == String.class) {
            return Values.toString(v);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Values.isTrue(v);
        }
        return v;
    }

    private static Member resolve(Class<?> c, String name, String lower, int arity, boolean methodOnly) {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        if (!methodOnly && arity == 0) {
            for (Field f : c.getFields()) {
                if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())
                        && Modifier.isPublic(f.getDeclaringClass().getModifiers()) && !isForbiddenType(f.getType())) {
                    try {
                        return Member.of(lookup.unreflectGetter(f), 0, true);
                    } catch (IllegalAccessException e) {
                        // fall through to methods
                    }
                }
            }
        }
        Map<String, Method> byName = new HashMap<>();
        for (Method m : c.getMethods()) {
            if (Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != arity || m.isSynthetic()
                    || m.isBridge()) {
                continue;
            }
            if (m.getDeclaringClass() == Object.class || isForbiddenType(m.getReturnType())
                    || isForbiddenType(m.getDeclaringClass())) {
                continue;
            }
            byName.putIfAbsent(m.getName().toLowerCase(Locale.ROOT), m);
        }
        List<String> candidates = new ArrayList<>(List.of(lower));
        if (!methodOnly || true) {
            candidates.add("get" + lower);
            candidates.add("is" + lower);
            candidates.add("has" + lower);
        }
        for (String cand : candidates) {
            Method m = byName.get(cand);
            if (m == null || FORBIDDEN_METHODS.contains(cand)) {
                continue;
            }
            MethodHandle h = accessible(m, lookup);
            if (h != null) {
                return Member.of(h, arity, false);
            }
        }
        return NONE;
    }

    /** A handle for a public method, found on a public declaring type or interface if the class itself is not. */
    private static MethodHandle accessible(Method m, MethodHandles.Lookup lookup) {
        try {
            if (Modifier.isPublic(m.getDeclaringClass().getModifiers())) {
                return lookup.unreflect(m);
            }
        } catch (IllegalAccessException e) {
            // try elsewhere
        }
        for (Class<?> k = m.getDeclaringClass(); k != null; k = k.getSuperclass()) {
            for (Class<?> i : allInterfaces(k)) {
                try {
                    Method im = i.getMethod(m.getName(), m.getParameterTypes());
                    if (Modifier.isPublic(i.getModifiers())) {
                        return lookup.unreflect(im);
                    }
                } catch (NoSuchMethodException | IllegalAccessException e) {
                    // next
                }
            }
        }
        // records and beans declared non-public by the application (common in tests and Kotlin code)
        try {
            if (m.trySetAccessible()) {
                return MethodHandles.lookup().unreflect(m);
            }
        } catch (IllegalAccessException | SecurityException e) {
            return null;
        }
        return null;
    }

    private static List<Class<?>> allInterfaces(Class<?> k) {
        List<Class<?>> out = new ArrayList<>();
        for (Class<?> i : k.getInterfaces()) {
            out.add(i);
            out.addAll(allInterfaces(i));
        }
        return out;
    }
}
