package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.support.OwnGatewayProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway killed with SIGKILL (an OOM kill, a node losing power) leaves its embedded PostgreSQL
 * running. The next gateway on that data directory stops the leftover and serves at once; but a
 * server whose gateway still runs is never touched.
 */
@Tag("own-gateway")
class RestartAfterKillTest {

    /** The start of the database part of start-up, and its end; ISO timestamps lead every log line. */
    private static final Pattern DATABASE_STARTING = Pattern.compile("(?m)^(\\S+) .*Starting the embedded PostgreSQL");
    private static final Pattern DATABASE_STARTED = Pattern.compile("(?m)^(\\S+) .*Embedded PostgreSQL started");

    @Test
    void aRestartStopsTheServerAKilledGatewayLeftAndServes() throws Exception {
        Path data = Path.of("target", "test-data", "restart-" + UUID.randomUUID()).toAbsolutePath();
        var first = OwnGatewayProcess.launch(data, data.resolve("first.log"));
        long second = 0;
        try {
            String token = first.newTenantToken("restart");
            String id = createUser(first.http(), token);
            long leftover = postmasterPid(data);

            assertThatThrownBy(() -> Database.embedded(data, () -> "any password").close())
                    .as("a second gateway on the directory of a running one").hasMessageContaining("in use by another");
            assertThat(postmasterPid(data)).as("the running gateway's server, untouched").isEqualTo(leftover);
            first.http().get().uri("/livez").exchange().expectStatus().isOk();

            first.kill();
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                    .as("SIGKILL left the server running").contains(true);

            try (var restarted = OwnGatewayProcess.launch(data, data.resolve("second.log"))) {
                WebTestClient http = restarted.http();
                http.get().uri(BasePaths.SCIM + "/Users/{id}", id).header("Authorization", "Bearer " + token).exchange()
                        .expectStatus().isOk();
                createUser(http, token);
                String log = restarted.log();
                assertThat(log).contains("Stopped the PostgreSQL server (pid " + leftover + ")");
                assertThat(databaseStart(log)).as("stopping the leftover and starting anew; log:\n%s", log)
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(endsWithin(leftover, Duration.ZERO)).as("the leftover server").isTrue();
                second = postmasterPid(data);
                assertThat(restarted.stopGracefully(Duration.ofSeconds(60))).as("stopped; log:\n%s", restarted.log())
                        .isTrue();
            }
            assertThat(endsWithin(second, Duration.ofSeconds(15)))
                    .as("a gateway stopped with SIGTERM stops its server: no orphan postmaster").isTrue();
            assertThat(data.resolve("postgres").resolve("postmaster.pid")).as("removed by a clean shutdown").doesNotExist();
        } finally {
            first.close();
            stopAnyServerLeft(data);
        }
    }

    private static String createUser(WebTestClient http, String token) {
        JsonNode user = http.post().uri(BasePaths.SCIM + "/Users").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("schemas", List.of("urn:ietf:params:scim:schemas:core:2.0:User"),
                        "userName", "u-" + UUID.randomUUID() + "@example.com"))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        return user.get("id").stringValue();
    }

    /**
     * Whether process {@code pid} has ended, or does so within {@code limit}. A server whose parent
     * has gone is a child of init, which may reap it a while after it exited: a zombie has ended.
     */
    private static boolean endsWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (running(pid)) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    private static long postmasterPid(Path data) throws Exception {
        return Long.parseLong(Files.readAllLines(data.resolve("postgres").resolve("postmaster.pid")).get(0).strip());
    }

    /** When the test fails, or a gateway had to be killed, the test must not leave a server behind either. */
    private static void stopAnyServerLeft(Path data) throws Exception {
        if (Files.exists(data.resolve("postgres").resolve("postmaster.pid"))) {
            ProcessHandle.of(postmasterPid(data))
                    .filter(process -> process.info().command().orElse("").endsWith("/postgres"))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    private static Duration databaseStart(String log) {
        return Duration.between(timestamp(DATABASE_STARTING.matcher(log)), timestamp(DATABASE_STARTED.matcher(log)));
    }

    private static LocalDateTime timestamp(Matcher line) {
        assertThat(line.find()).as("log line %s", line.pattern()).isTrue();
        return LocalDateTime.parse(line.group(1).substring(0, 23));
    }
}
