package dev.scimgateway.overload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.storage.Database;
import dev.scimgateway.support.EmbeddedDatabases;
import dev.scimgateway.support.OwnGatewayProcess;
import dev.scimgateway.support.RawHttp;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * SIGTERM in the middle of traffic, the way a rolling update stops a replica: every request a
 * client had sent before the signal is answered, with its result or with a clean 503 to retry
 * elsewhere, never with a dropped connection; and every user answered 201 is in the database.
 * Clients open a connection per request, as Okta does, so some of them are always between
 * connecting and being read when the signal comes.
 */
@Tag("own-gateway")
class GracefulShutdownTest {

    private static final int CLIENTS = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One request: when it was written and when it ended (System.nanoTime()), and its answer or why there was none. */
    private record Sent(long sentAt, long endedAt, RawHttp.@Nullable Response answer, @Nullable String failure) {}

    @Test
    void everyRequestSentBeforeSigtermIsAnswered() throws Exception {
        Path data = Path.of("target", "test-data", "shutdown-" + UUID.randomUUID()).toAbsolutePath();
        // One I/O thread, so that connections wait to be read as they do on a busy replica. A slow test
        // machine must show up as slow answers: so a patient pool, and room to read every request sent
        // before the signal (the drain limit bounds a stop under traffic that goes on, which this is not).
        var gateway = OwnGatewayProcess.launch(data, data.resolve("gateway.log"), List.of("-Dreactor.netty.ioWorkerCount=1"),
                "--scim-gateway.db.pool-acquire-timeout=20s", "--scim-gateway.shutdown.drain-limit=30s");
        List<Sent> sent;
        long signalAt;
        try {
            int port = gateway.awaitPort(Duration.ofSeconds(180));
            String token = gateway.newTenantToken("shutdown");
            var load = new Load(port, token);
            load.start();
            load.awaitCreated(200, Duration.ofSeconds(60));
            signalAt = System.nanoTime();
            // As a load balancer that has taken the replica out would: what was sent goes on, nothing new comes.
            load.stopSending();
            assertThat(gateway.stopGracefully(Duration.ofSeconds(60))).as("stopped; log:\n%s", gateway.log()).isTrue();
            sent = load.finish();
        } finally {
            gateway.close();
        }

        List<Sent> beforeSignal = sent.stream().filter(s -> s.sentAt() - signalAt < 0).toList();
        assertThat(beforeSignal.stream().filter(s -> s.endedAt() - signalAt > 0))
                .as("requests in flight at the signal").isNotEmpty();
        List<String> unanswered = beforeSignal.stream().filter(s -> !answeredCleanly(s))
                .map(s -> outcome(s) + " at +" + (s.endedAt() - signalAt) / 250_000_000 * 250 + " ms").toList();
        assertThat(unanswered).as("of %s requests sent before SIGTERM (%s), those without a 2xx or a clean 503: %s;"
                        + " log:\n%s", beforeSignal.size(), tally(beforeSignal.stream().map(s -> outcome(s)).toList()),
                        tally(unanswered), gateway.log())
                .isEmpty();

        List<String> created = sent.stream().filter(s -> s.answer() != null && s.answer().status() == 201)
                .map(s -> JSON.readTree(s.answer().body()).get("id").stringValue()).toList();
        assertThat(storedIds(data)).as("users answered 201").containsAll(created);
    }

    private static boolean answeredCleanly(Sent s) {
        if (s.answer() == null) {
            return false;
        }
        int status = s.answer().status();
        return status / 100 == 2 || status == 503 && s.answer().header("Retry-After") != null
                && s.answer().body().contains("\"status\":\"503\"");
    }

    private static String outcome(Sent s) {
        return s.answer() == null ? String.valueOf(s.failure()) : Integer.toString(s.answer().status());
    }

    private static Map<String, Long> tally(List<String> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> o, Collectors.counting()));
    }

    private static List<String> storedIds(Path data) throws Exception {
        try (Database database = EmbeddedDatabases.reopen(data);
                var connection = EmbeddedDatabases.connect(database, data, "postgres");
                var query = connection.prepareStatement("SELECT id::text FROM scim_user WHERE tenant_id = 'shutdown'");
                var rows = query.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    /** Clients that each create users one after another, one connection per request, until told to stop. */
    private static final class Load {
        private static final long NOT_SENT = Long.MIN_VALUE;
        private final int port;
        private final String token;
        private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        private final List<Future<?>> running = new ArrayList<>();
        private final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private volatile boolean stopping;

        Load(int port, String token) {
            this.port = port;
            this.token = token;
        }

        void start() {
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(this::createUntilStopped));
            }
        }

        void awaitCreated(int created, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (sent.stream().filter(s -> s.answer() != null && s.answer().status() == 201).count() < created
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        void stopSending() {
            stopping = true;
        }

        /** Waits for the answers (or failures) of every request sent, and returns them all. */
        List<Sent> finish() throws Exception {
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
            return List.copyOf(sent);
        }

        private Void createUntilStopped() {
            while (!stopping) {
                String userName = "u-" + UUID.randomUUID() + "@example.com";
                AtomicLong sentAt = new AtomicLong(NOT_SENT);
                try {
                    var answer = RawHttp.send(port, "POST", "/scim/v2/Users",
                            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                                    + "\"}", sentAt::set, "Authorization: Bearer " + token,
                            "Content-Type: application/scim+json", "Connection: close");
                    sent.add(new Sent(sentAt.get(), System.nanoTime(), answer, null));
                } catch (IOException | RuntimeException e) {
                    if (sentAt.get() != NOT_SENT) {
                        sent.add(new Sent(sentAt.get(), System.nanoTime(), null, e.toString()));
                    }
                    // Otherwise refused before the request was written: the gateway no longer listens.
                    pause();
                }
            }
            return null;
        }

        private static void pause() {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
