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
                    if (obj instanceof LoopState) {
                        throw new TemplateRuntimeException("Key \"" + a + "\" for sequence/mapping with keys \"index0, "
                                + "index, first, revindex0, revindex, length, last, parent\" does not exist.", tpl,
                                line);
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
        Class<?> c = obj.getClass();
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
        if (st != null && st.policy != null && m != Attributes.NONE) {
            try {
                if (m.field()) {
                    st.policy.checkPropertyAllowed(obj, m.name());
                } else {
                    st.policy.checkMethodAllowed(obj, m.name());
                }
            } catch (dev.zweig.TemplateException denied) {
                throw denied.locate(tpl, line);
            }
        }
        Object v = Attributes.call(m, obj, args, st);
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
        return isObject(obj) && Attributes.lookup(obj.getClass(), Values.toString(attr), argc,
                type == Expr.AccessType.METHOD) != Attributes.NONE;
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
