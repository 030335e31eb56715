package dev.scimgateway.config;

import dev.scimgateway.background.PeriodicTask;
import java.time.Duration;
import dev.scimgateway.idempotency.IdempotencyFilter;
import dev.scimgateway.idempotency.IdempotencyStore;
import dev.scimgateway.idempotency.IdempotentExecution;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.storage.R2dbcStores;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {

    @Bean
    IdempotencyStore idempotencyStore(DatabaseClient db, JsonMapper json, GatewayProperties properties,
            MeterRegistry meters) {
        return R2dbcStores.idempotency(db, json, properties.writes().coalescing(), meters);
    }

    @Bean
    IdempotentExecution idempotentExecution(IdempotencyStore store, GatewayProperties properties, MeterRegistry meters) {
        var settings = properties.idempotency();
        return IdempotentExecution.claiming(store, settings.retention(), settings.lease(), meters);
    }

    @Bean
    IdempotencyFilter idempotencyFilter(IdempotentExecution execution, ScimErrorHandler errors, JsonMapper json,
            GatewayProperties properties) {
        return new IdempotencyFilter(execution, errors, json,
                Math.max(properties.scim().maxBodyBytes(), properties.bulk().maxPayloadBytes()));
    }

    /** Expired records are already ignored on claim; this gives their space back. */
    @Bean
    PeriodicTask idempotencyPurge(IdempotencyStore store, GatewayProperties properties) {
        return new PeriodicTask("Purging expired idempotency records", properties.idempotency().purgeInterval(),
                Duration.ofMinutes(1), store::purgeExpired);
    }
}
