package dev.scimgateway.scim.schema;

import static dev.scimgateway.scim.schema.AttributeBuilder.bool;
import static dev.scimgateway.scim.schema.AttributeBuilder.complex;
import static dev.scimgateway.scim.schema.AttributeBuilder.integer;
import static dev.scimgateway.scim.schema.AttributeBuilder.reference;
import static dev.scimgateway.scim.schema.AttributeBuilder.string;

import java.util.ArrayList;
import java.util.List;

/**
 * The schemas of the discovery resources themselves: ServiceProviderConfig (RFC 7643 §5),
 * ResourceType (§6) and Schema (§7), with the characteristics of their §8.7.2 representations.
 * Every attribute is readOnly: a client reads these documents, it never writes them.
 */
public final class DiscoverySchemas {

    public static final SchemaDefinition SERVICE_PROVIDER_CONFIG = new SchemaDefinition(
            SchemaDocuments.SERVICE_PROVIDER_CONFIG_URN, "Service Provider Configuration",
            "Schema for representing the service provider's configuration", readOnly(List.of(
            reference("documentationUri", "An HTTP-addressable URL pointing to the service provider's human-consumable"
                    + " help documentation.", "external"),
            supported("patch", "A complex type that specifies PATCH configuration options."),
            supported("bulk", "A complex type that specifies bulk configuration options.",
                    integer("maxOperations", "An integer value specifying the maximum number of operations.").required(),
                    integer("maxPayloadSize", "An integer value specifying the maximum payload size in bytes.")
                            .required()),
            supported("filter", "A complex type that specifies FILTER options.",
                    integer("maxResults", "An integer value specifying the maximum number of resources returned in a"
                            + " response.").required()),
            supported("changePassword", "A complex type that specifies configuration options related to changing a"
                    + " password."),
            supported("sort", "A complex type that specifies sort result options."),
            supported("etag", "A complex type that specifies ETag configuration options."),
            // Not in RFC 7643: the pagination capabilities of RFC 9865, which this gateway advertises.
            complex("pagination", "The pagination methods the service provider supports (RFC 9865).",
                    bool("cursor", "Whether cursor-based pagination is supported."),
                    bool("index", "Whether index-based pagination is supported."),
                    string("defaultPaginationMethod", "The method used when a request names none.")
                            .canonicalValues("cursor", "index"),
                    integer("defaultPageSize", "The page size used when a request names none."),
                    integer("maxPageSize", "The largest page size served."),
                    integer("cursorTimeout", "How many seconds a cursor stays valid.")),
            complex("authenticationSchemes", "A complex type that specifies supported authentication scheme"
                    + " properties.",
                    string("type", "The authentication scheme.").required()
                            .canonicalValues("oauth", "oauth2", "oauthbearertoken", "httpbasic", "httpdigest"),
                    string("name", "The common authentication scheme name, e.g., HTTP Basic.").required(),
                    string("description", "A description of the authentication scheme.").required(),
                    reference("specUri", "An HTTP-addressable URL pointing to the authentication scheme's"
                            + " specification.", "external"),
                    reference("documentationUri", "An HTTP-addressable URL pointing to the authentication scheme's"
                            + " usage documentation.", "external"),
                    bool("primary", "Whether this is the preferred authentication scheme."))
                    .multiValued().required(),
            // RFC 9967 §4: the events of the change feed (see /.well-known/ssf-configuration for its streams).
            complex("securityEvents", "The Security Event Token capabilities (RFC 9967).",
                    string("asyncRequest", "Whether asynchronous SCIM requests are supported.")
                            .canonicalValues("none", "long", "request"),
                    string("eventUris", "The SET event URIs the service provider can deliver over an event stream.")
                            .multiValued()))));

    public static final SchemaDefinition RESOURCE_TYPE = new SchemaDefinition(SchemaDocuments.RESOURCE_TYPE_URN,
            "ResourceType", "Specifies the schema that describes a SCIM resource type", readOnly(List.of(
            string("id", "The resource type's server unique id. May be the same as the 'name' attribute."),
            string("name", "The resource type name. When applicable, service providers MUST specify the name,"
                    + " e.g., 'User'.").required(),
            string("description", "The resource type's human-readable description."),
            reference("endpoint", "The resource type's HTTP-addressable endpoint relative to the Base URL, e.g.,"
                    + " '/Users'.", "uri").required(),
            reference("schema", "The resource type's primary/base schema URI.", "uri").required().caseExact(),
            complex("schemaExtensions", "A list of URIs of the resource type's schema extensions.",
                    reference("schema", "The URI of a schema extension.", "uri").required().caseExact(),
                    bool("required", "A Boolean value that specifies whether or not the schema extension is required"
                            + " for the resource type.").required())
                    .multiValued())));

    public static final SchemaDefinition SCHEMA = new SchemaDefinition(SchemaDocuments.SCHEMA_URN, "Schema",
            "Specifies the schema attribute definitions of a SCIM resource", readOnly(List.of(
            string("id", "The unique URI of the schema.").required().caseExact(),
            string("name", "The schema's human-readable name."),
            string("description", "The schema's human-readable description."),
            complex("attributes", "A complex attribute that includes the attributes of a schema.",
                    attributeCharacteristics(complex("subAttributes", "Used to define the sub-attributes of a complex"
                            + " attribute.", attributeCharacteristics().toArray(AttributeBuilder[]::new))
                            .multiValued()).toArray(AttributeBuilder[]::new))
                    .multiValued().required())));

    /** In the order /Schemas lists them, after the schemas of the resources. */
    public static final List<SchemaDefinition> ALL = List.of(SERVICE_PROVIDER_CONFIG, RESOURCE_TYPE, SCHEMA);

    private DiscoverySchemas() {
    }

    /**
     * Builds the attributes readOnly, sub-attributes included. Like every schema document, these
     * leave out the common attributes (id, meta) of RFC 7643 §3.1.
     */
    private static List<AttributeDefinition> readOnly(List<AttributeBuilder> attributes) {
        return attributes.stream().map(a -> a.deepMutability(Mutability.READ_ONLY).build()).toList();
    }

    /** The capabilities that are just "supported", and some that say more (RFC 7643 §5). */
    private static AttributeBuilder supported(String name, String description, AttributeBuilder... more) {
        AttributeBuilder[] subs = new AttributeBuilder[more.length + 1];
        subs[0] = bool("supported", "A Boolean value specifying whether or not the operation is supported.").required();
        System.arraycopy(more, 0, subs, 1, more.length);
        return complex(name, description, subs).required();
    }

    /** What RFC 7643 §7 says of each attribute, and of each sub-attribute, plus what {@code extra} adds. */
    private static List<AttributeBuilder> attributeCharacteristics(AttributeBuilder... extra) {
        List<AttributeBuilder> characteristics = new ArrayList<>(List.of(
                string("name", "The attribute's name.").required().caseExact(),
                string("type", "The attribute's data type.").required()
                        .canonicalValues("string", "complex", "boolean", "decimal", "integer", "dateTime", "reference",
                                "binary"),
                bool("multiValued", "A Boolean value indicating an attribute's plurality.").required(),
                string("description", "A human-readable description of the attribute."),
                bool("required", "A Boolean value indicating whether or not the attribute is required."),
                string("canonicalValues", "A collection of canonical values.").multiValued(),
                bool("caseExact", "A Boolean value indicating whether or not a string attribute is case sensitive."),
                string("mutability", "Indicates whether or not an attribute is modifiable.")
                        .canonicalValues("readOnly", "readWrite", "immutable", "writeOnly"),
                string("returned", "Indicates when an attribute is returned in a response (e.g., to a query).")
                        .canonicalValues("always", "never", "default", "request"),
                string("uniqueness", "Indicates how unique a value must be.")
                        .canonicalValues("none", "server", "global"),
                string("referenceTypes", "Used only with an attribute of type 'reference'. Specifies a SCIM"
                        + " resourceType that a reference attribute MAY refer to.").multiValued()));
        characteristics.addAll(List.of(extra));
        return characteristics;
    }
}
