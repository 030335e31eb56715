package dev.scimgateway.config;

import dev.scimgateway.memory.PerTenant;
import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.ratelimit.Limit;
import dev.scimgateway.ratelimit.LimitsAdminHandler;
import dev.scimgateway.ratelimit.RateLimitFilter;
import dev.scimgateway.ratelimit.RateLimitStore;
import dev.scimgateway.ratelimit.RateLimits;
import dev.scimgateway.ratelimit.TenantLimits;
import dev.scimgateway.ratelimit.TenantRateLimiter;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantStore;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    RateLimitStore rateLimitStore(DatabaseClient db) {
        return R2dbcStores.rateLimits(db);
    }

    @Bean
    TenantLimits defaultTenantLimits(GatewayProperties properties) {
        var limits = properties.rateLimits();
        return new TenantLimits(new Limit(limits.readPerSecond(), limits.readBurst()),
                new Limit(limits.writePerSecond(), limits.writeBurst()));
    }

    @Bean
    TenantRateLimiter tenantRateLimiter(RateLimitStore store, TenantLimits defaults) {
        return new TenantRateLimiter(store, defaults, PerTenant.DEFAULT_IDLE, PerTenant.DEFAULT_MAXIMUM_SIZE);
    }

    @Bean
    RateLimitFilter rateLimitFilter(TenantRateLimiter limiter, MeterRegistry meters, TenantTags tenants) {
        return new RateLimitFilter(limiter, meters, tenants);
    }

    @Bean
    RateLimits rateLimits(TenantStore tenants, RateLimitStore store, TenantRateLimiter limiter, TenantLimits defaults) {
        return new RateLimits(tenants, store, limiter, defaults);
    }

    @Bean
    RouterFunction<ServerResponse> limitsAdminRoutes(RateLimits limits, JsonBodies bodies, JsonMapper json) {
        return new LimitsAdminHandler(limits, bodies, json).routes();
    }
}
