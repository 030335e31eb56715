package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps {@link CoreSchemas} readable: starts from the RFC 7643 §2.2 defaults (single-valued,
 * optional, caseExact false, readWrite, returned default, uniqueness none) so each definition
 * spells out only how it differs.
 */
final class AttributeBuilder {

    private final String name;
    private final AttributeKind type;
    private final String description;
    private boolean multiValued;
    private boolean required;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private List<String> canonicalValues = List.of();
    private List<String> referenceTypes = List.of();
    private final List<AttributeBuilder> subAttributes = new ArrayList<>();

    private AttributeBuilder(String name, AttributeKind type, String description) {
        this.name = name;
        this.type = type;
        this.description = description;
    }

    static AttributeBuilder string(String name, String description) {
        return new AttributeBuilder(name, AttributeKind.STRING, description);
    }

    static AttributeBuilder bool(String name, String description) {
        return new AttributeBuilder(name, AttributeKind.BOOLEAN, description);
    }

    static AttributeBuilder integer(String name, String description) {
        return new AttributeBuilder(name, AttributeKind.INTEGER, description);
    }

    static AttributeBuilder dateTime(String name, String description) {
        return new AttributeBuilder(name, AttributeKind.DATE_TIME, description);
    }

    static AttributeBuilder binary(String name, String description) {
        return new AttributeBuilder(name, AttributeKind.BINARY, description);
    }

    static AttributeBuilder reference(String name, String description, String... referenceTypes) {
        AttributeBuilder b = new AttributeBuilder(name, AttributeKind.REFERENCE, description);
        b.referenceTypes = List.of(referenceTypes);
        return b;
    }

    static AttributeBuilder complex(String name, String description, AttributeBuilder... subs) {
        AttributeBuilder b = new AttributeBuilder(name, AttributeKind.COMPLEX, description);
        b.subAttributes.addAll(List.of(subs));
        return b;
    }

    AttributeBuilder multiValued() {
        multiValued = true;
        return this;
    }

    AttributeBuilder required() {
        required = true;
        return this;
    }

    AttributeBuilder caseExact() {
        caseExact = true;
        return this;
    }

    AttributeBuilder mutability(Mutability value) {
        mutability = value;
        return this;
    }

    AttributeBuilder returned(Returned value) {
        returned = value;
        return this;
    }

    AttributeBuilder uniqueness(Uniqueness value) {
        uniqueness = value;
        return this;
    }

    AttributeBuilder canonicalValues(String... values) {
        canonicalValues = List.of(values);
        return this;
    }

    /** Applies a mutability to the attribute and all its sub-attributes, as RFC 7643 does for groups and meta. */
    AttributeBuilder deepMutability(Mutability value) {
        mutability = value;
        subAttributes.forEach(sub -> sub.deepMutability(value));
        return this;
    }

    AttributeDefinition build() {
        return new AttributeDefinition(name, type, multiValued, description, required, caseExact,
                mutability, returned, uniqueness, canonicalValues, referenceTypes,
                subAttributes.stream().map(AttributeBuilder::build).toList());
    }
}
