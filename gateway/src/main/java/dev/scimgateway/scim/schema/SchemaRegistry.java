package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttrPath;
import dev.scimgateway.scim.protocol.AttributeTraits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of one resource type: its core schema, the common attributes of RFC 7643 §3.1
 * and its extensions. Lookups are case-insensitive.
 * A path without URN is looked up in the core schema first (RFC 7644 §3.10) and, failing that,
 * in the extensions, because some clients leave the URN off extension attributes.
 */
public final class SchemaRegistry implements AttributeTraits {

    public static final SchemaRegistry USER = new SchemaRegistry(ResourceTypes.USER);
    public static final SchemaRegistry GROUP = new SchemaRegistry(ResourceTypes.GROUP);

    private final ResourceTypeDefinition resourceType;
    private final Map<String, SchemaDefinition> schemasByUrn = new HashMap<>();
    private final Map<String, ResolvedAttribute> byQualifiedKey = new HashMap<>();
    private final Map<String, ResolvedAttribute> byPlainKey = new HashMap<>();

    private SchemaRegistry(ResourceTypeDefinition resourceType) {
        this.resourceType = resourceType;
        SchemaDefinition core = resourceType.schema();
        register(core, false, core.attributes());
        register(core, false, CoreSchemas.COMMON_ATTRIBUTES);
        for (SchemaExtension extension : resourceType.extensions()) {
            register(extension.schema(), true, extension.schema().attributes());
        }
    }

    /** The registry of a resource type; the built-in ones are shared. */
    public static SchemaRegistry of(ResourceTypeDefinition resourceType) {
        if (resourceType.equals(ResourceTypes.USER)) {
            return USER;
        }
        if (resourceType.equals(ResourceTypes.GROUP)) {
            return GROUP;
        }
        return new SchemaRegistry(resourceType);
    }

    public ResourceTypeDefinition resourceType() {
        return resourceType;
    }

    public SchemaDefinition coreSchema() {
        return resourceType.schema();
    }

    public List<SchemaDefinition> extensionSchemas() {
        return resourceType.extensions().stream().map(SchemaExtension::schema).toList();
    }

    /** The core or extension schema with this URN, in any case. */
    public Optional<SchemaDefinition> schema(String urn) {
        return Optional.ofNullable(schemasByUrn.get(lower(urn)));
    }

    /** Whether the URN names one of this resource type's extensions (not its core schema). */
    public boolean isExtension(String urn) {
        return schema(urn).filter(schema -> !schema.equals(coreSchema())).isPresent();
    }

    public Optional<ResolvedAttribute> resolve(AttrPath path) {
        String urn = path.schemaUrn();
        ResolvedAttribute found = urn == null
                ? byPlainKey.get(path.key())
                : byQualifiedKey.get(qualifiedKey(urn, path.key()));
        return Optional.ofNullable(found);
    }

    public Optional<AttributeDefinition> find(AttrPath path) {
        return resolve(path).map(ResolvedAttribute::definition);
    }

    /** The path as the schema spells it; see {@link ResolvedAttribute#canonicalPath()}. */
    @Override
    public Optional<AttrPath> canonicalPath(AttrPath path) {
        return canonicalName(path);
    }

    @Override
    public boolean readOnly(AttrPath path) {
        return find(path).map(a -> a.mutability() == Mutability.READ_ONLY).orElse(false);
    }

    @Override
    public boolean isExtensionSchema(String urn) {
        return isExtension(urn);
    }

    public Optional<AttrPath> canonicalName(AttrPath path) {
        return resolve(path).map(ResolvedAttribute::canonicalPath);
    }

    @Override
    public Optional<AttributeKind> kind(AttrPath path) {
        return find(path).map(AttributeDefinition::type);
    }

    /** Unknown attributes compare case-insensitively: the lenient choice for names we cannot check. */
    @Override
    public boolean caseExact(AttrPath path) {
        return find(path).map(AttributeDefinition::caseExact).orElse(false);
    }

    /** For {@code emails.value} this is the sub-attribute's own (false); ask for {@code emails} to learn that it is plural. */
    @Override
    public boolean multiValued(AttrPath path) {
        return find(path).map(AttributeDefinition::multiValued).orElse(false);
    }

    private void register(SchemaDefinition schema, boolean extension, List<AttributeDefinition> attributes) {
        schemasByUrn.put(lower(schema.id()), schema);
        for (AttributeDefinition attribute : attributes) {
            List<ResolvedAttribute> entries = new ArrayList<>();
            entries.add(new ResolvedAttribute(schema, extension, attribute, null));
            attribute.subAttributes().forEach(sub -> entries.add(new ResolvedAttribute(schema, extension, attribute, sub)));
            for (ResolvedAttribute entry : entries) {
                String key = entry.canonicalPath().key();
                byQualifiedKey.put(qualifiedKey(schema.id(), key), entry);
                // Core and common attributes are registered first, so they win over extensions.
                byPlainKey.putIfAbsent(key, entry);
            }
        }
    }

    private static String qualifiedKey(String urn, String key) {
        return lower(urn) + ":" + key;
    }

    private static String lower(@Nullable String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT);
    }
}
