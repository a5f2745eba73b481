package dev.zweig.semantics;

import dev.zweig.php.Values;
import dev.zweig.runtime.ArrowFn;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.LoopState;
import dev.zweig.runtime.RenderState;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Expr;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Twig's getAttribute: array-like access on maps, lists and arrays, then object members through
 * {@link Attributes}; Twig's error messages when nothing is found (or null / UNDEFINED in lenient modes).
 */
public final class Access {
    private Access() {
    }

    /** A call site's inline cache: the last class seen and its resolved member. */
    public static final class Site {
        public volatile Object[] entry; // {Class, attribute name, Attributes.Member}: a dynamic name changes per call
        /** The names of a method call's arguments (null for a positional one); null when none is named. */
        final String[] argNames;

        public Site() {
            this.argNames = null;
        }

        /** The site of {@code obj.name(args)}: its named arguments are bound by parameter name. */
        public Site(java.util.List<Expr.Arg> args) {
            String[] names = null;
            if (args != null && args.stream().anyMatch(x -> x.name() != null)
                    && args.stream().noneMatch(Expr.Arg::spread)) {
                names = new String[args.size()];
                for (int i = 0; i < names.length; i++) {
                    names[i] = args.get(i).name();
                }
            }
            this.argNames = names;
        }
    }

    /** Whether a site's remembered attribute is this one (the same constant String, or an equal dynamic one). */
    private static boolean sameName(Object remembered, Object attr) {
        return remembered == attr || (attr != null && attr.equals(remembered));
    }

    public static Object get(Object obj, Object attr, Object[] args, Expr.AccessType type, boolean lenient, boolean strict,
            String tpl, int line, RenderState st, Site site) {
        // fast paths: an object member this site already resolved, and the loop variable
        if (site != null && obj != null && args == null && st.policy == null) {
            Object[] e = site.entry;
            if (e != null && e[0] == obj.getClass() && sameName(e[1], attr)) {
                Attributes.Member m = (Attributes.Member) e[2];
                if (m != Attributes.NONE) {
                    try {
                        return Attributes.unwrap(m.read(obj, st));
                    } catch (RuntimeException | Error x) {
                        throw x;
                    } catch (Throwable x) {
                        throw new TemplateRuntimeException("An exception has been thrown during the rendering of a "
                                + "template (\"" + x.getMessage() + "\").", tpl, line, 0, x);
                    }
                }
            }
        }
        if (obj instanceof LoopState loop && attr instanceof String s) {
            Object v = loop.get(s, st);
            if (v != Frame.UNDEFINED) {
                return v;
            }
        }
        return slowGet(obj, attr, args, type, lenient, strict, tpl, line, st, site);
    }

    private static Object slowGet(Object obj, Object attr, Object[] args, Expr.AccessType type, boolean lenient,
            boolean strict, String tpl, int line, RenderState st, Site site) {
        obj = Attributes.unwrap(obj);
        if (type != Expr.AccessType.METHOD) {
            if (obj instanceof Map<?, ?> m) {
                Object v = mapGet(m, attr, st);
                if (v != Frame.UNDEFINED) {
                    return Attributes.exposed(v);
                }
            } else if (obj instanceof List<?> l) {
                long i = index(attr);
                if (i >= 0 && i < l.size()) {
                    return Attributes.exposed(l.get((int) i));
                }
            } else if (obj instanceof Object[] arr) {
                long i = index(attr);
                if (i >= 0 && i < arr.length) {
                    return Attributes.exposed(arr[(int) i]);
                }
            } else if (obj != null && obj.getClass().isArray()) {
                long i = index(attr);
                if (i >= 0 && i < java.lang.reflect.Array.getLength(obj)) {
                    return dev.zweig.php.PhpArrays.elementAt(obj, (int) i, st);
                }
            } else if (obj instanceof LoopState loop && attr instanceof String s) {
                Object v = loop.get(s, st);
                if (v != Frame.UNDEFINED) {
                    return v;
                }
            }
            boolean array = obj instanceof Map<?, ?> || obj instanceof Collection<?> || obj instanceof Object[]
                    || obj instanceof LoopState || (obj != null && obj.getClass().isArray());
            if (type == Expr.AccessType.ARRAY || array || !isObject(obj)) {
                if (lenient) {
                    return Frame.UNDEFINED;
                }
                if (!strict) {
                    return null;
                }
                String a = Values.toString(attr);
                if (array) {
                    if (obj instanceof LoopState loop) {
                        throw new TemplateRuntimeException("Key \"" + a + "\" for sequence/mapping with keys \""
                                + loop.keyNames() + "\" does not exist.", tpl, line);
                    }
                    Map<Object, Object> keys = Values.toMap(obj);
                    if (keys.isEmpty()) {
                        throw new TemplateRuntimeException("Key \"" + a + "\" does not exist as the sequence/mapping "
                                + "is empty.", tpl, line);
                    }
                    StringBuilder sb = new StringBuilder();
                    for (Object k : keys.keySet()) {
                        if (sb.length() > 0) {
                            sb.append(", ");
                        }
                        sb.append(Values.toString(k));
                    }
                    throw new TemplateRuntimeException("Key \"" + a + "\" for sequence/mapping with keys \"" + sb
                            + "\" does not exist.", tpl, line);
                }
                String what = type == Expr.AccessType.ARRAY ? "a key" : "an attribute";
                if (obj == null) {
                    throw new TemplateRuntimeException("Impossible to access " + what + " (\"" + a + "\") on a null "
                            + "variable.", tpl, line);
                }
                throw new TemplateRuntimeException("Impossible to access " + what + " (\"" + a + "\") on a "
                        + Values.typeName(obj) + " variable (\"" + Values.toString(obj) + "\").", tpl, line);
            }
        }
        String a = Values.toString(attr);
        if (!isObject(obj)) {
            if (lenient) {
                return Frame.UNDEFINED;
            }
            if (!strict) {
                return null;
            }
            if (obj == null) {
                throw new TemplateRuntimeException("Impossible to invoke a method (\"" + a + "\") on a null variable.",
                        tpl, line);
            }
            if (obj instanceof Map<?, ?> || obj instanceof Collection<?> || obj instanceof Object[]) {
                throw new TemplateRuntimeException("Impossible to invoke a method (\"" + a + "\") on a "
                        + "sequence/mapping.", tpl, line);
            }
            throw new TemplateRuntimeException("Impossible to invoke a method (\"" + a + "\") on a "
                    + Values.typeName(obj) + " variable (\"" + Values.toString(obj) + "\").", tpl, line);
        }
        if (obj instanceof dev.zweig.Template) {
            // a template is rendered by include/embed/extends, never by its Java methods: those would render
            // outside the policy and the limits of this render (Twig: Template attributes are forbidden)
            throw new TemplateRuntimeException("Accessing \\Twig\\Template attributes is forbidden.", tpl, line);
        }
        if (obj instanceof ArrowFn fn && a.equalsIgnoreCase("__invoke")) {
            // Twig 3.18 (#4501, "adds support for invoking closures"): __invoke is a method of a Closure
            if (st != null && st.policy != null) {
                try {
                    st.policy.checkMethodAllowed(obj, "__invoke");
                } catch (dev.zweig.TemplateException denied) {
                    throw denied.locate(tpl, line);
                }
            }
            return fn.apply(args == null ? new Object[0] : args);
        }
        Class<?> c = obj.getClass();
        if (obj instanceof java.time.ZonedDateTime d) {
            // PHP's DateTime members first (a ZonedDateTime plays Twig's DateTime), then its Java members
            String member = DateMembers.member(a, args == null ? 0 : args.length, type);
            if (member != null) {
                checkAllowed(st, obj, member, DateMembers.isProperty(member), tpl, line);
                try {
                    return DateMembers.get(d, member, args);
                } catch (dev.zweig.TemplateException x) {
                    throw x.locate(tpl, line);
                }
            }
        }
        if (obj instanceof java.time.ZoneId zone && type != Expr.AccessType.ARRAY
                && DateMembers.isZoneName(a, args == null ? 0 : args.length)) {
            checkAllowed(st, obj, "getName", false, tpl, line);
            return DateMembers.zoneName(zone);
        }
        if (obj instanceof Enum<?> && st != null && (args == null || args.length == 0)
                && type != Expr.AccessType.ARRAY && a.equalsIgnoreCase("cases")) {
            // PHP's UnitEnum::cases() on a case of a registered enum (enum('X').cases())
            java.util.List<Object> cases = dev.zweig.core.Constants.casesOf(st.environment(), obj);
            if (cases != null) {
                checkAllowed(st, obj, "cases", false, tpl, line);
                return cases;
            }
        }
        if (type != Expr.AccessType.METHOD && args == null && st != null && !Attributes.isField(c, a)) {
            // a class constant after the properties, before the methods, as Twig reads them (registered classes)
            Object k = dev.zweig.core.Constants.attributeConstant(st.environment(), obj, a);
            if (k != Frame.UNDEFINED) {
                checkAllowed(st, obj, a, true, tpl, line);
                return k;
            }
        }
        if (args != null && site != null && site.argNames != null) {
            try {
                args = Attributes.bindNamed(c, a, args, site.argNames); // PHP binds named arguments by name
            } catch (TemplateRuntimeException x) {
                throw x.locate(tpl, line);
            }
        }
        Object[] e = site == null ? null : site.entry;
        Attributes.Member m;
        if (e != null && e[0] == c && sameName(e[1], a)) {
            m = (Attributes.Member) e[2];
        } else {
            m = Attributes.lookup(c, a, args == null ? 0 : args.length, type == Expr.AccessType.METHOD);
            if (site != null) {
                site.entry = new Object[] {c, a, m};
            }
        }
        if (m != Attributes.NONE) {
            checkAllowed(st, obj, m.name(), m.field(), tpl, line);
        }
        Object v;
        try {
            v = Attributes.call(m, obj, args, st);
        } catch (dev.zweig.TemplateException refused) {
            throw refused.locate(tpl, line); // (arguments a method cannot take: too few, or of another type)
        }
        if (v == Frame.UNDEFINED) {
            if (lenient) {
                return Frame.UNDEFINED;
            }
            if (!strict) {
                return null;
            }
            String lower = a.toLowerCase(java.util.Locale.ROOT);
            if (type == Expr.AccessType.METHOD) {
                throw new TemplateRuntimeException("Neither the method \"" + a + "()\" nor the magic method "
                        + "\"__call()\" exist in class \"" + className(obj) + "\".", tpl, line);
            }
            throw new TemplateRuntimeException("Neither the property \"" + a + "\" nor one of the methods \"" + a
                    + "()\", \"get" + lower + "()\"/\"is" + lower + "()\"/\"has" + lower + "()\" or \"__call()\" exist "
                    + "and have public access in class \"" + className(obj) + "\".", tpl, line);
        }
        return Attributes.unwrap(v);
    }

    /** The security policy's check of a property or method a render in a sandbox reads (none outside one). */
    private static void checkAllowed(RenderState st, Object obj, String member, boolean property, String tpl,
            int line) {
        if (st == null || st.policy == null) {
            return;
        }
        try {
            if (property) {
                st.policy.checkPropertyAllowed(obj, member);
            } else {
                st.policy.checkMethodAllowed(obj, member);
            }
        } catch (dev.zweig.TemplateException denied) {
            throw denied.locate(tpl, line);
        }
    }

    /** The class an error names: an arrow function is PHP's Closure (its Java class is the engine's business). */
    private static String className(Object obj) {
        return obj instanceof ArrowFn ? "Closure" : obj.getClass().getName();
    }

    /**
     * Twig's getAttribute with isDefinedTest: whether the key, property or method exists, found as
     * {@link #get} would find it but without reading it (a method is not called, no sandbox check applies).
     */
    public static boolean has(Object obj, Object attr, int argc, Expr.AccessType type, RenderState st) {
        obj = Attributes.unwrap(obj);
        if (type != Expr.AccessType.METHOD) {
            if (obj instanceof Map<?, ?> m) {
                return mapGet(m, attr, st) != Frame.UNDEFINED;
            }
            if (obj instanceof List<?> l) {
                long i = index(attr);
                return i >= 0 && i < l.size();
            }
            if (obj instanceof Object[] arr) {
                long i = index(attr);
                return i >= 0 && i < arr.length;
            }
            if (obj != null && obj.getClass().isArray()) {
                long i = index(attr);
                return i >= 0 && i < java.lang.reflect.Array.getLength(obj);
            }
            if (obj instanceof LoopState loop) {
                return attr instanceof String s && loop.get(s, st) != Frame.UNDEFINED;
            }
            if (type == Expr.AccessType.ARRAY || obj instanceof Collection<?>) {
                return false;
            }
        }
        if (obj instanceof ArrowFn && Values.toString(attr).equalsIgnoreCase("__invoke")) {
            return true;
        }
        if (!isObject(obj)) {
            return false;
        }
        String a = Values.toString(attr);
        if (obj instanceof java.time.ZonedDateTime && DateMembers.member(a, argc, type) != null
                || obj instanceof java.time.ZoneId && type != Expr.AccessType.ARRAY && DateMembers.isZoneName(a, argc)) {
            return true;
        }
        if (st != null && argc == 0 && type != Expr.AccessType.ARRAY && a.equalsIgnoreCase("cases")
                && dev.zweig.core.Constants.casesOf(st.environment(), obj) != null) {
            return true;
        }
        if (type != Expr.AccessType.METHOD && argc == 0 && st != null
                && dev.zweig.core.Constants.attributeConstant(st.environment(), obj, a) != Frame.UNDEFINED) {
            return true;
        }
        return Attributes.lookup(obj.getClass(), a, argc, type == Expr.AccessType.METHOD) != Attributes.NONE;
    }

    /**
     * {@code m.name} on a map as the general rule reads it when the map has the key (PHP's key normalization, the
     * value with forbidden types hidden), or UNDEFINED when it has not (the general rule then decides: a method, an
     * error, null).
     */
    public static Object mapAttribute(Map<?, ?> m, String name, RenderState st) {
        Object v = mapGet(m, name, st);
        return v == Frame.UNDEFINED ? v : Attributes.exposed(v);
    }

    /**
     * A map's entry under a normalized array key (a String or a Long) as {@link #mapAttribute} reads it (the value
     * with forbidden types hidden), or UNDEFINED: {@code column} reads a map row with it.
     */
    public static Object mapEntry(Map<?, ?> m, Object key, RenderState st) {
        Object v = mapGet(m, key, st);
        return v == Frame.UNDEFINED ? v : Attributes.exposed(v);
    }

    /**
     * Map lookup with PHP key normalization: "1" and 1 name the same entry. The other forms of an integer key (a Java
     * map's Integer, its digits as a String) come from the render's caches when st is given (no box or String made
     * per lookup in steady state; both are immutable, so the map may keep them).
     */
    static Object mapGet(Map<?, ?> m, Object attr, RenderState st) {
        if (attr == null) {
            attr = "";
        }
        Object v = m.get(attr);
        if (v != null || m.containsKey(attr)) {
            return v;
        }
        Object k = Values.normalizeKey(attr, st);
        if (!k.equals(attr)) {
            v = m.get(k);
            if (v != null || m.containsKey(k)) {
                return v;
            }
        }
        if (k instanceof Long l) {
            // a Java map's Integer keys first (no String made for them), then digits as a String key
            if (l == (int) (long) l) {
                Integer i = st != null ? st.boxInt((int) (long) l) : Integer.valueOf((int) (long) l);
                v = m.get(i);
                if (v != null || m.containsKey(i)) {
                    return v;
                }
            }
            String s = st != null ? st.digits(l) : k.toString();
            v = m.get(s);
            if (v != null || m.containsKey(s)) {
                return v;
            }
        }
        return Frame.UNDEFINED;
    }

    private static long index(Object attr) {
        if (attr instanceof Long l) {
            return l;
        }
        if (attr instanceof Integer i) {
            return i;
        }
        Object k = Values.normalizeKey(attr);
        return k instanceof Long l ? l : -1;
    }

    public static boolean isObject(Object o) {
        return o != null && !(o instanceof CharSequence) && !(o instanceof Number) && !(o instanceof Boolean)
                && !(o instanceof Map<?, ?>) && !(o instanceof Collection<?>) && !(o instanceof Object[])
                && !(o instanceof LoopState) && !o.getClass().isArray();
    }
}
