package dev.scimgateway.scim.schema;

/** When an attribute appears in a response (RFC 7643 §2.2 "returned"). */
public enum Returned {
    ALWAYS("always"),
    NEVER("never"),
    DEFAULT("default"),
    REQUEST("request");

    private final String wireName;

    Returned(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in schema documents. */
    public String wireName() {
        return wireName;
    }
}
