package dev.scimgateway.config;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.oauth.SpentGrantRetention;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.SigningKeys;
import dev.scimgateway.oauth.AccessTokenAuthenticator;
import dev.scimgateway.oauth.AccessTokens;
import dev.scimgateway.oauth.AuthorizationServer;
import dev.scimgateway.oauth.FederatedJwtAuthenticator;
import dev.scimgateway.oauth.IssuerKeys;
import dev.scimgateway.oauth.TrustDirectory;
import dev.scimgateway.oauth.TrustedIssuerHandler;
import dev.scimgateway.oauth.TrustedIssuerStore;
import dev.scimgateway.oauth.TrustedIssuers;
import dev.scimgateway.oauth.Authorizations;
import dev.scimgateway.oauth.OAuthClientHandler;
import dev.scimgateway.oauth.OAuthClients;
import dev.scimgateway.oauth.OAuthStore;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantStore;
import dev.scimgateway.tenancy.TenantTokens;
import dev.scimgateway.tenancy.TokenRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OAuth 2.0 authorization server for SCIM clients: its clients, its endpoints, and its tokens on
 * the SCIM edge; and the tenants' trusted issuers, whose JWTs the SCIM edge accepts too.
 */
@Configuration(proxyBeanMethods = false)
class OAuthConfiguration {

    @Bean
    OAuthStore oauthStore(DatabaseClient db) {
        return R2dbcStores.oauth(db);
    }

    @Bean
    PeriodicTask spentGrantCleanup(OAuthStore store, Clock clock) {
        var retention = new SpentGrantRetention(store, clock);
        return new PeriodicTask("Deleting spent OAuth codes and refresh tokens", Duration.ofHours(1),
                Duration.ofMinutes(5), retention::deleteSpent);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, GatewayProperties properties, Clock clock) {
        return new AccessTokens(keys, properties.oauth().accessTokenLifetime(), clock);
    }

    @Bean
    AccessTokenAuthenticator accessTokenAuthenticator(AccessTokens tokens, TokenRegistry registry, Clock clock) {
        return new AccessTokenAuthenticator(tokens, registry, clock);
    }

    @Bean
    OAuthClients oauthClients(OAuthStore store, TenantStore tenants, TokenRegistry registry, RandomSecrets random) {
        return new OAuthClients(store, tenants, registry, random);
    }

    @Bean
    Authorizations authorizations(OAuthClients clients, OAuthStore store, RandomSecrets random, GatewayProperties properties,
            Clock clock) {
        return new Authorizations(clients, store, random, properties.oauth().codeLifetime(), clock);
    }

    @Bean
    RouterFunction<ServerResponse> oauthRoutes(OAuthClients clients, OAuthStore store, AccessTokens accessTokens,
            TenantTokens tenantTokens, TokenRegistry registry, SigningKeys keys, RandomSecrets random,
            ScimResponses responses, Clock clock) {
        return new AuthorizationServer(clients, store, accessTokens, tenantTokens, registry, keys, random,
                EventsConfiguration.issuer(responses), clock).routes();
    }

    @Bean
    RouterFunction<ServerResponse> oauthClientRoutes(OAuthClients clients, JsonBodies bodies, JsonMapper json) {
        return new OAuthClientHandler(clients, bodies, json).routes();
    }

    @Bean
    TrustedIssuerStore trustedIssuerStore(DatabaseClient db) {
        return R2dbcStores.trustedIssuers(db);
    }

    @Bean
    TrustDirectory trustDirectory(TrustedIssuerStore store, GatewayProperties properties) {
        // The token registry's interval: a trust added on one replica applies on the others as fast as a token.
        return new TrustDirectory(store, properties.tokens().refreshInterval());
    }

    @Bean
    FederatedJwtAuthenticator federatedJwtAuthenticator(TrustDirectory directory, TokenRegistry registry,
            GatewayProperties properties, Clock clock) {
        GatewayProperties.Federation federation = properties.federation();
        IssuerKeys keys = new IssuerKeys(new IssuerKeys.Settings(federation.keysCacheTtl(),
                federation.keysMinRefreshInterval(), federation.keysOutageTolerance(), federation.keysFetchTimeout()));
        return new FederatedJwtAuthenticator(directory, keys, registry, clock);
    }

    @Bean
    TrustedIssuers trustedIssuers(TrustedIssuerStore store, TenantStore tenants, TrustDirectory directory,
            TokenRegistry registry, GatewayProperties properties, Clock clock) {
        return new TrustedIssuers(store, tenants, directory, registry, properties.federation().allowLoopbackJwks(), clock);
    }

    @Bean
    RouterFunction<ServerResponse> trustedIssuerRoutes(TrustedIssuers trusts, JsonBodies bodies, JsonMapper json) {
        return new TrustedIssuerHandler(trusts, bodies, json).routes();
    }
}
