package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Concurrent creates share multi-row INSERTs, yet each request gets its own answer: a taken
 * userName (in any case) fails only its own request.
 */
class WriteCoalescingTest extends GatewayTest {

    @Test
    void concurrentCreatesAreCoalescedAndDuplicatesFailAlone() throws Exception {
        ScimClient c = newScimClient("coalesce");
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<Map.Entry<String, Integer>>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                // Every tenth name is sent three times, in different cases.
                String userName = i % 10 == 0 ? (i % 20 == 0 ? "DUP" : "dup") + (i / 100) + "@example.com"
                        : "c" + i + "@example.com";
                calls.add(CompletableFuture.supplyAsync(() -> Map.entry(userName.toLowerCase(),
                        c.post("/Users", "{\"userName\":\"" + userName + "\"}").returnResult(String.class)
                                .getStatus().value()), pool));
            }
            Map<String, List<Integer>> byName = calls.stream().map(CompletableFuture::join)
                    .collect(Collectors.groupingBy(Map.Entry::getKey,
                            Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
            byName.forEach((name, statuses) -> {
                assertThat(statuses.stream().filter(s -> s == 201)).as(name + " " + statuses).hasSize(1);
                assertThat(statuses.stream().filter(s -> s != 201)).as(name).allMatch(s -> s == 409);
            });
            c.get("/Users?count=0").expectStatus().isOk().expectBody().jsonPath("$.totalResults")
                    .isEqualTo(byName.size());
            // A statement takes its rows' documents by position: each user's document is its own, which
            // the filter (on the userName column) and the answer (from the document) show together.
            byName.keySet().forEach(name -> assertThat(ScimClient.body(
                    c.get("/Users?filter=userName%20eq%20%22" + name + "%22")).path("Resources").path(0)
                    .path("userName").asString()).as(name).isEqualToIgnoringCase(name));
        } finally {
            pool.shutdownNow();
        }
        assertThat(meter("scim_write_batch_size_max{statement=\"user_insert\"}")).isGreaterThanOrEqualTo(2);
    }
}
