package dev.scimgateway.events;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** RFC 9967 §4: ServiceProviderConfig says which events the feed delivers, and its schema describes them. */
class SecurityEventsDiscoveryTest extends GatewayTest {

    @Test
    void serviceProviderConfigAdvertisesTheFeedsEvents() {
        ScimClient c = newScimClient("discovery-events");
        JsonNode events = body(c.get("/ServiceProviderConfig").expectStatus().isOk()).get("securityEvents");
        assertThat(events.get("asyncRequest").stringValue()).isEqualTo("none");
        List<String> uris = new ArrayList<>();
        events.get("eventUris").forEach(uri -> uris.add(uri.stringValue()));
        assertThat(uris).containsExactly(
                "urn:ietf:params:scim:event:prov:create:notice", "urn:ietf:params:scim:event:prov:create:full",
                "urn:ietf:params:scim:event:prov:put:notice", "urn:ietf:params:scim:event:prov:put:full",
                "urn:ietf:params:scim:event:prov:patch:notice", "urn:ietf:params:scim:event:prov:patch:full",
                "urn:ietf:params:scim:event:prov:delete", "urn:ietf:params:scim:event:prov:activate",
                "urn:ietf:params:scim:event:prov:deactivate");

        JsonNode schema = body(c.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig")
                .expectStatus().isOk());
        JsonNode attribute = null;
        for (JsonNode candidate : schema.get("attributes")) {
            if (candidate.get("name").stringValue().equals("securityEvents")) {
                attribute = candidate;
            }
        }
        assertThat(attribute).as("securityEvents in the ServiceProviderConfig schema").isNotNull();
        assertThat(attribute.get("type").stringValue()).isEqualTo("complex");
    }
}
