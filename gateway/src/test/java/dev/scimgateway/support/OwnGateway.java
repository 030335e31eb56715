package dev.scimgateway.support;

import dev.scimgateway.ScimGatewayApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A gateway of a test's own, with settings of its own, on its own embedded database, with one
 * tenant and a token for it. Tests that use one are tagged {@code own-gateway} and run apart (see
 * the pom): closing an application context releases JVM-wide Reactor Netty resources.
 */
public record OwnGateway(ConfigurableApplicationContext app, int port, WebTestClient http, String tenant, String token,
        String adminToken) implements AutoCloseable {

    /** Starts one with these {@code name=value} properties over the defaults. */
    public static OwnGateway start(String tenant, String... properties) {
        String admin = "own-admin-" + UUID.randomUUID();
        List<String> all = new ArrayList<>(List.of("server.port=0",
                "scim-gateway.data-dir=" + Path.of("target", "test-data", tenant + "-" + UUID.randomUUID()),
                "scim-gateway.admin-token=" + admin));
        all.addAll(List.of(properties));
        var app = new SpringApplicationBuilder(ScimGatewayApplication.class).properties(all.toArray(String[]::new)).run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        WebTestClient http = TestClients.patient(port);
        String token = tenantToken(http, admin, tenant);
        return new OwnGateway(app, port, http, tenant, token, admin);
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

    /**
     * A gateway in a JVM of its own, on this test's class path, for a test that must signal it as
     * an operator or a crash would (SIGTERM, SIGKILL), which no gateway in the test's JVM survives.
     * Its output goes to {@code log}; {@code arguments} are its command-line properties.
     */
    public record Child(Process process, int port, Path log) {

        public static Child start(Path log, String... arguments) throws IOException {
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ScimGatewayApplication.class.getName(),
                    "--server.port=" + port));
            command.addAll(List.of(arguments));
            Files.createDirectories(log.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new Child(process, port, log);
        }

        /** A client for it once it is ready (its readiness probe answers 200). */
        public WebTestClient awaitReady(Duration within) throws IOException, InterruptedException {
            WebTestClient http = TestClients.patient(port);
            long deadline = System.nanoTime() + within.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new AssertionError("The gateway exited:\n" + Files.readString(log));
                }
                try {
                    if (http.get().uri("/readyz").exchange().returnResult(String.class).getStatus().value() == 200) {
                        return http;
                    }
                } catch (RuntimeException notListeningYet) {
                    // Not listening yet.
                }
                Thread.sleep(250);
            }
            throw new AssertionError("The gateway was not ready within " + within + ":\n" + Files.readString(log));
        }

        /** SIGKILL: nothing of it runs after this, as after a crash. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
