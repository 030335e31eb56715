package dev.scimgateway.config;

import dev.scimgateway.console.Console;
import dev.scimgateway.console.ConsoleSessionStore;
import dev.scimgateway.console.TenantDirectory;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.events.ActivityQueries;
import dev.scimgateway.events.ActivityReader;
import dev.scimgateway.oauth.Authorizations;
import dev.scimgateway.oauth.OAuthClients;
import dev.scimgateway.oauth.TrustedIssuers;
import dev.scimgateway.ratelimit.RateLimits;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.AdminKeys;
import dev.scimgateway.tenancy.ExtensionSchemaRegistry;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantTokens;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The tenant admin console; switched off, /console is no route and its edge step does nothing. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "scim-gateway.console.enabled", matchIfMissing = true)
class ConsoleConfiguration {

    @Bean
    ConsoleSessionStore consoleSessionStore(DatabaseClient db) {
        return R2dbcStores.consoleSessions(db);
    }

    @Bean
    TenantDirectory tenantDirectory(DatabaseClient db) {
        return R2dbcStores.tenantDirectory(db);
    }

    @Bean
    Console console(ConsoleSessionStore store, TenantDirectory directory, AdminKeys keys, TenantTokens tokens, TenantStore tenants, ScimResponses scim,
            ActivityReader activity, ActivityQueries activityQueries, Console.Sso sso, Authorizations authorizations,
            OAuthClients oauthClients, TrustedIssuers trustedIssuers, RateLimits limits, ExtensionSchemaRegistry schemas,
            JsonMapper json, RandomSecrets random, Clock clock, GatewayProperties properties) {
        GatewayProperties.Console settings = properties.console();
        String origin = properties.publicBaseUrl();
        boolean https = origin != null && origin.regionMatches(true, 0, "https:", 0, 6);
        return new Console(store, directory, keys, tokens, tenants, scim, activity, activityQueries, sso, authorizations,
                oauthClients, trustedIssuers, new Console.Tenancy(limits, schemas, json), random, clock,
                new Console.Settings(settings.idleTimeout(),
                settings.absoluteTimeout(), settings.signInFailures(), settings.signInWindow(), https));
    }

    @Bean
    RouterFunction<ServerResponse> consoleRoutes(Console console) {
        return console.routes();
    }
}
