package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttrPath;
import org.jspecify.annotations.Nullable;

/**
 * An attribute path resolved against a resource type: the schema that owns it, the top-level
 * attribute and, for {@code name.givenName}-style paths, the sub-attribute.
 *
 * @param extension whether the owning schema is an extension, so that values live in the
 *     URN-keyed object of the resource rather than at its top level
 */
public record ResolvedAttribute(
        SchemaDefinition schema,
        boolean extension,
        AttributeDefinition attribute,
        @Nullable AttributeDefinition subAttribute) {

    /** The definition the path points at: the sub-attribute if there is one. */
    public AttributeDefinition definition() {
        return subAttribute == null ? attribute : subAttribute;
    }

    /**
     * The path in canonical spelling. The URN is kept only for extension attributes: core and
     * common attributes are addressed without it everywhere else in the gateway.
     */
    public AttrPath canonicalPath() {
        return new AttrPath(extension ? schema.id() : null, attribute.name(),
                subAttribute == null ? null : subAttribute.name());
    }
}
