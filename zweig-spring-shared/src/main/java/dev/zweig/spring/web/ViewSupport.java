package dev.zweig.spring.web;

import dev.zweig.Environment;
import dev.zweig.Template;
import dev.zweig.TemplateException;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/** What the Spring MVC and WebFlux views share: rendering a template with the request bound, and logging errors. */
public final class ViewSupport {
    private static final Log LOG = LogFactory.getLog("dev.zweig.spring");

    private ViewSupport() {
    }

    /**
     * Renders the template to a String with the request bound to the thread, so that nothing reaches the response
     * unless the whole page rendered. A template error is logged with Twig's message (template and line) and
     * rethrown for Spring's error handling.
     */
    public static String render(Environment environment, String name, Map<String, ?> variables,
            WebRequestContext request) {
        try {
            Template template = environment.load(name);
            return request.with(() -> template.render(variables));
        } catch (TemplateException e) {
            LOG.error("Template error while rendering " + request.request().method() + " "
                    + request.request().uri() + ": " + e.getMessage());
            throw e;
        }
    }

    /**
     * Adds attributes (of the request or the session) to the variables: only names usable as template variables,
     * and a name already in the model only when override is allowed.
     */
    public static void expose(Map<String, Object> variables, Map<String, Object> attributes, boolean override,
            String kind) {
        for (Map.Entry<String, Object> e : attributes.entrySet()) {
            String name = e.getKey();
            if (!WebRequestContext.isVariableName(name) || e.getValue() == null) {
                continue;
            }
            if (variables.containsKey(name) && !override) {
                throw new IllegalStateException("Cannot expose " + kind + " attribute '" + name
                        + "' because of an existing model object of the same name");
            }
            variables.put(name, e.getValue());
        }
    }

    /** The "scheme://host[:port]" of a request, the port left out when it is the scheme's default. */
    public static String origin(String scheme, String host, int port) {
        boolean defaultPort = port <= 0 || ("http".equalsIgnoreCase(scheme) && port == 80)
                || ("https".equalsIgnoreCase(scheme) && port == 443);
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return scheme + "://" + h + (defaultPort ? "" : ":" + port);
    }
}
