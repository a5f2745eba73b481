package dev.zweig.spring.web;

import dev.zweig.TemplateRuntimeException;
import dev.zweig.ext.Extension;
import dev.zweig.ext.FunctionDefinition;
import dev.zweig.ext.Param;
import dev.zweig.ext.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.ObjectError;
import org.springframework.web.util.HtmlUtils;

/**
 * The web helpers of Symfony's Twig bridge over Spring: {@code path(name, params)} and {@code url(name, params)}
 * over the named request mappings ({@link RouteIndex}), {@code asset(path)} with the context path and Spring's
 * resource versioning, {@code csrf_token()} and {@code csrf_field()} (Spring Security), {@code is_granted(role)},
 * {@code errors(object, field)} (the binding errors of a form object), and the {@code app} global
 * ({@link AppVariable}). They read the request of the current render ({@link WebRequestContext#current()}).
 */
public final class WebExtension implements Extension {
    private final RouteIndex routes;
    private final MessageSource messages;

    public WebExtension(RouteIndex routes, MessageSource messages) {
        this.routes = Objects.requireNonNull(routes, "routes");
        this.messages = Objects.requireNonNull(messages, "messages");
    }

    public RouteIndex routes() {
        return routes;
    }

    @Override
    public List<FunctionDefinition> functions() {
        return List.of(
                FunctionDefinition.of("path", (ctx, args) -> path(args[0], args[1]))
                        .params(Param.required("name"), Param.optional("parameters", Map.of())),
                FunctionDefinition.of("url", (ctx, args) -> url(args[0], args[1]))
                        .params(Param.required("name"), Param.optional("parameters", Map.of())),
                FunctionDefinition.of("asset", (ctx, args) -> asset(args[0])).params(Param.required("path")),
                FunctionDefinition.of("csrf_token", (ctx, args) -> csrfToken()).params(Param.optional("id", null)),
                FunctionDefinition.of("csrf_field", (ctx, args) -> csrfField()).safe("html"),
                FunctionDefinition.of("is_granted", (ctx, args) -> isGranted(args[0])).params(Param.required("role")),
                FunctionDefinition.of("errors", (ctx, args) -> errors(args[0], args[1]))
                        .params(Param.required("form"), Param.optional("field", null)));
    }

    @Override
    public Map<String, Object> globals() {
        return Map.of("app", AppVariable.INSTANCE);
    }

    private static WebRequestContext request(String function) {
        WebRequestContext c = WebRequestContext.current();
        if (c == null) {
            throw new TemplateRuntimeException(function + "() can only be used while a web request is rendered.");
        }
        return c;
    }

    private String path(Object name, Object params) {
        WebRequestContext c = WebRequestContext.current();
        String path = routes.path(Values.toString(name), params instanceof Map<?, ?> m ? m : Map.of());
        return (c == null ? "" : c.contextPath()) + path;
    }

    private String url(Object name, Object params) {
        WebRequestContext c = request("url");
        return c.origin() + c.contextPath() + routes.path(Values.toString(name),
                params instanceof Map<?, ?> m ? m : Map.of());
    }

    private static String asset(Object path) {
        String p = Values.toString(path);
        if (p.contains("://") || p.startsWith("//")) {
            return p; // already absolute
        }
        String lookup = p.startsWith("/") ? p : "/" + p;
        WebRequestContext c = WebRequestContext.current();
        return c == null ? lookup : c.contextPath() + c.assets().apply(lookup);
    }

    private static String csrfToken() {
        WebRequestContext c = request("csrf_token");
        return c.csrf() == null ? "" : c.csrf().token();
    }

    private static String csrfField() {
        WebRequestContext.CsrfValue t = request("csrf_field").csrf();
        if (t == null) {
            return "";
        }
        return "<input type=\"hidden\" name=\"" + HtmlUtils.htmlEscape(t.parameterName()) + "\" value=\""
                + HtmlUtils.htmlEscape(t.token()) + "\">";
    }

    private static boolean isGranted(Object role) {
        WebRequestContext c = WebRequestContext.current();
        if (c == null) {
            return false;
        }
        String r = Values.toString(role);
        switch (r) {
            case "PUBLIC_ACCESS":
                return true;
            case "IS_AUTHENTICATED":
            case "IS_AUTHENTICATED_FULLY":
            case "IS_AUTHENTICATED_REMEMBERED":
                return c.user() != null;
            default:
                Set<String> granted = c.authorities();
                return granted.contains(r) || (!r.startsWith("ROLE_") && granted.contains("ROLE_" + r));
        }
    }

    /**
     * The messages of the binding errors of a form object (the object itself, or its model name), for one field
     * or, without a field, all of them; in the request's locale.
     */
    private List<String> errors(Object form, Object field) {
        WebRequestContext c = request("errors");
        Errors errors = bindingResult(c.model(), form);
        if (errors == null) {
            return List.of();
        }
        List<? extends ObjectError> found = field == null ? errors.getAllErrors()
                : errors.getFieldErrors(Values.toString(field));
        Locale locale = c.locale();
        List<String> out = new ArrayList<>(found.size());
        for (ObjectError e : found) {
            out.add(messages.getMessage(e, locale));
        }
        return out;
    }

    private static Errors bindingResult(Map<String, ?> model, Object form) {
        if (form instanceof CharSequence name) {
            Object r = model.get(BindingResult.MODEL_KEY_PREFIX + name);
            return r instanceof Errors e ? e : null;
        }
        for (Map.Entry<String, ?> e : model.entrySet()) {
            if (e.getKey().startsWith(BindingResult.MODEL_KEY_PREFIX) && e.getValue() instanceof BindingResult br
                    && br.getTarget() == form) {
                return br;
            }
        }
        return null;
    }
}
