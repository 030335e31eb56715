package dev.scimgateway.scim.protocol.patch;

import dev.scimgateway.scim.protocol.compat.ClientQuirks;
import dev.scimgateway.scim.schema.ResourceTypes;
import dev.scimgateway.scim.schema.ResourceValidator;
import dev.scimgateway.scim.schema.SchemaRegistry;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test JSON written with single quotes (and a backtick for a double quote inside a string, as
 * filters need), plus the pipeline a PATCH goes through: the edge's rewrite into strict form, then
 * what the services run: parse, apply, validate.
 */
final class PatchJson {

    static final JsonMapper MAPPER = JsonMapper.builder().build();
    static final String ID = "2819c223-7f76-453a-919d-413861904646";
    static final String CORE = "urn:ietf:params:scim:schemas:core:2.0:User";
    static final String ENT = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    static final ResourceValidator USERS = ResourceValidator.of(ResourceTypes.USER);
    static final PatchEngine ENGINE = new PatchEngine(SchemaRegistry.USER);

    private PatchJson() {
    }

    static JsonNode node(String text) {
        return MAPPER.readTree(text.replace("`", "\\\"").replace('\'', '"'));
    }

    static ObjectNode object(String text) {
        return (ObjectNode) node(text);
    }

    static ObjectNode body(String operations) {
        return object("{'schemas':['" + PatchRequest.SCHEMA + "'],'Operations':" + operations + "}");
    }

    /** A copy of the body as the edge hands it on, rewritten into strict form (compat.ClientQuirks). */
    static ObjectNode strict(ObjectNode body) {
        return ClientQuirks.body("PATCH", body.deepCopy(), SchemaRegistry.USER, ID);
    }

    static List<PatchOperation> operations(String operations) {
        return PatchRequest.parse(strict(body(operations))).operations();
    }

    /** A PATCH of user {@link #ID} as the edge and ResourceService handle it: {@code validate(engine.apply(...))}. */
    static ObjectNode patchUser(ObjectNode stored, String operations) {
        return USERS.validate(ENGINE.apply(stored, operations(operations)));
    }
}
