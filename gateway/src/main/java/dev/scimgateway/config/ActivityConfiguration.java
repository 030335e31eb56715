package dev.scimgateway.config;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.events.ActivityHandler;
import dev.scimgateway.events.ActivityLog;
import dev.scimgateway.events.ActivityQueries;
import dev.scimgateway.events.ActivityReader;
import dev.scimgateway.events.ActivityRetention;
import dev.scimgateway.events.RefusalLog;
import dev.scimgateway.resources.ResourceKind;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The activity log: refusals written behind the requests, the admin API that reads it, its retention. */
@Configuration(proxyBeanMethods = false)
class ActivityConfiguration {

    @Bean
    ActivityLog activityLog(DatabaseClient db, TransactionalOperator tx) {
        return R2dbcStores.activityLog(db, tx);
    }

    /** Also the ErrorAnswers that ScimErrorHandler tells of every error it answers. */
    @Bean
    RefusalLog refusalLog(ActivityLog log, ResourceKinds kinds, GatewayProperties properties, MeterRegistry meters,
            Clock clock) {
        var settings = properties.activity();
        return new RefusalLog(log, endpoint -> kinds.byEndpoint(endpoint).map(ActivityConfiguration::typeName)
                .orElse(null), clock, settings.refusalQueue(), settings.refusalBatch(),
                settings.refusalWindow(), meters);
    }

    private static String typeName(ResourceKind kind) {
        return kind.definition().name();
    }

    @Bean
    PeriodicTask activityCleanup(ActivityLog log, GatewayProperties properties, Clock clock) {
        var settings = properties.activity();
        var retention = new ActivityRetention(log, settings.retention(), settings.cleanupBatch(), clock);
        return new PeriodicTask("Deleting activity older than " + settings.retention(), settings.cleanupInterval(),
                Duration.ofMinutes(5), retention::deleteExpired);
    }

    /** What the admin API and the console read the log through. */
    @Bean
    ActivityReader activityReader(ActivityLog log, JsonMapper json) {
        return new ActivityReader(log, json);
    }

    @Bean
    ActivityQueries activityQueries(GatewayProperties properties) {
        return new ActivityQueries(properties.activity().defaultCount(), properties.activity().maxCount());
    }

    @Bean
    RouterFunction<ServerResponse> activityRoutes(ActivityReader reader, ActivityQueries queries, TenantStore tenants) {
        return new ActivityHandler(reader, queries, tenants::requireTenant).routes();
    }
}
