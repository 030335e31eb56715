package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The string attributes the store keeps in btree-indexed columns, some as {@code lower(…)}, and how
 * long they may be. PostgreSQL refuses an index row of more than about 2,700 bytes with an error
 * the client could not act on; {@value #MAX_LENGTH} characters are at most 2,048 bytes in UTF-8
 * even when every character takes four (lower-casing never makes one longer than four), which
 * leaves room for the tenant id that shares the row. So a longer value is refused before any write.
 */
public final class IndexedStrings {

    /** In characters (Unicode code points), as clients count them; documented in the API guide. */
    public static final int MAX_LENGTH = 512;

    /** The same names on User and Group; their canonical spelling, as the validator writes them. */
    private static final List<String> INDEXED = List.of("userName", "externalId", "displayName");

    private IndexedStrings() {
    }

    /** Throws invalidValue naming the first indexed attribute of the normalized resource that is too long. */
    static void checkLengths(ObjectNode resource) {
        for (String name : INDEXED) {
            JsonNode value = resource.get(name);
            if (value != null && value.isString()) {
                checkLength(name, value.stringValue());
            }
        }
    }

    private static void checkLength(String name, String value) {
        int length = value.codePointCount(0, value.length());
        if (length > MAX_LENGTH) {
            throw ScimException.invalidValue("Attribute '" + name + "' is " + length + " characters long; it is indexed"
                    + " for lookups and may be at most " + MAX_LENGTH + " characters");
        }
    }
}
