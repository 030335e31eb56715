package dev.scimgateway.storage;

import io.r2dbc.spi.ConnectionFactoryOptions;

/** Flyway migrates over JDBC, so the operator's one R2DBC URL is turned into a JDBC URL. */
final class JdbcUrls {

    private JdbcUrls() {}

    static String fromR2dbc(ConnectionFactoryOptions options) {
        Object host = options.getRequiredValue(ConnectionFactoryOptions.HOST);
        Object port = options.getValue(ConnectionFactoryOptions.PORT);
        Object database = options.getValue(ConnectionFactoryOptions.DATABASE);
        StringBuilder url = new StringBuilder("jdbc:postgresql://").append(host);
        if (port != null) {
            url.append(':').append(port);
        }
        url.append('/');
        if (database != null) {
            url.append(database);
        }
        Object ssl = options.getValue(ConnectionFactoryOptions.SSL);
        if (ssl != null && Boolean.parseBoolean(ssl.toString())) {
            url.append("?sslmode=require");
        }
        return url.toString();
    }
}
