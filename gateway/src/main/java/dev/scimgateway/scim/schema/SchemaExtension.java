package dev.scimgateway.scim.schema;

/** An extension schema of a resource type, and whether resources must carry it (RFC 7643 §6). */
public record SchemaExtension(SchemaDefinition schema, boolean required) {
}
