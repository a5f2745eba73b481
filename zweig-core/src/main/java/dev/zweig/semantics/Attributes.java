package dev.zweig.semantics;

import dev.zweig.php.Values;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.runtime.HandOver;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
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
    public enum Kind { OBJECT, LONG, DOUBLE, BOOLEAN }

    /**
     * A resolved member of a class; NONE when the class has no such member. {@code handle} is typed
     * (Object)Object; for primitive results {@code asLong}/{@code asDouble} read them unboxed. {@code accessor}: for
     * a getter, a generated functional object calling it (or null); for a method with arguments, its
     * {@link Invoker}.
     */
    public record Member(MethodHandle handle, int arity, boolean field, Kind kind, MethodHandle asLong,
            MethodHandle asDouble, Object accessor, String name) {

        /**
         * spinnable: the handle is a direct handle to a public method of a public type, so a generated accessor
         * class (LambdaMetafactory) can call it; that is much faster than invoking a non-constant method handle.
         */
        static Member of(MethodHandle h, int arity, boolean field, boolean spinnable, String name) {
            Class<?> r = h.type().returnType();
            MethodType objType = h.type().changeReturnType(Object.class).changeParameterType(0, Object.class);
            MethodHandle generic = h.asType(objType);
            if (arity == 0) {
                if (r == long.class || r == int.class || r == short.class || r == byte.class) {
                    return new Member(generic, 0, field, Kind.LONG,
                            h.asType(MethodType.methodType(long.class, Object.class)), null,
                            spinnable ? spin(h, java.util.function.ToLongFunction.class, "applyAsLong", long.class)
                                    : null, name);
                }
                if (r == double.class || r == float.class) {
                    return new Member(generic, 0, field, Kind.DOUBLE, null,
                            h.asType(MethodType.methodType(double.class, Object.class)),
                            spinnable ? spin(h, java.util.function.ToDoubleFunction.class, "applyAsDouble",
                                    double.class) : null, name);
                }
                if (r == boolean.class) {
                    return new Member(generic, 0, field, Kind.BOOLEAN, null, null, null, name);
                }
                if (!r.isPrimitive()) {
                    return new Member(generic, 0, field, Kind.OBJECT, null, null,
                            spinnable ? spin(h, java.util.function.Function.class, "apply", Object.class) : null,
                            name);
                }
            }
            // a method with arguments: called through a spreader whose argument filters coerce the template's
            // values to the parameter types (Attributes.coerce), so a call makes no array of receiver and
            // arguments, no adaptation and no copy of the caller's arguments
            MethodHandle[] filters = new MethodHandle[arity];
            for (int i = 0; i < arity; i++) {
                Class<?> type = h.type().parameterType(i + 1);
                filters[i] = COERCIONS.containsKey(type) ? COERCIONS.get(type)
                        : type == Object.class || type.isPrimitive() ? null
                        : Variadic.checked(type, i, h.type().parameterType(0).getName() + "::" + name);
            }
            MethodHandle spread = MethodHandles.filterArguments(generic, 1, filters)
                    .asType(MethodType.genericMethodType(arity + 1)).asSpreader(1, Object[].class, arity);
            return new Member(generic, arity, field, Kind.OBJECT, null, null, new Invoker(spread, false), name);
        }

        private static Object spin(MethodHandle h, Class<?> iface, String sam, Class<?> ret) {
            try {
                MethodHandles.Lookup caller = MethodHandles.lookup();
                MethodType samType = MethodType.methodType(ret, Object.class);
                MethodType instantiated = MethodType.methodType(ret == Object.class ? h.type().returnType() : ret,
                        h.type().parameterType(0));
                java.lang.invoke.CallSite cs = java.lang.invoke.LambdaMetafactory.metafactory(caller, sam,
                        MethodType.methodType(iface), samType, h, instantiated);
                return cs.getTarget().invoke();
            } catch (Throwable e) {
                return null; // the method handle path still works
            }
        }

        /** Reads a zero-argument member; numbers go through the render's box caches. */
        @SuppressWarnings("unchecked")
        Object read(Object obj, RenderState st) throws Throwable {
            Object acc = accessor;
            switch (kind) {
                case LONG:
                    return st.box(acc != null ? ((java.util.function.ToLongFunction<Object>) acc).applyAsLong(obj)
                            : (long) asLong.invokeExact(obj));
                case DOUBLE:
                    return st.box(acc != null ? ((java.util.function.ToDoubleFunction<Object>) acc)
                            .applyAsDouble(obj) : (double) asDouble.invokeExact(obj));
                default:
                    Object r = acc != null ? ((java.util.function.Function<Object, Object>) acc).apply(obj)
                            : handle.invokeExact(obj);
                    // a getter declared as Object may still hand out a Class, a ClassLoader...: never expose those
                    return exposed(r);
            }
        }
    }

    /**
     * How a member with arguments is called (its Member's accessor): spread is typed (Object, Object[])Object, params
     * are the method's parameter types, which the template's arguments are coerced to.
     */
    /** variadic: a variable-arity method's, which takes every argument given (the others take their arity). */
    record Invoker(MethodHandle spread, boolean variadic) {
    }

    /** Per parameter type, the filter that coerces a template's value to it (see {@link #coerce}); else absent. */
    private static final Map<Class<?>, MethodHandle> COERCIONS = coercions();

    private static Map<Class<?>, MethodHandle> coercions() {
        Map<Class<?>, MethodHandle> m = new HashMap<>();
        try {
            // primitive parameters read the value unboxed (null as PHP reads it: 0, 0.0, false)
            m.put(int.class, MethodHandles.lookup().findStatic(Attributes.class, "toInt",
                    MethodType.methodType(int.class, Object.class)));
            m.put(long.class, MethodHandles.lookup().findStatic(Values.class, "toLong",
                    MethodType.methodType(long.class, Object.class)));
            m.put(double.class, MethodHandles.lookup().findStatic(Values.class, "toDouble",
                    MethodType.methodType(double.class, Object.class)));
            m.put(boolean.class, MethodHandles.lookup().findStatic(Values.class, "isTrue",
                    MethodType.methodType(boolean.class, Object.class)));
            MethodHandles.Lookup l = MethodHandles.lookup();
            for (Class<?> t : new Class<?>[] {Integer.class, Long.class, Double.class, Boolean.class, String.class}) {
                MethodHandle c = l.findStatic(Attributes.class, "coerce", MethodType.methodType(Object.class,
                        Object.class, Class.class));
                m.put(t, MethodHandles.insertArguments(c, 1, t).asType(MethodType.methodType(t, Object.class)));
            }
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        return m;
    }

    public static final Member NONE = new Member(null, -1, false, Kind.OBJECT, null, null, null, null);

    /**
     * Most names cached per class. Templates choose the names they look up ({@code attribute(obj, 'x' ~ i)}, case
     * variants), so beyond this many a name is resolved again at each access (a map lookup in the class's table,
     * no new handle): memory stays bounded whatever the names.
     */
    public static final int MAX_CACHED_NAMES = 1024;

    /** Calls of up to this many arguments have their member cached per name. */
    private static final int CACHED_ARITY = 8;

    /** Per class: its reachable members by name, and the resolved members by the name a template used. */
    private static final class ClassMembers {
        /** Reachable public instance fields by exact name. */
        final Map<String, Field> fields = new HashMap<>();
        /** Reachable methods by arity and lower-case name ({@code "1:getfoo"}): the first in getMethods order. */
        final Map<String, Method> methods = new HashMap<>();
        /**
         * Reachable variable-arity methods ({@code take(Object... xs)}) by lower-case name, in getMethods order: a
         * call whose arity no method has exactly takes one of these (see {@link #variadic}).
         */
        final Map<String, List<Method>> varargs = new HashMap<>();
        /** Members made from a Field or Method, so case variants of one name share one handle. */
        final ConcurrentHashMap<Object, Member> made = new ConcurrentHashMap<>();
        /**
         * Members by the name a template's access used, at most MAX_CACHED_NAMES names: for each, the member by
         * {@link #slot} (arity and access kind), looked up without a key String made per access.
         */
        final ConcurrentHashMap<String, Member[]> byName = new ConcurrentHashMap<>();

        /** Where a name's member for an arity and kind is cached, or -1 beyond CACHED_ARITY arguments. */
        static int slot(int arity, boolean methodOnly) {
            return arity < CACHED_ARITY ? arity * 2 + (methodOnly ? 1 : 0) : -1;
        }

        Member cached(String name, int arity, boolean methodOnly) {
            Member[] members = byName.get(name);
            int slot = slot(arity, methodOnly);
            return members == null || slot < 0 ? null : members[slot];
        }

        void cache(String name, int arity, boolean methodOnly, Member m) {
            int slot = slot(arity, methodOnly);
            if (slot < 0) {
                return;
            }
            Member[] members = byName.get(name);
            if (members == null) {
                if (byName.size() >= MAX_CACHED_NAMES) {
                    return;
                }
                members = byName.computeIfAbsent(name, k -> new Member[CACHED_ARITY * 2]);
            }
            members[slot] = m; // (a racing reader missing it resolves the same member again)
        }

        ClassMembers(Class<?> c) {
            for (Field f : c.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) && Modifier.isPublic(f.getDeclaringClass().getModifiers())
                        && !forbiddenDeclared(f.getGenericType(), 0) && !JdkMembers.isJdk(f.getDeclaringClass())) {
                    fields.putIfAbsent(f.getName(), f);
                }
            }
            for (Method m : c.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()
                        || m.getDeclaringClass() == Object.class || isForbiddenType(m.getDeclaringClass())
                        || forbiddenDeclared(m.getGenericReturnType(), 0)) {
                    continue;
                }
                boolean jdk = JdkMembers.isJdk(m.getDeclaringClass());
                if (jdk ? !JdkMembers.allows(c, m) : isMutator(m)) {
                    continue;
                }
                String lower = m.getName().toLowerCase(Locale.ROOT);
                if (!FORBIDDEN_METHODS.contains(lower)) {
                    methods.putIfAbsent(m.getParameterCount() + ":" + lower, m);
                    if (m.isVarArgs()) {
                        varargs.computeIfAbsent(lower, k -> new ArrayList<>()).add(m);
                    }
                }
            }
        }
    }

    private static final ClassValue<ClassMembers> MEMBERS = new ClassValue<>() {
        @Override
        protected ClassMembers computeValue(Class<?> type) {
            return new ClassMembers(type);
        }
    };

    /** Number of names cached for a class (tests: the cache stays bounded whatever names templates use). */
    public static int cachedNames(Class<?> c) {
        return MEMBERS.get(c).byName.size();
    }

    /** Whether the class has a public instance field of that name a template reads. */
    static boolean isField(Class<?> c, String name) {
        return !isForbiddenType(c) && MEMBERS.get(c).fields.containsKey(name);
    }

    /** Number of member handles made for a class (tests: at most one per field or method). */
    public static int madeMembers(Class<?> c) {
        return MEMBERS.get(c).made.size();
    }

    /** isForbiddenType per class, cached (checked on every object a getter returns). */
    private static final ClassValue<Boolean> FORBIDDEN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isForbiddenType(type);
        }
    };

    /** Method name prefixes of mutators: a template reads its data, it never changes it (setX, addX, clear...). */
    private static final String[] MUTATORS = {"set", "add", "remove", "put", "clear", "delete", "insert", "update",
        "reset", "append", "push", "pop", "poll", "offer", "compute", "merge", "replace", "retain", "fill", "write",
        "close", "destroy", "drain", "sort", "shuffle", "invoke", "exec", "run", "start", "stop", "kill", "load",
        "save", "send", "post", "notify", "wait", "interrupt", "exit", "halt", "inc", "dec", "increment",
        "decrement", "swap", "rotate", "trim", "ensure", "init", "register", "unregister", "bind", "unbind"};

    /** Zero-argument methods that act rather than read. */
    private static final Set<String> ACTIONS = Set.of("clear", "reset", "close", "destroy", "remove", "delete", "run",
            "start", "stop", "kill", "exit", "halt", "interrupt", "notify", "notifyAll", "wait", "clone", "finalize",
            "shutdown", "shutdownNow", "flush", "poll", "pop", "next", "iterator", "execute", "call", "get" + "Class");

    /**
     * Whether a method of an application type acts on its object rather than reading it: with arguments, a
     * mutator prefix above followed by an upper-case letter ({@code setName}, {@code addRole}) or an action name;
     * without, one of a few action names ({@code clear()}, {@code close()}). Record accessors and getters read.
     * (Methods the JDK declares are not judged by name: see {@link JdkMembers}.)
     */
    static boolean isMutator(Method m) {
        String javaName = m.getName();
        if (m.getParameterCount() == 0) {
            return ACTIONS.contains(javaName);
        }
        for (String p : MUTATORS) {
            // "setName", "addRole", "clearCache": the prefix then a capital; a plain "add(a, b)" computes
            if (javaName.length() > p.length() && javaName.startsWith(p)
                    && Character.isUpperCase(javaName.charAt(p.length()))) {
                return true;
            }
        }
        return ACTIONS.contains(javaName);
    }

    private static final Set<String> COLLECTION_READS = Set.of("size", "isempty", "contains", "containskey",
            "containsvalue", "indexof", "lastindexof", "length");

    private static final Set<String> FORBIDDEN_METHODS = Set.of("getclass", "wait", "notify", "notifyall",
            "hashcode", "clone", "finalize", "getclassloader", "getdeclaringclass", "getmodule");

    /**
     * Whether the type is one a template must never touch (arrays of such types too: a {@code Class[]} is as
     * forbidden as a {@code Class}).
     */
    public static boolean isForbiddenType(Class<?> c) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
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

    /**
     * Whether a declared type mentions a forbidden type anywhere: {@code Class<?>}, {@code Optional<Class<?>>},
     * {@code List<ClassLoader>}, {@code Supplier<Thread>}, {@code Method[]}, a type variable bounded by one. A
     * getter or field so declared is not reachable at all, as one returning {@code Class} is not.
     */
    static boolean forbiddenDeclared(java.lang.reflect.Type t, int depth) {
        if (depth > 4) {
            return false; // recursive bounds (T extends Comparable<T>) are walked a few levels deep
        }
        if (t instanceof Class<?> c) {
            return isForbiddenType(c);
        }
        if (t instanceof java.lang.reflect.ParameterizedType p) {
            if (forbiddenDeclared(p.getRawType(), depth + 1)) {
                return true;
            }
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                if (forbiddenDeclared(a, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (t instanceof java.lang.reflect.GenericArrayType g) {
            return forbiddenDeclared(g.getGenericComponentType(), depth + 1);
        }
        java.lang.reflect.Type[] bounds = t instanceof java.lang.reflect.WildcardType w ? w.getUpperBounds()
                : t instanceof java.lang.reflect.TypeVariable<?> v ? v.getBounds() : new java.lang.reflect.Type[0];
        for (java.lang.reflect.Type b : bounds) {
            if (forbiddenDeclared(b, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A value about to reach a template: null instead of an object of a forbidden type, whichever way it came (a
     * getter declared as Object, a list, map or array element, a callable's result), and instead of an array
     * holding one (an {@code Object[]} is looked through, nested arrays a few levels deep). Collections are not
     * looked through (that would cost their size at every read): their elements are checked when read.
     */
    public static Object exposed(Object v) {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (FORBIDDEN.get(v.getClass()) || (v instanceof Object[] arr && holdsForbidden(arr, 0))) {
            return null;
        }
        return v;
    }

    private static boolean holdsForbidden(Object[] arr, int depth) {
        for (Object e : arr) {
            if (e != null && (FORBIDDEN.get(e.getClass())
                    || (depth < 3 && e instanceof Object[] inner && holdsForbidden(inner, depth + 1)))) {
                return true;
            }
        }
        return false;
    }

    /** Unwraps Optional (an empty Optional is null, and one holding a forbidden value too). */
    public static Object unwrap(Object v) {
        if (v instanceof Optional<?> o) {
            return exposed(o.orElse(null));
        }
        return v;
    }

    /** The member of class c for a template's {@code .name} (resolved once per class and cached), or NONE. */
    static Member lookup(Class<?> c, String name, int arity, boolean methodOnly) {
        // an arrow function is a PHP Closure to a template: the engine's Java object behind it has no members
        if (isForbiddenType(c) || c == ArrowFn.class) {
            return NONE;
        }
        ClassMembers cm = MEMBERS.get(c);
        Member m = cm.cached(name, arity, methodOnly); // (only names that passed the checks below are cached)
        if (m != null) {
            return m;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (FORBIDDEN_METHODS.contains(lower)) {
            return NONE;
        }
        if ((Collection.class.isAssignableFrom(c) || Map.class.isAssignableFrom(c)) && !COLLECTION_READS.contains(lower)) {
            return NONE;
        }
        m = resolve(cm, name, lower, arity, methodOnly);
        cm.cache(name, arity, methodOnly, m);
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
                r = st != null ? m.read(obj, st) : exposed(m.handle().invokeExact(obj));
            } else {
                // the arguments are spread and coerced by the invoker's filters: the array is only read (a call
                // given more arguments than the method takes drops the others, as PHP does: see resolve)
                Invoker invoker = (Invoker) m.accessor();
                Object[] a = invoker.variadic() || args != null && args.length == m.arity() ? args
                        : java.util.Arrays.copyOf(args == null ? new Object[0] : args, m.arity());
                // user code: collections as views it may keep (see HandOver)
                r = exposed((Object) invoker.spread().invokeExact(obj, HandOver.argumentsCopied(a)));
            }
            return r;
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                    + t.getMessage() + "\").", null, 0, 0, t);
        }
    }

    /**
     * How a Java method of variable arity ({@code take(Object... xs)}, {@code join(String sep, int... parts)}) is
     * called, as Java calls it: the fixed parameters first, then the rest of the arguments collected into a new
     * array of the variable parameter's type (the method's to keep), or, for exactly one argument there that already
     * is such an array, that array. Each argument is coerced as a fixed parameter's is (a PHP int to an int, any
     * value to a String...); one that cannot be is a clear TemplateRuntimeException, as too few arguments are.
     */
    static final class Variadic {
        private static final MethodHandle CALL;
        private static final MethodHandle CHECK;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                CALL = l.findStatic(Variadic.class, "call", MethodType.methodType(Object.class, Variadic.class,
                        Object.class, Object[].class));
                CHECK = l.findStatic(Variadic.class, "check", MethodType.methodType(Object.class, Class.class,
                        int.class, String.class, Object.class));
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        /** The method's handle typed (Object receiver, Object[] parameters)Object. */
        private final MethodHandle all;
        private final Class<?>[] params;
        private final Class<?> component;
        /** The method as errors name it: {@code com.example.Order::take}. */
        private final String method;

        private Variadic(MethodHandle fixedArity, Method m) {
            params = m.getParameterTypes();
            component = params[params.length - 1].getComponentType();
            method = m.getDeclaringClass().getName() + "::" + m.getName();
            all = fixedArity.asType(MethodType.genericMethodType(params.length + 1))
                    .asSpreader(Object[].class, params.length);
        }

        static Member member(MethodHandle fixedArity, Method m) {
            Variadic v = new Variadic(fixedArity, m);
            MethodHandle spread = MethodHandles.insertArguments(CALL, 0, v);
            // arity: the method's parameter count (never 0: a call with no argument still goes through call)
            return new Member(fixedArity, m.getParameterCount(), false, Kind.OBJECT, null, null, new Invoker(spread, true),
                    m.getName());
        }

        @SuppressWarnings("unused") // through CALL
        private static Object call(Variadic v, Object obj, Object[] args) throws Throwable {
            int given = args == null ? 0 : args.length;
            int fixed = v.params.length - 1;
            if (given < fixed) {
                throw new TemplateRuntimeException("Too few arguments to method " + v.method + "(), " + given
                        + " passed and at least " + fixed + " expected.");
            }
            Object[] call = new Object[v.params.length];
            for (int i = 0; i < fixed; i++) {
                call[i] = v.argument(v.params[i], i, args[i]);
            }
            Class<?> arrayType = v.params[fixed];
            if (given == fixed + 1 && arrayType.isInstance(args[fixed])) {
                call[fixed] = args[fixed]; // an array of the parameter's type: passed as it is, as Java does
            } else {
                Object rest = java.lang.reflect.Array.newInstance(v.component, given - fixed);
                for (int i = fixed; i < given; i++) {
                    java.lang.reflect.Array.set(rest, i - fixed, v.argument(v.component, i, args[i]));
                }
                call[fixed] = rest;
            }
            return v.all.invokeExact(obj, call);
        }

        /** The value x (argument i) as a parameter of this type receives it. */
        private Object argument(Class<?> type, int i, Object x) {
            if (type == int.class || type == Integer.class && x != null) {
                return (int) Values.toLong(x);
            }
            if (type == long.class || type == Long.class && x != null) {
                return Values.toLong(x);
            }
            if (type == double.class || type == Double.class && x != null) {
                return Values.toDouble(x);
            }
            if (type == boolean.class || type == Boolean.class && x != null) {
                return Values.isTrue(x);
            }
            if (type == float.class || type == Float.class && x != null) {
                return (float) Values.toDouble(x);
            }
            if (type == short.class || type == Short.class && x != null) {
                return (short) Values.toLong(x);
            }
            if (type == byte.class || type == Byte.class && x != null) {
                return (byte) Values.toLong(x);
            }
            if (type == String.class && x != null) {
                return Values.toString(x);
            }
            Object own = HandOver.asParameter(type, x);
            if (type.isPrimitive() || own != null && !type.isInstance(own)) {
                throw typeError(type, i, method, x);
            }
            return own;
        }

        /** A filter giving argument i of method to a parameter of this reference type, or failing clearly. */
        static MethodHandle checked(Class<?> type, int i, String method) {
            return MethodHandles.insertArguments(CHECK, 0, type, i, method)
                    .asType(MethodType.methodType(type, Object.class));
        }

        @SuppressWarnings("unused") // through CHECK
        private static Object check(Class<?> type, int i, String method, Object v) {
            Object x = HandOver.asParameter(type, v);
            if (x != null && !type.isInstance(x)) {
                throw typeError(type, i, method, x);
            }
            return x;
        }

        private static TemplateRuntimeException typeError(Class<?> type, int i, String method, Object x) {
            return new TemplateRuntimeException(method + "(): Argument #" + (i + 1) + " must be of type "
                    + type.getTypeName() + ", " + Values.typeName(x) + " given.");
        }
    }

    private static int toInt(Object v) {
        return (int) Values.toLong(v);
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

    private static Member resolve(ClassMembers cm, String name, String lower, int arity, boolean methodOnly) {
        if (!methodOnly && arity == 0) {
            Field f = cm.fields.get(name);
            if (f != null) {
                Member m = cm.made.computeIfAbsent(f, k -> fieldMember(f));
                if (m != NONE) {
                    return m;
                }
            }
        }
        String[] candidates = candidates(lower);
        Member exact = fixedArity(cm, candidates, arity);
        if (exact != null) {
            return exact;
        }
        // no method of this arity: a variable-arity one, as Java picks one after the fixed-arity methods
        for (String cand : candidates) {
            Method m = FORBIDDEN_METHODS.contains(cand) ? null : variadic(cm.varargs.get(cand), arity);
            if (m != null) {
                Member made = cm.made.computeIfAbsent(m, k -> methodMember(m, arity));
                if (made != NONE) {
                    return made;
                }
            }
        }
        // else, as PHP passes a method more arguments than it declares and drops the others, the one taking the
        // most of them
        for (int n = arity - 1; n >= 0; n--) {
            Member fewer = fixedArity(cm, candidates, n);
            if (fewer != null) {
                return fewer;
            }
        }
        return NONE;
    }

    /** The first of the candidate methods taking exactly n arguments that resolves, or null. */
    private static Member fixedArity(ClassMembers cm, String[] candidates, int n) {
        for (String cand : candidates) {
            Method m = cm.methods.get(n + ":" + cand);
            if (m == null || FORBIDDEN_METHODS.contains(cand)) {
                continue;
            }
            Member made = cm.made.computeIfAbsent(m, k -> methodMember(m, n));
            if (made != NONE) {
                return made;
            }
        }
        return null;
    }

    /**
     * Of the variable-arity methods of a name, the one a call of arity arguments takes: the one with the most fixed
     * parameters that the call fills; else (too few arguments for all) the one needing the fewest, whose call then
     * says so; null without any.
     */
    private static Method variadic(List<Method> methods, int arity) {
        if (methods == null) {
            return null;
        }
        Method best = null;
        Method fewest = null;
        for (Method m : methods) {
            int fixed = m.getParameterCount() - 1;
            if (fixed <= arity && (best == null || fixed > best.getParameterCount() - 1)) {
                best = m;
            }
            if (fewest == null || fixed < fewest.getParameterCount() - 1) {
                fewest = m;
            }
        }
        return best != null ? best : fewest;
    }

    /** The method names a template's {@code .name} reaches, in Twig's order: name(), getName(), isName(), hasName(). */
    private static String[] candidates(String lower) {
        return new String[] {lower, "get" + lower, "is" + lower, "has" + lower};
    }

    /** The most parameters a method called with named arguments is looked for with. */
    private static final int MAX_NAMED_ARITY = 16;

    /**
     * The arguments of a call with named ones ({@code obj.m(a, name: b)}; names[i] null for a positional one) in
     * the order of the parameters of the method it calls, as PHP binds named arguments: by parameter name. The
     * method is the first of {@link #candidates} with the fewest parameters that has a parameter of each name
     * after the positional ones; a parameter no argument names is null (Java has no default values). Parameter
     * names are known only for classes compiled with {@code -parameters}.
     */
    static Object[] bindNamed(Class<?> c, String name, Object[] values, String[] names) {
        ClassMembers cm = MEMBERS.get(c);
        String lower = name.toLowerCase(Locale.ROOT);
        int positional = 0;
        while (positional < names.length && names[positional] == null) {
            positional++;
        }
        boolean unnamed = false;
        for (int n = values.length; n <= MAX_NAMED_ARITY; n++) {
            Method m = null;
            for (String cand : candidates(lower)) {
                m = FORBIDDEN_METHODS.contains(cand) ? null : cm.methods.get(n + ":" + cand);
                if (m != null) {
                    break; // the method lookup resolves for n arguments
                }
            }
            if (m == null) {
                continue;
            }
            java.lang.reflect.Parameter[] params = m.getParameters();
            if (n > 0 && !params[0].isNamePresent()) {
                unnamed = true;
                continue;
            }
            Object[] out = new Object[n];
            System.arraycopy(values, 0, out, 0, positional);
            if (bindByName(params, positional, values, names, out)) {
                return out;
            }
        }
        String first = null;
        for (String n : names) {
            first = first == null ? n : first;
        }
        throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                + (unnamed ? "The parameter names of " + c.getName() + "::" + name + "() are unknown (compile it "
                + "with -parameters) for named argument $" + first : "Unknown named parameter $" + first) + "\").");
    }

    /** Puts each named value at its parameter's position (after the positional ones); false if one has none. */
    private static boolean bindByName(java.lang.reflect.Parameter[] params, int positional, Object[] values,
            String[] names, Object[] out) {
        boolean[] bound = new boolean[params.length];
        for (int i = positional; i < names.length; i++) {
            if (names[i] == null) {
                return false; // a positional argument after a named one: PHP refuses it at compile time
            }
            int at = -1;
            for (int k = positional; k < params.length; k++) {
                if (params[k].getName().equals(names[i])) {
                    at = k;
                }
            }
            if (at < 0 || bound[at]) {
                return false;
            }
            bound[at] = true;
            out[at] = values[i];
        }
        return true;
    }

    private static Member fieldMember(Field f) {
        try {
            return Member.of(MethodHandles.publicLookup().unreflectGetter(f), 0, true, false, f.getName());
        } catch (IllegalAccessException e) {
            return NONE;
        }
    }

    private static Member methodMember(Method m, int arity) {
        MethodHandle h = accessible(m, MethodHandles.publicLookup());
        if (h == null) {
            return NONE;
        }
        if (m.isVarArgs()) {
            return Variadic.member(h.asFixedArity(), m);
        }
        boolean spinnable = Modifier.isPublic(m.getDeclaringClass().getModifiers())
                && m.getDeclaringClass().getModule().isExported(packageOf(m.getDeclaringClass()))
                && visible(m.getDeclaringClass()) && visible(m.getReturnType());
        return Member.of(h, arity, false, spinnable, m.getName());
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

    /**
     * Whether Zweig's own class loader sees this very class: a generated accessor lives next to Zweig, so it can
     * only name classes its loader resolves (not those of a child loader: web apps, Spring Boot jars, plugins).
     */
    private static boolean visible(Class<?> c) {
        if (c.isPrimitive()) {
            return true;
        }
        while (c.isArray()) {
            c = c.getComponentType();
        }
        if (c.isPrimitive()) {
            return true;
        }
        try {
            return Class.forName(c.getName(), false, Attributes.class.getClassLoader()) == c;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static String packageOf(Class<?> c) {
        return c.getPackageName();
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
