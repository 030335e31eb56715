package dev.scimgateway.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scimgateway.support.EmbeddedDatabases;
import io.r2dbc.spi.Connection;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The zero-configuration database keeps its data across restarts, runs durably, and lets in only
 * those who have its password, from this host.
 */
class EmbeddedDatabaseTest {

    private static final String PASSWORD = "embedded-test-" + UUID.randomUUID();

    @Test
    void survivesRestartAndRunsWithFsyncAndSynchronousCommit() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "embedded-db");
        try (Database first = Database.embedded(dir, () -> PASSWORD)) {
            first.migrate();
            var pool = first.connectionPool(2, Duration.ofSeconds(5));
            assertThat(setting(pool, "fsync")).isEqualTo("on");
            assertThat(setting(pool, "synchronous_commit")).isEqualTo("on");
            assertThat(setting(pool, "full_page_writes")).isEqualTo("on");
            execute(pool, "INSERT INTO tenant (id, display_name) VALUES ('kept', 'Kept')");
            pool.dispose();
        }
        try (Database second = Database.embedded(dir, () -> PASSWORD)) {
            second.migrate();
            var pool = second.connectionPool(2, Duration.ofSeconds(5));
            String name = Mono.usingWhen(pool.create(),
                    c -> Mono.from(c.createStatement("SELECT display_name FROM tenant WHERE id = 'kept'").execute())
                            .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                    Connection::close).block(Duration.ofSeconds(10));
            assertThat(name).isEqualTo("Kept");
            pool.dispose();
        }
    }

    @Test
    void requiresItsPasswordAndListensOnLoopbackOnly() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "embedded-db");
        try (Database database = Database.embedded(dir, () -> PASSWORD)) {
            assertRequiresPassword(database, dir);
            assertThat(query(database, PASSWORD, "SELECT current_setting('listen_addresses')")).isEqualTo("localhost");
            assertThat(query(database, PASSWORD, "SELECT current_setting('unix_socket_directories')")).isEmpty();
            int port = URI.create(database.r2dbcUrl().substring("r2dbc:".length())).getPort();
            for (InetAddress address : nonLoopbackAddresses()) {
                assertThatThrownBy(() -> new Socket(address, port).close()).as("a connection to %s:%s", address, port)
                        .isInstanceOf(ConnectException.class);
            }
        }
    }

    /** This host's addresses that other hosts can reach it by; a host without any has nothing more to show. */
    private static List<InetAddress> nonLoopbackAddresses() throws Exception {
        return NetworkInterface.networkInterfaces().filter(EmbeddedDatabaseTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()).toList();
    }

    /** A cluster made before the gateway set passwords trusted every login; after the upgrade it needs the password. */
    @Test
    void aClusterThatTrustedEveryLoginKeepsItsDataAndNowRequiresThePassword() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "embedded-db");
        try (var before = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectory(dir.resolve("postgres")).setCleanDataDirectory(false)
                        .setRegisterShutdownHook(false).start();
                var connection = before.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (name text)");
            statement.execute("INSERT INTO kept VALUES ('made before the upgrade')");
        }
        try (Database upgraded = Database.embedded(dir, () -> PASSWORD)) {
            assertRequiresPassword(upgraded, dir);
            assertThat(query(upgraded, PASSWORD, "SELECT name FROM kept")).isEqualTo("made before the upgrade");
        }
        try (Database again = Database.embedded(dir, () -> PASSWORD)) {
            assertThat(query(again, PASSWORD, "SELECT name FROM kept")).isEqualTo("made before the upgrade");
        }
    }

    /** A process whose pid happens to be in postmaster.pid is not a server to stop. */
    @Test
    void aProcessThatIsNotItsServerIsLeftAlone() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "embedded-db");
        Database.embedded(dir, () -> PASSWORD).close();
        Process other = new ProcessBuilder("sleep", "120").start();
        try {
            Path pgData = dir.resolve("postgres").toAbsolutePath();
            Files.writeString(pgData.resolve("postmaster.pid"), other.pid() + "\n" + pgData + "\n");
            assertThatThrownBy(() -> Database.embedded(dir, () -> PASSWORD).close())
                    .hasMessageContaining("postmaster.pid names process " + other.pid())
                    .hasMessageContaining("left alone");
            assertThat(other.isAlive()).isTrue();
        } finally {
            other.destroy();
        }
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (java.net.SocketException e) {
            return false;
        }
    }

    private static void assertRequiresPassword(Database database, Path dir) throws Exception {
        assertThatThrownBy(() -> query(database, null, "SELECT 1")).as("no password").isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> query(database, "wrong", "SELECT 1")).as("a wrong one").isInstanceOf(SQLException.class);
        assertThat(query(database, PASSWORD,
                "SELECT rolpassword LIKE 'SCRAM-SHA-256$%' FROM pg_authid WHERE rolname = 'postgres'")).isEqualTo("t");
        assertThat(Files.readString(dir.resolve("postgres").resolve("pg_hba.conf")))
                .doesNotContain("trust").contains("scram-sha-256");
    }

    private static String query(Database database, @Nullable String password, String sql) throws SQLException {
        try (var connection = EmbeddedDatabases.connect(database, "postgres", password);
                var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String setting(io.r2dbc.pool.ConnectionPool pool, String name) {
        return Mono.usingWhen(pool.create(),
                c -> Mono.from(c.createStatement("SELECT current_setting($1)").bind(0, name).execute())
                        .flatMap(r -> Mono.from(r.map((row, meta) -> row.get(0, String.class)))),
                Connection::close).block(Duration.ofSeconds(10));
    }

    private static void execute(io.r2dbc.pool.ConnectionPool pool, String sql) {
        Mono.usingWhen(pool.create(), c -> Mono.from(c.createStatement(sql).execute()).flatMap(r -> Mono.from(r.getRowsUpdated())),
                Connection::close).block(Duration.ofSeconds(10));
    }
}
