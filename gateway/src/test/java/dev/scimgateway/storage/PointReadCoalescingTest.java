package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Concurrent reads of users, by id and by {@code userName eq}, share statements over many keys,
 * yet each request gets its own answer: its tenant's user, with its groups, or 404 and an empty
 * list for another tenant's, though two tenants' reads of the same names go in one statement.
 */
class PointReadCoalescingTest extends GatewayTest {

    private static final int USERS = 40;

    @Test
    void concurrentReadsAreCoalescedAndEachGetsItsOwnTenantsUser() throws Exception {
        ScimClient a = newScimClient("reads-a");
        ScimClient b = newScimClient("reads-b");
        List<String> idsOfA = new ArrayList<>();
        List<String> idsOfB = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            idsOfA.add(a.createUser("reader" + i + "@example.com"));
            idsOfB.add(b.createUser("reader" + i + "@example.com"));
        }
        a.post("/Groups", "{\"displayName\":\"Readers\",\"members\":[{\"value\":\"" + idsOfA.get(0) + "\"}]}")
                .expectStatus().isCreated();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<Void>> calls = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < USERS; i++) {
                    int user = i;
                    calls.add(CompletableFuture.runAsync(() -> readOwn(a, user, idsOfA.get(user)), pool));
                    calls.add(CompletableFuture.runAsync(() -> readOwn(b, user, idsOfB.get(user)), pool));
                    // Tenant B asks for tenant A's user by its id: no tenant reads another's row.
                    calls.add(CompletableFuture.runAsync(() -> b.get("/Users/" + idsOfA.get(user))
                            .expectStatus().isNotFound(), pool));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
        a.get("/Users?filter=userName%20eq%20%22nobody@example.com%22").expectStatus().isOk().expectBody()
                .jsonPath("$.totalResults").isEqualTo(0)
                .jsonPath("$.Resources.length()").isEqualTo(0);
        JsonNode grouped = ScimClient.body(a.get("/Users/" + idsOfA.get(0)));
        assertThat(grouped.path("groups").path(0).path("display").asString()).isEqualTo("Readers");
        JsonNode found = ScimClient.body(a.get("/Users?filter=userName%20eq%20%22READER0@example.com%22"));
        assertThat(found.path("Resources").path(0).path("groups").path(0).path("display").asString()).isEqualTo("Readers");
        assertThat(meter("scim_read_batch_size_max{statement=\"user_by_id\"}")).isGreaterThanOrEqualTo(2);
        assertThat(meter("scim_read_batch_size_max{statement=\"user_by_user_name\"}")).isGreaterThanOrEqualTo(2);
    }

    /** By id and by userName (in another case), the tenant's own user, and only it. */
    private static void readOwn(ScimClient client, int user, String id) {
        String userName = "reader" + user + "@example.com";
        JsonNode byId = ScimClient.body(client.get("/Users/" + id).expectStatus().isOk());
        assertThat(byId.path("userName").asString()).isEqualTo(userName);
        JsonNode byName = ScimClient.body(client.get("/Users?filter=userName%20eq%20%22"
                + userName.toUpperCase(Locale.ROOT) + "%22&startIndex=1&count=100").expectStatus().isOk());
        assertThat(byName.path("totalResults").asInt()).isEqualTo(1);
        assertThat(byName.path("Resources").path(0).path("id").asString()).isEqualTo(id);
    }
}
