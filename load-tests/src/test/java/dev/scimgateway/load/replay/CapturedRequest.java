package dev.scimgateway.load.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a traffic file (format version 1, described in src/site/load-testing.md).
 *
 * @param t milliseconds since the first captured request
 * @param method HTTP method, upper case
 * @param path path below the SCIM base URL, as received (still percent-encoded), e.g. {@code /Users/…}
 * @param query raw query string without {@code ?}, or null
 * @param headers the headers that change what the gateway does, names in lower case
 * @param auth how the token was presented: {@code bearer} or {@code bare} (the token itself is never captured)
 * @param body the JSON body, passwords removed, or null
 * @param rawBody a body that was not JSON, as text, or null
 * @param status the status the capturing gateway answered, or null
 * @param id for a request that created a resource, the id the capturing gateway assigned, or null
 */
public record CapturedRequest(long t, String method, String path, String query, Map<String, String> headers,
        String auth, JsonNode body, String rawBody, Integer status, String id) {

    public CapturedRequest {
        method = method.toUpperCase(Locale.ROOT);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        auth = auth == null ? "bearer" : auth;
    }

    public boolean hasBody() {
        return body != null || rawBody != null;
    }

    public String bodyText() {
        return body != null ? body.toString() : rawBody;
    }

    public String pathAndQuery() {
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }

    /** The first path segment: {@code Users}, {@code Groups}, … (endpoint names match case-insensitively). */
    public String endpoint() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }
}
