package dev.scimgateway.bulk;

import reactor.core.publisher.Mono;

/**
 * What each bulk operation waits for before it runs: the tenant's write budget, one token per
 * operation. A whole BulkRequest or stream is admitted at once, so without it one request would
 * write past the tenant's limit.
 */
@FunctionalInterface
public interface OperationPace {


    /** Completes when the tenant may run one more operation; waits rather than fails. */
    Mono<Void> admit(String tenantId);
}
