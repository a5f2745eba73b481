package dev.zweig.core;

import dev.zweig.Environment;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.CallContext;
import dev.zweig.php.Values;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;

/**
 * {@code constant()}, {@code enum()} and {@code enum_cases()}: they reach only classes the application
 * registered on the Environment builder, and of those only public static final fields and enum constants.
 */
public final class Constants {
    private Constants() {
    }

    /**
     * The few PHP global constants templates commonly use, every DATE_* format of PHP 8.2
     * ({@code date(constant('DATE_RFC7231'))}) and the JSON_* flags the json_encode filter implements
     * ({@code json_encode(constant('JSON_PRETTY_PRINT'))}).
     */
    private static final Map<String, Object> PHP = Map.ofEntries(
            Map.entry("PHP_EOL", "\n"), Map.entry("PHP_INT_MAX", Long.MAX_VALUE),
            Map.entry("PHP_INT_MIN", Long.MIN_VALUE), Map.entry("PHP_INT_SIZE", 8L), Map.entry("M_PI", Math.PI),
            Map.entry("M_E", Math.E), Map.entry("PHP_FLOAT_EPSILON", Math.ulp(1.0)),
            Map.entry("DATE_ATOM", "Y-m-d\\TH:i:sP"), Map.entry("DATE_W3C", "Y-m-d\\TH:i:sP"),
            Map.entry("DATE_RFC3339", "Y-m-d\\TH:i:sP"), Map.entry("DATE_ISO8601", "Y-m-d\\TH:i:sO"),
            Map.entry("DATE_RFC2822", "D, d M Y H:i:s O"), Map.entry("DATE_RSS", "D, d M Y H:i:s O"),
            Map.entry("DATE_COOKIE", "l, d-M-Y H:i:s T"), Map.entry("DATE_RFC822", "D, d M y H:i:s O"),
            Map.entry("DATE_RFC850", "l, d-M-y H:i:s T"), Map.entry("DATE_RFC1036", "D, d M y H:i:s O"),
            Map.entry("DATE_RFC1123", "D, d M Y H:i:s O"), Map.entry("DATE_RFC7231", "D, d M Y H:i:s \\G\\M\\T"),
            Map.entry("DATE_RFC3339_EXTENDED", "Y-m-d\\TH:i:s.vP"), Map.entry("DATE_ISO8601_EXPANDED", "X-m-d\\TH:i:sP"),
            Map.entry("ENT_QUOTES", 3L), Map.entry("E_ALL", 32767L), Map.entry("E_ERROR", 1L),
            Map.entry("E_WARNING", 2L), Map.entry("E_PARSE", 4L), Map.entry("E_NOTICE", 8L),
            Map.entry("E_CORE_ERROR", 16L), Map.entry("E_CORE_WARNING", 32L), Map.entry("E_COMPILE_ERROR", 64L),
            Map.entry("E_COMPILE_WARNING", 128L), Map.entry("E_USER_ERROR", 256L), Map.entry("E_USER_WARNING", 512L),
            Map.entry("E_USER_NOTICE", 1024L), Map.entry("E_STRICT", 2048L), Map.entry("E_RECOVERABLE_ERROR", 4096L),
            Map.entry("E_DEPRECATED", 8192L), Map.entry("E_USER_DEPRECATED", 16384L),
            Map.entry("JSON_HEX_TAG", (long) JsonEncoder.HEX_TAG), Map.entry("JSON_HEX_AMP", (long) JsonEncoder.HEX_AMP),
            Map.entry("JSON_HEX_APOS", (long) JsonEncoder.HEX_APOS),
            Map.entry("JSON_HEX_QUOT", (long) JsonEncoder.HEX_QUOT),
            Map.entry("JSON_FORCE_OBJECT", (long) JsonEncoder.FORCE_OBJECT),
            Map.entry("JSON_NUMERIC_CHECK", (long) JsonEncoder.NUMERIC_CHECK),
            Map.entry("JSON_UNESCAPED_SLASHES", (long) JsonEncoder.UNESCAPED_SLASHES),
            Map.entry("JSON_PRETTY_PRINT", (long) JsonEncoder.PRETTY_PRINT),
            Map.entry("JSON_UNESCAPED_UNICODE", (long) JsonEncoder.UNESCAPED_UNICODE),
            Map.entry("JSON_PARTIAL_OUTPUT_ON_ERROR", (long) JsonEncoder.PARTIAL_OUTPUT_ON_ERROR),
            Map.entry("JSON_PRESERVE_ZERO_FRACTION", (long) JsonEncoder.PRESERVE_ZERO_FRACTION),
            Map.entry("JSON_UNESCAPED_LINE_TERMINATORS", (long) JsonEncoder.UNESCAPED_LINE_TERMINATORS),
            Map.entry("JSON_THROW_ON_ERROR", (long) JsonEncoder.THROW_ON_ERROR));

    static Object constant(CallContext ctx, Object nameArg, Object object) {
        String name = Values.toString(nameArg);
        Environment env = ctx.environment();
        if (object != null) {
            if (name.equals("class") && dev.zweig.semantics.Access.isObject(object)) {
                return className(object); // Twig: get_class($object), a name (the class itself stays unreachable)
            }
            return field(classOf(object), name, env, true);
        }
        int sep = name.indexOf("::");
        if (sep < 0) {
            if (!PHP.containsKey(name)) {
                throw new TemplateRuntimeException("Constant \"" + name + "\" is undefined.");
            }
            return PHP.get(name);
        }
        Class<?> c = registered(env, name.substring(0, sep));
        return field(c, name.substring(sep + 2), env, false);
    }

    /**
     * Twig's constantIsDefined, for {@code constant(...) is defined}: whether constant() would find the constant,
     * checked without raising ("class" of an object is always defined, as in Twig).
     */
    static boolean isDefined(Environment env, Object nameArg, Object object) {
        String name = Values.toString(nameArg); // an object's text: its toString, checked by the sandbox
        if (object != null) {
            Class<?> c = classOf(object);
            return name.equals("class") && dev.zweig.semantics.Access.isObject(object)
                    || env.isRegistered(c) && lookupField(c, name) != MISSING;
        }
        int sep = name.indexOf("::");
        if (sep < 0) {
            return PHP.containsKey(name);
        }
        String className = name.substring(0, sep);
        Class<?> c = env.registeredClass(className);
        if (c == null && className.startsWith("\\")) {
            c = env.registeredClass(className.substring(1));
        }
        return c != null && lookupField(c, name.substring(sep + 2)) != MISSING;
    }

    /** The class whose constants an object shows: an enum constant's enum (not the class of its body). */
    private static Class<?> classOf(Object object) {
        return object instanceof Enum<?> e ? e.getDeclaringClass() : object.getClass();
    }

    private static String className(Object object) {
        return classOf(object).getName();
    }

    /**
     * A class constant read through an object ({@code obj.NAME}: Twig's getAttribute reads the constants of the
     * object's class after its properties): an enum constant or public static final field of the object's class
     * when the application registered that class (under any name), as {@code constant('NAME', obj)} reads it;
     * {@link dev.zweig.runtime.Frame#UNDEFINED} otherwise. No other static member is reachable.
     */
    public static Object attributeConstant(Environment env, Object object, String name) {
        Class<?> c = classOf(object);
        if (!env.isRegistered(c)) {
            return dev.zweig.runtime.Frame.UNDEFINED;
        }
        Object v = lookupField(c, name);
        return v == MISSING ? dev.zweig.runtime.Frame.UNDEFINED : v;
    }

    private static Class<?> registered(Environment env, String className) {
        Class<?> c = env.registeredClass(className);
        if (c == null) {
            c = env.registeredClass(className.startsWith("\\") ? className.substring(1) : className);
        }
        if (c == null) {
            throw new TemplateRuntimeException("Class \"" + className + "\" is not registered with the "
                    + "Environment (Environment.builder().registerClass(...)).");
        }
        return c;
    }

    private static Object field(Class<?> c, String fieldName, Environment env, boolean viaObject) {
        if (viaObject && !env.isRegistered(c)) {
            throw new TemplateRuntimeException("Class \"" + c.getName() + "\" is not registered with the Environment.");
        }
        Object v = lookupField(c, fieldName);
        if (v == MISSING) {
            throw new TemplateRuntimeException("Constant \"" + c.getSimpleName() + "::" + fieldName + "\" is undefined.");
        }
        return v;
    }

    private static final Object MISSING = new Object();

    /** An enum constant or public static final field of c, normalized; MISSING when it has none of that name. */
    private static Object lookupField(Class<?> c, String fieldName) {
        if (c.isEnum()) {
            for (Object k : c.getEnumConstants()) {
                if (((Enum<?>) k).name().equals(fieldName)) {
                    return k;
                }
            }
        }
        try {
            Field f = c.getField(fieldName);
            int m = f.getModifiers();
            if (Modifier.isStatic(m) && Modifier.isFinal(m) && Modifier.isPublic(m)
                    && !dev.zweig.semantics.Attributes.isForbiddenType(f.getType())) {
                Object v = f.get(null);
                // a constant declared as Object may still hold a Class, a Thread...: as undefined as a typed one
                if (v == null || !dev.zweig.semantics.Attributes.isForbiddenType(v.getClass())) {
                    return normalize(v);
                }
            }
        } catch (ReflectiveOperationException e) {
            // no such public field: missing
        }
        return MISSING;
    }

    private static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float fl) {
            return (double) fl;
        }
        return v;
    }

    /**
     * Twig's {@code enum(name)}: the first case of the registered enum of that name (its other cases are read as
     * constants through it, {@code enum('App\\Status').OPEN}, and all of them by {@code .cases()}).
     */
    static Object enumOf(CallContext ctx, Object nameArg) {
        String name = Values.toString(nameArg);
        Class<?> c = registeredEnum(ctx.environment(), name);
        if (c == null) {
            throw new TemplateRuntimeException("\"" + name + "\" is not an enum.");
        }
        Object[] cases = c.getEnumConstants();
        if (cases.length == 0) {
            throw new TemplateRuntimeException("\"" + name + "\" is an empty enum.");
        }
        return cases[0];
    }

    /** Twig's {@code enum_cases(name)}: the cases of the registered enum of that name, in order. */
    static List<Object> cases(CallContext ctx, Object nameArg) {
        String name = Values.toString(nameArg);
        Class<?> c = registeredEnum(ctx.environment(), name);
        if (c == null) {
            throw new TemplateRuntimeException("Enum \"" + name + "\" does not exist.");
        }
        return List.of((Object[]) c.getEnumConstants());
    }

    /**
     * PHP's {@code UnitEnum::cases()} called on a case ({@code enum('X').cases()}): the cases of its enum when the
     * application registered it, else null.
     */
    public static List<Object> casesOf(Environment env, Object value) {
        if (value instanceof Enum<?> e && env.isRegistered(e.getDeclaringClass())) {
            return List.of((Object[]) e.getDeclaringClass().getEnumConstants());
        }
        return null;
    }

    /** The registered enum of a name (a leading backslash ignored, as PHP's), or null. */
    private static Class<?> registeredEnum(Environment env, String name) {
        Class<?> c = env.registeredClass(name);
        if (c == null && name.startsWith("\\")) {
            c = env.registeredClass(name.substring(1));
        }
        return c != null && c.isEnum() ? c : null;
    }

    /**
     * Twig's compile-time check of {@code enum()} and {@code enum_cases()} given one constant argument
     * (EnumFunction, EnumCasesFunction): it must be a string naming a (non-empty, for enum) registered enum; null
     * when it does, else the SyntaxError's message.
     */
    public static String checkEnumArgument(Environment env, String function, Object constant) {
        if (!(constant instanceof String name)) {
            return "The first argument of the \"" + function + "\" function must be a string.";
        }
        Class<?> c = registeredEnum(env, name);
        if (c == null) {
            return "The first argument of the \"" + function + "\" function must be the name of an enum, \"" + name
                    + "\" given.";
        }
        if (function.equals("enum") && c.getEnumConstants().length == 0) {
            return "The first argument of the \"enum\" function must be a non-empty enum, \"" + name + "\" given.";
        }
        return null;
    }
}
