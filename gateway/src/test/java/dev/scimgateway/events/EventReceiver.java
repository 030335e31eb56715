package dev.scimgateway.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.scimgateway.support.GatewayTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A Shared Signals receiver of one tenant: its events token, its stream management and its polls. */
record EventReceiver(WebTestClient http, String tenantId, String token) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A new events token of the tenant, as the operator issues it. */
    static EventReceiver of(WebTestClient http, String tenantId) {
        JsonNode created = http.post().uri("/admin/v1/tenants/{t}/tokens", tenantId)
                .header("Authorization", "Bearer " + GatewayTest.ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "receiver", "scopes", List.of("events")))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(created.get("scopes").toString()).isEqualTo("[\"events\"]");
        return new EventReceiver(http, tenantId, created.get("token").stringValue());
    }

    WebTestClient.ResponseSpec send(HttpMethod method, String path, @org.jspecify.annotations.Nullable Object body) {
        var spec = http.method(method).uri(base -> java.net.URI.create(base.build() + path))
                .header("Authorization", "Bearer " + token)
                .accept(MediaType.APPLICATION_JSON);
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    /** Creates a poll stream asking for these events; returns its configuration. */
    JsonNode createStream(String... events) {
        return body(send(HttpMethod.POST, FeedPaths.STREAMS, Map.of("events_requested", List.of(events),
                "description", "test receiver")).expectStatus().isCreated());
    }

    /** Polls the stream; returns the whole answer. */
    JsonNode poll(String streamId, Map<String, Object> request) {
        return body(send(HttpMethod.POST, FeedPaths.STREAMS + "/" + streamId + FeedPaths.POLL_SUFFIX, request)
                .expectStatus().isOk());
    }

    static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The SETs of a poll answer, in the order the answer gives them, each checked against the JWKS and decoded. */
    List<Set> verified(JsonNode answer) {
        List<Set> sets = new ArrayList<>();
        for (var entry : answer.get("sets").properties()) {
            Set set = verified(entry.getValue().stringValue());
            assertThat(set.jti()).isEqualTo(entry.getKey());
            sets.add(set);
        }
        return sets;
    }

    /** One SET, checked against the JWKS the gateway publishes, and decoded. */
    Set verified(String token) {
        String jwks = http.get().uri(FeedPaths.JWKS).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        try {
            JWSObject jws = JWSObject.parse(token);
            assertThat(jws.getHeader().getType().toString()).isEqualTo("secevent+jwt");
            ECKey key = (ECKey) JWKSet.parse(jwks).getKeyByKeyId(jws.getHeader().getKeyID());
            assertThat(key).as("the SET's kid is published").isNotNull();
            assertThat(jws.verify(new ECDSAVerifier(key))).as("signature").isTrue();
            JsonNode claims = JSON.readTree(jws.getPayload().toString());
            return new Set(claims.get("jti").stringValue(), claims);
        } catch (Exception e) {
            throw new AssertionError("SET does not verify: " + token, e);
        }
    }

    /** A verified SET: its jti and claims. */
    record Set(String jti, JsonNode claims) {

        String event() {
            return claims.get("events").propertyNames().iterator().next();
        }

        JsonNode payload() {
            return claims.get("events").get(event());
        }

        String uri() {
            return claims.get("sub_id").get("uri").stringValue();
        }
    }
}
