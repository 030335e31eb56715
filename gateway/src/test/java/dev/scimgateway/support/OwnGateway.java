package dev.scimgateway.support;

import dev.scimgateway.ScimGatewayApplication;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway of a test's own, with settings of its own, on its own embedded database, with one
 * tenant and a token for it. Tests that use one are tagged {@code own-gateway} and run apart (see
 * the pom): closing an application context releases JVM-wide Reactor Netty resources. What only a
 * real signal shows (SIGTERM, SIGKILL) needs one in a child JVM: {@link OwnGatewayProcess}.
 */
public record OwnGateway(ConfigurableApplicationContext app, Path dataDir, int port, WebTestClient http, String tenant, String token,
        String adminToken) implements AutoCloseable {

    /** Starts one with these {@code name=value} properties over the defaults. */
    public static OwnGateway start(String tenant, String... properties) {
        String admin = "own-admin-" + UUID.randomUUID();
        Path dataDir = Path.of("target", "test-data", tenant + "-" + UUID.randomUUID());
        List<String> all = new ArrayList<>(List.of("server.port=0", "scim-gateway.data-dir=" + dataDir,
                "scim-gateway.admin-token=" + admin));
        all.addAll(List.of(properties));
        var app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(all.toArray(String[]::new)).run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        WebTestClient http = TestClients.patient(port);
        String token = tenantToken(http, admin, tenant);
        return new OwnGateway(app, dataDir, port, http, tenant, token, admin);
    }

    /** Creates one more tenant and returns a token for it. */
    public String newTenantToken(String tenantId) {
        return tenantToken(http, adminToken, tenantId);
    }

    /** Creates a tenant through the admin API of the gateway {@code http} reaches; a token for it. */
    public static String tenantToken(WebTestClient http, String admin, String tenantId) {
        http.post().uri("/admin/v1/tenants").header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("id", tenantId)).exchange()
                .expectStatus().isCreated();
        return http.post().uri("/admin/v1/tenants/{t}/tokens", tenantId).header("Authorization", "Bearer " + admin)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "t")).exchange()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("token").stringValue();
    }

    /** The head of an NDJSON stream on a new connection; what follows is the caller's to send. */
    public Socket openStream() throws IOException {
        return openStream(token);
    }

    /** The same, for the tenant of this token. */
    public Socket openStream(String tenantToken) throws IOException {
        var stream = new Socket("localhost", port);
        stream.getOutputStream().write(("POST /scim/v2/Bulk HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + tenantToken + "\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        stream.getOutputStream().flush();
        return stream;
    }

    /** One line of a stream as an HTTP chunk. */
    public static byte[] chunk(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] head = (Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] chunk = new byte[head.length + bytes.length + 2];
        System.arraycopy(head, 0, chunk, 0, head.length);
        System.arraycopy(bytes, 0, chunk, head.length, bytes.length);
        chunk[chunk.length - 2] = '\r';
        chunk[chunk.length - 1] = '\n';
        return chunk;
    }

    @Override
    public void close() {
        app.close();
    }
}
