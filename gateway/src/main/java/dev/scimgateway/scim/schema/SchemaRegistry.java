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
    /*
     * The same entries under the schemas' own spelling, which clients nearly always write: such a
     * lookup lower-cases nothing (it did for every attribute of every request, 4 % of a create's
     * CPU). Filled from the maps above once they are complete, so each gives what they give.
     */
    private final Map<String, SchemaDefinition> schemasBySpelledUrn = new HashMap<>();
    private final Spellings plainSpellings = new Spellings();
    private final Map<String, Spellings> spellingsByUrn = new HashMap<>();

    /** Entries by the names as the schema spells them, the attribute's, then the sub-attribute's. */
    private static final class Spellings {
        private final Map<String, ResolvedAttribute> attributes = new HashMap<>();
        private final Map<String, Map<String, ResolvedAttribute>> subAttributes = new HashMap<>();

        void add(ResolvedAttribute entry) {
            if (entry.subAttribute() == null) {
                attributes.put(entry.attribute().name(), entry);
            } else {
                subAttributes.computeIfAbsent(entry.attribute().name(), name -> new HashMap<>())
                        .put(entry.subAttribute().name(), entry);
            }
        }

        @Nullable ResolvedAttribute find(AttrPath path) {
            if (path.subAttribute() == null) {
                return attributes.get(path.attribute());
            }
            Map<String, ResolvedAttribute> subs = subAttributes.get(path.attribute());
            return subs == null ? null : subs.get(path.subAttribute());
        }
    }

    private SchemaRegistry(ResourceTypeDefinition resourceType) {
        this.resourceType = resourceType;
        SchemaDefinition core = resourceType.schema();
        register(core, false, core.attributes());
        register(core, false, CoreSchemas.COMMON_ATTRIBUTES);
        for (SchemaExtension extension : resourceType.extensions()) {
            register(extension.schema(), true, extension.schema().attributes());
        }
        schemasByUrn.values().forEach(schema -> schemasBySpelledUrn.put(schema.id(), schema));
        byPlainKey.values().forEach(plainSpellings::add);
        byQualifiedKey.values().forEach(entry -> spellingsByUrn.computeIfAbsent(entry.schema().id(), urn -> new Spellings())
                .add(entry));
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
        SchemaDefinition spelled = schemasBySpelledUrn.get(urn);
        if (spelled != null) {
            return Optional.of(spelled);
        }
        // Every schema id is a URN: an attribute name, which is what most callers ask about, is none.
        return urn.indexOf(':') < 0 ? Optional.empty() : Optional.ofNullable(schemasByUrn.get(lower(urn)));
    }

    /** Whether the URN names one of this resource type's extensions (not its core schema). */
    public boolean isExtension(String urn) {
        return schema(urn).filter(schema -> !schema.equals(coreSchema())).isPresent();
    }

    public Optional<ResolvedAttribute> resolve(AttrPath path) {
        String urn = path.schemaUrn();
        Spellings spellings = urn == null ? plainSpellings : spellingsByUrn.get(urn);
        ResolvedAttribute exact = spellings == null ? null : spellings.find(path);
        if (exact != null) {
            return Optional.of(exact);
        }
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
