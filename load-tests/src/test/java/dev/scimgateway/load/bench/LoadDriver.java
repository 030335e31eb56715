package dev.scimgateway.load.bench;

import io.netty.handler.codec.http.HttpMethod;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Drives one HTTP target in two ways.
 *
 * <p>Closed loop (a fixed number of requests in flight) finds the throughput. Open model (requests
 * start on a fixed schedule, whether or not earlier ones have answered) measures latency: each
 * latency runs from the request's scheduled start, so a stalled server is charged for the
 * requests that queued behind the stall (no coordinated omission).
 */
final class LoadDriver implements AutoCloseable {

    private static final int MAX_IN_FLIGHT = 4_000;

    private final ConnectionProvider connections = ConnectionProvider.builder("bench")
            .maxConnections(512).pendingAcquireMaxCount(-1).build();
    private final HttpClient client;

    LoadDriver(String baseUrl, String authorization) {
        this.client = HttpClient.create(connections).baseUrl(baseUrl)
                .headers(h -> {
                    h.set("Accept", "application/scim+json");
                    if (authorization != null) {
                        h.set("Authorization", authorization);
                    }
                });
    }

    Throughput closed(int concurrency, Duration duration, LongFunction<HttpCall> calls) {
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var firstError = new AtomicReference<String>();
        var counter = new AtomicLong();
        long start = System.nanoTime();
        Flux.range(0, Integer.MAX_VALUE)
                .flatMap(ignored -> send(calls.apply(counter.getAndIncrement()))
                        .doOnNext(outcome -> count(outcome, ok, failed, firstError)), concurrency)
                .take(duration)
                .blockLast(duration.plusSeconds(60));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Throughput(ok.get() / seconds, failed.get(), firstError.get());
    }

    OpenResult open(double ratePerSecond, Duration duration, LongFunction<HttpCall> calls) {
        long total = Math.max(1, Math.round(ratePerSecond * duration.toSeconds()));
        double intervalNanos = 1e9 / ratePerSecond;
        var latencies = new Latencies((int) total);
        var ok = new AtomicLong();
        var failed = new AtomicLong();
        var inFlight = new AtomicLong();
        var firstError = new AtomicReference<String>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + Math.round(i * intervalNanos);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                // The target is hopelessly behind; count the request as failed rather than queue without bound.
                failed.incrementAndGet();
                firstError.compareAndSet(null, "more than " + MAX_IN_FLIGHT + " requests in flight");
                continue;
            }
            inFlight.incrementAndGet();
            send(calls.apply(i)).subscribe(outcome -> {
                latencies.record(System.nanoTime() - scheduled);
                count(outcome, ok, failed, firstError);
                inFlight.decrementAndGet();
            });
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        return new OpenResult(ratePerSecond, latencies.percentiles(), failed.get() + inFlight.get(), firstError.get());
    }

    private Mono<Outcome> send(HttpCall call) {
        var request = client.headers(h -> {
                    if (call.body() != null) {
                        h.set("Content-Type", "application/scim+json");
                    }
                })
                .request(HttpMethod.valueOf(call.method()))
                .uri(call.pathAndQuery());
        var sent = call.body() == null ? request : request.send(ByteBufFlux.fromString(Mono.just(call.body())));
        return sent.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Outcome(response.status().code(), text)))
                .timeout(Duration.ofSeconds(60))
                .onErrorResume(e -> Mono.just(new Outcome(0, e.toString())));
    }

    private static void count(Outcome outcome, AtomicLong ok, AtomicLong failed, AtomicReference<String> firstError) {
        if (outcome.status() >= 200 && outcome.status() < 300) {
            ok.incrementAndGet();
        } else {
            failed.incrementAndGet();
            firstError.compareAndSet(null, outcome.status() + " " + abbreviate(outcome.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
    }

    private record Outcome(int status, String body) {}

    record Throughput(double perSecond, long errors, String firstError) {}

    record OpenResult(double rate, Latencies.Percentiles latency, long errors, String firstError) {}
}
