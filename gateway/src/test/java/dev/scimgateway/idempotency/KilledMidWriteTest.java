package dev.scimgateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.OwnGateway;
import dev.scimgateway.support.OwnGatewayProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway killed (SIGKILL) in the middle of keyed creates, then a gateway on the same database
 * that gets every key again (issue 11 §2): each retry gets the original answer (the same id, for
 * the keys whose answer arrived before the kill) or a fresh create; 409 "still being processed"
 * at most for the lease, never 409 uniqueness for the user the key itself created, never two
 * users for one key. A user create's key and answer are written by the statement that creates the
 * user (issue 17), so the kill finds no user that committed without its answer.
 *
 * <p>Both gateways run in JVMs of their own on a database this test starts, so the kill leaves
 * the database running (as a separate database server would be). The killed one's writes wait a
 * long coalescing window before each statement, so the kill comes while many are in flight.
 */
@Tag("own-gateway")
class KilledMidWriteTest {

    private static final String DB_PASSWORD = "killed-" + UUID.randomUUID();
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void everyKeyInFlightWhenTheGatewayWasKilledGetsItsOriginalAnswerOrAFreshCreate() throws Exception {
        Path dir = Path.of("target", "test-data", "killed-" + UUID.randomUUID()).toAbsolutePath();
        String tenant = "killed-" + UUID.randomUUID().toString().substring(0, 8);
        try (Database database = Database.embedded(dir.resolve("db"), () -> DB_PASSWORD)) {
            // One data directory for both: the token signing key lives there, so the survivor accepts the token.
            String[] shared = {"--scim-gateway.db.url=" + database.r2dbcUrl(), "--scim-gateway.db.username=postgres",
                    "--scim-gateway.db.password=" + DB_PASSWORD, "--scim-gateway.idempotency.lease=" + LEASE.toSeconds() + "s"};
            Map<String, String> answered = new ConcurrentHashMap<>();
            List<String> sent;
            String token;
            OwnGatewayProcess killed = OwnGatewayProcess.launch(dir.resolve("gateway"), dir.resolve("killed.log"),
                    with(shared, "--scim-gateway.writes.coalesce-window=500ms"));
            try {
                WebTestClient http = killed.http();
                token = OwnGateway.tenantToken(http, OwnGatewayProcess.ADMIN_TOKEN, tenant);
                sent = loadThenKill(http, token, killed, answered);
            } finally {
                killed.kill();
            }
            assertThat(answered).as("some creates answered before the kill").isNotEmpty();
            assertThat(sent.size()).as("creates in flight at the kill").isGreaterThan(answered.size());
            assertThat(committedWithoutAnswer(database, tenant)).as("users that committed without their answer")
                    .isZero();

            OwnGatewayProcess survivor = OwnGatewayProcess.launch(dir.resolve("gateway"), dir.resolve("survivor.log"),
                    shared);
            try {
                WebTestClient http = survivor.http();
                for (String key : sent) {
                    EntityExchangeResult<String> retry = retryWhileInFlight(http, token, key);
                    assertThat(retry.getStatus().value()).as("key %s: %s", key, retry.getResponseBody())
                            .isEqualTo(201);
                    String id = JSON.readTree(retry.getResponseBody()).get("id").stringValue();
                    if (answered.containsKey(key)) {
                        assertThat(id).as("the original answer's id for %s", key).isEqualTo(answered.get(key));
                    }
                    JsonNode found = http.get().uri(uri -> uri.path("/scim/v2/Users")
                                    .queryParam("filter", "userName eq \"{u}\"").build(key + "@example.com"))
                            .header("Authorization", "Bearer " + token).exchange().expectStatus().isOk()
                            .expectBody(JsonNode.class).returnResult().getResponseBody();
                    assertThat(found.get("totalResults").asInt()).as("users for %s", key).isEqualTo(1);
                    assertThat(found.at("/Resources/0/id").stringValue()).isEqualTo(id);
                }
            } finally {
                survivor.kill();
            }
        }
    }

    /** Keys whose user committed while their record has no answer, read from the database itself. */
    private static int committedWithoutAnswer(Database database, String tenant) throws Exception {
        try (var connection = EmbeddedDatabases.connect(database, "postgres", DB_PASSWORD);
                var query = connection.prepareStatement("SELECT count(*) FROM idempotency_record r JOIN scim_user u"
                        + " ON u.tenant_id = r.tenant_id AND lower(u.user_name) = lower(r.key || '@example.com')"
                        + " WHERE r.tenant_id = ? AND r.state = 'in_flight'")) {
            query.setString(1, tenant);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    /**
     * Keyed creates from 32 clients at once; once some have their answers, the gateway is killed
     * in the middle of a coalescing window, with creates waiting and being written. The keys sent.
     */
    private static List<String> loadThenKill(WebTestClient http, String token, OwnGatewayProcess gateway,
            Map<String, String> answered) throws Exception {
        List<String> sent = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int c = 0; c < 32; c++) {
            int client = c;
            clients.submit(() -> {
                for (int i = 0; !killed.get(); i++) {
                    String key = run + "-" + client + "-" + i;
                    sent.add(key);
                    try {
                        EntityExchangeResult<String> answer = post(http, token, key);
                        if (answer.getStatus().value() == 201 && !killed.get()) {
                            answered.put(key, JSON.readTree(answer.getResponseBody()).get("id").stringValue());
                        }
                    } catch (RuntimeException gone) {
                        return;
                    }
                }
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (answered.size() < 64 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(250);
        gateway.kill();
        killed.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        return List.copyOf(sent);
    }

    /** Retries while the key is refused as in flight, which may last the lease and no longer. */
    private static EntityExchangeResult<String> retryWhileInFlight(WebTestClient http, String token, String key)
            throws InterruptedException {
        long deadline = System.nanoTime() + LEASE.plusSeconds(10).toNanos();
        EntityExchangeResult<String> answer = post(http, token, key);
        while (answer.getStatus().value() == 409 && answer.getResponseBody().contains("still being processed")) {
            assertThat(System.nanoTime()).as("%s still in flight after the lease", key).isLessThan(deadline);
            Thread.sleep(200);
            answer = post(http, token, key);
        }
        return answer;
    }

    private static EntityExchangeResult<String> post(WebTestClient http, String token, String key) {
        return http.post().uri("/scim/v2/Users").header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key).contentType(MediaType.parseMediaType("application/scim+json"))
                .bodyValue("{\"userName\":\"" + key + "@example.com\"}").exchange()
                .expectBody(String.class).returnResult();
    }

    private static String[] with(String[] shared, String... more) {
        List<String> all = new ArrayList<>(List.of(shared));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }
}
