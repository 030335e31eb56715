package dev.scimgateway.scim.protocol.compat;

import java.util.Locale;
import java.util.Map;

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
public final class OneLoginSchemaUrns {

    static final String STANDARD_USER = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String STANDARD_ENTERPRISE_USER =
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

    private static final Map<String, String> ALIASES = Map.of(
            "urn:scim:schemas:core:2.0", STANDARD_USER,
            "urn:scim:schemas:extension:enterprise:2.0", STANDARD_ENTERPRISE_USER);

    private OneLoginSchemaUrns() {
    }

    /** The standard URN the given one stands for; any other URN is returned unchanged. */
    public static String standardize(String urn) {
        return ALIASES.getOrDefault(urn.toLowerCase(Locale.ROOT), urn);
    }

    /** Whether the URN is one of OneLogin's non-standard spellings. */
    public static boolean isAlias(String urn) {
        return ALIASES.containsKey(urn.toLowerCase(Locale.ROOT));
    }
}
