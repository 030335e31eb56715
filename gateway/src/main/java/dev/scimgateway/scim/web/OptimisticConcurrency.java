package dev.scimgateway.scim.web;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.ScimException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Read-modify-write without lost updates: a write carries the version it read and fails with 412
 * when another writer got there first. A client that sent If-Match gets that 412; for one that
 * did not, the whole read-modify-write is simply run again on the newer version.
 */
public final class OptimisticConcurrency {

    private static final int MAX_ATTEMPTS = 5;

    private OptimisticConcurrency() {}

    /** The current record, or 412 when the client demanded another version. */
    public static Mono<ResourceRecord> requireVersion(ResourceRecord current, @Nullable Long expectedVersion, String kind) {
        if (expectedVersion != null && expectedVersion != current.version()) {
            return Mono.error(ScimException.preconditionFailed("The " + kind + " has changed (its version is now "
                    + current.etag() + "); read it again and retry"));
        }
        return Mono.just(current);
    }

    /** Re-subscribes the whole read-modify-write when it lost a race and the client gave no If-Match. */
    public static <T> Mono<T> retryLostRaces(Mono<T> readModifyWrite, @Nullable Long expectedVersion) {
        return readModifyWrite.retryWhen(Retry.max(expectedVersion == null ? MAX_ATTEMPTS - 1 : 0)
                .filter(OptimisticConcurrency::lostRace)
                .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    private static boolean lostRace(Throwable failure) {
        return failure instanceof ScimException scim && scim.status() == 412;
    }
}
