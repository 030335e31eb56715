package dev.scimgateway.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An activity row as the API shows it: one list of fields serves the JSON object (fields without a
 * value left out) and the CSV row (every column, empty when there is no value), so both exports
 * always agree.
 */
final class ActivityRendering {

    private record Field(String name, Function<ActivityEntry, @Nullable Object> value) {}

    private static final List<Field> FIELDS = List.of(
            new Field("id", ActivityEntry::id),
            new Field("at", ActivityEntry::at),
            new Field("kind", entry -> entry.kind().wireName()),
            new Field("seq", ActivityEntry::seq),
            new Field("action", ActivityEntry::action),
            new Field("resourceType", ActivityEntry::resourceType),
            new Field("resourceId", ActivityEntry::resourceId),
            new Field("externalId", ActivityEntry::externalId),
            new Field("label", ActivityEntry::label),
            new Field("membersAdded", ActivityEntry::membersAdded),
            new Field("membersRemoved", ActivityEntry::membersRemoved),
            new Field("memberIds", entry -> entry.memberIds().isEmpty() ? null : entry.memberIds()),
            new Field("status", ActivityEntry::status),
            new Field("scimType", ActivityEntry::scimType),
            new Field("detail", ActivityEntry::detail),
            new Field("method", ActivityEntry::method),
            new Field("path", ActivityEntry::path),
            new Field("tokenId", ActivityEntry::tokenId),
            new Field("tokenName", ActivityEntry::tokenName),
            new Field("requestId", ActivityEntry::requestId),
            new Field("bulkId", ActivityEntry::bulkId),
            new Field("operationIndex", ActivityEntry::operationIndex));

    private final JsonMapper json;

    ActivityRendering(JsonMapper json) {
        this.json = json;
    }

    ObjectNode json(ActivityEntry entry) {
        ObjectNode node = json.createObjectNode();
        for (Field field : FIELDS) {
            Object value = field.value().apply(entry);
            if (value instanceof Long number) {
                node.put(field.name(), number);
            } else if (value instanceof Integer number) {
                node.put(field.name(), number);
            } else if (value instanceof List<?> ids) {
                var array = node.putArray(field.name());
                ids.forEach(id -> array.add(id.toString()));
            } else if (value != null) {
                node.put(field.name(), value.toString());
            }
        }
        return node;
    }

    static String csvHeader() {
        return String.join(",", FIELDS.stream().map(Field::name).toList()) + "\r\n";
    }

    static String csvRow(ActivityEntry entry) {
        List<String> cells = new ArrayList<>(FIELDS.size());
        for (Field field : FIELDS) {
            Object value = field.value().apply(entry);
            cells.add(value == null ? "" : csvCell(value instanceof List<?> ids
                    ? String.join(" ", ids.stream().map(id -> ((UUID) id).toString()).toList())
                    : value.toString()));
        }
        return String.join(",", cells) + "\r\n";
    }

    /**
     * RFC 4180 quoting; and a cell that a spreadsheet would run as a formula (an IdP-supplied label
     * such as {@code =HYPERLINK(...)}) starts with an apostrophe, as OWASP advises, so it shows as text.
     */
    static String csvCell(String text) {
        String cell = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        boolean quoted = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0
                || cell.indexOf('\r') >= 0;
        return quoted ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }
}
