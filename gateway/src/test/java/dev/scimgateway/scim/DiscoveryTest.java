package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class DiscoveryTest extends GatewayTest {

    @Test
    void servesServiceProviderConfigResourceTypesAndSchemas() {
        ScimClient c = newScimClient("discovery");
        JsonNode config = body(c.get("/ServiceProviderConfig").expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/scim+json"));
        assertThat(config.at("/patch/supported").booleanValue()).isTrue();
        assertThat(config.at("/filter/supported").booleanValue()).isTrue();
        assertThat(config.at("/etag/supported").booleanValue()).isTrue();

        JsonNode types = body(c.get("/ResourceTypes").expectStatus().isOk());
        assertThat(types.get("totalResults").asInt()).isEqualTo(2);
        c.get("/ResourceTypes/User").expectStatus().isOk().expectBody().jsonPath("$.endpoint").isEqualTo("/Users");

        JsonNode schemas = body(c.get("/Schemas").expectStatus().isOk());
        assertThat(schemas.get("Resources").valueStream().map(s -> s.get("id").stringValue())).contains(
                "urn:ietf:params:scim:schemas:core:2.0:User",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
                "urn:ietf:params:scim:schemas:core:2.0:Group");
        c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group").expectStatus().isOk();
        c.get("/Schemas/urn:nope").expectStatus().isNotFound();
    }

    /** RFC 7643 §5–§7: the discovery resources have schemas too, and /Schemas lists them with their attributes. */
    @Test
    void schemasListsTheSchemasOfTheDiscoveryResources() {
        ScimClient c = newScimClient("discovery-schemas");
        JsonNode schemas = body(c.get("/Schemas").expectStatus().isOk());
        assertThat(schemas.get("Resources").valueStream().map(s -> s.get("id").stringValue())).contains(
                "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig",
                "urn:ietf:params:scim:schemas:core:2.0:ResourceType",
                "urn:ietf:params:scim:schemas:core:2.0:Schema");
        assertThat(schemas.get("totalResults").asInt()).isEqualTo(schemas.get("Resources").size());

        JsonNode config = body(c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")
                .expectStatus().isOk());
        assertThat(names(config.get("attributes"))).contains("documentationUri", "patch", "bulk", "filter",
                "changePassword", "sort", "etag", "authenticationSchemes");
        JsonNode bulk = attribute(config.get("attributes"), "bulk");
        assertThat(bulk.get("type").stringValue()).isEqualTo("complex");
        assertThat(names(bulk.get("subAttributes"))).contains("supported", "maxOperations", "maxPayloadSize");
        assertThat(attribute(bulk.get("subAttributes"), "maxOperations").get("type").stringValue()).isEqualTo("integer");
        JsonNode schemes = attribute(config.get("attributes"), "authenticationSchemes");
        assertThat(schemes.get("multiValued").booleanValue()).isTrue();
        assertThat(names(schemes.get("subAttributes"))).contains("type", "name", "description", "specUri", "documentationUri");

        JsonNode type = body(c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:ResourceType").expectStatus().isOk());
        assertThat(names(type.get("attributes"))).contains("id", "name", "description", "endpoint", "schema",
                "schemaExtensions");
        JsonNode endpoint = attribute(type.get("attributes"), "endpoint");
        assertThat(endpoint.get("type").stringValue()).isEqualTo("reference");
        assertThat(endpoint.get("referenceTypes").get(0).stringValue()).isEqualTo("uri");
        assertThat(endpoint.get("required").booleanValue()).isTrue();
        assertThat(endpoint.get("mutability").stringValue()).isEqualTo("readOnly");
        assertThat(names(attribute(type.get("attributes"), "schemaExtensions").get("subAttributes")))
                .containsExactly("schema", "required");

        JsonNode schema = body(c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:Schema").expectStatus().isOk());
        assertThat(schema.at("/meta/resourceType").stringValue()).isEqualTo("Schema");
        assertThat(names(schema.get("attributes"))).contains("id", "name", "description", "attributes");
        JsonNode attributes = attribute(schema.get("attributes"), "attributes");
        assertThat(names(attributes.get("subAttributes"))).contains("name", "type", "multiValued", "description",
                "required", "canonicalValues", "caseExact", "mutability", "returned", "uniqueness", "referenceTypes",
                "subAttributes");
        assertThat(attribute(attributes.get("subAttributes"), "mutability").get("canonicalValues").valueStream()
                .map(JsonNode::stringValue)).containsExactlyInAnyOrder("readOnly", "readWrite", "immutable", "writeOnly");
    }

    /** RFC 7644 §3.4.2.4 applies to every list, the discovery lists included. */
    @Test
    void schemasAndResourceTypesArePagedByIndex() {
        ScimClient c = newScimClient("discovery-paging");
        JsonNode all = body(c.get("/Schemas").expectStatus().isOk());
        int total = all.get("totalResults").asInt();
        JsonNode page = body(c.get("/Schemas?startIndex=2&count=2").expectStatus().isOk());
        assertThat(page.get("totalResults").asInt()).isEqualTo(total);
        assertThat(page.get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.get("itemsPerPage").asInt()).isEqualTo(2);
        assertThat(page.get("Resources").valueStream().map(s -> s.get("id").stringValue()))
                .containsExactly(all.get("Resources").get(1).get("id").stringValue(),
                        all.get("Resources").get(2).get("id").stringValue());
        JsonNode counted = body(c.get("/Schemas?count=0").expectStatus().isOk());
        assertThat(counted.get("totalResults").asInt()).isEqualTo(total);
        assertThat(counted.get("itemsPerPage").asInt()).isZero();
        assertThat(counted.path("Resources").size()).isZero();
        JsonNode past = body(c.get("/Schemas?startIndex=" + (total + 1)).expectStatus().isOk());
        assertThat(past.get("itemsPerPage").asInt()).isZero();
        assertThat(past.get("startIndex").asInt()).isEqualTo(total + 1);

        JsonNode types = body(c.get("/ResourceTypes?startIndex=2&count=1").expectStatus().isOk());
        assertThat(types.get("totalResults").asInt()).isEqualTo(2);
        assertThat(types.get("startIndex").asInt()).isEqualTo(2);
        assertThat(types.get("itemsPerPage").asInt()).isEqualTo(1);
        assertThat(types.get("Resources").get(0).get("id").stringValue()).isEqualTo("Group");
        c.get("/ResourceTypes?count=x").expectStatus().isBadRequest();
    }

    private static java.util.List<String> names(JsonNode attributes) {
        return attributes.valueStream().map(a -> a.get("name").stringValue()).toList();
    }

    private static JsonNode attribute(JsonNode attributes, String name) {
        return attributes.valueStream().filter(a -> a.get("name").stringValue().equals(name)).findFirst().orElseThrow();
    }
}
