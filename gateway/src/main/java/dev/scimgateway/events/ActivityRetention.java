package dev.scimgateway.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Deletes activity older than the retention, in batches of {@code batch} rows: each batch is a
 * short statement that finds its rows by their time, so that the cleanup never holds locks or fills
 * the WAL the way one DELETE of a month of rows would, and the writes of the change log go on
 * beside it. Replicas may run it at once: a batch skips the rows another one has locked.
 */
public final class ActivityRetention {

    /** Batches in one run at most; what is left waits for the next run rather than stretching this one. */
    static final int MAX_BATCHES_PER_RUN = 1000;

    private final ActivityLog log;
    private final Duration retention;
    private final int batch;
    private final Clock clock;

    public ActivityRetention(ActivityLog log, Duration retention, int batch, Clock clock) {
        this.log = log;
        this.retention = retention;
        this.batch = batch;
        this.clock = clock;
    }

    /** Deletes what has expired, batch by batch, and answers how many rows went. */
    public Mono<Long> deleteExpired() {
        Instant cutoff = clock.instant().minus(retention);
        return log.deleteOldest(cutoff, batch)
                .expand(deleted -> deleted < batch ? Mono.empty() : log.deleteOldest(cutoff, batch))
                .take(MAX_BATCHES_PER_RUN)
                .reduce(0L, Long::sum);
    }
}
