package dev.scimgateway.events;

import dev.scimgateway.edge.TenantPrincipal;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Who made a change and in which request, as the activity log records it: the token (id and name),
 * the request id, and for a {@code /Bulk} operation or a stream line the operation's {@code bulkId}
 * and its index in the request. It travels in the Reactor context from authentication to the
 * statement that writes the change, so no signature between them has to carry it.
 */
public record ChangeOrigin(@Nullable UUID tokenId, @Nullable String tokenName, @Nullable String requestId,
        @Nullable String bulkId, @Nullable Integer operationIndex) {

    /** A change made outside any request (a test, a migration): recorded without an origin. */
    public static final ChangeOrigin NONE = new ChangeOrigin(null, null, null, null, null);

    public static ChangeOrigin of(TenantPrincipal principal, String requestId) {
        return new ChangeOrigin(principal.tokenId(), principal.tokenName(), requestId, null, null);
    }

    /** The origin of the changes made in {@code context}. */
    public static ChangeOrigin of(ContextView context) {
        return context.getOrDefault(ChangeOrigin.class, NONE);
    }

    public Context context() {
        return Context.of(ChangeOrigin.class, this);
    }

    /** Marks the changes made downstream as the operation at {@code index} of a bulk request or stream. */
    public static Function<Context, Context> atOperation(@Nullable String bulkId, int index) {
        return context -> context.put(ChangeOrigin.class, of(context).operation(bulkId, index));
    }

    /** The same request's origin, marked as the operation at {@code index} of a bulk request or stream. */
    public ChangeOrigin operation(@Nullable String bulkId, int index) {
        return new ChangeOrigin(tokenId, tokenName, requestId, bulkId, index);
    }
}
