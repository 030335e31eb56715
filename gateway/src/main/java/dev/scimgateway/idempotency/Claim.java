package dev.scimgateway.idempotency;

import dev.scimgateway.scim.web.StoredResponse;
import java.util.UUID;

/** What claiming an Idempotency-Key found. */
public sealed interface Claim {

    /** The key is this request's now: run it and store its response. */
    record Acquired() implements Claim {}

    /** The same request already completed: answer with its response. */
    record Replay(StoredResponse response) implements Claim {}

    /**
     * An earlier run of the same request created this resource and committed, but its answer was
     * never stored (its gateway died, or storing failed): answer from the resource, never run again.
     */
    record Committed(UUID resource) implements Claim {}

    /** The same key is still being processed by an earlier request. */
    record InFlight() implements Claim {}

    /** The key was used for a different request. */
    record Mismatch() implements Claim {}
}
