package dev.scimgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.scimgateway.ScimGatewayApplication;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.TestClients;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON log lines an SRE ships, as the chart runs the gateway (ECS, tracing to a collector):
 * a trace id that enters with a request (W3C traceparent) is in the lines written for it and in
 * the span exported over OTLP; the request id, the tenant and the token id the edge puts in its
 * log fields are in every later line of the request and in no line of another. The lines checked are written after the request's
 * database work (a skipped group member, on a database thread) and by its error handling (a
 * 401, outside the filter chain).
 */
@Tag("own-gateway")
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN = "logs-admin-" + UUID.randomUUID();

    private static OtlpCollector collector;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient http;

    @BeforeAll
    static void start() throws IOException {
        GatewayTest.installBlockHound();
        collector = new OtlpCollector();
        Path data = Path.of("target", "test-data", "logs-" + UUID.randomUUID());
        gateway = new SpringApplicationBuilder(ScimGatewayApplication.class).properties("server.port=0",
                        "scim-gateway.data-dir=" + data, "scim-gateway.admin-token=" + ADMIN, "scim-gateway.log-format=ecs",
                        "scim-gateway.tracing.otlp-endpoint=" + collector.endpoint(),
                        "scim-gateway.tracing.sampling-probability=1.0",
                        "management.opentelemetry.tracing.export.schedule-delay=100ms",
                        "logging.level.dev.scimgateway.scim.web.ScimErrorHandler=debug")
                .run();
        http = TestClients.patient(((WebServerApplicationContext) gateway).getWebServer().getPort());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        collector.close();
    }

    @Test
    void aTraceIdEnteringWithARequestIsInItsLogLinesAndItsExportedSpan(CapturedOutput output) throws Exception {
        int from = output.getOut().length();
        String token = newToken();
        String traceId = randomHex(16);
        String unauthorizedTraceId = randomHex(16);
        createGroupWithAnUnknownMember(token, Map.of("traceparent", traceparent(traceId)));
        http.get().uri("/scim/v2/Users").header("Authorization", "Bearer not-a-token")
                .header("traceparent", traceparent(unauthorizedTraceId)).exchange().expectStatus().isUnauthorized();

        assertThat(lines(output, from, "skipped 1 member id")).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("traceId").asString("")).isEqualTo(traceId));
        assertThat(lines(output, from, "-> 401")).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("traceId").asString("")).isEqualTo(unauthorizedTraceId));
        assertThat(collector.awaitBodyContaining(HexFormat.of().parseHex(traceId), Duration.ofSeconds(20)))
                .as("a span of trace %s exported to the collector", traceId).isTrue();
    }

    @Test
    void logFieldsAreInEveryLaterLineOfTheirRequestAndInNoOther(CapturedOutput output) {
        int from = output.getOut().length();
        String tenant = newTenant();
        JsonNode token = newToken(tenant);
        Map<String, String> requestIdOfGroup = new HashMap<>();
        for (int i = 0; i < 5; i++) {
            var created = createGroup(token.get("token").stringValue(), Map.of());
            requestIdOfGroup.put(created.getResponseBody().get("id").stringValue(),
                    created.getResponseHeaders().getFirst("X-Request-Id"));
        }
        String refused = http.get().uri("/scim/v2/Users").header("Authorization", "Bearer not-a-token").exchange()
                .expectStatus().isUnauthorized().returnResult(Void.class).getResponseHeaders().getFirst("X-Request-Id");

        // Each message names its group's id, so each line can be matched with the request that wrote it.
        List<JsonNode> skips = lines(output, from, "skipped 1 member id");
        assertThat(skips.stream().map(line -> line.path("message").asString()).distinct()).hasSize(5);
        assertThat(skips).allSatisfy(line -> {
            String group = requestIdOfGroup.keySet().stream()
                    .filter(name -> line.path("message").asString().contains(name)).findFirst().orElseThrow();
            assertThat(line.path(LogFields.REQUEST_ID).asString("")).isEqualTo(requestIdOfGroup.get(group));
            assertThat(line.path(LogFields.TENANT).asString("")).isEqualTo(tenant);
            assertThat(line.path(LogFields.TOKEN_ID).asString("")).isEqualTo(token.get("id").stringValue());
        });
        assertThat(lines(output, from, "-> 401")).isNotEmpty().allSatisfy(line -> {
            assertThat(line.path(LogFields.REQUEST_ID).asString("")).isEqualTo(refused);
            assertThat(line.has(LogFields.TENANT)).isFalse();
        });
    }

    private static String newTenant() {
        String tenant = "logs-" + UUID.randomUUID().toString().substring(0, 8);
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", tenant)).exchange()
                .expectStatus().isCreated();
        return tenant;
    }

    private static JsonNode newToken(String tenant) {
        return http.post().uri("/admin/v1/tenants/{t}/tokens", tenant).header("Authorization", "Bearer " + ADMIN)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "idp")).exchange()
                .expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private static String newToken() {
        return newToken(newTenant()).get("token").stringValue();
    }

    /** A member id that names no user: the gateway logs the skip after its database work. */
    private static void createGroupWithAnUnknownMember(String token, Map<String, String> headers) {
        createGroup(token, headers);
    }

    private static EntityExchangeResult<JsonNode> createGroup(String token, Map<String, String> headers) {
        return http.post().uri("/scim/v2/Groups").header("Authorization", "Bearer " + token)
                .headers(h -> headers.forEach(h::set))
                .contentType(MediaType.parseMediaType("application/scim+json"))
                .bodyValue("{\"displayName\":\"G-" + UUID.randomUUID() + "\",\"members\":[{\"value\":\""
                        + UUID.randomUUID() + "\"}]}")
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult();
    }

    /** The JSON lines written since {@code from} whose message contains the part. */
    private static List<JsonNode> lines(CapturedOutput output, int from, String messagePart) {
        return output.getOut().substring(from).lines().filter(line -> line.startsWith("{")).map(JSON::readTree)
                .filter(line -> line.path("message").asString("").contains(messagePart)).toList();
    }

    private static String traceparent(String traceId) {
        return "00-" + traceId + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The OTLP/HTTP traces endpoint of a collector, as small as the test needs: it keeps what it is sent. */
    private static final class OtlpCollector implements AutoCloseable {

        private final HttpServer server;
        private final List<byte[]> bodies = new CopyOnWriteArrayList<>();

        OtlpCollector() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/traces", exchange -> {
                bodies.add(exchange.getRequestBody().readAllBytes());
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
        }

        boolean awaitBodyContaining(byte[] bytes, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (bodies.stream().anyMatch(body -> indexOf(body, bytes) >= 0)) {
                    return true;
                }
                Thread.sleep(100);
            }
            return false;
        }

        private static int indexOf(byte[] body, byte[] part) {
            outer:
            for (int i = 0; i + part.length <= body.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (body[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
