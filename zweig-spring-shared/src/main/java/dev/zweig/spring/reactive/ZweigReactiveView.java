package dev.zweig.spring.reactive;

import dev.zweig.Environment;
import dev.zweig.spring.web.AppRequest;
import dev.zweig.spring.web.SecurityAccess;
import dev.zweig.spring.web.ViewSupport;
import dev.zweig.spring.web.WebRequestContext;
import java.net.URI;
import java.nio.charset.Charset;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.reactive.result.view.AbstractUrlBasedView;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import reactor.core.publisher.Mono;

/**
 * A WebFlux view rendered by a Zweig template. The principal, the CSRF token and the session are resolved first,
 * then the page is rendered in one piece (rendering is CPU-only: templates do no I/O but loading their source) and
 * written as one buffer.
 */
public class ZweigReactiveView extends AbstractUrlBasedView {
    private static final Object NONE = new Object();

    private final Environment environment;
    private boolean exposeSessionAttributes;
    private boolean allowSessionOverride;

    public ZweigReactiveView(Environment environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    public Environment getEnvironment() {
        return environment;
    }

    public void setExposeSessionAttributes(boolean expose) {
        this.exposeSessionAttributes = expose;
    }

    public void setAllowSessionOverride(boolean allow) {
        this.allowSessionOverride = allow;
    }

    @Override
    public boolean checkResourceExists(Locale locale) {
        return environment.loader().exists(getUrl());
    }

    @Override
    protected Mono<Void> renderInternal(Map<String, Object> model, MediaType contentType,
            ServerWebExchange exchange) {
        Mono<Object> principal = exchange.getPrincipal().cast(Object.class).defaultIfEmpty(NONE);
        Object csrfAttribute = exchange.getAttribute(SecurityAccess.REACTIVE_CSRF_ATTRIBUTE);
        Mono<Object> csrf = csrfAttribute instanceof Mono<?> m ? m.cast(Object.class).defaultIfEmpty(NONE)
                : Mono.just(csrfAttribute == null ? NONE : csrfAttribute);
        Mono<Optional<WebSession>> session = exchange.getSession().map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(principal, csrf, session).flatMap(t -> {
            Map<String, Object> sessionAttributes = t.getT3().filter(WebSession::isStarted)
                    .map(ZweigReactiveView::sessionAttributes).orElse(null);
            Map<String, Object> variables = new LinkedHashMap<>(model);
            if (exposeSessionAttributes && sessionAttributes != null) {
                ViewSupport.expose(variables, sessionAttributes, allowSessionOverride, "session");
            }
            WebRequestContext context = requestContext(exchange, t.getT1() == NONE ? null : (Principal) t.getT1(),
                    t.getT2() == NONE ? null : t.getT2(), sessionAttributes, model);
            String page = ViewSupport.render(environment, getUrl(), variables, context);
            MediaType type = contentType != null ? contentType : getSupportedMediaTypes().get(0);
            Charset charset = type.getCharset() != null ? type.getCharset() : getDefaultCharset();
            if (exchange.getResponse().getHeaders().getContentType() == null) {
                exchange.getResponse().getHeaders().setContentType(new MediaType(type, charset));
            }
            DataBuffer buffer = exchange.getResponse().bufferFactory().wrap(page.getBytes(charset));
            return exchange.getResponse().writeWith(Mono.just(buffer));
        });
    }

    private static Map<String, Object> sessionAttributes(WebSession session) {
        Map<String, Object> attributes = new LinkedHashMap<>();
        session.getAttributes().forEach((k, v) -> {
            if (WebRequestContext.isVariableName(k)) {
                attributes.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(attributes);
    }

    private static WebRequestContext requestContext(ServerWebExchange exchange, Principal principal, Object csrf,
            Map<String, Object> session, Map<String, ?> model) {
        ServerHttpRequest request = exchange.getRequest();
        Locale locale = exchange.getLocaleContext().getLocale() != null ? exchange.getLocaleContext().getLocale()
                : Locale.getDefault();
        URI uri = request.getURI();
        String contextPath = request.getPath().contextPath().value();
        String query = uri.getRawQuery();
        String path = request.getPath().pathWithinApplication().value();
        Map<String, String> params = new LinkedHashMap<>();
        request.getQueryParams().forEach((k, v) -> params.put(k, v.isEmpty() || v.get(0) == null ? "" : v.get(0)));
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme();
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        AppRequest app = new AppRequest(request.getMethod().name(), uri.getRawPath() + (query == null ? "" : "?" + query),
                path, query, params, contextPath, scheme, host, uri.getPort(), "https".equalsIgnoreCase(scheme),
                locale.toLanguageTag());
        SecurityAccess.User user = SecurityAccess.of(principal);
        return new WebRequestContext(locale, contextPath, ViewSupport.origin(scheme, host, uri.getPort()), app,
                session, user.user(), user.authorities(), SecurityAccess.csrf(csrf), Map.of(), null, model);
    }
}
