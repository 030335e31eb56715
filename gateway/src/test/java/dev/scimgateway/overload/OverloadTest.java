package dev.scimgateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.support.TestClients;
import dev.scimgateway.storage.Database;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway whose database stops accepting connections answers 503 with Retry-After, never 500
 * and never a hang; once the breaker opens it answers without waiting on the database; when the
 * database comes back it recovers by itself.
 */
@org.junit.jupiter.api.Tag("own-gateway")
class OverloadTest {

    private static final String ADMIN = "overload-admin-" + UUID.randomUUID();

    @Test
    void databaseOutageGives503FastAndRecovers() throws Exception {
        Path data = Path.of("target", "test-data", "overload-" + UUID.randomUUID());
        try (var app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(
                        "server.port=0", "scim-gateway.data-dir=" + data, "scim-gateway.admin-token=" + ADMIN,
                        "scim-gateway.db.pool-acquire-timeout=1s", "scim-gateway.overload.breaker-open-duration=2s",
                        "scim-gateway.overload.request-timeout=4s")
                .run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebTestClient http = TestClients.patient(port);
            http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", "outage")).exchange()
                    .expectStatus().isCreated();
            String token = http.post().uri("/admin/v1/tenants/outage/tokens").header("Authorization", "Bearer " + ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "t")).exchange()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
            http.get().uri("/scim/v2/Users").header("Authorization", "Bearer " + token).exchange().expectStatus().isOk();

            String jdbc = app.getBean(Database.class).r2dbcUrl().replace("r2dbc:", "jdbc:").replace("/postgres", "/template1");
            setConnections(jdbc, false);

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

            setConnections(jdbc, true);
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
        Path data = Path.of("target", "test-data", "slots-" + UUID.randomUUID());
        try (var app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(
                        "server.port=0", "scim-gateway.data-dir=" + data, "scim-gateway.admin-token=" + ADMIN,
                        "scim-gateway.overload.max-concurrent-requests=" + slots,
                        "scim-gateway.rate-limits.read-per-second=1000000", "scim-gateway.rate-limits.read-burst=1000000")
                .run()) {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            WebTestClient http = TestClients.patient(port);
            http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", "slots")).exchange()
                    .expectStatus().isCreated();
            String token = http.post().uri("/admin/v1/tenants/slots/tokens").header("Authorization", "Bearer " + ADMIN)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "t")).exchange()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
            var statuses = new java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.LongAdder>();
            var clients = java.util.concurrent.Executors.newFixedThreadPool(slots);
            try {
                List<java.util.concurrent.Future<?>> running = new ArrayList<>();
                for (int c = 0; c < slots; c++) {
                    running.add(clients.submit(() -> {
                        var client = java.net.http.HttpClient.newBuilder()
                                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                        var request = java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port + "/scim/v2/Users?count=1"))
                                .header("Authorization", "Bearer " + token).build();
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
    private static void setConnections(String jdbcUrl, boolean allowed) throws Exception {
        try (var connection = DriverManager.getConnection(jdbcUrl, "postgres", "");
                var statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
            }
        }
    }
}
