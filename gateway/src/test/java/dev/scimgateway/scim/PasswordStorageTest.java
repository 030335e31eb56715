package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * IdPs send passwords; the gateway accepts them and keeps none: not in any answer and, read
 * straight from PostgreSQL, not in any column of the user's row.
 */
class PasswordStorageTest extends GatewayTest {

    @Autowired
    Database database;

    @Test
    void passwordsAreAcceptedButNeverStoredOrReturned() throws Exception {
        ScimClient c = newScimClient("pw");
        String onCreate = "create-" + UUID.randomUUID();
        String onReplace = "replace-" + UUID.randomUUID();
        String onPatch = "patch-" + UUID.randomUUID();

        String created = c.post("/Users", """
                {"userName":"pw@example.com","password":"%s"}""".formatted(onCreate))
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String id = body(c.get("/Users?filter=userName%20eq%20%22pw@example.com%22").expectStatus().isOk())
                .path("Resources").path(0).path("id").stringValue();
        String replaced = c.put("/Users/" + id, """
                {"userName":"pw@example.com","password":"%s"}""".formatted(onReplace))
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        c.patch("/Users/" + id, """
                {"Operations":[{"op":"replace","path":"password","value":"%s"}]}""".formatted(onPatch))
                .expectStatus().isNoContent();
        String read = c.get("/Users/" + id).expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();

        for (String answer : new String[] {created, replaced, read}) {
            assertThat(answer).doesNotContain("password").doesNotContain(onCreate).doesNotContain(onReplace)
                    .doesNotContain(onPatch);
        }
        assertThat(storedRow(c.tenantId(), id)).contains("pw@example.com").doesNotContainIgnoringCase("password")
                .doesNotContain(onCreate).doesNotContain(onReplace).doesNotContain(onPatch);
    }

    /** The user's whole row as JSON text: every column, the document included. */
    private String storedRow(String tenantId, String id) throws Exception {
        try (var connection = EmbeddedDatabases.connect(database, dataDir(), "postgres");
                var query = connection.prepareStatement(
                        "SELECT row_to_json(u)::text FROM scim_user u WHERE tenant_id = ? AND id = ?")) {
            query.setString(1, tenantId);
            query.setObject(2, UUID.fromString(id));
            try (var row = query.executeQuery()) {
                assertThat(row.next()).as("the user's row").isTrue();
                return row.getString(1);
            }
        }
    }
}
