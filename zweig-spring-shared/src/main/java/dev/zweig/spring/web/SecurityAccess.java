package dev.zweig.spring.web;

import java.security.Principal;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.util.ClassUtils;

/**
 * What Spring Security knows of the request: the user, their authorities, the CSRF token. The classes that name
 * Spring Security's types ({@link Core}, {@link Web}) are only loaded when it is on the class path; without it the
 * user is the request's principal and there is no CSRF token.
 */
public final class SecurityAccess {
    private static final ClassLoader LOADER = SecurityAccess.class.getClassLoader();
    public static final boolean PRESENT = ClassUtils.isPresent("org.springframework.security.core.Authentication", LOADER);
    public static final boolean WEB_PRESENT = PRESENT
            && ClassUtils.isPresent("org.springframework.security.web.csrf.CsrfToken", LOADER);

    /** The name of the request (exchange) attribute holding Spring Security's servlet (reactive) CSRF token. */
    public static final String SERVLET_CSRF_ATTRIBUTE = "org.springframework.security.web.csrf.CsrfToken";
    public static final String REACTIVE_CSRF_ATTRIBUTE = "org.springframework.security.web.server.csrf.CsrfToken";

    private SecurityAccess() {
    }

    /** The authenticated user (or null) and their authorities. */
    public record User(Object user, Set<String> authorities) {
        static final User ANONYMOUS = new User(null, Set.of());
    }

    /** The user of a principal: a Spring Security Authentication is unwrapped, another Principal kept as is. */
    public static User of(Principal principal) {
        if (PRESENT) {
            User u = Core.of(principal);
            if (u != null) {
                return u;
            }
        }
        return principal == null ? User.ANONYMOUS : new User(principal, Set.of());
    }

    /** The user of the current thread's security context (servlet requests), else of the request's principal. */
    public static User current(Principal requestPrincipal) {
        if (PRESENT) {
            User u = Core.current();
            if (u != null) {
                return u;
            }
        }
        return of(requestPrincipal);
    }

    /** A CSRF token (servlet or WebFlux) as a value, or null when it is none. */
    public static WebRequestContext.CsrfValue csrf(Object token) {
        return WEB_PRESENT && token != null ? Web.csrf(token) : null;
    }

    private static final class Core {
        static User current() {
            return of(org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication());
        }

        static User of(Object principal) {
            if (!(principal instanceof org.springframework.security.core.Authentication a)) {
                return null;
            }
            if (a instanceof org.springframework.security.authentication.AnonymousAuthenticationToken
                    || !a.isAuthenticated()) {
                return User.ANONYMOUS;
            }
            Set<String> names = new LinkedHashSet<>();
            for (org.springframework.security.core.GrantedAuthority g : a.getAuthorities()) {
                if (g.getAuthority() != null) {
                    names.add(g.getAuthority());
                }
            }
            return new User(a.getPrincipal(), names);
        }
    }

    private static final class Web {
        static WebRequestContext.CsrfValue csrf(Object token) {
            if (token instanceof org.springframework.security.web.csrf.CsrfToken t) {
                return new WebRequestContext.CsrfValue(t.getParameterName(), t.getHeaderName(), t.getToken());
            }
            if (token instanceof org.springframework.security.web.server.csrf.CsrfToken t) {
                return new WebRequestContext.CsrfValue(t.getParameterName(), t.getHeaderName(), t.getToken());
            }
            return null;
        }
    }
}
