package dev.scimgateway.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zero-configuration database: a real PostgreSQL whose files live under the data directory,
 * so data survives restarts. The library's defaults trade durability for speed (fsync and
 * synchronous_commit off); a gateway that answers 2xx must have committed, so both are turned on.
 * The library's cluster also trusts every local login and listens on a Unix socket in /tmp; this
 * one listens on loopback only and requires the superuser's password (see {@link PasswordLogins}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    static final String SUPERUSER = "postgres";

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final String password;
    private final DataDirectoryLock lock;

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, String password,
            DataDirectoryLock lock) {
        this.server = server;
        this.password = password;
        this.lock = lock;
    }

    /**
     * Starts the cluster in {@code <dataDir>/postgres}, making it on first use, with the password
     * {@code password} gives for its superuser; that is asked for only once this gateway owns the
     * directory, so that two gateways started on it at once cannot each make their own.
     */
    public static EmbeddedPostgres start(Path dataDir, Supplier<String> password) {
        Path pgData = dataDir.resolve("postgres").toAbsolutePath();
        log.info("Starting the embedded PostgreSQL in {}", pgData);
        long started = System.nanoTime();
        DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir.toAbsolutePath(), pgData);
        try {
            LeftoverPostmaster.stopIfAny(pgData);
            String superuserPassword = password.get();
            var server = startServer(pgData, superuserPassword);
            try {
                if (!PasswordLogins.enforced(pgData)) {
                    PasswordLogins.enforce(server.getJdbcUrl(SUPERUSER, SUPERUSER), SUPERUSER, superuserPassword, pgData);
                }
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
            log.info("Embedded PostgreSQL started on port {} in {} ms, with its data in {}", server.getPort(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis(), pgData);
            return new EmbeddedPostgres(server, superuserPassword, lock);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + pgData, e);
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres startServer(Path pgData, String password)
            throws IOException {
        Files.createDirectories(pgData.getParent());
        var builder = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "200")
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "")
                // The library's readiness check logs in too.
                .setConnectConfig("password", password)
                .setPGStartupWait(Duration.ofSeconds(60))
                // The gateway stops this server itself once its context has closed (its last writes, such as
                // token last-use times, done). The library's own JVM shutdown hook would stop it at SIGTERM,
                // concurrently with those writes, since the JVM runs shutdown hooks in parallel.
                .setRegisterShutdownHook(false);
        if (Files.exists(pgData.resolve("postgresql.conf"))) {
            return builder.start();
        }
        // A new cluster is made with the password from the start, so that it never trusts a login.
        Path passwordFile = Files.createTempFile(pgData.getParent(), ".initdb", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(passwordFile, password + "\n", StandardCharsets.UTF_8);
            // The library passes its "locale" settings to initdb as --name=value, after its own -A trust.
            return builder.setLocaleConfig("pwfile", passwordFile.toString())
                    .setLocaleConfig("auth", PasswordLogins.SCRAM)
                    .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        try {
            lock.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one to report
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The superuser's password. */
    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return server.getJdbcUrl(SUPERUSER, SUPERUSER);
    }

    @Override
    public void close() throws IOException {
        try {
            server.close();
        } finally {
            lock.close();
        }
    }
}
