package dev.zweig.spring.web;

import java.util.Map;

/**
 * The request as templates see it ({@code app.request}): plain values only, never the servlet request or the
 * exchange themselves (they lead to the application context and class loaders).
 *
 * @param method the HTTP method (GET, POST...)
 * @param uri the request URI with its query string, as the client sent it
 * @param path the path within the application (without the context path)
 * @param queryString the raw query string, or null
 * @param query the query parameters (first value of each)
 * @param contextPath the application's context path ("" at the root)
 * @param scheme http or https
 * @param host the host name
 * @param port the port
 * @param secure whether the request came over HTTPS
 * @param locale the request's locale as a language tag ("en", "de-CH")
 */
public record AppRequest(String method, String uri, String path, String queryString, Map<String, String> query,
        String contextPath, String scheme, String host, int port, boolean secure, String locale) {

    public AppRequest {
        query = query == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(query));
    }
}
