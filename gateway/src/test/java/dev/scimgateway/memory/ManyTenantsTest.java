package dev.scimgateway.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.events.FeedMetrics;
import dev.scimgateway.events.FeedPaths;
import dev.scimgateway.events.StreamStore;
import dev.scimgateway.observability.TenantTags;
import dev.scimgateway.ratelimit.RateLimitStore;
import dev.scimgateway.ratelimit.TenantLimits;
import dev.scimgateway.ratelimit.TenantRateLimiter;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.tenancy.TenantSchemaStore;
import dev.scimgateway.tenancy.TenantSchemas;
import dev.scimgateway.tenancy.TenantStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17, many tenants: what the gateway keeps per tenant stays at its bound however many
 * tenants send requests. Counted, not timed: thousands of real tenants pass through caches bounded
 * to a hundred, and each cache holds no more than its bound afterwards and still answers right.
 */
class ManyTenantsTest extends GatewayTest {

    private static final int TENANTS = 1_000;
    private static final int BOUND = 100;

    @Autowired
    TenantStore tenants;

    @Autowired
    RateLimitStore limitsStore;

    @Autowired
    TenantLimits defaults;

    @Autowired
    TenantSchemaStore schemas;

    @Autowired
    StreamStore streams;

    @Test
    void rateLimitBucketsAndSchemaCatalogsStayAtTheirBound() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> ids = Flux.range(0, TENANTS).map(i -> "many-" + run + "-" + i)
                .flatMap(id -> tenants.createTenant(id, id).thenReturn(id), 8)
                .collectList().block(Duration.ofMinutes(2));
        TenantRateLimiter limiter = new TenantRateLimiter(limitsStore, defaults, PerTenant.DEFAULT_IDLE, BOUND);
        TenantSchemas catalogs = new TenantSchemas(schemas, PerTenant.DEFAULT_IDLE, BOUND);

        Flux.fromIterable(ids)
                .concatMap(id -> limiter.acquire(id, TenantLimits.Kind.WRITE)
                        .doOnNext(decision -> assertThat(decision.allowed()).isTrue())
                        .then(catalogs.of(id)))
                .blockLast(Duration.ofMinutes(2));

        assertThat(limiter.tenantsInMemory()).isLessThanOrEqualTo(BOUND);
        assertThat(catalogs.tenantsInMemory()).isLessThanOrEqualTo(BOUND);
        // A tenant dropped long ago is simply read again.
        assertThat(limiter.acquire(ids.get(0), TenantLimits.Kind.WRITE).block(Duration.ofSeconds(10)).allowed()).isTrue();
        assertThat(catalogs.of(ids.get(0)).block(Duration.ofSeconds(10))).isNotNull();
    }

    /**
     * The feed-lag gauge has a series per stream while streams keep their own tag; later streams
     * share one series per tenant tag. The gauge here is a second one over the real streams, with
     * bounds of one, so that the shared gateway's tags stay free for the tests that need theirs.
     */
    @Test
    void theFeedLagOfStreamsPastTheBoundIsOneSeriesPerTenantTag() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            String tenant = newTenant("lag");
            String token = http.post().uri("/admin/v1/tenants/{t}/tokens", tenant)
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "receiver", "scopes", List.of("events"))).exchange()
                    .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody()
                    .get("token").stringValue();
            for (int s = 0; s < 2; s++) {
                http.post().uri(FeedPaths.STREAMS).header("Authorization", "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("events_requested", List.of("urn:ietf:params:scim:event:prov:create:full")))
                        .exchange().expectStatus().isCreated();
            }
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FeedMetrics metrics = new FeedMetrics(meters, streams, new TenantTags(1)::of, new TenantTags(1)::of,
                Duration.ofMillis(100));
        metrics.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (lagSeries(meters).stream().noneMatch(id -> TenantTags.OTHER.equals(id.getTag("tenant")))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        } finally {
            metrics.stop();
        }
        List<Meter.Id> series = lagSeries(meters);
        assertThat(series.stream().filter(id -> TenantTags.OTHER.equals(id.getTag("tenant"))
                && TenantTags.OTHER.equals(id.getTag("stream")))).as("the later streams of untagged tenants").hasSize(1);
        assertThat(series).as("one stream of its own, and one series per tenant tag (one tenant and the rest)")
                .hasSizeLessThanOrEqualTo(3);
    }

    private static List<Meter.Id> lagSeries(SimpleMeterRegistry meters) {
        return meters.find(FeedMetrics.LAG).gauges().stream().map(Meter::getId).toList();
    }
}
