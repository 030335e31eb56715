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

    /** The SCIM data types of RFC 7643 §2.3. */
    enum AttributeKind {
        STRING, BOOLEAN, DECIMAL, INTEGER, DATE_TIME, BINARY, REFERENCE, COMPLEX
    }
}
