package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.JsonProperties;
import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.protocol.filter.PatchPath;
import dev.scimgateway.scim.protocol.filter.PatchPathParser;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entra ID sets a sub-attribute of a user's work e-mail or address with a filtered path whether or
 * not the user has such a value:
 * <pre>{"op":"Replace","path":"emails[type eq \"work\"].value","value":"ann@example.com"}</pre>
 * RFC 7644 §3.5.2.3 answers a replace whose filter matches nothing with 400 noTarget, and Entra
 * would keep failing the user. What it means is the add of §3.5.2.1 with that path: set the
 * sub-attribute of the matching values, or add the value the filter names. The capital R is
 * Entra's (see {@link EntraCapitalisedOps}); a lower-case replace keeps its strict meaning.
 */
final class EntraFilteredReplace {

    private EntraFilteredReplace() {}

    /** Rewrites Entra's {@code Replace} of a filtered sub-attribute, as the client wrote it, to {@code add}. */
    static void asAdd(ObjectNode operation, @Nullable String pathText) {
        String key = JsonProperties.key(operation, "op");
        JsonNode op = key == null ? null : operation.get(key);
        if (key != null && op != null && "Replace".equals(op.asString()) && pathText != null && filtersSubAttribute(pathText)) {
            operation.put(key, "add");
        }
    }

    private static boolean filtersSubAttribute(String pathText) {
        try {
            PatchPath path = PatchPathParser.parse(pathText);
            return path.valueFilter() != null && path.subAttribute() != null;
        } catch (ScimException malformed) {
            return false; // the PATCH parser refuses it with its own error
        }
    }
}
