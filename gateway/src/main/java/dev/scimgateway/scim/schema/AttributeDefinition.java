package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import java.util.List;
import java.util.Optional;

/**
 * One attribute of a schema with the characteristics of RFC 7643 §2.2 and §7. Sub-attributes are
 * present only for {@link AttributeKind#COMPLEX} attributes.
 */
public record AttributeDefinition(
        String name,
        AttributeKind type,
        boolean multiValued,
        String description,
        boolean required,
        boolean caseExact,
        Mutability mutability,
        Returned returned,
        Uniqueness uniqueness,
        List<String> canonicalValues,
        List<String> referenceTypes,
        List<AttributeDefinition> subAttributes) {

    public AttributeDefinition {
        canonicalValues = List.copyOf(canonicalValues);
        referenceTypes = List.copyOf(referenceTypes);
        subAttributes = List.copyOf(subAttributes);
    }

    /** The sub-attribute with this name, compared case-insensitively as SCIM names are. */
    public Optional<AttributeDefinition> subAttribute(String subName) {
        for (AttributeDefinition sub : subAttributes) {
            if (sub.name.equalsIgnoreCase(subName)) {
                return Optional.of(sub);
            }
        }
        return Optional.empty();
    }

    public boolean isComplex() {
        return type == AttributeKind.COMPLEX;
    }

    public boolean isReadOnly() {
        return mutability == Mutability.READ_ONLY;
    }
}
