package dev.scimgateway.load.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/**
 * The one PostgreSQL every case of a run uses, with the durability a gateway needs (fsync and
 * synchronous_commit on, unlike the library's test defaults), and two databases on it: one the
 * baselines write to, migrated here with the gateway's own Flyway scripts, and one the gateway
 * migrates itself. Same server, same schema, so the ratios compare software, not setups.
 */
final class BenchPostgres implements AutoCloseable {

    static final String BASELINE_DB = "baseline";
    static final String GATEWAY_DB = "gateway";

    private final EmbeddedPostgres server;
    private final Path dataDir;

    private BenchPostgres(EmbeddedPostgres server, Path dataDir) {
        this.server = server;
        this.dataDir = dataDir;
    }

    static BenchPostgres start(Path dataDir, Path migrations, int maxConnections) throws IOException, SQLException {
        var server = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(true)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", String.valueOf(maxConnections))
                .setPGStartupWait(Duration.ofSeconds(120))
                .start();
        var postgres = new BenchPostgres(server, dataDir);
        try (Connection admin = postgres.connect("postgres")) {
            admin.createStatement().execute("CREATE DATABASE " + BASELINE_DB);
            admin.createStatement().execute("CREATE DATABASE " + GATEWAY_DB);
        }
        Flyway.configure()
                .dataSource(postgres.jdbcUrl(BASELINE_DB), "postgres", null)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load()
                .migrate();
        return postgres;
    }

    /** The first line of postmaster.pid, which PostgreSQL writes when it starts. */
    long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
    }

    int port() {
        return server.getPort();
    }

    String jdbcUrl(String database) {
        return server.getJdbcUrl("postgres", database);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), "postgres", null);
    }

    String r2dbcUrl(String database) {
        return "r2dbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
