package dev.zweig.core;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.php.PhpArray;
import dev.zweig.php.PhpArrays;
import dev.zweig.php.Values;
import dev.zweig.runtime.Escapers;
import java.util.List;
import java.util.Map;

/**
 * Twig 3.24's HTML attribute helpers (twig/html-extra's HtmlExtension: not core, added with {@link HtmlExtension}): the
 * {@code html_attr} function, which prints attributes from mappings, and the {@code html_attr_merge} and
 * {@code html_attr_type} filters. Semantics as Twig's documentation (functions/html_attr.rst,
 * filters/html_attr_merge.rst, filters/html_attr_type.rst) and its tests (HtmlAttrTest, html_attr_merge.test)
 * define them, with 3.29's fix that keeps style declarations whose value is zero.
 */
final class HtmlAttributes {
    private HtmlAttributes() {
    }

    static List<FunctionDefinition> functions() {
        return List.of(FunctionDefinition.of("html_attr", (ctx, a) -> render(PhpArrays.extraArguments(a[0])))
                .asVariadic().safe("html"));
    }

    static List<FilterDefinition> filters() {
        return List.of(
                // variadic: a[0] is the filtered value, a[1] the list of the arguments
                FilterDefinition.of("html_attr_merge", (ctx, a) -> {
                    List<Object> others = PhpArrays.extraArguments(a[1]);
                    Object[] all = new Object[others.size() + 1];
                    all[0] = a[0];
                    for (int i = 0; i < others.size(); i++) {
                        all[i + 1] = others.get(i);
                    }
                    return merge("htmlAttrMerge", java.util.Arrays.asList(all));
                }).asVariadic(),
                FilterDefinition.of("html_attr_type", (ctx, a) -> type(a[0], Values.toString(a[1])))
                        .params(Param.optional("type", "sst")));
    }

    // ---- html_attr_type --------------------------------------------------------------------------------------

    /** html_attr_type: sst (space-separated tokens), cst (comma-separated tokens) or style (inline style). */
    static AttributeValue type(Object value, String type) {
        return switch (type) {
            case "sst" -> AttributeValue.tokens(value, " ");
            case "cst" -> AttributeValue.tokens(value, ", ");
            case "style" -> AttributeValue.style(value);
            default -> throw new TemplateRuntimeException("Unknown attribute type \"" + type
                    + "\" The only supported types are \"sst\", \"cst\" and \"style\".");
        };
    }

    // ---- html_attr_merge -------------------------------------------------------------------------------------

    /**
     * Merges attribute mappings left to right: falsy arguments (null, false, "", "0", an empty mapping) are
     * skipped; a key seen before with a non-null value merges: an attribute value object merges into or takes
     * the new one, two iterables are spread one after the other, two scalars or objects let the later win.
     */
    static PhpArray merge(String method, List<Object> arrays) {
        PhpArray result = new PhpArray();
        for (int i = 0; i < arrays.size(); i++) {
            Object array = arrays.get(i);
            checkArgument(method, i, array);
            if (!Values.isTrue(array)) {
                continue;
            }
            if (!PhpArrays.isIterable(array)) {
                throw new TemplateRuntimeException("Only empty strings may be passed as string arguments to "
                        + "html_attr_merge. This is to support the implicit else clause for ternary operators.");
            }
            PhpArrays.forEach(array, (key, value) -> {
                Object existing = result.get(key);
                if (existing == null) { // PHP's !isset(): absent or null
                    result.put(key, value);
                } else if (value instanceof AttributeValue v) {
                    result.put(key, v.mergeInto(existing));
                } else if (existing instanceof AttributeValue e) {
                    result.put(key, e.appendFrom(value));
                } else if (PhpArrays.isIterable(existing) && PhpArrays.isIterable(value)) {
                    PhpArray both = new PhpArray();
                    spread(both, existing);
                    spread(both, value);
                    result.put(key, both);
                } else if (isScalarOrObject(existing) && isScalarOrObject(value)) {
                    result.put(key, value);
                } else {
                    throw new TemplateRuntimeException("Cannot merge incompatible values for key \""
                            + Values.toString(key) + "\".");
                }
                return true;
            });
        }
        return result;
    }

    /** The parameter type {@code iterable|string|false|null} of htmlAttr and htmlAttrMerge (a PHP TypeError). */
    private static void checkArgument(String method, int i, Object arg) {
        if (arg == null || Boolean.FALSE.equals(arg) || arg instanceof CharSequence || PhpArrays.isIterable(arg)) {
            return;
        }
        throw new IllegalArgumentException("Twig\\Extra\\Html\\HtmlExtension::" + method + "(): Argument #" + (i + 1)
                + " must be of type Traversable|array|string|false|null, " + Values.typeName(arg) + " given");
    }

    /** PHP's {@code [...$a, ...$b]} into out: integer keys renumbered, string keys overwrite. */
    static void spread(PhpArray out, Object iterable) {
        PhpArrays.forEach(iterable, (k, v) -> {
            if (k instanceof Long) {
                out.append(v);
            } else {
                out.put(k, v);
            }
            return true;
        });
    }

    /** PHP is_scalar($v) || is_object($v): anything but null and arrays (Markup and beans are objects). */
    private static boolean isScalarOrObject(Object v) {
        return v != null && !(v instanceof List<?>) && !(v instanceof Map<?, ?>) && !v.getClass().isArray();
    }

    /** PHP is_scalar: strings, numbers and booleans (Markup is an object). */
    private static boolean isScalar(Object v) {
        return (v instanceof CharSequence && !Values.isMarkup(v)) || v instanceof Number || v instanceof Boolean;
    }

    // ---- html_attr -------------------------------------------------------------------------------------------

    /**
     * html_attr: the merged mappings as {@code name="value"} pairs separated by spaces. aria-* booleans print
     * "true"/"false"; data-* true prints "true" and non-scalars print as JSON; iterables print as token lists
     * (style: as declarations); true prints an empty value; null and false omit the attribute. Names are escaped
     * with html_attr_relaxed, values with html.
     */
    static String render(List<Object> args) {
        PhpArray attributes = merge("htmlAttr", args);
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = attributes.size(); i < n; i++) {
            String name = Values.toString(attributes.keyAt(i));
            Object value = attributes.valueAt(i);
            if (name.startsWith("aria-") && value instanceof Boolean b) {
                value = b ? "true" : "false";
            }
            if (name.startsWith("data-")) {
                if (!(value instanceof AttributeValue) && value != null && !isScalar(value)) {
                    Object json = JsonEncoder.encode(value, 0, 512);
                    if (Boolean.FALSE.equals(json)) {
                        throw new TemplateRuntimeException("The \"" + name
                                + "\" attribute value cannot be JSON encoded.");
                    }
                    value = json;
                } else if (Boolean.TRUE.equals(value)) {
                    value = "true";
                }
            }
            if (!(value instanceof AttributeValue) && PhpArrays.isIterable(value)) {
                value = "style".equals(name) ? AttributeValue.style(value) : AttributeValue.tokens(value, " ");
            }
            if (value instanceof AttributeValue v) {
                value = v.value();
            }
            if (Boolean.TRUE.equals(value)) {
                value = "";
            }
            if (value == null || Boolean.FALSE.equals(value)) {
                continue;
            }
            if (!isScalar(value) && !Values.isMarkup(value) && !Values.isStringable(value)) {
                throw new TemplateRuntimeException("The \"" + name + "\" attribute value should be a scalar, an "
                        + "iterable, or an object implementing \"Stringable\", got \"" + Values.typeName(value) + "\".");
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(Escapers.escape("html_attr_relaxed", name)).append("=\"")
                    .append(Escapers.escape("html", Values.toString(value))).append('"');
        }
        return out.toString();
    }

    /**
     * An attribute value with its own rendering (Twig's AttributeValueInterface implementations
     * SeparatedTokenList and InlineStyle), as html_attr_type makes them. Immutable: merging builds a new one.
     */
    static final class AttributeValue {
        /** The tokens (or style declarations) as a PHP array, never modified once built. */
        private final PhpArray items;
        /** The token separator; null for an inline style. */
        private final String separator;

        private AttributeValue(PhpArray items, String separator) {
            this.items = items;
            this.separator = separator;
        }

        static AttributeValue tokens(Object value, String separator) {
            PhpArray items = new PhpArray();
            if (PhpArrays.isIterable(value)) {
                spread(items, value);
            } else if (isScalar(value)) {
                items.append(value);
            } else {
                throw new TemplateRuntimeException(
                        "SeparatedTokenList can only be constructed from iterable or scalar values.");
            }
            return new AttributeValue(items, separator);
        }

        static AttributeValue style(Object value) {
            if (!PhpArrays.isIterable(value)) {
                throw new TemplateRuntimeException("InlineStyle can only be created from iterable values.");
            }
            PhpArray items = new PhpArray();
            spread(items, value);
            return new AttributeValue(items, null);
        }

        /** Like PHP's, these objects have no text: printing one is an error, not a class name and a hash. */
        @Override
        public String toString() {
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template "
                    + "(\"Object of class Twig\\Extra\\Html\\HtmlAttr\\" + kind() + " could not be converted to "
                    + "string\").");
        }

        private String kind() {
            return separator == null ? "InlineStyle" : "SeparatedTokenList";
        }

        private AttributeValue with(Object first, Object second) {
            PhpArray items = new PhpArray();
            spread(items, first instanceof AttributeValue a ? a.items : first);
            spread(items, second instanceof AttributeValue a ? a.items : second);
            return new AttributeValue(items, separator);
        }

        /** This value merged after an earlier one of the same kind (and separator) or an iterable. */
        AttributeValue mergeInto(Object previous) {
            if ((previous instanceof AttributeValue p && p.separator != null == (separator != null)
                    && (separator == null || separator.equals(p.separator)))
                    || (!(previous instanceof AttributeValue) && PhpArrays.isIterable(previous))) {
                return with(previous, this);
            }
            throw new TemplateRuntimeException(separator == null
                    ? "Attributes using InlineStyle can only be merged with iterables or other InlineStyle instances."
                    : "SeparatedTokenList can only be merged with iterables or other SeparatedTokenList instances "
                            + "using the same separator.");
        }

        /** A later iterable appended to this value. */
        AttributeValue appendFrom(Object next) {
            if (!PhpArrays.isIterable(next)) {
                throw new TemplateRuntimeException("Only iterable values can be appended to " + kind() + ".");
            }
            return with(this, next);
        }

        /** The attribute's text, or null to omit the attribute. */
        String value() {
            return separator == null ? styleValue() : tokenValue();
        }

        /** Tokens without null and false (none left: omitted), true printing nothing, joined and trimmed. */
        private String tokenValue() {
            StringBuilder sb = new StringBuilder();
            boolean any = false;
            boolean first = true;
            for (int i = 0, n = items.size(); i < n; i++) {
                Object v = items.valueAt(i);
                if (v == null || Boolean.FALSE.equals(v)) {
                    continue;
                }
                any = true;
                if (Boolean.TRUE.equals(v)) {
                    continue;
                }
                if (!first) {
                    sb.append(separator);
                }
                first = false;
                sb.append(Values.toString(v));
            }
            return any ? phpTrim(sb.toString(), " \t\n\r\0\u000B") : null;
        }

        /**
         * Declarations: a numeric key's value is a declaration (trimmed of ";" and " "), another key is the
         * property; null, booleans, "" and [] are skipped (0 is a valid value). Nothing left: omitted.
         */
        private String styleValue() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0, n = items.size(); i < n; i++) {
                Object name = items.keyAt(i);
                Object v = items.valueAt(i);
                if (v == null || v instanceof Boolean || "".equals(v) || isEmptyArray(v)) {
                    continue;
                }
                if (Values.isNumeric(name)) {
                    sb.append(phpTrim(Values.toString(v), "; ")).append("; ");
                } else {
                    sb.append(Values.toString(name)).append(": ").append(Values.toString(v)).append("; ");
                }
            }
            String style = phpTrim(sb.toString(), " \t\n\r\0\u000B");
            return style.isEmpty() || "0".equals(style) ? null : style;
        }
    }

    /** PHP's {@code [] === $v}: an empty list, mapping or Java array (not an empty Traversable object). */
    private static boolean isEmptyArray(Object v) {
        return (v instanceof java.util.Collection<?> c && c.isEmpty()) || (v instanceof Map<?, ?> m && m.isEmpty())
                || (v != null && v.getClass().isArray() && java.lang.reflect.Array.getLength(v) == 0);
    }

    /** PHP trim($s, $chars) for a list of single characters. */
    static String phpTrim(String s, String chars) {
        int start = 0;
        int end = s.length();
        while (start < end && chars.indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && chars.indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }
}
