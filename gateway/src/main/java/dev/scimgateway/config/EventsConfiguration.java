package dev.scimgateway.config;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.scimgateway.edge.EdgeStep;
import dev.scimgateway.events.ChangeFeed;
import dev.scimgateway.events.FeedMetrics;
import dev.scimgateway.events.PollHandler;
import dev.scimgateway.events.PushDelivery;
import dev.scimgateway.events.SecurityEventTokens;
import dev.scimgateway.crypto.SigningKeys;
import dev.scimgateway.events.StreamHandler;
import dev.scimgateway.events.StreamStore;
import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.scim.web.JsonBodies;
import dev.scimgateway.scim.web.ResourceRenderer;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.storage.EventStores;
import dev.scimgateway.tenancy.ScimAuthenticationFilter;
import dev.scimgateway.tenancy.TenantSchemas;
import dev.scimgateway.tenancy.TokenRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/** The RFC 9967 change feed: its streams, its signing keys, its routes and their authentication. */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventsConfiguration.class);

    static final String KEY_FILE = "events-signing-key.jwk";
    static final String PREVIOUS_KEY_FILE = "events-signing-key.previous.jwk";
    /** How often a long poll reads the log again while it waits. */
    private static final Duration RECHECK = Duration.ofMillis(500);
    /** Push delivery (RFC 8935) is offered: metadata lists it and streams may ask for it. */
    private static final boolean PUSH = true;
    /** SETs one push round sends at most per stream. */
    private static final int PUSH_BATCH = 100;

    @Bean
    EdgeStep eventsAuthentication(TokenRegistry registry) {
        return ScimAuthenticationFilter.events(registry);
    }

    @Bean
    SigningKeys eventSigningKeys(GatewayProperties properties) {
        GatewayProperties.Events events = properties.events();
        ECKey current;
        if (events.signingKey() == null || events.signingKey().isBlank()) {
            Path file = properties.dataDir().resolve(KEY_FILE);
            current = SigningKeys.parse(LocalSecrets.readOrCreate(file, () -> SigningKeys.generate().toJSONString()), file.toString());
            if (properties.db().url() != null) {
                log.warn("SCIM_GATEWAY_EVENTS_SIGNING_KEY is not set, so the key in {} signs SETs; replicas that share"
                        + " a database must share this key too", file.toAbsolutePath());
            }
        } else {
            current = SigningKeys.parse(events.signingKey(), "SCIM_GATEWAY_EVENTS_SIGNING_KEY");
        }
        return new SigningKeys(current, previousKeys(properties));
    }

    /** Published beside the current key: the configured set, and the key a rotation in the data directory left. */
    private static List<JWK> previousKeys(GatewayProperties properties) {
        List<JWK> previous = new ArrayList<>();
        String configured = properties.events().previousPublicKeys();
        if (configured != null && !configured.isBlank()) {
            try {
                previous.addAll(JWKSet.parse(configured).getKeys());
            } catch (ParseException e) {
                throw new IllegalArgumentException("SCIM_GATEWAY_EVENTS_PREVIOUS_PUBLIC_KEYS is not a JWK set: "
                        + e.getMessage(), e);
            }
        }
        Path file = properties.dataDir().resolve(PREVIOUS_KEY_FILE);
        if (Files.exists(file)) {
            try {
                previous.add(SigningKeys.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }
        return previous;
    }

    @Bean
    StreamStore streamStore(DatabaseClient db, TransactionalOperator tx) {
        return EventStores.streams(db, tx);
    }

    @Bean
    ChangeFeed changeFeed(DatabaseClient db, TransactionalOperator tx) {
        return EventStores.feed(db, tx);
    }

    @Bean
    SecurityEventTokens securityEventTokens(SigningKeys keys, ResourceKinds kinds, TenantSchemas catalogs,
            ResourceRenderer renderer, JsonMapper json, Clock clock) {
        return new SecurityEventTokens(keys, new EventResources(kinds, catalogs, renderer), json, clock);
    }

    @Bean
    RouterFunction<ServerResponse> streamRoutes(StreamStore streams, SigningKeys keys, JsonBodies bodies, JsonMapper json,
            ScimResponses responses) {
        return new StreamHandler(streams, keys, bodies, json, issuer(responses), PUSH).routes();
    }

    @Bean
    RouterFunction<ServerResponse> pollRoutes(StreamStore streams, ChangeFeed feed, SecurityEventTokens sets,
            JsonBodies bodies, JsonMapper json, GatewayProperties properties) {
        GatewayProperties.Events events = properties.events();
        // A long poll must be answered before the request deadline answers it 503.
        Duration deadline = properties.overload().requestTimeout().minus(properties.overload().requestTimeout().dividedBy(5));
        Duration wait = events.longPollWait().compareTo(deadline) < 0 ? events.longPollWait() : deadline;
        return new PollHandler(streams, feed, sets, bodies, json,
                new PollHandler.Settings(Math.min(100, events.maxEvents()), events.maxEvents(), wait, RECHECK)).routes();
    }

    @Bean
    FeedMetrics feedMetrics(MeterRegistry meters, StreamStore streams, TenantTags tenants, GatewayProperties properties) {
        // Streams keep their own series up to the same bound as tenants; later ones share one per tenant tag.
        return new FeedMetrics(meters, streams, tenants::of, new TenantTags(properties.metrics().maxTenantTags())::of,
                properties.events().lagInterval());
    }

    @Bean
    PushDelivery pushDelivery(StreamStore streams, ChangeFeed feed, SecurityEventTokens sets, GatewayProperties properties,
            FeedMetrics metrics) {
        GatewayProperties.Events events = properties.events();
        return new PushDelivery(streams, feed, sets, WebClient.create(), new PushDelivery.Settings(events.pushInterval(),
                events.pushBackoff(), events.pushMaxBackoff(), events.pushPauseAfter(), events.pushTimeout(), PUSH_BATCH),
                metrics);
    }

    /** The issuer is the gateway's public origin: the SCIM base URL without its path. */
    static Function<ServerRequest, String> issuer(ScimResponses responses) {
        return responses::origin;
    }
}
