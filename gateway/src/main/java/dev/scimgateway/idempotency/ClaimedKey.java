package dev.scimgateway.idempotency;

import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * The key a run holds, as the store sees it in the Reactor context of a create made by that run:
 * the statement that creates the resource also marks the claim with the resource's id, so that a
 * change that committed is never without a way to answer its retries (see {@link Claim.Committed}).
 */
public record ClaimedKey(String tenantId, String key) {

    Context context() {
        return Context.of(ClaimedKey.class, this);
    }

    /** The key the create running in {@code context} must mark, or null when it runs on no claimed key. */
    public static @Nullable String of(ContextView context, String tenantId) {
        ClaimedKey claimed = context.getOrDefault(ClaimedKey.class, null);
        return claimed != null && claimed.tenantId().equals(tenantId) ? claimed.key() : null;
    }
}
