package dev.zweig.bytecode;

import dev.zweig.php.PhpNumbers;
import dev.zweig.runtime.Escapers;
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
 * links a guarded direct read for that class in front of what the site had (for a map class: its key looked up in
 * place, the general rule when the map lacks it): monomorphic, then polymorphic up to
 * {@link #MAX_CLASSES} classes, then the general rule only. The guard checks the exact class and that the render
 * has no policy, so a sandboxed render always takes the general rule, with its checks; members the rule refuses
 * (forbidden types and methods) never resolve, so they are never linked.
 */
final class AttrCallSite extends MutableCallSite {
    static final int MAX_CLASSES = 4;
    private static final MethodType TYPE = MethodType.methodType(Object.class, Object.class, Object.class);
    /** A printing site's type: (object, render state) -> void, the value written to the render's output. */
    private static final MethodType PRINT_TYPE = MethodType.methodType(void.class, Object.class, Object.class);
    private static final MethodHandle MISS;
    private static final MethodHandle MISS_PRINT;
    private static final MethodHandle WRITE_LONG;
    private static final MethodHandle WRITE_DOUBLE;
    private static final MethodHandle PRINT_RAW;
    private static final MethodHandle PRINT_HTML;
    private static final MethodHandle IS_CLASS;
    private static final MethodHandle BOX_LONG;
    private static final MethodHandle BOX_DOUBLE;
    private static final MethodHandle RESULT;
    private static final MethodHandle FAILED;
    private static final MethodHandle MAP_READ;
    private static final MethodHandle MAP_PRINT;

    static {
        MethodHandles.Lookup l = MethodHandles.lookup();
        try {
            MISS = l.findVirtual(AttrCallSite.class, "miss", TYPE);
            MISS_PRINT = l.findVirtual(AttrCallSite.class, "missPrint", PRINT_TYPE);
            WRITE_LONG = l.findStatic(AttrCallSite.class, "write", MethodType.methodType(void.class, long.class,
                    Object.class));
            WRITE_DOUBLE = l.findStatic(AttrCallSite.class, "write", MethodType.methodType(void.class,
                    double.class, Object.class));
            PRINT_RAW = l.findStatic(AttrCallSite.class, "printRaw", PRINT_TYPE);
            PRINT_HTML = l.findStatic(AttrCallSite.class, "printHtml", PRINT_TYPE);
            IS_CLASS = l.findStatic(AttrCallSite.class, "isClass", MethodType.methodType(boolean.class, Class.class,
                    Object.class, Object.class));
            BOX_LONG = l.findStatic(AttrCallSite.class, "box", MethodType.methodType(Object.class, long.class,
                    Object.class));
            BOX_DOUBLE = l.findStatic(AttrCallSite.class, "box", MethodType.methodType(Object.class, double.class,
                    Object.class));
            MAP_READ = l.findVirtual(AttrCallSite.class, "mapRead", TYPE);
            MAP_PRINT = l.findVirtual(AttrCallSite.class, "mapPrint", PRINT_TYPE);
            RESULT = l.findStatic(AttrCallSite.class, "result", MethodType.methodType(Object.class, Object.class));
            FAILED = l.findStatic(AttrCallSite.class, "failed", MethodType.methodType(Object.class,
                    Semantics.AttrSite.class, Throwable.class, Object.class, Object.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String attr;
    private final Semantics.AttrSite site;
    /** A printing site's strategy ("" raw, "html"; see EmitAttrs#printAttr), null for a site that reads. */
    private final String print;
    private int classes;

    AttrCallSite(String attr, Semantics.AttrSite site, String print) {
        super(print == null ? TYPE : PRINT_TYPE);
        this.attr = attr.intern(); // a data map keyed by string literals then finds it by identity
        this.site = site;
        this.print = print;
        setTarget((print == null ? MISS : MISS_PRINT).bindTo(this));
    }

    /** A printing site's miss: the value as the reading site gives it, printed as the print statement does. */
    private void missPrint(Object o, Object st) {
        printed(miss(o, st), st);
    }

    /** What the reading site gives, printed as the print statement does. */
    private void printed(Object read, Object st) {
        Object v = Semantics.attrResult(read, false);
        if (print.isEmpty()) {
            printRaw(v, st);
        } else {
            printHtml(v, st);
        }
    }

    private static void printRaw(Object v, Object st) {
        Semantics.print(v, (RenderState) st);
    }

    private static void printHtml(Object v, Object st) {
        if (v instanceof String s) {
            // a getter's String: the escaper straight away (the general rule, a call of its own, stays small
            // enough for this to be inlined into the template's code)
            Escapers.html(s, ((RenderState) st).out);
        } else {
            Semantics.printEscaped(v, "html", true, false, (RenderState) st);
        }
    }

    /** A getter's long, printed (no escaping changes digits): what printing its box writes, without the box. */
    private static void write(long v, Object st) {
        ((RenderState) st).out.write(v);
    }

    private static void write(double v, Object st) {
        PhpNumbers.writeDouble(v, ((RenderState) st).out);
    }

    /** The general rule, then linking the member it resolved for this class (while the site may grow). */
    private Object miss(Object o, Object st) {
        RenderState rs = (RenderState) st;
        Object v = Semantics.attr(o, attr, null, site, rs);
        if (rs.policy == null && o != null && classes < MAX_CLASSES) {
            if (o instanceof java.util.Map<?, ?> && site.type() != dev.zweig.ast.Expr.AccessType.METHOD) {
                linkMap(o.getClass());
            } else if (linkable(site.cache().entry, o.getClass())) {
                link(o.getClass());
            }
        }
        return v;
    }

    /** A map class's read linked: its key looked up in place, the general rule only when the map lacks it. */
    private synchronized void linkMap(Class<?> c) {
        if (classes >= MAX_CLASSES) {
            return;
        }
        MethodHandle read = (print == null ? MAP_READ : MAP_PRINT).bindTo(this);
        setTarget(MethodHandles.guardWithTest(IS_CLASS.bindTo(c), read, getTarget()));
        classes++;
    }

    private Object mapRead(Object o, Object st) {
        Object v = dev.zweig.semantics.Access.mapAttribute((java.util.Map<?, ?>) o, attr, (RenderState) st);
        return v != dev.zweig.runtime.Frame.UNDEFINED ? v : Semantics.attr(o, attr, null, site, (RenderState) st);
    }

    private void mapPrint(Object o, Object st) {
        printed(mapRead(o, st), st);
    }

    /**
     * Whether the general rule resolved a Java member of class c to link (read without the lock: a map or a list
     * receiver, which never links, takes the general rule on every call and must not take the lock each time).
     */
    private boolean linkable(Object[] e, Class<?> c) {
        return e != null && e[0] == c && attr.equals(e[1]) && e[2] instanceof Attributes.Member m
                && m != Attributes.NONE && m.arity() == 0;
    }

    private synchronized void link(Class<?> c) {
        Object[] e = site.cache().entry;
        if (classes >= MAX_CLASSES || !linkable(e, c)) {
            return;
        }
        Attributes.Member m = (Attributes.Member) e[2];
        MethodHandle read = switch (m.kind()) {
            case LONG -> MethodHandles.filterArguments(print == null ? BOX_LONG : WRITE_LONG, 0, m.asLong());
            case DOUBLE -> MethodHandles.filterArguments(print == null ? BOX_DOUBLE : WRITE_DOUBLE, 0,
                    m.asDouble());
            default -> MethodHandles.dropArguments(MethodHandles.filterReturnValue(m.handle(), RESULT), 1,
                    Object.class);
        };
        if (print != null && m.kind() != Attributes.Kind.LONG && m.kind() != Attributes.Kind.DOUBLE) {
            // (o, st) -> printed(value(o, st), st)
            MethodHandle printed = MethodHandles.collectArguments(print.isEmpty() ? PRINT_RAW : PRINT_HTML, 0, read);
            read = MethodHandles.permuteArguments(printed, PRINT_TYPE, 0, 1, 1);
        }
        MethodHandle failed = MethodHandles.insertArguments(FAILED, 0, site);
        read = MethodHandles.catchException(read, Throwable.class, print == null ? failed
                : failed.asType(MethodType.methodType(void.class, Throwable.class, Object.class, Object.class)));
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
