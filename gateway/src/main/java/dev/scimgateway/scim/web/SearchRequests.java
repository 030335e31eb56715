package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /.search} bodies (RFC 7644 §3.4.3) read as the same parameters a GET takes, so both
 * go through one parser: a SearchRequest is the query string moved into the body, with
 * {@code attributes} as arrays and numbers as numbers.
 */
public final class SearchRequests {

    public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

    private SearchRequests() {}

    public static ScimQuery.Parameters parameters(ObjectNode body) {
        return name -> {
            JsonNode value = JsonProperties.get(body, name);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isArray()) {
                List<String> items = new ArrayList<>();
                for (JsonNode item : value) {
                    if (!item.isString()) {
                        throw ScimException.invalidSyntax("'" + name + "' must be an array of strings");
                    }
                    items.add(item.stringValue());
                }
                return String.join(",", items);
            }
            if (value.isString() || value.isNumber()) {
                return value.asString();
            }
            throw ScimException.invalidSyntax("'" + name + "' must be a string or a number, got " + value);
        };
    }
}
