package dev.scimgateway.scim;

import static dev.scimgateway.support.ScimClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.ScimClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Concurrent writers never lose an update and, without If-Match, are never refused. */
class ConcurrentPatchTest extends GatewayTest {

    @Test
    void concurrentOktaMembershipPatchesWithRenamesAllApply() {
        ScimClient c = newScimClient("concurrent");
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            users.add(c.createUser("p" + i + "@example.com"));
        }
        String group = body(c.post("/Groups", "{\"displayName\":\"Busy\"}").expectStatus().isCreated()).get("id").stringValue();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String user = users.get(i);
                int n = i;
                calls.add(CompletableFuture.supplyAsync(() -> c.patch("/Groups/" + group, """
                        {"Operations":[{"op":"replace","value":{"id":"%s","displayName":"Busy %d"}},
                                       {"op":"add","path":"members","value":[{"value":"%s"}]}]}"""
                        .formatted(group, n, user)).returnResult(String.class).getStatus().value(), pool));
                String target = users.get(i);
                calls.add(CompletableFuture.supplyAsync(() -> c.patch("/Users/" + target, """
                        {"Operations":[{"op":"replace","path":"title","value":"T%d"}]}""".formatted(n))
                        .returnResult(String.class).getStatus().value(), pool));
            }
            assertThat(calls.stream().map(CompletableFuture::join)).allMatch(status -> status == 204);
        } finally {
            pool.shutdownNow();
        }
        assertThat(body(c.get("/Groups/" + group).expectStatus().isOk()).get("members")).hasSize(40);
        assertThat(body(c.get("/Users/" + users.get(7)).expectStatus().isOk()).get("title").stringValue()).isEqualTo("T7");
    }
}
