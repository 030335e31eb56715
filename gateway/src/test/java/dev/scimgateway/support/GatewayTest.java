package dev.scimgateway.support;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.blockhound.BlockHound;
import tools.jackson.databind.JsonNode;

/**
 * A real gateway on a random port, with its own embedded PostgreSQL in a fresh directory. Every
 * test class shares one running gateway (Spring caches the context), so tests create their own
 * tenants with unique ids and never depend on each other's data. BlockHound fails any test that
 * makes a blocking call on a Reactor thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
// Every gateway test sends its statements through the recorder, so the routability check sees them all.
@org.springframework.context.annotation.Import(dev.scimgateway.storage.StatementRecorder.class)
public abstract class GatewayTest {

    public static final String ADMIN_TOKEN = "test-admin-token-" + UUID.randomUUID();
    /** The one tenant whose traffic the test gateway captures (CaptureTest creates it). */
    public static final String CAPTURED_TENANT = "capture-test";
    public static final MediaType SCIM = MediaType.parseMediaType("application/scim+json");
    private static final Path DATA_DIR = Path.of("target", "test-data", UUID.randomUUID().toString());

    @Autowired
    protected WebTestClient http;

    @Autowired
    private Environment environment;

    /** Where this test JVM's gateway keeps its embedded database and generated secrets. */
    protected static Path dataDir() {
        return DATA_DIR;
    }

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        registry.add("scim-gateway.data-dir", DATA_DIR::toString);
        registry.add("scim-gateway.admin-token", () -> ADMIN_TOKEN);
        registry.add("scim-gateway.tokens.refresh-interval", () -> "200ms");
        registry.add("scim-gateway.capture.tenants", () -> CAPTURED_TENANT);
        // Push delivery of the change feed at test pace: rounds, retries and the pause come within a second.
        registry.add("scim-gateway.events.push-interval", () -> "100ms");
        registry.add("scim-gateway.events.push-backoff", () -> "100ms");
        registry.add("scim-gateway.events.push-pause-after", () -> "5");
        registry.add("scim-gateway.events.lag-interval", () -> "200ms");
        // Trusted issuers' keys are served by WireMock on this machine.
        registry.add("scim-gateway.federation.allow-loopback-jwks", () -> "true");
    }

    @BeforeAll
    static void blockHound() {
        BlockHoundSetup.install();
    }

    /** For tests that start a gateway of their own: the same BlockHound rules as the shared one. */
    public static void installBlockHound() {
        BlockHoundSetup.install();
    }

    @org.springframework.boot.test.web.server.LocalServerPort
    private int port;

    /** See {@link TestClients#patient}. */
    @org.junit.jupiter.api.BeforeEach
    void patientClient() {
        http = TestClients.patient(port);
    }

    /** A client of the management port: metrics and every actuator endpoint but the probes. */
    protected WebTestClient management() {
        return TestClients.patient(environment.getRequiredProperty("local.management.port", Integer.class));
    }

    protected WebTestClient.RequestHeadersSpec<?> admin(WebTestClient.RequestHeadersSpec<?> spec) {
        return spec.header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** The scrape's value of one series, named as it appears there: {@code name{label="value"}}; 0 when absent. */
    protected double meter(String series) {
        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst().orElse(0);
    }

    /** Creates a tenant with a unique id and returns it. */
    protected String newTenant(String prefix) {
        String id = (prefix + "-" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase();
        http.post().uri("/admin/v1/tenants")
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("id", id, "displayName", prefix))
                .exchange()
                .expectStatus().isCreated();
        return id;
    }

    /** Creates a named token for the tenant and returns the whole admin response. */
    protected JsonNode newToken(String tenantId, String name) {
        return createNamed("/admin/v1/tenants/{t}/tokens", tenantId, name);
    }

    /** Issues a tenant admin key as the operator and returns the whole answer ({@code key} is the secret). */
    protected JsonNode newAdminKey(String tenantId, String name) {
        return createNamed("/admin/v1/tenants/{t}/admin-keys", tenantId, name);
    }

    private JsonNode createNamed(String path, String tenantId, String name) {
        return http.post().uri(path, tenantId)
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", name))
                .exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** A tenant with one token: the SCIM client an IdP would be. */
    protected ScimClient newScimClient(String prefix) {
        String tenant = newTenant(prefix);
        return new ScimClient(http, tenant, newToken(tenant, "idp").get("token").stringValue());
    }

    static final class BlockHoundSetup {
        private static volatile boolean installed;

        static synchronized void install() {
            if (!installed) {
                BlockHound.install(builder -> builder
                        // Logging to the console is a test-time side effect, not gateway behaviour.
                        .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes")
                        .allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend")
                        .allowBlockingCallsInside("java.util.UUID", "randomUUID")
                        // Logging in to PostgreSQL with SCRAM takes a nonce from SecureRandom, which reads
                        // /dev/urandom, as randomUUID does: a read that never waits.
                        .allowBlockingCallsInside("com.ongres.scram.common.ScramFunctions", "nonce")
                        // Resilience4j's circuit breaker and Micrometer's histograms guard their counters with a
                        // lock held for a few instructions; contention parks for microseconds, never on I/O.
                        // An idle scheduler worker waiting for its next timed task is not a blocking call.
                        .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "take")
                        .allowBlockingCallsInside("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "poll")
                        // Netty 4.2's adaptive allocator takes a StampedLock for a few instructions when
                        // it grows or frees a magazine: a memory-pool lock, never I/O.
                        .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                                "tryExpandMagazines")
                        .allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free")
                        // Caffeine's bounded caches do their eviction under a lock held for a few entries'
                        // work; a thread that finds it taken while the write buffer is full waits that long.
                        .allowBlockingCallsInside("com.github.benmanes.caffeine.cache.BoundedLocalCache", "performCleanUp")
                        .allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics", "record")
                        .allowBlockingCallsInside("io.github.resilience4j.core.metrics.SlidingTimeWindowMetrics",
                                "getSnapshot"));
                installed = true;
            }
        }
    }
}
