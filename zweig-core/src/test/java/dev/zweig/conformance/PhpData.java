package dev.zweig.conformance;

import dev.zweig.Markup;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PHP of a fixture's DATA block ({@code data_php} of the extended corpus) and builds the Java values a Java
 * user would hand the engine instead (see {@link PhpObjects} for the translation of each PHP class). It understands
 * the small part of PHP the fixtures write: statements {@code return expr}, {@code $v = expr},
 * {@code $v->property = expr}, calls ({@code date_default_timezone_set()}, {@code $twig->getExtension(...)
 * ->setDateFormat()}), class declarations (skipped: each declared class needs a Java translation by name); and
 * expressions: array literals ({@code [...]}, {@code array(...)}) with their PHP key rules, strings, numbers,
 * {@code true/false/null}, {@code new Class(...)}, {@code (object)} casts, {@code X::class}, {@code mktime()},
 * variables, assignments and closures returning an expression. Anything else is refused with
 * {@link Unsupported}, so a case whose data cannot be translated fails loudly instead of running on other data.
 */
final class PhpData {
    /** Data this reader cannot translate to Java (the message says what). */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what);
        }
    }

    /** What the DATA block does to the environment, and {@code $twig->load()}. */
    interface Host {
        /** {@code date_default_timezone_set()}: the Environment's time zone. */
        void timezone(ZoneId zone);

        /** The current default time zone (PHP's date_default_timezone_get()). */
        ZoneId timezone();

        /** {@code CoreExtension::setDateFormat($format, $intervalFormat)}. */
        void dateFormat(String format, String intervalFormat);

        /** {@code CoreExtension::setNumberFormat($decimals, $point, $thousands)}. */
        void numberFormat(int decimals, String point, String thousands);

        /** {@code $twig->load($name)}: the loaded template (the environment is built then). */
        Object load(String name);
    }

    /** Evaluates a DATA block: the context it returns, as Java values. */
    static Map<String, Object> evaluate(String php, Host host) {
        PhpData d = new PhpData(php, host);
        Object r = d.program();
        if (!(r instanceof PArray a)) {
            throw new Unsupported("the DATA block returns no array");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        a.forEach((k, v) -> out.put(String.valueOf(k), toJava(v)));
        return out;
    }

    /** A PHP array while the block is evaluated: ordered keys (Long or String) and the next integer key. */
    static final class PArray extends LinkedHashMap<Object, Object> {
        long next;

        void append(Object v) {
            put(next, v);
        }

        @Override
        public Object put(Object key, Object value) {
            Object k = key(key);
            if (k instanceof Long l && l >= next) {
                next = l + 1;
            }
            return super.put(k, value);
        }
    }

    /** PHP's array key rules: canonical integer strings, bools and floats become ints; null is "". */
    static Object key(Object k) {
        if (k == null) {
            return "";
        }
        if (k instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (k instanceof Double d) {
            return (long) (double) d;
        }
        if (k instanceof String s && s.matches("-?(0|[1-9][0-9]{0,18})") && !s.equals("-0")) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return k;
    }

    /** A PHP value as Java: arrays become a List (keys 0..n-1) or a LinkedHashMap, recursively; others as they are. */
    static Object toJava(Object v) {
        if (!(v instanceof PArray a)) {
            return v;
        }
        boolean list = true;
        long i = 0;
        for (Object k : a.keySet()) {
            if (!(k instanceof Long l) || l != i++) {
                list = false;
                break;
            }
        }
        if (list) {
            List<Object> out = new ArrayList<>(a.size());
            a.values().forEach(e -> out.add(toJava(e)));
            return out;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        a.forEach((k, e) -> out.put(k, toJava(e)));
        return out;
    }

    /** A Java List or Map (as toJava makes them) as a map of PHP keys. */
    @SuppressWarnings("unchecked")
    static Map<Object, Object> asMap(Object v) {
        if (v instanceof Map<?, ?> m) {
            return (Map<Object, Object>) m;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                out.put((long) i, l.get(i));
            }
            return out;
        }
        if (v == null) {
            return out;
        }
        throw new Unsupported("not an array: " + v);
    }

    // ---- tokens ------------------------------------------------------------------------------------------------

    private enum T { STRING, NUMBER, NAME, VAR, PUNCT, EOF }

    private record Token(T type, Object value, int pos) {
        boolean is(String punct) {
            return type == T.PUNCT && value.equals(punct);
        }

        boolean isName(String name) {
            return type == T.NAME && ((String) value).equalsIgnoreCase(name);
        }
    }

    private static final String[] PUNCTS = {"=>", "->", "::", "...", "[", "]", "(", ")", "{", "}", ",", ";", "=",
        "-", "<", ">", "!", "&", "|", "+", "*", "/", "%", ".", "?", ":", "@", "#"};

    private final List<Token> tokens = new ArrayList<>();
    private final String src;
    private final Host host;
    private final Map<String, Object> vars = new LinkedHashMap<>();
    private final Set<String> declaredClasses = new HashSet<>();
    private int p;

    private PhpData(String src, Host host) {
        this.src = src;
        this.host = host;
        lex();
    }

    private void lex() {
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (src.startsWith("//", i) || (c == '#' && !src.startsWith("#[", i))) {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
            } else if (src.startsWith("/*", i)) {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '\'' || c == '"') {
                i = string(i, c);
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < n && (Character.isDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) {
                    i++;
                }
                String num = src.substring(start, i).replace("_", "");
                tokens.add(new Token(T.NUMBER, num.contains(".") ? (Object) Double.parseDouble(num)
                        : (Object) Long.parseLong(num), start));
            } else if (c == '$' || c == '\\' || Character.isLetter(c) || c == '_') {
                int start = i++;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_'
                        || (src.charAt(i) == '\\' && c != '$'))) {
                    i++;
                }
                String word = src.substring(start, i);
                tokens.add(c == '$' ? new Token(T.VAR, word.substring(1), start) : new Token(T.NAME, word, start));
            } else {
                String punct = null;
                for (String s : PUNCTS) {
                    if (src.startsWith(s, i)) {
                        punct = s;
                        break;
                    }
                }
                if (punct == null) {
                    throw new Unsupported("PHP character '" + c + "' at " + i);
                }
                tokens.add(new Token(T.PUNCT, punct, i));
                i += punct.length();
            }
        }
        tokens.add(new Token(T.EOF, null, n));
    }

    /** A single- or double-quoted literal (double-quoted: escapes, no interpolation). */
    private int string(int i, char quote) {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        while (i < src.length() && src.charAt(i) != quote) {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < src.length()) {
                char e = src.charAt(i + 1);
                if (quote == '\'') {
                    if (e == '\'' || e == '\\') {
                        sb.append(e);
                        i += 2;
                        continue;
                    }
                } else {
                    String unescaped = switch (e) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '\\' -> "\\";
                        case '"' -> "\"";
                        case '$' -> "$";
                        default -> null;
                    };
                    if (unescaped != null) {
                        sb.append(unescaped);
                        i += 2;
                        continue;
                    }
                }
            } else if (c == '$' && quote == '"') {
                throw new Unsupported("string interpolation at " + i);
            }
            sb.append(c);
            i++;
        }
        tokens.add(new Token(T.STRING, sb.toString(), start));
        return i + 1;
    }

    // ---- statements --------------------------------------------------------------------------------------------

    private Token peek() {
        return tokens.get(p);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1));
    }

    private Token next() {
        return tokens.get(p++);
    }

    private void expect(String punct) {
        Token t = next();
        if (!t.is(punct)) {
            throw new Unsupported("expected '" + punct + "' at " + t.pos() + ", got " + t.value());
        }
    }

    private Object program() {
        while (peek().type() != T.EOF) {
            Token t = peek();
            if (t.isName("class")) {
                skipClass();
            } else if (t.isName("return")) {
                next();
                Object v = expression();
                return v;
            } else {
                expression();
            }
            while (peek().is(";")) {
                next();
            }
        }
        throw new Unsupported("the DATA block has no return");
    }

    /** A class the fixture declares: its body is skipped; {@code new} finds its Java translation by name. */
    private void skipClass() {
        next();
        declaredClasses.add(((String) next().value()).toLowerCase(Locale.ROOT));
        while (!peek().is("{")) {
            next();
        }
        int depth = 0;
        do {
            Token t = next();
            if (t.is("{")) {
                depth++;
            } else if (t.is("}")) {
                depth--;
            } else if (t.type() == T.EOF) {
                throw new Unsupported("unclosed class body");
            }
        } while (depth > 0);
    }

    // ---- expressions -------------------------------------------------------------------------------------------

    private Object expression() {
        int start = p;
        if (peek().type() == T.VAR && peek(1).is("=")) {
            String name = (String) next().value();
            next();
            Object v = expression();
            vars.put(name, v);
            return v;
        }
        if (peek().type() == T.VAR && peek(1).is("->") && peek(2).type() == T.NAME && peek(3).is("=")) {
            Object target = variable((String) next().value());
            next();
            String property = (String) next().value();
            next();
            Object v = expression();
            setProperty(target, property, v);
            return v;
        }
        p = start;
        return postfix(primary());
    }

    private Object postfix(Object v) {
        while (true) {
            if (peek().is("->")) {
                next();
                String member = (String) next().value();
                if (peek().is("(")) {
                    v = callMethod(v, member, arguments());
                } else {
                    throw new Unsupported("property read ->" + member);
                }
            } else {
                return v;
            }
        }
    }

    private List<Object> arguments() {
        expect("(");
        List<Object> args = new ArrayList<>();
        while (!peek().is(")")) {
            args.add(expression());
            if (peek().is(",")) {
                next();
            }
        }
        next();
        return args;
    }

    private Object primary() {
        Token t = next();
        switch (t.type()) {
            case STRING:
            case NUMBER:
                return t.value();
            case VAR:
                return variable((String) t.value());
            case PUNCT:
                if (t.is("[")) {
                    return array("]");
                }
                if (t.is("-") && peek().type() == T.NUMBER) {
                    Object n = next().value();
                    return n instanceof Long l ? (Object) (-l) : (Object) (-(Double) n);
                }
                if (t.is("(") && peek().isName("object") && peek(1).is(")")) {
                    next();
                    next();
                    return object(expression());
                }
                if (t.is("(")) {
                    Object v = expression();
                    expect(")");
                    return v;
                }
                throw new Unsupported("'" + t.value() + "' at " + t.pos());
            case NAME:
                return name(t);
            default:
                throw new Unsupported("end of the DATA block");
        }
    }

    private Object name(Token t) {
        String name = (String) t.value();
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return lower.equals("true");
        }
        if (lower.equals("null")) {
            return null;
        }
        if (lower.equals("array") && peek().is("(")) {
            next();
            return array(")");
        }
        if (lower.equals("new")) {
            String cls = (String) next().value();
            List<Object> args = peek().is("(") ? arguments() : List.of();
            return construct(cls, args);
        }
        if (lower.equals("function") || lower.equals("fn")) {
            return closure();
        }
        if (peek().is("::")) {
            next();
            String member = (String) next().value();
            if (member.equalsIgnoreCase("class")) {
                return className(name);
            }
            throw new Unsupported("class constant " + name + "::" + member);
        }
        if (peek().is("(")) {
            return function(lower.startsWith("\\") ? lower.substring(1) : lower, arguments());
        }
        return constant(name);
    }

    private Object array(String close) {
        PArray a = new PArray();
        while (!peek().is(close)) {
            Object first = expression();
            if (peek().is("=>")) {
                next();
                a.put(first, expression());
            } else {
                a.append(first);
            }
            if (peek().is(",")) {
                next();
            }
        }
        next();
        return a;
    }

    /** {@code function ($a, ...) { return expr; }}: evaluated with its parameters bound at each call. */
    private Function<Object[], Object> closure() {
        expect("(");
        List<String> params = new ArrayList<>();
        while (!peek().is(")")) {
            Token t = next();
            if (t.type() == T.VAR) {
                params.add((String) t.value());
            }
        }
        next();
        expect("{");
        if (!next().isName("return")) {
            throw new Unsupported("a closure whose body is not one return statement");
        }
        int body = p;
        int depth = 1;
        while (depth > 0) {
            Token t = next();
            depth += t.is("{") ? 1 : t.is("}") ? -1 : 0;
            if (t.type() == T.EOF) {
                throw new Unsupported("unclosed closure");
            }
        }
        return args -> {
            int saved = p;
            Map<String, Object> outer = new LinkedHashMap<>(vars);
            try {
                for (int i = 0; i < params.size(); i++) {
                    vars.put(params.get(i), i < args.length ? args[i] : null);
                }
                p = body;
                return expression();
            } finally {
                p = saved;
                vars.clear();
                vars.putAll(outer);
            }
        };
    }

    private Object variable(String name) {
        if (name.equals("twig")) {
            return host;
        }
        if (!vars.containsKey(name)) {
            throw new Unsupported("undefined variable $" + name);
        }
        return vars.get(name);
    }

    private static String className(String name) {
        return name.startsWith("\\") ? name.substring(1) : name;
    }

    private static final Map<String, Object> CONSTANTS = Map.of(
            "DATE_ATOM", "Y-m-d\\TH:i:sP", "DATE_W3C", "Y-m-d\\TH:i:sP", "DATE_RFC3339", "Y-m-d\\TH:i:sP",
            "DATE_RSS", "D, d M Y H:i:s O", "DATE_COOKIE", "l, d-M-Y H:i:s T", "PHP_EOL", "\n", "E_NOTICE", 8L);

    private static Object constant(String name) {
        String n = className(name);
        if (!CONSTANTS.containsKey(n)) {
            throw new Unsupported("PHP constant " + name);
        }
        return CONSTANTS.get(n);
    }

    private Object function(String name, List<Object> args) {
        switch (name) {
            case "date_default_timezone_set":
                host.timezone(ZoneId.of((String) args.get(0)));
                return true;
            case "mktime": {
                // mktime(hour, minute, second, month, day, year) in the default time zone
                long[] f = new long[6];
                for (int i = 0; i < 6; i++) {
                    f[i] = (Long) args.get(i);
                }
                return LocalDateTime.of((int) f[5], (int) f[3], (int) f[4], (int) f[0], (int) f[1], (int) f[2])
                        .atZone(host.timezone()).toEpochSecond();
            }
            default:
                throw new Unsupported("PHP function " + name + "()");
        }
    }

    /** Methods of $twig and of what it hands out. */
    private Object callMethod(Object target, String method, List<Object> args) {
        if (target == host && method.equals("load")) {
            return host.load((String) args.get(0));
        }
        if (target == host && method.equals("getExtension")
                && className((String) args.get(0)).equals("Twig\\Extension\\CoreExtension")) {
            return CORE_EXTENSION;
        }
        if (target == CORE_EXTENSION && method.equals("setDateFormat")) {
            host.dateFormat((String) args.get(0), args.size() > 1 ? (String) args.get(1) : null);
            return null;
        }
        if (target == CORE_EXTENSION && method.equals("setNumberFormat")) {
            host.numberFormat((int) (long) (Long) args.get(0), (String) args.get(1), (String) args.get(2));
            return null;
        }
        if (target == CORE_EXTENSION && method.equals("setTimezone")) {
            host.timezone(ZoneId.of((String) args.get(0)));
            return null;
        }
        throw new Unsupported("method ->" + method + "()");
    }

    private static final Object CORE_EXTENSION = new Object();

    private static void setProperty(Object target, String property, Object value) {
        try {
            target.getClass().getField(property).set(target, toJava(value));
        } catch (ReflectiveOperationException e) {
            throw new Unsupported("property " + property + " of " + target.getClass().getSimpleName());
        }
    }

    /** {@code (object) $array}: no property, an object without members; else a map of the properties. */
    private static Object object(Object v) {
        if (v instanceof PArray a) {
            if (a.isEmpty()) {
                return new PhpObjects.StdClass();
            }
            Map<Object, Object> props = new LinkedHashMap<>();
            a.forEach((k, e) -> props.put(String.valueOf(k), toJava(e)));
            return props;
        }
        throw new Unsupported("(object) of a non-array");
    }

    // ---- classes -----------------------------------------------------------------------------------------------

    private static final Pattern DATE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?)?");

    private Object construct(String cls, List<Object> args) {
        String name = className(cls).toLowerCase(Locale.ROOT);
        Object a0 = args.isEmpty() ? null : args.get(0);
        switch (name) {
            case "arrayobject":
                return new PhpObjects.ArrayObject(asMap(toJava(a0)));
            case "arrayiterator":
                return PhpObjects.traversable(a0 == null ? List.of() : toJava(a0), true);
            case "twig\\tests\\iteratoraggregatestub":
                return PhpObjects.traversable(toJava(a0), false);
            case "callbackfilteriterator":
                return callbackFilter(a0, args.get(1));
            case "simplexmlelement":
                return PhpObjects.SimpleXmlElement.parse((String) a0);
            case "stdclass":
                return new PhpObjects.StdClass();
            case "twig\\markup":
                return new Markup((String) a0);
            case "datetime":
            case "datetimeimmutable":
                return dateTime(a0 == null ? "now" : (String) a0, args.size() > 1 ? (ZoneId) args.get(1)
                        : host.timezone());
            case "datetimezone":
                return ZoneId.of((String) a0);
            case "dateinterval":
                if (((String) a0).contains("T")) {
                    throw new Unsupported("DateInterval with a time part");
                }
                return Period.parse((String) a0);
            case "twig\\tests\\twigtestfoo":
                return new PhpObjects.TwigTestFoo();
            case "twig\\tests\\tostringstub":
                return new PhpObjects.ToStringStub((String) a0);
            case "twig\\tests\\countablestub":
                return new PhpObjects.CountableStub((int) (long) (Long) a0);
            case "twig\\tests\\magiccallstub":
                return new PhpObjects.MagicCallStub();
            case "twig\\tests\\simpleiteratorfortesting":
                return new PhpObjects.SimpleIteratorForTesting();
            default:
                return declared(name);
        }
    }

    /** The Java translations of the classes fixtures declare in their DATA block (each read from its PHP). */
    private Object declared(String name) {
        if (!declaredClasses.contains(name)) {
            throw new Unsupported("PHP class " + name + " has no Java translation");
        }
        switch (name) {
            case "userforautoescapetest":
                return new PhpObjects.UserForAutoEscapeTest();
            case "itemsiterator":
                return new PhpObjects.ItemsIterator();
            case "itemsiteratorcountable":
                return new PhpObjects.ItemsIteratorCountable();
            default:
                throw new Unsupported("the fixture's class " + name + " has no Java translation");
        }
    }

    private static ZonedDateTime dateTime(String text, ZoneId zone) {
        if (text.equals("now")) {
            return ZonedDateTime.now(zone);
        }
        Matcher m = DATE.matcher(text);
        if (!m.matches()) {
            throw new Unsupported("date text " + text);
        }
        LocalDate d = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)));
        int h = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int i = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int s = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        return d.atTime(h, i, s).atZone(zone);
    }

    /** {@code new CallbackFilterIterator($it, $fn)}: the elements of $it for which $fn($value, $key) is true. */
    @SuppressWarnings("unchecked")
    private static Object callbackFilter(Object source, Object fn) {
        Function<Object[], Object> accept = (Function<Object[], Object>) fn;
        if (source instanceof Map<?, ?> m) {
            return new PhpObjects.KeyedTraversable(() -> {
                List<Map.Entry<Object, Object>> kept = new ArrayList<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (dev.zweig.php.Values.isTrue(accept.apply(new Object[] {e.getValue(), e.getKey()}))) {
                        kept.add(Map.entry(e.getKey(), e.getValue()));
                    }
                }
                return kept.iterator();
            }, null);
        }
        if (source instanceof Iterable<?> src) {
            return new PhpObjects.Traversable(() -> {
                List<Object> kept = new ArrayList<>();
                long k = 0;
                for (Object v : src) {
                    if (dev.zweig.php.Values.isTrue(accept.apply(new Object[] {v, k++}))) {
                        kept.add(v);
                    }
                }
                return kept.iterator();
            });
        }
        throw new Unsupported("CallbackFilterIterator over " + source);
    }
}
