package dev.scimgateway.config;

import dev.scimgateway.storage.Database;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantStore;
import io.r2dbc.pool.ConnectionPool;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

@Configuration(proxyBeanMethods = false)
class StorageConfiguration {

    @Bean(destroyMethod = "close")
    Database database(GatewayProperties properties) {
        var db = properties.db();
        Database database = Database.open(db.url(), db.username(), db.password(), properties.dataDir());
        database.migrate();
        return database;
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
    TenantStore tenantStore(DatabaseClient db) {
        return R2dbcStores.tenants(db);
    }
}
