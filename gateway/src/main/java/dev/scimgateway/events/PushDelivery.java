package dev.scimgateway.events;

import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.background.Polled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * RFC 8935 push delivery, behind the log: never in a SCIM request, so a slow or failing receiver
 * never slows provisioning. Every interval each replica claims the push streams that are due and
 * not held by another replica, and POSTs each stream's pending SETs to its receiver one at a time,
 * in sequence order; a SET the receiver accepted (202) is acknowledged, so it is not sent again.
 * A failure stops the stream's round: the same SET is tried again after a backoff that doubles
 * with each failure in a row, and a configured run of failures pauses the stream with the reason
 * at its status endpoint. Delivery is at least once: a replica that dies between a receiver's
 * acceptance and the acknowledgement sends that SET again.
 */
public final class PushDelivery implements Polled {

    private static final Logger log = LoggerFactory.getLogger(PushDelivery.class);
    public static final MediaType SECEVENT_JWT = MediaType.parseMediaType("application/secevent+jwt");
    /** Streams pushed at once per replica: each holds one request to its receiver at a time. */
    private static final int CONCURRENT_STREAMS = 8;

    /**
     * @param interval how often due streams are looked for
     * @param backoff the wait after a first failure, doubled with each further one up to {@code maxBackoff}
     * @param pauseAfter failures in a row that pause a stream
     * @param timeout longest wait for a receiver's answer
     * @param batch SETs one round pushes at most per stream
     */
    public record Settings(Duration interval, Duration backoff, Duration maxBackoff, int pauseAfter, Duration timeout,
            int batch) {

        /** A stream is held this long by the replica that claimed it; a round stops before half of it. */
        Duration lease() {
            return timeout.multipliedBy(4).plus(interval);
        }
    }

    private final StreamStore streams;
    private final ChangeFeed feed;
    private final SecurityEventTokens sets;
    private final WebClient http;
    private final Settings settings;
    private final FeedMetrics metrics;
    private final UUID replica = UUID.randomUUID();
    private final PeriodicTask task;

    public PushDelivery(StreamStore streams, ChangeFeed feed, SecurityEventTokens sets, WebClient http, Settings settings,
            FeedMetrics metrics) {
        this.metrics = metrics;
        this.streams = streams;
        this.feed = feed;
        this.sets = sets;
        this.http = http;
        this.settings = settings;
        this.task = new PeriodicTask("Pushing SETs", settings.interval(), settings.lease(), this::round);
    }

    /** One round: every due push stream, a few at a time. */
    Mono<Void> round() {
        return streams.claimPushStreams(replica, settings.lease()).flatMap(this::deliver, CONCURRENT_STREAMS).then();
    }

    private Mono<Void> deliver(EventStream stream) {
        long stopAt = System.nanoTime() + settings.lease().dividedBy(2).toNanos();
        List<String> actions = ScimEvents.actions(stream.eventsDelivered());
        List<Long> delivered = new ArrayList<>();
        return feed.pending(stream.tenantId(), stream.position(), Long.MAX_VALUE, stream.ackedAbove(), actions,
                        settings.batch())
                .concatMap(change -> System.nanoTime() > stopAt ? Mono.error(new LeaseSpent())
                        : sets.issue(stream, change).flatMap(set -> push(stream, set)).doOnSuccess(done -> delivered.add(change.seq())))
                .then(Mono.defer(() -> delivered.isEmpty() ? Mono.empty() : streams.pushSucceeded(stream.tenantId(), stream.id())))
                .onErrorResume(LeaseSpent.class, spent -> Mono.empty())
                .onErrorResume(PushFailure.class, failure -> failed(stream, failure))
                // The receiver's acceptances are recorded whatever came after them.
                .then(Mono.defer(() -> delivered.isEmpty() ? Mono.<Void>empty()
                        : streams.acknowledge(stream.tenantId(), stream.id(), delivered, actions).then()));
    }

    private Mono<Void> failed(EventStream stream, PushFailure failure) {
        String reason = "Push to the receiver failed " + settings.pauseAfter() + " times in a row; last: "
                + failure.getMessage() + ". Enable the stream to try again";
        return streams.pushFailed(stream.tenantId(), stream.id(), settings.backoff(), settings.maxBackoff(),
                settings.pauseAfter(), reason).doOnNext(after -> {
            metrics.pushFailed();
            if (after.status() == EventStream.Status.PAUSED) {
                metrics.streamPaused();
                log.warn("Push stream {} of tenant {} paused after {} failures in a row: {}", stream.streamId(),
                        stream.tenantId(), settings.pauseAfter(), failure.getMessage());
            } else {
                log.info("Push to stream {} of tenant {} failed, will retry: {}", stream.streamId(), stream.tenantId(),
                        failure.getMessage());
            }
        }).then();
    }

    /**
     * RFC 8935 §2: 202 means accepted. A 400 is the receiver refusing this SET ({@code err} in the
     * body): sending it again cannot succeed, so it counts as delivered and is logged. Anything
     * else, a timeout or a connection that fails, is a failure to retry. The Authorization header is
     * the receiver's secret: it goes in the request and nowhere else.
     */
    private Mono<Boolean> push(EventStream stream, SecurityEventTokens.Issued set) {
        String endpoint = stream.delivery().endpointUrl();
        String authorization = stream.delivery().authorizationHeader();
        return http.post().uri(java.net.URI.create(endpoint == null ? "" : endpoint))
                .contentType(SECEVENT_JWT)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (authorization != null) {
                        headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    }
                })
                .bodyValue(set.token())
                .exchangeToMono(response -> {
                    int status = response.statusCode().value();
                    if (status / 100 == 2) {
                        return response.releaseBody().thenReturn(true);
                    }
                    if (status == 400) {
                        return response.bodyToMono(String.class).defaultIfEmpty("").doOnNext(body -> log.info(
                                "Receiver of stream {} refused SET {} (400); not sent again: {}", stream.streamId(),
                                set.jti(), body.length() > 200 ? body.substring(0, 200) : body)).thenReturn(true);
                    }
                    return response.releaseBody().then(Mono.error(new PushFailure("HTTP " + status)));
                })
                .timeout(settings.timeout())
                .onErrorMap(error -> !(error instanceof PushFailure), error -> new PushFailure(describe(error)));
    }

    private static String describe(Throwable error) {
        return error instanceof java.util.concurrent.TimeoutException ? "no answer in time"
                : error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    /** A push the receiver did not accept. */
    static final class PushFailure extends RuntimeException {
        PushFailure(String message) {
            super(message, null, false, false);
        }
    }

    /** The round has used its share of the claim; the rest waits for the next round. */
    static final class LeaseSpent extends RuntimeException {
        LeaseSpent() {
            super(null, null, false, false);
        }
    }

    @Override
    public PeriodicTask polling() {
        return task;
    }
}
