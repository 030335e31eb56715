package dev.scimgateway.events;

import java.time.Instant;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Where the activity log lives. Changes are written by the store of the change itself, not here. */
public interface ActivityLog {

    /** Writes refusals of any tenants in one statement. */
    Mono<Void> appendRefusals(List<Refusal> refusals);

    /** The rows the query asks for, newest first, at most {@code query.count()}. */
    Flux<ActivityEntry> newestFirst(ActivityQuery query);

    /**
     * The tenant's activity since {@code since}, counted per hour (hours without a row are left
     * out), oldest first. It reads the tenant's rows of that window, so callers cache it.
     */
    Flux<HourlyActivity> hourly(String tenantId, Instant since);

    /**
     * Deletes, of the {@code batch} oldest rows, those written before {@code cutoff}, and answers how
     * many it deleted: fewer than {@code batch} once the rows left are younger.
     */
    Mono<Long> deleteOldest(Instant cutoff, int batch);
}
