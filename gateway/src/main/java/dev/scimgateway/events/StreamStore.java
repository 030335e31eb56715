package dev.scimgateway.events;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The event streams of each tenant. Every method names the tenant: a stream is found only with
 * the tenant it belongs to, so no tenant ever reaches another's.
 */
public interface StreamStore {

    /** Stores a new stream, positioned at the tenant's newest change: it carries what happens from now on. */
    Mono<EventStream> create(EventStream stream);

    Flux<EventStream> list(String tenantId);

    /** Empty when the tenant has no such stream. */
    Mono<EventStream> find(String tenantId, UUID id);

    /** Writes what the receiver configures (events, delivery, description); empty when there is no such stream. */
    Mono<EventStream> configure(EventStream stream);

    Mono<EventStream> status(String tenantId, UUID id, EventStream.Status status, @org.jspecify.annotations.Nullable String reason);

    /** Emits false when there was no such stream. */
    Mono<Boolean> delete(String tenantId, UUID id);

    /**
     * Records the acknowledgement of the changes {@code seqs}: those that are changes of the tenant
     * which the stream delivers ({@code actions}) and above its position; the others are ignored.
     * The position then moves up to just below the first change it delivers that is still
     * unacknowledged. Concurrent acknowledgements of one stream take turns. Empty when there is no
     * such stream.
     */
    Mono<EventStream> acknowledge(String tenantId, UUID id, Collection<Long> seqs, List<String> actions);

    /**
     * The enabled push streams of every tenant that are due (not waiting out a backoff) and not
     * being delivered by another replica, each claimed for {@code replica} for {@code lease}: one
     * replica at a time pushes a stream, so its SETs arrive in order.
     */
    Flux<EventStream> claimPushStreams(UUID replica, java.time.Duration lease);

    /**
     * Counts a failed push and sets when to try again: {@code backoff} after the first failure in a
     * row, doubled with each further one, at most {@code maxBackoff}; the {@code pauseAfter}-th
     * failure in a row pauses the stream with {@code reason}. Emits the stream as it is now.
     */
    Mono<EventStream> pushFailed(String tenantId, UUID id, java.time.Duration backoff, java.time.Duration maxBackoff,
            int pauseAfter, String reason);

    /** Every stream's lag, every tenant's: for the feed's metrics. */
    Flux<FeedLag> lags();

    /** Ends a run of failures, if there was one. */
    Mono<Void> pushSucceeded(String tenantId, UUID id);
}
