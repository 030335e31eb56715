package dev.scimgateway.console;

import dev.scimgateway.tenancy.AdminPrincipal;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Where console sessions are kept, by the hash of their cookie; shared by every replica. */
public interface ConsoleSessionStore {

    /** Keeps a new session started {@code now}, and forgets sessions last seen before {@code forgetSeenBefore}. */
    Mono<Void> start(byte[] idHash, AdminPrincipal principal, Instant now, Instant forgetSeenBefore);

    /**
     * Who a session belongs to, and marks it seen {@code now}; empty when it ended, started before
     * {@code startedAfter}, was last seen before {@code seenAfter}, or its admin key was revoked.
     */
    Mono<AdminPrincipal> resume(byte[] idHash, Instant now, Instant startedAfter, Instant seenAfter);

    Mono<Void> end(byte[] idHash);
}
