package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.schema.ResourceTypeDefinition;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Turns a stored record into the SCIM representation: schemas, id, the attributes, then meta. */
public final class ResourceRenderer {

    private final JsonMapper json;

    public ResourceRenderer(JsonMapper json) {
        this.json = json;
    }

    public ObjectNode render(ResourceRecord record, ResourceTypeDefinition type, String baseUrl) {
        ObjectNode out = json.createObjectNode();
        JsonNode schemas = record.attributes().get("schemas");
        if (schemas != null && schemas.isArray()) {
            out.set("schemas", schemas.deepCopy());
        } else {
            out.putArray("schemas").add(type.schema().id());
        }
        out.put("id", record.id().toString());
        for (Map.Entry<String, JsonNode> attribute : record.attributes().properties()) {
            if (!"schemas".equals(attribute.getKey())) {
                out.set(attribute.getKey(), attribute.getValue().deepCopy());
            }
        }
        ObjectNode meta = out.putObject("meta");
        meta.put("resourceType", type.name());
        meta.put("created", record.created().toString());
        meta.put("lastModified", record.lastModified().toString());
        meta.put("location", location(record, type, baseUrl));
        meta.put("version", record.etag());
        return out;
    }

    public static String location(ResourceRecord record, ResourceTypeDefinition type, String baseUrl) {
        return baseUrl + type.endpoint() + "/" + record.id();
    }
}
