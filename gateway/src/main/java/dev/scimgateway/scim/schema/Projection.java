package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttrPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Chooses the attributes of a resource that a response carries (RFC 7644 §3.4.2.5 with the
 * {@code returned} characteristic of RFC 7643 §2.2): {@code always} ones whatever was asked,
 * {@code never} ones never, {@code request} ones only when named in {@code attributes}.
 * When both lists are given, {@code attributes} wins: it is the narrower request.
 */
public final class Projection {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SchemaRegistry registry;
    private final Selection requested;
    private final Selection excluded;
    /** Set even when no listed name resolves: asking only for unknown names still narrows the response. */
    private final boolean attributesMode;

    private Projection(SchemaRegistry registry, List<AttrPath> attributes, List<AttrPath> excludedAttributes) {
        this.registry = registry;
        this.requested = new Selection(attributes, registry);
        this.attributesMode = !attributes.isEmpty();
        this.excluded = new Selection(excludedAttributes, registry);
    }

    /** A new object holding the projected attributes of the resource; the resource is not modified. */
    public static ObjectNode project(ObjectNode resource, SchemaRegistry registry, List<AttrPath> attributes,
            List<AttrPath> excludedAttributes) {
        return new Projection(registry, attributes, excludedAttributes).project(resource);
    }

    /**
     * Whether a response projected with these lists carries the attribute at all, so that callers
     * can skip loading what nobody will see (group members, for instance).
     */
    public static boolean includes(SchemaRegistry registry, AttrPath attribute, List<AttrPath> attributes,
            List<AttrPath> excludedAttributes) {
        Projection projection = new Projection(registry, attributes, excludedAttributes);
        return registry.resolve(attribute).map(r -> projection.returns(r.schema(), r.attribute())).orElse(false);
    }

    private boolean returns(SchemaDefinition schema, AttributeDefinition attribute) {
        return switch (attribute.returned()) {
            case NEVER -> false;
            case ALWAYS -> true;
            case DEFAULT, REQUEST -> attributesMode
                    ? requested.namesWhole(schema, attribute) || requested.namesSubAttributesOf(schema, attribute)
                    : attribute.returned() != Returned.REQUEST && !excluded.namesWhole(schema, attribute);
        };
    }

    /** Parses an {@code attributes} or {@code excludedAttributes} query parameter; see {@link AttributeList}. */
    public static List<AttrPath> parseAttributeList(@Nullable String commaSeparated) {
        return AttributeList.parse(commaSeparated);
    }

    private ObjectNode project(ObjectNode resource) {
        ObjectNode out = NODES.objectNode();
        JsonNode schemas = null;
        for (Map.Entry<String, JsonNode> property : resource.properties()) {
            String key = property.getKey();
            JsonNode value = property.getValue();
            Optional<SchemaDefinition> extension = registry.schema(key).filter(s -> registry.isExtension(key));
            if (key.equals("schemas")) {
                schemas = value;
            } else if (extension.isPresent() && value.isObject()) {
                ObjectNode projected = projectObject(extension.get(), value);
                if (!projected.isEmpty()) {
                    out.set(extension.get().id(), projected);
                }
            } else {
                projectCoreAttribute(out, key, value);
            }
        }
        if (schemas != null) {
            out.set("schemas", schemasPresent(schemas, out));
        }
        return out;
    }

    private void projectCoreAttribute(ObjectNode out, String key, JsonNode value) {
        Optional<ResolvedAttribute> resolved = registry.resolve(new AttrPath(registry.coreSchema().id(), key, null))
                .filter(r -> r.subAttribute() == null);
        if (resolved.isEmpty()) {
            if (!attributesMode) {
                out.set(key, value.deepCopy()); // not ours to judge; only an explicit list drops it
            }
            return;
        }
        JsonNode projected = projectAttribute(registry.coreSchema(), resolved.get().attribute(), value);
        if (projected != null) {
            out.set(key, projected);
        }
    }

    private ObjectNode projectObject(SchemaDefinition schema, JsonNode object) {
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            schema.attribute(property.getKey()).ifPresent(attribute -> {
                JsonNode projected = projectAttribute(schema, attribute, property.getValue());
                if (projected != null) {
                    out.set(property.getKey(), projected);
                }
            });
        }
        return out;
    }

    private @Nullable JsonNode projectAttribute(SchemaDefinition schema, AttributeDefinition attribute, JsonNode value) {
        return switch (attribute.returned()) {
            case NEVER -> null;
            case ALWAYS -> withoutHiddenSubs(schema, attribute, value, false);
            case DEFAULT, REQUEST -> selected(schema, attribute, value);
        };
    }

    private @Nullable JsonNode selected(SchemaDefinition schema, AttributeDefinition attribute, JsonNode value) {
        if (attributesMode) {
            if (requested.namesWhole(schema, attribute)) {
                return withoutHiddenSubs(schema, attribute, value, false);
            }
            return requested.namesSubAttributesOf(schema, attribute)
                    ? withoutHiddenSubs(schema, attribute, value, true)
                    : null;
        }
        if (attribute.returned() == Returned.REQUEST || excluded.namesWhole(schema, attribute)) {
            return null;
        }
        return withoutHiddenSubs(schema, attribute, value, false);
    }

    /** Copies the value keeping the sub-attributes a response may show; null when none remain. */
    private @Nullable JsonNode withoutHiddenSubs(SchemaDefinition schema, AttributeDefinition attribute,
            JsonNode value, boolean onlyNamedSubs) {
        if (!attribute.isComplex()) {
            return value.deepCopy();
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : value.values()) {
                JsonNode kept = withoutHiddenSubs(schema, attribute, element, onlyNamedSubs);
                if (kept != null) {
                    out.add(kept);
                }
            }
            return out.isEmpty() && !value.isEmpty() ? null : out;
        }
        if (!value.isObject()) {
            return value.deepCopy();
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> property : value.properties()) {
            Optional<AttributeDefinition> sub = attribute.subAttribute(property.getKey());
            if (sub.isEmpty() ? !onlyNamedSubs : showsSub(schema, attribute, sub.get(), onlyNamedSubs)) {
                out.set(property.getKey(), property.getValue().deepCopy());
            }
        }
        return out.isEmpty() ? null : out;
    }

    private boolean showsSub(SchemaDefinition schema, AttributeDefinition attribute, AttributeDefinition sub,
            boolean onlyNamedSubs) {
        boolean named = requested.namesSub(schema, attribute, sub);
        return switch (sub.returned()) {
            case NEVER -> false;
            case ALWAYS -> true;
            case REQUEST -> named;
            case DEFAULT -> onlyNamedSubs ? named : attributesMode || !excluded.namesSub(schema, attribute, sub);
        };
    }

    /** Drops extension URNs whose objects the projection removed, so that "schemas" tells the truth. */
    private JsonNode schemasPresent(JsonNode schemas, ObjectNode projected) {
        if (!schemas.isArray()) {
            return schemas.deepCopy();
        }
        ArrayNode out = NODES.arrayNode();
        for (JsonNode urn : schemas.values()) {
            boolean absentExtension = urn.isString() && registry.isExtension(urn.stringValue())
                    && !projected.has(registry.schema(urn.stringValue()).orElseThrow().id());
            if (!absentExtension) {
                out.add(urn.deepCopy());
            }
        }
        return out;
    }
}
