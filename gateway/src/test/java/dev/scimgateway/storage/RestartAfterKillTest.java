package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.support.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

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
        var first = GatewayProcess.launch(data, data.resolve("first.log"));
        try {
            first.http().get().uri("/actuator/health").exchange().expectStatus().isOk();
            long leftover = postmasterPid(data);

            assertThatThrownBy(() -> Database.embedded(data, () -> "any password").close())
                    .as("a second gateway on the directory of a running one").hasMessageContaining("in use by another");
            assertThat(postmasterPid(data)).as("the running gateway's server, untouched").isEqualTo(leftover);
            first.http().get().uri("/actuator/health").exchange().expectStatus().isOk();

            first.kill();
            assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive))
                    .as("SIGKILL left the server running").contains(true);

            try (var second = GatewayProcess.launch(data, data.resolve("second.log"))) {
                second.http().get().uri("/actuator/health").exchange().expectStatus().isOk();
                String log = second.log();
                assertThat(log).contains("Stopped the PostgreSQL server (pid " + leftover + ")");
                assertThat(databaseStart(log)).as("stopping the leftover and starting anew; log:\n%s", log)
                        .isLessThan(Duration.ofSeconds(10));
                assertThat(ProcessHandle.of(leftover).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            }
        } finally {
            first.close();
            stopAnyServerLeft(data);
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
