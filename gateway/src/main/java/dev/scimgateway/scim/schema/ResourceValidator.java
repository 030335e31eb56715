package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a POST or PUT body into the normalized resource the services store, or rejects it with
 * a {@link ScimException} that names the attribute and what was expected. Never modifies its input.
 *
 * <p>Lenient where RFC 7644 allows and clients need it: unknown attributes and unknown URNs in
 * {@code schemas} are dropped, readOnly attributes are ignored (§3.5.1). Strict where a silent fix
 * would store something the client did not mean. Bodies arrive in strict RFC form: client quirks
 * such as Entra's string booleans were rewritten at the edge.
 */
public final class ResourceValidator {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistry registry;
    private final SchemasArray schemasArray;

    public ResourceValidator(SchemaRegistry registry) {
        this.registry = registry;
        this.schemasArray = new SchemasArray(registry);
    }

    public static ResourceValidator of(ResourceTypeDefinition resourceType) {
        return new ResourceValidator(SchemaRegistry.of(resourceType));
    }

    public SchemaRegistry registry() {
        return registry;
    }

    /** The normalized copy of a whole resource body. */
    public ObjectNode validate(ObjectNode body) {
        ObjectNode out = NODES.objectNode();
        ArrayNode schemas = out.putArray("schemas");
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            String key = property.getKey();
            if (key.equalsIgnoreCase("schemas")) {
                continue;
            }
            if (key.indexOf(':') >= 0) {
                putUrnKeyed(out, key, property.getValue());
            } else {
                putAttribute(out, registry.coreSchema().id(), key, property.getValue());
            }
        }
        schemas.addAll(schemasArray.normalize(schemaField(body), out));
        checkRequired(out);
        IndexedStrings.checkLengths(out);
        return out;
    }

    /**
     * Checks and coerces a value meant for one attribute path, as a PATCH operation carries it.
     * Returns {@link NullNode} when nothing is left of the value. An unknown path is an
     * {@code invalidPath} error; whether the attribute may be changed at all is the caller's call.
     */
    public JsonNode normalizeValue(AttrPath path, JsonNode value) {
        ResolvedAttribute resolved = registry.resolve(path).orElseThrow(() -> ScimException.invalidPath(
                "Attribute '" + path + "' is not defined for " + registry.resourceType().name()));
        String shown = describe(resolved);
        JsonNode normalized = ValueNormalizer.attribute(resolved.definition(), value, shown);
        if (normalized == null) {
            return NullNode.getInstance();
        }
        if (isGroupMembers(resolved.attribute()) && resolved.subAttribute() == null) {
            GroupMembers.check(normalized, shown);
        }
        return normalized;
    }

    private void putUrnKeyed(ObjectNode out, String key, JsonNode value) {
        Optional<SchemaDefinition> schema = registry.schema(key);
        if (schema.isPresent()) {
            putSchemaObject(out, schema.get(), value);
            return;
        }
        // "urn:…:enterprise:2.0:User:employeeNumber" as a key: an attribute qualified by its schema.
        int colon = key.lastIndexOf(':');
        Optional<SchemaDefinition> owner = registry.schema(key.substring(0, colon));
        if (owner.isPresent()) {
            ObjectNode target = owner.get().equals(registry.coreSchema()) ? out : out.withObjectProperty(owner.get().id());
            putAttribute(target, owner.get().id(), key.substring(colon + 1), value);
            removeIfEmpty(out, owner.get().id());
            return;
        }
        throw ScimException.invalidValue("Attribute '" + key + "': extension schema '" + key
                + "' is not registered for " + registry.resourceType().name() + knownExtensions());
    }

    private void putSchemaObject(ObjectNode out, SchemaDefinition schema, JsonNode value) {
        if (value.isNull()) {
            return;
        }
        if (!value.isObject()) {
            throw ScalarValues.mismatch(schema.id(), "a complex object", value);
        }
        // Core attributes nested under the core URN are unusual but unambiguous: flatten them.
        boolean core = schema.equals(registry.coreSchema());
        ObjectNode target = core ? out : out.withObjectProperty(schema.id());
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            putAttribute(target, schema.id(), property.getKey(), property.getValue());
        }
        if (!core) {
            removeIfEmpty(out, schema.id());
        }
    }

    private void putAttribute(ObjectNode target, String schemaUrn, String name, JsonNode value) {
        Optional<ResolvedAttribute> found = registry.resolve(new AttrPath(schemaUrn, name, null))
                .filter(r -> r.subAttribute() == null);
        if (found.isEmpty() || value.isNull()) {
            return; // RFC 7644 §3.3 lets a server ignore attributes it does not define
        }
        ResolvedAttribute resolved = found.get();
        AttributeDefinition definition = resolved.attribute();
        if (definition.isReadOnly()) {
            return;
        }
        JsonNode normalized = ValueNormalizer.attribute(definition, value, describe(resolved));
        if (definition.mutability() == Mutability.WRITE_ONLY) {
            return; // checked above, never kept: the gateway stores no passwords
        }
        if (normalized == null || (normalized.isArray() && normalized.isEmpty())) {
            return;
        }
        if (isGroupMembers(definition)) {
            GroupMembers.check(normalized, definition.name());
        }
        target.set(definition.name(), normalized);
    }

    private void checkRequired(ObjectNode resource) {
        checkRequired(resource, registry.coreSchema());
        for (SchemaExtension extension : registry.resourceType().extensions()) {
            JsonNode object = resource.get(extension.schema().id());
            if (object == null && extension.required()) {
                throw ScimException.invalidValue("Extension '" + extension.schema().id() + "' is required for "
                        + registry.resourceType().name());
            }
            if (object != null) {
                checkRequired(object, extension.schema());
            }
        }
    }

    private static void checkRequired(JsonNode object, SchemaDefinition schema) {
        for (AttributeDefinition attribute : schema.attributes()) {
            if (attribute.required() && !attribute.isReadOnly() && isBlank(object.get(attribute.name()))) {
                throw ScimException.invalidValue("Attribute '" + attribute.name() + "' is required and must not be blank");
            }
        }
    }

    private static boolean isBlank(@Nullable JsonNode value) {
        return value == null || value.isNull() || (value.isString() && value.stringValue().isBlank());
    }

    private boolean isGroupMembers(AttributeDefinition attribute) {
        return registry.coreSchema().id().equals(CoreSchemas.GROUP_URN) && attribute.name().equals("members");
    }

    private static @Nullable JsonNode schemaField(ObjectNode body) {
        for (Map.Entry<String, JsonNode> property : body.properties()) {
            if (property.getKey().equalsIgnoreCase("schemas")) {
                return property.getValue();
            }
        }
        return null;
    }

    private static void removeIfEmpty(ObjectNode out, String key) {
        JsonNode value = out.get(key);
        if (value != null && value.isEmpty()) {
            out.remove(key);
        }
    }

    /** Extension attributes are named with their URN in messages: the name alone may be ambiguous. */
    private static String describe(ResolvedAttribute resolved) {
        return resolved.canonicalPath().toString();
    }

    private String knownExtensions() {
        var urns = registry.extensionSchemas().stream().map(SchemaDefinition::id).toList();
        return urns.isEmpty() ? " (it has no extensions)" : " (known extensions: " + String.join(", ", urns) + ")";
    }
}
