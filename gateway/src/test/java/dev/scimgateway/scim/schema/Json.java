package dev.scimgateway.scim.schema;

import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** Test JSON written with single quotes, to keep tables readable. */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static ObjectNode object(String singleQuoted) {
        return (ObjectNode) MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }

    static tools.jackson.databind.JsonNode node(String singleQuoted) {
        return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
