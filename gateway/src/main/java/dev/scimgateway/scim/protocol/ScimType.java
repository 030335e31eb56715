package dev.scimgateway.scim.protocol;

import org.jspecify.annotations.Nullable;

/** The {@code scimType} values of RFC 7644 §3.12 and RFC 9865, as sent on the wire. */
public enum ScimType {
    INVALID_FILTER("invalidFilter"),
    TOO_MANY("tooMany"),
    UNIQUENESS("uniqueness"),
    MUTABILITY("mutability"),
    INVALID_SYNTAX("invalidSyntax"),
    INVALID_PATH("invalidPath"),
    NO_TARGET("noTarget"),
    INVALID_VALUE("invalidValue"),
    INVALID_VERS("invalidVers"),
    SENSITIVE("sensitive"),
    INVALID_CURSOR("invalidCursor"),
    EXPIRED_CURSOR("expiredCursor"),
    INVALID_COUNT("invalidCount");

    private final String wireName;

    ScimType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static @Nullable ScimType fromWire(@Nullable String name) {
        for (ScimType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
