package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.AttributeTraits;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Where what clients send becomes strict RFC 7643/7644, once, before any protocol code reads it:
 * the web layer passes query parameters, SearchRequest parameters, the ids of discovery paths and
 * the bodies of writes through here, the bulk endpoint each operation. The filter parser, the PATCH
 * engine and schema validation then know only the RFC. Each rewrite is one quirk class of this
 * package, which quotes what its client sends; this class says which part of a request each one
 * applies to. A rewrite never refuses anything: what is still wrong after it is refused by the
 * strict code, with the error a strict client would get.
 */
public final class ClientQuirks {

    private ClientQuirks() {}

    /**
     * A list or search parameter in strict form: {@code filter} (bare values, OneLogin URNs),
     * {@code attributes}, {@code excludedAttributes} and {@code sortBy} (value filters dropped,
     * OneLogin URNs); any other parameter as it came.
     */
    public static @Nullable String parameter(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return switch (name) {
            case "filter" -> FilterText.strict(value);
            case "attributes", "excludedAttributes", "sortBy" -> attributeList(value);
            default -> value;
        };
    }

    /** The id of {@code GET /Schemas/{id}}, a standard URN for OneLogin's. */
    public static String schemaId(String id) {
        return OneLoginSchemaUrns.standardize(id);
    }

    /**
     * The body of a write, rewritten in place: a resource for POST and PUT, a PatchOp for PATCH;
     * other methods carry no body to rewrite.
     *
     * @param schemas the attributes of the resource type written to
     * @param resourceId the id the request's path names (PUT, PATCH), as written there
     */
    public static ObjectNode body(String method, ObjectNode body, AttributeTraits schemas, @Nullable String resourceId) {
        switch (method.toUpperCase(Locale.ROOT)) {
            case "POST", "PUT" -> ResourceBodies.strict(body, schemas);
            case "PATCH" -> PatchBodies.strict(body, schemas, resourceId);
            default -> { }
        }
        return body;
    }

    private static String attributeList(String commaSeparated) {
        return Arrays.stream(FilteredAttributeNames.withoutValueFilters(commaSeparated).split(",", -1))
                .map(name -> OneLoginSchemaUrns.standardizePath(name.strip()))
                .collect(Collectors.joining(","));
    }
}
