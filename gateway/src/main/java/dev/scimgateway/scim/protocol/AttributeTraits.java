package dev.scimgateway.scim.protocol;

import java.util.Optional;

/**
 * What protocol code needs to know of an attribute, without depending on the schema registry:
 * the schema package implements it. Filter evaluation, filter checking and PATCH use it.
 */
public interface AttributeTraits {

    /** The attribute's type, or empty when the resource type has no such attribute. */
    Optional<AttributeKind> kind(AttrPath path);

    /** Whether string comparison on this attribute is case-sensitive (RFC 7643 §2.2 caseExact). */
    boolean caseExact(AttrPath path);

    /** Whether the attribute is multi-valued. */
    boolean multiValued(AttrPath path);

    /**
     * The path as the schema spells it, or empty when unknown. The schema URN is kept only for
     * extension attributes, whose values live in the URN-keyed object of a resource.
     */
    Optional<AttrPath> canonicalPath(AttrPath path);

    /** Whether the URN names an extension schema of the resource type (a whole-extension PATCH path). */
    boolean isExtensionSchema(String urn);

    /** Whether clients may not write the attribute (RFC 7643 §2.2 mutability readOnly). */
    boolean readOnly(AttrPath path);

    /** The SCIM data types of RFC 7643 §2.3, with the names schemas give them. */
    enum AttributeKind {
        STRING("string"), BOOLEAN("boolean"), DECIMAL("decimal"), INTEGER("integer"), DATE_TIME("dateTime"),
        BINARY("binary"), REFERENCE("reference"), COMPLEX("complex");

        private final String wireName;

        AttributeKind(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<AttributeKind> fromWire(String name) {
            for (AttributeKind kind : values()) {
                if (kind.wireName.equalsIgnoreCase(name)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }
}
