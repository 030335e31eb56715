package dev.scimgateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.StallingProxy;
import dev.scimgateway.support.TestClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * A database that freezes (as under SIGSTOP, a stuck disk or a network partition) or drops its
 * connections, under a steady load of keyed creates and reads. A TCP proxy between the gateway and
 * PostgreSQL stands in for the database. Whatever happens, every request is answered within the
 * request timeout, a failure is a 503 with Retry-After (never a 500), a write's 503 says that its
 * outcome is unknown and how to retry it safely, and every create that was answered 201 is in the
 * database afterwards. The timeouts are shorter than the defaults so that a stall outlasts them
 * without making the build slow; the stalls themselves are those of the hardening report.
 */
@Tag("own-gateway")
@ExtendWith(OutputCaptureExtension.class)
class FrozenDatabaseTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** What a client on a small shared CI machine may add to the moment the gateway answers. */
    private static final Duration CLIENT_SLACK = Duration.ofMillis(2500);
    /** Long enough to see how late a late answer is; a request without one fails the test anyway. */
    private static final Duration CLIENT_TIMEOUT = REQUEST_TIMEOUT.plusSeconds(40);
    private static final String ADMIN = "frozen-admin-" + UUID.randomUUID();
    private static final String DB_PASSWORD = "frozen-" + UUID.randomUUID();
    private static final Pattern USER_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    private static Database postgres;
    private static StallingProxy proxy;
    private static ConfigurableApplicationContext gateway;
    private static int port;
    private static String token;

    @BeforeAll
    static void start() {
        // The paths taken when the database fails run on event-loop threads too.
        GatewayTest.installBlockHound();
        Path data = Path.of("target", "test-data", "frozen-" + UUID.randomUUID());
        postgres = Database.embedded(data.resolve("database"), () -> DB_PASSWORD);
        proxy = StallingProxy.start("localhost", URI.create(postgres.r2dbcUrl().substring("r2dbc:".length())).getPort());
        gateway = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(
                "server.port=0",
                "scim-gateway.data-dir=" + data.resolve("gateway"),
                "scim-gateway.admin-token=" + ADMIN,
                "scim-gateway.db.url=r2dbc:postgresql://localhost:" + proxy.port() + "/postgres",
                "scim-gateway.db.username=postgres",
                "scim-gateway.db.password=" + DB_PASSWORD,
                "scim-gateway.overload.request-timeout=" + REQUEST_TIMEOUT.toMillis() + "ms",
                "scim-gateway.overload.breaker-open-duration=1s",
                "scim-gateway.rate-limits.read-per-second=100000", "scim-gateway.rate-limits.read-burst=100000",
                "scim-gateway.rate-limits.write-per-second=100000", "scim-gateway.rate-limits.write-burst=100000")
                .run();
        port = ((WebServerApplicationContext) gateway).getWebServer().getPort();
        var http = TestClients.patient(port);
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", "frozen")).exchange()
                .expectStatus().isCreated();
        token = http.post().uri("/admin/v1/tenants/frozen/tokens").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "idp")).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                .get("token").stringValue();
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aTenSecondFreeze(CapturedOutput output) throws Exception {
        int logFrom = output.getOut().length();
        List<Answer> answers = underLoad(() -> freeze(Duration.ofSeconds(10)));

        assertAnsweredSafely(answers, output.getOut().substring(logFrom));
        assertWritesCaughtInTheFreezeWereToldToRetry(answers);
        assertReadsCaughtInTheFreezeWereToldToRetryLater(answers);
    }

    @Test
    void aThirtySecondFreeze(CapturedOutput output) throws Exception {
        int logFrom = output.getOut().length();
        List<Answer> answers = underLoad(() -> freeze(Duration.ofSeconds(30)));

        assertAnsweredSafely(answers, output.getOut().substring(logFrom));
        assertWritesCaughtInTheFreezeWereToldToRetry(answers);
        assertReadsCaughtInTheFreezeWereToldToRetryLater(answers);
    }

    @Test
    void connectionsCut(CapturedOutput output) throws Exception {
        int logFrom = output.getOut().length();
        List<Answer> answers = underLoad(() -> {
            proxy.cut();
            Thread.sleep(700);
            proxy.cut();
        });

        assertAnsweredSafely(answers, output.getOut().substring(logFrom));
    }

    private static void freeze(Duration length) throws InterruptedException {
        proxy.stall();
        try {
            Thread.sleep(length.toMillis());
        } finally {
            proxy.resume();
        }
    }

    /** One request as its client saw it. */
    private record Answer(String method, long nanos, int status, @Nullable String retryAfter, String body,
            @Nullable Throwable failure) {

        boolean isWrite() {
            return !"GET".equals(method);
        }

        @Override
        public String toString() {
            return method + " " + status + " after " + nanos / 1_000_000 + " ms" + (failure != null ? " " + failure
                    : " " + body.substring(0, Math.min(body.length(), 300)));
        }
    }

    @FunctionalInterface
    private interface Disturbance {
        void run() throws Exception;
    }

    /**
     * Keyed creates and reads from several clients, each sending its next request when it has its
     * answer; the disturbance starts while requests are in flight. Returns every answer, once the
     * gateway serves again.
     */
    private static List<Answer> underLoad(Disturbance disturbance) throws Exception {
        Queue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            boolean writer = c < 4;
            Thread thread = new Thread(() -> {
                while (!stop.get()) {
                    answers.add(send(client, writer ? create() : read()));
                }
            }, "frozen-test-client-" + c);
            thread.start();
            clients.add(thread);
        }
        Thread.sleep(1500);
        disturbance.run();
        Thread.sleep(1500);
        stop.set(true);
        for (Thread thread : clients) {
            thread.join();
        }
        awaitServing(client);
        return List.copyOf(answers);
    }

    private static HttpRequest create() {
        String userName = "frozen-" + UUID.randomUUID();
        return scim("/Users").header("Content-Type", "application/scim+json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"" + userName + "\"}"))
                .build();
    }

    private static HttpRequest read() {
        return scim("/Users?count=1").GET().build();
    }

    private static HttpRequest.Builder scim(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/scim/v2" + path))
                .header("Authorization", "Bearer " + token)
                .timeout(CLIENT_TIMEOUT);
    }

    private static Answer send(HttpClient client, HttpRequest request) {
        long start = System.nanoTime();
        // The request's own timeout ends with the headers: a body that never ends must time out too.
        var sent = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            HttpResponse<String> response = sent.get(CLIENT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(request.method(), System.nanoTime() - start, response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null), response.body(), null);
        } catch (Exception e) {
            sent.cancel(true);
            return new Answer(request.method(), System.nanoTime() - start, 0, null, "", e);
        }
    }

    private static void awaitServing(HttpClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer;
        do {
            Thread.sleep(200);
            answer = send(client, read());
        } while (answer.status() != 200 && System.nanoTime() < deadline);
        assertThat(answer.status()).as("serving again after the database came back: %s", answer).isEqualTo(200);
    }

    /** @param log what the gateway logged meanwhile */
    private static void assertAnsweredSafely(List<Answer> answers, String log) throws Exception {
        assertThat(answers).as("answers").hasSizeGreaterThan(10);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.failure()).as("an answer, not a timeout or a reset: %s", answer).isNull();
            assertThat(Duration.ofNanos(answer.nanos())).as("answered within the request timeout: %s", answer)
                    .isLessThanOrEqualTo(REQUEST_TIMEOUT.plus(CLIENT_SLACK));
            assertThat(answer.status()).as("%s", answer).isIn(200, 201, 503);
        });
        List<Answer> unavailable = answers.stream().filter(a -> a.status() == 503).toList();
        assertThat(unavailable).allSatisfy(answer -> {
            assertThat(answer.retryAfter()).as("Retry-After of %s", answer).isNotBlank();
            assertThat(answer.body()).as("%s", answer).doesNotContain("not applied");
            if (!answer.isWrite()) {
                assertThat(answer.body()).as("a read has no Idempotency-Key: %s", answer).doesNotContain("Idempotency-Key");
            }
        });
        // The connection pool may still log a socket error it had no one to tell (onErrorDropped … Broken pipe).
        assertThat(log).as("failures are logged as one line each, without a stack trace")
                .doesNotContainPattern("ERROR .*ScimErrorHandler")
                .doesNotContainPattern("onErrorDropped\\s+dev\\.scimgateway")
                .doesNotContain("Failed to obtain R2DBC Connection\n\tat ");
        assertCreatesAreStored(answers);
    }

    /** A write in flight when the database froze cannot know whether it was applied, and says so. */
    private static void assertWritesCaughtInTheFreezeWereToldToRetry(List<Answer> answers) {
        assertThat(answers).as("writes answered 503 that say their outcome is unknown")
                .anySatisfy(answer -> {
                    assertThat(answer.isWrite()).isTrue();
                    assertThat(answer.status()).isEqualTo(503);
                    assertThat(answer.body()).contains("outcome is unknown").contains("same Idempotency-Key");
                });
    }

    /** A read is answered 503 with Retry-After, never 500, and is not told about keys it cannot send. */
    private static void assertReadsCaughtInTheFreezeWereToldToRetryLater(List<Answer> answers) {
        assertThat(answers).as("reads answered 503 with Retry-After").anySatisfy(answer -> {
            assertThat(answer.isWrite()).isFalse();
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.retryAfter()).isNotBlank();
            assertThat(answer.body()).contains("retry later").doesNotContain("Idempotency-Key");
        });
    }

    /** Every create answered 201 is in the database: nothing acknowledged was lost. */
    private static void assertCreatesAreStored(List<Answer> answers) throws Exception {
        Set<UUID> acknowledged = new java.util.HashSet<>();
        for (Answer answer : answers) {
            if (answer.status() == 201) {
                Matcher id = USER_ID.matcher(answer.body());
                assertThat(id.find()).as("id in %s", answer).isTrue();
                acknowledged.add(UUID.fromString(id.group(1)));
            }
        }
        assertThat(acknowledged).as("creates answered 201").isNotEmpty();
        try (var connection = EmbeddedDatabases.connect(postgres, "postgres", DB_PASSWORD);
                var query = connection.prepareStatement("SELECT count(*) FROM scim_user WHERE tenant_id = 'frozen'"
                        + " AND id = ANY(?)")) {
            query.setArray(1, connection.createArrayOf("uuid", acknowledged.toArray()));
            try (var row = query.executeQuery()) {
                row.next();
                assertThat(row.getLong(1)).as("of %s creates answered 201, stored", acknowledged.size())
                        .isEqualTo(acknowledged.size());
            }
        }
    }
}
