package dev.scimgateway.config;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.memory.PerTenant;
import dev.scimgateway.oauth.AccessTokenAuthenticator;
import dev.scimgateway.oauth.FederatedJwtAuthenticator;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.tenancy.AdminKeyHandler;
import dev.scimgateway.tenancy.AdminKeys;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.AdminAuthenticationFilter;
import dev.scimgateway.tenancy.AdminHandler;
import dev.scimgateway.tenancy.LastUseTracker;
import dev.scimgateway.tenancy.ScimAuthenticationFilter;
import dev.scimgateway.tenancy.ExtensionSchemaRegistry;
import dev.scimgateway.tenancy.SchemaAdminHandler;
import dev.scimgateway.tenancy.TenantSchemaStore;
import dev.scimgateway.tenancy.TenantSchemas;
import dev.scimgateway.tenancy.TenantSettingsWatch;
import dev.scimgateway.ratelimit.TenantRateLimiter;
import dev.scimgateway.tenancy.TenantStore;
import java.time.Duration;
import dev.scimgateway.tenancy.TokenCodec;
import dev.scimgateway.tenancy.TokenRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class TenancyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TenancyConfiguration.class);

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SigningKey signingKey(GatewayProperties properties) {
        String key = properties.tokenSigningKey();
        if (key == null || key.isBlank()) {
            Path file = properties.dataDir().resolve("token-signing-key");
            key = LocalSecrets.readOrCreate(file, 32);
            if (properties.db().url() != null) {
                log.warn("SCIM_GATEWAY_TOKEN_SIGNING_KEY is not set, so the key in {} is used; replicas that share"
                        + " a database must share this key too", file.toAbsolutePath());
            }
        }
        return SigningKey.fromBase64(key);
    }

    @Bean
    TokenCodec tokenCodec(SigningKey signingKey) {
        return new TokenCodec(signingKey.bytes());
    }

    @Bean
    LastUseTracker lastUseTracker(TenantStore store, Clock clock, GatewayProperties properties) {
        return new LastUseTracker(store, clock, properties.tokens().lastUsedFlushInterval(),
                TokenRegistry.DEFAULT_MAXIMUM_TOKENS);
    }

    @Bean
    TokenRegistry tokenRegistry(TokenCodec codec, TenantStore store, LastUseTracker lastUse, GatewayProperties properties,
            Clock clock) {
        return new TokenRegistry(codec, store, lastUse, properties.tokens().refreshInterval(), clock,
                TokenRegistry.DEFAULT_MAXIMUM_TOKENS);
    }

    @Bean
    ScimAuthenticationFilter scimAuthenticationFilter(TokenRegistry registry, AccessTokenAuthenticator accessTokens,
            FederatedJwtAuthenticator federatedJwts) {
        // Named tokens first: the in-memory hash lookup is cheaper than verifying a signature. Federated JWTs
        // last: they are the one kind that refuses every JWT it does not accept, saying why.
        return new ScimAuthenticationFilter(List.of(registry, accessTokens, federatedJwts));
    }

    @Bean
    RandomSecrets randomSecrets() {
        return new RandomSecrets();
    }

    @Bean
    AdminKeys adminKeys(GatewayProperties properties, TenantStore store, RandomSecrets random) {
        return new AdminKeys(AdminTokens.resolve(properties), store, random);
    }

    @Bean
    TenantTokens tenantTokens(TenantStore store, TokenCodec codec, TokenRegistry registry, Clock clock) {
        return new TenantTokens(store, codec, registry, clock);
    }

    @Bean
    AdminAuthenticationFilter adminAuthenticationFilter(AdminKeys keys) {
        return new AdminAuthenticationFilter(keys);
    }

    @Bean
    RouterFunction<ServerResponse> adminKeyRoutes(AdminKeys keys, JsonBodies bodies, JsonMapper json) {
        return new AdminKeyHandler(keys, bodies, json).routes();
    }

    @Bean
    TenantSchemas tenantSchemas(TenantSchemaStore store) {
        return new TenantSchemas(store, PerTenant.DEFAULT_IDLE, PerTenant.DEFAULT_MAXIMUM_SIZE);
    }

    /** Drops this replica's copies of a tenant's settings when they change on any replica. */
    @Bean
    PeriodicTask tenantSettingsPolling(TenantStore store, TenantSchemas schemas, TenantRateLimiter limiter,
            GatewayProperties properties) {
        var watch = new TenantSettingsWatch(store, List.of(schemas::invalidate, limiter::forget));
        return new PeriodicTask("Reloading tenant settings changes", properties.tokens().refreshInterval(),
                Duration.ofSeconds(10), watch::refresh);
    }

    @Bean
    ExtensionSchemaRegistry extensionSchemaRegistry(TenantStore tenants, TenantSchemaStore store, TenantSchemas catalogs) {
        return new ExtensionSchemaRegistry(tenants, store, catalogs);
    }

    @Bean
    RouterFunction<ServerResponse> schemaAdminRoutes(ExtensionSchemaRegistry registry, JsonBodies bodies, JsonMapper json) {
        return new SchemaAdminHandler(registry, bodies, json).routes();
    }

    @Bean
    RouterFunction<ServerResponse> adminRoutes(TenantStore store, TenantTokens tokens, JsonBodies bodies, JsonMapper json,
            Clock clock) {
        return new AdminHandler(store, tokens, bodies, json, clock).routes();
    }
}
