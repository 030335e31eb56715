package dev.scimgateway.support;

import dev.scimgateway.storage.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Reaches a gateway's embedded PostgreSQL from a test, over JDBC, to look at what was stored; or
 * starts one for a test of the storage alone.
 */
public final class EmbeddedDatabases {

    private EmbeddedDatabases() {}

    /** The password the gateway generated for its embedded PostgreSQL. */
    public static String password(Path dataDir) {
        try {
            return Files.readString(dataDir.resolve(Database.EMBEDDED_PASSWORD_FILE)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A new embedded PostgreSQL in a folder of its own under {@code target/}, whose superuser logs in
     * with {@code password}. BlockHound goes in first: a Reactor timer thread that parks before it is
     * installed dies at its next wake-up under it, and a gateway test later in this JVM would then
     * wait for its timers for ever.
     */
    public static Database fresh(String folderPrefix, String password) throws IOException {
        GatewayTest.installBlockHound();
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), folderPrefix);
        return Database.embedded(dir, () -> password);
    }

    /** Opens the embedded database a gateway left in {@code dataDir}, once that gateway has stopped. */
    public static Database reopen(Path dataDir) {
        return Database.embedded(dataDir, () -> password(dataDir));
    }

    /** A connection to the database {@code name} of the embedded PostgreSQL a gateway runs on {@code dataDir}. */
    public static Connection connect(Database database, Path dataDir, String name) throws SQLException {
        return connect(database, name, password(dataDir));
    }

    /** A connection as the superuser to the database {@code name}, with the password given, or none. */
    public static Connection connect(Database database, String name, @Nullable String password) throws SQLException {
        URI server = URI.create(database.r2dbcUrl().substring("r2dbc:".length()));
        Properties login = new Properties();
        login.setProperty("user", "postgres");
        if (password != null) {
            login.setProperty("password", password);
        }
        return DriverManager.getConnection("jdbc:postgresql://" + server.getHost() + ":" + server.getPort() + "/" + name,
                login);
    }
}
