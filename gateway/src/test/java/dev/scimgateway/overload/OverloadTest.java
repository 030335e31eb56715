package dev.scimgateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.OwnGateway;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A gateway whose database stops accepting connections answers 503 with Retry-After, never 500
 * and never a hang; once the breaker opens it answers without waiting on the database; when the
 * database comes back it recovers by itself.
 */
@org.junit.jupiter.api.Tag("own-gateway")
class OverloadTest {

    @Test
    void databaseOutageGives503FastAndRecovers() throws Exception {
        try (var gateway = OwnGateway.start("outage", "scim-gateway.db.pool-acquire-timeout=1s",
                "scim-gateway.overload.breaker-open-duration=2s", "scim-gateway.overload.request-timeout=4s")) {
            var app = gateway.app();
            WebTestClient http = gateway.http();
            String token = gateway.token();
            http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();

            Database database = app.getBean(Database.class);
            setConnections(database, gateway.dataDir(), false);

            List<EntityExchangeResult<String>> during = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                during.add(dumpingThreadsOnHang(() -> http.get().uri("/scim/v2/Users")
                        .header("Authorization", "Bearer " + token).exchange().expectBody(String.class).returnResult()));
            }
            assertThat(during).allSatisfy(r -> {
                assertThat(r.getStatus().value()).isEqualTo(503);
                assertThat(r.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
                assertThat(r.getResponseBody()).contains("\"status\":\"503\"");
            });
            long start = System.nanoTime();
            http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange()
                    .expectStatus().isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("an open breaker answers at once")
                    .isLessThan(Duration.ofMillis(500));

            setConnections(database, gateway.dataDir(), true);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                Thread.sleep(500);
                status = http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange()
                        .returnResult(String.class).getStatus().value();
            }
            assertThat(status).as("recovered by itself").isEqualTo(200);
        }
    }

    /**
     * As many keep-alive clients as the bulkhead has slots, each sending its next request the
     * moment it has its answer, are never shed: a slot is free before the client can see the answer.
     */
    @Test
    void asManyClientsAsSlotsAreNeverShed() throws Exception {
        int slots = 4;
        try (var gateway = OwnGateway.start("slots", "scim-gateway.overload.max-concurrent-requests=" + slots,
                "scim-gateway.rate-limits.read-per-second=1000000", "scim-gateway.rate-limits.read-burst=1000000")) {
            var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.LongAdder>();
            var clients = java.util.concurrent.Executors.newFixedThreadPool(slots);
            try {
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int c = 0; c < slots; c++) {
                    running.add(clients.submit(() -> {
                        var client = java.net.http.HttpClient.newBuilder()
                                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                        var request = java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + gateway.port() + "/scim/v2/Users?count=1"))
                                .header("Authorization", "Bearer " + gateway.token()).build();
                        for (int i = 0; i < 600; i++) {
                            int status = client.send(request, java.net.http.HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            statuses.computeIfAbsent(status, s -> new java.util.concurrent.atomic.LongAdder()).increment();
                        }
                        return null;
                    }));
                }
                for (var client : running) {
                    client.get();
                }
            } finally {
                clients.shutdownNow();
            }
            assertThat(statuses.keySet()).as("statuses of %s requests", statuses).containsOnly(200);
        }
    }

    /**
     * With every slot taken (here by an open NDJSON stream, which holds one for as long as it
     * lasts), a request is refused before it is authenticated: at twice the load the gateway can
     * take, what a refusal costs comes out of the capacity left for the admitted half.
     */
    @Test
    void aFullGatewayRefusesBeforeAuthenticating() throws Exception {
        try (var gateway = OwnGateway.start("full", "scim-gateway.overload.max-concurrent-requests=1");
                var stream = gateway.openStream()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            EntityExchangeResult<String> refused;
            do {
                refused = gateway.http().get().uri("/scim/v2/Users").header("Authorization", "Bearer not-a-token")
                        .exchange().expectBody(String.class).returnResult();
            } while (refused.getStatus().value() != 503 && System.nanoTime() < deadline);
            assertThat(refused.getStatus().value()).as("an unauthenticated request while the stream holds the slot")
                    .isEqualTo(503);
            assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(refused.getResponseBody()).contains("concurrency limit");

            stream.close();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                status = gateway.http().get().uri("/scim/v2/Users").header("Authorization", "Bearer " + gateway.token())
                        .exchange().returnResult(String.class).getStatus().value();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).as("the slot is free once the stream is gone").isEqualTo(200);
            gateway.http().get().uri("/scim/v2/Users").header("Authorization", "Bearer not-a-token").exchange()
                    .expectStatus().isUnauthorized();
        }
    }

    /**
     * /Bulk has slots of its own, fewer than the gateway's (each may hold a 4 MiB BulkRequest):
     * with them taken, a BulkRequest is shed while other requests still run.
     */
    @Test
    void bulkRequestsHaveSlotsOfTheirOwn() throws Exception {
        try (var gateway = OwnGateway.start("bulkslots", "scim-gateway.overload.max-concurrent-bulk-requests=1");
                var stream = gateway.openStream()) {
            var bulkSlots = gateway.app().getBean(io.github.resilience4j.bulkhead.BulkheadRegistry.class).bulkhead("bulk");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (bulkSlots.getMetrics().getAvailableConcurrentCalls() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(bulkSlots.getMetrics().getAvailableConcurrentCalls()).as("the stream holds the /Bulk slot").isZero();
            String bulkRequest = "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                    + "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"a\",\"data\":{\"userName\":\"bulk-a\"}}]}";
            gateway.http().post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + gateway.token())
                    .contentType(MediaType.parseMediaType("application/scim+json")).bodyValue(bulkRequest).exchange()
                    .expectStatus().isEqualTo(503).expectHeader().exists("Retry-After");
            var slots = gateway.app().getBean(io.github.resilience4j.bulkhead.BulkheadRegistry.class).bulkhead("database");
            assertThat(slots.getMetrics().getAvailableConcurrentCalls()).as("only the stream holds a slot")
                    .isEqualTo(slots.getMetrics().getMaxAllowedConcurrentCalls() - 1);
            gateway.http().get().uri("/scim/v2/Users").header("Authorization", "Bearer " + gateway.token()).exchange()
                    .expectStatus().isOk();

            stream.close();
            deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            int status;
            do {
                status = gateway.http().post().uri("/scim/v2/Bulk").header("Authorization", "Bearer " + gateway.token())
                        .contentType(MediaType.parseMediaType("application/scim+json")).bodyValue(bulkRequest)
                        .exchange().returnResult(String.class).getStatus().value();
            } while (status != 200 && System.nanoTime() < deadline);
            assertThat(status).as("the /Bulk slot is free once the stream is gone").isEqualTo(200);
        }
    }

    /**
     * The gateway runs in this JVM, so a hung request's cause is in this JVM's threads: print them,
     * because a CI log is all there is to read afterwards.
     */
    private static <T> T dumpingThreadsOnHang(java.util.function.Supplier<T> request) {
        try {
            return request.get();
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.util.concurrent.TimeoutException) {
                for (var thread : java.lang.management.ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                    System.out.print(thread);
                }
            }
            throw e;
        }
    }

    /** Closes or opens the gateway's database to new connections and drops the ones it has. */
    private static void setConnections(Database database, Path dataDir, boolean allowed) throws Exception {
        try (var connection = EmbeddedDatabases.connect(database, dataDir, "template1");
                var statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
            }
        }
    }
}
