package dev.scimgateway.tenancy;

import dev.scimgateway.edge.TenantPrincipal;
import dev.scimgateway.scim.protocol.ScimException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import com.github.benmanes.caffeine.cache.Cache;
import dev.scimgateway.background.PeriodicTask;
import dev.scimgateway.background.Polled;
import dev.scimgateway.memory.PerTenant;
import reactor.core.publisher.Mono;

/**
 * Authenticates tenant tokens from memory. Every replica keeps the state of the tokens in use and
 * polls the database for changes, so a revocation made on any replica takes effect everywhere
 * within one refresh interval, and no request waits on the database to be authenticated.
 *
 * <p>The memory is bounded (issue 17: 10,000 tenants): at most {@code maximumTokens} states, and
 * none left unused for {@link #IDLE}. A token no longer here is what a token made on another
 * replica is: its JWT is verified and its row read, so losing an entry costs a read, never a
 * wrong answer. What must not happen is a read that began before a revocation storing the older,
 * active state after the revocation's entry was dropped: a change applied while a read is on its
 * way keeps that read's state out of memory (see {@link #changes}).
 */
public final class TokenRegistry implements BearerAuthenticator, Polled {

    /** A few tokens per tenant for 10,000 tenants; beyond that the least used are read again when they return. */
    public static final int DEFAULT_MAXIMUM_TOKENS = 5 * PerTenant.DEFAULT_MAXIMUM_SIZE;
    /** A connector that syncs once a day keeps its token in memory between its runs. */
    static final Duration IDLE = Duration.ofHours(25);

    /** Rows written just before a poll may commit just after it; re-reading a window catches them. */
    private static final Duration POLL_OVERLAP = Duration.ofSeconds(10);

    private final TokenCodec codec;
    private final Clock clock;
    private final TenantStore store;
    private final LastUseTracker lastUse;
    private final Cache<UUID, TokenState> tokens;
    /** Known tokens' ids by the hash of their text (a ByteBuffer compares its contents); a hash names one id forever. */
    private final Cache<ByteBuffer, UUID> idsByHash;
    /**
     * Changes applied, counted in stripes by token id. A state read from the database on a miss is
     * kept only if no change of its stripe was applied while the read was on its way: that change
     * may be newer than what the read saw, and its own entry may already be gone.
     */
    private final AtomicLongArray changes = new AtomicLongArray(64);
    private volatile Instant watermark = Instant.EPOCH;
    private final PeriodicTask polling;

    public TokenRegistry(TokenCodec codec, TenantStore store, LastUseTracker lastUse, Duration refreshInterval,
            Clock clock) {
        this(codec, store, lastUse, refreshInterval, clock, DEFAULT_MAXIMUM_TOKENS);
    }

    public TokenRegistry(TokenCodec codec, TenantStore store, LastUseTracker lastUse, Duration refreshInterval,
            Clock clock, int maximumTokens) {
        this.tokens = PerTenant.cache(maximumTokens, IDLE);
        this.idsByHash = PerTenant.cache(maximumTokens, IDLE);
        this.codec = codec;
        this.clock = clock;
        this.store = store;
        this.lastUse = lastUse;
        this.polling = PeriodicTask.loadedAtStart("Reloading token changes", refreshInterval, Duration.ofSeconds(10), this::refresh);
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
        UUID known = idsByHash.getIfPresent(ByteBuffer.wrap(hash));
        // The hash may outlive its token's state in memory: the state is then read again.
        Mono<TokenState> state = known != null ? stateOf(known)
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
        TokenState known = tokens.getIfPresent(tokenId);
        if (known != null) {
            return Mono.just(known);
        }
        // A token created on another replica in the last refresh interval is not here yet, or one
        // unused for long is here no more.
        int stripe = stripe(tokenId);
        long before = changes.get(stripe);
        return store.findToken(tokenId).doOnNext(found -> {
            if (changes.get(stripe) == before) {
                keep(found);
            }
        });
    }

    /** Called for changes made on this replica, so they apply here at once, and for every change polled. */
    public void remember(TokenState state) {
        changes.incrementAndGet(stripe(state.id()));
        keep(state);
    }

    /** The number of token states this replica keeps. */
    public long tokensInMemory() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    private static int stripe(UUID tokenId) {
        return tokenId.hashCode() & 63;
    }

    private void keep(TokenState state) {
        tokens.asMap().merge(state.id(), state, (old, fresh) -> fresh.changedAt().isBefore(old.changedAt()) ? old : fresh);
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
    public PeriodicTask polling() {
        return polling;
    }
}
