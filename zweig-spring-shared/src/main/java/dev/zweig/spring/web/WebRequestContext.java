package dev.zweig.spring.web;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the web helpers ({@code path()}, {@code asset()}, {@code csrf_field()}, {@code is_granted()}, {@code app}...)
 * know of the request being rendered. The Spring MVC and WebFlux views build one per render and bind it to the
 * rendering thread for the duration of {@link #with}: rendering is synchronous, so the helpers, macros and
 * included templates all see the request that is being answered and no other.
 *
 * @param locale the request's locale (Spring's LocaleResolver / LocaleContext)
 * @param contextPath the application's context path ("" at the root)
 * @param origin scheme, host and port of the request ({@code https://example.org}), for absolute URLs
 * @param request the request as templates see it ({@code app.request})
 * @param session the session's attributes (names usable as variables), or null when there is no session
 * @param user the authenticated user (Spring Security's principal or the request's user principal), or null
 * @param authorities the user's granted authorities ({@code ROLE_ADMIN}...), empty when anonymous
 * @param csrf the CSRF token of the request, or null when CSRF protection is not active
 * @param flashes the flash attributes that came with this request (after a redirect)
 * @param assets turns an asset path ("/css/app.css") into its public path (versioned when configured)
 * @param model the model of the view, to find binding results
 */
public record WebRequestContext(Locale locale, String contextPath, String origin, AppRequest request,
        Map<String, Object> session, Object user, Set<String> authorities, CsrfValue csrf,
        Map<String, Object> flashes, UnaryOperator<String> assets, Map<String, ?> model) {

    private static final ThreadLocal<WebRequestContext> CURRENT = new ThreadLocal<>();

    public WebRequestContext {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(contextPath, "contextPath");
        Objects.requireNonNull(request, "request");
        authorities = Set.copyOf(authorities);
        flashes = flashes == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(flashes));
        model = model == null ? Map.of() : model;
        assets = assets == null ? UnaryOperator.identity() : assets;
    }

    /** A CSRF token: the form parameter and header that carry it, and its value. */
    public record CsrfValue(String parameterName, String headerName, String token) {
    }

    /** The context bound to the current thread, or null outside a web render. */
    public static WebRequestContext current() {
        return CURRENT.get();
    }

    /** Runs body with this context bound to the current thread; the previous binding is restored afterwards. */
    public <T> T with(Supplier<T> body) {
        WebRequestContext previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** Whether a name can be written as a template variable (attributes of other names stay hidden). */
    public static boolean isVariableName(String name) {
        if (name == null || name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
