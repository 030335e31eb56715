package dev.scimgateway.console;

import dev.scimgateway.tenancy.AdminPrincipal;
import java.time.Instant;
import reactor.core.publisher.Mono;

/** Where console sessions are kept, by the hash of their cookie; shared by every replica. */
public interface ConsoleSessionStore {

    /**
     * Keeps a new session started {@code now}, with who signed in ({@code principal.name()}), and
     * forgets sessions last seen before {@code forgetSeenBefore}. A tenant's session without an
     * admin key came through single sign-on.
     */
    Mono<Void> start(byte[] idHash, AdminPrincipal principal, Instant now, Instant forgetSeenBefore);

    /**
     * Who a session belongs to, and marks it seen {@code now}; empty when it ended, started before
     * {@code startedAfter}, was last seen before {@code seenAfter}, its admin key was revoked, or (a
     * single sign-on) its tenant's single sign-on was removed.
     */
    Mono<AdminPrincipal> resume(byte[] idHash, Instant now, Instant startedAfter, Instant seenAfter);

    Mono<Void> end(byte[] idHash);
}
