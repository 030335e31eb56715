package dev.scimgateway.scim;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Every malformed request gets a 4xx SCIM error that says what to fix, and nothing is written. */
class BadInputTest extends GatewayTest {

    private static void expectError(WebTestClient.ResponseSpec response, int status, String scimType) {
        var body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith("application/scim+json")
                .expectBody()
                .jsonPath("$.schemas[0]").isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error")
                .jsonPath("$.status").isEqualTo(Integer.toString(status))
                .jsonPath("$.detail").isNotEmpty();
        if (scimType != null) {
            body.jsonPath("$.scimType").isEqualTo(scimType);
        }
    }

    @Test
    void malformedBodies() {
        ScimClient c = newScimClient("bad");
        expectError(c.post("/Users", "{\"userName\": "), 400, "invalidSyntax");
        expectError(c.post("/Users", "[1,2]"), 400, "invalidSyntax");
        expectError(c.post("/Users", "{\"userName\": true}"), 400, "invalidValue");
        expectError(c.post("/Users", "{\"userName\": [\"a\"]}"), 400, "invalidValue");
        expectError(c.post("/Users", "{\"userName\": \"x@example.com\", \"active\": \"maybe\"}"), 400, "invalidValue");
        expectError(c.post("/Users", "{\"userName\": \"x@example.com\", \"emails\": \"x@example.com\"}"), 400, "invalidValue");
        expectError(c.post("/Users", "{\"name\": {\"givenName\": \"no userName\"}}"), 400, "invalidValue");
        expectError(c.post("/Groups", "{\"members\": []}"), 400, "invalidValue");
        expectError(c.patch("/Users/" + c.createUser("p@example.com"), "{\"Operations\": []}"), 400, "invalidSyntax");
        // Nothing was half-written.
        c.get("/Users?filter=userName%20eq%20%22x@example.com%22").expectStatus().isOk()
                .expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    @Test
    void badPatches() {
        ScimClient c = newScimClient("badpatch");
        String id = c.createUser("patch@example.com");
        expectError(c.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"jump\",\"path\":\"active\",\"value\":true}]}"),
                400, "invalidSyntax");
        expectError(c.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"remove\"}]}"), 400, "noTarget");
        expectError(c.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"nosuch\",\"value\":1}]}"),
                400, "invalidPath");
        expectError(c.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"replace\",\"path\":\"id\",\"value\":\"x\"}]}"),
                400, "mutability");
        // Atomic: the first operation is valid, the second is not; neither applies.
        expectError(c.patch("/Users/" + id, """
                {"Operations":[{"op":"replace","path":"displayName","value":"Changed"},
                               {"op":"replace","path":"active","value":"sometimes"}]}"""), 400, "invalidValue");
        c.get("/Users/" + id).expectStatus().isOk().expectBody().jsonPath("$.displayName").doesNotExist();
    }

    @Test
    void invalidFiltersAndParameters() {
        ScimClient c = newScimClient("badfilter");
        expectError(c.get("/Users?filter=userName%20equals%20%22x%22"), 400, "invalidFilter");
        expectError(c.get("/Users?filter=nosuch%20eq%20%22x%22"), 400, "invalidFilter");
        expectError(c.get("/Users?filter=active%20gt%20true"), 400, "invalidFilter");
        expectError(c.get("/Users?filter=(userName%20eq%20%22x%22"), 400, "invalidFilter");
        expectError(c.get("/Users?filter=meta.lastModified%20gt%20%22yesterday%22"), 400, "invalidFilter");
        expectError(c.get("/Users?count=ten"), 400, "invalidValue");
    }

    @Test
    void malformedIdsAndUnknownPaths() {
        ScimClient c = newScimClient("badid");
        expectError(c.get("/Users/not-a-uuid"), 404, null);
        expectError(c.delete("/Groups/1234"), 404, null);
        expectError(c.get("/Nothing"), 404, null);
    }

    @Test
    void wrongMediaTypeAndOversizedBodies() {
        ScimClient c = newScimClient("media");
        expectError(http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + c.token())
                .contentType(MediaType.TEXT_PLAIN).bodyValue("userName=x").exchange(), 415, null);
        String huge = "{\"userName\":\"big@example.com\",\"displayName\":\"" + "x".repeat(2_000_000) + "\"}";
        expectError(c.post("/Users", huge), 413, null);
    }

    @Test
    void staleIfMatchIsRefused() {
        ScimClient c = newScimClient("etag");
        String id = c.createUser("etag@example.com");
        String etag = c.get("/Users/" + id).expectStatus().isOk().returnResult(String.class).getResponseHeaders().getETag();
        c.get("/Users/" + id).expectStatus().isOk();
        http.get().uri("/scim/v2/Users/" + id).header("Authorization", "Bearer " + c.token()).header("If-None-Match", etag)
                .exchange().expectStatus().isNotModified();
        http.patch().uri("/scim/v2/Users/" + id).header("Authorization", "Bearer " + c.token()).header("If-Match", etag)
                .contentType(GatewayTest.SCIM)
                .bodyValue("{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":false}}]}")
                .exchange().expectStatus().isNoContent();
        expectError(http.patch().uri("/scim/v2/Users/" + id).header("Authorization", "Bearer " + c.token())
                .header("If-Match", etag).contentType(GatewayTest.SCIM)
                .bodyValue("{\"Operations\":[{\"op\":\"replace\",\"value\":{\"active\":true}}]}").exchange(), 412, null);
    }
}
