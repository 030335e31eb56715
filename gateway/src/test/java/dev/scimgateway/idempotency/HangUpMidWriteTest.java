package dev.scimgateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.support.TestClients;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Clients that reset their connection (RST) while their keyed writes are under way, at every
 * point of the way: before the claim, while the user is being inserted, while the answer is being
 * stored. Whatever committed must have its answer stored: a retry with the same key gets the
 * original answer (the same id) or, when nothing was written, a fresh create; 409 "still being
 * processed" at most for the lease, never 409 uniqueness for a user the key itself created, and
 * never two users for one key.
 *
 * <p>The gateway gets a long coalescing window, so that every request spends a wide, known time
 * waiting on each of its three statements (claim, insert, stored answer), and a short lease, so
 * that a claim left behind is over quickly.
 */
@Tag("own-gateway")
class HangUpMidWriteTest {

    private static final String ADMIN = "hangup-admin-" + UUID.randomUUID();
    private static final Duration WINDOW = Duration.ofMillis(150);
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static ConfigurableApplicationContext app;
    private static int port;
    private static WebTestClient http;

    @BeforeAll
    static void start() {
        app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(
                "server.port=0",
                "scim-gateway.data-dir=" + Path.of("target", "test-data", "hangup-" + UUID.randomUUID()),
                "scim-gateway.admin-token=" + ADMIN,
                "scim-gateway.writes.coalesce-window=" + WINDOW.toMillis() + "ms",
                "scim-gateway.idempotency.lease=" + LEASE.toSeconds() + "s").run();
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        http = TestClients.patient(port);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aKeyedCreateWhoseClientHungUpIsAnsweredOnRetry() throws Exception {
        String token = newTenant("rst");
        String run = UUID.randomUUID().toString().substring(0, 8);
        // The tenant's first request loads its caches; the hang-ups below should meet warm ones.
        assertThat(post(token, run + "-warm").getStatus().value()).isEqualTo(201);
        // Hang-ups spread over the whole life of a request, a few milliseconds apart: the claim,
        // the insert and the stored answer each wait one window for company, then a round trip.
        List<String> keys = IntStream.range(0, 64).mapToObj(i -> run + "-" + i).toList();
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            List<CompletableFuture<Void>> hangUps = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                String key = keys.get(i);
                long after = 10 + i * WINDOW.toMillis() / 6;
                hangUps.add(CompletableFuture.runAsync(() -> postAndReset(token, key, user(key), after), pool));
            }
            hangUps.forEach(CompletableFuture::join);
        } finally {
            pool.shutdownNow();
        }

        Set<String> ids = new HashSet<>();
        for (String key : keys) {
            EntityExchangeResult<String> answer = retryWhileInFlight(() -> post(token, key),
                    r -> r.getStatus().value() == 409
                    && r.getResponseBody() != null && r.getResponseBody().contains("still being processed"));
            assertThat(answer.getStatus().value()).as("key %s: %s", key, answer.getResponseBody()).isEqualTo(201);
            String id = JSON.readTree(answer.getResponseBody()).get("id").stringValue();
            assertThat(ids.add(id)).as("one id per key").isTrue();
            JsonNode found = JSON.readTree(http.get().uri(uri -> uri.path("/scim/v2/Users")
                            .queryParam("filter", "userName eq \"{u}\"").build(key + "@example.com"))
                    .header("Authorization", "Bearer " + token).exchange().expectStatus().isOk()
                    .expectBody(String.class).returnResult().getResponseBody());
            assertThat(found.get("totalResults").asInt()).isEqualTo(1);
            assertThat(found.at("/Resources/0/id").stringValue()).as("the answer names the user the key created")
                    .isEqualTo(id);
        }
    }

    @Test
    void aKeyedStreamLineWhoseStreamWasCutIsAnsweredOnResume() throws Exception {
        String token = newTenant("cut");
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder stream = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String key = run + "-" + i;
            stream.append("{\"method\":\"POST\",\"path\":\"/Users\",\"idempotencyKey\":\"").append(key)
                    .append("\",\"bulkId\":\"b").append(i).append("\",\"data\":").append(user(key)).append("}\n");
        }
        // Cut while lines are waiting on each of their statements.
        for (long after : new long[] {WINDOW.toMillis() / 2, WINDOW.toMillis() * 3 / 2, WINDOW.toMillis() * 5 / 2}) {
            streamAndReset(token, stream.toString(), after);
        }

        List<JsonNode> results = retryWhileInFlight(() -> streamed(token, stream.toString()),
                lines -> lines.stream().anyMatch(line -> line.path("response").path("detail").asString("")
                        .contains("still being processed")));
        assertThat(results).hasSize(200).allSatisfy(line -> assertThat(line.get("status").stringValue())
                .as("%s", line).isEqualTo("201"));
        Set<String> locations = new HashSet<>();
        results.forEach(line -> locations.add(line.get("location").stringValue()));
        assertThat(locations).hasSize(200);
        http.get().uri("/scim/v2/Users?count=0").header("Authorization", "Bearer " + token).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(200);
    }

    /** Retries while the key is held, for at most the lease and a margin: 409 must not last longer. */
    private static <T> T retryWhileInFlight(java.util.function.Supplier<T> attempt,
            java.util.function.Predicate<T> inFlight) throws InterruptedException {
        long deadline = System.nanoTime() + LEASE.plusSeconds(5).toNanos();
        T answer = attempt.get();
        while (inFlight.test(answer)) {
            assertThat(System.nanoTime()).as("still in flight after the lease").isLessThan(deadline);
            Thread.sleep(100);
            answer = attempt.get();
        }
        return answer;
    }

    private static EntityExchangeResult<String> post(String token, String key) {
        return http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(MediaType.parseMediaType("application/scim+json"))
                .bodyValue(user(key)).exchange().expectBody(String.class).returnResult();
    }

    private static String user(String key) {
        return "{\"userName\":\"" + key + "@example.com\"}";
    }

    private List<JsonNode> streamed(String token, String lines) {
        String body = http.post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_NDJSON).bodyValue(lines).exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return body.lines().filter(line -> !line.isBlank()).map(JSON::readTree).toList();
    }

    /** Sends the whole request, waits, then resets the connection (SO_LINGER 0) without reading the answer. */
    private static void postAndReset(String token, String key, String body, long afterMillis) {
        byte[] payload = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nIdempotency-Key: " + key + "\r\nContent-Type: application/scim+json\r\nContent-Length: "
                + payload.length + "\r\n\r\n";
        sendAndReset(head.getBytes(StandardCharsets.US_ASCII), payload, afterMillis);
    }

    private static void streamAndReset(String token, String lines, long afterMillis) {
        byte[] payload = lines.getBytes(StandardCharsets.UTF_8);
        String head = "POST /scim/v2/Bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + payload.length + "\r\n\r\n";
        sendAndReset(head.getBytes(StandardCharsets.US_ASCII), payload, afterMillis);
    }

    private static void sendAndReset(byte[] head, byte[] payload, long afterMillis) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.getOutputStream().write(head);
            socket.getOutputStream().write(payload);
            socket.getOutputStream().flush();
            Thread.sleep(afterMillis);
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String newTenant(String prefix) {
        String tenant = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", tenant)).exchange()
                .expectStatus().isCreated();
        return http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "idp")).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("token").stringValue();
    }
}
