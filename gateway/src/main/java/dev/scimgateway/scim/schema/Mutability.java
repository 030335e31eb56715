package dev.scimgateway.scim.schema;

/** How an attribute may be changed by clients (RFC 7643 §2.2 "mutability"). */
public enum Mutability {
    READ_ONLY("readOnly"),
    READ_WRITE("readWrite"),
    IMMUTABLE("immutable"),
    WRITE_ONLY("writeOnly");

    private final String wireName;

    Mutability(String wireName) {
        this.wireName = wireName;
    }

    /** The spelling used in schema documents. */
    public String wireName() {
        return wireName;
    }
}
