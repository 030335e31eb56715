package dev.scimgateway.support;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/** Sends SCIM requests the way Okta does: SCIM media types and the tenant token. */
public record ScimClient(WebTestClient http, String tenantId, String token) {

    public WebTestClient.ResponseSpec send(HttpMethod method, String path, @org.jspecify.annotations.Nullable Object body) {
        // Paths arrive already percent-encoded, as an IdP sends them; the template encoder must not encode them twice.
        var spec = http.method(method).uri(base -> java.net.URI.create(base.build() + "/scim/v2" + path))
                .header("Authorization", "Bearer " + token)
                .accept(GatewayTest.SCIM);
        if (body != null) {
            return spec.contentType(MediaType.parseMediaType("application/scim+json; charset=utf-8")).bodyValue(body).exchange();
        }
        return spec.exchange();
    }

    public WebTestClient.ResponseSpec get(String path) {
        return send(HttpMethod.GET, path, null);
    }

    public WebTestClient.ResponseSpec post(String path, Object body) {
        return send(HttpMethod.POST, path, body);
    }

    public WebTestClient.ResponseSpec put(String path, Object body) {
        return send(HttpMethod.PUT, path, body);
    }

    public WebTestClient.ResponseSpec patch(String path, Object body) {
        return send(HttpMethod.PATCH, path, body);
    }

    public WebTestClient.ResponseSpec delete(String path) {
        return send(HttpMethod.DELETE, path, null);
    }

    public static JsonNode body(WebTestClient.ResponseSpec response) {
        return response.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** Creates a user and returns its id. */
    public String createUser(String userName) {
        JsonNode created = body(post("/Users", """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Test","familyName":"User"},
                 "emails":[{"value":"%s","type":"work","primary":true}],"active":true}
                """.formatted(userName, userName)).expectStatus().isCreated());
        return created.get("id").stringValue();
    }
}
