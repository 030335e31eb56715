package dev.scimgateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.GatewayTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * IdPs keep their connections alive and send the next request the moment an answer arrives.
 * With Reactor Netty 1.3.6 about one such request in a thousand was never read (see the root
 * pom), so the IdP waited out its timeout: a few clients each send thousands of requests on one
 * connection, and every one must be answered.
 */
class KeepAliveTest extends GatewayTest {

    private static final int CLIENTS = 4;
    private static final int REQUESTS = 3_000;

    @LocalServerPort
    int port;

    @Test
    void everyRequestOnAKeepAliveConnectionIsAnswered() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<CompletableFuture<Integer>> answered = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                answered.add(CompletableFuture.supplyAsync(this::sendOnOneConnection, clients));
            }
            for (CompletableFuture<Integer> client : answered) {
                assertThat(client.join()).isEqualTo(REQUESTS);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    /** Answers counted until the first one that does not come within 5 s. */
    private int sendOnOneConnection() {
        byte[] request = ("GET /readyz HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        int answered = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int i = 0; i < REQUESTS; i++) {
                out.write(request);
                out.flush();
                readResponse(in);
                answered++;
            }
        } catch (IOException e) {
            // A timeout ends the count: the test reports how far this client got.
        }
        return answered;
    }

    /** Reads one response with a Content-Length body (what the health endpoint sends). */
    private static void readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).strip());
            }
        }
        in.readNBytes(length);
    }
}
