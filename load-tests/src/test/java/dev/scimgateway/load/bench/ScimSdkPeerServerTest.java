package dev.scimgateway.load.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The peer row measures a SCIM server that really creates users: what the benchmark sends gets 201 and an id. */
class ScimSdkPeerServerTest {

    @Test
    void theBenchmarksCreateIsAnsweredWithACreatedUser() throws Exception {
        try (var peer = ScimSdkPeerServer.start()) {
            HttpClient client = HttpClient.newHttpClient();
            String body = UserRows.createRequest(UserRows.userName("peer", 1), 1);
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/Users"))
                    .header("Content-Type", "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(201, created.statusCode(), created.body());
            JsonNode user = new ObjectMapper().readTree(created.body());
            assertFalse(user.path("id").asText().isBlank());
            assertEquals(UserRows.userName("peer", 1), user.path("userName").asText());
            assertFalse(user.has("password"));

            HttpResponse<String> invalid = client.send(HttpRequest.newBuilder(URI.create(peer.baseUrl() + "/Users"))
                    .header("Content-Type", "application/scim+json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(400, invalid.statusCode(), invalid.body());
        }
    }
}
