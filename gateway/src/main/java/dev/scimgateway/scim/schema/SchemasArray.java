package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.ScimException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code schemas} attribute of an incoming resource, rebuilt from what the resource really
 * holds: the core URN first, then the extensions whose objects are present. URNs that name no
 * attributes of ours are dropped; Entra lists
 * {@code http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group} on group
 * creates, and rejecting it would break every Entra group push.
 */
final class SchemasArray {

    private final SchemaRegistry registry;

    SchemasArray(SchemaRegistry registry) {
        this.registry = registry;
    }

    ArrayNode normalize(@Nullable JsonNode given, ObjectNode resource) {
        String core = registry.coreSchema().id();
        if (given != null && !given.isNull()) {
            checkCoreListed(given, core);
        }
        // An absent "schemas" is forgiven: the endpoint already says which resource type is meant.
        Set<String> urns = new LinkedHashSet<>();
        urns.add(core);
        for (SchemaDefinition extension : registry.extensionSchemas()) {
            if (resource.has(extension.id())) {
                urns.add(extension.id());
            }
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        urns.forEach(out::add);
        return out;
    }

    private void checkCoreListed(JsonNode given, String core) {
        if (!given.isArray()) {
            throw ScimException.invalidSyntax("Attribute 'schemas' must be an array of schema URNs, got " + given);
        }
        boolean coreListed = false;
        for (JsonNode element : given.values()) {
            if (!element.isString()) {
                throw ScimException.invalidSyntax("Attribute 'schemas' must contain only strings, got " + element);
            }
            coreListed |= registry.schema(element.stringValue())
                    .filter(schema -> schema.id().equals(core))
                    .isPresent();
        }
        if (!coreListed) {
            throw ScimException.invalidValue("Attribute 'schemas' must contain '" + core + "' for "
                    + registry.resourceType().name() + ", got " + given);
        }
    }
}
