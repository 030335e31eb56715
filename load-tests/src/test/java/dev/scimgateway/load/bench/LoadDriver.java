package dev.scimgateway.load.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.function.LongFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Drives one HTTP target in two ways, plus NDJSON streams.
 *
 * <p>Closed loop (a fixed number of requests in flight) finds the throughput; when the phase ends
 * no request starts any more, but those in flight finish and count, so a /Bulk request of several
 * seconds is not thrown away half done. Open model (requests start on a fixed schedule, whether or
 * not earlier ones have answered) measures latency: each latency runs from the request's scheduled
 * start, so a stalled server is charged for the requests that queued behind the stall (no
 * coordinated omission). Every answer is tallied by status, with its latency.
 */
final class LoadDriver implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 4_000;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** For a /Bulk of many operations on a slow gateway: only a hang reaches it. */
    private static final Duration BULK_TIMEOUT = Duration.ofMinutes(10);
    /** How long a phase waits for the requests still in flight when it ends. */
    private static final Duration DRAIN = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        var tally = new Tally();
        var counter = new AtomicLong();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        Flux.range(0, Integer.MAX_VALUE)
                .takeWhile(ignored -> System.nanoTime() - end < 0)
                .flatMap(ignored -> {
                    long sent = System.nanoTime();
                    return send(calls.apply(counter.getAndIncrement()))
                            .doOnNext(outcome -> tally.record(outcome, System.nanoTime() - sent));
                }, concurrency)
                // What is still in flight a while after the phase (a hung request) is given up and counted as failed.
                .take(duration.plus(DRAIN))
                .blockLast();
        // Until the last success: a hung request must not stretch the phase by the drain.
        double seconds = (Math.max(end, tally.lastSuccessNanos()) - start) / 1e9;
        long unanswered = counter.get() - tally.count(status -> true);
        if (unanswered > 0) {
            tally.note("no answer within " + DRAIN.toSeconds() + " s after the phase");
        }
        return new Throughput(tally.ok() / seconds, tally, unanswered);
    }

    /** Requests {@code 0..count-1}, {@code concurrency} at a time: a pass over something, however long it takes. */
    Throughput pass(int concurrency, long count, LongFunction<HttpCall> calls) {
        var tally = new Tally();
        long start = System.nanoTime();
        Flux.range(0, Math.toIntExact(count))
                .flatMap(i -> {
                    long sent = System.nanoTime();
                    return send(calls.apply(i)).doOnNext(outcome -> tally.record(outcome, System.nanoTime() - sent));
                }, concurrency)
                .blockLast();
        return new Throughput(tally.ok() / ((System.nanoTime() - start) / 1e9), tally, count - tally.count(status -> true));
    }

    OpenResult open(double ratePerSecond, Duration duration, LongFunction<HttpCall> calls) {
        long total = Math.max(1, Math.round(ratePerSecond * duration.toSeconds()));
        double intervalNanos = 1e9 / ratePerSecond;
        var tally = new Tally();
        var inFlight = new AtomicLong();
        long notSent = 0;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + Math.round(i * intervalNanos);
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                // The target is hopelessly behind; count the request as failed rather than queue without bound.
                notSent++;
                tally.note("more than " + MAX_IN_FLIGHT + " requests in flight");
                continue;
            }
            inFlight.incrementAndGet();
            send(calls.apply(i)).subscribe(outcome -> {
                tally.record(outcome, System.nanoTime() - scheduled);
                inFlight.decrementAndGet();
            });
        }
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        // Until the last success: a hung request must not stretch the phase by the drain.
        double seconds = (Math.max(start + Math.round(total * intervalNanos), tally.lastSuccessNanos()) - start) / 1e9;
        return new OpenResult(ratePerSecond, seconds, tally, notSent, inFlight.get());
    }

    /**
     * One NDJSON {@code /Bulk} stream: the lines go out as fast as the gateway reads them, and every
     * result line that comes back is tallied by its operation's status (latency is not kept).
     */
    Mono<Void> stream(String path, Flux<String> lines, Tally tally) {
        var partial = new StringBuilder();
        return client.headers(h -> h.set("Content-Type", "application/x-ndjson").set("Accept", "application/x-ndjson"))
                .post()
                .uri(path)
                .send(ByteBufFlux.fromString(lines))
                .response((response, body) -> {
                    if (response.status().code() != 200) {
                        return body.aggregate().asString().defaultIfEmpty("")
                                .doOnNext(text -> tally.record(new Outcome(response.status().code(), text), 0));
                    }
                    return body.asString().doOnNext(chunk -> {
                        partial.append(chunk);
                        // One cut per chunk: deleting each line as it is read would move the rest every time.
                        int from = 0;
                        for (int newline = partial.indexOf("\n"); newline >= 0; newline = partial.indexOf("\n", from)) {
                            String line = partial.substring(from, newline);
                            from = newline + 1;
                            if (!line.isBlank()) {
                                JsonNode result = parse(line);
                                tally.record(new Outcome(result.path("status").asInt(0), line), 0);
                            }
                        }
                        partial.delete(0, from);
                    });
                })
                .onErrorResume(e -> {
                    tally.record(new Outcome(0, e.toString()), 0);
                    return Mono.empty();
                })
                .then();
    }

    private Mono<Outcome> send(HttpCall call) {
        var request = client.headers(h -> {
                    if (call.body() != null) {
                        h.set("Content-Type", "application/scim+json");
                    }
                    if (call.idempotencyKey() != null) {
                        h.set("Idempotency-Key", call.idempotencyKey());
                    }
                    if (call.authorization() != null) {
                        h.set("Authorization", call.authorization());
                    }
                })
                .request(HttpMethod.valueOf(call.method()))
                .uri(call.pathAndQuery());
        var sent = call.body() == null ? request : request.send(ByteBufFlux.fromString(Mono.just(call.body())));
        return sent.responseSingle((response, body) -> body.asString().defaultIfEmpty("")
                        .map(text -> new Outcome(response.status().code(), text)))
                .map(outcome -> call.operations() > 1 && success(outcome.status()) ? bulkOutcome(outcome, call.operations()) : outcome)
                .timeout(call.operations() > 1 ? BULK_TIMEOUT : REQUEST_TIMEOUT)
                .onErrorResume(e -> Mono.just(new Outcome(0, e.toString())));
    }

    /** A BulkResponse counts as a success only when it answers every operation, each with 2xx. */
    private static Outcome bulkOutcome(Outcome response, int operations) {
        JsonNode answered = parse(response.body()).path("Operations");
        if (answered.size() != operations) {
            return new Outcome(0, "answered " + answered.size() + " of " + operations + " operations");
        }
        for (JsonNode operation : answered) {
            int status = operation.path("status").asInt(0);
            if (!success(status)) {
                return new Outcome(status, operation.toString());
            }
        }
        return response;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("Not JSON: " + abbreviate(json), e);
        }
    }

    private static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(10));
    }

    private record Outcome(int status, String body) {}

    /** Answers by status (0: none came, e.g. a timeout or a reset connection), each with its latencies. */
    static final class Tally {

        private final Map<Integer, Latencies> byStatus = new ConcurrentHashMap<>();
        private final AtomicReference<String> firstError = new AtomicReference<>();
        private final Map<Integer, String> firstByStatus = new ConcurrentHashMap<>();
        private final AtomicLong lastSuccessNanos = new AtomicLong(Long.MIN_VALUE);

        /** Several phases' answers as one tally. */
        static Tally of(List<Tally> parts) {
            var all = new Tally();
            for (Tally part : parts) {
                part.byStatus.forEach((status, latencies) -> all.byStatus.merge(status, latencies,
                        (a, b) -> Latencies.of(List.of(a, b))));
                if (part.firstError() != null) {
                    all.note(part.firstError());
                }
            }
            return all;
        }

        private void record(Outcome outcome, long latencyNanos) {
            byStatus.computeIfAbsent(outcome.status(), status -> new Latencies()).record(latencyNanos);
            if (success(outcome.status())) {
                lastSuccessNanos.accumulateAndGet(System.nanoTime(), Math::max);
            } else {
                note(outcome.status() + " " + abbreviate(outcome.body()));
                firstByStatus.putIfAbsent(outcome.status(), abbreviate(outcome.body()));
            }
        }

        private void note(String error) {
            firstError.compareAndSet(null, error);
        }

        long count(IntPredicate status) {
            return byStatus.entrySet().stream().filter(e -> status.test(e.getKey())).mapToLong(e -> e.getValue().size()).sum();
        }

        Latencies.Percentiles latency(IntPredicate status) {
            return Latencies.of(byStatus.entrySet().stream().filter(e -> status.test(e.getKey())).map(Map.Entry::getValue)
                    .toList()).percentiles();
        }

        long ok() {
            return count(LoadDriver::success);
        }

        long lastSuccessNanos() {
            return lastSuccessNanos.get();
        }

        long failed() {
            return count(status -> !success(status));
        }

        String firstError() {
            return firstError.get();
        }

        /** How many answers each status got, and the first answer of each failing one. */
        String statuses() {
            var counts = new java.util.TreeMap<Integer, Integer>();
            byStatus.forEach((status, latencies) -> counts.put(status, latencies.size()));
            return counts + (firstByStatus.isEmpty() ? "" : "; first of each failure: " + new java.util.TreeMap<>(firstByStatus));
        }
    }

    /** Closed loop: successful requests per second; latency from each request's start, every answer. */
    record Throughput(double perSecond, Tally tally, long unanswered) {

        long errors() {
            return tally.failed() + unanswered;
        }

        String firstError() {
            return tally.firstError();
        }

        Latencies.Percentiles latency() {
            return tally.latency(status -> true);
        }
    }

    /**
     * Open model: latency from each request's scheduled start; {@code seconds} until the last
     * success; {@code notSent}: requests dropped because too many were in flight already.
     */
    record OpenResult(double rate, double seconds, Tally tally, long notSent, long unanswered) {

        long errors() {
            return tally.failed() + notSent + unanswered;
        }

        String firstError() {
            return tally.firstError();
        }

        Latencies.Percentiles latency() {
            return tally.latency(status -> true);
        }
    }
}
