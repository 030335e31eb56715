package dev.scimgateway.storage;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.postgresql.extension.Extension;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;

/**
 * Where the gateway's PostgreSQL is: either the one named by the operator, or an embedded one
 * started here. Owns the embedded server's lifetime.
 */
public final class Database implements AutoCloseable {

    /** Where in the data directory the embedded PostgreSQL's password is kept. */
    public static final String EMBEDDED_PASSWORD_FILE = "postgres-password";

    /** A database that does not answer a connect within this is down, as far as a request can tell. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final ConnectionFactoryOptions options;
    private final String jdbcUrl;
    private final @Nullable String username;
    private final @Nullable String password;
    private final @Nullable EmbeddedPostgres embedded;

    private Database(ConnectionFactoryOptions options, String jdbcUrl, @Nullable String username,
            @Nullable String password, @Nullable EmbeddedPostgres embedded) {
        this.options = options;
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.embedded = embedded;
    }

    /**
     * Starts PostgreSQL in {@code <dataDir>/postgres}, whose superuser logs in with the password
     * {@code password} gives (set when the cluster is made, or when one made by an earlier gateway is
     * first started; see {@link EmbeddedPostgres#start}).
     */
    public static Database embedded(Path dataDir, Supplier<String> password) {
        EmbeddedPostgres server = EmbeddedPostgres.start(dataDir, password);
        var options = ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "postgresql")
                .option(ConnectionFactoryOptions.HOST, "localhost")
                .option(ConnectionFactoryOptions.PORT, server.port())
                .option(ConnectionFactoryOptions.DATABASE, "postgres")
                .option(ConnectionFactoryOptions.USER, EmbeddedPostgres.SUPERUSER)
                .option(ConnectionFactoryOptions.PASSWORD, server.password())
                .build();
        return new Database(options, server.jdbcUrl(), EmbeddedPostgres.SUPERUSER, server.password(), server);
    }

    /** The PostgreSQL at {@code r2dbcUrl}. */
    public static Database external(String r2dbcUrl, @Nullable String username, @Nullable String password) {
        var builder = ConnectionFactoryOptions.parse(r2dbcUrl).mutate();
        if (username != null) {
            builder.option(ConnectionFactoryOptions.USER, username);
        }
        if (password != null) {
            builder.option(ConnectionFactoryOptions.PASSWORD, password);
        }
        var options = builder.build();
        return new Database(options, JdbcUrls.fromR2dbc(options), username, password, null);
    }

    /** The R2DBC URL another process would use to reach this database (credentials aside; see {@link #EMBEDDED_PASSWORD_FILE}). */
    public String r2dbcUrl() {
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
        return "r2dbc:postgresql://" + options.getRequiredValue(ConnectionFactoryOptions.HOST)
                + (port == null ? "" : ":" + port) + "/" + (database == null ? "" : database);
    }

    public boolean embedded() {
        return embedded != null;
    }

    /**
     * Applies the schema. Flyway takes a PostgreSQL advisory lock, so replicas starting together
     * migrate one at a time and the others find the work done.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(jdbcUrl, username, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public ConnectionPool connectionPool(int maxSize, Duration acquireTimeout) {
        var configuration = ConnectionPoolConfiguration.builder(ConnectionFactories.get(connectOptions()))
                .name("scim-gateway")
                .initialSize(Math.min(2, maxSize))
                .maxSize(maxSize)
                .maxAcquireTime(acquireTimeout)
                .maxIdleTime(Duration.ofMinutes(10))
                .validationQuery("SELECT 1")
                .build();
        return new ConnectionPool(configuration);
    }

    /** The pool's connections: a connect timeout unless the URL names one, and the faster timestamp reading. */
    ConnectionFactoryOptions connectOptions() {
        var connect = options.mutate()
                .option(PostgresqlConnectionFactoryProvider.EXTENSIONS, List.<Extension>of(IsoTimestampCodec.registrar()));
        if (!options.hasOption(ConnectionFactoryOptions.CONNECT_TIMEOUT)) {
            connect.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, CONNECT_TIMEOUT);
        }
        return connect.build();
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
