package dev.scimgateway.scim.schema;

import java.util.List;

/** A resource type as RFC 7643 §6 describes it: its endpoint, core schema and extensions. */
public record ResourceTypeDefinition(
        String id,
        String name,
        String endpoint,
        String description,
        SchemaDefinition schema,
        List<SchemaExtension> extensions) {

    public ResourceTypeDefinition {
        extensions = List.copyOf(extensions);
    }
}
