package dev.scimgateway.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL's client authentication: a SCRAM password for every login, over TCP
 * from this host only. A cluster made by an earlier gateway trusted every local login; the first
 * start after the upgrade gives its superuser the password and replaces its pg_hba.conf.
 */
final class PasswordLogins {

    private static final Logger log = LoggerFactory.getLogger(PasswordLogins.class);
    static final String SCRAM = "scram-sha-256";
    /** The whole of pg_hba.conf: the server listens on loopback only, and has no Unix socket. */
    static final String HBA = """
            # Written by the SCIM gateway on every start; changes here are replaced.
            # Password (SCRAM) logins only, from this host only. The password is the
            # gateway's postgres-password file, in its data directory.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    private PasswordLogins() {}

    /** Whether pg_hba.conf is already this class's; a cluster that initdb made with a password still has initdb's. */
    static boolean enforced(Path pgData) {
        try {
            return HBA.equals(Files.readString(hba(pgData), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives the superuser {@code password} (sent as a SCRAM verifier, never in clear), then makes
     * the running server require it: it reloads pg_hba.conf for every new connection.
     */
    static void enforce(String jdbcUrl, String user, String password, Path pgData) {
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        try (var connection = DriverManager.getConnection(jdbcUrl, credentials)) {
            connection.unwrap(PGConnection.class).alterUserPassword(user, password.toCharArray(), SCRAM);
            write(pgData);
            try (var statement = connection.createStatement()) {
                statement.execute("SELECT pg_reload_conf()");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not require a password of the embedded PostgreSQL in " + pgData, e);
        }
        log.info("The embedded PostgreSQL in {} now requires its password for every login", pgData);
    }

    private static void write(Path pgData) {
        try {
            Path temp = Files.createTempFile(pgData, "pg_hba", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, HBA, StandardCharsets.UTF_8);
            Files.move(temp, hba(pgData), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + hba(pgData), e);
        }
    }

    private static Path hba(Path pgData) {
        return pgData.resolve("pg_hba.conf");
    }
}
