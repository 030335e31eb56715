package dev.scimgateway.scim.protocol.compat;

import dev.scimgateway.scim.protocol.JsonProperties;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Entra ID capitalises the operation names of a PATCH:
 * <pre>{"op":"Replace","path":"active","value":"False"}</pre>
 * RFC 7644 §3.5.2 names them {@code add}, {@code remove} and {@code replace}; a name in any other
 * case can only mean the same operation, so it is written in lower case.
 */
final class EntraCapitalisedOps {

    private EntraCapitalisedOps() {}

    /** The operation's {@code op}, now in lower case; null when it has no string {@code op}. */
    static @Nullable String lowerCase(ObjectNode operation) {
        String key = JsonProperties.key(operation, "op");
        JsonNode op = key == null ? null : operation.get(key);
        if (op == null || !op.isString()) {
            return null;
        }
        String lower = op.stringValue().toLowerCase(Locale.ROOT);
        if (!lower.equals(op.stringValue())) {
            operation.put(key, lower);
        }
        return lower;
    }
}
