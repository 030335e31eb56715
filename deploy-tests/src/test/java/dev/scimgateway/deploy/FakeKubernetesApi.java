package dev.scimgateway.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Just enough of a Kubernetes API, on the loopback interface, for Helm's {@code lookup} of a
 * Secret. helm-java renders with a client that does call the API for {@code lookup} (the helm CLI's
 * {@code template} does not), and the chart looks up its generated Secret so that an upgrade keeps
 * the signing key. This stand-in answers "not found", or serves a Secret a test put there to prove
 * that generated values survive an upgrade.
 *
 * <p>Surefire points KUBECONFIG at {@link #KUBECONFIG} (see deploy-tests/pom.xml); the Go runtime
 * reads the file on each call, so writing it after start-up is enough.
 */
final class FakeKubernetesApi {

    static final Path KUBECONFIG = Path.of(System.getProperty("helm.test.kubeconfig", "target/helm-test-kubeconfig.yaml"));

    private static final Map<String, String> SECRETS = new ConcurrentHashMap<>();
    private static volatile boolean started;

    private FakeKubernetesApi() {}

    static synchronized void start() {
        if (started) {
            return;
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", FakeKubernetesApi::handle);
            server.start();
            Files.createDirectories(KUBECONFIG.toAbsolutePath().getParent());
            Files.writeString(KUBECONFIG, kubeconfig(server.getAddress().getPort()));
            started = true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves this Secret (as JSON) to lookups until {@link #clear()}. */
    static void putSecret(String namespace, String name, String json) {
        SECRETS.put("/api/v1/namespaces/" + namespace + "/secrets/" + name, json);
    }

    static void clear() {
        SECRETS.clear();
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String secret = SECRETS.get(path);
        if (secret != null) {
            respond(exchange, 200, secret);
        } else if (path.equals("/api/v1")) {
            respond(exchange, 200, """
                    {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
                      {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""");
        } else if (path.equals("/api")) {
            respond(exchange, 200, """
                    {"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}""");
        } else if (path.equals("/apis")) {
            respond(exchange, 200, """
                    {"kind":"APIGroupList","apiVersion":"v1","groups":[]}""");
        } else {
            respond(exchange, 404, """
                    {"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404,"message":"not found"}""");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String kubeconfig(int port) {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: fake
                    cluster:
                      server: http://127.0.0.1:%d
                contexts:
                  - name: fake
                    context:
                      cluster: fake
                      user: fake
                users:
                  - name: fake
                    user: {}
                current-context: fake
                """.formatted(port);
    }
}
