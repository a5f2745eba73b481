package dev.zweig.spring.servlet;

import dev.zweig.Environment;
import dev.zweig.spring.web.AppRequest;
import dev.zweig.spring.web.SecurityAccess;
import dev.zweig.spring.web.ViewSupport;
import dev.zweig.spring.web.WebRequestContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.resource.ResourceUrlProvider;
import org.springframework.web.servlet.resource.ResourceUrlProviderExposingInterceptor;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.servlet.view.AbstractUrlBasedView;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;
import org.springframework.web.util.UrlPathHelper;

/**
 * A Spring MVC view rendered by a Zweig template: the model is the template's variables, the template is found
 * by the view's URL (the template name). The page is rendered completely before anything is written, so a
 * template error leaves the response untouched for Spring's error handling.
 */
public class ZweigView extends AbstractUrlBasedView {
    private static final UrlPathHelper PATHS = new UrlPathHelper();

    private final Environment environment;
    private boolean exposeRequestAttributes;
    private boolean exposeSessionAttributes;
    private boolean allowRequestOverride;
    private boolean allowSessionOverride;

    public ZweigView(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public Environment getEnvironment() {
        return environment;
    }

    public void setExposeRequestAttributes(boolean expose) {
        this.exposeRequestAttributes = expose;
    }

    public void setExposeSessionAttributes(boolean expose) {
        this.exposeSessionAttributes = expose;
    }

    public void setAllowRequestOverride(boolean allow) {
        this.allowRequestOverride = allow;
    }

    public void setAllowSessionOverride(boolean allow) {
        this.allowSessionOverride = allow;
    }

    @Override
    public boolean checkResource(Locale locale) {
        return environment.loader().exists(getUrl());
    }

    @Override
    protected void renderMergedOutputModel(Map<String, Object> model, HttpServletRequest request,
            HttpServletResponse response) throws Exception {
        Map<String, Object> variables = new LinkedHashMap<>(model);
        if (exposeRequestAttributes) {
            Map<String, Object> attributes = new LinkedHashMap<>();
            for (String name : Collections.list(request.getAttributeNames())) {
                attributes.put(name, request.getAttribute(name));
            }
            ViewSupport.expose(variables, attributes, allowRequestOverride, "request");
        }
        HttpSession session = request.getSession(false);
        Map<String, Object> sessionAttributes = session == null ? null : sessionAttributes(session);
        if (exposeSessionAttributes && sessionAttributes != null) {
            ViewSupport.expose(variables, sessionAttributes, allowSessionOverride, "session");
        }
        WebRequestContext context = requestContext(request, sessionAttributes, model);
        String page = ViewSupport.render(environment, getUrl(), variables, context);
        response.setContentType(getContentType());
        response.getWriter().write(page);
    }

    private static Map<String, Object> sessionAttributes(HttpSession session) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        try {
            for (String name : Collections.list(session.getAttributeNames())) {
                if (WebRequestContext.isVariableName(name)) {
                    attributes.put(name, session.getAttribute(name));
                }
            }
        } catch (IllegalStateException invalidated) {
            return null;
        }
        return Collections.unmodifiableMap(attributes);
    }

    private WebRequestContext requestContext(HttpServletRequest request, Map<String, Object> session,
            Map<String, ?> model) {
        Locale locale = RequestContextUtils.getLocale(request);
        String contextPath = PATHS.getContextPath(request);
        String query = request.getQueryString();
        String uri = request.getRequestURI() + (query == null ? "" : "?" + query);
        AppRequest app = new AppRequest(request.getMethod(), uri, PATHS.getPathWithinApplication(request), query,
                queryParameters(query), contextPath, request.getScheme(), request.getServerName(),
                request.getServerPort(), request.isSecure(), locale.toLanguageTag());
        SecurityAccess.User user = SecurityAccess.current(request.getUserPrincipal());
        Map<String, ?> input = RequestContextUtils.getInputFlashMap(request);
        Map<String, Object> flashes = input == null ? null : new LinkedHashMap<>(input);
        return new WebRequestContext(locale, contextPath,
                ViewSupport.origin(request.getScheme(), request.getServerName(), request.getServerPort()), app,
                session, user.user(), user.authorities(),
                SecurityAccess.csrf(request.getAttribute(SecurityAccess.SERVLET_CSRF_ATTRIBUTE)), flashes,
                assets(request), model);
    }

    private UnaryOperator<String> assets(HttpServletRequest request) {
        Object attr = request.getAttribute(ResourceUrlProviderExposingInterceptor.RESOURCE_URL_PROVIDER_ATTR);
        ResourceUrlProvider provider = attr instanceof ResourceUrlProvider p ? p
                : getApplicationContext() == null ? null
                        : getApplicationContext().getBeanProvider(ResourceUrlProvider.class).getIfUnique();
        if (provider == null) {
            return UnaryOperator.identity();
        }
        return path -> {
            String versioned = provider.getForLookupPath(path);
            return versioned != null ? versioned : path;
        };
    }

    static Map<String, String> queryParameters(String query) {
        if (query == null || query.isEmpty()) {
            return Map.of();
        }
        MultiValueMap<String, String> raw = UriComponentsBuilder.newInstance().query(query).build().getQueryParams();
        Map<String, String> out = new LinkedHashMap<>();
        raw.forEach((k, v) -> out.put(decode(k),
                v.isEmpty() || v.get(0) == null ? "" : decode(v.get(0))));
        return out;
    }

    private static String decode(String s) {
        return UriUtils.decode(s.replace("+", "%20"), "UTF-8");
    }
}
