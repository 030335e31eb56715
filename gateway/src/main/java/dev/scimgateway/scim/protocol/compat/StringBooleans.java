package dev.scimgateway.scim.protocol.compat;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Microsoft Entra ID sends boolean attributes as JSON strings, capitalised like .NET prints them:
 *
 * <pre>{@code
 * PATCH /Users/{id}
 * {"Operations": [{"op": "Replace", "path": "active", "value": "False"}]}
 * }</pre>
 *
 * The string {@code "False"} means the boolean {@code false}. Only the two words are accepted (in
 * any case); anything else stays a type error, because guessing at {@code "0"} or {@code "yes"}
 * would hide real mapping mistakes in the IdP configuration.
 */
public final class StringBooleans {

    private StringBooleans() {
    }

    /** The boolean a JSON boolean or an Entra-style string carries; empty for anything else. */
    public static Optional<Boolean> read(JsonNode value) {
        if (value.isBoolean()) {
            return Optional.of(value.booleanValue());
        }
        if (value.isString()) {
            String text = value.stringValue().strip();
            if (text.equalsIgnoreCase("true")) {
                return Optional.of(Boolean.TRUE);
            }
            if (text.equalsIgnoreCase("false")) {
                return Optional.of(Boolean.FALSE);
            }
        }
        return Optional.empty();
    }
}
