package dev.zweig.spring.web;

import dev.zweig.TemplateRuntimeException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;

/**
 * Named routes for {@code path()} and {@code url()}: a handler method's name is its mapping's {@code name}
 * ({@code @GetMapping(path = "/books/{id}", name = "book_show")}) or, without one, Spring MVC's default mapping name
 * (the capitals of the controller's class name, '#', the method name: {@code BookController.show} is
 * {@code "BC#show"}). Built on first use from the request mappings (Spring MVC or WebFlux), then kept.
 */
public final class RouteIndex {
    private static final Pattern VARIABLE = Pattern.compile("\\{(\\*?)([A-Za-z0-9_.-]+)(?::[^{}]*(?:\\{[^{}]*\\}[^{}]*)*)?\\}");

    /** One request mapping: its explicit name (or null), its handler method and its path patterns. */
    public record Mapping(String name, Class<?> beanType, Method method, Collection<String> patterns) {
    }

    private final Supplier<? extends Collection<Mapping>> mappings;
    private volatile Map<String, String> routes;

    /** mappings is asked once, at the first route lookup (the handler mappings exist by then). */
    public RouteIndex(Supplier<? extends Collection<Mapping>> mappings) {
        this.mappings = mappings;
    }

    /** Spring MVC's default name of a mapping without an explicit one. */
    public static String defaultName(Class<?> beanType, Method method) {
        StringBuilder sb = new StringBuilder();
        for (char c : beanType.getSimpleName().toCharArray()) {
            if (Character.isUpperCase(c)) {
                sb.append(c);
            }
        }
        return sb.append('#').append(method.getName()).toString();
    }

    private Map<String, String> routes() {
        Map<String, String> r = routes;
        if (r == null) {
            Map<String, String> built = new LinkedHashMap<>();
            for (Mapping m : mappings.get()) {
                if (m.patterns().isEmpty()) {
                    continue;
                }
                String name = m.name() != null && !m.name().isEmpty() ? m.name() : defaultName(m.beanType(), m.method());
                built.putIfAbsent(name, m.patterns().iterator().next());
            }
            routes = r = Map.copyOf(built);
        }
        return r;
    }

    /** The route names known, sorted (for error messages and tools). */
    public Set<String> names() {
        return new TreeSet<>(routes().keySet());
    }

    /**
     * The path of a named route within the application (without the context path): the pattern's variables are
     * filled from params, the other params become the query string (Symfony's UrlGenerator).
     */
    public String path(String name, Map<?, ?> params) {
        String pattern = routes().get(name);
        if (pattern == null) {
            throw new TemplateRuntimeException("Unable to generate a URL for the named route \"" + name
                    + "\" as such route does not exist.");
        }
        Map<String, Object> rest = new LinkedHashMap<>();
        if (params != null) {
            params.forEach((k, v) -> rest.put(String.valueOf(k), v));
        }
        StringBuilder out = new StringBuilder();
        Matcher m = VARIABLE.matcher(pattern);
        int last = 0;
        Set<String> missing = new TreeSet<>();
        while (m.find()) {
            out.append(pattern, last, m.start());
            String var = m.group(2);
            if (!rest.containsKey(var) || rest.get(var) == null) {
                missing.add(var);
            } else {
                String value = dev.zweig.php.Values.toString(rest.remove(var));
                out.append(m.group(1).isEmpty() ? UriUtils.encodePathSegment(value, "UTF-8")
                        : UriUtils.encodePath(value.startsWith("/") ? value.substring(1) : value, "UTF-8"));
            }
            last = m.end();
        }
        if (!missing.isEmpty()) {
            throw new TemplateRuntimeException("Some mandatory parameters are missing (\"" + String.join("\", \"", missing)
                    + "\") to generate a URL for route \"" + name + "\".");
        }
        out.append(pattern, last, pattern.length());
        char sep = '?';
        for (Map.Entry<String, Object> e : rest.entrySet()) {
            Object v = e.getValue();
            if (v == null) {
                continue;
            }
            Iterable<?> values = v instanceof Iterable<?> it ? it : java.util.List.of(v);
            for (Object one : values) {
                out.append(sep).append(UriUtils.encodeQueryParam(e.getKey(), "UTF-8")).append('=')
                        .append(UriUtils.encodeQueryParam(dev.zweig.php.Values.toString(one), "UTF-8"));
                sep = '&';
            }
        }
        return out.toString();
    }
}
