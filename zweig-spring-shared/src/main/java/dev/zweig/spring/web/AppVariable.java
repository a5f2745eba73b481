package dev.zweig.spring.web;

import java.util.List;
import java.util.Map;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The {@code app} global of Symfony's Twig bridge: {@code app.request}, {@code app.session}, {@code app.user},
 * {@code app.locale} and {@code app.flashes(type)}. One stateless instance: every read looks at the request being
 * rendered on the current thread ({@link WebRequestContext#current()}); outside a web render there is no request,
 * session, user or flash, and the locale is Spring's current one.
 */
public final class AppVariable {
    public static final AppVariable INSTANCE = new AppVariable();

    private AppVariable() {
    }

    /** The request being answered, or null outside a web render. */
    public AppRequest getRequest() {
        WebRequestContext c = WebRequestContext.current();
        return c == null ? null : c.request();
    }

    /** The session's attributes (read-only), or null when the request has no session. */
    public Map<String, Object> getSession() {
        WebRequestContext c = WebRequestContext.current();
        return c == null ? null : c.session();
    }

    /** The authenticated user (for Spring Security, the authentication's principal), or null. */
    public Object getUser() {
        WebRequestContext c = WebRequestContext.current();
        return c == null ? null : c.user();
    }

    /** The locale as a language tag ("en", "de"). */
    public String getLocale() {
        WebRequestContext c = WebRequestContext.current();
        return (c == null ? LocaleContextHolder.getLocale() : c.locale()).toLanguageTag();
    }

    /** All flash attributes that came with this request (after a redirect), by name. */
    public Map<String, Object> flashes() {
        WebRequestContext c = WebRequestContext.current();
        return c == null ? Map.of() : c.flashes();
    }

    /**
     * The flash messages of one type: the flash attribute of that name as a list (a collection is returned as is,
     * a single value as a one-element list, nothing as an empty list).
     */
    public List<Object> flashes(String type) {
        Object v = flashes().get(type);
        if (v == null) {
            return List.of();
        }
        if (v instanceof java.util.Collection<?> col) {
            return java.util.Collections.unmodifiableList(new java.util.ArrayList<>(col));
        }
        if (v instanceof Object[] arr) {
            return java.util.Collections.unmodifiableList(java.util.Arrays.asList(arr.clone()));
        }
        return List.of(v);
    }

    @Override
    public String toString() {
        return "app";
    }
}
