package dev.scimgateway.config;

import dev.scimgateway.console.Console;
import dev.scimgateway.crypto.RandomSecrets;
import dev.scimgateway.crypto.SecretBox;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.sso.OidcSignIn;
import dev.scimgateway.sso.SsoAdminHandler;
import dev.scimgateway.sso.SsoPaths;
import dev.scimgateway.sso.TenantSso;
import dev.scimgateway.storage.R2dbcStores;
import dev.scimgateway.tenancy.TenantStore;
import io.netty.channel.ChannelOption;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/** Console single sign-on through each tenant's own OpenID provider: its settings, their admin API, the relying party. */
@Configuration(proxyBeanMethods = false)
class SsoConfiguration {

    /** Answers from a provider (metadata, keys, tokens) are a few kilobytes; more is not an OpenID provider. */
    private static final int MAX_ANSWER_BYTES = 256 * 1024;

    /** Secrets at rest get a key of their own, derived from the signing key under their own label. */
    @Bean
    SecretBox secretBox(SigningKey signingKey, RandomSecrets random) {
        return new SecretBox(signingKey.derive("scim-gateway secrets at rest v1"), random);
    }

    @Bean
    TenantSso tenantSso(DatabaseClient db, TenantStore tenants, SecretBox box, Clock clock) {
        return new TenantSso(R2dbcStores.ssoSettings(db), tenants, box, clock);
    }

    @Bean
    SsoPaths ssoPaths(GatewayProperties properties) {
        return new SsoPaths(properties.publicBaseUrl());
    }

    @Bean
    RouterFunction<ServerResponse> ssoAdminRoutes(TenantSso sso, SsoPaths paths, JsonBodies bodies, JsonMapper json) {
        return new SsoAdminHandler(sso, paths, bodies, json).routes();
    }

    @Bean
    Console.Sso consoleSso(TenantSso sso, SsoPaths paths, SecretBox box, RandomSecrets random, Clock clock,
            GatewayProperties properties) {
        Duration timeout = properties.console().ssoTimeout();
        return new Console.Sso(new OidcSignIn(sso, providerClient(timeout), timeout, box, random, clock), sso, paths);
    }

    /**
     * Bounded on every side: connecting and each answer within the timeout, a small pool of its own
     * (a slow provider cannot take the connections of anything else), and a cap on an answer's size.
     */
    private static WebClient providerClient(Duration timeout) {
        ConnectionProvider pool = ConnectionProvider.builder("console-sso")
                .maxConnections(50)
                .pendingAcquireMaxCount(500)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeout.toMillis())
                .responseTimeout(timeout);
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER_BYTES))
                .build();
    }
}
