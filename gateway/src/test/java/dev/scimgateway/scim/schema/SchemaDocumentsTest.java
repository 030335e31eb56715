package dev.scimgateway.scim.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class SchemaDocumentsTest {

    private static final String BASE = "https://host/scim/v2";
    private final SchemaDocuments documents =
            new SchemaDocuments(BASE + "/", ServiceProviderCapabilities.defaults(200, 1000, 1_048_576,
                    new ServiceProviderCapabilities.Pagination(100, 200, 3600)));

    @Test
    void schemasIsAListResponseOfTheResourceAndDiscoverySchemas() {
        ObjectNode list = documents.schemas();
        assertThat(list.get("schemas").get(0).stringValue()).isEqualTo(SchemaDocuments.LIST_RESPONSE_URN);
        assertThat(list.get("totalResults").intValue()).isEqualTo(6);
        assertThat(list.get("Resources").valueStream().map(s -> s.get("id").stringValue()))
                .containsExactly(CoreSchemas.USER_URN, CoreSchemas.ENTERPRISE_USER_URN, CoreSchemas.GROUP_URN,
                        SchemaDocuments.SERVICE_PROVIDER_CONFIG_URN, SchemaDocuments.RESOURCE_TYPE_URN,
                        SchemaDocuments.SCHEMA_URN);
    }

    /** What /ServiceProviderConfig and /ResourceTypes answer is what their schemas list, and no more. */
    @Test
    void theDiscoveryDocumentsKeepToTheirOwnSchemas() {
        assertWithin(documents.serviceProviderConfig(), DiscoverySchemas.SERVICE_PROVIDER_CONFIG.attributes());
        documents.resourceTypes().get("Resources").forEach(type ->
                assertWithin(type, DiscoverySchemas.RESOURCE_TYPE.attributes()));
        // Not the Schema schema's own document: describing itself takes one level of sub-attributes
        // more than it describes, as in RFC 7643 §8.7.2, so no finite schema holds it.
        documents.schemas().get("Resources").valueStream()
                .filter(schema -> !schema.get("id").stringValue().equals(SchemaDocuments.SCHEMA_URN))
                .forEach(schema -> assertWithin(schema, DiscoverySchemas.SCHEMA.attributes()));
    }

    private static void assertWithin(JsonNode document, List<AttributeDefinition> attributes) {
        document.properties().forEach(field -> {
            if (Set.of("schemas", "meta").contains(field.getKey())) {
                return;
            }
            AttributeDefinition attribute = attributes.stream().filter(a -> a.name().equals(field.getKey())).findFirst()
                    .orElseThrow(() -> new AssertionError("'" + field.getKey() + "' is in no schema: " + attributes));
            if (attribute.isComplex()) {
                for (JsonNode value : field.getValue().isArray() ? field.getValue() : List.of(field.getValue())) {
                    assertWithin(value, attribute.subAttributes());
                }
            }
        });
    }

    @Test
    void everyAttributeCarriesItsCharacteristics() {
        List<JsonNode> attributes = new ArrayList<>();
        documents.schemas().get("Resources").forEach(schema -> collect(schema.get("attributes"), attributes));
        assertThat(attributes).hasSizeGreaterThan(60);
        Set<String> types = Set.of("string", "boolean", "decimal", "integer", "dateTime", "binary", "reference", "complex");
        for (JsonNode attribute : attributes) {
            assertThat(attribute.has("name")).isTrue();
            assertThat(types).contains(attribute.get("type").stringValue());
            assertThat(attribute.get("mutability").stringValue()).isIn("readOnly", "readWrite", "immutable", "writeOnly");
            assertThat(attribute.get("returned").stringValue()).isIn("always", "never", "default", "request");
            assertThat(attribute.get("multiValued").isBoolean()).isTrue();
            assertThat(attribute.get("required").isBoolean()).isTrue();
            assertThat(attribute.has("subAttributes")).isEqualTo(attribute.get("type").stringValue().equals("complex"));
        }
    }

    @Test
    void schemaDocumentHasMetaAndRfcCharacteristics() {
        ObjectNode user = documents.schema("urn:ietf:params:scim:schemas:core:2.0:user").orElseThrow();
        assertThat(user.get("meta").get("resourceType").stringValue()).isEqualTo("Schema");
        assertThat(user.get("meta").get("location").stringValue()).isEqualTo(BASE + "/Schemas/" + CoreSchemas.USER_URN);
        JsonNode password = user.get("attributes").valueStream()
                .filter(a -> a.get("name").stringValue().equals("password")).findFirst().orElseThrow();
        assertThat(password.get("mutability").stringValue()).isEqualTo("writeOnly");
        assertThat(password.get("returned").stringValue()).isEqualTo("never");
        assertThat(documents.schema("URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER")).isPresent();
        assertThat(documents.schema("urn:nope")).isEmpty();
    }

    @Test
    void resourceTypes() {
        ObjectNode list = documents.resourceTypes();
        assertThat(list.get("totalResults").intValue()).isEqualTo(2);
        ObjectNode user = documents.resourceType("user").orElseThrow();
        assertThat(user.get("endpoint").stringValue()).isEqualTo("/Users");
        assertThat(user.get("schema").stringValue()).isEqualTo(CoreSchemas.USER_URN);
        assertThat(user.get("schemaExtensions").get(0).get("schema").stringValue()).isEqualTo(CoreSchemas.ENTERPRISE_USER_URN);
        assertThat(user.get("schemaExtensions").get(0).get("required").booleanValue()).isFalse();
        assertThat(user.get("meta").get("location").stringValue()).isEqualTo(BASE + "/ResourceTypes/User");
        assertThat(documents.resourceType("Group").orElseThrow().get("schemaExtensions").isEmpty()).isTrue();
        assertThat(documents.resourceType("Device")).isEmpty();
    }

    @Test
    void serviceProviderConfig() {
        ObjectNode config = documents.serviceProviderConfig();
        assertThat(config.get("schemas").get(0).stringValue()).isEqualTo(SchemaDocuments.SERVICE_PROVIDER_CONFIG_URN);
        assertThat(config.get("etag").get("supported").booleanValue()).isTrue();
        assertThat(config.get("patch").get("supported").booleanValue()).isTrue();
        assertThat(config.get("bulk").get("supported").booleanValue()).isTrue();
        assertThat(config.get("bulk").get("maxOperations").intValue()).isEqualTo(1000);
        assertThat(config.get("bulk").get("maxPayloadSize").intValue()).isEqualTo(1_048_576);
        assertThat(config.get("filter").get("maxResults").intValue()).isEqualTo(200);
        assertThat(config.get("changePassword").get("supported").booleanValue()).isFalse();
        assertThat(config.get("sort").get("supported").booleanValue()).isTrue();
        assertThat(config.get("authenticationSchemes").get(0).get("type").stringValue()).isEqualTo("oauthbearertoken");
        assertThat(config.get("meta").get("location").stringValue()).isEqualTo(BASE + "/ServiceProviderConfig");
    }

    private static void collect(JsonNode attributes, List<JsonNode> into) {
        for (JsonNode attribute : attributes) {
            into.add(attribute);
            if (attribute.has("subAttributes")) {
                collect(attribute.get("subAttributes"), into);
            }
        }
    }
}
