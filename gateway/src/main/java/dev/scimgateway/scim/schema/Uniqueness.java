package dev.scimgateway.scim.schema;

/** The scope in which an attribute value must be unique (RFC 7643 §2.2 "uniqueness"). */
public enum Uniqueness {
    NONE("none"),
    SERVER("server"),
    GLOBAL("global");

    private final String wireName;

    Uniqueness(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in schema documents. */
    public String wireName() {
        return wireName;
    }
}
