package dev.scimgateway.storage;

import io.r2dbc.postgresql.codec.Json;
import io.r2dbc.spi.Readable;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Moves SCIM documents in and out of jsonb columns. */
final class JsonDocs {

    private final JsonMapper json;

    JsonDocs(JsonMapper json) {
        this.json = json;
    }

    Json toJsonb(ObjectNode doc) {
        return Json.of(json.writeValueAsBytes(doc));
    }

    /** Documents as one jsonb array, for a statement that takes them by position. */
    Json toJsonbArray(List<ObjectNode> docs) {
        return Json.of(json.writeValueAsBytes(docs));
    }

    /** A value as JSON text, for a parameter cast to jsonb. */
    String text(Object value) {
        return json.writeValueAsString(value);
    }

    /** Any JSON value of a column; null when the column is SQL NULL. */
    @Nullable JsonNode readValue(Readable row, String column) {
        Json value = row.get(column, Json.class);
        return value == null ? null : json.readTree(value.asArray());
    }

    ObjectNode read(Readable row, String column) {
        Json value = row.get(column, Json.class);
        if (value == null) {
            return json.createObjectNode();
        }
        JsonNode node = json.readTree(value.asArray());
        return node instanceof ObjectNode object ? object : json.createObjectNode();
    }
}
