package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** SSF 1.0 §7: what a receiver reads before it holds a token. */
class TransmitterMetadataTest extends GatewayTest {

    @Test
    void theMetadataNamesTheIssuerKeysEndpointsAndPoll() {
        JsonNode metadata = http.get().uri(FeedPaths.METADATA).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith("application/json")
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String issuer = metadata.get("issuer").stringValue();
        assertThat(issuer).startsWith("http://localhost:").doesNotEndWith("/");
        assertThat(metadata.get("spec_version").stringValue()).isEqualTo("1_0");
        assertThat(metadata.get("jwks_uri").stringValue()).isEqualTo(issuer + FeedPaths.JWKS);
        assertThat(metadata.get("configuration_endpoint").stringValue()).isEqualTo(issuer + "/events/v1/streams");
        assertThat(metadata.get("status_endpoint").stringValue()).isEqualTo(issuer + "/events/v1/status");
        assertThat(strings(metadata.get("delivery_methods_supported"))).containsExactly("urn:ietf:rfc:8935", "urn:ietf:rfc:8936");
        assertThat(metadata.get("authorization_schemes").get(0).get("spec_urn").stringValue())
                .isEqualTo("urn:ietf:rfc:6750");
    }

    @Test
    void theJwksPublishesTheP256PublicKeyOnly() {
        JsonNode jwks = http.get().uri(FeedPaths.JWKS).exchange()
                .expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").stringValue()).isEqualTo("EC");
        assertThat(key.get("crv").stringValue()).isEqualTo("P-256");
        assertThat(key.get("alg").stringValue()).isEqualTo("ES256");
        assertThat(key.get("use").stringValue()).isEqualTo("sig");
        assertThat(key.get("kid").stringValue()).isNotBlank();
        assertThat(key.has("x") && key.has("y")).isTrue();
        assertThat(key.has("d")).as("the private part is never published").isFalse();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(item -> out.add(item.stringValue()));
        return out;
    }
}
