package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.NulCharacters;
import dev.scimgateway.scim.protocol.ScimException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** Type checks and coercions for the simple SCIM data types of RFC 7643 §2.3. */
final class ScalarValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_SHOWN = 60;

    private ScalarValues() {
    }

    /** The value, possibly coerced to the attribute's type; throws invalidValue when it cannot be. */
    static JsonNode normalize(AttributeDefinition definition, JsonNode value, String path) {
        if (value.isString() && NulCharacters.in(value.stringValue())) {
            throw NulCharacters.inValueOf(path);
        }
        return switch (definition.type()) {
            case STRING -> string(value, path);
            case BOOLEAN -> require(value.isBoolean(), value, path, "a boolean");
            case INTEGER -> require(value.isIntegralNumber(), value, path, "an integer");
            case DECIMAL -> require(value.isNumber(), value, path, "a decimal number");
            case DATE_TIME -> require(value.isString() && isDateTime(value.stringValue()), value, path,
                    "a dateTime (ISO-8601, e.g. \"2024-01-31T12:00:00Z\")");
            case REFERENCE -> require(value.isString() && isUri(value.stringValue()), value, path,
                    "a reference (URI)");
            case BINARY -> require(value.isString() && isBase64(value.stringValue()), value, path,
                    "base64-encoded binary");
            case COMPLEX -> throw new IllegalArgumentException("complex attribute " + path + " is not a scalar");
        };
    }

    static ScimException mismatch(String path, String expected, JsonNode value) {
        String shown = value.toString();
        if (shown.length() > MAX_SHOWN) {
            shown = shown.substring(0, MAX_SHOWN) + "…";
        }
        return ScimException.invalidValue("Attribute '" + path + "' must be " + expected + ", got " + shown);
    }

    /**
     * IdP mapping expressions sometimes emit string-typed identifiers such as employeeNumber as
     * JSON numbers; writing the digits as a string loses nothing, so that is accepted.
     */
    private static JsonNode string(JsonNode value, String path) {
        if (value.isString()) {
            return value;
        }
        if (value.isIntegralNumber()) {
            return NODES.stringNode(value.asString());
        }
        throw mismatch(path, "a string", value);
    }

    private static JsonNode require(boolean ok, JsonNode value, String path, String expected) {
        if (!ok) {
            throw mismatch(path, expected, value);
        }
        return value;
    }

    /** xsd:dateTime as RFC 7643 §2.3.5 asks for; the offset is optional there. */
    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException withOffset) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException withoutOffset) {
                return false;
            }
        }
    }

    private static boolean isUri(String text) {
        try {
            new URI(text);
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /** Line breaks are tolerated because PEM-style wrapped certificates are common. */
    private static boolean isBase64(String text) {
        try {
            Base64.getDecoder().decode(text.replaceAll("\\s", ""));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
