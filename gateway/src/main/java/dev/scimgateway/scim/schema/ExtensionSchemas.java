package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import dev.scimgateway.scim.protocol.ScimException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Extension schemas that a tenant registers (how Okta's profile-editor custom attributes arrive):
 * an RFC 7643 §7 schema document plus the resource type it extends. Parsing is strict, because a
 * schema that is wrong would reject or corrupt every later push of that tenant.
 */
public final class ExtensionSchemas {

    /** A registered extension: the resource type it extends ({@code User} or {@code Group}) and its schema. */
    public record Registered(String resourceType, SchemaDefinition schema) {}

    private static final Pattern URN = Pattern.compile("(?i)urn:[a-z0-9][a-z0-9-]{0,31}:[\\x21-\\x7e&&[^/?#\\\\]]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");
    private static final int MAX_ATTRIBUTES = 200;
    private static final Set<String> RESERVED = Set.of(CoreSchemas.USER_URN.toLowerCase(Locale.ROOT),
            CoreSchemas.GROUP_URN.toLowerCase(Locale.ROOT), CoreSchemas.ENTERPRISE_USER_URN.toLowerCase(Locale.ROOT));

    private ExtensionSchemas() {}

    public static Registered parse(JsonNode document) {
        if (!document.isObject()) {
            throw ScimException.invalidSyntax("An extension schema is a JSON object (RFC 7643 §7)");
        }
        String id = text(document, "id", null);
        if (id == null || !URN.matcher(id).matches() || id.endsWith(":")) {
            throw ScimException.invalidValue("'id' must be the extension's schema URN, e.g."
                    + " urn:ietf:params:scim:schemas:extension:acme:2.0:User");
        }
        if (RESERVED.contains(id.toLowerCase(Locale.ROOT))) {
            throw ScimException.invalidValue("'" + id + "' is a built-in schema and cannot be registered");
        }
        String resourceType = text(document, "resourceType", "User");
        if (ResourceTypes.byId(resourceType).isEmpty()) {
            throw ScimException.invalidValue("'resourceType' must be User or Group, got '" + resourceType + "'");
        }
        JsonNode attributes = document.get("attributes");
        if (attributes == null || !attributes.isArray() || attributes.isEmpty() || attributes.size() > MAX_ATTRIBUTES) {
            throw ScimException.invalidValue("'attributes' must be an array of 1 to " + MAX_ATTRIBUTES + " attributes");
        }
        String name = text(document, "name", id.substring(id.lastIndexOf(':') + 1));
        String description = text(document, "description", "");
        return new Registered(ResourceTypes.byId(resourceType).orElseThrow().id(),
                new SchemaDefinition(id, name, description, attributes(attributes, id, true)));
    }

    private static List<AttributeDefinition> attributes(JsonNode array, String where, boolean topLevel) {
        List<AttributeDefinition> parsed = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode node : array) {
            AttributeDefinition attribute = attribute(node, where, topLevel);
            if (!names.add(attribute.name().toLowerCase(Locale.ROOT))) {
                throw ScimException.invalidValue("Attribute '" + attribute.name() + "' appears twice in " + where);
            }
            parsed.add(attribute);
        }
        return parsed;
    }

    private static AttributeDefinition attribute(JsonNode node, String where, boolean topLevel) {
        if (!node.isObject()) {
            throw ScimException.invalidValue("Each attribute of " + where + " must be an object");
        }
        String name = text(node, "name", null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw ScimException.invalidValue("Attribute names in " + where + " start with a letter and hold letters,"
                    + " digits, '_' and '-' (got " + node.get("name") + ")");
        }
        String path = where + ":" + name;
        AttributeKind type = AttributeKind.fromWire(text(node, "type", "string"))
                .orElseThrow(() -> ScimException.invalidValue("'" + path + "': type must be one of string, boolean,"
                        + " decimal, integer, dateTime, reference, binary, complex"));
        JsonNode subs = node.get("subAttributes");
        List<AttributeDefinition> subAttributes = List.of();
        if (type == AttributeKind.COMPLEX) {
            if (!topLevel) {
                throw ScimException.invalidValue("'" + path + "': complex attributes cannot nest (RFC 7643 §2.3.8)");
            }
            if (subs == null || !subs.isArray() || subs.isEmpty()) {
                throw ScimException.invalidValue("'" + path + "': a complex attribute needs 'subAttributes'");
            }
            subAttributes = attributes(subs, path, false);
        } else if (subs != null && !subs.isNull()) {
            throw ScimException.invalidValue("'" + path + "': only complex attributes have 'subAttributes'");
        }
        Uniqueness uniqueness = wire(Uniqueness.values(), Uniqueness::wireName, text(node, "uniqueness", "none"), path,
                "uniqueness");
        if (uniqueness != Uniqueness.NONE) {
            throw ScimException.invalidValue("'" + path + "': extension attributes support uniqueness 'none' only");
        }
        return new AttributeDefinition(name, type, bool(node, "multiValued", path), text(node, "description", ""),
                bool(node, "required", path), bool(node, "caseExact", path),
                wire(Mutability.values(), Mutability::wireName, text(node, "mutability", "readWrite"), path, "mutability"),
                wire(Returned.values(), Returned::wireName, text(node, "returned", "default"), path, "returned"),
                uniqueness, strings(node, "canonicalValues", path), strings(node, "referenceTypes", path), subAttributes);
    }

    private static <E> E wire(E[] values, Function<E, String> wireName, String given, String path, String field) {
        for (E value : values) {
            if (wireName.apply(value).equalsIgnoreCase(given)) {
                return value;
            }
        }
        throw ScimException.invalidValue("'" + path + "': " + field + " '" + given + "' is not an RFC 7643 value");
    }

    private static @Nullable String text(JsonNode node, String field, @Nullable String fallback) {
        for (Map.Entry<String, JsonNode> property : node.properties()) {
            if (property.getKey().equalsIgnoreCase(field)) {
                JsonNode value = property.getValue();
                if (value.isNull()) {
                    return fallback;
                }
                if (!value.isString()) {
                    throw ScimException.invalidValue("'" + field + "' must be a string");
                }
                return value.stringValue();
            }
        }
        return fallback;
    }

    private static boolean bool(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw ScimException.invalidValue("'" + path + "': " + field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static List<String> strings(JsonNode node, String field, String path) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (item.isString()) {
                    items.add(item.stringValue());
                    continue;
                }
                throw ScimException.invalidValue("'" + path + "': " + field + " must be an array of strings");
            }
            return items;
        }
        throw ScimException.invalidValue("'" + path + "': " + field + " must be an array of strings");
    }

    /** The resource type with the tenant's extensions for it added after the built-in ones. */
    public static ResourceTypeDefinition extend(ResourceTypeDefinition base, List<Registered> registered) {
        List<SchemaExtension> extensions = new ArrayList<>(base.extensions());
        for (Registered extension : registered) {
            if (extension.resourceType().equals(base.id())) {
                extensions.add(new SchemaExtension(extension.schema(), false));
            }
        }
        return extensions.size() == base.extensions().size() ? base
                : new ResourceTypeDefinition(base.id(), base.name(), base.endpoint(), base.description(), base.schema(),
                        extensions);
    }
}
