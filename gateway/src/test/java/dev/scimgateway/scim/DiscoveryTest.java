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
}
