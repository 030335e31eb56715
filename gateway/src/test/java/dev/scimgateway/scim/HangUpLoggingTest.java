package dev.scimgateway.scim;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.support.GatewayTest;
import dev.scimgateway.support.RawHttp;
import dev.scimgateway.support.ScimClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A client that hangs up mid-request, or sends a malformed chunk after its request was answered,
 * is routine on the internet and says nothing about the gateway: it is logged at debug, never as
 * an error with a stack trace that would flood the log and page someone, and it is not a server
 * error. Each case goes over a raw socket, and the log is read from a logback appender.
 */
class HangUpLoggingTest extends GatewayTest {

    private static final Logger ROOT = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private static final Logger ERRORS = (Logger) LoggerFactory.getLogger(ScimErrorHandler.class);

    @LocalServerPort
    private int port;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private Level errorsLevel;

    @BeforeEach
    void captureTheLog() {
        log.start();
        ROOT.addAppender(log);
        errorsLevel = ERRORS.getLevel();
        ERRORS.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseTheLog() {
        ERRORS.setLevel(errorsLevel);
        ROOT.detachAppender(log);
        log.stop();
    }

    @Test
    void aClientThatHangsUpMidBodyIsLoggedAtDebug() throws Exception {
        ScimClient c = newScimClient("hang-up");
        String bearer = "Authorization: Bearer " + c.token() + "\r\n";
        String user = "{\"userName\":\"hung-up@example.com\",";
        List<String> requests = List.of(
                "POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n" + bearer
                        + "Content-Type: application/scim+json\r\nContent-Length: 1000\r\n\r\n" + user,
                "POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n" + bearer
                        + "Content-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + Integer.toHexString(user.length()) + "\r\n" + user + "\r\n",
                "POST /scim/v2/Bulk HTTP/1.1\r\nHost: localhost\r\n" + bearer
                        + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n{\"method\":\"POST\"\r\n",
                "POST /scim/v2/Bulk HTTP/1.1\r\nHost: localhost\r\n" + bearer
                        + "Content-Type: application/scim+json\r\nContent-Length: 1000\r\n\r\n{\"schemas\":",
                "POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"id\":");
        c.get("/Users").expectStatus().isOk();
        double serverErrors = serverErrors();
        for (String request : requests) {
            hangUp(request, false);
            hangUp(request, true);
        }
        // Most hang-ups come while the body is being read; one that comes sooner may end the request otherwise.
        awaitDebug(event -> event.getFormattedMessage().contains("went away"), requests.size());
        assertNoErrorsOrStackTraces();
        // Nor are they server errors, for the error-ratio alert or for the breaker, which would shed everyone.
        assertThat(serverErrors()).as("SCIM requests counted as server errors").isEqualTo(serverErrors);
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    private double serverErrors() {
        String scrape = management().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        return scrape.lines().filter(line -> line.startsWith("scim_requests_seconds_count{")
                        && line.contains("outcome=\"server_error\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    /** Sends the head and part of the body, waits until the gateway is reading it, and hangs up. */
    private void hangUp(String request, boolean reset) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            if (reset) {
                socket.setSoLinger(true, 0);
            }
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            Thread.sleep(500);
        }
    }

    @Test
    void aMalformedChunkAfterTheAnswerIsLoggedWithoutAnError() throws Exception {
        ScimClient c = newScimClient("bad-chunk");
        String bearer = "Authorization: Bearer " + c.token() + "\r\n";
        // The body so far cannot be parsed before it is complete: the bad chunk ends it.
        RawHttp.Response refused = badChunkAfter("POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n" + bearer
                + "Content-Type: application/scim+json\r\nTransfer-Encoding: chunked\r\n\r\n", "{\"userName\": ");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.header("Content-Type")).startsWith("application/scim+json");
        assertThat(refused.body()).contains("\"status\":\"400\"").contains("not valid HTTP/1.1");
        awaitDebug(event -> event.getFormattedMessage().startsWith("POST /scim/v2/Users:"), 1);

        // Answered first (401, a stream's results, 415), and then the bad chunk.
        assertThat(badChunkAfter("POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/scim+json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n", "{\"userName\":").status()).isEqualTo(401);
        assertThat(badChunkAfter("POST /scim/v2/Bulk HTTP/1.1\r\nHost: localhost\r\n" + bearer
                + "Content-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n", "not json\n").status())
                .isEqualTo(200);
        assertThat(badChunkAfter("POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\n" + bearer
                + "Content-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n", "{\"userName\":").status())
                .isEqualTo(415);
        Thread.sleep(500);
        assertNoErrorsOrStackTraces();
        c.get("/Users").expectStatus().isOk().expectBody().jsonPath("$.totalResults").isEqualTo(0);
    }

    /** Sends a head and one good chunk, then a chunk whose size is not hexadecimal; the first response. */
    private RawHttp.Response badChunkAfter(String head, String firstChunk) throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + Integer.toHexString(firstChunk.length()) + "\r\n" + firstChunk + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Thread.sleep(300);
            out.write("zz\r\nnonsense\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return RawHttp.read(new BufferedInputStream(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("no answer", e);
        }
    }

    private void awaitDebug(Predicate<ILoggingEvent> wanted, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (debugEvents(wanted) < count && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(debugEvents(wanted)).as("debug lines of ScimErrorHandler; the log: %s", events()).isGreaterThanOrEqualTo(count);
    }

    private long debugEvents(Predicate<ILoggingEvent> wanted) {
        return events().stream().filter(e -> e.getLevel() == Level.DEBUG && e.getLoggerName().equals(ERRORS.getName()))
                .filter(wanted).count();
    }

    /**
     * Netty's leak detector reports a buffer when the garbage collector finds it, whichever earlier
     * test of this JVM dropped it, so its lines say nothing of the requests sent here.
     */
    private void assertNoErrorsOrStackTraces() {
        assertThat(events()).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                        || e.getLevel().isGreaterOrEqual(Level.WARN) && e.getThrowableProxy() != null)
                .filteredOn(e -> !e.getLoggerName().equals("io.netty.util.ResourceLeakDetector"))
                .as("errors and stack traces").isEmpty();
    }

    private List<ILoggingEvent> events() {
        synchronized (log) {
            return List.copyOf(log.list);
        }
    }
}
