package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.JsonProperties;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * OneLogin writes pre-standard (draft SCIM 2.0) schema URNs. A user create from OneLogin looks like
 *
 * <pre>{@code
 * POST /Users
 * {"schemas": ["urn:scim:schemas:core:2.0", "urn:scim:schemas:extension:enterprise:2.0"],
 *  "userName": "jane@example.com",
 *  "urn:scim:schemas:extension:enterprise:2.0": {"department": "Sales"}}
 * }</pre>
 *
 * and means exactly the RFC 7643 User with the Enterprise User extension:
 * {@code urn:scim:schemas:core:2.0} is {@code urn:ietf:params:scim:schemas:core:2.0:User} and
 * {@code urn:scim:schemas:extension:enterprise:2.0} is
 * {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}. The same prefixes may qualify
 * attribute names ({@code urn:scim:schemas:extension:enterprise:2.0:department}).
 */
final class OneLoginSchemaUrns {

    static final String STANDARD_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String STANDARD_ENTERPRISE_USER =
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    /** What both aliases start with; a cheap test that lets every other path through untouched. */
    private static final String ALIAS_PREFIX = "urn:scim:";

    private static final Map<String, String> ALIASES = Map.of(
            "urn:scim:schemas:core:2.0", STANDARD_USER,
            "urn:scim:schemas:extension:enterprise:2.0", STANDARD_ENTERPRISE_USER);

    private OneLoginSchemaUrns() {
    }

    /** The standard URN the given one stands for; any other URN is returned unchanged. */
    static String standardize(String urn) {
        return ALIASES.getOrDefault(urn.toLowerCase(Locale.ROOT), urn);
    }

    /** Whether the URN is one of OneLogin's non-standard spellings. */
    static boolean isAlias(String urn) {
        return ALIASES.containsKey(urn.toLowerCase(Locale.ROOT));
    }

    /**
     * An attribute path or a schema key with a standard URN: {@code urn:scim:schemas:core:2.0:userName}
     * becomes {@code urn:ietf:params:scim:schemas:core:2.0:User:userName}. As in RFC 7644 §3.10, the
     * URN is what precedes the last ':'.
     */
    static String standardizePath(String path) {
        if (!path.regionMatches(true, 0, ALIAS_PREFIX, 0, ALIAS_PREFIX.length())) {
            return path;
        }
        if (isAlias(path)) {
            return standardize(path);
        }
        int colon = path.lastIndexOf(':');
        String urn = path.substring(0, colon);
        return isAlias(urn) ? standardize(urn) + path.substring(colon) : path;
    }

    /** The {@code schemas} array of a resource body with standard URNs. */
    static void standardizeSchemas(ObjectNode body) {
        if (JsonProperties.get(body, "schemas") instanceof ArrayNode schemas) {
            for (int i = 0; i < schemas.size(); i++) {
                JsonNode urn = schemas.get(i);
                if (urn.isString() && isAlias(urn.stringValue())) {
                    schemas.set(i, standardize(urn.stringValue()));
                }
            }
        }
    }
}
