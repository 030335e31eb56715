package dev.scimgateway.events;

import java.util.Collection;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads a tenant's changes in their sequence, for the streams of the change feed. */
public interface ChangeFeed {

    /**
     * The tenant's changes above {@code position} and below {@code below} whose action is one of {@code actions}, except
     * those in {@code skip} (acknowledged out of order), in sequence order, at most {@code limit}.
     * A tenant's changes become visible in sequence order, so what this returns has no gap that a
     * later read could fill.
     */
    Flux<Change> pending(String tenantId, long position, long below, Collection<Long> skip, List<String> actions, int limit);

    /** The sequence number of the tenant's newest change; 0 when it has none. */
    Mono<Long> newest(String tenantId);
}
