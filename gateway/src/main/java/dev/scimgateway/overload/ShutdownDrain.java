package dev.scimgateway.overload;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.scim.web.ScimMediaTypes;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;
import reactor.netty.http.server.HttpServerState;

/**
 * The first step of a graceful stop, before the web server's own. That one closes the listening
 * socket at once: the kernel resets every connection still waiting to be accepted, and the server
 * closes every accepted one whose request it has not read yet, so requests that clients sent before
 * the stop began would be lost without an answer. So the socket stays open a while longer, and
 * every request read meanwhile is answered 503 with Retry-After and {@code Connection: close}, to
 * be retried on another replica, while those already being served go on. The window ends once
 * every accepted connection has delivered its request and none has arrived for a quiet period,
 * which on a replica that no longer gets traffic is that quiet period; traffic that keeps coming
 * holds it open up to a limit. Then the web server's graceful shutdown waits for the requests in
 * hand. Health probes are answered as usual, so the orchestrator sees a live replica that is not
 * ready.
 */
public final class ShutdownDrain implements SmartLifecycle, NettyRouteProvider {

    private static final Logger log = LoggerFactory.getLogger(ShutdownDrain.class);
    /** A request body still arriving after this is not waited for: the 503 is what matters. */
    private static final Duration BODY_WAIT = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(20);
    /** The kubelet's probes on the service port: liveness stays up, readiness reports the stop. */
    private static final Set<String> PROBES = Set.of("/livez", "/readyz");

    private final Duration quiet;
    private final Duration limit;
    private final byte[] refusal;
    /** Accepted connections that have not yet delivered a request: closing one would drop what it carries. */
    private final Set<Channel> unread = ConcurrentHashMap.newKeySet();
    private volatile long lastArrival = System.nanoTime();
    private volatile boolean draining;
    private volatile boolean running;

    /**
     * @param quiet how long no connection or request must have arrived before the socket closes
     * @param limit the longest the window lasts, whatever keeps arriving
     */
    public ShutdownDrain(Duration quiet, Duration limit, ScimErrorHandler errors) {
        this.quiet = quiet;
        this.limit = limit;
        this.refusal = errors.bytes(ScimException.unavailable(
                "This gateway is shutting down; retry the request, another replica will take it"));
    }

    /** Lets this drain see connections arrive and deliver their requests. */
    public HttpServer watch(HttpServer server) {
        return server
                .doOnChannelInit((observer, channel, remote) -> arrived(channel))
                .observe((connection, state) -> {
                    if (state == HttpServerState.REQUEST_RECEIVED || state == HttpServerState.REQUEST_DECODING_FAILED) {
                        lastArrival = System.nanoTime();
                        unread.remove(connection.channel());
                    }
                });
    }

    private void arrived(Channel channel) {
        lastArrival = System.nanoTime();
        unread.add(channel);
        channel.closeFuture().addListener(closed -> unread.remove(channel));
    }

    @Override
    public HttpServerRoutes apply(HttpServerRoutes routes) {
        return routes.route(request -> draining && !PROBES.contains(request.fullPath()), this::refuse);
    }

    private Publisher<Void> refuse(HttpServerRequest request, HttpServerResponse response) {
        // Closing with part of the body unread would make the kernel reset the connection, which can
        // destroy the answer before the client reads it.
        return request.receive().then().timeout(BODY_WAIT).onErrorComplete()
                .then(Mono.defer(() -> Mono.from(response.status(503)
                        .header(HttpHeaders.CONTENT_TYPE, ScimMediaTypes.SCIM_JSON.toString())
                        .header(HttpHeaders.CONTENT_LENGTH, Integer.toString(refusal.length))
                        .header(HttpHeaders.RETRY_AFTER, "1")
                        .header(HttpHeaders.CONNECTION, "close")
                        .sendByteArray(Mono.just(refusal)))));
    }

    @Override
    public void start() {
        draining = false;
        running = true;
    }

    @Override
    public void stop(Runnable callback) {
        lastArrival = System.nanoTime();
        draining = true;
        log.info("Shutting down: new requests are answered 503 until none has come for {} ms (at most {} s);"
                + " then the server stops accepting and lets the requests in hand finish", quiet.toMillis(),
                limit.toSeconds());
        Flux.interval(POLL, POLL)
                .filter(tick -> unread.isEmpty() && System.nanoTime() - lastArrival >= quiet.toNanos())
                .next()
                .then()
                .timeout(limit, Mono.fromRunnable(() -> log.warn("Requests kept arriving for {} s after the"
                        + " shutdown began; the server stops accepting now", limit.toSeconds())))
                .doFinally(signal -> {
                    running = false;
                    callback.run();
                })
                .subscribe();
    }

    @Override
    public void stop() {
        draining = true;
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the web server's graceful shutdown, which must find the window over. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE + 1;
    }
}
