package dev.scimgateway.tenancy;

import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import dev.scimgateway.background.PeriodicTask;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

/**
 * Authenticates tenant tokens from memory. Every replica keeps the state of every token and polls
 * the database for changes, so a revocation made on any replica takes effect everywhere within
 * one refresh interval, and no request waits on the database to be authenticated.
 */
public final class TokenRegistry implements BearerAuthenticator, SmartLifecycle {

    /** Rows written just before a poll may commit just after it; re-reading a window catches them. */
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(10);

    private final TokenCodec codec;
    private final Clock clock;
    private final TenantStore store;
    private final LastUseTracker lastUse;
    private final Map<UUID, TokenState> tokens = new ConcurrentHashMap<>();
    /** Every known token's id by the hash of its text (a ByteBuffer compares its contents). */
    private final Map<ByteBuffer, UUID> idsByHash = new ConcurrentHashMap<>();
    private volatile Instant watermark = Instant.EPOCH;
    private final PeriodicTask polling;
    private volatile boolean running;

    public TokenRegistry(TokenCodec codec, TenantStore store, LastUseTracker lastUse, Duration refreshInterval,
            Clock clock) {
        this.codec = codec;
        this.clock = clock;
        this.store = store;
        this.lastUse = lastUse;
        this.polling = new PeriodicTask("Reloading token changes", refreshInterval, Duration.ofSeconds(10), this::refresh);
    }

    /**
     * Emits the principal; an empty Mono when the token is not one of this gateway's live tokens; a
     * 401 that says so when it expired, and a 403 when its scopes do not allow {@code use}. A token this
     * replica knows is recognised by the SHA-256 of its text alone (the hash the database keeps):
     * parsing and verifying the JWT is for tokens made elsewhere since the last refresh. A token
     * refused as expired or for its scopes still proves its caller, who is handed to {@code refused} first.
     */
    @Override
    public Mono<TenantPrincipal> authenticate(String token, TokenScopes.Use use, Consumer<TenantPrincipal> refused) {
        byte[] hash = TokenCodec.hash(token);
        UUID known = idsByHash.get(ByteBuffer.wrap(hash));
        Mono<TokenState> state = known != null ? Mono.justOrEmpty(tokens.get(known))
                : Mono.justOrEmpty(codec.verify(token)).flatMap(principal -> stateOf(principal.tokenId())
                        .filter(found -> found.tenantId().equals(principal.tenantId())
                                && MessageDigest.isEqual(found.tokenHash(), hash)));
        return admitted(state, use, refused);
    }

    /**
     * The same checks for a credential that names its token row by id, having proven it by other
     * means: an OAuth access token names its grant, whose row is a token of the tenant without a
     * secret of its own. Empty when the tenant has no such token.
     */
    public Mono<TenantPrincipal> authenticateById(UUID tokenId, String tenantId, TokenScopes.Use use,
            Consumer<TenantPrincipal> refused) {
        return admitted(stateOf(tokenId).filter(found -> found.tenantId().equals(tenantId)), use, refused);
    }

    /** Whether the token row, if any, is active now: not revoked and not expired. */
    public Mono<Boolean> isActive(UUID tokenId, String tenantId) {
        Instant now = clock.instant();
        return stateOf(tokenId).map(found -> found.tenantId().equals(tenantId) && !found.revoked()
                && (found.expiresAt() == null || now.isBefore(found.expiresAt()))).defaultIfEmpty(false);
    }

    private Mono<TenantPrincipal> admitted(Mono<TokenState> state, TokenScopes.Use use, Consumer<TenantPrincipal> refused) {
        return state.filter(found -> !found.revoked()).flatMap(found -> {
            Instant expiresAt = found.expiresAt();
            boolean expired = expiresAt != null && !clock.instant().isBefore(expiresAt);
            TenantPrincipal caller = new TenantPrincipal(found.tenantId(), found.id(), found.name());
            String refusal = TokenScopes.refusal(found.scopes(), use);
            if (expired || refusal != null) {
                refused.accept(caller);
            }
            if (expired) {
                return Mono.error(ScimException.unauthorized("The token expired at " + expiresAt
                        + "; create a new one in the console or the admin API"));
            }
            if (refusal != null) {
                return Mono.error(ScimException.forbidden(refusal));
            }
            return lastUse.record(found.id()).thenReturn(caller);
        });
    }

    private Mono<TokenState> stateOf(UUID tokenId) {
        TokenState known = tokens.get(tokenId);
        // A token created on another replica in the last refresh interval is not here yet.
        return known != null ? Mono.just(known) : store.findToken(tokenId).doOnNext(this::remember);
    }

    /** Called for changes made on this replica, so they apply here at once. */
    public void remember(TokenState state) {
        tokens.merge(state.id(), state, (old, fresh) -> fresh.changedAt().isBefore(old.changedAt()) ? old : fresh);
        // A revocation made here carries no hash; the old entry then leads to the revoked state.
        if (state.tokenHash().length > 0) {
            idsByHash.put(ByteBuffer.wrap(state.tokenHash()), state.id());
        }
        if (state.changedAt().isAfter(watermark)) {
            watermark = state.changedAt();
        }
    }

    Mono<Void> refresh() {
        return store.tokensChangedSince(watermark.minus(POLL_OVERLAP)).doOnNext(this::remember).then();
    }

    @Override
    public void start() {
        // Start-up, not a request path: waiting here keeps the first requests from missing.
        refresh().block(Duration.ofSeconds(30));
        polling.start();
        running = true;
    }

    @Override
    public void stop() {
        polling.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
