package dev.scimgateway.config;

import dev.scimgateway.storage.Database;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantSchemaStore;
import dev.scimgateway.tenancy.TenantStore;
import tools.jackson.databind.json.JsonMapper;
import io.r2dbc.pool.ConnectionPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    Database database(GatewayProperties properties, Environment environment) {
        var db = properties.db();
        boolean embedded = db.url() == null || db.url().isBlank();
        if (embedded && environment.containsProperty("KUBERNETES_SERVICE_HOST") && !properties.allowEmbeddedDatabase()) {
            throw new IllegalStateException("Running in Kubernetes without SCIM_GATEWAY_DB_URL: the embedded database"
                    + " would lose data with the pod and cannot be shared by replicas. Point SCIM_GATEWAY_DB_URL at"
                    + " PostgreSQL, or set SCIM_GATEWAY_ALLOW_EMBEDDED_DATABASE=true for a throw-away demo.");
        }
        Database database = embedded ? Database.embedded(properties.dataDir(), () -> embeddedPassword(properties))
                : Database.external(db.url(), db.username(), db.password());
        database.migrate();
        return database;
    }

    /** Generated like the admin token: once, into the data directory, readable by the gateway's user only. */
    private static String embeddedPassword(GatewayProperties properties) {
        return LocalSecrets.readOrCreate(properties.dataDir().resolve(Database.EMBEDDED_PASSWORD_FILE), 32);
    }

    @Bean(destroyMethod = "dispose")
    ConnectionPool connectionFactory(Database database, GatewayProperties properties) {
        return database.connectionPool(properties.db().poolMaxSize(), properties.db().poolAcquireTimeout());
    }

    @Bean
    DatabaseClient databaseClient(ConnectionPool pool) {
        return DatabaseClient.create(pool);
    }

    @Bean
    TransactionalOperator transactionalOperator(ConnectionPool pool) {
        return TransactionalOperator.create(new R2dbcTransactionManager(pool));
    }

    @Bean
    TenantSchemaStore tenantSchemaStore(DatabaseClient db, JsonMapper json) {
        return R2dbcStores.tenantSchemas(db, json);
    }

    @Bean
    TenantStore tenantStore(DatabaseClient db) {
        return R2dbcStores.tenants(db);
    }
}
