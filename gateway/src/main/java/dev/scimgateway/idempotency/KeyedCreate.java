package dev.scimgateway.idempotency;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.web.StoredResponse;
import java.time.Duration;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The Idempotency-Key a create runs on, as the store finds it in the create's Reactor context.
 * Usually the key is not claimed yet: the statement that creates the resource claims it, so a
 * keyed create costs no statement more than a plain one, and the claim and the resource commit
 * together or not at all. When the key turns out to be taken, that statement fails with
 * {@link KeyHeld} and the run starts over the long way: claim first, then run on the claim,
 * which the create then marks with the new resource's id (see {@link Claim.Committed}).
 */
public final class KeyedCreate {

    /** What the create writes when it claims the key itself. */
    public record Unclaimed(byte[] fingerprint, Duration retention, Duration lease) {}

    private final String tenantId;
    private final String key;
    private final @Nullable Unclaimed unclaimed;
    private volatile boolean claimed;
    private volatile boolean written;
    private volatile @Nullable Function<ResourceRecord, StoredResponse> answerOf;
    private volatile @Nullable StoredResponse answer;

    private KeyedCreate(String tenantId, String key, @Nullable Unclaimed unclaimed) {
        this.tenantId = tenantId;
        this.key = key;
        this.unclaimed = unclaimed;
    }

    /** A create on a key its run has claimed already. */
    static KeyedCreate onClaim(String tenantId, String key) {
        return new KeyedCreate(tenantId, key, null);
    }

    /** A create that claims the key in its own statement. */
    static KeyedCreate claiming(String tenantId, String key, Unclaimed unclaimed) {
        return new KeyedCreate(tenantId, key, unclaimed);
    }

    Context context() {
        return Context.of(KeyedCreate.class, this);
    }

    /** The key the create running in {@code context} claims or marks, or null when it runs on no key. */
    public static @Nullable KeyedCreate of(ContextView context, String tenantId) {
        KeyedCreate keyed = context.getOrDefault(KeyedCreate.class, null);
        return keyed != null && keyed.tenantId.equals(tenantId) ? keyed : null;
    }

    String tenantId() {
        return tenantId;
    }

    public String key() {
        return key;
    }

    /** Null when the run holds its claim already: the create marks it instead. */
    public @Nullable Unclaimed unclaimed() {
        return unclaimed;
    }

    /**
     * Offers how the run will answer once the resource exists, when that needs nothing read after
     * the write: the statement then keeps that answer with the key, and the run sends it as kept.
     */
    public void answerWith(Function<ResourceRecord, StoredResponse> render) {
        answerOf = render;
    }

    /** The answer to keep with the key in the statement that creates {@code created}; null when the run gives it later. */
    public @Nullable StoredResponse answerFor(ResourceRecord created) {
        Function<ResourceRecord, StoredResponse> render = answerOf;
        StoredResponse rendered = render == null ? null : render.apply(created);
        answer = rendered;
        return rendered;
    }

    /** The answer the statement kept with the key, once it wrote the resource; the client must get exactly it. */
    public @Nullable StoredResponse keptAnswer() {
        return written ? answer : null;
    }

    /** The store says so once the statement that claims the key has succeeded, whether or not it wrote the resource. */
    public void markClaimed() {
        claimed = true;
    }

    /** Whether the run holds the key: it claimed it first, or its create's statement did. */
    boolean claimed() {
        return unclaimed == null || claimed;
    }

    /** The store says so once the statement that claims or marks the key has written the resource. */
    public void markWritten() {
        written = true;
    }

    /**
     * Whether the create was written with its key. Inside a transaction that then rolled back it
     * was not, after all: then the run's answer finds no record to complete, and a retry runs again.
     */
    boolean written() {
        return written;
    }
}
