package dev.zweig.bytecode;

import dev.zweig.runtime.RenderState;
import dev.zweig.semantics.Attributes;
import dev.zweig.semantics.Semantics;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.MutableCallSite;

/**
 * The call site of a compiled template's {@code obj.name} (a constant name, no arguments): an inline cache. It
 * starts unlinked; each miss reads the attribute by the general rule ({@link Semantics#attr}) and, when the object
 * is a Java object whose member the rule resolved (a getter or a public field) and no security policy is in force,
 * links a guarded direct read for that class in front of what the site had: monomorphic, then polymorphic up to
 * {@link #MAX_CLASSES} classes, then the general rule only. The guard checks the exact class and that the render
 * has no policy, so a sandboxed render always takes the general rule, with its checks; members the rule refuses
 * (forbidden types and methods) never resolve, so they are never linked.
 */
final class AttrCallSite extends MutableCallSite {
    static final int MAX_CLASSES = 4;
    private static final MethodType TYPE = MethodType.methodType(Object.class, Object.class, Object.class);
    private static final MethodHandle MISS;
    private static final MethodHandle IS_CLASS;
    private static final MethodHandle BOX_LONG;
    private static final MethodHandle BOX_DOUBLE;
    private static final MethodHandle RESULT;
    private static final MethodHandle FAILED;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            MISS = l.findVirtual(AttrCallSite.class, "miss", TYPE);
            IS_CLASS = l.findStatic(AttrCallSite.class, "isClass", MethodType.methodType(boolean.class, Class.class,
                    Object.class, Object.class));
            BOX_LONG = l.findStatic(AttrCallSite.class, "box", MethodType.methodType(Object.class, long.class,
                    Object.class));
            BOX_DOUBLE = l.findStatic(AttrCallSite.class, "box", MethodType.methodType(Object.class, double.class,
                    Object.class));
            RESULT = l.findStatic(AttrCallSite.class, "result", MethodType.methodType(Object.class, Object.class));
            FAILED = l.findStatic(AttrCallSite.class, "failed", MethodType.methodType(Object.class,
                    Semantics.AttrSite.class, Throwable.class, Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String attr;
    private final Semantics.AttrSite site;
    private int classes;

    AttrCallSite(String attr, Semantics.AttrSite site) {
        super(TYPE);
        this.attr = attr;
        this.site = site;
        setTarget(MISS.bindTo(this));
    }

    /** The general rule, then linking the member it resolved for this class (while the site may grow). */
    private Object miss(Object o, Object st) {
        RenderState rs = (RenderState) st;
        Object v = Semantics.attr(o, attr, null, site, rs);
        if (rs.policy == null && o != null && classes < MAX_CLASSES) {
            link(o.getClass());
        }
        return v;
    }

    private synchronized void link(Class<?> c) {
        Object[] e = site.cache().entry;
        if (classes >= MAX_CLASSES || e == null || e[0] != c || !attr.equals(e[1])
                || !(e[2] instanceof Attributes.Member m) || m == Attributes.NONE || m.arity() != 0) {
            return;
        }
        MethodHandle read = switch (m.kind()) {
            case LONG -> MethodHandles.filterArguments(BOX_LONG, 0, m.asLong());
            case DOUBLE -> MethodHandles.filterArguments(BOX_DOUBLE, 0, m.asDouble());
            default -> MethodHandles.dropArguments(MethodHandles.filterReturnValue(m.handle(), RESULT), 1,
                    Object.class);
        };
        read = MethodHandles.catchException(read, Throwable.class, MethodHandles.insertArguments(FAILED, 0, site));
        setTarget(MethodHandles.guardWithTest(IS_CLASS.bindTo(c), read, getTarget()));
        classes++;
    }

    private static boolean isClass(Class<?> c, Object o, Object st) {
        return o != null && o.getClass() == c && ((RenderState) st).policy == null;
    }

    private static Object box(long v, Object st) {
        return ((RenderState) st).box(v);
    }

    private static Object box(double v, Object st) {
        return ((RenderState) st).box(v);
    }

    /** What a getter returns, as the general rule hands it out (forbidden types hidden, Optionals opened). */
    private static Object result(Object r) {
        return Attributes.unwrap(Attributes.exposed(r));
    }

    /** A getter that failed: as the general rule reports it. */
    private static Object failed(Semantics.AttrSite site, Throwable x, Object o, Object st) {
        if (x instanceof RuntimeException re) {
            throw re;
        }
        if (x instanceof Error err) {
            throw err;
        }
        throw new dev.zweig.TemplateRuntimeException("An exception has been thrown during the rendering of a "
                + "template (\"" + x.getMessage() + "\").", site.template(), site.line(), 0, x);
    }
}
