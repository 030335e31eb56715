package dev.scimgateway.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import reactor.core.publisher.Mono;

/**
 * Deletes what the authorization server keeps only to recognise a replay: codes past their
 * expiry, rotated refresh tokens, and the refresh tokens of revoked grants. Without it both tables
 * grow by a row per sign-in and per refresh, forever.
 *
 * <p>A replayed code or rotated refresh token revokes its grant (RFC 9700 §4.14.2, RFC 6749 §4.1.2)
 * while its row is kept; after that the replay is refused as an unknown code or token, and only
 * the revocation of the grant is lost. So the rows are kept well past the windows in which a
 * stolen copy is likely to be tried: a day past a code's expiry, 30 days past a refresh token's use.
 */
public final class SpentGrantRetention {

    static final Duration EXPIRED_CODES_KEPT = Duration.ofDays(1);
    static final Duration SPENT_REFRESH_TOKENS_KEPT = Duration.ofDays(30);

    private final OAuthStore store;
    private final Clock clock;

    public SpentGrantRetention(OAuthStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Emits how many codes and refresh tokens went. */
    public Mono<Long> deleteSpent() {
        Instant now = clock.instant();
        return store.deleteExpiredCodes(now.minus(EXPIRED_CODES_KEPT))
                .zipWith(store.deleteSpentRefreshTokens(now.minus(SPENT_REFRESH_TOKENS_KEPT)), Long::sum);
    }
}
