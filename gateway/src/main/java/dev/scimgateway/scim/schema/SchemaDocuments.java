package dev.scimgateway.scim.schema;

import dev.scimgateway.scim.protocol.AttributeTraits.AttributeKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents (RFC 7644 §4): {@code /Schemas}, {@code /ResourceTypes} and
 * {@code /ServiceProviderConfig}, built from the definitions in this package so that what is
 * advertised is exactly what is validated. Entra reads {@code /Schemas}, so the shape follows
 * RFC 7643 §7 and §6 closely.
 */
public final class SchemaDocuments {

    public static final String LIST_RESPONSE_URN = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public static final String SCHEMA_URN = "urn:ietf:params:scim:schemas:core:2.0:Schema";
    public static final String RESOURCE_TYPE_URN = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public static final String SERVICE_PROVIDER_CONFIG_URN =
            "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String baseUrl;
    private final ServiceProviderCapabilities capabilities;
    private final List<ResourceTypeDefinition> resourceTypes;

    /** @param baseUrl the SCIM root as clients reach it, e.g. {@code https://host/scim/v2} */
    public SchemaDocuments(String baseUrl, ServiceProviderCapabilities capabilities) {
        this(baseUrl, capabilities, ResourceTypes.ALL);
    }

    public SchemaDocuments(String baseUrl, ServiceProviderCapabilities capabilities,
            List<ResourceTypeDefinition> resourceTypes) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.capabilities = capabilities;
        this.resourceTypes = List.copyOf(resourceTypes);
    }

    /** {@code GET /Schemas}: every core and extension schema, each once, and those of the discovery resources. */
    public ObjectNode schemas() {
        return schemas(1, Integer.MAX_VALUE);
    }

    /** One page of {@link #schemas()}: {@code count} schemas from the 1-based {@code startIndex} (RFC 7644 §3.4.2.4). */
    public ObjectNode schemas(int startIndex, int count) {
        return listResponse(allSchemas().stream().map(this::schema).toList(), startIndex, count);
    }

    /** {@code GET /Schemas/{id}}; the id is compared case-insensitively. */
    public Optional<ObjectNode> schema(String id) {
        return allSchemas().stream()
                .filter(s -> s.id().equalsIgnoreCase(id))
                .findFirst()
                .map(this::schema);
    }

    public ObjectNode resourceTypes() {
        return resourceTypes(1, Integer.MAX_VALUE);
    }

    public ObjectNode resourceTypes(int startIndex, int count) {
        return listResponse(resourceTypes.stream().map(this::resourceType).toList(), startIndex, count);
    }

    public Optional<ObjectNode> resourceType(String id) {
        return resourceTypes.stream().filter(t -> t.id().equalsIgnoreCase(id)).findFirst().map(this::resourceType);
    }

    public ObjectNode serviceProviderConfig() {
        ObjectNode doc = NODES.objectNode();
        doc.putArray("schemas").add(SERVICE_PROVIDER_CONFIG_URN);
        doc.putObject("patch").put("supported", capabilities.patchSupported());
        doc.putObject("bulk").put("supported", capabilities.bulkSupported())
                .put("maxOperations", capabilities.bulkMaxOperations())
                .put("maxPayloadSize", capabilities.bulkMaxPayloadSize());
        doc.putObject("filter").put("supported", capabilities.filterSupported())
                .put("maxResults", capabilities.filterMaxResults());
        doc.putObject("changePassword").put("supported", capabilities.changePasswordSupported());
        doc.putObject("sort").put("supported", capabilities.sortSupported());
        doc.putObject("etag").put("supported", capabilities.etagSupported());
        doc.putObject("pagination").put("cursor", true).put("index", true)
                .put("defaultPaginationMethod", "index")
                .put("defaultPageSize", capabilities.pagination().defaultPageSize())
                .put("maxPageSize", capabilities.pagination().maxPageSize())
                .put("cursorTimeout", capabilities.pagination().cursorTimeoutSeconds());
        ArrayNode schemes = doc.putArray("authenticationSchemes");
        for (ServiceProviderCapabilities.AuthenticationScheme scheme : capabilities.authenticationSchemes()) {
            schemes.addObject().put("type", scheme.type()).put("name", scheme.name())
                    .put("description", scheme.description()).put("primary", scheme.primary());
        }
        if (!capabilities.securityEventUris().isEmpty()) {
            // RFC 9967 §4: no asynchronous SCIM requests; the events are delivered over the Shared Signals streams.
            ObjectNode events = doc.putObject("securityEvents").put("asyncRequest", "none");
            capabilities.securityEventUris().forEach(events.putArray("eventUris")::add);
        }
        meta(doc, "ServiceProviderConfig", "/ServiceProviderConfig");
        return doc;
    }

    private List<SchemaDefinition> allSchemas() {
        Stream<SchemaDefinition> resources = resourceTypes.stream()
                .flatMap(t -> Stream.concat(Stream.of(t.schema()),
                        t.extensions().stream().map(SchemaExtension::schema)));
        return Stream.concat(resources, DiscoverySchemas.ALL.stream()).distinct().toList();
    }

    private ObjectNode schema(SchemaDefinition schema) {
        ObjectNode doc = NODES.objectNode();
        doc.putArray("schemas").add(SCHEMA_URN);
        doc.put("id", schema.id()).put("name", schema.name()).put("description", schema.description());
        ArrayNode attributes = doc.putArray("attributes");
        schema.attributes().forEach(attribute -> attributes.add(attribute(attribute)));
        meta(doc, "Schema", "/Schemas/" + schema.id());
        return doc;
    }

    private static ObjectNode attribute(AttributeDefinition attribute) {
        ObjectNode doc = NODES.objectNode();
        doc.put("name", attribute.name()).put("type", attribute.type().wireName())
                .put("multiValued", attribute.multiValued()).put("description", attribute.description())
                .put("required", attribute.required());
        if (!attribute.isComplex()) {
            doc.put("caseExact", attribute.caseExact());
        }
        if (!attribute.canonicalValues().isEmpty()) {
            ArrayNode values = doc.putArray("canonicalValues");
            attribute.canonicalValues().forEach(values::add);
        }
        if (attribute.type() == AttributeKind.REFERENCE) {
            ArrayNode types = doc.putArray("referenceTypes");
            attribute.referenceTypes().forEach(types::add);
        }
        if (attribute.isComplex()) {
            ArrayNode subs = doc.putArray("subAttributes");
            attribute.subAttributes().forEach(sub -> subs.add(attribute(sub)));
        }
        doc.put("mutability", attribute.mutability().wireName())
                .put("returned", attribute.returned().wireName())
                .put("uniqueness", attribute.uniqueness().wireName());
        return doc;
    }

    private ObjectNode resourceType(ResourceTypeDefinition type) {
        ObjectNode doc = NODES.objectNode();
        doc.putArray("schemas").add(RESOURCE_TYPE_URN);
        doc.put("id", type.id()).put("name", type.name()).put("endpoint", type.endpoint())
                .put("description", type.description()).put("schema", type.schema().id());
        ArrayNode extensions = doc.putArray("schemaExtensions");
        type.extensions().forEach(extension -> extensions.addObject()
                .put("schema", extension.schema().id()).put("required", extension.required()));
        meta(doc, "ResourceType", "/ResourceTypes/" + type.id());
        return doc;
    }

    private void meta(ObjectNode doc, String resourceType, String path) {
        doc.putObject("meta").put("resourceType", resourceType).put("location", baseUrl + path);
    }

    /**
     * A page of a discovery list. They are a handful of entries, served whole unless the client
     * pages them, as a conformance suite does to check that every list honours index paging.
     */
    private static ObjectNode listResponse(List<ObjectNode> resources, int startIndex, int count) {
        int from = Math.min(resources.size(), Math.max(1, startIndex) - 1);
        List<ObjectNode> page = resources.subList(from, from + Math.min(Math.max(0, count), resources.size() - from));
        ObjectNode doc = NODES.objectNode();
        doc.putArray("schemas").add(LIST_RESPONSE_URN);
        doc.put("totalResults", resources.size()).put("itemsPerPage", page.size()).put("startIndex", Math.max(1, startIndex));
        ArrayNode list = doc.putArray("Resources");
        page.forEach(list::add);
        return doc;
    }
}
