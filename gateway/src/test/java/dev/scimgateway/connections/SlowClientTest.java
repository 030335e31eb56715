package dev.scimgateway.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scimgateway.support.OwnGateway;
import dev.scimgateway.support.RawHttp;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Slow and idle clients lose their connection after the configured timeouts, and only they: a
 * normal client is served all along, an NDJSON stream lasts as long as lines keep coming, and a
 * stream the gateway itself is slow to read is not taken for a silent one. The timeouts are set
 * short here; a gateway without them never closes these connections at all.
 */
@Tag("own-gateway")
class SlowClientTest {

    private static final Duration HEAD = Duration.ofSeconds(2);
    private static final Duration BODY = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofSeconds(8);
    private static final int MAX_CONNECTIONS = 600;
    /** How late a busy machine may be to close a connection; never enough to pass for a missing timeout. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final String HEALTH = "GET /livez HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private static OwnGateway gateway;

    @BeforeAll
    static void start() {
        gateway = OwnGateway.start("slow", "scim-gateway.connections.request-head-timeout=" + HEAD.toSeconds() + "s",
                "scim-gateway.connections.body-read-timeout=" + BODY.toSeconds() + "s",
                "scim-gateway.connections.idle-timeout=" + IDLE.toSeconds() + "s",
                "scim-gateway.connections.max-connections=" + MAX_CONNECTIONS);
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void slowlorisConnectionsAreClosedWhileANormalClientIsServed() throws Exception {
        int lorises = 500;
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        assertThat(scimRead(client)).as("before the slowlorises").isEqualTo(200);
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<List<Integer>> normal = CompletableFuture.supplyAsync(() -> normalClient(client, done));
        long[] openedAt = new long[lorises];
        long[] closedAt = new long[lorises];
        try (Selector selector = Selector.open()) {
            List<SocketChannel> channels = new ArrayList<>();
            for (int i = 0; i < lorises; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("localhost", gateway.port()));
                openedAt[i] = System.nanoTime();
                channel.write(ascii("GET /livez HTTP/1.1\r\nHost: localhost\r\n"));
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, i);
                channels.add(channel);
            }
            int open = lorises;
            long deadline = System.nanoTime() + HEAD.plus(SLACK).plus(HEAD).toNanos();
            long nextTrickle = System.nanoTime();
            ByteBuffer sink = ByteBuffer.allocate(4096);
            while (open > 0 && System.nanoTime() < deadline) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    int i = (int) key.attachment();
                    if (isClosed((SocketChannel) key.channel(), sink.clear())) {
                        closedAt[i] = System.nanoTime();
                        key.cancel();
                        key.channel().close();
                        open--;
                    }
                }
                selector.selectedKeys().clear();
                if (System.nanoTime() >= nextTrickle) {
                    // A slowloris sends a header line now and then, so that no idle timeout ever sees it idle.
                    for (int i = 0; i < lorises; i++) {
                        trickle(channels.get(i), closedAt[i]);
                    }
                    nextTrickle = System.nanoTime() + Duration.ofMillis(500).toNanos();
                }
            }
            for (SocketChannel channel : channels) {
                channel.close();
            }
            assertThat(open).as("slowloris connections still open after %s", HEAD.plus(SLACK).plus(HEAD)).isZero();
        } finally {
            done.set(true);
        }
        long slowest = 0;
        for (int i = 0; i < lorises; i++) {
            slowest = Math.max(slowest, closedAt[i] - openedAt[i]);
        }
        assertThat(Duration.ofNanos(slowest)).as("the longest a slowloris kept its connection")
                .isLessThanOrEqualTo(HEAD.plus(SLACK));
        List<Integer> statuses = normal.get();
        assertThat(statuses).as("the normal client's answers while the slowlorises were connected")
                .hasSizeGreaterThanOrEqualTo(3).containsOnly(200);
    }

    /** SCIM reads, one after another, until told to stop; their statuses. */
    private static List<Integer> normalClient(HttpClient client, AtomicBoolean done) {
        List<Integer> statuses = new ArrayList<>();
        while (!done.get()) {
            statuses.add(scimRead(client));
        }
        return statuses;
    }

    private static int scimRead(HttpClient client) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.port() + "/scim/v2/Users?count=1"))
                .header("Authorization", "Bearer " + gateway.token()).timeout(Duration.ofSeconds(5)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static boolean isClosed(SocketChannel channel, ByteBuffer sink) {
        try {
            return channel.read(sink) < 0;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void trickle(SocketChannel channel, long closedAt) {
        if (closedAt == 0 && channel.isOpen()) {
            try {
                channel.write(ascii("X-Slow: 1\r\n"));
            } catch (IOException closedMeanwhile) {
                // The selector sees it closed too.
            }
        }
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAndABusyOneIsNot() throws Exception {
        try (Socket idle = new Socket("localhost", gateway.port()); Socket busy = new Socket("localhost", gateway.port())) {
            InputStream idleIn = new BufferedInputStream(idle.getInputStream());
            idle.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
            assertThat(RawHttp.read(idleIn).status()).isEqualTo(200);
            long answered = System.nanoTime();

            // The busy one sends a request a second, on one connection, for longer than the idle timeout.
            CompletableFuture<Integer> busyAnswers = CompletableFuture.supplyAsync(() -> requestEverySecond(busy,
                    (int) IDLE.plusSeconds(2).toSeconds()));

            idle.setSoTimeout((int) IDLE.plus(SLACK).toMillis());
            assertThat(idleIn.read()).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - answered)).isLessThanOrEqualTo(IDLE.plus(SLACK));
            assertThat(busyAnswers.get()).isEqualTo((int) IDLE.plusSeconds(2).toSeconds());
        }
    }

    private static int requestEverySecond(Socket socket, int requests) {
        int answered = 0;
        try {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < requests; i++) {
                socket.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
                if (RawHttp.read(in).status() == 200) {
                    answered++;
                }
                Thread.sleep(1000);
            }
        } catch (IOException e) {
            // Counted: the answers so far.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return answered;
    }

    @Test
    void aSilentStreamIsClosedAndGivesItsSlotsBack() throws Exception {
        var slots = gateway.app().getBean(BulkheadRegistry.class).bulkhead("bulk");
        int free = slots.getMetrics().getMaxAllowedConcurrentCalls();
        try (Socket stream = gateway.openStream()) {
            long opened = System.nanoTime();
            stream.setSoTimeout((int) BODY.plus(SLACK).plus(HEAD).toMillis());
            assertThat(stream.getInputStream().read()).as("end of stream").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThanOrEqualTo(BODY.plus(SLACK));
        }
        long deadline = System.nanoTime() + SLACK.toNanos();
        while (slots.getMetrics().getAvailableConcurrentCalls() < free && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(slots.getMetrics().getAvailableConcurrentCalls()).as("free /Bulk slots").isEqualTo(free);
    }

    /**
     * A body read timeout is about silence: a stream whose lines keep coming outlasts it many
     * times over, and so does one that pauses longer than it between lines but sends an empty line
     * now and then.
     */
    @Test
    void aStreamWhoseLinesKeepComingOutlastsTheReadTimeout() throws Exception {
        int lines = 3;
        try (Socket stream = gateway.openStream()) {
            OutputStream out = stream.getOutputStream();
            for (int i = 0; i < lines; i++) {
                out.write(OwnGateway.chunk(createUser("steady-" + i)));
                out.flush();
                // A pause of one and a half read timeouts, kept open by an empty line every half.
                for (int blank = 0; blank < 3; blank++) {
                    Thread.sleep(BODY.toMillis() / 2);
                    out.write(OwnGateway.chunk(""));
                    out.flush();
                }
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stream.setSoTimeout(30_000);
            RawHttp.Response response = RawHttp.read(new BufferedInputStream(stream.getInputStream()));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().lines().filter(line -> line.contains("\"status\":\"201\""))).hasSize(lines);
        }
    }

    /**
     * A stream is read only as fast as its operations are applied: here a tenant's write limit
     * holds them back, so the gateway stops reading for longer than the read timeout while the
     * client, whose socket buffers are full, waits to send more. That silence is the gateway's, and
     * the stream goes on.
     */
    @Test
    void aStreamTheGatewayIsSlowToReadIsNotCut() throws Exception {
        String token = gateway.newTenantToken("slow-reader");
        gateway.http().put().uri("/admin/v1/tenants/slow-reader/limits")
                .header("Authorization", "Bearer " + gateway.adminToken()).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"read\":{\"perSecond\":100,\"burst\":100},\"write\":{\"perSecond\":5,\"burst\":5}}")
                .exchange().expectStatus().isOk();
        try (Socket stream = gateway.openStream(token)) {
            AtomicInteger sent = new AtomicInteger();
            AtomicReference<IOException> writeFailure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = stream.getOutputStream();
                    String padding = "p".repeat(400);
                    while (!Thread.currentThread().isInterrupted()) {
                        out.write(OwnGateway.chunk(createUser("held-" + sent.get() + "-" + padding)));
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    writeFailure.set(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            stream.setSoTimeout(250);
            InputStream in = stream.getInputStream();
            byte[] buffer = new byte[8192];
            long results = 0;
            long until = System.nanoTime() + BODY.multipliedBy(4).toNanos();
            while (System.nanoTime() < until) {
                try {
                    int n = in.read(buffer);
                    assertThat(n).as("the gateway closed the stream").isNotNegative();
                    results += new String(buffer, 0, Math.max(n, 0), StandardCharsets.UTF_8).split("\"index\"", -1).length - 1;
                } catch (SocketTimeoutException quiet) {
                    // No result this quarter second: the write limit holds them back.
                } catch (IOException reset) {
                    throw new AssertionError("the gateway cut the stream it was slow to read", reset);
                }
            }
            assertThat(writeFailure.get()).as("the client's writes failed").isNull();
            assertThat(sent.get()).as("lines sent, more than the %s applied: the client was held back", results)
                    .isGreaterThan((int) results + 1000);
            writer.interrupt();
        }
    }

    private static String createUser(String userName) {
        return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"" + userName.hashCode() + "\",\"data\":{\"userName\":\""
                + userName + "\"}}";
    }

    /**
     * At the limit, a new connection waits to be accepted, and is served once another closes; an
     * unbounded gateway would serve it at once.
     */
    @Test
    void atTheConnectionLimitANewConnectionWaitsUntilOneCloses() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS; i++) {
                held.add(new Socket("localhost", gateway.port()));
            }
            // Connected is not yet accepted: let the gateway take them all before one more comes.
            Thread.sleep(1000);
            try (Socket waiting = new Socket("localhost", gateway.port())) {
                waiting.getOutputStream().write(HEALTH.getBytes(StandardCharsets.US_ASCII));
                waiting.setSoTimeout(1500);
                InputStream in = new BufferedInputStream(waiting.getInputStream());
                assertThat(answeredWithin(in)).as("answered while %s connections were open", MAX_CONNECTIONS).isFalse();
                for (Socket socket : held.subList(0, MAX_CONNECTIONS / 2)) {
                    socket.close();
                }
                waiting.setSoTimeout((int) SLACK.toMillis());
                assertThat(RawHttp.read(in).status()).isEqualTo(200);
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private static boolean answeredWithin(InputStream in) throws IOException {
        try {
            in.mark(1);
            boolean answered = in.read() >= 0;
            in.reset();
            return answered;
        } catch (SocketTimeoutException notYet) {
            return false;
        }
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
